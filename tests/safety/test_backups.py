"""Automatic backups: one on the first open of each day, a bounded number kept, one before every
migration; restore checks a backup before it replaces anything and keeps what it replaced."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from crampdiary import cli
from crampdiary.services import Diary
from crampdiary.storage import DiaryError, backups, database, migrate
from tests.safety.conftest import BackupClock
from tests.safety.helpers import episode_for, file_state, fixed_clock, integrity
from tests.safety.test_corruption import damage

FIXTURE_0001 = Path(__file__).parents[1] / "fixtures" / "diary-0001_initial.db"


def _episode_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM episodes")}
    finally:
        conn.close()


def _open_close(path: Path) -> None:
    Diary.open(path, clock=fixed_clock).close()


def test_first_open_of_each_day_makes_one_backup(
    make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    path = make_diary(3)
    assert backups.list_backups(path) == []

    _open_close(path)
    _open_close(path)
    daily = backups.list_backups(path, "daily")
    assert len(daily) == 1, "a second open on the same day must not back up again"
    assert _episode_ids(daily[0]) == {episode_for(s).id for s in range(3)}
    assert backups.backup_time(daily[0]).date() == backup_clock.now.date()  # type: ignore[union-attr]

    diary = Diary.open(path, clock=fixed_clock)
    diary.log_episode(episode_for(3))
    diary.close()
    backup_clock.now += timedelta(days=1)
    _open_close(path)
    daily = backups.list_backups(path, "daily")
    assert len(daily) == 2
    assert _episode_ids(daily[0]) == {episode_for(s).id for s in range(4)}


def test_at_most_keep_daily_backups_are_kept_newest_first(
    make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    path = make_diary(1)
    for _day in range(backups.KEEP + 5):
        backup_clock.now += timedelta(days=1)
        _open_close(path)
    daily = backups.list_backups(path, "daily")
    assert len(daily) == backups.KEEP
    newest = backups.backup_time(daily[0])
    oldest = backups.backup_time(daily[-1])
    assert newest is not None and oldest is not None
    assert newest.date() == backup_clock.now.date()
    assert (newest - oldest).days == backups.KEEP - 1
    # Manual backups rotate separately and do not push daily ones out.
    for _ in range(3):
        assert cli.main(["backup", "--db", str(path)]) == 0
    assert len(backups.list_backups(path, "daily")) == backups.KEEP
    assert len(backups.list_backups(path, "manual")) == 3


def test_a_failing_daily_backup_does_not_stop_the_diary_opening(
    make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    """A full disk or read-only folder must not lock the person out of reading their diary."""
    path = make_diary(2)
    backups.backup_folder(path).write_text("a file where the backup folder should be")
    diary = Diary.open(path, clock=fixed_clock)
    try:
        assert len(diary.episodes()) == 2
    finally:
        diary.close()


@pytest.fixture
def throwaway_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the migrations with one more, throwaway revision after the current head, as
    if this were the next version of the app. Returns the new revision's id."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    head = database.HEAD_REVISION
    new = "9999_throwaway"
    (folder / "versions" / f"{new}.py").write_text(
        f'''"""A throwaway revision for tests: adds a column."""
import sqlalchemy as sa
from alembic import op

revision = "{new}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("episodes") as batch:
        batch.add_column(sa.Column("mood", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("episodes") as batch:
        batch.drop_column("mood")
'''
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)
    monkeypatch.setattr(database, "HEAD_REVISION", new)
    monkeypatch.setattr(database, "KNOWN_REVISIONS", (*database.KNOWN_REVISIONS, new))
    return new


def _revision(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_a_diary_is_backed_up_before_it_is_upgraded(
    tmp_path: Path, throwaway_revision: str, backup_clock: BackupClock
) -> None:
    path = tmp_path / "diary.db"
    shutil.copyfile(FIXTURE_0001, path)
    ids_before = _episode_ids(path)

    diary = Diary.open(path, clock=fixed_clock)
    try:
        count = len(diary.episodes())
    finally:
        diary.close()

    assert _revision(path) == throwaway_revision
    assert count == len(ids_before)
    [before_upgrade] = backups.list_backups(path, "before-upgrade-from-0001_initial")
    assert _revision(before_upgrade) == "0001_initial"
    assert _episode_ids(before_upgrade) == ids_before
    assert integrity(before_upgrade) == "ok"
    # Opening again does not upgrade (nor back up for it) again.
    _open_close(path)
    assert len(backups.list_backups(path, "before-upgrade-from-0001_initial")) == 1


def test_no_upgrade_without_a_backup(
    tmp_path: Path,
    throwaway_revision: str,
    backup_clock: BackupClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "diary.db"
    shutil.copyfile(FIXTURE_0001, path)
    before = file_state(path)

    def no_space(*_args: object, **_kwargs: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "copy_database", no_space)
    with pytest.raises(DiaryError, match="safety copy could not be made"):
        Diary.open(path, clock=fixed_clock)
    assert file_state(path) == before
    assert _revision(path) == "0001_initial"


@pytest.mark.parametrize(
    "kind", ["garbage inside", "cut short", "not SQLite", "SQLite but not a diary", "newer version"]
)
def test_restore_checks_the_backup_before_replacing_anything(
    kind: str, make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    path = make_diary(4)
    bad_backup = backups.make_backup(path, reason="manual")
    damage(bad_backup, kind)
    diary = Diary.open(path, clock=fixed_clock)
    diary.log_episode(episode_for(4))
    before = diary.export_text("json")
    folder_before = sorted(p.name for p in backups.backup_folder(path).iterdir())

    with pytest.raises(DiaryError):
        diary.restore_from(bad_backup)
    assert diary.export_text("json") == before
    diary.close()
    assert cli.main(["restore", "--db", str(path), str(bad_backup)]) == cli.EXIT_USAGE
    assert sorted(p.name for p in backups.backup_folder(path).iterdir()) == folder_before
    reopened = Diary.open(path, clock=fixed_clock)
    try:
        assert reopened.export_text("json") == before
    finally:
        reopened.close()


def test_restore_keeps_the_replaced_diary(
    make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    path = make_diary(2)
    backup = backups.make_backup(path, reason="manual")
    diary = Diary.open(path, clock=fixed_clock)
    diary.log_episode(episode_for(2))
    kept = diary.restore_from(backup)
    try:
        assert len(diary.episodes()) == 2
    finally:
        diary.close()
    assert kept is not None and "-replaced" in kept.name
    assert _episode_ids(kept) == {episode_for(s).id for s in range(3)}


def test_restore_under_another_open_window_loses_nothing_afterwards(
    make_diary: Callable[..., Path], backup_clock: BackupClock
) -> None:
    """A window that has the diary open while the command line restores it sees the restored
    diary, and what it writes afterwards lands in the restored diary (not in a file that was
    swapped away under it)."""
    path = make_diary(2)
    backup = backups.make_backup(path, reason="manual")
    window = Diary.open(path, clock=fixed_clock)
    try:
        window.log_episode(episode_for(2))
        assert len(window.episodes()) == 3
        assert cli.main(["restore", "--db", str(path), str(backup)]) == 0
        assert len(window.episodes()) == 2
        window.log_episode(episode_for(7))
    finally:
        window.close()
    assert _episode_ids(path) == {episode_for(s).id for s in (0, 1, 7)}
    assert integrity(path) == "ok"
