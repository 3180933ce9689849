"""Runs Alembic from code. Imported only when a diary's schema is not current (Alembic is slow
to import, and a current diary never needs it)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    """Upgrade in one write transaction. ``BEGIN IMMEDIATE`` makes a second process opening the
    same diary at that moment wait, then find it already upgraded (Alembic reads the version
    inside the transaction), instead of running the migration twice."""
    config = alembic_config()
    with engine.connect().execution_options(immediate=True) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
