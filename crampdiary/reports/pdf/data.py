"""What the report shows: ``ReportData``, gathered by ``services.report``, and which charts go
on page 1 and which after it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from crampdiary.analysis.metrics import PeriodComparison
from crampdiary.analysis.rules import WarningSign
from crampdiary.domain import Episode, Medicine, Profile

PAGE_ONE_CHARTS: Final = ("weekly_trend", "time_of_night")
OTHER_CHARTS: Final = (
    "muscle_heatmap",
    "duration_severity",
    "fluids_exercise",
    "medicine_before_after",
)


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows, gathered by ``services.report``.

    ``episodes`` are the cramps inside ``start`` … ``end``; ``warnings`` are evaluated as of
    ``end``; ``charts`` maps chart names (``PAGE_ONE_CHARTS``, ``OTHER_CHARTS``) to PNG bytes;
    ``references`` maps a source key such as ``NHS-LC`` to its (title, address).
    """

    start: date
    end: date
    prepared_on: date
    comparison: PeriodComparison
    episodes: Sequence[Episode]
    warnings: Sequence[WarningSign]
    medicines: Sequence[Medicine]
    profile: Profile
    include_notes: bool = True
    charts: Mapping[str, bytes] = field(default_factory=dict)
    references: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    safety_text: Sequence[str] = ()
    first_entry: date | None = None
