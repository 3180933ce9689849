"""Models and migrations agree, and the revision list the opener trusts is Alembic's own.

Opening a current diary never imports Alembic (it is slow), so ``storage.database`` carries the
head revision and the known revisions as constants: these tests keep them honest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect

from crampdiary.services import Diary
from crampdiary.storage import backups, database, migrate
from crampdiary.storage.models import Base

NOW = datetime(2026, 11, 22, 10, 0)


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrate.alembic_config())


def all_revisions() -> list[str]:
    """Every revision, oldest first."""
    return [r.revision for r in reversed(list(script().walk_revisions()))]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    yield made
    made.dispose()


def differences(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, Base.metadata))


def test_an_empty_file_upgraded_to_head_matches_the_models(engine: Engine) -> None:
    migrate.upgrade_to_head(engine)
    assert differences(engine) == []
    tables = set(inspect(engine).get_table_names())
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_the_check_itself_notices_a_difference(engine: Engine) -> None:
    migrate.upgrade_to_head(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP INDEX ix_episodes_started_at")
        connection.exec_driver_sql("ALTER TABLE episodes ADD COLUMN mood TEXT")
    found = differences(engine)
    kinds = {item[0] if isinstance(item, tuple) else item[0][0] for item in found}
    assert {"add_index", "remove_column"} <= kinds


def test_date_range_queries_have_indexes(engine: Engine) -> None:
    migrate.upgrade_to_head(engine)
    indexed = {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("episodes")}
    assert ("started_at",) in indexed


def test_head_revision_constant_is_alembics_head() -> None:
    heads = script().get_heads()
    assert heads == [database.HEAD_REVISION]
    assert migrate.head_revision() == database.HEAD_REVISION


def test_known_revisions_list_every_revision() -> None:
    assert sorted(database.KNOWN_REVISIONS) == sorted(all_revisions())
    assert database.HEAD_REVISION in database.KNOWN_REVISIONS


@pytest.mark.parametrize("revision", all_revisions())
def test_a_diary_made_by_any_revision_opens_at_head(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "old.db"
    old = create_engine(f"sqlite:///{path}")
    migrate.upgrade_to_head(old, revision)
    old.dispose()
    diary = Diary.open(path, clock=lambda: NOW)
    try:
        assert differences(diary.store.engine) == []
        assert diary.episodes() == []
    finally:
        diary.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (database.HEAD_REVISION,)
        ]


def test_a_new_diary_is_migrated_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Diary.open(path, clock=lambda: NOW).close()
    with sqlite3.connect(path) as conn:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert version == [(database.HEAD_REVISION,)]
    assert backups.list_backups(path) == []  # nothing to back up yet


def test_a_copy_is_taken_before_a_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one revision there is nothing to upgrade from, so pretend this version's head is
    newer than the file's: the opener must back the file up before it runs Alembic."""
    path = tmp_path / "diary.db"
    diary = Diary.open(path, clock=lambda: NOW)
    diary.log_from_mapping(
        {
            "started_at": "2026-11-21T03:10",
            "duration_minutes": 2,
            "muscle": "calf",
            "side": "left",
            "severity_0_10": 6,
            "context": "asleep",
        }
    )
    diary.close()
    file_revision = database.HEAD_REVISION
    monkeypatch.setattr(database, "HEAD_REVISION", "9999_next")
    order: list[str] = []
    real_upgrade = migrate.upgrade_to_head

    def upgrade(engine: Engine, revision: str = "head") -> None:
        order.append("upgrade")
        assert backups.list_backups(path, f"before-upgrade-from-{file_revision}")
        real_upgrade(engine, revision)

    monkeypatch.setattr(migrate, "upgrade_to_head", upgrade)
    Diary.open(path, clock=lambda: NOW, auto_backup=False).close()
    assert order == ["upgrade"]
    (copy,) = backups.list_backups(path, f"before-upgrade-from-{file_revision}")
    assert backups.verify(copy) == file_revision
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM episodes").fetchone() == (1,)
