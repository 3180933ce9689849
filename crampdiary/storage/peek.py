"""A first look at a diary file with plain ``sqlite3``, read-only, for home's first frame.

Importing SQLAlchemy and opening the diary properly (checks, the daily backup, pragmas) takes
about as long as Kivy's own start. Home does not wait for that to show the diary: it reads its
few numbers through a ``DiaryPeek`` (the same rows, converted by the same ``rows`` functions the
repositories use), while the real ``Diary`` opens behind it. Nothing here ever writes to the
diary; the app holds every tap and key until the real diary is open.

``peek_diary`` returns None whenever this look would not be the whole truth, and the app then
simply waits for the real open: no file yet, a URL rather than a path, a file that is empty, not
SQLite, of another schema revision (an older one is migrated by the real open; a newer one is
refused there), or that SQLite cannot read. Any error is swallowed here on purpose: the real
open finds it again and explains it.

Must not import SQLAlchemy (a test checks), Kivy, or anything above ``storage``.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from crampdiary.domain import Condition, Episode, Profile
from crampdiary.storage.backups import file_problem, read_only_uri
from crampdiary.storage.location import HEAD_REVISION, chosen_diary, file_path
from crampdiary.storage.rows import LIST_NAMES, episode_from_row

log = logging.getLogger(__name__)

# How SQLAlchemy's SQLite DateTime stores a timestamp: comparisons are on this text.
_STORED = "%Y-%m-%d %H:%M:%S.%f"
_COLUMNS = ", ".join(LIST_NAMES)
# Yes/no answers are stored as 0 and 1; SQLAlchemy's Boolean gives True and False (None stays).
_BOOLEANS = tuple(
    LIST_NAMES.index(name) for name in ("eased_with_rest", "affected_daily_activities")
)


class DiaryPeek:
    """The read-only part of ``services.Diary`` that home and the warning signs use, answered
    straight from the file through one read-only connection, opened on first use (a connection
    per call cost half of home's reading) and closed by ``close``. Used from one thread at a
    time (the app's background runner)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite3.connect(
                read_only_uri(self.path), uri=True, timeout=2.0, check_same_thread=False
            )
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def revision(self) -> str | None:
        row = self._open().execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None

    def episodes(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[Episode]:
        """As ``Diary.episodes``: start dates within [start, end], oldest first (or newest)."""
        where: list[str] = []
        values: list[str | int] = []
        if start is not None:
            where.append("started_at >= ?")
            values.append(datetime.combine(start, time.min).strftime(_STORED))
        if end is not None:
            where.append("started_at < ?")
            values.append(datetime.combine(end + timedelta(days=1), time.min).strftime(_STORED))
        order = "DESC" if newest_first else "ASC"
        query = (
            f"SELECT {_COLUMNS} FROM episodes"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + f" ORDER BY started_at {order}, id {order}"
            + (" LIMIT ?" if limit is not None else "")
        )
        if limit is not None:
            values.append(limit)
        return [episode_from_row(_answers(row)) for row in self._open().execute(query, values)]

    def settings(self, prefix: str = "") -> dict[str, str]:
        rows = self._open().execute(
            "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
        )
        return {key: value for key, value in rows}

    def profile(self) -> Profile:
        row = (
            self._open()
            .execute("SELECT on_restricted_diet, conditions FROM profile WHERE id = 1")
            .fetchone()
        )
        if row is None:
            return Profile()
        conditions = (json.loads(row[1]) if row[1] else None) or []
        return Profile(
            on_restricted_diet=bool(row[0]), conditions=tuple(Condition(c) for c in conditions)
        )

    def data_version(self) -> tuple[int, str]:
        """The same value ``Diary.data_version`` gives for the same file."""
        count, latest = (
            self._open().execute("SELECT count(*), max(updated_at) FROM episodes").fetchone()
        )
        return int(count), str(datetime.fromisoformat(latest) if latest is not None else None)


def _answers(row: tuple[Any, ...]) -> list[Any]:
    values = list(row)
    for index in _BOOLEANS:
        if values[index] is not None:
            values[index] = bool(values[index])
    return values


def peek_diary(target: str | os.PathLike[str] | None) -> DiaryPeek | None:
    """A ``DiaryPeek`` on the diary ``target`` names, or None when home should wait for the real
    open instead (see the module's words). Never writes to the diary and never creates it;
    SQLite may create its empty ``-wal``/``-shm`` companions, as any reader (and the real open)
    does."""
    peek = None
    try:
        raw = chosen_diary(target)
        if isinstance(raw, str):
            if "://" in raw:
                return None
            raw = file_path(raw)
        size = raw.stat().st_size if raw.is_file() else 0
        if size == 0 or file_problem(raw, size) is not None:
            return None  # the real open explains it (or starts a new diary)
        peek = DiaryPeek(raw)
        if peek.revision() == HEAD_REVISION:
            return peek
    except (OSError, sqlite3.Error, ValueError) as exc:
        log.info("no first look at the diary (%s); waiting for it to open", exc)
    if peek is not None:
        peek.close()
    return None
