"""RuleConfig: the §2.3 defaults, the text form for a settings store, and validation."""

from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampdiary.analysis import CONFIG_FIELDS, RuleConfig
from crampdiary.domain import ValidationError

SPEC_DEFAULTS = {
    "recent_window_days": "14",
    "freq_short_window_days": "14",
    "freq_short_min_cramp_days": "4",
    "freq_long_window_days": "30",
    "freq_long_min_cramp_days": "6",
    "sleep_window_nights": "7",
    "sleep_min_nights": "4",
    "night_boundary_hour": "12",
    "duration_long_minutes_gt": "10",
    "persistent_consecutive_days": "4",
    "soreness_days_gt": "3",
    "claudication_window_days": "30",
    "claudication_min_days": "2",
    "severe_pain_min_score": "8",
    "severe_pain_min_days": "2",
    "daily_impact_min_days": "2",
    "new_med_max_days": "90",
    "low_fluid_litres_lt": "1.6",
    "low_fluid_min_days": "2",
}


def test_defaults_are_the_spec_table() -> None:
    assert RuleConfig().to_settings() == SPEC_DEFAULTS
    assert RuleConfig().low_fluid_litres_lt == 1.6
    assert RuleConfig().widest_window_days == 30


def test_settings_round_trip_and_partial_mappings() -> None:
    assert RuleConfig.from_settings(SPEC_DEFAULTS) == RuleConfig()
    assert RuleConfig.from_settings({}) == RuleConfig()
    changed = RuleConfig.from_settings({"sleep_min_nights": "5", "low_fluid_litres_lt": "1.25"})
    assert changed.sleep_min_nights == 5
    assert changed.low_fluid_litres_lt == 1.25
    assert changed.recent_window_days == 14
    assert RuleConfig.from_settings(changed.to_settings()) == changed


def test_unknown_keys_are_ignored() -> None:
    assert (
        RuleConfig.from_settings({"theme": "night", "freq_count_unit": "episodes"}) == RuleConfig()
    )


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("recent_window_days", "0"),
        ("recent_window_days", "-3"),
        ("recent_window_days", "abc"),
        ("recent_window_days", "1.5"),
        ("recent_window_days", ""),
        ("freq_long_window_days", "99999"),
        ("freq_short_min_cramp_days", "0"),
        ("sleep_min_nights", "0"),
        ("night_boundary_hour", "24"),
        ("night_boundary_hour", "-1"),
        ("severe_pain_min_score", "11"),
        ("severe_pain_min_score", "-1"),
        ("soreness_days_gt", "-1"),
        ("duration_long_minutes_gt", "-0.5"),
        ("low_fluid_litres_lt", "-0.1"),
        ("low_fluid_litres_lt", "nan"),
        ("low_fluid_litres_lt", "inf"),
        ("new_med_max_days", "0"),
    ],
)
def test_bad_values_raise_naming_the_key(key: str, raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        RuleConfig.from_settings({**SPEC_DEFAULTS, key: raw})
    assert caught.value.field == key
    assert key in str(caught.value)


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("night_boundary_hour", "0", 0),
        ("night_boundary_hour", "23", 23),
        ("severe_pain_min_score", "0", 0),
        ("severe_pain_min_score", "10", 10),
        ("low_fluid_litres_lt", "0", 0.0),
        ("soreness_days_gt", "0", 0),
        ("duration_long_minutes_gt", "12.5", 12.5),
        ("recent_window_days", " 21 ", 21),
    ],
)
def test_edge_values_are_accepted(key: str, raw: str, value: float) -> None:
    assert getattr(RuleConfig.from_settings({key: raw}), key) == value


@pytest.mark.parametrize(
    "changes",
    [
        {"recent_window_days": 0},
        {"severe_pain_min_score": True},
        {"sleep_min_nights": 2.5},
        {"night_boundary_hour": 24},
        {"low_fluid_litres_lt": float("nan")},
    ],
)
def test_construction_validates_too(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as caught:
        RuleConfig(**changes)  # type: ignore[arg-type]
    assert caught.value.field == next(iter(changes))


def test_config_fields_describe_every_key_for_a_settings_screen() -> None:
    assert [f.key for f in CONFIG_FIELDS] == [f.name for f in fields(RuleConfig)]
    defaults = RuleConfig()
    for field in CONFIG_FIELDS:
        assert field.default == getattr(defaults, field.key)
        assert field.label and "_" not in field.label
        assert field.kind == ("float" if isinstance(field.default, float) else "int")
        assert field.minimum <= field.default
        assert field.maximum is None or field.default <= field.maximum
    by_key = {f.key: f for f in CONFIG_FIELDS}
    assert by_key["night_boundary_hour"].describe_limits() == "a whole number from 0 to 23"
    assert by_key["low_fluid_litres_lt"].describe_limits() == "a number of at least 0"


@st.composite
def valid_settings(draw: st.DrawFn) -> dict[str, str]:
    settings = {}
    for field in CONFIG_FIELDS:
        if not draw(st.booleans()):
            continue
        high = field.maximum if field.maximum is not None else 1000
        if field.kind == "int":
            value: float = draw(st.integers(int(field.minimum), int(high)))
        else:
            value = draw(st.floats(field.minimum, high, allow_nan=False))
        settings[field.key] = str(value)
    return settings


@given(valid_settings())
def test_any_valid_settings_round_trip(settings: dict[str, str]) -> None:
    config = RuleConfig.from_settings(settings)
    for key, text in settings.items():
        assert getattr(config, key) == float(text)
    assert RuleConfig.from_settings(config.to_settings()) == config
