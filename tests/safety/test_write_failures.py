"""Disk full and read-only diaries: a failed write is reported as ``DiaryWriteFailed`` in plain
words, nothing of it is saved, nothing saved before is lost, and the same write succeeds once the
problem is gone (the form keeps the episode, so the person can simply try again).

How the failures are made, honestly:
- Disk full: ``PRAGMA max_page_count`` on every connection of the running diary, set to the
  pages it already has. SQLite then fails the write with SQLITE_FULL ("database or disk is full"),
  the same error and the same code path as a full disk.
- Read-only: tests usually run as root, and root writes to a file whatever its mode, so ``chmod``
  proves nothing there. Those tests open the diary the way SQLite itself opens a file it may not
  write (``mode=ro``: SQLITE_READONLY on the first write). The ``chmod`` versions run when the
  tests run as an ordinary user (as on most CI machines and every user's computer).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from crampdiary.reports.interchange import DiaryDocument
from crampdiary.services import Diary
from crampdiary.storage import DiaryError, DiaryNotAccessible, DiaryWriteFailed, Store
from crampdiary.storage.database import Target, make_engine
from tests.safety.helpers import episode_for, fixed_clock, integrity

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TECHNICAL_WORDS = ("sqlite", "operationalerror", "pragma", "sql:")


@contextmanager
def disk_full(diary: Diary) -> Iterator[None]:
    """Every new connection of ``diary`` may not grow the file beyond its current size."""
    engine = diary.store.engine

    def limit(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", limit)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "connect", limit)
        engine.dispose()


def big_episode(seq: int) -> Any:
    # 10,000 three-byte characters: ~30 kB, more than any free space left in the file.
    return episode_for(seq).with_changes(notes="日" * 10_000)


def assert_plain(error: DiaryError, *words: str) -> None:
    message = str(error)
    assert all(w in message for w in words), message
    assert not any(w in message.lower() for w in TECHNICAL_WORDS), message
    assert "Everything saved before is safe" in message


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Diary]:
    opened = Diary.open(tmp_path / "diary.db", clock=fixed_clock)
    for seq in range(5):
        opened.log_episode(episode_for(seq))
    yield opened
    opened.close()


def test_disk_full_is_reported_and_loses_nothing(diary: Diary) -> None:
    before = diary.export_text("json")
    with disk_full(diary):
        with pytest.raises(DiaryWriteFailed) as caught:
            diary.log_episode(big_episode(9))
        assert_plain(caught.value, "disk is full", "not saved")
        assert diary.export_text("json") == before  # reads still work, nothing half-saved
    # Space freed: the very same episode can be saved again.
    diary.log_episode(big_episode(9))
    assert diary.get_episode(big_episode(9).id) == big_episode(9)
    assert len(diary.episodes()) == 6
    assert diary.target.path is not None and integrity(diary.target.path) == "ok"


def test_disk_full_during_an_import_imports_nothing(diary: Diary) -> None:
    before = diary.export_text("json")
    document = DiaryDocument(tuple(big_episode(100 + k) for k in range(20)))
    with disk_full(diary), pytest.raises(DiaryWriteFailed):
        diary.import_document(document)
    assert diary.export_text("json") == before
    assert diary.import_document(document).added == 20


def _read_only_diary(path: Path) -> Diary:
    """Open ``path`` as SQLite opens a file it is not allowed to write."""
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    return Diary(Store(Target(url, path), make_engine(Target(url, path))), fixed_clock)


def test_read_only_diary_is_reported_and_loses_nothing(diary: Diary) -> None:
    path = diary.target.path
    assert path is not None
    before = diary.export_text("json")
    diary.close()
    read_only = _read_only_diary(path)
    try:
        assert read_only.export_text("json") == before  # it can still be read
        for write in (
            lambda: read_only.log_episode(episode_for(7)),
            lambda: read_only.delete_episode(episode_for(0).id),
            lambda: read_only.save_settings({"app.theme": "dark"}),
        ):
            with pytest.raises(DiaryWriteFailed) as caught:
                write()
            assert_plain(caught.value, "cannot be written to", "not saved")
        assert read_only.export_text("json") == before
    finally:
        read_only.close()
    writable = Diary.open(path, clock=fixed_clock)
    try:
        writable.log_episode(episode_for(7))
        assert len(writable.episodes()) == 6
    finally:
        writable.close()


@pytest.mark.skipif(IS_ROOT, reason="root may write to a read-only file; see the module doc")
def test_read_only_file_is_reported_and_stays_read_only(diary: Diary) -> None:
    path = diary.target.path
    assert path is not None
    before = diary.export_text("json")
    diary.close()
    os.chmod(path, 0o400)
    try:
        reopened = Diary.open(path, clock=fixed_clock)
        try:
            assert reopened.export_text("json") == before
            with pytest.raises(DiaryWriteFailed) as caught:
                reopened.log_episode(episode_for(7))
            assert_plain(caught.value, "cannot be written to")
        finally:
            reopened.close()
        # Opening made it private but did not make it writable again behind the person's back.
        assert stat.S_IMODE(path.stat().st_mode) == 0o400
    finally:
        os.chmod(path, 0o600)


@pytest.mark.skipif(IS_ROOT, reason="root may write in a read-only folder; see the module doc")
def test_read_only_folder_is_reported_in_plain_words(tmp_path: Path) -> None:
    folder = tmp_path / "diary"
    diary = Diary.open(folder / "diary.db", clock=fixed_clock, auto_backup=False)
    diary.log_episode(episode_for(1))
    before = diary.export_text("json")
    diary.close()
    os.chmod(folder / "diary.db", 0o400)
    os.chmod(folder, 0o500)
    try:
        # SQLite cannot even read a WAL diary without creating its -shm file beside it: the
        # diary is refused at once, in plain words, and not called damaged.
        with pytest.raises(DiaryNotAccessible) as caught:
            Diary.open(folder / "diary.db", clock=fixed_clock)
        assert "cannot be written to" in str(caught.value)
        assert "damaged" not in str(caught.value)
    finally:
        os.chmod(folder, 0o700)
        os.chmod(folder / "diary.db", 0o600)
    reopened = Diary.open(folder / "diary.db", clock=fixed_clock)
    try:
        assert reopened.export_text("json") == before
    finally:
        reopened.close()


def test_a_diary_locked_too_long_is_reported_not_lost(
    diary: Diary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holding the write lock for longer than the busy timeout and retries."""
    import sqlite3

    from crampdiary.storage import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    diary.store.engine.dispose()
    path = diary.target.path
    assert path is not None
    before = diary.export_text("json")
    hog = sqlite3.connect(path, isolation_level=None)
    hog.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DiaryWriteFailed) as caught:
            diary.log_episode(episode_for(8))
        assert "busy in another window" in str(caught.value)
        assert diary.export_text("json") == before  # reading is never blocked
    finally:
        hog.execute("ROLLBACK")
        hog.close()
    diary.log_episode(episode_for(8))
    assert len(diary.episodes()) == 6


def test_a_diary_whose_folder_is_not_a_folder_is_refused_in_plain_words(tmp_path: Path) -> None:
    """Errors from the system (not from SQLite) are explained too, not shown as a traceback."""
    (tmp_path / "notes").write_text("a file where the diary's folder should be")
    with pytest.raises(DiaryNotAccessible) as caught:
        Diary.open(tmp_path / "notes" / "diary.db", clock=fixed_clock)
    assert "is not a folder" in str(caught.value)
    assert "errno" not in str(caught.value).lower()
