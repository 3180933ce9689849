"""Where a diary file is when no path is given, and the schema revision this version writes.
Plain Python (no SQLAlchemy): the first look at the diary (``storage.peek``) needs these too."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CRAMPDIARY_DB"

# The newest schema revision this version writes, and every revision it can upgrade from.
# A test proves HEAD equals Alembic's head, so opening a current diary needs no Alembic import.
HEAD_REVISION = "0001_initial"
KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial",)


def default_db_path() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/crampdiary/diary.db)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("crampdiary", appauthor=False)) / "diary.db"


def chosen_diary(target: str | os.PathLike[str] | None) -> str | Path:
    """``--db``, else ``$CRAMPDIARY_DB``, else the default file: the text given (a path or an
    SQLAlchemy URL) or, when none was given, the default file's path."""
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_VAR) or None
    return default_db_path() if raw is None else raw


def file_path(raw: str) -> Path:
    """A diary path as given (``~`` and relative parts resolved)."""
    return Path(raw).expanduser().resolve()
