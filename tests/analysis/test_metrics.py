"""Trial-style numbers for a period, the period before it, and weekly/hourly series."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampdiary.analysis import (
    WeekCount,
    compare_periods,
    hourly_counts,
    period_numbers,
    weekly_counts,
)
from crampdiary.domain import Context, Episode, Muscle, Side

START, END = date(2025, 7, 7), date(2025, 7, 20)  # Monday … Sunday, 14 days


def ep(written: str, **changes: Any) -> Episode:
    fields: dict[str, Any] = {
        "duration_minutes": 2.0,
        "muscle": Muscle.CALF,
        "side": Side.LEFT,
        "severity_0_10": 5,
        "context": Context.ASLEEP,
    }
    fields.update(changes)
    return Episode(started_at=datetime.fromisoformat(written), **fields)


DIARY = [
    ep("2025-07-06T23:00"),  # before the period; night of 6 Jul
    ep("2025-07-07T03:00", duration_minutes=2, severity_0_10=6),  # night of 6 Jul
    ep("2025-07-07T23:30", duration_minutes=4, severity_0_10=8),  # night of 7 Jul
    ep("2025-07-08T02:00", duration_minutes=1, severity_0_10=4),  # night of 7 Jul again
    ep("2025-07-10T15:00", duration_minutes=3, muscle=Muscle.THIGH_BACK, context=Context.WALKING),
    ep("2025-07-20T10:00", duration_minutes=6, severity_0_10=7, muscle=Muscle.FOOT,
       context=Context.RESTING),
    ep("2025-07-21T01:00"),  # after the period, but its night is 20 Jul, inside it
]  # fmt: skip


def test_period_numbers_as_trials_report_them() -> None:
    numbers = period_numbers(DIARY, START, END)
    assert (numbers.start, numbers.end, numbers.days) == (START, END, 14)
    assert numbers.cramps == 5
    assert numbers.cramps_per_week == pytest.approx(2.5)
    assert numbers.cramp_days == 4
    assert numbers.cramp_nights == 2  # 7 Jul (twice) and 20 Jul; 6 Jul is before the period
    assert numbers.sleep_related == 3
    assert numbers.sleep_related_share == pytest.approx(0.6)
    assert numbers.median_duration_minutes == 3
    assert numbers.mean_duration_minutes == pytest.approx(3.2)
    assert numbers.mean_severity == pytest.approx(6.0)
    assert list(numbers.share_by_muscle) == [Muscle.CALF, Muscle.FOOT, Muscle.THIGH_BACK]
    assert list(numbers.share_by_muscle.values()) == pytest.approx([0.6, 0.2, 0.2])
    assert list(numbers.share_by_context) == [Context.ASLEEP, Context.RESTING, Context.WALKING]


def test_night_boundary_hour_changes_nights_only() -> None:
    midnight = period_numbers(DIARY, START, END, night_boundary_hour=0)
    # Nights are now the start dates: 7, 8 Jul (not 21 Jul).
    assert midnight.cramp_nights == 2
    shifted = period_numbers(DIARY[1:2], START, START, night_boundary_hour=0)
    assert shifted.cramp_nights == 1
    assert period_numbers(DIARY[1:2], START, START).cramp_nights == 0
    assert midnight.cramps == 5


def test_an_empty_period() -> None:
    numbers = period_numbers(DIARY, date(2025, 1, 1), date(2025, 1, 7))
    assert (numbers.cramps, numbers.cramp_days, numbers.cramp_nights, numbers.days) == (0, 0, 0, 7)
    assert numbers.cramps_per_week == 0
    assert numbers.sleep_related_share is None
    assert numbers.median_duration_minutes is None
    assert numbers.mean_duration_minutes is None
    assert numbers.mean_severity is None
    assert numbers.share_by_muscle == {} and numbers.share_by_context == {}


def test_compare_with_the_period_just_before() -> None:
    comparison = compare_periods(iter(DIARY), START, END)
    assert comparison.current == period_numbers(DIARY, START, END)
    previous = comparison.previous
    assert (previous.start, previous.end, previous.days) == (
        date(2025, 6, 23),
        date(2025, 7, 6),
        14,
    )
    assert previous.cramps == 1
    assert previous.cramp_nights == 1  # 6 Jul, from 23:00 on 6 Jul and 03:00 on 7 Jul


def test_one_day_periods_and_bad_periods() -> None:
    one = compare_periods(DIARY, END, END)
    assert (one.current.cramps, one.previous.cramps) == (1, 0)
    assert one.current.cramps_per_week == 7
    assert one.previous.start == one.previous.end == date(2025, 7, 19)
    with pytest.raises(ValueError, match="before it starts"):
        period_numbers(DIARY, END, START)
    with pytest.raises(ValueError):
        weekly_counts(DIARY, END, START)


def test_weekly_counts_are_monday_based() -> None:
    assert weekly_counts(DIARY, START, END) == [
        WeekCount(date(2025, 7, 7), cramps=4, cramp_days=3),
        WeekCount(date(2025, 7, 14), cramps=1, cramp_days=1),
    ]
    # A period starting on a Wednesday still reports whole-week rows keyed by their Monday, counting
    # only the dates inside the period.
    assert weekly_counts(DIARY, date(2025, 7, 9), date(2025, 7, 15)) == [
        WeekCount(date(2025, 7, 7), cramps=1, cramp_days=1),
        WeekCount(date(2025, 7, 14), cramps=0, cramp_days=0),
    ]


def test_hourly_counts() -> None:
    counts = hourly_counts(DIARY, START, END)
    assert len(counts) == 24
    assert {hour: n for hour, n in enumerate(counts) if n} == {2: 1, 3: 1, 10: 1, 15: 1, 23: 1}


episodes = st.builds(
    Episode,
    started_at=st.datetimes(datetime(2025, 1, 1), datetime(2025, 12, 31)),
    duration_minutes=st.floats(0, 60, allow_nan=False),
    muscle=st.sampled_from(Muscle),
    side=st.just(Side.LEFT),
    severity_0_10=st.integers(0, 10),
    context=st.sampled_from(Context),
    id=st.just("x"),
)


@given(
    st.lists(episodes, max_size=30),
    st.dates(date(2025, 1, 1), date(2025, 12, 31)),
    st.integers(0, 90),
)
def test_numbers_agree_with_each_other(diary: list[Episode], start: date, length: int) -> None:
    end = start + timedelta(days=length)
    numbers = period_numbers(diary, start, end)
    assert numbers.cramps_per_week == pytest.approx(numbers.cramps * 7 / (length + 1))
    assert sum(w.cramps for w in weekly_counts(diary, start, end)) == numbers.cramps
    assert sum(w.cramp_days for w in weekly_counts(diary, start, end)) == numbers.cramp_days
    assert sum(hourly_counts(diary, start, end)) == numbers.cramps
    assert numbers.cramp_days <= numbers.cramps
    assert numbers.cramp_nights <= min(numbers.days, numbers.cramps + 1)
    if numbers.cramps:
        assert sum(numbers.share_by_muscle.values()) == pytest.approx(1)
        assert sum(numbers.share_by_context.values()) == pytest.approx(1)
        assert numbers.mean_severity is not None and 0 <= numbers.mean_severity <= 10
    comparison = compare_periods(diary, start, end)
    assert comparison.previous.days == comparison.current.days
    assert comparison.previous.end == start - timedelta(days=1)
