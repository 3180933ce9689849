"""Chart data: pure functions turning episodes into the series the charts draw.

Owns what each chart counts and when there is too little to show (``enough_data`` and the plain-
words ``message`` a chart prints instead). Every function takes the period as ``start``/``end``
dates (both included) and keeps the episodes whose date D(e) lies in it (spec/warning-signs.md §2.2,
convention 2). Nights and sleep-related episodes follow conventions 7 and 8 through
``crampdiary.analysis.dates``.

Imports only the standard library, ``crampdiary.domain`` and ``crampdiary.analysis.dates``: never
the clock, the database, the screen, numpy or matplotlib (drawing lives in ``reports.charts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import attrgetter
from statistics import median
from typing import Final, Literal

from crampdiary.analysis.dates import (
    DEFAULT_NIGHT_BOUNDARY_HOUR,
    is_sleep_related,
    week_start,
)
from crampdiary.domain import Episode, Medicine, Muscle, Side

MIN_EPISODES: Final = 3
MIN_FULL_WEEKS: Final = 3
MIN_LOGGED_DAYS: Final = 3
MIN_MUSCLE_EPISODES: Final = 1
DEFAULT_MEDICINE_WINDOW_DAYS: Final = 28
MIN_MEDICINE_WINDOW_DAYS: Final = 7
EVENING_FIRST_HOUR: Final = 18
# Hours as a night is lived: 18:00 … 23:00, then 00:00 … 17:00.
HOUR_ORDER: Final[tuple[int, ...]] = tuple((EVENING_FIRST_HOUR + i) % 24 for i in range(24))

NO_CRAMPS: Final = "No cramps logged in this period"
_ONE_DAY: Final = timedelta(days=1)
_MUSCLE_ORDER: Final = {m: i for i, m in enumerate(Muscle)}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 cramp``, ``2 cramps``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _too_few(n: int, what: str) -> str:
    if n == 0:
        return NO_CRAMPS
    return f"Not enough entries yet to show {what} — {plural(n, 'cramp')} in this period"


def in_period(episodes: Iterable[Episode], start: date, end: date) -> list[Episode]:
    """The episodes whose date D(e) is ``start`` … ``end``, in the order given."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return [e for e in episodes if start <= e.started_at.date() <= end]


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """Slope and intercept of the straight line that best fits the points (least squares)."""
    n = len(xs)
    if n != len(ys):
        raise ValueError("xs and ys differ in length")
    if n < 2:
        raise ValueError("a line needs at least two points")
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("a line needs at least two different x values")
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


# --- Cramps per week ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Cramps in the Monday-based week starting ``week_start``; the period may cover part of it."""

    week_start: date
    days_in_period: int
    count: int

    @property
    def full(self) -> bool:
        return self.days_in_period == 7


@dataclass(frozen=True, slots=True)
class Trend:
    """``count ≈ intercept + slope_per_week × week index`` (index 0 is the series' first week)."""

    slope_per_week: float
    intercept: float

    def at(self, index: float) -> float:
        return self.intercept + self.slope_per_week * index


@dataclass(frozen=True, slots=True)
class WeeklySeries:
    weeks: tuple[WeekCount, ...]
    total: int
    trend: Trend | None
    enough_data: bool
    message: str


def weekly_counts(episodes: Iterable[Episode], start: date, end: date) -> WeeklySeries:
    """Cramps per Monday-based week over ``start`` … ``end``, with a trend over the full weeks.

    Part-weeks at either edge are counted but left out of the trend, since fewer days hold fewer
    cramps. The trend needs ``MIN_EPISODES`` cramps and ``MIN_FULL_WEEKS`` full weeks.
    """
    kept = in_period(episodes, start, end)
    first_monday = week_start(start)
    n_weeks = (week_start(end) - first_monday).days // 7 + 1
    counts = [0] * n_weeks
    for e in kept:
        counts[(e.started_at.date() - first_monday).days // 7] += 1
    weeks = []
    for i, count in enumerate(counts):
        monday = first_monday + timedelta(weeks=i)
        days = (min(end, monday + 6 * _ONE_DAY) - max(start, monday)).days + 1
        weeks.append(WeekCount(monday, days, count))
    full = [(float(i), float(w.count)) for i, w in enumerate(weeks) if w.full]
    total = len(kept)
    if total < MIN_EPISODES:
        message = _too_few(total, "a trend")
        return WeeklySeries(tuple(weeks), total, None, False, message)
    if len(full) < MIN_FULL_WEEKS:
        message = (
            "Not enough weeks yet to show a trend — "
            f"{plural(len(full), 'full week')} in this period, {MIN_FULL_WEEKS} are needed"
        )
        return WeeklySeries(tuple(weeks), total, None, False, message)
    slope, intercept = least_squares([x for x, _ in full], [y for _, y in full])
    return WeeklySeries(tuple(weeks), total, Trend(slope, intercept), True, "")


# --- Time of night --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HourBin:
    """Cramps that started in ``hour``:00–``hour``:59, in bed (asleep or trying to) or up."""

    hour: int
    in_bed: int
    up: int

    @property
    def total(self) -> int:
        return self.in_bed + self.up


@dataclass(frozen=True, slots=True)
class HourlySeries:
    bins: tuple[HourBin, ...]  # in HOUR_ORDER: evening first, then night, morning, afternoon
    total: int
    enough_data: bool
    message: str


def hour_label(hour: int) -> str:
    """Plain clock words: ``6 pm``, ``midnight``, ``3 am``, ``noon``."""
    if hour == 0:
        return "midnight"
    if hour == 12:
        return "noon"
    return f"{hour % 12} {'am' if hour < 12 else 'pm'}"


def episodes_by_hour(episodes: Iterable[Episode], start: date, end: date) -> HourlySeries:
    """Cramps by the hour they started, ordered evening → morning (18:00 … 17:00)."""
    kept = in_period(episodes, start, end)
    in_bed = [0] * 24
    up = [0] * 24
    for e in kept:
        (in_bed if is_sleep_related(e) else up)[e.started_at.hour] += 1
    bins = tuple(HourBin(h, in_bed[h], up[h]) for h in HOUR_ORDER)
    total = len(kept)
    enough = total >= MIN_EPISODES
    message = "" if enough else _too_few(total, "the time of night")
    return HourlySeries(bins, total, enough, message)


# --- Muscles --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MuscleCount:
    """Cramps in one muscle by the side recorded (``no_side`` = not applicable)."""

    muscle: Muscle
    left: int = 0
    right: int = 0
    both: int = 0
    no_side: int = 0

    @property
    def total(self) -> int:
        return self.left + self.right + self.both + self.no_side

    def touching(self, side: Side) -> int:
        """Cramps that reached this muscle's ``side`` half: that side, both, or no side given."""
        own = self.left if side is Side.LEFT else self.right if side is Side.RIGHT else 0
        return own + self.both + self.no_side


@dataclass(frozen=True, slots=True)
class MuscleSeries:
    counts: tuple[MuscleCount, ...]  # muscles with cramps, most first
    total: int
    enough_data: bool
    message: str

    def get(self, muscle: Muscle) -> MuscleCount:
        for c in self.counts:
            if c.muscle is muscle:
                return c
        return MuscleCount(muscle)


def muscle_counts(episodes: Iterable[Episode], start: date, end: date) -> MuscleSeries:
    """Cramps per muscle and side, most-affected muscle first (ties in the spec's order)."""
    kept = in_period(episodes, start, end)
    tally: dict[Muscle, dict[Side, int]] = {}
    for e in kept:
        sides = tally.setdefault(e.muscle, {})
        sides[e.side] = sides.get(e.side, 0) + 1
    counts = [
        MuscleCount(
            m,
            left=s.get(Side.LEFT, 0),
            right=s.get(Side.RIGHT, 0),
            both=s.get(Side.BOTH, 0),
            no_side=s.get(Side.NOT_APPLICABLE, 0),
        )
        for m, s in tally.items()
    ]
    counts.sort(key=lambda c: (-c.total, _MUSCLE_ORDER[c.muscle]))
    total = len(kept)
    enough = total >= MIN_MUSCLE_EPISODES
    message = "" if enough else NO_CRAMPS
    return MuscleSeries(tuple(counts), total, enough, message)


# --- Duration and severity ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeeklyMedian:
    week_start: date
    count: int
    duration_minutes: float
    severity: float


@dataclass(frozen=True, slots=True)
class DurationSeveritySeries:
    """One entry per cramp (parallel tuples, in time order) and each week's middle values."""

    started_at: tuple[datetime, ...]
    duration_minutes: tuple[float, ...]
    severity: tuple[int, ...]
    weekly: tuple[WeeklyMedian, ...]
    enough_data: bool
    message: str


def duration_severity(
    episodes: Iterable[Episode], start: date, end: date
) -> DurationSeveritySeries:
    """How long and how painful each cramp was, in time order, with each week's medians."""
    kept = sorted(in_period(episodes, start, end), key=attrgetter("started_at"))
    # Weeks keyed by their Monday's ordinal (day 1, 1 January of year 1, was a Monday).
    by_week: dict[int, tuple[list[float], list[int]]] = {}
    for e in kept:
        day = e.started_at.toordinal()
        week = by_week.get(day - (day - 1) % 7)
        if week is None:
            week = by_week[day - (day - 1) % 7] = ([], [])
        week[0].append(e.duration_minutes)
        week[1].append(e.severity_0_10)
    weekly = tuple(
        WeeklyMedian(
            date.fromordinal(monday),
            len(durations),
            float(median(durations)),
            float(median(severities)),
        )
        for monday, (durations, severities) in sorted(by_week.items())
    )
    enough = len(kept) >= MIN_EPISODES
    message = "" if enough else _too_few(len(kept), "how long and how painful cramps were")
    return DurationSeveritySeries(
        tuple(e.started_at for e in kept),
        tuple(float(e.duration_minutes) for e in kept),
        tuple(e.severity_0_10 for e in kept),
        weekly,
        enough,
        message,
    )


# --- Fluids and exercise the day before a night ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayBefore:
    """What was logged for the day before night ``day``, and whether that night had a cramp.

    Fluids and exercise are logged with a cramp ("in the 24 hours before"), so a value belongs to
    the night N(e) of the cramp it was logged with: a 03:00 Tuesday cramp speaks for Monday, and so
    does a 15:00 Monday cramp. Several values for one day are averaged.
    """

    day: date
    litres: float | None
    exercise_minutes: float | None
    cramp_night: bool


@dataclass(frozen=True, slots=True)
class FluidsExerciseSeries:
    days: tuple[DayBefore, ...]  # in date order; only days with fluids or exercise logged
    fluid_days: int
    exercise_days: int
    fluids_enough: bool
    exercise_enough: bool
    fluids_message: str
    exercise_message: str

    @property
    def enough_data(self) -> bool:
        return self.fluids_enough or self.exercise_enough

    @property
    def message(self) -> str:
        if self.enough_data:
            return ""
        if self.fluid_days == 0 and self.exercise_days == 0:
            return "No drinks or exercise logged in this period — add them when you log a cramp"
        return f"{self.fluids_message}.\n{self.exercise_message}."


def _logged_message(n: int, what: str) -> str:
    if n == 0:
        return f"No {what} logged in this period"
    return f"{what.capitalize()} logged on only {plural(n, 'day')} — not enough to compare"


def fluids_exercise(
    episodes: Iterable[Episode],
    start: date,
    end: date,
    night_boundary_hour: int = DEFAULT_NIGHT_BOUNDARY_HOUR,
) -> FluidsExerciseSeries:
    """Each day's logged drinks and exercise, and whether a sleep-related cramp came that night."""
    # Nights as ordinals, one pass, N(e) of §2.2 convention 7 written out (see ``night_of``);
    # each day's [sum, count] of what was logged.
    nights: set[int] = set()
    litres: dict[int, list[float]] = {}
    minutes: dict[int, list[float]] = {}
    for e in in_period(episodes, start, end):
        at = e.started_at
        day = at.toordinal() - (at.hour < night_boundary_hour)
        if is_sleep_related(e):
            nights.add(day)
        if (value := e.hydration_litres_24h) is not None:
            if (total := litres.get(day)) is None:
                litres[day] = [float(value), 1.0]
            else:
                total[0] += value
                total[1] += 1.0
        if (value := e.exercise_minutes_24h) is not None:
            if (total := minutes.get(day)) is None:
                minutes[day] = [float(value), 1.0]
            else:
                total[0] += value
                total[1] += 1.0
    no_value = (0.0, 0.0)
    days = []
    for d in sorted(litres.keys() | minutes.keys()):
        fluid_sum, fluid_n = litres.get(d, no_value)
        exercise_sum, exercise_n = minutes.get(d, no_value)
        days.append(
            DayBefore(
                date.fromordinal(d),
                fluid_sum / fluid_n if fluid_n else None,
                exercise_sum / exercise_n if exercise_n else None,
                d in nights,
            )
        )
    n_fluid, n_exercise = len(litres), len(minutes)
    return FluidsExerciseSeries(
        tuple(days),
        n_fluid,
        n_exercise,
        n_fluid >= MIN_LOGGED_DAYS,
        n_exercise >= MIN_LOGGED_DAYS,
        "" if n_fluid >= MIN_LOGGED_DAYS else _logged_message(n_fluid, "drinks"),
        "" if n_exercise >= MIN_LOGGED_DAYS else _logged_message(n_exercise, "exercise"),
    )


# --- Before and after a medicine was started or stopped -------------------------------------------

Change = Literal["started", "stopped"]


@dataclass(frozen=True, slots=True)
class MedicineChange:
    """Cramps in the same number of days before and after a medicine was started or stopped.

    ``on`` is the date recorded. The "after" window begins on the first day of the new state: the
    start date itself for a start, the day after the last day taken for a stop
    (``Medicine.taken_on`` counts both dates as taken). Both windows hold ``window_days`` dates
    inside the period; that is shorter than asked when the change is near an edge of the period,
    and the change is not ``comparable`` under ``MIN_MEDICINE_WINDOW_DAYS``.
    """

    medicine: str
    change: Change
    on: date
    window_days: int
    before_first: date
    before_last: date
    after_first: date
    after_last: date
    before_count: int
    after_count: int

    @property
    def comparable(self) -> bool:
        return self.window_days >= MIN_MEDICINE_WINDOW_DAYS


@dataclass(frozen=True, slots=True)
class MedicineSeries:
    changes: tuple[MedicineChange, ...]  # every start or stop in the period, in date order
    enough_data: bool
    message: str


def _change(
    name: str, change: Change, on: date, dates: Sequence[date], start: date, end: date, asked: int
) -> MedicineChange:
    boundary = on if change == "started" else on + _ONE_DAY
    n = max(0, min(asked, (boundary - start).days, (end - boundary).days + 1))
    before_first, before_last = boundary - n * _ONE_DAY, boundary - _ONE_DAY
    after_first, after_last = boundary, boundary + (n - 1) * _ONE_DAY
    before = sum(1 for d in dates if before_first <= d <= before_last)
    after = sum(1 for d in dates if after_first <= d <= after_last)
    return MedicineChange(
        name, change, on, n, before_first, before_last, after_first, after_last, before, after
    )


def medicine_before_after(
    episodes: Iterable[Episode],
    medicines: Iterable[Medicine],
    start: date,
    end: date,
    window_days: int = DEFAULT_MEDICINE_WINDOW_DAYS,
) -> MedicineSeries:
    """For each start or stop date in the period: cramps in the ``window_days`` before and after."""
    if window_days < 1:
        raise ValueError(f"a window holds at least one day, not {window_days}")
    dates = [e.started_at.date() for e in in_period(episodes, start, end)]
    changes: list[MedicineChange] = []
    for med in medicines:
        dated: tuple[tuple[Change, date | None], ...] = (
            ("started", med.started_on),
            ("stopped", med.stopped_on),
        )
        for kind, on in dated:
            if on is not None and start <= on <= end:
                changes.append(_change(med.name, kind, on, dates, start, end, window_days))
    changes.sort(key=lambda c: (c.on, c.medicine, c.change))
    enough = any(c.comparable for c in changes)
    if enough:
        message = ""
    elif not changes:
        message = "No medicine start or stop dates in this period"
    else:
        message = (
            "Medicine changes are too close to the edge of this period to compare — "
            f"{plural(MIN_MEDICINE_WINDOW_DAYS, 'day')} are needed on each side"
        )
    return MedicineSeries(tuple(changes), enough, message)
