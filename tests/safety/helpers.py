"""Shared by the safety tests and by ``writer.py`` (run in child processes): deterministic
episodes that can be rebuilt from their sequence number, so a test can tell a complete episode
from a half-written one, and small file helpers. Imports nothing from pytest."""

from __future__ import annotations

import os
import sqlite3
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from crampdiary.domain import Context, Episode, MedicationTaken, MedicineClass, Muscle, Side
from crampdiary.domain.enums import Symptom

NOW = datetime(2026, 11, 22, 10, 0)
_NAMESPACE = uuid.UUID("6f1c1f5e-3a52-4b1f-9c53-1f3a0c9d2e10")
MUSCLES = list(Muscle)
SIDES = list(Side)
CONTEXTS = list(Context)
SYMPTOMS = list(Symptom)


def fixed_clock() -> datetime:
    return NOW


def episode_for(seq: int) -> Episode:
    """The one episode with this sequence number: every field depends on it, and the notes are
    long enough that an episode spans more than one database page."""
    return Episode(
        id=str(uuid.uuid5(_NAMESPACE, f"episode-{seq}")),
        started_at=NOW - timedelta(days=seq % 900, minutes=seq % 1440),
        duration_minutes=0.5 + (seq % 40) / 4,
        muscle=MUSCLES[seq % len(MUSCLES)],
        side=SIDES[seq % len(SIDES)],
        severity_0_10=seq % 11,
        context=CONTEXTS[seq % len(CONTEXTS)],
        eased_with_rest=(None, True, False)[seq % 3],
        symptoms=tuple(SYMPTOMS[(seq + k) % len(SYMPTOMS)] for k in range(seq % 3)),
        medications=(MedicationTaken("atorvastatin", MedicineClass.STATIN, None),)
        if seq % 2
        else (),
        hydration_litres_24h=None if seq % 5 == 0 else round(0.5 + (seq % 7) * 0.25, 2),
        exercise_minutes_24h=None if seq % 4 == 0 else float(seq % 90),
        soreness_days=None if seq % 6 == 0 else seq % 4,
        affected_daily_activities=(None, True, False)[(seq + 1) % 3],
        notes=f"seq={seq} " + "é—日本語 " * (40 + seq % 300),
    )


def seq_of(episode: Episode) -> int:
    return int(episode.notes.split(" ", 1)[0].removeprefix("seq="))


def file_state(path: Path) -> tuple[bytes, int]:
    """A file's bytes and modification time, to prove it was left untouched."""
    return path.read_bytes(), path.stat().st_mtime_ns


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777
