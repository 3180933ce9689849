"""Storage: SQLite through SQLAlchemy 2, Alembic migrations, backups. Rows map to domain objects;
ORM objects never leave this package. Must not import Kivy, plyer, matplotlib or fpdf."""

from crampdiary.storage.database import Target, default_db_path, resolve_target
from crampdiary.storage.errors import (
    DiaryError,
    DiaryNotAccessible,
    DiaryTooNew,
    DiaryUnreadable,
    DiaryWriteFailed,
)
from crampdiary.storage.unit_of_work import Store, UnitOfWork

__all__ = [
    "DiaryError",
    "DiaryNotAccessible",
    "DiaryTooNew",
    "DiaryUnreadable",
    "DiaryWriteFailed",
    "Store",
    "Target",
    "UnitOfWork",
    "default_db_path",
    "resolve_target",
]
