"""Opening a diary file: pragmas, owner-only permissions, where the diary lives, what gets
imported, and the automatic daily backup. Every test works on a real SQLite file."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from crampdiary import cli
from crampdiary.services import Diary
from crampdiary.storage import backups, database, resolve_target
from crampdiary.storage.database import ENV_VAR

NOW = datetime(2026, 11, 22, 10, 0)
CRAMP = {
    "started_at": "2026-11-21T03:10",
    "duration_minutes": 2,
    "muscle": "calf",
    "side": "left",
    "severity_0_10": 6,
    "context": "asleep",
}
ADD = ["add", "--muscle", "calf", "--side", "left", "--duration", "2", "--severity", "6"]
ADD += ["--context", "asleep", "--at", "2026-01-02T03:04"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM episodes").fetchone()[0])


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most careless umask there is: permissions must not depend on it."""
    previous = os.umask(0)
    yield
    os.umask(previous)


# --- pragmas ------------------------------------------------------------------------------


def test_pragmas_are_in_force_on_every_connection(tmp_path: Path) -> None:
    diary = Diary.open(tmp_path / "diary.db", clock=lambda: NOW)
    try:
        diary.log_from_mapping(CRAMP)
        for unit_of_work in (diary.store.read, diary.store.write):
            with unit_of_work() as uow:

                def pragma(name: str) -> Any:
                    return uow.session.execute(text(f"PRAGMA {name}")).scalar()

                assert pragma("journal_mode") == "wal"
                assert pragma("foreign_keys") == 1
                assert pragma("busy_timeout") > 0
                assert pragma("synchronous") == 2  # FULL
    finally:
        diary.close()
    with sqlite3.connect(tmp_path / "diary.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)  # kept in the file


# --- permissions --------------------------------------------------------------------------


def test_a_new_diary_and_its_folder_are_private(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "new folder" / "diary.db"
    diary = Diary.open(path, clock=lambda: NOW)
    try:
        diary.log_from_mapping(CRAMP)
        assert mode(path.parent) == 0o700
        assert mode(path) == 0o600
        for companion in ("-wal", "-shm"):
            assert mode(Path(f"{path}{companion}")) == 0o600
        backup = diary.backup()
        assert mode(backup.parent) == 0o700 and mode(backup) == 0o600
        outside = diary.backup(tmp_path / "copy.db")
        assert mode(outside) == 0o600
        exported = diary.export_file("json", tmp_path / "export.json")
        assert mode(exported) == 0o600
    finally:
        diary.close()


def test_an_existing_diary_is_made_private_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    Diary.open(path, clock=lambda: NOW).close()
    os.chmod(path, 0o644)
    Diary.open(path, clock=lambda: NOW).close()
    assert mode(path) == 0o600


def test_a_daily_backup_folder_is_private(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "diary.db"
    Diary.open(path, clock=lambda: NOW).close()
    made = backups.daily_backup(path)
    assert made is not None
    assert mode(made.parent) == 0o700 and mode(made) == 0o600


# --- where the diary lives ----------------------------------------------------------------


def test_db_takes_a_path_or_an_sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_VAR, raising=False)
    absolute = tmp_path / "a" / "diary.db"
    assert resolve_target(str(absolute)).path == absolute
    assert resolve_target(absolute).path == absolute
    assert resolve_target("relative.db").path == tmp_path / "relative.db"
    assert resolve_target(f"sqlite:///{absolute}").path == absolute
    assert resolve_target("sqlite:///rel.db").path == tmp_path / "rel.db"
    assert resolve_target("sqlite:///rel.db").url == f"sqlite:///{tmp_path / 'rel.db'}"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_target("~/d.db").path == tmp_path / "home" / "d.db"


@pytest.mark.parametrize("how", ["path", "url", "url-after-command"])
def test_the_command_line_opens_the_diary_db_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env.db"))
    path = tmp_path / "named.db"
    target = str(path) if how == "path" else f"sqlite:///{path}"
    argv = [*ADD, "--db", target] if how == "url-after-command" else ["--db", target, *ADD]
    assert cli.main(argv) == 0
    assert count(path) == 1
    assert not (tmp_path / "from-env.db").exists()  # --db wins over the variable


def test_crampdiary_db_is_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for value, path in [
        (str(tmp_path / "env.db"), tmp_path / "env.db"),
        (f"sqlite:///{tmp_path / 'env-url.db'}", tmp_path / "env-url.db"),
    ]:
        monkeypatch.setenv(ENV_VAR, value)
        assert cli.main(ADD) == 0
        assert count(path) == 1


def test_without_db_the_diary_lives_in_the_users_data_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "crampdiary", *ADD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / "data" / "crampdiary" / "diary.db"
    assert count(path) == 1
    assert mode(path) == 0o600


def test_a_database_that_is_not_sqlite_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", "postgresql://localhost/diary", "list"]) == 1
    assert "SQLite" in capsys.readouterr().err


# --- what opening costs -------------------------------------------------------------------


def test_opening_a_current_diary_does_not_import_alembic(tmp_path: Path) -> None:
    current = tmp_path / "diary.db"
    Diary.open(current, clock=lambda: NOW).close()
    code = textwrap.dedent(
        f"""
        import sys
        from crampdiary.services import Diary
        diary = Diary.open({str(current)!r})
        diary.episodes()
        diary.close()
        print("alembic" in sys.modules)
        # The converse, so that the check cannot pass by looking in the wrong place:
        Diary.open({str(tmp_path / "new.db")!r}).close()
        print("alembic" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


# --- automatic backups --------------------------------------------------------------------


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        self.now += timedelta(microseconds=1)  # backup names are unique per microsecond
        return self.now


def test_the_daily_backup_is_taken_once_a_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = MovableClock(datetime(2026, 11, 22, 8, 0))
    monkeypatch.setattr(backups, "clock", clock)
    path = tmp_path / "diary.db"
    Diary.open(path, clock=lambda: NOW).close()  # a new diary: nothing to back up yet
    assert backups.list_backups(path, "daily") == []
    diary = Diary.open(path, clock=lambda: NOW)
    diary.log_from_mapping(CRAMP)
    diary.close()
    (first,) = backups.list_backups(path, "daily")
    for _ in range(3):
        clock.now += timedelta(hours=4)  # still 22 November
        Diary.open(path, clock=lambda: NOW).close()
    assert backups.list_backups(path, "daily") == [first]
    clock.now = datetime(2026, 11, 23, 0, 1)
    Diary.open(path, clock=lambda: NOW).close()
    newest, oldest = backups.list_backups(path, "daily")
    assert oldest == first and "20261123" in newest.name
    assert count(newest) == 1 and count(first) == 0  # each holds the diary of its morning


def test_only_the_newest_daily_backups_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = MovableClock(datetime(2026, 1, 1, 9, 0))
    monkeypatch.setattr(backups, "clock", clock)
    path = tmp_path / "diary.db"
    Diary.open(path, clock=lambda: NOW).close()
    for _ in range(backups.KEEP + 3):
        clock.now += timedelta(days=1)
        Diary.open(path, clock=lambda: NOW).close()
    kept = backups.list_backups(path, "daily")
    assert len(kept) == backups.KEEP
    assert backups.backup_time(kept[-1]) is not None


def test_a_backup_passes_verify_and_holds_the_diary(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    diary = Diary.open(path, clock=lambda: NOW)
    try:
        for hour in range(3):
            diary.log_from_mapping({**CRAMP, "started_at": f"2026-11-21T0{hour}:00"})
        made = backups.make_backup(path, reason="manual")
        by_diary = diary.backup()
    finally:
        diary.close()
    for copy in (made, by_diary):
        assert backups.verify(copy) == database.HEAD_REVISION
        assert count(copy) == 3  # the WAL's content is in the copy
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 50],
)
def test_verify_refuses_what_is_not_a_diary(tmp_path: Path, content: bytes) -> None:
    from crampdiary.storage import DiaryError

    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(DiaryError):
        backups.verify(bad)
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(DiaryError, match="not a Cramp Diary"):
        backups.verify(plain)


# --- storage bugs found here, since fixed: these keep them fixed ---------------------------


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_diary_is_one_diary_for_every_thread(url: str) -> None:
    import threading

    diary = Diary.open(url, clock=lambda: NOW)
    try:
        diary.log_from_mapping(CRAMP)
        seen: list[object] = []

        def read() -> None:
            try:
                seen.append(len(diary.episodes()))
            except Exception as exc:  # reported below, with the main thread's view
                seen.append(exc)

        worker = threading.Thread(target=read)
        worker.start()
        worker.join()
        assert seen == [1]
    finally:
        diary.close()


@pytest.mark.parametrize("folder", ["notes?2", "diary #2", "100%41"])
def test_a_diary_in_a_folder_with_url_characters_is_that_file(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "diary.db"
    path.parent.mkdir()
    diary = Diary.open(path, clock=lambda: NOW)
    try:
        diary.log_from_mapping(CRAMP)
        made = diary.backup()
    finally:
        diary.close()
    assert count(path) == 1
    assert count(made) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # no stray files beside it
