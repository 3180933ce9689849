"""The app's side of "never lose a cramp" (issue 6): a diary that cannot be opened shows the
problem screen in plain words and offers the latest automatic backup; restoring it opens the
diary with the backup's cramps and keeps the bad file aside, never overwritten. And nothing the
app does opens a network connection."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from crampdiary.services import Diary
from crampdiary.storage import backups
from tests.safety.helpers import episode_for, file_state, fixed_clock
from tests.safety.test_corruption import TECHNICAL_WORDS, damage

pytestmark = pytest.mark.ui


def _diary_with_backup(folder: Path, count: int = 4) -> Path:
    path = folder / "kept" / "diary.db"
    diary = Diary.open(path, clock=fixed_clock, auto_backup=False)
    for seq in range(1, count + 1):
        diary.log_episode(episode_for(seq))
    diary.close()
    backups.make_backup(path, reason="daily")
    return path


def _open_and_wait_for_problem(ui: Any, path: Path) -> Any:
    ui.app.open_diary(str(path))
    ui.wait_until(lambda: ui.screen.name == "problem" and str(path) in ui.screen.problem_text)
    ui.idle()
    return ui.screen


@pytest.mark.parametrize(
    "kind", ["cut short", "garbage bytes", "not SQLite", "SQLite but not a diary", "newer version"]
)
def test_a_bad_diary_shows_the_problem_and_restores_the_latest_backup(
    ui: Any, tmp_path: Path, kind: str
) -> None:
    path = _diary_with_backup(tmp_path)
    backup = backups.latest_backup(path)
    assert backup is not None
    damage(path, kind)
    before = file_state(path)

    screen = _open_and_wait_for_problem(ui, path)
    problem = screen.ids.problem_text.text
    assert "diary" in problem.lower()
    assert not any(word in problem.lower() for word in TECHNICAL_WORDS), problem
    assert screen.ids.advice_text.text
    restore = screen.ids.restore_button
    assert restore.text.startswith("Restore the latest automatic backup (from ")
    assert not restore.disabled and restore.opacity == 1
    assert file_state(path) == before, "showing the problem changed the file"

    ui.press(restore)
    ui.wait_until(lambda: ui.screen.name == "home" and ui.app.diary.target.path == path)
    ui.idle()

    assert len(ui.app.diary.episodes()) == 4
    assert {e.id for e in ui.app.diary.episodes()} == {episode_for(s).id for s in range(1, 5)}
    kept = [p for p in backups.list_backups(path) if "set-aside" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == before[0], "the bad file was not kept"
    assert "restored" in ui.app.root.message_bar.text


def test_without_a_backup_the_screen_says_so_and_offers_to_try_again(
    ui: Any, tmp_path: Path
) -> None:
    path = tmp_path / "lonely.db"
    path.write_bytes(b"not a diary at all\n" * 300)
    screen = _open_and_wait_for_problem(ui, path)
    assert screen.ids.restore_button.opacity == 0
    assert screen.ids.restore_button.disabled
    assert "no automatic backup" in screen.ids.backup_note.text

    # Still bad: Try again says so again (the screen is already showing).
    ui.press(screen.ids.retry_button)
    ui.idle()
    assert ui.screen.name == "problem" and str(path) in screen.ids.problem_text.text
    assert screen.ids.status_text.text == ""
    # Fixed by hand (here: the file replaced by a good diary), Try again opens it.
    path.unlink()
    Diary.open(path, clock=fixed_clock).close()
    ui.press(screen.ids.retry_button)
    ui.wait_until(lambda: ui.screen.name == "home" and ui.app.diary.target.path == path)


def test_a_bad_backup_is_never_offered(ui: Any, tmp_path: Path) -> None:
    path = _diary_with_backup(tmp_path)
    for backup in backups.list_backups(path):
        damage(backup, "garbage inside")
    damage(path, "garbage bytes")
    screen = _open_and_wait_for_problem(ui, path)
    assert screen.ids.restore_button.opacity == 0
    assert "no automatic backup" in screen.ids.backup_note.text


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(repr(address))
            raise AssertionError(f"network connection to {address!r}")
        real_connect(self, address)

    def refused(*args: Any, **_kwargs: Any) -> Any:
        attempts.append(repr(args))
        raise AssertionError(f"network use {args!r}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", refused)
    monkeypatch.setattr(socket, "getaddrinfo", refused)
    return attempts


@pytest.mark.slow
def test_the_app_opens_no_network_connection(ui: Any, no_network: list[str]) -> None:
    from crampdiary.ui.navigation import SCREENS, ScreenName

    diary = ui.app.diary
    for seq in range(1, 30):
        diary.log_episode(episode_for(seq))
    ui.app.state.changed()
    ui.idle()
    visited = []
    for name in ScreenName:
        if name is ScreenName.PROBLEM:
            continue
        module = SCREENS[name].split(":")[0]
        try:
            __import__(module)
        except ImportError:  # a screen still being built by someone else
            continue
        ui.app.go(name.value)
        # Charts take a while on a busy machine; what matters here is that all work finishes.
        ui.wait_until(lambda: ui.app.runner.busy == 0, timeout=120)
        visited.append(name.value)
        ui.app.back()
        ui.wait_until(lambda: ui.app.runner.busy == 0, timeout=120)
    ui.app.write(lambda: diary.log_episode(episode_for(31)))
    ui.idle()
    assert "home" in visited and len(visited) >= 3
    assert no_network == []


def test_without_a_backup_a_new_diary_can_be_started_keeping_the_bad_file(
    ui: Any, tmp_path: Path
) -> None:
    path = tmp_path / "other" / "diary.db"  # not the ui fixture's own diary, which is open
    Diary.open(path, clock=fixed_clock).close()
    damage(path, "garbage inside")
    bad = path.read_bytes()
    screen = _open_and_wait_for_problem(ui, path)
    assert "no automatic copy" in screen.ids.advice_text.text
    start = screen.ids.start_empty_button
    assert start.opacity == 1 and not start.disabled

    ui.press(start)
    ui.wait_until(lambda: ui.screen.name == "home" and ui.app.diary.target.path == path)
    ui.idle()
    assert ui.app.diary.episodes() == []
    [kept] = [p for p in backups.list_backups(path) if "set-aside" in p.name]
    assert kept.read_bytes() == bad
    assert "kept as" in ui.app.root.message_bar.text


def test_a_full_disk_keeps_the_cramp_in_the_form_to_save_again(ui: Any) -> None:
    """A real SQLITE_FULL from the real diary (see tests/safety/test_write_failures.py for how),
    through the real form: the plain reason is shown, the answers stay, nothing saved before is
    lost, and Save works once there is space again."""
    from tests.safety.test_write_failures import disk_full
    from tests.ui.test_episode import fields, fill_required, new_form

    diary = ui.app.diary
    for seq in range(1, 4):
        diary.log_episode(episode_for(seq))
    before = diary.export_text("json")
    form = new_form(ui)
    fill_required(ui, form, severity=8)
    notes = "日" * 9_000  # more than the little free space left in the file
    fields(form).notes_input.text = notes

    with disk_full(diary):
        ui.press(form.ids.save_button)
        ui.idle()
        assert ui.screen is form
        assert "Your answers are still here" in form.form_message
        bar = ui.app.root.message_bar.text
        assert "The disk is full, so this was not saved" in bar, bar
        assert "Everything saved before is safe" in bar
        assert not any(word in bar.lower() for word in TECHNICAL_WORDS), bar
        assert fields(form).severity_scale.value == 8
        assert fields(form).notes_input.text == notes
        assert diary.export_text("json") == before

    ui.press(form.ids.save_button)
    ui.idle()
    assert ui.screen.name == "home"
    saved = [e for e in diary.episodes() if e.notes == notes]
    assert len(saved) == 1 and saved[0].severity_0_10 == 8
    assert len(diary.episodes()) == 4


def test_settings_export_and_backup_are_private_and_say_they_hold_health_data(
    ui: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from kivy.uix.label import Label

    from crampdiary.platform import NullFileChooser
    from crampdiary.ui.screens import settings as settings_module
    from tests.ui.test_settings import data_message, section

    old_umask = os.umask(0o022)
    try:
        monkeypatch.setattr(settings_module, "export_folder", lambda: tmp_path / "Documents")
        settings = ui.go("settings")
        settings.file_chooser = NullFileChooser()
        ui.app.diary.log_episode(episode_for(2))
        data = section(settings, "data_section")
        words = [w.text for w in settings.ids.data_section.walk() if isinstance(w, Label)]
        assert any("health" in text for text in words), words
        ui.press(data.export_button)
        ui.idle()
        [written] = (tmp_path / "Documents").iterdir()
        assert os.stat(written).st_mode & 0o777 == 0o600
        assert "health" in data_message(settings)
        ui.press(data.backup_button)
        ui.idle()
        made = backups.list_backups(ui.db_path, "manual")
        assert made and all(os.stat(p).st_mode & 0o777 == 0o600 for p in made)
    finally:
        os.umask(old_umask)
