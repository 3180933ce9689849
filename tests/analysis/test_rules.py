"""The 18 warning rules at, just under and just over every threshold, and the §2.2 conventions."""

from __future__ import annotations

import ast
import json
import re
import sys
import time as clock
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

import crampdiary.analysis
from crampdiary.analysis import (
    REFERENCES,
    RULE_IDS,
    RULE_SOURCES,
    SAFETY_TEXT,
    RuleConfig,
    Severity,
    WarningSign,
    cramp_days,
    cramp_nights,
    episode_date,
    evaluate,
    night_of,
    window,
)
from crampdiary.analysis.sources import Citation, SeedQuote
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
from crampdiary.domain.validation import episode_from_mapping

AS_OF = date(2025, 4, 5)
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def at(offset: int, hour: int = 10, minute: int = 0) -> datetime:
    """``offset`` dates before AS_OF, at the given wall-clock time."""
    return datetime.combine(AS_OF - timedelta(days=offset), time(hour, minute))


def ep(started_at: datetime | str, **changes: Any) -> Episode:
    """A plain cramp that fires nothing on its own; ``changes`` set the fields under test."""
    if isinstance(started_at, str):
        started_at = datetime.fromisoformat(started_at)
    fields: dict[str, Any] = {
        "duration_minutes": 2.0,
        "muscle": Muscle.CALF,
        "side": Side.LEFT,
        "severity_0_10": 5,
        "context": Context.RESTING,
    }
    fields.update(changes)
    return Episode(started_at=started_at, **fields)


def fired(
    episodes: list[Episode],
    as_of: date = AS_OF,
    profile: Profile | None = None,
    config: RuleConfig | None = None,
) -> set[str]:
    signs = evaluate(episodes, profile or Profile(), as_of, config or RuleConfig())
    return {sign.id for sign in signs}


def sign_for(rule_id: str, episodes: list[Episode], **kwargs: Any) -> WarningSign:
    signs = {s.id: s for s in evaluate(episodes, kwargs.pop("profile", Profile()), AS_OF, **kwargs)}
    return signs[rule_id]


def test_a_plain_cramp_fires_nothing() -> None:
    assert fired([ep(at(0))]) == set()


# --- W-FREQ ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offsets", "fires"), [([0, 3, 6], False), ([0, 3, 6, 9], True), ([0, 3, 6, 9, 12], True)]
)
def test_freq_short_window_needs_4_cramp_days(offsets: list[int], fires: bool) -> None:
    assert ("W-FREQ" in fired([ep(at(o)) for o in offsets])) is fires


@pytest.mark.parametrize(
    ("offsets", "fires"),
    [
        ([27, 24, 19, 14, 9], False),
        ([27, 24, 19, 14, 9, 4], True),
        ([29, 27, 24, 19, 14, 9, 4], True),
    ],
)
def test_freq_long_window_needs_6_cramp_days(offsets: list[int], fires: bool) -> None:
    assert ("W-FREQ" in fired([ep(at(o)) for o in offsets])) is fires


@pytest.mark.parametrize(("oldest", "fires"), [(13, True), (14, False)])
def test_freq_short_window_edges(oldest: int, fires: bool) -> None:
    assert ("W-FREQ" in fired([ep(at(o)) for o in (oldest, 11, 8, 5)])) is fires


@pytest.mark.parametrize(("oldest", "fires"), [(29, True), (30, False)])
def test_freq_long_window_edges(oldest: int, fires: bool) -> None:
    assert ("W-FREQ" in fired([ep(at(o)) for o in (oldest, 24, 19, 14, 9, 4)])) is fires


def test_freq_counts_cramp_days_not_episodes() -> None:
    many_on_three_dates = [ep(at(o, h)) for o in (0, 1, 2) for h in (1, 5, 9, 13, 22)]
    assert "W-FREQ" not in fired(many_on_three_dates)
    assert "W-FREQ" in fired([*many_on_three_dates, ep(at(3))])


def test_freq_message_names_days_and_window() -> None:
    short = sign_for("W-FREQ", [ep(at(o)) for o in (0, 3, 6, 9)])
    assert "on 4 different days in the last 14 days" in short.message
    long = sign_for("W-FREQ", [ep(at(o)) for o in (27, 24, 19, 14, 9, 4)])
    assert "on 6 different days in the last 30 days" in long.message


# --- W-SLEEP-DISRUPTION ------------------------------------------------------------------------


@pytest.mark.parametrize(("nights", "fires"), [(3, False), (4, True), (5, True)])
def test_sleep_needs_4_of_7_nights(nights: int, fires: bool) -> None:
    episodes = [ep(at(o, 23), context=Context.ASLEEP) for o in range(nights)]
    assert ("W-SLEEP-DISRUPTION" in fired(episodes)) is fires


@pytest.mark.parametrize(
    ("context", "fires"),
    [(Context.ASLEEP, True), (Context.IN_BED_AWAKE, True), (Context.RESTING, False)],
)
def test_sleep_counts_sleep_related_contexts_only(context: Context, fires: bool) -> None:
    episodes = [ep(at(o, 23), context=context) for o in range(4)]
    assert ("W-SLEEP-DISRUPTION" in fired(episodes)) is fires


@pytest.mark.parametrize(("oldest", "fires"), [(at(6, 23), True), (at(6, 3), False)])
def test_sleep_window_is_nights_as_of_minus_6_to_as_of(oldest: datetime, fires: bool) -> None:
    # 03:00 on as_of − 6 belongs to the night of as_of − 7, outside W(7).
    episodes = [ep(at(o, 23), context=Context.ASLEEP) for o in range(3)]
    episodes.append(ep(oldest, context=Context.ASLEEP))
    assert ("W-SLEEP-DISRUPTION" in fired(episodes)) is fires


def test_sleep_counts_nights_not_dates() -> None:
    # 23:50 and 00:20 are two cramp days but one night (§2.2 conventions 6 and 7).
    pair = [ep(at(1, 23, 50), context=Context.ASLEEP), ep(at(0, 0, 20), context=Context.ASLEEP)]
    others = [ep(at(o, 23), context=Context.ASLEEP) for o in (3, 4)]
    assert "W-SLEEP-DISRUPTION" not in fired(pair + others)
    more = [*pair, *others, ep(at(5, 23), context=Context.ASLEEP)]
    assert "of the last 7 nights" in sign_for("W-SLEEP-DISRUPTION", more).message
    assert "on 4 of the last 7 nights" in sign_for("W-SLEEP-DISRUPTION", more).message


def test_sleep_ignores_a_future_morning_that_belongs_to_tonight() -> None:
    episodes = [ep(at(o, 23), context=Context.ASLEEP) for o in (1, 2, 3)]
    tomorrow_3am = ep(at(-1, 3), context=Context.ASLEEP)  # N(e) = as_of, but D(e) > as_of
    assert "W-SLEEP-DISRUPTION" not in fired([*episodes, tomorrow_3am])


# --- W-DURATION-LONG ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "fires"), [(9.99, False), (10, False), (10.0, False), (10.01, True), (10.5, True)]
)
def test_duration_is_strictly_more_than_10_minutes(minutes: float, fires: bool) -> None:
    assert ("W-DURATION-LONG" in fired([ep(at(0), duration_minutes=minutes)])) is fires


@pytest.mark.parametrize(("offset", "fires"), [(0, True), (13, True), (14, False)])
def test_duration_looks_at_the_recent_window(offset: int, fires: bool) -> None:
    assert ("W-DURATION-LONG" in fired([ep(at(offset), duration_minutes=11)])) is fires


def test_duration_message_names_the_longest_cramp() -> None:
    sign = sign_for("W-DURATION-LONG", [ep(at(0), duration_minutes=m) for m in (10.5, 30, 12)])
    assert sign.severity is Severity.URGENT
    assert "lasted 30 minutes" in sign.message
    assert "ease within 10 minutes" in sign.message
    assert "10.5 minutes" in sign_for("W-DURATION-LONG", [ep(at(0), duration_minutes=10.5)]).message


# --- W-PERSISTENT-DAYS ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offsets", "fires"),
    [
        ([0, 1, 2], False),
        ([0, 1, 2, 3], True),
        ([0, 1, 2, 3, 4], True),
        ([0, 1, 2, 4, 5], False),
        ([14, 13, 12, 11], False),
        ([14, 13, 12, 11, 10], True),
    ],
)
def test_persistent_needs_4_consecutive_dates_in_recent_window(
    offsets: list[int], fires: bool
) -> None:
    assert ("W-PERSISTENT-DAYS" in fired([ep(at(o)) for o in offsets])) is fires


def test_persistent_ignores_side_but_not_muscle() -> None:
    sides = [Side.LEFT, Side.RIGHT, Side.BOTH, Side.LEFT]
    assert "W-PERSISTENT-DAYS" in fired([ep(at(o), side=s) for o, s in enumerate(sides)])
    muscles = [Muscle.CALF, Muscle.CALF, Muscle.FOOT, Muscle.FOOT]
    assert "W-PERSISTENT-DAYS" not in fired([ep(at(o), muscle=m) for o, m in enumerate(muscles)])


@pytest.mark.parametrize(
    ("soreness", "fires"), [(None, False), (0, False), (3, False), (4, True), (10, True)]
)
def test_persistent_soreness_more_than_3_days(soreness: int | None, fires: bool) -> None:
    assert ("W-PERSISTENT-DAYS" in fired([ep(at(0), soreness_days=soreness)])) is fires


def test_persistent_message_names_the_muscle_in_plain_words() -> None:
    sign = sign_for("W-PERSISTENT-DAYS", [ep(at(0), muscle=Muscle.THIGH_FRONT, soreness_days=4)])
    assert "in your front of thigh have gone on" in sign.message
    both = [ep(at(0), soreness_days=5), *[ep(at(o), muscle=Muscle.ABDOMEN) for o in range(4)]]
    assert "in your calf and belly have" in sign_for("W-PERSISTENT-DAYS", both).message


# --- W-EXERTIONAL-CLAUDICATION --------------------------------------------------------------

WALK = {"context": Context.WALKING, "eased_with_rest": True}
CLAUDICATION = "W-EXERTIONAL-CLAUDICATION"


@pytest.mark.parametrize(
    ("offsets", "fires"),
    [
        ([0], False),
        ([0, 0], False),
        ([0, 1], True),
        ([0, 10, 20], True),
        ([0, 29], True),
        ([0, 30], False),
    ],
)
def test_claudication_needs_2_dates_in_30_days(offsets: list[int], fires: bool) -> None:
    assert (
        CLAUDICATION in fired([ep(at(o, 9 + i), **WALK) for i, o in enumerate(offsets)])
    ) is fires


@pytest.mark.parametrize(
    ("context", "eased", "fires"),
    [
        (Context.WALKING, True, True),
        (Context.EXERCISING, True, True),
        (Context.AFTER_EXERCISE, True, False),
        (Context.STANDING, True, False),
        (Context.WALKING, False, False),
        (Context.WALKING, None, False),
    ],
)
def test_claudication_needs_exertion_and_explicit_ease_with_rest(
    context: Context, eased: bool | None, fires: bool
) -> None:
    episodes = [ep(at(o), context=context, eased_with_rest=eased) for o in (0, 5)]
    assert (CLAUDICATION in fired(episodes)) is fires


@pytest.mark.parametrize("muscle", list(Muscle))
def test_claudication_sites_are_the_leg_muscles_without_the_foot(muscle: Muscle) -> None:
    legs = {Muscle.CALF, Muscle.THIGH_FRONT, Muscle.THIGH_BACK, Muscle.INNER_THIGH, Muscle.BUTTOCK}
    episodes = [ep(at(o), muscle=muscle, **WALK) for o in (0, 5)]
    assert (CLAUDICATION in fired(episodes)) is (muscle in legs)


def test_claudication_message() -> None:
    sign = sign_for(CLAUDICATION, [ep(at(o), **WALK) for o in (0, 5, 9)])
    assert sign.message.startswith("On 3 different days you had leg cramps")


# --- symptom rules and W-CHEST ----------------------------------------------------------------

SYMPTOM_RULE = {
    Symptom.NUMBNESS: "W-NEURO-SYMPTOMS",
    Symptom.TINGLING: "W-NEURO-SYMPTOMS",
    Symptom.WEAKNESS: "W-WEAKNESS",
    Symptom.DIFFICULTY_MOVING: "W-WEAKNESS",
    Symptom.MUSCLE_SHRINKING: "W-WEAKNESS",
    Symptom.SWELLING: "W-SWELLING-REDNESS",
    Symptom.REDNESS: "W-SWELLING-REDNESS",
    Symptom.WARMTH: "W-SWELLING-REDNESS",
    Symptom.FEVER: "W-SYSTEMIC",
    Symptom.DARK_URINE: "W-SYSTEMIC",
    Symptom.VOMITING: "W-SYSTEMIC",
    Symptom.DIARRHOEA: "W-SYSTEMIC",
    Symptom.IRREGULAR_HEARTBEAT: "W-SYSTEMIC",
}


@pytest.mark.parametrize("symptom", list(Symptom))
@pytest.mark.parametrize(("offset", "in_window"), [(0, True), (13, True), (14, False)])
def test_each_symptom_fires_its_rule_in_the_recent_window(
    symptom: Symptom, offset: int, in_window: bool
) -> None:
    expected = {SYMPTOM_RULE[symptom]} if in_window and symptom in SYMPTOM_RULE else set()
    assert fired([ep(at(offset), symptoms=(symptom,))]) == expected


def test_systemic_message_names_the_symptoms() -> None:
    episodes = [ep(at(0), symptoms=(Symptom.DARK_URINE,)), ep(at(2), symptoms=(Symptom.FEVER,))]
    sign = sign_for("W-SYSTEMIC", episodes)
    assert sign.message.startswith("You noted fever and dark urine along with a cramp.")


@pytest.mark.parametrize("muscle", list(Muscle))
def test_only_the_chest_is_escalated(muscle: Muscle) -> None:
    expected = {"W-CHEST"} if muscle is Muscle.CHEST else set()
    assert fired([ep(at(13), muscle=muscle)]) == expected
    assert fired([ep(at(14), muscle=muscle)]) == set()


# --- W-SEVERE-PAIN, W-DAILY-IMPACT, W-LOW-FLUID -------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "offsets", "fires"),
    [
        ([7, 7], [0, 1], False),
        ([8], [0], False),
        ([8, 8], [0, 0], False),
        ([8, 7], [0, 1], False),
        ([8, 8], [0, 1], True),
        ([10, 9, 8], [0, 5, 13], True),
        ([8, 8], [0, 14], False),
    ],
)
def test_severe_pain_8_or_more_on_2_dates(
    scores: list[int], offsets: list[int], fires: bool
) -> None:
    episodes = [
        ep(at(o, 8 + i), severity_0_10=s)
        for i, (s, o) in enumerate(zip(scores, offsets, strict=True))
    ]
    assert ("W-SEVERE-PAIN" in fired(episodes)) is fires


def test_severe_pain_message() -> None:
    sign = sign_for("W-SEVERE-PAIN", [ep(at(o), severity_0_10=9) for o in (0, 3)])
    assert "(8 out of 10 or more) on 2 days in the last 2 weeks" in sign.message


@pytest.mark.parametrize(
    ("values", "fires"),
    [
        ([True], False),
        ([True, None], False),
        ([True, False], False),
        ([True, True], True),
        ([True, True, True], True),
    ],
)
def test_daily_impact_on_2_dates(values: list[bool | None], fires: bool) -> None:
    episodes = [ep(at(o), affected_daily_activities=v) for o, v in enumerate(values)]
    assert ("W-DAILY-IMPACT" in fired(episodes)) is fires


def test_daily_impact_needs_different_dates() -> None:
    same_date = [ep(at(0, h), affected_daily_activities=True) for h in (8, 20)]
    assert "W-DAILY-IMPACT" not in fired(same_date)


@pytest.mark.parametrize(
    ("litres", "fires"),
    [
        ([1.6, 1.6], False),
        ([1.59, 1.6], False),
        ([1.59, 1.59], True),
        ([0.0, 1.0], True),
        ([None, 1.0], False),
    ],
)
def test_low_fluid_below_1_6_litres_on_2_dates(litres: list[float | None], fires: bool) -> None:
    episodes = [ep(at(o), hydration_litres_24h=v) for o, v in enumerate(litres)]
    assert ("W-LOW-FLUID" in fired(episodes)) is fires


def test_low_fluid_needs_different_dates_and_says_so() -> None:
    assert "W-LOW-FLUID" not in fired([ep(at(0, h), hydration_litres_24h=1.0) for h in (8, 20)])
    sign = sign_for("W-LOW-FLUID", [ep(at(o), hydration_litres_24h=1.0) for o in (0, 13)])
    assert sign.severity is Severity.INFO
    assert sign.message.startswith(
        "On 2 recent cramp days you logged drinking less than 1.6 litres."
    )


# --- medicines and diet ------------------------------------------------------------------------

MEDICINE_RULE = {
    MedicineClass.DIURETIC: "W-MEDICATION-DIURETIC",
    MedicineClass.STATIN: "W-MEDICATION-STATIN",
    MedicineClass.BETA_AGONIST: "W-MEDICATION-OTHER",
    MedicineClass.DECONGESTANT: "W-MEDICATION-OTHER",
    MedicineClass.OTHER_BLOOD_PRESSURE: "W-MEDICATION-OTHER",
    MedicineClass.ESTROGEN_OR_SERM: "W-MEDICATION-OTHER",
    MedicineClass.TERIPARATIDE: "W-MEDICATION-OTHER",
    MedicineClass.IV_IRON: "W-MEDICATION-OTHER",
}


@pytest.mark.parametrize("med_class", list(MedicineClass))
@pytest.mark.parametrize(("offset", "in_window"), [(0, True), (13, True), (14, False)])
def test_each_medicine_class_fires_its_rule_on_one_cramp(
    med_class: MedicineClass, offset: int, in_window: bool
) -> None:
    meds = (MedicationTaken("some medicine", med_class, None),)
    expected = {MEDICINE_RULE[med_class]} if in_window and med_class in MEDICINE_RULE else set()
    assert fired([ep(at(offset), medications=meds)]) == expected


def test_other_medicine_message_names_the_medicines() -> None:
    one = (MedicationTaken("salbutamol", MedicineClass.BETA_AGONIST),)
    sign = sign_for("W-MEDICATION-OTHER", [ep(at(0), medications=one)])
    assert sign.message.startswith("Salbutamol is one of the medicines that sources list")
    two = (*one, MedicationTaken("amlodipine", MedicineClass.OTHER_BLOOD_PRESSURE))
    sign = sign_for("W-MEDICATION-OTHER", [ep(at(0), medications=two)])
    assert sign.message.startswith("Amlodipine and salbutamol are among the medicines")


def started(days_before_cramp: int, name: str = "atorvastatin") -> tuple[MedicationTaken, ...]:
    return (MedicationTaken(name, MedicineClass.OTHER, AS_OF - timedelta(days=days_before_cramp)),)


@pytest.mark.parametrize(
    ("days", "fires"), [(-1, False), (0, True), (1, True), (89, True), (90, True), (91, False)]
)
def test_new_medicine_started_0_to_90_days_before_the_cramp(days: int, fires: bool) -> None:
    assert ("W-MEDICATION-NEW" in fired([ep(at(0), medications=started(days))])) is fires


@pytest.mark.parametrize(
    ("earlier", "fires"), [(None, True), (40, True), (41, False), (400, False)]
)
def test_new_medicine_needs_no_cramp_before_the_start(earlier: int | None, fires: bool) -> None:
    # The medicine started 40 days before as_of; a cramp dated before that start means the cramps
    # are not new, however long ago it was.
    episodes = [ep(at(0), medications=started(40))]
    if earlier is not None:
        episodes.append(ep(at(earlier, 23, 59)))
    assert ("W-MEDICATION-NEW" in fired(episodes)) is fires


def test_new_medicine_needs_a_start_date_and_a_cramp_in_the_recent_window() -> None:
    unknown_start = (MedicationTaken("atorvastatin", MedicineClass.STATIN, None),)
    assert "W-MEDICATION-NEW" not in fired([ep(at(0), medications=unknown_start)])
    old_cramp = [ep(at(14), medications=(started(0)[0],))]
    assert "W-MEDICATION-NEW" not in fired(old_cramp)


def test_new_medicine_message_names_medicine_and_date() -> None:
    meds = (*started(30), *started(10, "amlodipine"))
    sign = sign_for("W-MEDICATION-NEW", [ep(at(0), medications=meds)])
    assert sign.message.startswith(
        "Your cramps started after you began atorvastatin on 2025-03-06 and amlodipine on"
        " 2025-03-26. Some medicines"
    )


@pytest.mark.parametrize(
    ("diet", "offset", "fires"),
    [(True, 0, True), (True, 13, True), (True, 14, False), (False, 0, False)],
)
def test_diet_with_a_recent_cramp(diet: bool, offset: int, fires: bool) -> None:
    profile = Profile(on_restricted_diet=diet)
    assert fired([ep(at(offset))], profile=profile) == ({"W-DIET-ELECTROLYTES"} if fires else set())
    assert fired([], profile=profile) == set()


# --- §2.2 conventions ------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2025-03-30T01:30", "2025-10-26T01:30"])
def test_dst_gap_and_overlap_times_are_used_as_written(written: str) -> None:
    raw = {
        "started_at": written,
        "duration_minutes": 12,
        "muscle": "calf",
        "side": "left",
        "severity_0_10": 5,
        "context": "asleep",
    }
    episode = episode_from_mapping(raw, now=datetime(2025, 12, 1))
    day = date.fromisoformat(written[:10])
    assert episode.started_at == datetime.fromisoformat(written)
    assert episode_date(episode) == day
    assert night_of(episode) == day - timedelta(days=1)
    assert "W-DURATION-LONG" in fired([episode], as_of=day)
    assert "W-DURATION-LONG" in fired([episode], as_of=day + timedelta(days=13))
    assert "W-DURATION-LONG" not in fired([episode], as_of=day + timedelta(days=14))


def test_window_is_calendar_dates() -> None:
    w14 = window(date(2025, 4, 5), 14)
    assert (w14.first, w14.last, len(w14)) == (date(2025, 3, 23), date(2025, 4, 5), 14)
    assert date(2025, 3, 30) in w14  # the 23-hour day is one date
    assert date(2025, 3, 22) not in w14
    assert "W-CHEST" in fired([ep("2025-03-23T00:00", muscle=Muscle.CHEST)])
    assert "W-CHEST" not in fired([ep("2025-03-22T23:59", muscle=Muscle.CHEST)])
    assert "W-CHEST" in fired([ep("2025-04-05T23:59", muscle=Muscle.CHEST)])


def test_an_episode_across_midnight_belongs_to_its_start_date() -> None:
    assert "W-CHEST" not in fired(
        [ep("2025-03-22T23:50", muscle=Muscle.CHEST, duration_minutes=40)]
    )
    late = ep("2025-04-05T23:50", duration_minutes=30)
    assert episode_date(late) == AS_OF
    assert "W-DURATION-LONG" in fired([late])


def test_night_attribution() -> None:
    monday, tuesday = date(2025, 7, 7), date(2025, 7, 8)
    assert night_of(ep("2025-07-08T03:00")) == monday
    assert night_of(ep("2025-07-07T23:30")) == monday
    assert night_of(ep("2025-07-08T11:59")) == monday
    assert night_of(ep("2025-07-08T12:00")) == tuesday
    assert night_of(ep("2025-07-08T03:00"), night_boundary_hour=0) == tuesday
    pair = [
        ep("2025-07-10T23:50", context=Context.ASLEEP),
        ep("2025-07-11T00:20", context=Context.ASLEEP),
    ]
    assert cramp_days(pair) == 2
    assert cramp_nights(pair) == {date(2025, 7, 10)}


def test_night_boundary_hour_setting_moves_nights() -> None:
    # Four early-morning cramps on dates as_of−6 … as_of−3 are the nights as_of−7 … as_of−4 by
    # default (one night outside W(7)); with the boundary at midnight they are all inside.
    episodes = [ep(at(o, 3), context=Context.ASLEEP) for o in (6, 5, 4, 3)]
    assert "W-SLEEP-DISRUPTION" not in fired(episodes)
    assert "W-SLEEP-DISRUPTION" in fired(episodes, config=RuleConfig(night_boundary_hour=0))


def test_future_dated_episodes_are_ignored_by_every_rule() -> None:
    meds = tuple(MedicationTaken(c.value, c, AS_OF) for c in MedicineClass)
    alarming = {
        "muscle": Muscle.CHEST,
        "duration_minutes": 60,
        "symptoms": tuple(Symptom),
        "medications": meds,
        "soreness_days": 9,
        "severity_0_10": 10,
        "affected_daily_activities": True,
        "hydration_litres_24h": 0.1,
        "context": Context.WALKING,
        "eased_with_rest": True,
    }
    future = [ep(at(-1, 0, 0), **alarming), ep(at(-2, 23), **alarming), ep(at(-40), **alarming)]
    assert fired(future, profile=Profile(on_restricted_diet=True)) == set()
    assert len(fired([ep(at(0, 23, 59), **alarming)])) >= 10


@pytest.mark.parametrize(
    "nulls",
    [
        {"eased_with_rest": None, "context": Context.WALKING},
        {"hydration_litres_24h": None},
        {"soreness_days": None},
        {"affected_daily_activities": None},
        {"medications": (MedicationTaken("x", MedicineClass.OTHER, None),)},
    ],
)
def test_null_never_matches(nulls: dict[str, Any]) -> None:
    assert fired([ep(at(o), **nulls) for o in (0, 1, 2)]) == set()


def test_notes_are_never_read() -> None:
    notes = "chest pain, numbness, fever, lasted 45 minutes, statin, diuretic — très fort 😣"
    assert fired([ep(at(0), notes=notes)]) == set()


# --- what a fired warning carries -------------------------------------------------------------

SEVERITY = {
    "W-DURATION-LONG": "urgent",
    "W-SWELLING-REDNESS": "urgent",
    "W-SYSTEMIC": "urgent",
    "W-CHEST": "urgent",
    "W-MEDICATION-OTHER": "info",
    "W-LOW-FLUID": "info",
}


def everything() -> list[Episode]:
    """A diary that fires all 18 rules on AS_OF."""
    meds = (
        MedicationTaken("furosemide", MedicineClass.DIURETIC, AS_OF - timedelta(days=20)),
        MedicationTaken("atorvastatin", MedicineClass.STATIN, None),
        MedicationTaken("salbutamol", MedicineClass.BETA_AGONIST, None),
    )
    episodes = [
        ep(
            at(o, 23),
            context=Context.ASLEEP,
            severity_0_10=9,
            affected_daily_activities=True,
            hydration_litres_24h=1.0,
            medications=meds,
        )
        for o in range(5)
    ]
    episodes += [ep(at(o, 17), **WALK) for o in (1, 2)]
    episodes.append(
        ep(
            at(0, 9),
            muscle=Muscle.CHEST,
            duration_minutes=12,
            soreness_days=4,
            symptoms=(Symptom.NUMBNESS, Symptom.WEAKNESS, Symptom.SWELLING, Symptom.FEVER),
        )
    )
    return episodes


def test_a_diary_can_fire_all_18_rules_sorted_by_severity_then_id() -> None:
    signs = evaluate(everything(), Profile(on_restricted_diet=True), AS_OF)
    order = ["urgent", "see-doctor", "info"]
    expected = sorted(RULE_IDS, key=lambda i: (order.index(SEVERITY.get(i, "see-doctor")), i))
    assert [s.id for s in signs] == expected
    assert len(RULE_IDS) == 18 == len(set(RULE_IDS))


def test_every_fired_warning_carries_id_severity_message_and_sources() -> None:
    seed_line = re.compile(r'^".+" — seeds/\d{3}_[0-9a-f]{16}\.txt$')
    reference_line = re.compile(r"^\[([A-Z0-9-]+)\] [^:]+: .+")
    for sign in evaluate(everything(), Profile(on_restricted_diet=True), AS_OF):
        assert sign.severity.value == SEVERITY.get(sign.id, "see-doctor")
        assert sign.title and "{" not in sign.title
        assert sign.message.endswith(".") and not re.search(r"[{}]", sign.message)
        assert sign.sources
        for line in sign.sources:
            match = reference_line.match(line)
            assert seed_line.match(line) or (match and match.group(1) in REFERENCES), line
        as_json = sign.to_json()
        assert list(as_json) == ["id", "severity", "message", "sources"]
        assert json.loads(json.dumps(as_json)) == {
            "id": sign.id,
            "severity": sign.severity.value,
            "message": sign.message,
            "sources": list(sign.sources),
        }


def test_duration_title_follows_the_setting() -> None:
    config = RuleConfig(duration_long_minutes_gt=15)
    sign = sign_for("W-DURATION-LONG", [ep(at(0), duration_minutes=16)], config=config)
    assert sign.title == "A cramp lasting more than 15 minutes"
    assert "ease within 15 minutes" in sign.message


DIAGNOSES = (
    "claudication",
    "PAD",
    "artery",
    "thrombosis",
    "DVT",
    "clot",
    "neuropathy",
    "ALS",
    "sclerosis",
    "rhabdomyolysis",
    "motor neuron",
    "diabetes",
    "cirrhosis",
    "kidney",
    "thyroid",
    "hypokalemia",
    "electrolyte imbalance",
)
MEDICINE_ADVICE = (
    "stop taking",
    "start taking",
    "try taking",
    "quinine",
    "magnesium",
    "dose",
    "increase",
    "reduce",
)


def test_messages_name_no_diagnosis_and_give_no_medicine_advice() -> None:
    for sign in evaluate(everything(), Profile(on_restricted_diet=True), AS_OF):
        text = f"{sign.title} {sign.message}"
        for word in DIAGNOSES:
            assert not re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE), (sign.id, word)
        for phrase in MEDICINE_ADVICE:
            assert phrase not in text.lower(), (sign.id, phrase)


# --- sources -------------------------------------------------------------------------------


def test_every_rule_has_sources_and_every_key_is_a_reference() -> None:
    assert list(RULE_SOURCES) == list(RULE_IDS)
    for rule_id, rule_sources in RULE_SOURCES.items():
        assert rule_sources.citations(), rule_id
        for citation in (*rule_sources.external, *rule_sources.threshold):
            if isinstance(citation, Citation):
                assert citation.key in REFERENCES
    for line in SAFETY_TEXT:
        keys = re.findall(r"\[([A-Z0-9-]+)\]", line)
        assert keys and all(key in REFERENCES for key in keys), line


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages live outside the repository")
def test_seed_quotes_are_verbatim() -> None:
    texts = {path.name: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
    for rule_sources in RULE_SOURCES.values():
        for source in (*rule_sources.seeds, *rule_sources.threshold):
            if isinstance(source, SeedQuote):
                assert source.quote in texts[source.seed_file], source.quote


# --- speed ---------------------------------------------------------------------------------


def test_100_000_episodes_are_evaluated_quickly() -> None:
    start = datetime.combine(AS_OF, time(23, 0))
    muscles, contexts = list(Muscle), list(Context)
    diary = [
        Episode(
            started_at=start - timedelta(minutes=17 * i),
            duration_minutes=float(i % 13),
            muscle=muscles[i % 15],
            side=Side.LEFT,
            severity_0_10=i % 11,
            context=contexts[i % 8],
            hydration_litres_24h=1.0,
            id=str(i),
        )
        for i in range(100_000)
    ]
    assert len({e.started_at.date() for e in diary}) > 1000
    began = clock.perf_counter()
    signs = evaluate(diary, Profile(), AS_OF)
    elapsed = clock.perf_counter() - began
    assert {"W-FREQ", "W-DURATION-LONG", "W-CHEST"} <= {s.id for s in signs}
    assert elapsed < 1.0, f"{elapsed:.3f} s"  # about 0.02 s on a laptop; generous for CI


def test_evaluate_accepts_a_one_shot_iterator_and_a_datetime_as_of() -> None:
    episodes = [ep(at(o)) for o in (0, 3, 6, 9)]
    assert {s.id for s in evaluate(iter(episodes), Profile(), AS_OF)} == {"W-FREQ"}
    as_datetime = datetime.combine(AS_OF, time(8))
    assert evaluate(episodes, Profile(), as_datetime) == evaluate(episodes, Profile(), AS_OF)
    assert replace(RuleConfig(), recent_window_days=14) == RuleConfig()


def test_analysis_imports_only_the_domain_and_the_standard_library() -> None:
    package = Path(crampdiary.analysis.__file__).parent
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                allowed = name.startswith(("crampdiary.domain", "crampdiary.analysis"))
                assert allowed or top in sys.stdlib_module_names, (module.name, name)
