"""Episode rows as plain tuples (``LIST_NAMES`` order, timestamps and JSON as text) to domain
objects. No SQLAlchemy here: the repositories and the first look at the file (``peek``) share it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from crampdiary.domain import (
    Context,
    Episode,
    MedicationTaken,
    MedicineClass,
    Muscle,
    Side,
    Symptom,
)

_MEDICINES: dict[tuple[str, str, str | None], MedicationTaken] = {}


def medication(item: Mapping[str, Any]) -> MedicationTaken:
    key = (item["name"], item["class"], item.get("started_on"))
    cached = _MEDICINES.get(key)
    if cached is None:
        started = item.get("started_on")
        cached = MedicationTaken(
            item["name"],
            MedicineClass(item["class"]),
            date.fromisoformat(started) if started else None,
        )
        if len(_MEDICINES) < 10_000:
            _MEDICINES[key] = cached
    return cached


_MUSCLES = {m.value: m for m in Muscle}
_SIDES = {m.value: m for m in Side}
_CONTEXTS = {m.value: m for m in Context}
_NO_ITEMS = ("[]", None, "")
LIST_NAMES = (
    "id", "started_at", "duration_minutes", "muscle", "side", "severity_0_10", "context",
    "eased_with_rest", "symptoms", "medications", "hydration_litres_24h", "exercise_minutes_24h",
    "soreness_days", "affected_daily_activities", "notes",
)  # fmt: skip
_ITEMS_CACHE: dict[tuple[str, str], tuple[Any, ...]] = {}


def items(kind: str, text: str | None) -> tuple[Any, ...]:
    """Symptoms or medications from their stored JSON; a diary repeats the same few lists (the
    same medicines night after night), so each distinct text is parsed once."""
    if text in _NO_ITEMS:
        return ()
    assert text is not None
    key = (kind, text)
    cached = _ITEMS_CACHE.get(key)
    if cached is None:
        raw = json.loads(text)
        cached = (
            tuple(Symptom(s) for s in raw)
            if kind == "symptoms"
            else tuple(medication(m) for m in raw)
        )
        if len(_ITEMS_CACHE) < 10_000:
            _ITEMS_CACHE[key] = cached
    return cached


def episode_from_row(row: Any) -> Episode:
    (
        id_, started_at, duration, muscle, side, severity, context, eased, symptoms, meds,
        hydration, exercise, soreness, affected, notes,
    ) = row  # fmt: skip
    return Episode(
        datetime.fromisoformat(started_at),
        duration,
        _MUSCLES[muscle],
        _SIDES[side],
        severity,
        _CONTEXTS[context],
        eased,
        items("symptoms", symptoms),
        items("medications", meds),
        hydration,
        exercise,
        soreness,
        affected,
        notes or "",
        id_,
    )
