"""Properties of the engine over generated diaries: order, distant entries, notes, thresholds."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from crampdiary.analysis import (
    RuleConfig,
    cramp_nights,
    evaluate,
    night_of,
    window,
)
from crampdiary.domain import (
    Context,
    Episode,
    MedicationTaken,
    MedicineClass,
    Muscle,
    Profile,
    Side,
    Symptom,
)

AS_OF = date(2025, 4, 5)
MIDNIGHT = datetime.combine(AS_OF, time())
DEFAULT = RuleConfig()

# A few medicines, some started recently (so W-MEDICATION-NEW can fire), some with no start date.
MEDICINES = [
    MedicationTaken(name, med_class, started)
    for name, med_class in [
        ("furosemide", MedicineClass.DIURETIC),
        ("atorvastatin", MedicineClass.STATIN),
        ("salbutamol", MedicineClass.BETA_AGONIST),
        ("paracetamol", MedicineClass.OTHER),
    ]
    for started in (None, AS_OF - timedelta(days=20), AS_OF - timedelta(days=100))
]


def episodes_between(first_day: int, last_day: int) -> st.SearchStrategy[Episode]:
    """Episodes starting from ``first_day`` to ``last_day`` days after AS_OF (negative: before)."""
    minutes = st.integers(first_day * 1440, (last_day + 1) * 1440 - 1)
    return st.builds(
        Episode,
        started_at=minutes.map(lambda m: MIDNIGHT + timedelta(minutes=m)),
        duration_minutes=st.sampled_from([0.0, 2.0, 10.0, 10.5, 30.0]),
        muscle=st.sampled_from(Muscle),
        side=st.sampled_from(Side),
        severity_0_10=st.integers(0, 10),
        context=st.sampled_from(Context),
        eased_with_rest=st.sampled_from([None, True, False]),
        symptoms=st.lists(st.sampled_from(Symptom), max_size=2, unique=True).map(tuple),
        medications=st.lists(st.sampled_from(MEDICINES), max_size=2).map(tuple),
        hydration_litres_24h=st.sampled_from([None, 0.5, 1.6, 2.5]),
        soreness_days=st.sampled_from([None, 0, 3, 4]),
        affected_daily_activities=st.sampled_from([None, True, False]),
        notes=st.text(max_size=20),
        id=st.uuids().map(str),
    )


# Mostly inside the widest window (30 dates), a few older or future-dated.
diaries = st.lists(episodes_between(-45, 2), max_size=25)
profiles = st.builds(Profile, on_restricted_diet=st.booleans())


def result(episodes: list[Episode], profile: Profile, config: RuleConfig = DEFAULT) -> list[object]:
    return [sign.to_json() for sign in evaluate(episodes, profile, AS_OF, config)]


def ids(episodes: list[Episode], profile: Profile, config: RuleConfig = DEFAULT) -> set[str]:
    return {sign.id for sign in evaluate(episodes, profile, AS_OF, config)}


@given(diaries, profiles, st.randoms(use_true_random=False))
def test_order_of_episodes_changes_nothing(
    diary: list[Episode], profile: Profile, rnd: random.Random
) -> None:
    shuffled = list(diary)
    rnd.shuffle(shuffled)
    assert result(shuffled, profile) == result(diary, profile)


@given(diaries, profiles, st.lists(episodes_between(-400, -DEFAULT.widest_window_days), min_size=1))
def test_episodes_older_than_every_window_change_nothing_but_the_new_medicine_rule(
    diary: list[Episode], profile: Profile, old: list[Episode]
) -> None:
    # W-MEDICATION-NEW reads the whole diary ("no cramp before the medicine started"), so an old
    # cramp may switch it off; it can never switch it on. Every other rule is blind to it.
    before = {sign["id"]: sign for sign in result(diary, profile)}  # type: ignore[index]
    after = {sign["id"]: sign for sign in result(diary + old, profile)}  # type: ignore[index]
    new_medicine = "W-MEDICATION-NEW"
    assert new_medicine in before or new_medicine not in after
    before.pop(new_medicine, None)
    after.pop(new_medicine, None)
    assert after == before


@given(diaries, profiles, st.lists(episodes_between(1, 400), min_size=1))
def test_future_dated_episodes_change_nothing(
    diary: list[Episode], profile: Profile, future: list[Episode]
) -> None:
    assert result(diary + future, profile) == result(diary, profile)


@given(diaries, profiles, st.text())
def test_notes_change_nothing(diary: list[Episode], profile: Profile, notes: str) -> None:
    rewritten = [replace(e, notes=notes) for e in diary]
    assert result(rewritten, profile) == result(diary, profile)


# How each setting moves to make its rule harder to meet: "min" and "gt" up, "lt" down, and the
# windows (and the new-medicine span) shorter.
HARDER_UP = [
    "freq_short_min_cramp_days",
    "freq_long_min_cramp_days",
    "sleep_min_nights",
    "duration_long_minutes_gt",
    "persistent_consecutive_days",
    "soreness_days_gt",
    "claudication_min_days",
    "severe_pain_min_score",
    "severe_pain_min_days",
    "daily_impact_min_days",
]
HARDER_DOWN = [
    "low_fluid_litres_lt",
    "new_med_max_days",
    "recent_window_days",
    "freq_short_window_days",
    "freq_long_window_days",
    "sleep_window_nights",
    "claudication_window_days",
]


@st.composite
def harder(draw: st.DrawFn) -> tuple[str, int | float]:
    key = draw(st.sampled_from(HARDER_UP + HARDER_DOWN))
    value = getattr(DEFAULT, key)
    if key in HARDER_UP:
        step = draw(st.integers(1, 5))
        moved = value + step if key != "severe_pain_min_score" else min(10, value + step)
    elif isinstance(value, float):
        moved = draw(st.floats(0, value))
    else:
        moved = draw(st.integers(1, value))
    return key, moved


@settings(max_examples=200)
@given(diaries, profiles, harder())
def test_a_harder_threshold_never_makes_a_rule_fire(
    diary: list[Episode], profile: Profile, change: tuple[str, int | float]
) -> None:
    key, value = change
    stricter = replace(DEFAULT, **{key: value})  # type: ignore[arg-type]
    assert ids(diary, profile, stricter) <= ids(diary, profile)


@given(diaries, profiles)
def test_fired_warnings_always_carry_a_filled_message_and_sources(
    diary: list[Episode], profile: Profile
) -> None:
    for sign in evaluate(diary, profile, AS_OF):
        assert sign.sources and sign.message and "{" not in sign.message


# --- dates, windows and nights ----------------------------------------------------------------


@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(1, 400), st.dates())
def test_window_holds_exactly_n_calendar_dates_ending_on_as_of(
    as_of: date, n: int, day: date
) -> None:
    w = window(as_of, n)
    dates = list(w)
    assert len(dates) == len(w) == n
    assert dates[-1] == as_of
    assert all(b - a == timedelta(days=1) for a, b in pairwise(dates))
    assert (day in w) is (0 <= (as_of - day).days < n)


@given(st.datetimes(datetime(1900, 1, 2), datetime(2100, 1, 1)), st.integers(0, 23))
def test_night_is_the_start_date_or_the_date_before(started_at: datetime, boundary: int) -> None:
    episode = Episode(started_at, 1.0, Muscle.CALF, Side.LEFT, 5, Context.ASLEEP, id="x")
    expected = started_at.date() - timedelta(days=1 if started_at.hour < boundary else 0)
    assert night_of(episode, boundary) == expected
    assert cramp_nights([episode, replace(episode, context=Context.RESTING)], boundary) == {
        expected
    }
