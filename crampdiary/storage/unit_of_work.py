"""The unit of work: one session, one transaction, the repositories bound to it.

``Store.write()`` begins with ``BEGIN IMMEDIATE`` (so concurrent writers queue on the busy
timeout instead of failing on a lock upgrade), commits once at the end, rolls back on any error,
and turns SQLite's disk-full / read-only / locked errors into ``DiaryWriteFailed`` with plain words.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from crampdiary.storage.database import Target, open_engine
from crampdiary.storage.errors import DiaryWriteFailed
from crampdiary.storage.repositories import (
    EpisodeRepository,
    MedicineRepository,
    ProfileRepository,
    SettingsRepository,
)

log = logging.getLogger(__name__)


@dataclass
class UnitOfWork:
    session: Session

    def __post_init__(self) -> None:
        self.episodes = EpisodeRepository(self.session)
        self.medicines = MedicineRepository(self.session)
        self.profile = ProfileRepository(self.session)
        self.settings = SettingsRepository(self.session)


def explain_write_error(exc: BaseException) -> str:
    """SQLite's reason for a failed write, in words a person can act on."""
    text = str(exc).lower()
    if "full" in text:
        return (
            "The disk is full, so this was not saved. Everything saved before is safe. "
            "Free some space and try again."
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return (
            "The diary's file or folder cannot be written to (it may be read-only), so this "
            "was not saved. Everything saved before is safe."
        )
    if "locked" in text or "busy" in text:
        return (
            "The diary is busy in another window or command, so this was not saved. "
            "Please try again in a moment."
        )
    if "disk i/o" in text or "unable to open" in text:
        return (
            "The diary could not be written to the disk (was it removed or disconnected?), "
            "so this was not saved. Everything saved before is safe."
        )
    return "The diary could not be saved, so this was not saved. Everything saved before is safe."


def _rollback_quietly(session: Session) -> None:
    """Roll back; if even that fails (the disk is gone), SQLite discards the transaction itself
    and the original error is the one worth reporting."""
    try:
        session.rollback()
    except DBAPIError as exc:  # pragma: no cover - depends on how the disk failed
        log.warning("rollback failed: %s", exc)


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class Store:
    """An open diary: the engine plus read and write units of work."""

    RETRIES = 3

    def __init__(self, target: Target, engine: Engine) -> None:
        self.target = target
        self.engine = engine
        self._write_engine = engine.execution_options(immediate=True)

    @classmethod
    def open(cls, target: Target, *, auto_backup: bool = True) -> Store:
        return cls(target, open_engine(target, auto_backup=auto_backup))

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield UnitOfWork(session)

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """One write transaction. Callers must not run it twice on failure: we retry only the
        lock acquisition (BEGIN IMMEDIATE), before any of the caller's work has run.

        Any database failure (disk full, read-only, locked for too long, I/O error) rolls the
        whole transaction back and is raised as ``DiaryWriteFailed`` with plain words; errors of
        the caller's own (``ValidationError``…) pass through unchanged after the rollback.
        """
        session = Session(self._write_engine, expire_on_commit=False)
        try:
            for attempt in range(self.RETRIES):
                try:
                    session.connection()  # BEGIN IMMEDIATE happens here
                    break
                except DBAPIError as exc:
                    _rollback_quietly(session)
                    if attempt == self.RETRIES - 1 or not _is_busy(exc):
                        raise DiaryWriteFailed(explain_write_error(exc)) from exc
                    log.info("the diary is busy; trying again (%s)", exc)
                    time.sleep(0.2 * (attempt + 1))
            try:
                yield UnitOfWork(session)
                session.commit()
            except DBAPIError as exc:
                _rollback_quietly(session)
                if isinstance(exc, IntegrityError):
                    raise
                raise DiaryWriteFailed(explain_write_error(exc)) from exc
            except BaseException:
                _rollback_quietly(session)
                raise
        finally:
            session.close()
