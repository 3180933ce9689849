"""Numbers as the cramp trials report them, for any period of dates, and series for charts.

Owns ``period_numbers``, ``compare_periods`` (this period against the one just before it),
``weekly_counts`` and ``hourly_counts``. Periods are inclusive calendar dates and an episode belongs
to the date it started on (spec/warning-signs.md §2.2); nights follow convention 7. Imports only the
standard library and ``crampdiary.domain``; never the clock, the database or the screen.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from crampdiary.analysis.dates import (
    DEFAULT_NIGHT_BOUNDARY_HOUR,
    ONE_DAY,
    DateWindow,
    cramp_nights,
    week_start,
)
from crampdiary.domain import SLEEP_CONTEXTS, Context, Episode, Muscle

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class PeriodNumbers:
    """One period's numbers. Means, medians and shares are ``None`` when it holds no cramps.

    ``share_by_muscle`` / ``share_by_context`` hold fractions (0–1) of the period's cramps, largest
    first, listing only what occurred. ``cramp_nights`` counts nights N(e) inside the period, so a
    03:00 cramp on the day after ``end`` counts towards the night of ``end``.
    """

    start: date
    end: date
    days: int
    cramps: int
    cramps_per_week: float
    cramp_days: int
    cramp_nights: int
    sleep_related: int
    sleep_related_share: float | None
    median_duration_minutes: float | None
    mean_duration_minutes: float | None
    mean_severity: float | None
    share_by_muscle: dict[Muscle, float]
    share_by_context: dict[Context, float]


@dataclass(frozen=True, slots=True)
class PeriodComparison:
    """A period and the period of the same length that ends the day before it starts."""

    current: PeriodNumbers
    previous: PeriodNumbers


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Cramps and cramp days in one Monday-to-Sunday week (only dates inside the asked period)."""

    week_start: date
    cramps: int
    cramp_days: int


def period_numbers(
    episodes: Iterable[Episode],
    start: date,
    end: date,
    night_boundary_hour: int = DEFAULT_NIGHT_BOUNDARY_HOUR,
) -> PeriodNumbers:
    """The trial-style numbers for the dates ``start`` … ``end``, both included."""
    period = _period(start, end)
    inside: list[Episode] = []
    night_candidates: list[Episode] = []  # sleep-related, started on start … end + 1
    morning_after = end + ONE_DAY if end < date.max else end
    for e in episodes:
        d = e.started_at.date()
        if start <= d <= morning_after and e.context in SLEEP_CONTEXTS:
            night_candidates.append(e)
        if start <= d <= end:
            inside.append(e)
    nights = [n for n in cramp_nights(night_candidates, night_boundary_hour) if n in period]

    count = len(inside)
    durations = [e.duration_minutes for e in inside]
    sleep_related = sum(1 for e in inside if e.context in SLEEP_CONTEXTS)
    return PeriodNumbers(
        start=start,
        end=end,
        days=len(period),
        cramps=count,
        cramps_per_week=count / (len(period) / 7),
        cramp_days=len({e.started_at.date() for e in inside}),
        cramp_nights=len(nights),
        sleep_related=sleep_related,
        sleep_related_share=sleep_related / count if count else None,
        median_duration_minutes=statistics.median(durations) if durations else None,
        mean_duration_minutes=statistics.fmean(durations) if durations else None,
        mean_severity=statistics.fmean(e.severity_0_10 for e in inside) if inside else None,
        share_by_muscle=_shares([e.muscle for e in inside], Muscle),
        share_by_context=_shares([e.context for e in inside], Context),
    )


def compare_periods(
    episodes: Iterable[Episode],
    start: date,
    end: date,
    night_boundary_hour: int = DEFAULT_NIGHT_BOUNDARY_HOUR,
) -> PeriodComparison:
    """``start`` … ``end`` against the same number of days just before ``start``."""
    days = len(_period(start, end))
    diary = list(episodes)
    previous_start = start - timedelta(days=days)
    return PeriodComparison(
        current=period_numbers(diary, start, end, night_boundary_hour),
        previous=period_numbers(diary, previous_start, start - ONE_DAY, night_boundary_hour),
    )


def weekly_counts(episodes: Iterable[Episode], start: date, end: date) -> list[WeekCount]:
    """One row per Monday-based week touching ``start`` … ``end``, oldest first, zeros included."""
    _period(start, end)
    cramps: Counter[date] = Counter()
    days: dict[date, set[date]] = {}
    for e in episodes:
        d = e.started_at.date()
        if start <= d <= end:
            monday = week_start(d)
            cramps[monday] += 1
            days.setdefault(monday, set()).add(d)
    rows = []
    monday, last = week_start(start), week_start(end)
    while monday <= last:
        rows.append(WeekCount(monday, cramps[monday], len(days.get(monday, ()))))
        monday += timedelta(days=7)
    return rows


def hourly_counts(episodes: Iterable[Episode], start: date, end: date) -> list[int]:
    """Cramps by the hour of day they started (24 numbers, 00:00–00:59 first)."""
    _period(start, end)
    counts = [0] * 24
    for e in episodes:
        if start <= e.started_at.date() <= end:
            counts[e.started_at.hour] += 1
    return counts


def _period(start: date, end: date) -> DateWindow:
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return DateWindow(start, end)


def _shares(values: Sequence[E], kind: type[E]) -> dict[E, float]:
    counts = Counter(values)
    order = {member: index for index, member in enumerate(kind)}
    ranked = sorted(counts, key=lambda member: (-counts[member], order[member]))
    return {member: counts[member] / len(values) for member in ranked}
