"""Migrations: a diary made by each earlier schema revision (tests/fixtures/diary-<rev>.db)
upgrades with every row and field intact. (That models and migrations agree, and that HEAD is
Alembic's head, is proved in tests/storage/test_migrations.py.)

Adding a schema revision means adding its fixture (``tests/fixtures/make_fixtures.py``);
``test_every_known_revision_has_a_fixture`` fails until it is there.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from crampdiary.services import Diary
from crampdiary.storage import backups, database
from tests.fixtures.make_fixtures import CONTENT
from tests.safety.conftest import BackupClock
from tests.safety.helpers import fixed_clock, integrity

FIXTURES = Path(__file__).parents[1] / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("diary-*.db"))


def _raw_tables(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every table's column names and rows, straight from SQLite."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables = {}
        for name in names:
            cursor = conn.execute(f'SELECT * FROM "{name}"')
            columns = [d[0] for d in cursor.description]
            tables[name] = (columns, sorted(cursor.fetchall(), key=repr))
        return tables
    finally:
        conn.close()


def _project(row: tuple[Any, ...], columns: list[str], wanted: list[str]) -> tuple[Any, ...]:
    return tuple(row[columns.index(c)] for c in wanted)


def _revision_of(fixture: Path) -> str:
    return fixture.stem.removeprefix("diary-")


def test_every_known_revision_has_a_fixture() -> None:
    have = {_revision_of(f) for f in FIXTURE_FILES}
    missing = [r for r in database.KNOWN_REVISIONS if r not in have]
    assert not missing, f"add tests/fixtures/diary-<rev>.db for {missing} (make_fixtures.py)"


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=[f.name for f in FIXTURE_FILES])
def test_a_diary_from_each_revision_opens_with_every_row_and_field(
    fixture: Path, tmp_path: Path, backup_clock: BackupClock
) -> None:
    content = CONTENT
    path = tmp_path / "diary.db"
    shutil.copyfile(fixture, path)
    old_tables = _raw_tables(path)

    diary = Diary.open(path, clock=fixed_clock)
    try:
        key = lambda e: (e.started_at, e.id)  # noqa: E731
        assert diary.episodes() == sorted(content.episodes, key=key)
        assert sorted(diary.medicines(), key=lambda m: m.id) == sorted(
            content.medicines, key=lambda m: m.id
        )
        assert diary.profile() == content.profile
        assert diary.settings() == content.settings
    finally:
        diary.close()

    # Every row of every old table is still there, every old column with the same value.
    new_tables = _raw_tables(path)
    for table, (columns, rows) in old_tables.items():
        if table == "alembic_version":
            continue
        assert table in new_tables, f"table {table} disappeared"
        new_columns, new_rows = new_tables[table]
        assert len(new_rows) == len(rows), f"{table}: row count changed"
        kept = [c for c in columns if c in new_columns]
        assert kept == columns, f"{table}: columns {set(columns) - set(kept)} disappeared"
        old_values = sorted((_project(r, columns, kept) for r in rows), key=repr)
        new_values = sorted((_project(r, new_columns, kept) for r in new_rows), key=repr)
        assert old_values == new_values, f"{table}: values changed"

    assert new_tables["alembic_version"][1] == [(database.HEAD_REVISION,)]
    assert integrity(path) == "ok"
    if _revision_of(fixture) != database.HEAD_REVISION:
        assert backups.list_backups(path, f"before-upgrade-from-{_revision_of(fixture)}")
