"""The doctor-visit report as a use case: gather the period's data, render the charts at print
resolution, lay out the PDF and write it owner-only and atomically.

Owns ``build_report`` (the command line and the app both call it), ``report_data`` (what goes in),
``report_pdf`` (the bytes) and ``preview_pages`` (PNG pages for the app's preview, through
poppler's ``pdftoppm`` when it is installed). Must not import Kivy or plyer; fpdf2 lives in
``reports.pdf`` and matplotlib in ``reports.charts``, both imported only when a report is made.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from crampdiary.analysis.metrics import compare_periods
from crampdiary.analysis.sources import REFERENCES, SAFETY_TEXT
from crampdiary.services.diary import Diary, write_private
from crampdiary.services.insights import current_warnings, rule_config

if TYPE_CHECKING:
    from crampdiary.domain import Episode, Medicine
    from crampdiary.reports.pdf import ReportData

# Charts are drawn at their on-screen size (8 x 4.5 inches, 13 pt type) and printed 180 mm wide,
# so the type prints at about 11.5 pt. Page 1's two sit side by side, 88 mm each: drawn 5.5 inches
# wide, their type prints at about 8 pt, the size of the report's tables.
PRINT_DPI = 200
PAGE_ONE_CHART_SIZE = (5.5, 3.8)
CHART_SIZE = (8.0, 4.5)

PERIOD_CHOICES: Mapping[str, int] = {
    "4 weeks": 28,
    "3 months": 91,
    "6 months": 182,
    "1 year": 365,
}
"""The app's period buttons: days ending today (the command line's default is 3 months)."""


def default_period(today: date, days: int = 91) -> tuple[date, date]:
    """``days`` calendar dates ending ``today``, both included."""
    return today - timedelta(days=days - 1), today


def report_data(
    diary: Diary,
    start: date,
    end: date,
    *,
    include_notes: bool = True,
    with_charts: bool = True,
) -> ReportData:
    """Everything the report shows for ``start`` … ``end`` (warnings as of ``end``)."""
    from crampdiary.reports.pdf import ReportData

    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    config = rule_config(diary)
    days = (end - start).days + 1
    # One read covers the previous period, the night after ``end`` and the medicine chart's
    # window (the same length before the period).
    loaded = diary.episodes(start - timedelta(days=days + 1), end + timedelta(days=1))
    comparison = compare_periods(loaded, start, end, night_boundary_hour=config.night_boundary_hour)
    inside = [e for e in loaded if start <= e.day <= end]
    medicines = diary.medicines()
    first = diary.episodes(limit=1)
    charts = _charts(loaded, medicines, start, end) if with_charts and inside else {}
    return ReportData(
        start=start,
        end=end,
        prepared_on=diary.clock().date(),
        comparison=comparison,
        episodes=inside,
        warnings=current_warnings(diary, end, config),
        medicines=medicines,
        profile=diary.profile(),
        include_notes=include_notes,
        charts=charts,
        references={key: (ref.title, ref.address) for key, ref in REFERENCES.items()},
        safety_text=SAFETY_TEXT,
        first_entry=first[0].day if first else None,
    )


def _charts(
    episodes: list[Episode], medicines: list[Medicine], start: date, end: date
) -> dict[str, bytes]:
    from crampdiary.reports import charts
    from crampdiary.reports.pdf import OTHER_CHARTS, PAGE_ONE_CHARTS

    rendered: dict[str, bytes] = {}
    for name in (*PAGE_ONE_CHARTS, *OTHER_CHARTS):
        draw = charts.CHARTS[name]
        size = PAGE_ONE_CHART_SIZE if name in PAGE_ONE_CHARTS else CHART_SIZE
        if name == "medicine_before_after":
            png = draw(episodes, medicines, start, end, size=size, dpi=PRINT_DPI)
        else:
            png = draw(episodes, start, end, size=size, dpi=PRINT_DPI)
        rendered[name] = png
    return rendered


def report_pdf(diary: Diary, start: date, end: date, *, include_notes: bool = True) -> bytes:
    """The report's PDF bytes."""
    from crampdiary.reports.pdf import render

    return render(report_data(diary, start, end, include_notes=include_notes))


def build_report(
    diary: Diary, out: Path, start: date, end: date, *, include_notes: bool = True
) -> Path:
    """Write the report to ``out`` (readable by the owner only; never half-written).

    ``ValidationError`` if ``out`` is the diary file itself (or its WAL): that would destroy it.
    """
    out = Path(out).expanduser()
    diary._refuse_own_files("out", out)  # before the work, not only before the write
    return write_report(diary, out, report_pdf(diary, start, end, include_notes=include_notes))


def write_report(diary: Diary, out: Path, pdf: bytes) -> Path:
    """Write report bytes to ``out``: owner-only, atomic, and never over the diary itself."""
    out = Path(out).expanduser()
    diary._refuse_own_files("out", out)  # the same guard as exports (services' own helper)
    write_private(out, pdf)
    return out


def default_file_name(start: date, end: date) -> str:
    return f"cramp-diary-report-{start.isoformat()}-to-{end.isoformat()}.pdf"


def can_preview_pages() -> bool:
    return shutil.which("pdftoppm") is not None


def preview_pages(
    pdf: Path | bytes, *, dpi: int = 60, first: int = 1, last: int | None = 4
) -> list[bytes]:
    """PNG bytes of pages ``first`` … ``last`` (poppler's ``pdftoppm``; ``[]`` without it)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    with tempfile.TemporaryDirectory(prefix="crampdiary-preview-") as folder:
        source = Path(folder) / "report.pdf"
        if isinstance(pdf, bytes):
            source.write_bytes(pdf)
        else:
            source = Path(pdf)
        command = [tool, "-r", str(dpi), "-png", "-f", str(first)]
        if last is not None:
            command += ["-l", str(last)]
        command += [str(source), str(Path(folder) / "page")]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        pages = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [p.read_bytes() for p in pages]
