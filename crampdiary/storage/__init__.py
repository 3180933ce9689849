"""Storage: SQLite through SQLAlchemy 2, Alembic migrations, backups. Rows map to domain objects;
ORM objects never leave this package. Must not import Kivy, plyer, matplotlib or fpdf.

The names below are loaded on first use: ``storage.peek`` (home's first look at the diary file,
with plain ``sqlite3``) must not pay for importing SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crampdiary.storage.database import Target, resolve_target
    from crampdiary.storage.errors import (
        DiaryError,
        DiaryNotAccessible,
        DiaryTooNew,
        DiaryUnreadable,
        DiaryWriteFailed,
    )
    from crampdiary.storage.location import default_db_path
    from crampdiary.storage.unit_of_work import Store, UnitOfWork

_WHERE = {
    "DiaryError": "errors",
    "DiaryNotAccessible": "errors",
    "DiaryTooNew": "errors",
    "DiaryUnreadable": "errors",
    "DiaryWriteFailed": "errors",
    "Store": "unit_of_work",
    "Target": "database",
    "UnitOfWork": "unit_of_work",
    "default_db_path": "location",
    "resolve_target": "database",
}

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
