"""Helpers the UI tests share: the diary file read back with sqlite3 (not through the app), and a
cramp logged through the open diary as another screen would."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from crampdiary.domain import Context, Episode, Muscle, Side


def rows(db_path: Path) -> list[dict]:
    """Episodes as stored in the diary file, oldest first."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        found = db.execute("SELECT * FROM episodes ORDER BY started_at").fetchall()
    return [dict(row) for row in found]


def when(row: dict) -> datetime:
    return datetime.fromisoformat(str(row["started_at"]))


def log(ui, **fields) -> Episode:
    """A night-time calf cramp (fields override) saved through the app's diary, then shown."""
    values = dict(
        started_at=datetime(2026, 11, 21, 3, 10),
        duration_minutes=2,
        muscle=Muscle.CALF,
        side=Side.LEFT,
        severity_0_10=7,
        context=Context.ASLEEP,
    )
    values.update(fields)
    episode = ui.app.diary.log_episode(Episode(**values))
    ui.app.state.changed()
    ui.idle()
    return episode
