"""The diary's records as frozen dataclasses: Episode, MedicationTaken, Medicine, Profile.

Construction does not validate (so storage can load what it wrote quickly); ``validation`` does.
Imports nothing of ours but ``domain.enums``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from crampdiary.domain.enums import Condition, Context, MedicineClass, Muscle, Side, Symptom


def new_id() -> str:
    """A fresh random UUID, as text: ids stay unique when diaries from two devices merge."""
    return str(uuid.uuid4())


def _strip_name(record: MedicationTaken | Medicine) -> None:
    # "Atorvastatin " and "Atorvastatin" are the same medicine: names never keep outer spaces,
    # whichever way they came in (a form, a file), so a diary exports exactly what it imports.
    name = record.name
    if isinstance(name, str) and name != name.strip():
        object.__setattr__(record, "name", name.strip())


@dataclass(frozen=True, slots=True)
class MedicationTaken:
    """A medicine as it stood when an episode happened (a snapshot, §3.1 ``medications``)."""

    name: str
    med_class: MedicineClass
    started_on: date | None = None

    def __post_init__(self) -> None:
        _strip_name(self)


@dataclass(frozen=True, slots=True)
class Episode:
    """One cramp (spec/warning-signs.md §3.1). ``started_at`` is naive local wall-clock time."""

    started_at: datetime
    duration_minutes: float
    muscle: Muscle
    side: Side
    severity_0_10: int
    context: Context
    eased_with_rest: bool | None = None
    symptoms: tuple[Symptom, ...] = ()
    medications: tuple[MedicationTaken, ...] = ()
    hydration_litres_24h: float | None = None
    exercise_minutes_24h: float | None = None
    soreness_days: int | None = None
    affected_daily_activities: bool | None = None
    notes: str = ""
    id: str = field(default_factory=new_id)

    @property
    def day(self) -> date:
        """D(e): the calendar date the episode started on (§2.2 convention 2)."""
        return self.started_at.date()

    def with_changes(self, **changes: object) -> Episode:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Medicine:
    """An entry of the user's medicines list; episodes take snapshots of it."""

    name: str
    med_class: MedicineClass
    started_on: date | None = None
    stopped_on: date | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _strip_name(self)

    def taken_on(self, day: date) -> bool:
        """Whether the medicine was being taken on ``day`` (unknown start counts as taken)."""
        if self.started_on is not None and day < self.started_on:
            return False
        return self.stopped_on is None or day <= self.stopped_on

    def snapshot(self) -> MedicationTaken:
        return MedicationTaken(self.name, self.med_class, self.started_on)


@dataclass(frozen=True, slots=True)
class Profile:
    """Facts about the person, once per diary (§3.2)."""

    on_restricted_diet: bool = False
    conditions: tuple[Condition, ...] = ()
