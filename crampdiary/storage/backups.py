"""Backups of a diary file: SQLite's online backup, automatic rotation, checked restore.

Automatic backups go to ``backups/`` beside the diary: one on the first open of each day and one
before every migration; only the newest ``KEEP`` of each kind are kept. Must not import anything
above ``storage``.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from crampdiary.storage.errors import DiaryError, DiaryUnreadable

KEEP = 10
SQLITE_HEADER = b"SQLite format 3\x00"


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def copy_database(source: Path, destination: Path) -> Path:
    """Copy a live SQLite database consistently (WAL included) with the online backup API."""
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = destination.with_name(destination.name + ".partial")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(partial, 0o600)
    os.replace(partial, destination)
    return destination


def make_backup(db_path: Path, *, reason: str = "daily") -> Path:
    folder = backup_folder(db_path)
    target = folder / f"{db_path.stem}-{_stamp()}-{reason}.db"
    copy_database(db_path, target)
    _rotate(folder, db_path.stem, reason)
    return target


def list_backups(db_path: Path) -> list[Path]:
    """Automatic backups, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{db_path.stem}-*.db") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def latest_backup(db_path: Path) -> Path | None:
    for candidate in list_backups(db_path):
        try:
            verify(candidate)
        except DiaryError:
            continue
        return candidate
    return None


def daily_backup(db_path: Path) -> Path | None:
    """Back up on the first open of a day; None if today's backup already exists."""
    today = datetime.now().strftime("%Y%m%d")
    prefix = f"{db_path.stem}-{today}-"
    if any(p.name.startswith(prefix) for p in list_backups(db_path)):
        return None
    return make_backup(db_path, reason="daily")


def _rotate(folder: Path, stem: str, reason: str) -> None:
    kind = sorted(folder.glob(f"{stem}-*-{reason}.db"), key=lambda p: p.name, reverse=True)
    for old in kind[KEEP:]:
        old.unlink(missing_ok=True)


def verify(path: Path) -> str:
    """Check a file is an intact Cramp Diary this version can open; return its schema revision."""
    from crampdiary.storage.database import KNOWN_REVISIONS
    from crampdiary.storage.errors import DiaryTooNew

    if not path.is_file():
        raise DiaryUnreadable(path, "the file does not exist")
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise DiaryUnreadable(path, "it is not a Cramp Diary database file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()
            if ok is None or ok[0] != "ok":
                raise DiaryUnreadable(path, "the file is damaged (integrity check failed)")
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"alembic_version", "episodes", "medicines"} <= tables:
                raise DiaryUnreadable(path, "it is an SQLite file, but not a Cramp Diary")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DiaryUnreadable(path, f"the file is damaged ({exc})") from exc
    if row is None:
        raise DiaryUnreadable(path, "it has no schema version")
    if row[0] not in KNOWN_REVISIONS:
        raise DiaryTooNew(path, row[0])
    return str(row[0])


def restore(db_path: Path, source: Path) -> Path | None:
    """Replace the diary with ``source`` after checking it; keep the replaced file. Returns it."""
    verify(source)
    kept: Path | None = None
    if db_path.exists() and db_path.stat().st_size > 0:
        kept = backup_folder(db_path) / f"{db_path.stem}-{_stamp()}-replaced.db"
        try:
            copy_database(db_path, kept)
        except sqlite3.DatabaseError:
            # A damaged diary cannot go through the backup API: keep its bytes as they are.
            kept.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.replace(db_path, kept)
            for extra in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
                extra.unlink(missing_ok=True)
    staged = db_path.with_name(db_path.name + ".restoring")
    copy_database(source, staged)
    verify(staged)
    for extra in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        extra.unlink(missing_ok=True)
    os.replace(staged, db_path)
    return kept
