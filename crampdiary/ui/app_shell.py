"""The Kivy ``App``: builds the frame, opens the diary off the UI thread, holds the theme, the
state and the runner, and routes keyboard shortcuts. Screens do the rest."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import ObjectProperty

from crampdiary.ui.input_hold import InputHold
from crampdiary.ui.navigation import ScreenName
from crampdiary.ui.root import RootView
from crampdiary.ui.runner import BackgroundRunner, soon
from crampdiary.ui.state import AppState
from crampdiary.ui.theme import TEXT_SCALES, Theme, is_night

log = logging.getLogger(__name__)

# Preferences stored in the diary's settings table.
PREF_THEME = "app.theme"  # light | dark | night
PREF_NIGHT_AUTO = "app.night_auto"  # "true": offer the night theme at night
PREF_TEXT = "app.text_size"  # normal | large | largest

BUSY_LINE_AFTER_S = 0.25
"""Work shorter than this shows no busy line (it would only flash)."""

OPEN_AT_LATEST_S = 1.0
"""The diary opens after the first frame; this long after start if no frame has been flipped."""


class CrampDiaryApp(App):
    title = "Cramp Diary"
    theme = ObjectProperty(None)
    state = ObjectProperty(None)
    runner = ObjectProperty(None)
    preview = ObjectProperty(None, allownone=True)
    """While the diary opens at start: the first look at its file (``storage.peek.DiaryPeek``)
    that home shows; None once the diary is open (or when there was no first look)."""

    def __init__(self, db_target: str | None = None, clock=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db_target = db_target
        self.clock = clock or (lambda: datetime.now().replace(microsecond=0))
        self.theme = Theme()
        self.state = AppState()
        self.runner = BackgroundRunner()
        self._warnings_asked = 0
        self._warnings_key: tuple | None = None  # (diary, data version, day) last worked out
        self._open_at_start = False
        self.input_hold = InputHold(self._on_key_down)
        # Warnings follow the data: every change (and the first open) bumps data_version. A
        # trigger, so that a screen reloading on the same change (home) can work them out in its
        # own background task first, and they are not worked out twice.
        self.state.bind(data_version=Clock.create_trigger(self.refresh_warnings))

    # --- start-up -------------------------------------------------------------------------

    def build(self):
        Window.clearcolor = self.theme.bg
        self.theme.bind(bg=lambda _t, value: setattr(Window, "clearcolor", value))
        root = RootView()
        # The busy line: on while the runner has work (or the diary opens behind home's first
        # look), off when it has none. Checked once a frame, so that a task handing over to the
        # next one does not flicker. It comes on only after BUSY_LINE_AFTER_S: a save and home's
        # reload take a few hundredths of a second, and a line flashing on and off would only
        # redraw the whole window twice while they run.
        self._busy_on = Clock.create_trigger(
            lambda _dt: setattr(root, "busy", 1), BUSY_LINE_AFTER_S
        )

        def show_busy(_dt: float) -> None:
            if self.runner.busy or self.preview is not None:
                if not root.busy:
                    self._busy_on()
            else:
                self._busy_on.cancel()
                root.busy = 0

        busy_changed = Clock.create_trigger(show_busy)
        self.runner.bind(busy=busy_changed)
        self.bind(preview=busy_changed)
        Window.bind(on_key_down=self._on_key_down, on_request_close=self._on_request_close)
        return root

    def on_start(self) -> None:
        # Importing SQLAlchemy and the services takes about as long as Kivy itself, and imports
        # hold the GIL: started before the first frame, they only delay it. So the diary opens
        # once the first frame has been flipped, or after OPEN_AT_LATEST_S; reminders start once
        # home (or the problem screen) shows.
        self._open_at_start = True
        self.root.busy = 1  # the first frame already says that the diary is on its way
        self._start_fallback = Clock.schedule_once(self._first_frame_shown, OPEN_AT_LATEST_S)
        Window.bind(on_flip=self._first_frame_shown)

    def _first_frame_shown(self, *_args) -> None:
        Window.unbind(on_flip=self._first_frame_shown)
        self._start_fallback.cancel()
        soon(self._start)  # after this flip's other handlers

    def _start(self) -> None:
        if self._open_at_start:  # not already opened another way
            self.open_at_start(self.db_target)

    @property
    def reading(self):
        """The diary screens read from: the open one, or while it opens, the first look at its
        file (read-only: writes always go to ``diary``)."""
        return self.state.diary if self.state.diary is not None else self.preview

    def open_at_start(self, target: str | None) -> None:
        """Home, with the diary's data read straight from its file (``storage.peek``: plain
        sqlite3, read-only), while the services load and the diary opens behind it. Taps and
        keys are held until it is open. Without a first look (no file yet, one to update, a
        URL, anything unusual) the diary simply opens, as it always did."""
        self._open_at_start = True  # until the diary is opened, this way or another
        navigator = self.root.navigator

        def work():
            from crampdiary.storage.peek import peek_diary

            peek = peek_diary(target)
            return None if peek is None else (peek, peek.settings("app."))

        def open_now(*_args) -> None:
            self._drop_preview()
            self.input_hold.release(play_back=False)  # nothing of the diary was shown to tap
            self.open_diary(target)

        def done(result) -> None:
            if not self._open_at_start:
                return  # opened another way meanwhile (the problem screen, say)
            if result is None:
                open_now()
                return
            peek, prefs = result
            self.preview = peek
            self.input_hold.start()

            def shown() -> None:
                self.apply_preferences(prefs)
                navigator.reset(ScreenName.HOME)
                # The diary opens once this frame is on screen: loading the services meanwhile
                # would only slow the frame down (both hold the GIL). At the latest after
                # OPEN_AT_LATEST_S (a window that draws no frame, minimised say).
                Window.bind(on_flip=open_after_frame)
                latest.append(Clock.schedule_once(open_after_frame, OPEN_AT_LATEST_S))

            home.reload(then=shown, or_else=open_now)

        latest: list = []

        def open_after_frame(*_args) -> None:
            Window.unbind(on_flip=open_after_frame)
            if not latest:
                return  # already on its way
            latest.pop().cancel()
            soon(lambda: self.open_diary(target))

        self.runner.submit(work, done, open_now)
        # Home is built (off screen) while the file is read: it is needed either way.
        home = navigator.prepare(ScreenName.HOME)

    def _drop_preview(self) -> None:
        """Let the first look go (its connection is closed on the runner, after any read)."""
        peek, self.preview = self.preview, None
        if peek is not None:
            self.runner.submit(peek.close)

    def _settle(self, *_args) -> None:
        """Once the diary is open and home shows: reminders start, and everything loaded so far
        (Kivy, SQLAlchemy, the screens) is set aside from garbage collection. A full collection
        otherwise walks it all again, pausing the window for 60 to 90 ms, e.g. on the first visit
        to Insights (10 to 25 ms when set aside, measured). Once: later opens (a restored
        diary) leave the collector alone."""
        import gc

        self._start_reminders()
        if not gc.get_freeze_count():
            # A moment later: home's first look has been replaced and let go of by then.
            Clock.schedule_once(lambda _dt: gc.freeze(), 0.5)

    def _start_reminders(self, *_args) -> None:
        from crampdiary.ui.lists.reminder_ticker import start_reminders

        start_reminders(self)

    def open_diary(self, target: str | None, on_open=None) -> None:
        """Open (and if needed migrate) the diary in the background, then show home."""
        self._open_at_start = False
        self.db_target = target  # the problem screen restores or retries this one

        def work():
            from crampdiary.services import Diary

            diary = Diary.open(target, clock=self.clock)
            return diary, diary.settings("app.")

        navigator = self.root.navigator

        def show(diary, prefs: dict[str, str]) -> None:
            self.apply_preferences(prefs)
            navigator.reset(ScreenName.HOME)
            if on_open is not None:
                on_open(diary)
            # Taps held during home's first look act now, on the home they were meant for.
            self.input_hold.release(play_back=True)
            Clock.schedule_once(self._settle, 0)  # after this frame

        def done(result) -> None:
            diary, prefs = result
            old = self.state.diary
            self.state.diary = diary  # home keeps showing the first look until it has reloaded
            self._drop_preview()
            self.state.open_error = ""
            if old is not None and old is not diary:
                self.runner.submit(old.close)
            if navigator.current == ScreenName.HOME:
                # Home hides what it showed of the diary before until this one's data is here.
                self.state.changed()
                show(diary, prefs)
                return
            # Home is built off screen and shown, with the theme, once its data is here: one
            # frame shows it all.
            home = navigator.prepare(ScreenName.HOME)
            self.state.changed()
            home.reload(then=lambda: show(diary, prefs))

        self.runner.submit(work, done, self._open_failed)

    def _open_failed(self, error: BaseException) -> None:
        from crampdiary.storage import DiaryError

        log.error("could not open the diary: %s", error)
        if self.preview is not None:
            # Home showed the first look at this file: it must not keep showing it (back from
            # the problem screen, it shows nothing of a diary that is not open).
            self._drop_preview()
            self.state.warnings = []
            if self.root.navigator.has_screen(ScreenName.HOME.value):
                self.root.navigator.get_screen(ScreenName.HOME.value).loaded = False
        self.input_hold.release(play_back=False)  # those taps were meant for home
        text = (
            str(error)
            if isinstance(error, DiaryError | OSError)
            else (f"The diary could not be opened ({error}).")
        )
        self.state.open_error = text
        self.root.navigator.reset(ScreenName.PROBLEM)
        self._start_reminders()

    def apply_preferences(self, prefs: dict[str, str]) -> None:
        name = prefs.get(PREF_THEME, "light")
        if prefs.get(PREF_NIGHT_AUTO, "true") == "true" and is_night(self.clock()):
            name = "night"
        self.theme.apply(name, TEXT_SCALES.get(prefs.get(PREF_TEXT, "normal"), 1.0))

    # --- services for screens -------------------------------------------------------------

    @property
    def diary(self):
        return self.state.diary

    def go(self, name: ScreenName | str, **params):
        return self.root.navigator.go(ScreenName(name), **params)

    def back(self) -> bool:
        return self.root.navigator.back()

    def notify(self, text: str, *, action_text: str = "", action=None, error: bool = False):
        self.root.message_bar.show(text, action_text=action_text, action=action, error=error)

    def write(self, work, on_done=None, what: str = "save", on_error=None):
        """Run a diary change in the background; bump the data version; show failures.

        ``on_error(error)`` may handle a failure itself (e.g. show it next to a form field) and
        return True; otherwise the failure is shown in the message bar.
        """

        def done(result) -> None:
            self.state.changed()
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            if on_error is not None and on_error(error):
                return
            self.notify(f"Could not {what}: {error}", error=True)

        return self.runner.submit(work, done, failed)

    def refresh_warnings(self, *_args) -> None:
        """Recompute ``state.warnings`` (urgent first) in the background for today's date,
        unless they have been worked out (or asked for) for this diary, data and day already."""
        job = self.warnings_job()
        if job is not None:
            self.runner.submit(job.work, job.show, job.failed)

    def warnings_job(self) -> WarningsJob | None:
        """The background work for the warning signs, for a screen to run within its own task
        (home does, so that its numbers and the warnings arrive together); None when they are
        already worked out, or asked for, for this diary, data version and day."""
        diary = self.reading
        if diary is None:
            self._warnings_key = None
            self.state.warnings = []
            return None
        today = self.clock().date()
        key = (diary, self.state.data_version, today)
        if key == self._warnings_key:
            return None
        self._warnings_key = key
        self._warnings_asked += 1
        return WarningsJob(self, diary, today, self._warnings_asked)

    def _show_warnings(self, job: WarningsJob, found: list) -> None:
        # Only the latest request for the open diary wins (an older one may finish later).
        if job.asked == self._warnings_asked and self.reading is job.diary:
            self.state.warnings = sorted(found, key=warning_rank)

    def _warnings_failed(self, job: WarningsJob, error: BaseException) -> None:
        log.error("could not work out the warning signs: %s", error)
        if job.asked == self._warnings_asked:
            self._warnings_key = None  # try again on the next change or visit

    # --- keyboard -------------------------------------------------------------------------

    def _on_key_down(self, _window, key, _scancode, _codepoint, modifiers) -> bool:
        if self.input_hold.active:
            return self.input_hold.hold_key(_window, key, _scancode, _codepoint, modifiers)
        ctrl = "ctrl" in modifiers or "meta" in modifiers
        navigator = self.root.navigator
        screen = navigator.current_screen
        if ctrl and key == ord("n") and self.state.diary is not None:
            self.go(ScreenName.EPISODE, episode=None)
            return True
        if key == 27:  # Esc (and Android's back key)
            return navigator.back() or True
        if key in (13, 271) and hasattr(screen, "on_enter_key"):
            return bool(screen.on_enter_key())
        return False

    def _on_request_close(self, *_args) -> bool:
        return False

    def on_stop(self) -> None:
        self.runner.shutdown()
        if self.state.diary is not None:
            self.state.diary.close()


class WarningsJob:
    """One request for the warning signs: ``work`` runs on the runner, ``show`` (or ``failed``)
    on the UI thread with its result."""

    def __init__(self, app: CrampDiaryApp, diary, today, asked: int) -> None:
        self.app, self.diary, self.today, self.asked = app, diary, today, asked

    def work(self) -> list:
        from crampdiary.services.insights import current_warnings

        return list(current_warnings(self.diary, self.today))

    def show(self, found: list) -> None:
        self.app._show_warnings(self, found)

    def failed(self, error: BaseException) -> None:
        self.app._warnings_failed(self, error)


_LEVELS = {"urgent": 0, "see-doctor": 1, "info": 2}


def warning_rank(warning) -> int:
    """Urgent first, then see-doctor, then info (sorting is stable within a level)."""
    return _LEVELS.get(str(getattr(warning, "severity", "info")), 3)


def default_export_folder() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir())
