"""The warning rules' settings (spec/warning-signs.md §2.3, "Config keys and defaults").

Owns ``RuleConfig`` (every threshold and window, with its default), its text form for a settings
store, and ``CONFIG_FIELDS`` (what a Settings screen shows and lets a person edit). Imports only the
standard library and ``crampdiary.domain``; never the clock, the database or the screen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Literal

from crampdiary.domain import ValidationError
from crampdiary.domain.validation import parse_int, parse_number


@dataclass(frozen=True, slots=True)
class RuleConfig:
    """Thresholds of the 18 rules. The defaults are the ones the acceptance cases assume.

    Windows count calendar dates (§2.2 convention 4). ``*_gt`` keys are "strictly more than",
    ``*_lt`` "strictly less than", ``*_min_*`` "at least". Construction validates every value.
    """

    recent_window_days: int = 14
    freq_short_window_days: int = 14
    freq_short_min_cramp_days: int = 4
    freq_long_window_days: int = 30
    freq_long_min_cramp_days: int = 6
    sleep_window_nights: int = 7
    sleep_min_nights: int = 4
    night_boundary_hour: int = 12
    duration_long_minutes_gt: float = 10.0
    persistent_consecutive_days: int = 4
    soreness_days_gt: int = 3
    claudication_window_days: int = 30
    claudication_min_days: int = 2
    severe_pain_min_score: int = 8
    severe_pain_min_days: int = 2
    daily_impact_min_days: int = 2
    new_med_max_days: int = 90
    low_fluid_litres_lt: float = 1.6
    low_fluid_min_days: int = 2

    def __post_init__(self) -> None:
        for spec in CONFIG_FIELDS:
            _check(spec, getattr(self, spec.key), getattr(self, spec.key))

    @property
    def widest_window_days(self) -> int:
        """The most calendar dates any rule looks back over (W-MEDICATION-NEW aside)."""
        return max(
            self.recent_window_days,
            self.freq_short_window_days,
            self.freq_long_window_days,
            self.sleep_window_nights,
            self.claudication_window_days,
        )

    def to_settings(self) -> dict[str, str]:
        """Every key as text, e.g. ``{"recent_window_days": "14", ...}``."""
        return {spec.key: _format(getattr(self, spec.key)) for spec in CONFIG_FIELDS}

    @classmethod
    def from_settings(cls, mapping: Mapping[str, str]) -> RuleConfig:
        """Read the keys this class knows; unknown keys are ignored, missing keys keep defaults.

        Raises ``ValidationError`` whose ``field`` is the offending key.
        """
        values: dict[str, int | float] = {}
        for spec in CONFIG_FIELDS:
            if spec.key not in mapping:
                continue
            raw = mapping[spec.key]
            parsed: int | float | None
            if spec.kind == "int":
                parsed = parse_int(spec.key, raw, nullable=False)
            else:
                parsed = parse_number(spec.key, raw, nullable=False)
            assert parsed is not None  # nullable=False raises instead
            values[spec.key] = _check(spec, parsed, raw)
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ConfigField:
    """One editable setting: its key, a label in plain words, its kind, default and limits."""

    key: str
    label: str
    kind: Literal["int", "float"]
    default: int | float
    minimum: int | float
    maximum: int | float | None

    def describe_limits(self) -> str:
        noun = "a whole number" if self.kind == "int" else "a number"
        if self.maximum is None:
            return f"{noun} of at least {_format(self.minimum)}"
        return f"{noun} from {_format(self.minimum)} to {_format(self.maximum)}"


# Labels in the order of RuleConfig's fields; each names its unit for the Settings screen.
_LABELS: dict[str, str] = {
    "recent_window_days": "Recent period checked for one-off signs (days)",
    "freq_short_window_days": "Short period for frequent cramps (days)",
    "freq_short_min_cramp_days": "Cramp days in the short period that count as frequent",
    "freq_long_window_days": "Long period for frequent cramps (days)",
    "freq_long_min_cramp_days": "Cramp days in the long period that count as frequent",
    "sleep_window_nights": "Nights checked for disturbed sleep",
    "sleep_min_nights": "Disturbed nights that count as most nights",
    "night_boundary_hour": "Cramps before this hour belong to the night before (0-23)",
    "duration_long_minutes_gt": "A cramp longer than this is a long cramp (minutes)",
    "persistent_consecutive_days": "Days in a row with cramps in the same muscle",
    "soreness_days_gt": "Soreness lasting more than this is long (days)",
    "claudication_window_days": "Period checked for cramps when walking that ease with rest (days)",
    "claudication_min_days": "Days with cramps when walking that eased with rest",
    "severe_pain_min_score": "Pain score that counts as very painful (0-10)",
    "severe_pain_min_days": "Days with very painful cramps",
    "daily_impact_min_days": "Days when cramps got in the way of the day",
    "new_med_max_days": "Most days from starting a medicine to a first cramp",
    "low_fluid_litres_lt": "Drinks below this count as low (litres in 24 hours)",
    "low_fluid_min_days": "Cramp days with low drinks",
}
# Day counts are whole numbers of at least 1; these keys differ. Windows stop at about ten years
# so that date arithmetic can never leave the calendar.
MAX_WINDOW_DAYS = 3660
_RANGES: dict[str, tuple[int | float, int | float | None]] = {
    "recent_window_days": (1, MAX_WINDOW_DAYS),
    "freq_short_window_days": (1, MAX_WINDOW_DAYS),
    "freq_long_window_days": (1, MAX_WINDOW_DAYS),
    "sleep_window_nights": (1, MAX_WINDOW_DAYS),
    "claudication_window_days": (1, MAX_WINDOW_DAYS),
    "night_boundary_hour": (0, 23),
    "duration_long_minutes_gt": (0, None),
    "soreness_days_gt": (0, None),
    "severe_pain_min_score": (0, 10),
    "low_fluid_litres_lt": (0, None),
}

CONFIG_FIELDS: tuple[ConfigField, ...] = tuple(
    ConfigField(
        key=f.name,
        label=_LABELS[f.name],
        kind="int" if f.type in ("int", int) else "float",
        default=f.default,  # type: ignore[arg-type]
        minimum=_RANGES.get(f.name, (1, None))[0],
        maximum=_RANGES.get(f.name, (1, None))[1],
    )
    for f in fields(RuleConfig)
)


def _check(spec: ConfigField, value: object, shown: object) -> int | float:
    """Return ``value`` if it suits ``spec``; otherwise raise naming the key and ``shown``."""
    problem = f"must be {spec.describe_limits()}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(spec.key, shown, problem)
    if spec.kind == "int" and not isinstance(value, int):
        raise ValidationError(spec.key, shown, problem)
    if not math.isfinite(value) or value < spec.minimum:
        raise ValidationError(spec.key, shown, problem)
    if spec.maximum is not None and value > spec.maximum:
        raise ValidationError(spec.key, shown, problem)
    return value


def _format(value: int | float) -> str:
    """Shortest text that reads back to the same value ("10", "1.6")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
