"""Chart series on hand-built episodes: hour bins, Monday weeks, sides, nights, medicine windows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampdiary.analysis import series
from crampdiary.domain import Context, Episode, Medicine, MedicineClass, Muscle, Side


def ep(
    when: str,
    *,
    muscle: Muscle = Muscle.CALF,
    side: Side = Side.LEFT,
    context: Context = Context.ASLEEP,
    minutes: float = 2.0,
    severity: int = 5,
    litres: float | None = None,
    exercise: float | None = None,
) -> Episode:
    return Episode(
        started_at=datetime.fromisoformat(when),
        duration_minutes=minutes,
        muscle=muscle,
        side=side,
        severity_0_10=severity,
        context=context,
        hydration_litres_24h=litres,
        exercise_minutes_24h=exercise,
    )


def on_day(day: date, hour: int = 3) -> Episode:
    return ep(datetime(day.year, day.month, day.day, hour).isoformat())


# --- Hours ----------------------------------------------------------------------------------------


def test_hours_run_from_evening_to_the_next_afternoon() -> None:
    assert series.HOUR_ORDER[:7] == (18, 19, 20, 21, 22, 23, 0)
    assert series.HOUR_ORDER[-1] == 17
    assert sorted(series.HOUR_ORDER) == list(range(24))


def test_0300_and_2330_land_in_their_hours_with_2330_first() -> None:
    data = series.episodes_by_hour(
        [
            ep("2025-03-04T03:00"),
            ep("2025-03-04T03:59"),
            ep("2025-03-03T23:30", context=Context.IN_BED_AWAKE),
            ep("2025-03-04T14:00", context=Context.WALKING),
        ],
        date(2025, 3, 1),
        date(2025, 3, 31),
    )
    hours = [b.hour for b in data.bins]
    by_hour = {b.hour: b for b in data.bins}
    assert by_hour[3].in_bed == 2 and by_hour[3].up == 0
    assert by_hour[23].in_bed == 1
    assert by_hour[14].up == 1 and by_hour[14].in_bed == 0
    assert hours.index(23) < hours.index(3) < hours.index(14)
    assert sum(b.total for b in data.bins) == data.total == 4
    assert data.enough_data and data.message == ""


def test_hours_say_when_there_are_too_few_cramps() -> None:
    data = series.episodes_by_hour([ep("2025-03-04T03:00")], date(2025, 3, 1), date(2025, 3, 31))
    assert not data.enough_data
    assert data.message == (
        "Not enough entries yet to show the time of night — 1 cramp in this period"
    )


def test_no_cramps_at_all_say_so_plainly() -> None:
    start, end = date(2025, 3, 1), date(2025, 3, 31)
    for data in (
        series.weekly_counts([], start, end),
        series.episodes_by_hour([], start, end),
        series.duration_severity([], start, end),
        series.muscle_counts([], start, end),
    ):
        assert not data.enough_data
        assert data.message == "No cramps logged in this period"


@pytest.mark.parametrize(
    ("hour", "words"), [(0, "midnight"), (3, "3 am"), (12, "noon"), (18, "6 pm"), (23, "11 pm")]
)
def test_hour_labels_are_plain_words(hour: int, words: str) -> None:
    assert series.hour_label(hour) == words


# --- Weeks ----------------------------------------------------------------------------------------


def test_weeks_start_on_monday_and_sunday_night_is_the_old_week() -> None:
    # 2025-03-09 is a Sunday, 2025-03-10 a Monday.
    data = series.weekly_counts(
        [ep("2025-03-09T23:59"), ep("2025-03-10T00:00"), ep("2025-03-10T00:01")],
        date(2025, 3, 3),
        date(2025, 3, 23),
    )
    assert [w.week_start for w in data.weeks] == [
        date(2025, 3, 3),
        date(2025, 3, 10),
        date(2025, 3, 17),
    ]
    assert [w.count for w in data.weeks] == [1, 2, 0]
    assert all(w.full for w in data.weeks)


def test_part_weeks_are_counted_but_left_out_of_the_trend() -> None:
    # Wed 2025-01-01 … Wed 2025-02-05: a 5-day first week, four full weeks, a 3-day last week.
    start, end = date(2025, 1, 1), date(2025, 2, 5)
    full_mondays = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(4)]
    episodes = [on_day(date(2025, 1, 2))] * 9 + [on_day(date(2025, 2, 4))] * 9
    for i, monday in enumerate(full_mondays):
        episodes += [on_day(monday + timedelta(days=k % 7)) for k in range(1 + 2 * i)]
    data = series.weekly_counts(episodes, start, end)
    assert [w.days_in_period for w in data.weeks] == [5, 7, 7, 7, 7, 3]
    assert [w.count for w in data.weeks] == [9, 1, 3, 5, 7, 9]
    assert data.trend is not None and data.enough_data
    # Full weeks are indexes 1..4 with counts 1, 3, 5, 7: exactly 2 more a week.
    assert data.trend.slope_per_week == pytest.approx(2.0)
    assert data.trend.at(1) == pytest.approx(1.0)
    assert data.trend.at(4) == pytest.approx(7.0)


def test_a_trend_needs_three_cramps_then_three_full_weeks() -> None:
    two = series.weekly_counts(
        [ep("2025-03-04T03:00"), ep("2025-03-12T03:00")], date(2025, 3, 3), date(2025, 3, 30)
    )
    assert not two.enough_data and two.trend is None
    assert two.message == "Not enough entries yet to show a trend — 2 cramps in this period"
    short = series.weekly_counts([ep("2025-03-04T03:00")] * 5, date(2025, 3, 3), date(2025, 3, 16))
    assert not short.enough_data
    assert short.message == (
        "Not enough weeks yet to show a trend — 2 full weeks in this period, 3 are needed"
    )


def test_least_squares_is_exact_on_a_line_and_refuses_too_little() -> None:
    assert series.least_squares([0, 1, 2, 3], [5, 3, 1, -1]) == pytest.approx((-2.0, 5.0))
    with pytest.raises(ValueError):
        series.least_squares([1.0], [1.0])
    with pytest.raises(ValueError):
        series.least_squares([2.0, 2.0], [1.0, 3.0])


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="ends"):
        series.weekly_counts([], date(2025, 3, 2), date(2025, 3, 1))


days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(days, st.integers(min_value=0, max_value=400), st.lists(st.integers(0, 500), max_size=40))
def test_weeks_cover_the_period_and_count_every_cramp_once(
    start: date, length: int, offsets: list[int]
) -> None:
    end = start + timedelta(days=length)
    episodes = [on_day(start + timedelta(days=o), hour=o % 24) for o in offsets]
    data = series.weekly_counts(episodes, start, end)
    inside = [e for e in episodes if start <= e.started_at.date() <= end]
    assert data.total == len(inside) == sum(w.count for w in data.weeks)
    assert sum(w.days_in_period for w in data.weeks) == length + 1
    assert data.weeks[0].week_start <= start < data.weeks[0].week_start + timedelta(days=7)
    assert data.weeks[-1].week_start <= end < data.weeks[-1].week_start + timedelta(days=7)
    for a, b in zip(data.weeks, data.weeks[1:], strict=False):
        assert b.week_start - a.week_start == timedelta(days=7)
    for w in data.weeks:
        assert w.week_start.weekday() == 0
        assert w.count == sum(
            1 for e in inside if w.week_start <= e.started_at.date() < w.week_start + timedelta(7)
        )
    if data.enough_data:
        assert data.trend is not None
        assert sum(w.full for w in data.weeks) >= series.MIN_FULL_WEEKS


# --- Muscles --------------------------------------------------------------------------------------


def test_muscles_count_by_side_most_first() -> None:
    data = series.muscle_counts(
        [
            ep("2025-03-04T03:00", side=Side.LEFT),
            ep("2025-03-05T03:00", side=Side.RIGHT),
            ep("2025-03-06T03:00", side=Side.BOTH),
            ep("2025-03-07T03:00", muscle=Muscle.FOOT, side=Side.RIGHT),
            ep("2025-03-08T03:00", muscle=Muscle.OTHER, side=Side.NOT_APPLICABLE),
            ep("2025-04-08T03:00", muscle=Muscle.HAND),  # outside the period
        ],
        date(2025, 3, 1),
        date(2025, 3, 31),
    )
    assert [m.muscle for m in data.counts] == [Muscle.CALF, Muscle.FOOT, Muscle.OTHER]
    calf = data.get(Muscle.CALF)
    assert (calf.left, calf.right, calf.both, calf.no_side, calf.total) == (1, 1, 1, 0, 3)
    assert calf.touching(Side.LEFT) == 2 and calf.touching(Side.RIGHT) == 2
    assert data.get(Muscle.HAND).total == 0
    assert data.total == 5 and data.enough_data


def test_no_cramps_no_muscles() -> None:
    data = series.muscle_counts([], date(2025, 3, 1), date(2025, 3, 31))
    assert not data.enough_data and data.message == "No cramps logged in this period"


# --- Duration and severity ------------------------------------------------------------------------


def test_duration_and_severity_in_time_order_with_weekly_medians() -> None:
    data = series.duration_severity(
        [
            ep("2025-03-05T03:00", minutes=4, severity=6),
            ep("2025-03-03T03:00", minutes=1, severity=2),
            ep("2025-03-04T03:00", minutes=12, severity=9),
            ep("2025-03-10T03:00", minutes=3, severity=4),
        ],
        date(2025, 3, 1),
        date(2025, 3, 31),
    )
    assert data.duration_minutes == (1.0, 12.0, 4.0, 3.0)
    assert data.severity == (2, 9, 6, 4)
    assert [(w.week_start, w.count, w.duration_minutes, w.severity) for w in data.weekly] == [
        (date(2025, 3, 3), 3, 4.0, 6.0),
        (date(2025, 3, 10), 1, 3.0, 4.0),
    ]
    assert data.enough_data


# --- Fluids and exercise --------------------------------------------------------------------------


def test_fluids_belong_to_the_day_before_the_night() -> None:
    data = series.fluids_exercise(
        [
            # Tuesday 03:00 asleep → Monday night; its drinks speak for Monday.
            ep("2025-03-04T03:00", litres=1.2, exercise=10),
            ep("2025-03-04T05:00", litres=1.6),
            # Wednesday 15:00 walking, no cramp in bed that night.
            ep("2025-03-05T15:00", context=Context.WALKING, litres=2.5),
            # Thursday 23:30 in bed → Thursday night.
            ep("2025-03-06T23:30", context=Context.IN_BED_AWAKE, exercise=30),
        ],
        date(2025, 3, 1),
        date(2025, 3, 31),
    )
    got = {d.day: (d.litres, d.exercise_minutes, d.cramp_night) for d in data.days}
    assert got == {
        date(2025, 3, 3): (pytest.approx(1.4), 10.0, True),
        date(2025, 3, 5): (2.5, None, False),
        date(2025, 3, 6): (None, 30.0, True),
    }
    assert (data.fluid_days, data.exercise_days) == (2, 2)
    assert not data.enough_data
    assert data.fluids_message == "Drinks logged on only 2 days — not enough to compare"


def test_no_fluids_logged_says_so() -> None:
    data = series.fluids_exercise([ep("2025-03-04T03:00")] * 5, date(2025, 3, 1), date(2025, 3, 31))
    assert not data.enough_data
    assert data.message.startswith("No drinks or exercise logged in this period")


def test_three_days_of_drinks_are_enough() -> None:
    data = series.fluids_exercise(
        [ep(f"2025-03-0{d}T03:00", litres=1.0 + d / 10) for d in (4, 5, 6)],
        date(2025, 3, 1),
        date(2025, 3, 31),
    )
    assert data.fluids_enough and data.enough_data and not data.exercise_enough
    assert data.exercise_message == "No exercise logged in this period"


# --- Medicine windows -----------------------------------------------------------------------------


def test_a_start_compares_the_days_before_it_with_the_start_day_onwards() -> None:
    statin = Medicine("Atorvastatin", MedicineClass.STATIN, started_on=date(2025, 6, 15))
    episodes = [
        on_day(date(2025, 6, 7)),  # the first day before
        on_day(date(2025, 6, 6)),  # one day too early
        on_day(date(2025, 6, 14)),  # the last day before
        on_day(date(2025, 6, 15)),  # the start day: after
        on_day(date(2025, 6, 15)),
        on_day(date(2025, 6, 22)),  # the last day after
        on_day(date(2025, 6, 23)),  # one day too late
    ]
    data = series.medicine_before_after(
        episodes, [statin], date(2025, 1, 1), date(2025, 12, 31), window_days=8
    )
    (change,) = data.changes
    assert (change.medicine, change.change, change.on) == (
        "Atorvastatin",
        "started",
        date(2025, 6, 15),
    )
    assert (change.before_first, change.before_last) == (date(2025, 6, 7), date(2025, 6, 14))
    assert (change.after_first, change.after_last) == (date(2025, 6, 15), date(2025, 6, 22))
    assert (change.window_days, change.before_count, change.after_count) == (8, 2, 3)
    assert change.comparable and data.enough_data


def test_a_stop_counts_its_last_day_as_taken() -> None:
    pill = Medicine(
        "Furosemide",
        MedicineClass.DIURETIC,
        started_on=date(2020, 1, 1),
        stopped_on=date(2025, 6, 15),
    )
    episodes = [on_day(date(2025, 6, 15)), on_day(date(2025, 6, 16)), on_day(date(2025, 6, 16))]
    data = series.medicine_before_after(episodes, [pill], date(2025, 1, 1), date(2025, 12, 31), 7)
    (change,) = data.changes  # the 2020 start is outside the period
    assert change.change == "stopped"
    assert (change.before_last, change.after_first) == (date(2025, 6, 15), date(2025, 6, 16))
    assert (change.before_count, change.after_count) == (1, 2)


def test_windows_shrink_to_the_same_length_near_the_edge() -> None:
    med = Medicine("New", MedicineClass.OTHER, started_on=date(2025, 3, 11))
    data = series.medicine_before_after([], [med], date(2025, 3, 1), date(2025, 3, 31), 28)
    (change,) = data.changes
    assert change.window_days == 10
    assert (change.before_first, change.after_last) == (date(2025, 3, 1), date(2025, 3, 20))
    late = Medicine("Late", MedicineClass.OTHER, started_on=date(2025, 3, 28))
    data = series.medicine_before_after([], [late], date(2025, 3, 1), date(2025, 3, 31), 28)
    assert data.changes[0].window_days == 4
    assert not data.changes[0].comparable and not data.enough_data
    assert data.message.startswith("Medicine changes are too close to the edge of this period")


def test_no_medicine_dates_in_the_period_says_so() -> None:
    meds = [
        Medicine("Undated", MedicineClass.OTHER),
        Medicine("Old", MedicineClass.OTHER, started_on=date(2019, 1, 1)),
    ]
    data = series.medicine_before_after([], meds, date(2025, 1, 1), date(2025, 12, 31))
    assert data.changes == () and not data.enough_data
    assert data.message == "No medicine start or stop dates in this period"


@given(
    start=days,
    length=st.integers(min_value=0, max_value=200),
    change_at=st.integers(min_value=0, max_value=200),
    stopped=st.booleans(),
    window=st.integers(min_value=1, max_value=60),
    offsets=st.lists(st.integers(min_value=-30, max_value=230), max_size=60),
)
def test_before_and_after_windows_are_equal_adjacent_inside_and_counted_exactly(
    start: date, length: int, change_at: int, stopped: bool, window: int, offsets: list[int]
) -> None:
    end = start + timedelta(days=length)
    on = start + timedelta(days=min(change_at, length))
    med = (
        Medicine("M", MedicineClass.OTHER, stopped_on=on)
        if stopped
        else Medicine("M", MedicineClass.OTHER, started_on=on)
    )
    episodes = [on_day(start + timedelta(days=o)) for o in offsets]
    (c,) = series.medicine_before_after(episodes, [med], start, end, window).changes
    n = c.window_days
    assert 0 <= n <= window
    if n:
        assert (c.before_last - c.before_first).days + 1 == n
        assert (c.after_last - c.after_first).days + 1 == n
        assert c.before_last + timedelta(days=1) == c.after_first
        assert start <= c.before_first and c.after_last <= end
        # As long as asked, or it reaches an edge of the period.
        assert n == window or c.before_first == start or c.after_last == end
        dates = [e.started_at.date() for e in episodes]
        assert c.before_count == sum(c.before_first <= d <= c.before_last for d in dates)
        assert c.after_count == sum(c.after_first <= d <= c.after_last for d in dates)
    # The new state begins on the start date, or the day after the last day taken.
    boundary = on + timedelta(days=1) if stopped else on
    assert c.after_first == boundary
    assert c.comparable == (n >= series.MIN_MEDICINE_WINDOW_DAYS)


# --- The one-pass series agree with the plain definitions ----------------------------------------

moments = st.datetimes(min_value=datetime(2024, 12, 20), max_value=datetime(2025, 2, 10))
logged = st.one_of(st.none(), st.floats(min_value=0, max_value=6, allow_nan=False))
minutes_logged = st.one_of(st.none(), st.integers(min_value=0, max_value=300).map(float))
cramps = st.lists(
    st.builds(
        lambda at, context, litres, exercise, minutes, severity: Episode(
            started_at=at.replace(microsecond=0),
            duration_minutes=minutes,
            muscle=Muscle.CALF,
            side=Side.LEFT,
            severity_0_10=severity,
            context=context,
            hydration_litres_24h=litres,
            exercise_minutes_24h=exercise,
        ),
        moments,
        st.sampled_from(list(Context)),
        logged,
        minutes_logged,
        st.integers(min_value=0, max_value=600).map(lambda m: m / 10),
        st.integers(min_value=0, max_value=10),
    ),
    max_size=60,
)


@given(cramps, st.integers(min_value=0, max_value=23))
def test_fluids_by_night_match_night_of_and_a_plain_mean(episodes, boundary) -> None:
    from statistics import fmean

    from crampdiary.analysis.dates import is_sleep_related, night_of

    start, end = date(2025, 1, 1), date(2025, 1, 31)
    data = series.fluids_exercise(episodes, start, end, night_boundary_hour=boundary)
    kept = [e for e in episodes if start <= e.started_at.date() <= end]
    nights = {night_of(e, boundary) for e in kept if is_sleep_related(e)}
    days = sorted(
        {night_of(e, boundary) for e in kept if e.hydration_litres_24h is not None}
        | {night_of(e, boundary) for e in kept if e.exercise_minutes_24h is not None}
    )

    def mean_of(day: date, value) -> float | None:
        values = [value(e) for e in kept if night_of(e, boundary) == day and value(e) is not None]
        return fmean(values) if values else None

    assert [d.day for d in data.days] == days
    for d in data.days:
        assert d.cramp_night == (d.day in nights)
        for got, value in (
            (d.litres, lambda e: e.hydration_litres_24h),
            (d.exercise_minutes, lambda e: e.exercise_minutes_24h),
        ):
            want = mean_of(d.day, value)
            assert got == pytest.approx(want) if want is not None else got is None


@given(cramps)
def test_weekly_middles_match_monday_weeks_and_a_plain_median(episodes) -> None:
    from statistics import median

    from crampdiary.analysis.dates import week_start

    start, end = date(2025, 1, 1), date(2025, 1, 31)
    data = series.duration_severity(episodes, start, end)
    kept = sorted(
        (e for e in episodes if start <= e.started_at.date() <= end), key=lambda e: e.started_at
    )
    weeks: dict[date, list[Episode]] = {}
    for e in kept:
        weeks.setdefault(week_start(e.started_at.date()), []).append(e)
    assert [w.week_start for w in data.weekly] == sorted(weeks)
    for w in data.weekly:
        week = weeks[w.week_start]
        assert w.week_start.weekday() == 0 and w.count == len(week)
        assert w.duration_minutes == median(e.duration_minutes for e in week)
        assert w.severity == median(e.severity_0_10 for e in week)
    assert list(data.started_at) == [e.started_at for e in kept]
