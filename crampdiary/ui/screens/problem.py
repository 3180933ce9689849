"""Shown when the diary cannot be opened: says why in plain words (``state.open_error``), what it
means for the person's cramps, and what they can do: restore the latest automatic backup (which
keeps the bad file aside, unchanged) or try again once the cause is fixed.

Looks at the file and its backups in the background (checking a backup reads all of it); never
writes to the diary except through ``storage.backups.restore`` when the person asks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.storage import (
    DiaryError,
    DiaryNotAccessible,
    DiaryTooNew,
    DiaryUnreadable,
    backups,
    resolve_target,
)
from crampdiary.storage.database import check_file
from crampdiary.ui.kvload import load_kv

log = logging.getLogger(__name__)

ADVICE = {
    "damaged": (
        "Cramp Diary keeps a copy of your diary every day. Restoring the latest copy brings "
        "back everything up to that day. The damaged file is kept, unchanged, in the backups "
        "folder, in case someone can repair it."
    ),
    "damaged-no-backup": (
        "There is no automatic copy of this diary to go back to. The file has been left "
        "exactly as it was: if it holds your cramps, keep it safe, as someone may be able to "
        "repair it. You can also start a new, empty diary; this file is then kept, unchanged, "
        "in the backups folder."
    ),
    "too-new": (
        "A newer version of Cramp Diary saved this diary, and this version cannot read it. "
        "The best fix is to update the app. If you cannot, you can go back to the latest copy "
        "this version can read; the newer file is kept, unchanged, in the backups folder."
    ),
    "access": (
        "Your diary may be perfectly fine: it just cannot be used here at the moment. Check "
        "that the folder it is in can be written to and that no other program is holding it, "
        "then press Try again."
    ),
    "unknown": (
        "Nothing has been changed or deleted. Try again; if this keeps happening, the latest "
        "automatic copy of your diary can be restored instead."
    ),
}


@dataclass(frozen=True)
class Diagnosis:
    """What is wrong with the file, and the newest backup that this version can open."""

    kind: str
    backup: Path | None
    backup_taken: datetime | None


def diagnose(path: Path) -> Diagnosis:
    """Look at the file again, read-only, to tell damage from access problems."""
    kind = "unknown"
    try:
        check_file(path)
    except DiaryNotAccessible:
        kind = "access"
    except DiaryTooNew:
        kind = "too-new"
    except DiaryUnreadable:
        kind = "damaged"
    except OSError:
        kind = "access"
    backup = backups.latest_backup(path)
    return Diagnosis(kind, backup, backups.backup_time(backup) if backup else None)


def describe_time(when: datetime | None) -> str:
    if when is None:
        return "an earlier day"
    return f"{when:%a} {when.day} {when:%b %Y}, {when:%H:%M}"


class ProblemScreen(Screen):
    problem_text = StringProperty("")
    advice_text = StringProperty("")
    restore_text = StringProperty("")
    backup_note = StringProperty("")
    status_text = StringProperty("")
    can_restore = BooleanProperty(False)
    can_start_empty = BooleanProperty(False)
    working = BooleanProperty(False)

    def on_kv_post(self, base_widget) -> None:
        # A new failure while this screen is already showing (Try again, another file) does not
        # enter the screen again: follow the error itself.
        self._app().state.bind(open_error=self._error_changed)

    def on_pre_enter(self, *_args) -> None:
        self.refresh()

    def _error_changed(self, _state, error: str) -> None:
        if error and self.manager is not None and self.manager.current == self.name:
            self.refresh()

    def _app(self):
        return App.get_running_app()

    def _path(self) -> Path | None:
        try:
            return resolve_target(self._app().db_target).path
        except DiaryError:
            return None

    def refresh(self) -> None:
        """Show the error now; look for a backup in the background."""
        app = self._app()
        self.problem_text = app.state.open_error or "Your diary could not be opened."
        self.advice_text = ADVICE["unknown"]
        self.restore_text = "Looking for a backup..."
        self.backup_note = ""
        self.status_text = ""
        self.can_restore = False
        self.can_start_empty = False
        self._diagnosis: Diagnosis | None = None
        path = self._path()
        if path is None:
            self.restore_text = ""
            self.backup_note = "This diary is not a file, so it has no automatic backups."
            return
        app.runner.submit(lambda: diagnose(path), self._diagnosed, self._diagnose_failed)

    def _diagnosed(self, diagnosis: Diagnosis) -> None:
        self._diagnosis = diagnosis
        self.advice_text = ADVICE[diagnosis.kind]
        path = self._path()
        folder = backups.backup_folder(path) if path else None
        if diagnosis.backup is None:
            self.restore_text = ""
            self.backup_note = "There is no automatic backup of this diary yet."
            if diagnosis.kind == "damaged":
                self.advice_text = ADVICE["damaged-no-backup"]
            self.can_start_empty = diagnosis.kind in ("damaged", "too-new")
        elif diagnosis.kind == "access":
            self.restore_text = ""
            self.backup_note = f"Automatic backups are kept in {folder}."
        else:
            self.can_restore = True
            self.restore_text = (
                "Restore the latest automatic backup "
                f"(from {describe_time(diagnosis.backup_taken)})"
            )
            self.backup_note = f"Automatic backups are kept in {folder}."

    def _diagnose_failed(self, error: BaseException) -> None:
        log.error("could not look for backups: %s", error)
        self.restore_text = ""
        self.backup_note = "The backups could not be looked at."

    # --- actions --------------------------------------------------------------------------

    def try_again(self) -> None:
        app = self._app()
        self.status_text = "Opening your diary..."
        app.state.open_error = ""  # so that failing again, even the same way, shows afresh
        app.open_diary(app.db_target)

    def restore_latest(self) -> None:
        diagnosis = self._diagnosis
        path = self._path()
        if diagnosis is None or diagnosis.backup is None or path is None or self.working:
            return
        backup = diagnosis.backup
        self.working = True
        self.status_text = "Restoring your diary from the backup..."
        app = self._app()

        def restored(kept: Path | None) -> None:
            self.working = False
            when = describe_time(diagnosis.backup_taken)
            message = f"Your diary was restored from the backup of {when}."
            if kept is not None:
                message += f" The old file was kept as {kept.name} in the backups folder."
            app.state.open_error = ""
            app.open_diary(app.db_target, on_open=lambda _diary: app.notify(message))

        app.runner.submit(
            lambda: backups.restore(path, backup),
            restored,
            lambda error: self._action_failed(error, "The backup could not be restored"),
        )

    def start_empty(self) -> None:
        """Move the file aside, unchanged, and start a new diary in its place."""
        path = self._path()
        if path is None or self.working:
            return
        self.working = True
        self.status_text = "Starting a new diary..."
        app = self._app()

        def moved(kept: Path) -> None:
            self.working = False
            message = (
                "A new, empty diary was started. The old file was kept as "
                f"{kept.name} in the backups folder."
            )
            app.state.open_error = ""
            app.open_diary(app.db_target, on_open=lambda _diary: app.notify(message))

        app.runner.submit(
            lambda: backups.set_aside(path),
            moved,
            lambda error: self._action_failed(error, "A new diary could not be started"),
        )

    def _action_failed(self, error: BaseException, what: str) -> None:
        log.error("%s: %s", what, error)
        self.working = False
        if isinstance(error, DiaryError):
            self.status_text = f"{what}: {error}"
        else:
            self.status_text = f"{what} ({error}). Nothing was deleted."


load_kv("screens/problem.kv")
