"""Corruption: a damaged, foreign or too-new file is detected when opened, explained in plain
words, left untouched, and can be replaced by the latest automatic backup, which keeps the bad
file aside byte for byte. (The app's side of this is in tests/ui/test_safety.py.)"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from crampdiary import cli
from crampdiary.services import Diary
from crampdiary.storage import DiaryError, DiaryTooNew, DiaryUnreadable, backups
from tests.safety.conftest import BackupClock
from tests.safety.helpers import episode_for, file_state, fixed_clock, integrity


def _cut_short(data: bytes) -> bytes:
    return data[: len(data) // 2 + 100]


def _cut_at_page(data: bytes) -> bytes:
    return data[: 2 * 4096]


def _garbage(data: bytes) -> bytes:
    return random.Random(1).randbytes(len(data))


def _garbage_inside(data: bytes) -> bytes:
    rng = random.Random(2)
    damaged = bytearray(data)
    for page in range(1, len(data) // 4096):
        damaged[page * 4096 : page * 4096 + 64] = rng.randbytes(64)
    return bytes(damaged)


def _not_sqlite(_data: bytes) -> bytes:
    return b"Shopping list\n- milk\n- bananas (for the cramps?)\n" * 50


def _other_database(_data: bytes) -> bytes:
    return b""  # replaced by a real SQLite file in the test


def _too_new(_data: bytes) -> bytes:
    return b""  # made by changing alembic_version in the test


def _emptied(_data: bytes) -> bytes:
    return b""


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], type[DiaryError]]] = {
    "cut short": (_cut_short, DiaryUnreadable),
    "cut at a page boundary": (_cut_at_page, DiaryUnreadable),
    "garbage bytes": (_garbage, DiaryUnreadable),
    "garbage inside": (_garbage_inside, DiaryUnreadable),
    "not SQLite": (_not_sqlite, DiaryUnreadable),
    "SQLite but not a diary": (_other_database, DiaryUnreadable),
    "newer version": (_too_new, DiaryTooNew),
    "emptied": (_emptied, DiaryUnreadable),
}
TECHNICAL_WORDS = ("sqlite3", "malformed", "traceback", "operationalerror", "pragma", "errno")


def damage(path: Path, kind: str) -> None:
    """Turn the (closed, checkpointed) diary at ``path`` into the ``kind`` of bad file."""
    if kind == "SQLite but not a diary":
        path.unlink()
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT, steps TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup', 'boil')")
        conn.commit()
        conn.close()
    elif kind == "newer version":
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '0999_from_the_future'")
        conn.execute("ALTER TABLE episodes ADD COLUMN mood TEXT")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(DAMAGE[kind][0](path.read_bytes()))


def backed_up_diary(make_diary: Callable[..., Path], count: int = 6) -> tuple[Path, Path]:
    """A diary with an automatic backup holding ``count`` episodes, then damaged later."""
    path = make_diary(count)
    backup = backups.make_backup(path, reason="daily")
    return path, backup


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_bad_file_is_detected_explained_and_left_untouched(
    kind: str, make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    path, _backup = backed_up_diary(make_diary)
    damage(path, kind)
    before = file_state(path)
    folder_before = sorted(p.name for p in backups.backup_folder(path).iterdir())

    with pytest.raises(DiaryError) as caught:
        Diary.open(path, clock=fixed_clock)

    assert isinstance(caught.value, DAMAGE[kind][1])
    message = str(caught.value)
    assert "diary" in message.lower()
    assert not any(word in message.lower() for word in TECHNICAL_WORDS), message
    assert file_state(path) == before, "the bad file was changed"
    # No backup of the bad file was taken over the good ones, and nothing was moved.
    assert sorted(p.name for p in backups.backup_folder(path).iterdir()) == folder_before


@pytest.mark.parametrize("kind", ["garbage inside", "newer version", "not SQLite"])
def test_command_line_refuses_a_bad_file_and_leaves_it(
    kind: str,
    make_diary: Callable[..., Path],
    backup_clock: BackupClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, _backup = backed_up_diary(make_diary)
    damage(path, kind)
    before = file_state(path)
    args = ["add", "--db", str(path), "--muscle", "calf", "--side", "left"]
    args += ["--duration", "1", "--severity", "5", "--context", "asleep"]
    assert cli.main(args) == cli.EXIT_FAILURE
    err = capsys.readouterr().err
    assert "diary" in err.lower() and "traceback" not in err.lower()
    assert file_state(path) == before


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_restoring_the_latest_backup_keeps_the_bad_file_aside(
    kind: str, make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    path, backup = backed_up_diary(make_diary, count=6)
    damage(path, kind)
    with pytest.raises(DiaryError):
        Diary.open(path, clock=fixed_clock)  # leaves empty -wal/-shm beside some kinds
    bad_bytes = path.read_bytes()

    latest = backups.latest_backup(path)
    assert latest == backup
    kept = backups.restore(path, latest)

    assert kept is not None and kept.read_bytes() == bad_bytes, "the bad file was not kept"
    assert kept.parent == backups.backup_folder(path)
    assert integrity(path) == "ok"
    diary = Diary.open(path, clock=fixed_clock)
    try:
        assert diary.episodes() == sorted(
            (episode_for(s) for s in range(6)), key=lambda e: (e.started_at, e.id)
        )
    finally:
        diary.close()


def test_latest_backup_skips_damaged_and_too_new_backups(
    make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    path = make_diary(3)
    good = backups.make_backup(path, reason="daily")
    backup_clock.now = backup_clock.now.replace(hour=11)
    damaged = backups.make_backup(path, reason="daily")
    damaged.write_bytes(_garbage_inside(damaged.read_bytes()))
    backup_clock.now = backup_clock.now.replace(hour=12)
    newer = backups.make_backup(path, reason="manual")
    damage(newer, "newer version")

    assert backups.list_backups(path)[:3] == [newer, damaged, good]
    assert backups.latest_backup(path) == good


def test_a_similarly_named_diary_does_not_share_backups(
    make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    main = make_diary(2, name="diary.db")
    other = make_diary(4, name="diary-old.db")
    backups.make_backup(other, reason="daily")
    assert backups.list_backups(main) == []
    assert backups.latest_backup(main) is None


def test_an_empty_file_without_backups_is_a_new_diary(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    path.touch()
    diary = Diary.open(path, clock=fixed_clock)
    try:
        assert diary.episodes() == []
    finally:
        diary.close()


def test_opening_never_writes_to_a_damaged_file_even_when_asked_twice(
    make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    """The app retries opening ("Try again"): a bad file stays bad and unchanged each time."""
    path, _ = backed_up_diary(make_diary)
    damage(path, "garbage inside")
    before = file_state(path)
    for _ in range(3):
        with pytest.raises(DiaryUnreadable):
            Diary.open(path, clock=fixed_clock)
    assert file_state(path) == before
    assert os.path.getsize(path) == len(before[0])
