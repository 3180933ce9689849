"""Calendar helpers of spec/warning-signs.md §2.2: episode date, night, windows, cramp days.

Owns the meaning of "date", "night" and "window" for every rule and metric. All of it is
wall-clock arithmetic on the dates as written (§2.2 convention 1): no time zones, no elapsed hours,
so a 23- or 25-hour daylight-saving day is still one date. Imports only the standard library and
``crampdiary.domain``; never the clock, the database or the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crampdiary.domain import SLEEP_CONTEXTS, Episode

ONE_DAY = timedelta(days=1)
DEFAULT_NIGHT_BOUNDARY_HOUR = 12


def episode_date(episode: Episode) -> date:
    """D(e): the date ``started_at`` is written with; a cramp past midnight keeps its start date."""
    return episode.started_at.date()


def night_of_start(started_at: datetime, night_boundary_hour: int) -> date:
    """The night a start time belongs to: before ``night_boundary_hour``:00 → the previous date."""
    day = started_at.date()
    return day - ONE_DAY if started_at.hour < night_boundary_hour else day


def night_of(episode: Episode, night_boundary_hour: int = DEFAULT_NIGHT_BOUNDARY_HOUR) -> date:
    """N(e) (§2.2 convention 7): 03:00 on Tuesday and 23:30 on Monday are both Monday night."""
    return night_of_start(episode.started_at, night_boundary_hour)


def is_sleep_related(episode: Episode) -> bool:
    """§2.2 convention 8: the cramp came while asleep or in bed trying to sleep."""
    return episode.context in SLEEP_CONTEXTS


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The calendar dates ``first`` … ``last``, both included."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        # A datetime is a date too, and would compare by date and time: refuse it.
        if not isinstance(day, date) or isinstance(day, datetime):
            return False
        return self.first <= day <= self.last

    def __len__(self) -> int:
        return max(0, (self.last - self.first).days + 1)

    def __iter__(self) -> Iterator[date]:
        day = self.first
        while day <= self.last:
            yield day
            day += ONE_DAY


def window(as_of: date, n: int) -> DateWindow:
    """W(n) (§2.2 convention 4): the ``n`` dates ``as_of − (n−1)`` … ``as_of``.

    Example: ``window(date(2025, 4, 5), 14)`` is 2025-03-23 … 2025-04-05.
    """
    if n < 1:
        raise ValueError(f"a window holds at least one date, not {n}")
    try:
        first = as_of - timedelta(days=n - 1)
    except OverflowError:
        first = date.min
    return DateWindow(first, as_of)


def not_future(episodes: Iterable[Episode], as_of: date) -> list[Episode]:
    """The episodes a rule may look at (§2.2 convention 3: ``D(e) > as_of`` is ignored)."""
    return [e for e in episodes if e.started_at.date() <= as_of]


def cramp_dates(episodes: Iterable[Episode]) -> frozenset[date]:
    """The distinct D(e) of ``episodes`` (several cramps on one date count once)."""
    return frozenset(e.started_at.date() for e in episodes)


def cramp_days(episodes: Iterable[Episode]) -> int:
    """§2.2 convention 6: how many distinct dates the episodes started on."""
    return len(cramp_dates(episodes))


def cramp_nights(
    episodes: Iterable[Episode], night_boundary_hour: int = DEFAULT_NIGHT_BOUNDARY_HOUR
) -> frozenset[date]:
    """The distinct nights N(e) of the sleep-related episodes among ``episodes``."""
    return frozenset(
        night_of_start(e.started_at, night_boundary_hour)
        for e in episodes
        if e.context in SLEEP_CONTEXTS
    )


def longest_run(days: Iterable[date]) -> int:
    """The most consecutive calendar dates among ``days`` (0 for none)."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == ONE_DAY else 1
        best = max(best, run)
        previous = day
    return best


def week_start(day: date) -> date:
    """The Monday of the week ``day`` falls in."""
    return day - timedelta(days=day.weekday())
