"""Home: "Cramp now" (a live timer, saved with one more tap), "Log a cramp", the warning signs
(urgent first), the last 7 days in numbers, the last few cramps, and the way to every other part.

Every diary call goes through ``app.runner``/``app.write``; the timer's time is ``app.clock()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from kivy.app import App
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.domain import SLEEP_CONTEXTS, Context, Episode, Muscle, Side
from crampdiary.domain.enums import MUSCLE_LABELS
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.navigation import ScreenName
from crampdiary.ui.widgets import warning_card  # noqa: F401  (WarningsPanel in kv)
from crampdiary.ui.widgets.layout import arrange, is_wide, keep, to_top
from crampdiary.ui.widgets.words import describe_duration, describe_where, episode_line

DEFAULT_MUSCLE, DEFAULT_SIDE, DEFAULT_SEVERITY = Muscle.CALF, Side.LEFT, 5
RECENT_COUNT = 5
log = logging.getLogger(__name__)
TIMER_MUSCLES = (
    Muscle.CALF,
    Muscle.FOOT,
    Muscle.THIGH_FRONT,
    Muscle.THIGH_BACK,
    Muscle.INNER_THIGH,
    Muscle.HAND,
)
NIGHT_FROM_HOUR, NIGHT_UNTIL_HOUR = 22, 7
PREF_TIMER = "home.timer_started"
"""Where a running timer's start is kept, so closing the app (or the tablet) does not lose it."""
RESUME_WITHIN = timedelta(hours=1)
"""A timer found running after a restart resumes only if it started this recently."""


LONG_TIMER_MINUTES = 10  # past this, the saved message asks whether the timer ran on


def context_for(started: datetime) -> Context:
    """What the timer records as the context: asleep from 22:00 to 07:00, else resting."""
    night = started.hour >= NIGHT_FROM_HOUR or started.hour < NIGHT_UNTIL_HOUR
    return Context.ASLEEP if night else Context.RESTING


def timer_duration(started: datetime, stopped: datetime) -> float:
    """Minutes, to a tenth (2 min 30 s → 2.5)."""
    return round(max(0.0, (stopped - started).total_seconds()) / 60, 1)


def week_numbers(episodes: list[Episode], today) -> tuple[int, int, int]:
    """Cramps, cramp days and cramp nights in the last 7 days (spec §2.2: W(7), N(e))."""
    first = today - timedelta(days=6)
    in_week = [e for e in episodes if first <= e.day <= today]
    nights = {
        e.day - timedelta(days=1) if e.started_at.hour < 12 else e.day
        for e in episodes
        if e.context in SLEEP_CONTEXTS
    }
    return len(in_week), len({e.day for e in in_week}), len({n for n in nights if n >= first})


def plural(count: int, word: str, words: str | None = None) -> str:
    return word if count == 1 else (words or word + "s")


class HomeScreen(Screen):
    week_cramps = NumericProperty(0)
    week_days = NumericProperty(0)
    week_nights = NumericProperty(0)
    week_words = ListProperty(["cramps", "cramp days", "cramp nights"])
    has_recent = BooleanProperty(False)
    timing = BooleanProperty(False)
    timer_muscle = StringProperty(DEFAULT_MUSCLE.value)
    timer_side = StringProperty(DEFAULT_SIDE.value)
    timer_muscles = ListProperty()
    last_muscle = StringProperty(DEFAULT_MUSCLE.value)
    last_side = StringProperty(DEFAULT_SIDE.value)
    last_severity = NumericProperty(DEFAULT_SEVERITY)
    cramp_now_hint = StringProperty("")
    wide = BooleanProperty(True)
    loaded = BooleanProperty(False)
    """True once the open diary's numbers, last cramps and warnings are shown (until then the
    screen shows nothing rather than another diary's data or zeros)."""

    def on_kv_post(self, _base) -> None:
        self._recent: dict[str, Episode] = {}
        self._recent_rows: list = []  # RecentRow buttons, reused from one reload to the next
        self._timer_changes = 0  # bumped on start/stop/cancel: older reloads must not resume
        self._timer_view = None  # built after home's first frame with data (timer_view())
        self._loaded_for: tuple | None = None  # (diary, data version, day) shown now
        self._file_version = None  # the diary file's own version when that was read
        self._been_away = False  # another screen was shown since home was
        self._sections = keep(
            self.ids,
            "dashboard",
            "right_column",
            "actions_section",
            "warnings_section",
            "week_section",
            "recent_section",
            "nav_section",
        )
        state = App.get_running_app().state
        state.bind(
            data_version=self._data_changed, timer_started=self._show_body, diary=self._diary_opened
        )
        self.bind(size=self._arrange, loaded=self._show_body)
        self._arrange()
        self._show_body()

    def on_pre_enter(self, *_args) -> None:
        to_top(self.ids.dashboard)
        if self._loaded_for != self._data_key():  # the data (or the date) moved on since
            self.reload()
        elif self._been_away:
            self._check_outside_changes()
        self._been_away = False

    def on_leave(self, *_args) -> None:
        self._been_away = True

    def _check_outside_changes(self) -> None:
        """Another program (the command line, say) may have written to the diary file since
        home read it: ask the file for its version in the background, and if it moved on, the
        app treats it as a change of its own (home, warnings and other screens follow)."""
        app = App.get_running_app()
        diary, seen = app.diary, self._file_version
        if diary is None or seen is None:
            return

        def done(version) -> None:
            if app.diary is diary and version != seen and self._file_version == seen:
                app.state.changed()

        app.runner.submit(diary.data_version, done)

    # --- data --------------------------------------------------------------------------------

    def _data_changed(self, *_args) -> None:
        if self.manager is not None and self.manager.current == self.name:
            self.reload()

    def _diary_opened(self, *_args) -> None:
        if App.get_running_app().preview is not None:
            return  # the first look at this very file shows until the reload replaces it
        self.loaded = False  # show nothing of the diary before until this one's data is here

    def _data_key(self) -> tuple:
        app = App.get_running_app()
        return (app.reading, app.state.data_version, app.clock().date())

    def reload(
        self,
        then: Callable[[], None] | None = None,
        *,
        or_else: Callable[[], None] | None = None,
    ) -> None:
        """Read this week's numbers, the last cramps and a running timer, and the warning signs
        if they need working out, in one background task: they all appear in the same frame.
        ``then()`` is called in that frame, once they are shown.

        While the diary opens, what is read is the app's first look at its file
        (``app.preview``); if that cannot be read after all, nothing is shown and ``or_else()``
        is called instead (home waits for the diary)."""
        app = App.get_running_app()
        diary = app.reading
        if diary is None:
            return
        first_look = diary is app.preview
        key = self._data_key()
        today = key[2]
        timer_changes = self._timer_changes
        warnings = app.warnings_job()

        def work():
            # From 7 days back: a cramp early on the first day belongs to the night before it.
            around_week = diary.episodes(today - timedelta(days=7), today)
            recent = diary.episodes(newest_first=True, limit=RECENT_COUNT)
            running = diary.settings(PREF_TIMER).get(PREF_TIMER, "")
            found = None
            if warnings is not None:
                try:
                    found = warnings.work()
                except Exception as error:  # home's own numbers still show
                    found = error
            return around_week, recent, running, found, diary.data_version()

        def failed(error: BaseException) -> None:
            if warnings is not None:
                warnings.failed(error)
            if or_else is not None:
                log.info("home's first look failed (%s); waiting for the diary", error)
                or_else()
                return
            log.error("could not read home's data: %s", error)
            if app.reading is diary:
                self.loaded = True
                if then is not None:
                    then()

        def done(result) -> None:
            around_week, recent, running, found, version = result
            if warnings is not None:
                if isinstance(found, BaseException):
                    warnings.failed(found)
                else:
                    warnings.show(found)
            self.week_cramps, self.week_days, self.week_nights = week_numbers(around_week, today)
            self.week_words = [
                plural(self.week_cramps, "cramp"),
                plural(self.week_days, "cramp day"),
                plural(self.week_nights, "cramp night"),
            ]
            last = recent[0] if recent else None
            if last is not None:
                self.last_muscle, self.last_side = last.muscle.value, last.side.value
                self.last_severity = last.severity_0_10
            else:
                self.last_muscle, self.last_side = DEFAULT_MUSCLE.value, DEFAULT_SIDE.value
                self.last_severity = DEFAULT_SEVERITY
            where = describe_where(self.last_muscle, self.last_side)
            self.cramp_now_hint = f"Starts a timer for: {where}"
            self._show_recent(recent, today)
            if running and timer_changes == self._timer_changes:
                # From the first look at the file, a timer only carries on: one to forget (and
                # say so) waits for the open diary, where forgetting it is saved.
                self._resume_timer(running, settle=not first_look)
            if app.reading is diary:
                self._loaded_for = key
                self._file_version = version
                self.loaded = True
                if then is not None:
                    then()
                if self._timer_view is None:  # ready before "Cramp now" is pressed
                    Clock.schedule_once(lambda _dt: self.timer_view(), 0)

        app.runner.submit(work, done, failed)

    def _show_recent(self, episodes: list[Episode], today) -> None:
        """Show the last cramps, reusing the rows already there (a save changes one line's
        worth, not five buttons)."""
        box = self.ids.recent_list
        self._recent = {e.id: e for e in episodes}
        self.has_recent = bool(episodes)
        rows = self._recent_rows
        while len(rows) < len(episodes):
            row = Factory.RecentRow()
            row.bind(on_release=self._row_pressed)
            rows.append(row)
        for row, episode in zip(rows, episodes, strict=False):
            row.text = episode_line(episode, today)
            row.episode_id = episode.id
            if row.parent is None:
                box.add_widget(row)
        for row in rows[len(episodes) :]:
            if row.parent is not None:
                box.remove_widget(row)

    def recent_rows(self) -> list:
        return list(reversed(self.ids.recent_list.children))

    def _row_pressed(self, row) -> None:
        self.open_episode(self._recent[row.episode_id])

    # --- actions -----------------------------------------------------------------------------

    def log_cramp(self) -> None:
        App.get_running_app().go(ScreenName.EPISODE, episode=None)

    def open_episode(self, episode: Episode) -> None:
        App.get_running_app().go(ScreenName.EPISODE, episode=episode)

    def open_screen(self, name: str) -> None:
        app = App.get_running_app()
        try:
            app.go(ScreenName(name))
        except ImportError:
            app.notify("That part of Cramp Diary is not ready yet.")

    def acknowledge(self, warning_id: str) -> None:
        state = App.get_running_app().state
        if warning_id not in state.acknowledged:
            state.acknowledged = [*state.acknowledged, warning_id]

    def on_enter_key(self) -> bool:
        if self.timing:
            self.stop_timer()
            return True
        return False

    # --- the "Cramp now" timer ---------------------------------------------------------------

    def start_timer(self) -> None:
        app = App.get_running_app()
        self._offer_timer_places()
        started = app.clock()
        app.state.timer_started = started
        self._remember_timer(started)

    def cancel_timer(self) -> None:
        App.get_running_app().state.timer_started = None
        self._remember_timer(None)

    def _offer_timer_places(self) -> None:
        self.timer_muscle, self.timer_side = self.last_muscle, self.last_side
        shown = list(TIMER_MUSCLES)
        if Muscle(self.last_muscle) not in shown:
            shown.insert(0, Muscle(self.last_muscle))
        self.timer_muscles = [(m.value, MUSCLE_LABELS[m]) for m in shown]

    def _remember_timer(self, started: datetime | None) -> None:
        """Keep (or forget) the running timer in the diary's settings, in the background."""
        self._timer_changes += 1
        diary = App.get_running_app().diary
        if diary is None:
            return
        value = started.isoformat() if started is not None else ""
        App.get_running_app().runner.submit(lambda: diary.save_settings({PREF_TIMER: value}))

    def _resume_timer(self, running: str, *, settle: bool = True) -> None:
        """A timer was running when the app last closed: carry on if it is recent, else (when
        ``settle``) forget it and say so."""
        app = App.get_running_app()
        if app.state.timer_started is not None:
            return
        try:
            started = datetime.fromisoformat(running)
        except ValueError:
            started = None
        if started is not None and timedelta(0) <= app.clock() - started <= RESUME_WITHIN:
            self._offer_timer_places()
            app.state.timer_started = started
            return
        if not settle:
            return
        self._remember_timer(None)
        if started is None:
            return
        app.notify(
            f"A cramp timer started at {started:%H:%M} on {started:%a} {started.day} "
            f"{started:%b} was still running when Cramp Diary closed. It was not saved.",
            action_text="Log it",
            action=self.log_cramp,
        )

    def stop_timer(self) -> None:
        app = App.get_running_app()
        started = app.state.timer_started
        diary = app.diary
        if started is None or diary is None:
            return
        app.state.timer_started = None
        self._remember_timer(None)
        muscle, side = Muscle(self.timer_muscle), Side(self.timer_side)
        draft = Episode(
            started_at=started,
            duration_minutes=timer_duration(started, app.clock()),
            muscle=muscle,
            side=side,
            severity_0_10=int(self.last_severity),
            context=context_for(started),
        )
        self._save_timed(draft)

    def _save_timed(self, draft: Episode) -> None:
        app = App.get_running_app()
        diary = app.diary

        def work():
            taken = tuple(m.snapshot() for m in diary.medicines_on(draft.day))
            return diary.log_episode(draft.with_changes(medications=taken))

        def done(episode: Episode) -> None:
            where = describe_where(episode.muscle, episode.side)
            saved = f"Saved: {where}, {describe_duration(episode.duration_minutes)}."
            if episode.duration_minutes > LONG_TIMER_MINUTES:
                # Someone may have fallen asleep with the timer running: say so, calmly.
                app.notify(
                    f"{saved} If the timer kept running after the cramp eased, "
                    "please correct the time.",
                    action_text="Correct it",
                    action=lambda: self.open_episode(episode),
                )
                return
            app.notify(saved, action_text="Add details", action=lambda: self.open_episode(episode))

        def failed(error: BaseException) -> bool:
            # Keep the cramp: the message offers to try the same save again.
            app.notify(
                f"Could not save the cramp: {error}",
                action_text="Try again",
                action=lambda: self._save_timed(draft),
                error=True,
            )
            return True

        app.write(work, done, what="save the cramp", on_error=failed)

    # --- layout ------------------------------------------------------------------------------

    def timer_view(self):
        """The running timer's view (built on first use, or just after home first shows data):
        ``ids.timer_view``, with the ``CrampTimer`` as ``ids.cramp_timer``."""
        if self._timer_view is None:
            from crampdiary.ui.widgets import cramp_timer  # noqa: F401  (CrampTimer in kv)

            view = Factory.HomeTimerView()
            timer = view.ids.cramp_timer
            timer.wide, timer.muscle_options = self.wide, self.timer_muscles
            timer.muscle, timer.side = self.timer_muscle, self.timer_side
            timer.started = App.get_running_app().state.timer_started
            self.bind(
                wide=timer.setter("wide"),
                timer_muscles=timer.setter("muscle_options"),
                timer_muscle=timer.setter("muscle"),
                timer_side=timer.setter("side"),
            )
            timer.bind(
                muscle=self.setter("timer_muscle"),
                side=self.setter("timer_side"),
                on_stop=lambda _timer: self.stop_timer(),
                on_cancel=lambda _timer: self.cancel_timer(),
            )
            self.ids["timer_view"], self.ids["cramp_timer"] = view, timer
            self._timer_view = view
        return self._timer_view

    def _show_body(self, *_args) -> None:
        started = App.get_running_app().state.timer_started
        self.timing = started is not None
        if self.timing or self._timer_view is not None:
            self.timer_view().ids.cramp_timer.started = started
        body = self.timer_view() if self.timing else self.ids.dashboard
        arrange([(self.ids.home_body, [body] if self.loaded else [])])

    def _arrange(self, *_args) -> None:
        wide = is_wide(self.width)
        if wide == self.wide and self.ids.left_column.children:
            return
        self.wide = wide
        ids = self.ids
        sections = ids.actions_section, ids.warnings_section, ids.week_section
        ids.left_column.size_hint_x = 0.45 if wide else 1
        if wide:
            arrange(
                [
                    (ids.columns, [ids.left_column, ids.right_column]),
                    (ids.left_column, [ids.actions_section, ids.week_section, ids.nav_section]),
                    (ids.right_column, [ids.warnings_section, ids.recent_section]),
                ]
            )
        else:
            arrange(
                [
                    (ids.columns, [ids.left_column]),
                    (ids.left_column, [*sections, ids.recent_section, ids.nav_section]),
                    (ids.right_column, []),
                ]
            )


load_kv("screens/home_parts.kv")
load_kv("screens/home.kv")
