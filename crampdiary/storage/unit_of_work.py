"""The unit of work: one session, one transaction, the repositories bound to it.

``Store.write()`` begins with ``BEGIN IMMEDIATE`` (so concurrent writers queue on the busy
timeout instead of failing on a lock upgrade), commits once at the end, rolls back on any error,
and turns SQLite's disk-full / read-only / locked errors into ``DiaryWriteFailed`` with plain words.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from crampdiary.storage.database import Target, open_engine
from crampdiary.storage.errors import DiaryWriteFailed
from crampdiary.storage.repositories import (
    EpisodeRepository,
    MedicineRepository,
    ProfileRepository,
    SettingsRepository,
)


@dataclass
class UnitOfWork:
    session: Session

    def __post_init__(self) -> None:
        self.episodes = EpisodeRepository(self.session)
        self.medicines = MedicineRepository(self.session)
        self.profile = ProfileRepository(self.session)
        self.settings = SettingsRepository(self.session)


def explain_write_error(exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "The disk is full, so nothing was saved. Free some space and try again."
    if "readonly" in text or "read-only" in text or "permission" in text:
        return "The diary's folder cannot be written to, so nothing was saved."
    if "locked" in text or "busy" in text:
        return "The diary is busy in another window; nothing was saved. Please try again."
    return f"The diary could not be saved ({exc}). Nothing was changed."


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
        lock acquisition (BEGIN IMMEDIATE), before any of the caller's work has run."""
        session = Session(self._write_engine, expire_on_commit=False)
        try:
            for attempt in range(self.RETRIES):
                try:
                    session.connection()  # BEGIN IMMEDIATE happens here
                    break
                except OperationalError as exc:
                    session.rollback()
                    if attempt == self.RETRIES - 1:
                        raise DiaryWriteFailed(explain_write_error(exc)) from exc
                    time.sleep(0.2 * (attempt + 1))
            try:
                yield UnitOfWork(session)
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise DiaryWriteFailed(explain_write_error(exc)) from exc
            except BaseException:
                session.rollback()
                raise
        finally:
            session.close()
