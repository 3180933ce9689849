"""Validation of episodes, medicines and profiles (spec/warning-signs.md §3, diary-format.md §1).

Every rejection must name the field and the value; every allowed value must pass. Boundaries and
dates are explored with hypothesis.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from crampdiary.domain import (
    Condition,
    Context,
    Episode,
    MedicationTaken,
    Medicine,
    MedicineClass,
    Muscle,
    Profile,
    Side,
    Symptom,
    ValidationError,
)
from crampdiary.domain.validation import (
    CLOCK_SKEW,
    MAX_DURATION_MINUTES,
    MAX_EXERCISE_MINUTES,
    MAX_HYDRATION_LITRES,
    MAX_NOTES_CHARS,
    MAX_SORENESS_DAYS,
    episode_from_mapping,
    episode_to_mapping,
    medicine_from_mapping,
    parse_date,
    parse_datetime,
    profile_from_mapping,
    validate_episode,
    validate_medicine,
    validate_profile,
)

NOW = datetime(2026, 11, 22, 10, 0)
BASE: dict[str, Any] = {
    "started_at": "2026-11-21T03:10",
    "duration_minutes": 2.5,
    "muscle": "calf",
    "side": "left",
    "severity_0_10": 7,
    "context": "asleep",
}


def parse(**changes: Any) -> Episode:
    return episode_from_mapping({**BASE, **changes}, now=NOW)


def rejected(call: Callable[[], object], field: str, shown: str | None = None) -> ValidationError:
    """``call`` must raise a ValidationError for ``field`` whose message shows the value."""
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    assert error.field == field
    message = str(error)
    assert message.startswith(f"{field}: ")
    if shown is not None:
        assert shown in message, message
    return error


def episode(**changes: Any) -> Episode:
    values: dict[str, Any] = {
        "started_at": datetime(2026, 11, 21, 3, 10),
        "duration_minutes": 2.5,
        "muscle": Muscle.CALF,
        "side": Side.LEFT,
        "severity_0_10": 7,
        "context": Context.ASLEEP,
    }
    values.update(changes)
    return Episode(**values)


# --- a valid episode ----------------------------------------------------------------------


def test_a_full_episode_is_parsed_into_every_field() -> None:
    parsed = parse(
        id="3F2504E0-4F89-41D3-9A0C-0305E82C3301",
        eased_with_rest=False,
        symptoms=["numbness", "swelling"],
        medications=[{"name": "atorvastatin", "class": "statin", "started_on": "2026-08-01"}],
        hydration_litres_24h=1.2,
        exercise_minutes_24h=45,
        soreness_days=2,
        affected_daily_activities=True,
        notes="woke me at 3 — stretched, eased",
    )
    assert parsed == Episode(
        id="3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        started_at=datetime(2026, 11, 21, 3, 10),
        duration_minutes=2.5,
        muscle=Muscle.CALF,
        side=Side.LEFT,
        severity_0_10=7,
        context=Context.ASLEEP,
        eased_with_rest=False,
        symptoms=(Symptom.NUMBNESS, Symptom.SWELLING),
        medications=(MedicationTaken("atorvastatin", MedicineClass.STATIN, date(2026, 8, 1)),),
        hydration_litres_24h=1.2,
        exercise_minutes_24h=45.0,
        soreness_days=2,
        affected_daily_activities=True,
        notes="woke me at 3 — stretched, eased",
    )


def test_a_missing_id_gets_a_fresh_uuid() -> None:
    first, second = parse(), parse()
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", first.id)
    assert first.id != second.id


@pytest.mark.parametrize("field", ["started_at", "duration_minutes", "muscle", "side", "context"])
def test_each_required_field_is_required(field: str) -> None:
    raw = {k: v for k, v in BASE.items() if k != field}
    rejected(lambda: episode_from_mapping(raw, now=NOW), field, "is required")
    rejected(lambda: parse(**{field: None}), field, "is required")


def test_an_unknown_field_is_named() -> None:
    rejected(lambda: parse(severity=7), "severity", "is not a known field")


def test_a_bad_id_is_rejected() -> None:
    rejected(lambda: parse(id="not-a-uuid"), "id", "'not-a-uuid'")


# --- severity -----------------------------------------------------------------------------


@given(st.integers(0, 10))
def test_severity_zero_to_ten_is_accepted(value: int) -> None:
    assert parse(severity_0_10=value).severity_0_10 == value
    assert parse(severity_0_10=str(value)).severity_0_10 == value
    assert validate_episode(episode(severity_0_10=value), now=NOW).severity_0_10 == value


@given(st.integers().filter(lambda n: not 0 <= n <= 10))
@example(-1)
@example(11)
@example(10**400)
@example(2**53 + 1)  # a float would show 9007199254740992
def test_severity_outside_zero_to_ten_is_rejected_with_the_value(value: int) -> None:
    shown = str(value)[:40]
    rejected(lambda: parse(severity_0_10=value), "severity_0_10", shown)
    rejected(lambda: validate_episode(episode(severity_0_10=value), now=NOW), "severity_0_10")


@pytest.mark.parametrize("value", [6.5, "6.5", "six", True, [6], {"v": 6}, "nan", float("inf")])
def test_severity_must_be_a_whole_number(value: object) -> None:
    rejected(lambda: parse(severity_0_10=value), "severity_0_10", repr(value)[:20])


def test_a_non_integer_severity_in_code_is_rejected() -> None:
    rejected(lambda: validate_episode(episode(severity_0_10=6.0), now=NOW), "severity_0_10", "6.0")
    rejected(lambda: validate_episode(episode(severity_0_10=True), now=NOW), "severity_0_10")


# --- duration -----------------------------------------------------------------------------


@given(st.floats(0, MAX_DURATION_MINUTES))
@example(0.0)
@example(float(MAX_DURATION_MINUTES))
def test_durations_from_zero_to_24_hours_are_accepted(minutes: float) -> None:
    assert parse(duration_minutes=minutes).duration_minutes == minutes
    assert validate_episode(episode(duration_minutes=minutes), now=NOW) is not None


@given(st.floats(max_value=0, exclude_max=True, allow_nan=False, allow_infinity=False))
@example(-0.5)
def test_a_negative_duration_is_rejected(minutes: float) -> None:
    error = rejected(lambda: parse(duration_minutes=minutes), "duration_minutes", repr(minutes))
    assert "negative" in error.problem


@given(st.floats(min_value=MAX_DURATION_MINUTES, exclude_min=True, allow_infinity=False))
@example(1440.01)
@example(1441)
def test_a_duration_over_24_hours_is_rejected(minutes: float) -> None:
    error = rejected(lambda: parse(duration_minutes=minutes), "duration_minutes")
    assert "1440" in error.problem and "24 hours" in error.problem
    rejected(
        lambda: validate_episode(episode(duration_minutes=minutes), now=NOW), "duration_minutes"
    )


@pytest.mark.parametrize("value", ["two", "", "  ", "nan", "inf", float("nan"), True, [2]])
def test_a_duration_that_is_not_a_number_is_rejected(value: object) -> None:
    rejected(lambda: parse(duration_minutes=value), "duration_minutes")


def test_a_decimal_comma_is_read_as_a_point() -> None:
    assert parse(duration_minutes="2,5").duration_minutes == 2.5


# --- the clock ----------------------------------------------------------------------------


@given(st.integers(-10 * 365 * 86400, CLOCK_SKEW // timedelta(seconds=1)))
@example(CLOCK_SKEW // timedelta(seconds=1))
@example(0)
def test_a_start_up_to_the_clock_skew_ahead_is_accepted(seconds: int) -> None:
    start = NOW + timedelta(seconds=seconds)
    assert parse(started_at=start.isoformat()).started_at == start
    assert validate_episode(episode(started_at=start), now=NOW).started_at == start


@given(st.integers(CLOCK_SKEW // timedelta(seconds=1) + 1, 50 * 365 * 86400))
@example(CLOCK_SKEW // timedelta(seconds=1) + 1)
def test_a_start_beyond_the_clock_skew_is_in_the_future(seconds: int) -> None:
    start = NOW + timedelta(seconds=seconds)
    text = start.isoformat()
    error = rejected(lambda: parse(started_at=text), "started_at", text[:16])
    assert "future" in error.problem
    rejected(lambda: validate_episode(episode(started_at=start), now=NOW), "started_at")


def test_a_start_before_1900_is_rejected() -> None:
    rejected(lambda: parse(started_at="1899-12-31T23:59"), "started_at", "1899-12-31T23:59")


# --- dates and times ----------------------------------------------------------------------

DATETIME_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?")


@given(st.datetimes(datetime(1900, 1, 1), NOW), st.booleans(), st.sampled_from("T "))
def test_every_real_local_time_is_read_back_exactly(
    moment: datetime, seconds: bool, separator: str
) -> None:
    moment = moment.replace(microsecond=0, second=moment.second if seconds else 0)
    text = moment.isoformat(sep=separator, timespec="seconds" if seconds else "minutes")
    assert parse_datetime("started_at", text) == moment
    assert episode_to_mapping(parse(started_at=text))["started_at"] == moment.isoformat()


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-21",
        "2026-11-21T03",
        "2026-11-21T3:10",
        "2026-11-21T03:10:00.5",
        "2026-11-21T03:10:00.000000",
        "2026-W47-6T03:10",
        "2026-325T03:10",
        "20261121T031000",
        "21/11/2026 03:10",
        "2026-13-01T00:00",
        "2026-02-30T10:00",
        "2026-11-21T25:00",
        "2026-11-21T03:60",
        "2026-11-21T03:10:61",
        "2026-11-21T03:10 tomorrow",
        "２０２６-１１-２１T03:10",
        "yesterday",
        "",
    ],
)
def test_malformed_datetimes_are_rejected_with_the_text(text: str) -> None:
    field = "started_at"
    error = rejected(lambda: parse_datetime(field, text), field, repr(text))
    assert "offset" not in error.problem
    if text:
        rejected(lambda: parse(started_at=text), field, repr(text))


@given(st.text(max_size=25))
@example("2026-11-21T03:10:00Z")
@example("2026-11-21T03:10+01")
def test_any_text_is_a_datetime_only_in_the_documented_shape(text: str) -> None:
    try:
        parsed = parse_datetime("started_at", text)
    except ValidationError as error:
        assert error.field == "started_at"
        assert repr(text)[:20] in str(error)
        return
    assert DATETIME_SHAPE.fullmatch(text.strip())
    assert parsed.tzinfo is None


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-21T03:10Z",
        "2026-11-21T03:10:00Z",
        "2026-11-21T03:10+01:00",
        "2026-11-21T03:10:00-05:00",
        "2026-11-21T03:10+0100",
        "2026-11-21T03:10:00+00:00",
    ],
)
def test_an_offset_in_started_at_is_rejected(text: str) -> None:
    error = rejected(lambda: parse(started_at=text), "started_at", text)
    assert "offset" in error.problem


def test_an_aware_datetime_in_code_is_rejected() -> None:
    aware = datetime(2026, 11, 21, 3, 10, tzinfo=UTC)
    rejected(lambda: parse(started_at=aware), "started_at")
    rejected(lambda: validate_episode(episode(started_at=aware), now=NOW), "started_at")


@pytest.mark.parametrize(
    "text",
    [
        # Europe/London and Europe/Paris: clocks go forward (gap) and back (repeated hour).
        "2026-03-29T01:30",
        "2026-03-29T02:30",
        "2026-10-25T01:30",
        "2026-10-25T02:30",
        # US: spring gap and autumn repeat.
        "2026-03-08T02:30",
        "2026-11-01T01:30",
    ],
)
def test_dst_gap_and_repeated_times_are_kept_as_written(text: str) -> None:
    parsed = parse(started_at=text)
    assert parsed.started_at == datetime.fromisoformat(text)
    assert episode_to_mapping(parsed)["started_at"] == text + ":00"


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_every_real_date_is_read_back(day: date) -> None:
    assert parse_date("started_on", day.isoformat()) == day


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2026-13-01",
        "2026-8-1",
        "20260801",
        "2026-W31-6",
        "2026-213",
        "01/08/2026",
        "2026-08-01T00:00",
        "August 2026",
        5,
    ],
)
def test_malformed_dates_are_rejected_with_the_text(text: object) -> None:
    rejected(lambda: parse_date("started_on", text), "started_on", repr(text))
    med = {"name": "atorvastatin", "class": "statin", "started_on": text}
    rejected(lambda: parse(medications=[med]), "medications[0].started_on", repr(text))
    rejected(
        lambda: medicine_from_mapping({"name": "x", "class": "other", "stopped_on": text}),
        "stopped_on",
        repr(text),
    )


# --- enums --------------------------------------------------------------------------------

ENUM_FIELDS = [
    ("muscle", Muscle),
    ("side", Side),
    ("context", Context),
]


@pytest.mark.parametrize(("field", "kind"), ENUM_FIELDS)
def test_every_allowed_value_of_an_enum_field_is_accepted(field: str, kind: Any) -> None:
    for member in kind:
        assert getattr(parse(**{field: member.value}), field) is member


@pytest.mark.parametrize(("field", "kind"), ENUM_FIELDS)
@given(value=st.text(max_size=20))
@example(value="Calf")
@example(value="left ")
def test_an_unknown_enum_value_is_named(field: str, kind: Any, value: str) -> None:
    assume(value.strip() not in {m.value for m in kind} and value.strip())
    error = rejected(lambda: parse(**{field: value}), field, repr(value)[:20])
    for member in kind:
        assert member.value in error.problem  # the message lists what is allowed


def test_every_symptom_is_accepted_and_an_unknown_one_is_named() -> None:
    everything = [s.value for s in Symptom]
    assert parse(symptoms=everything).symptoms == tuple(Symptom)
    rejected(lambda: parse(symptoms=["swelling", "cramp"]), "symptoms[1]", "'cramp'")
    rejected(lambda: parse(symptoms=7), "symptoms", "7")


def test_a_symptom_listed_twice_in_code_is_rejected() -> None:
    doubled = episode(symptoms=(Symptom.FEVER, Symptom.FEVER))
    rejected(lambda: validate_episode(doubled, now=NOW), "symptoms[1]", "fever")


def test_every_medicine_class_is_accepted_and_an_unknown_one_is_named() -> None:
    meds = [{"name": f"m{i}", "class": c.value} for i, c in enumerate(MedicineClass)]
    parsed = parse(medications=meds)
    assert [m.med_class for m in parsed.medications] == list(MedicineClass)
    bad = [{"name": "atorvastatin", "class": "Statins", "started_on": None}]
    rejected(lambda: parse(medications=bad), "medications[0].class", "'Statins'")
    rejected(
        lambda: medicine_from_mapping({"name": "atorvastatin", "class": "lipid"}),
        "class",
        "'lipid'",
    )
    rejected(
        lambda: validate_episode(
            episode(medications=(MedicationTaken("x", "lipid"),)),  # type: ignore[arg-type]
            now=NOW,
        ),
        "medications[0].class",
        "'lipid'",
    )


def test_every_condition_is_accepted_and_an_unknown_one_is_named() -> None:
    every = [c.value for c in Condition]
    assert profile_from_mapping({"conditions": every}).conditions == tuple(Condition)
    rejected(
        lambda: profile_from_mapping({"conditions": ["diabetes", "gout"]}),
        "profile.conditions[1]",
        "'gout'",
    )
    rejected(
        lambda: validate_profile(Profile(conditions=("gout",))),  # type: ignore[arg-type]
        "profile.conditions[0]",
        "'gout'",
    )


@pytest.mark.parametrize("field", ["muscle", "side", "context"])
def test_an_unknown_enum_value_in_code_is_rejected(field: str) -> None:
    bad = episode(**{field: "elbow"})
    rejected(lambda: validate_episode(bad, now=NOW), field, "'elbow'")


@pytest.mark.parametrize("field", ["eased_with_rest", "affected_daily_activities"])
def test_yes_no_fields_take_true_false_or_empty(field: str) -> None:
    assert getattr(parse(**{field: "yes"}), field) is True
    assert getattr(parse(**{field: False}), field) is False
    assert getattr(parse(**{field: None}), field) is None
    rejected(lambda: parse(**{field: "maybe"}), field, "'maybe'")
    rejected(lambda: parse(**{field: 2}), field, "2")


# --- fluids, exercise, soreness -----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("hydration_litres_24h", MAX_HYDRATION_LITRES),
        ("exercise_minutes_24h", MAX_EXERCISE_MINUTES),
        ("soreness_days", MAX_SORENESS_DAYS),
    ],
)
@given(data=st.data())
def test_absurd_fluids_exercise_and_soreness_are_rejected(
    field: str, limit: float, data: st.DataObject
) -> None:
    whole = field == "soreness_days"
    ok = data.draw(st.integers(0, int(limit)) if whole else st.floats(0, limit))
    assert getattr(parse(**{field: ok}), field) == ok
    assert getattr(parse(**{field: None}), field) is None
    too_much = data.draw(
        st.integers(int(limit) + 1, 10**9) if whole else st.floats(limit, 1e12, exclude_min=True)
    )
    error = rejected(lambda: parse(**{field: too_much}), field, str(too_much)[:6])
    assert f"{limit:g}" in error.problem
    negative = data.draw(st.integers(-(10**9), -1) if whole else st.floats(-1e12, -0.001))
    error = rejected(lambda: parse(**{field: negative}), field)
    assert "negative" in error.problem
    rejected(lambda: validate_episode(episode(**{field: too_much}), now=NOW), field)


def test_soreness_days_must_be_whole() -> None:
    rejected(lambda: parse(soreness_days=1.5), "soreness_days", "1.5")


# --- notes --------------------------------------------------------------------------------

UNICODE_NOTES = [
    "🦵💥 woke me at 3",
    "👨‍👩‍👧 family emoji with joiners",
    "שלום, כאב ברגל",  # Hebrew, right to left
    "تشنج في الساق",  # Arabic
    "e\u0301 a\u0308 n\u0303 combining marks",
    "\u202eRTL override\u202c and a zero width\u200bspace",
    "Wadenkrampf ✓ — crampe au mollet",
    "中文 日本語 한국어",
    "line one\nline two\r\nline three\ttab",
    "   leading and trailing spaces   ",
    "\U0010fffd private use, last plane",
]


@pytest.mark.parametrize("notes", UNICODE_NOTES)
def test_any_unicode_notes_are_kept_exactly(notes: str) -> None:
    assert parse(notes=notes).notes == notes
    assert validate_episode(episode(notes=notes), now=NOW).notes == notes


@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=300))
def test_generated_unicode_notes_are_kept_exactly(notes: str) -> None:
    assert parse(notes=notes).notes == notes


def test_notes_up_to_the_limit_are_accepted_and_longer_ones_rejected() -> None:
    assert len(parse(notes="é" * MAX_NOTES_CHARS).notes) == MAX_NOTES_CHARS
    assert len(parse(notes="🦵" * MAX_NOTES_CHARS).notes) == MAX_NOTES_CHARS
    error = rejected(lambda: parse(notes="x" * (MAX_NOTES_CHARS + 1)), "notes", "10001 characters")
    assert f"{MAX_NOTES_CHARS}" in error.problem
    rejected(lambda: validate_episode(episode(notes="x" * (MAX_NOTES_CHARS + 1)), now=NOW), "notes")


@pytest.mark.parametrize("notes", ["a\x00b", "lone \ud800 surrogate", "\udfff"])
def test_notes_that_cannot_be_stored_are_rejected(notes: str) -> None:
    rejected(lambda: parse(notes=notes), "notes", repr(notes)[:10])


def test_notes_must_be_text() -> None:
    rejected(lambda: parse(notes=12), "notes", "12")
    rejected(lambda: validate_episode(episode(notes=None), now=NOW), "notes", "None")


# --- medications and medicines ------------------------------------------------------------


def test_medication_names_are_required_and_short() -> None:
    blank = [{"name": "  ", "class": "statin"}]
    rejected(lambda: parse(medications=blank), "medications[0].name", "'  '")
    long = [{"name": "x" * 201, "class": "statin"}]
    rejected(lambda: parse(medications=long), "medications[0].name", "201 characters")
    rejected(lambda: parse(medications="atorvastatin"), "medications", "'atorvastatin'")
    rejected(lambda: parse(medications=["atorvastatin"]), "medications[0]", "'atorvastatin'")


@pytest.mark.parametrize("name", ["co-codamol; 30/500", "salbutamol|ventolin"])
def test_names_cannot_hold_the_csv_separators(name: str) -> None:
    med = [{"name": name, "class": "other"}]
    error = rejected(lambda: parse(medications=med), "medications[0].name", repr(name))
    assert "CSV" in error.problem
    rejected(lambda: medicine_from_mapping({"name": name, "class": "other"}), "name")
    rejected(lambda: validate_medicine(Medicine(name, MedicineClass.OTHER)), "name")


def test_an_unknown_field_in_a_medication_is_named() -> None:
    med = [{"name": "atorvastatin", "class": "statin", "dose": "20 mg"}]
    rejected(lambda: parse(medications=med), "medications[0].dose")


def test_names_lose_outer_spaces_however_they_come_in() -> None:
    assert parse(medications=[{"name": " atorvastatin ", "class": "statin"}]).medications[
        0
    ].name == ("atorvastatin")
    assert MedicationTaken("  x ", MedicineClass.OTHER).name == "x"
    assert Medicine(" Amlodipine 5 mg\n", MedicineClass.OTHER_BLOOD_PRESSURE).name == (
        "Amlodipine 5 mg"
    )


def test_a_medicine_cannot_stop_before_it_started() -> None:
    raw = {"name": "atorvastatin", "class": "statin", "started_on": "2026-08-01"}
    assert medicine_from_mapping({**raw, "stopped_on": "2026-08-01"}).stopped_on == date(2026, 8, 1)
    rejected(
        lambda: medicine_from_mapping({**raw, "stopped_on": "2026-07-31"}),
        "stopped_on",
        "2026-07-31",
    )
    rejected(lambda: medicine_from_mapping({**raw, "brand": "Lipitor"}), "brand", "'Lipitor'")


def test_a_profile_names_its_bad_fields() -> None:
    rejected(lambda: profile_from_mapping({"diet": True}), "profile.diet", "True")
    rejected(
        lambda: profile_from_mapping({"on_restricted_diet": "sometimes"}),
        "profile.on_restricted_diet",
        "'sometimes'",
    )
    doubled = Profile(conditions=(Condition.LIVER, Condition.LIVER))
    rejected(lambda: validate_profile(doubled), "profile.conditions[1]", "liver")
    assert validate_profile(Profile(True, (Condition.THYROID,))) is not None
