"""Analysis: pure functions over domain objects — warning rules, settings, trial-style numbers.

Never reads the clock, the database or the screen; imports only ``crampdiary.domain`` and the
standard library. Callers pass ``as_of`` and the episodes.
"""

from crampdiary.analysis.config import CONFIG_FIELDS, ConfigField, RuleConfig
from crampdiary.analysis.dates import (
    DateWindow,
    cramp_dates,
    cramp_days,
    cramp_nights,
    episode_date,
    is_sleep_related,
    night_of,
    window,
)
from crampdiary.analysis.metrics import (
    PeriodComparison,
    PeriodNumbers,
    WeekCount,
    compare_periods,
    hourly_counts,
    period_numbers,
    weekly_counts,
)
from crampdiary.analysis.rules import RULE_IDS, SAFETY_TEXT, Severity, WarningSign, evaluate
from crampdiary.analysis.sources import REFERENCES, RULE_SOURCES, citations

__all__ = [
    "CONFIG_FIELDS",
    "REFERENCES",
    "RULE_IDS",
    "RULE_SOURCES",
    "SAFETY_TEXT",
    "ConfigField",
    "DateWindow",
    "PeriodComparison",
    "PeriodNumbers",
    "RuleConfig",
    "Severity",
    "WarningSign",
    "WeekCount",
    "citations",
    "compare_periods",
    "cramp_dates",
    "cramp_days",
    "cramp_nights",
    "episode_date",
    "evaluate",
    "hourly_counts",
    "is_sleep_related",
    "night_of",
    "period_numbers",
    "weekly_counts",
    "window",
]
