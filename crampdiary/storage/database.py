"""Opening a diary: locating the file, checking it, migrating it, and the engine's pragmas.

Owns file permissions (owner only), SQLite pragmas (WAL, foreign keys, busy timeout, full sync),
and the decision whether Alembic is needed at all (it is imported only when the schema is not
current). Must not import anything above ``storage``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from crampdiary.storage import backups
from crampdiary.storage.errors import DiaryNotAccessible, DiaryTooNew, DiaryUnreadable
from crampdiary.storage.location import (  # noqa: F401  (re-exported; tests patch HEAD_REVISION here)
    ENV_VAR,
    HEAD_REVISION,
    KNOWN_REVISIONS,
    chosen_diary,
    default_db_path,
    file_path,
)

BUSY_TIMEOUT_MS = 10_000

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a diary lives: a SQLAlchemy URL and, for file diaries, the file path."""

    url: str
    path: Path | None

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.url


def resolve_target(target: str | os.PathLike[str] | None) -> Target:
    """``--db``, else ``$CRAMPDIARY_DB``, else the default path; a path or an SQLAlchemy URL."""
    raw = chosen_diary(target)
    if isinstance(raw, Path):
        return Target(f"sqlite:///{raw}", raw)
    if "://" in raw:
        url = make_url(raw)
        if url.get_backend_name() != "sqlite":
            raise DiaryUnreadable(None, f"only SQLite diaries are supported, not {url.drivername}")
        database = url.database
        if database in (None, "", ":memory:"):
            return Target(raw, None)
        path = Path(database).expanduser().resolve()
        return Target(f"sqlite:///{path}", path)
    path = file_path(raw)
    return Target(f"sqlite:///{path}", path)


def prepare_file(path: Path) -> None:
    """Create the folder and an empty file readable by the owner only; tighten existing ones."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    except FileExistsError:  # another window or command created it a moment ago
        pass
    else:
        os.close(fd)
    restrict(path)


def restrict(path: Path) -> None:
    """Take group and other permissions away from the file and its WAL companions (best effort).

    The owner's own bits are left alone: a diary the user made read-only stays read-only.
    """
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode & 0o077:
                os.chmod(candidate, mode & 0o700)
        except OSError:
            pass


def check_file(path: Path) -> str | None:
    """Check an existing file is an intact SQLite diary; return its schema revision (None if new).

    Raises ``DiaryUnreadable`` or ``DiaryTooNew`` without changing a byte of the file (SQLite is
    opened read-only; it may create empty ``-wal``/``-shm`` companions, as any reader does).
    """
    size = path.stat().st_size
    if size == 0:
        # A new diary, or one that was emptied (a failing disk, a sync tool): only the backups
        # can tell them apart, and an emptied diary must not silently start again from nothing.
        if backups.list_backups(path):
            raise DiaryUnreadable(path, "the file is empty, but there are backups of it")
        return None
    problem = backups.file_problem(path, size)
    if problem is not None:
        raise DiaryUnreadable(path, problem)
    try:
        conn = sqlite3.connect(
            backups.read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise DiaryUnreadable(path, "the file is damaged", str(result))
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                if tables:
                    raise DiaryUnreadable(path, "it is a database, but not a Cramp Diary")
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise explain_open_error(path, exc) from exc
    revision = row[0] if row else None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DiaryTooNew(path, revision)
    return revision


def explain_open_error(path: Path, exc: BaseException) -> DiaryUnreadable:
    """Tell a damaged file from one that cannot be opened here and now (SQLite's error name)."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or (
        "unable to open" in text or "readonly" in text
    ):
        return DiaryNotAccessible(
            path,
            "the file or its folder cannot be written to (read-only, or owned by someone else)",
            str(exc),
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DiaryNotAccessible(path, "the disk is full; free some space and try again", str(exc))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return DiaryNotAccessible(
            path, "another program is holding it locked; please try again in a moment", str(exc)
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return DiaryNotAccessible(
            path, "the disk could not be read (was it removed or disconnected?)", str(exc)
        )
    return DiaryUnreadable(path, "the file is damaged or incomplete", str(exc))


def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Autocommit at the driver level; transactions are begun explicitly in ``_on_begin`` so that
    # writers take the lock up front (BEGIN IMMEDIATE) and never deadlock on a lock upgrade.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _engine_url(target: Target) -> str | URL:
    """A file diary's URL built from its path, never parsed from text: a '?' or '#' in a folder
    name is then part of the name, not the start of URL options."""
    if target.path is not None and target.url == f"sqlite:///{target.path}":
        return URL.create("sqlite", database=str(target.path))
    return target.url


def make_engine(target: Target) -> Engine:
    url = _engine_url(target)
    in_memory = target.path is None and make_url(url).database in (None, "", ":memory:")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        # One in-memory database shared by every thread (the UI works in a background thread);
        # without it each thread would get its own, empty database.
        **({"poolclass": StaticPool} if in_memory else {}),
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def open_engine(target: Target, *, auto_backup: bool = True) -> Engine:
    """Check, back up and migrate the diary as needed; return an engine with our pragmas.

    A diary that fails its check is never opened for writing. Before a migration the diary is
    always backed up (if that fails, nothing is migrated); the daily backup is best effort, so a
    full disk or a read-only folder still lets the diary be opened and read.
    """
    revision: str | None = None
    if target.path is not None:
        try:
            if target.path.exists():
                revision = check_file(target.path)
            else:
                prepare_file(target.path)
            restrict(target.path)
        except OSError as exc:  # e.g. a folder that may not be created, a file of another user
            raise DiaryNotAccessible(target.path, _os_reason(exc), str(exc)) from exc
        if auto_backup and revision is not None:
            try:
                backups.daily_backup(target.path)
            except (OSError, sqlite3.Error) as exc:
                log.warning("the daily backup of %s failed: %s", target.path, exc)
    engine = make_engine(target)
    if target.path is None or revision != HEAD_REVISION:
        if target.path is not None and revision is not None:
            try:
                backups.make_backup(target.path, reason=f"before-upgrade-from-{revision}")
            except (OSError, sqlite3.Error) as exc:
                engine.dispose()
                raise DiaryNotAccessible(
                    target.path,
                    "it needs updating for this version of the app, but a safety copy could not "
                    "be made first (is the disk full?), so it was not updated",
                    str(exc),
                ) from exc
        from crampdiary.storage import migrate

        try:
            migrate.upgrade_to_head(engine)
        except DBAPIError as exc:
            engine.dispose()
            if target.path is None:
                raise
            raise explain_open_error(target.path, exc.orig or exc) from exc
    if target.path is not None:
        _probe(engine, target.path)
        restrict(target.path)
    return engine


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "you do not have permission to use this file or its folder"
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return "its folder does not exist or is not a folder"
    return f"the system refused ({exc.strerror or exc})"


def _probe(engine: Engine, path: Path) -> None:
    """Connect once, as every later read and write will (read-write, WAL): a folder where SQLite
    cannot keep its WAL files fails here, in plain words, not on the first screen that reads."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DBAPIError as exc:
        engine.dispose()
        raise explain_open_error(path, exc.orig or exc) from exc
