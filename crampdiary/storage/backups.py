"""Backups of a diary file: SQLite's online backup, automatic rotation, checked restore.

Automatic backups go to ``backups/`` beside the diary, named ``<stem>-<YYYYmmdd-HHMMSS-ffffff>-
<kind>.db``: one on the first open of each day (``daily``) and one before every migration
(``before-upgrade-from-<revision>``); ``manual`` ones come from the command line. Only the newest
``KEEP`` of each kind are kept. Restore keeps what it replaces (``replaced`` or ``set-aside``) and
never deletes those. Every file here is readable by the owner only.

Must not import anything above ``storage``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from crampdiary.storage.errors import DiaryError, DiaryTooNew, DiaryUnreadable

log = logging.getLogger(__name__)

KEEP = 10
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 10.0
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<kind>[A-Za-z0-9_.-]+)\.db$")
# Left by a copy that was interrupted (power cut, killed process); removed once this old.
STALE_PARTIAL_SECONDS = 3600

clock: Callable[[], datetime] = datetime.now
"""Where backups read the time (names, "first open of the day"); tests replace it."""


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` read-only, whatever characters its name holds ('?',
    '#' and '%' would otherwise end or change the file name)."""
    return Path(path).absolute().as_uri() + "?mode=ro"


def file_problem(path: Path, size: int) -> str | None:
    """Why a non-empty file of ``size`` bytes cannot be a whole SQLite diary, in plain words (from
    its first 100 bytes), or None. The diary's open and home's first look both ask."""
    with open(path, "rb") as handle:
        header = handle.read(100)
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        return "it is not a Cramp Diary file"
    # SQLite only ever writes whole pages: any other size means the file was cut short.
    page_size = int.from_bytes(header[16:18], "big") if len(header) == 100 else 0
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or size % page_size:
        return "the file is incomplete (it was cut short)"
    return None


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _ensure_private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # a folder we do not own: leave it
        os.chmod(folder, 0o700)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _unique(path: Path) -> Path:
    """``path``, or ``path`` with a counter, so that nothing is ever overwritten."""
    candidate, counter = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{counter}{path.suffix}")
        counter += 1
    return candidate


def copy_database(source: Path, destination: Path) -> Path:
    """Copy a live SQLite database consistently (WAL included) with the online backup API.

    The copy is written beside ``destination`` and renamed into place, so a destination either
    does not exist or is complete.
    """
    _ensure_private_folder(destination.parent)
    partial = destination.with_name(destination.name + f".{os.getpid()}.partial")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True, timeout=BUSY_TIMEOUT_S)
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
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _fsync_folder(destination.parent)
    return destination


def make_backup(db_path: Path, *, reason: str = "daily") -> Path:
    folder = backup_folder(db_path)
    target = _unique(folder / f"{db_path.stem}-{clock().strftime(STAMP_FORMAT)}-{reason}.db")
    copy_database(db_path, target)
    _rotate(db_path, reason)
    _remove_stale_partials(folder)
    return target


def _parse(db_path: Path, candidate: Path) -> tuple[str, str] | None:
    """(stamp, kind) if ``candidate`` is a backup of ``db_path`` (not of a similarly named one)."""
    prefix = f"{db_path.stem}-"
    if not candidate.name.startswith(prefix):
        return None
    match = _NAME.match(candidate.name[len(prefix) :])
    return (match["stamp"], match["kind"]) if match else None


def list_backups(db_path: Path, kind: str | None = None) -> list[Path]:
    """Backups of this diary (of one kind, if given), newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found: list[tuple[str, Path]] = []
    for candidate in folder.glob(f"{db_path.stem}-*.db"):
        parsed = _parse(db_path, candidate)
        if parsed and (kind is None or parsed[1] == kind) and candidate.is_file():
            found.append((parsed[0], candidate))
    return [path for _stamp, path in sorted(found, reverse=True)]


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken, read from its name."""
    match = re.search(r"-(\d{8}-\d{6}-\d{6})-[A-Za-z0-9_.-]+\.db$", path.name)
    if match is None:
        return None
    return datetime.strptime(match[1], STAMP_FORMAT)


def latest_backup(db_path: Path) -> Path | None:
    """The newest backup that passes ``verify`` (damaged or too-new ones are skipped)."""
    for candidate in list_backups(db_path):
        try:
            verify(candidate)
        except DiaryError:
            continue
        return candidate
    return None


def daily_backup(db_path: Path) -> Path | None:
    """Back up on the first open of a day; None if today's backup already exists."""
    today = clock().strftime("%Y%m%d")
    if any(p.name.startswith(f"{db_path.stem}-{today}-") for p in list_backups(db_path, "daily")):
        return None
    return make_backup(db_path, reason="daily")


def _rotate(db_path: Path, kind: str) -> None:
    for old in list_backups(db_path, kind)[KEEP:]:
        old.unlink(missing_ok=True)


def _remove_stale_partials(folder: Path) -> None:
    limit = time.time() - STALE_PARTIAL_SECONDS
    for partial in folder.glob("*.partial"):
        try:
            if partial.stat().st_mtime < limit:
                partial.unlink()
        except OSError:  # pragma: no cover - raced with another process
            pass


def verify(path: Path) -> str:
    """Check a file is an intact Cramp Diary this version can open; return its schema revision."""
    from crampdiary.storage.location import KNOWN_REVISIONS

    if not path.is_file():
        raise DiaryUnreadable(path, "the file does not exist")
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise DiaryUnreadable(path, "it is not a Cramp Diary file")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()
            if ok is None or ok[0] != "ok":
                raise DiaryUnreadable(path, "the file is damaged", str(ok))
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"alembic_version", "episodes", "medicines"} <= tables:
                raise DiaryUnreadable(path, "it is a database, but not a Cramp Diary")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DiaryUnreadable(path, "the file is damaged or incomplete", str(exc)) from exc
    if row is None:
        raise DiaryUnreadable(path, "it has no schema version")
    if row[0] not in KNOWN_REVISIONS:
        raise DiaryTooNew(path, row[0])
    return str(row[0])


def _owner_only(path: Path) -> None:
    """Take group and other permissions away (the bytes and their times are left alone)."""
    with contextlib.suppress(OSError):
        os.chmod(path, path.stat().st_mode & 0o700)


def set_aside(db_path: Path) -> Path:
    """Move a diary this version cannot use (damaged, too new) into the backup folder, byte for
    byte, with its WAL companions; return its new path."""
    folder = backup_folder(db_path)
    _ensure_private_folder(folder)
    kept = _unique(folder / f"{db_path.stem}-{clock().strftime(STAMP_FORMAT)}-set-aside.db")
    os.replace(db_path, kept)
    _owner_only(kept)
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{db_path}{suffix}")
        if extra.exists():
            os.replace(extra, Path(f"{kept}{suffix}"))
            _owner_only(Path(f"{kept}{suffix}"))
    _fsync_folder(folder)
    _fsync_folder(db_path.parent)
    return kept


def _copy_into_live(source: Path, db_path: Path) -> bool:
    """Overwrite the diary's content with ``source`` through SQLite itself, under its write lock,
    so that other windows or commands with the diary open see the restored diary instead of
    writing on into a file that was swapped away under them. False if SQLite refused."""
    src = sqlite3.connect(read_only_uri(source), uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        dst = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_S)
        try:
            dst.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            dst.execute("PRAGMA synchronous = FULL")
            src.backup(dst)
        except sqlite3.OperationalError as exc:
            # e.g. different page sizes on a WAL diary: fall back to replacing the file.
            log.warning("restoring in place failed (%s); replacing the file instead", exc)
            return False
        finally:
            dst.close()
    finally:
        src.close()
    return True


def restore(db_path: Path, source: Path) -> Path | None:
    """Replace the diary with ``source`` after checking it; keep the replaced file. Returns it.

    A bad ``source`` raises before anything is touched. A diary that is intact is copied to a
    ``replaced`` backup first; one that is damaged or too new is moved aside unchanged.
    """
    verify(source)
    folder = backup_folder(db_path)
    # Work from a private copy, so the checked file cannot change between check and use.
    staged = copy_database(source, _unique(folder / f"{db_path.stem}-restoring.tmp"))
    try:
        verify(staged)
        if not db_path.exists():
            os.replace(staged, db_path)
            _fsync_folder(db_path.parent)
            return None
        try:
            verify(db_path)
            intact = True
        except DiaryError:
            intact = False
        if intact:
            kept = _unique(folder / f"{db_path.stem}-{clock().strftime(STAMP_FORMAT)}-replaced.db")
            copy_database(db_path, kept)
            if _copy_into_live(staged, db_path):
                return kept
        else:
            kept = set_aside(db_path)
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(staged, db_path)
        _fsync_folder(db_path.parent)
        return kept
    finally:
        staged.unlink(missing_ok=True)
