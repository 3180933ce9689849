"""Fixtures for the safety tests: diaries on real files in ``tmp_path`` and a controllable clock
for automatic backups."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from crampdiary.services import Diary
from crampdiary.storage import backups
from tests.safety.helpers import NOW, episode_for, fixed_clock


class BackupClock:
    """Stands in for ``storage.backups.clock`` (names of backups, "first open of the day")."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.ticks = 0

    def __call__(self) -> datetime:
        # Each call is a microsecond later, as real time would be: names never collide.
        self.ticks += 1
        return self.now.replace(microsecond=self.ticks % 1_000_000)


@pytest.fixture
def backup_clock(monkeypatch: pytest.MonkeyPatch) -> BackupClock:
    clock = BackupClock(NOW)
    monkeypatch.setattr(backups, "clock", clock)
    return clock


@pytest.fixture
def make_diary(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """``make_diary(count, name=...)``: a closed diary file holding episodes 0..count-1."""

    def make(count: int = 5, name: str = "diary.db") -> Path:
        path = tmp_path / name
        diary = Diary.open(path, clock=fixed_clock, auto_backup=False)
        try:
            for seq in range(count):
                diary.log_episode(episode_for(seq))
        finally:
            diary.close()
        return path

    yield make
