"""The doctor-visit report as PDF bytes: the one place that knows fpdf2.

Owns the page layout (A4 portrait, black on white, DejaVu Sans embedded so any Unicode prints) and
``render(ReportData) -> bytes``. Page 1 is the summary a doctor reads in a minute: the period, the
trial-grade numbers beside the previous period, the warning signs (urgent first, their sources in
small print), current medicines, the weekly and time-of-night charts, a one-line profile and "This
diary does not diagnose." Then: every warning sign with its sources quoted in full, the other
charts, a medicine timeline, and a table of every cramp (headers repeat on each page). Every page
shows the period and "Page N of M"; charts never split across pages.

The cramp table is drawn with direct text writes and text widths from the font's own width table
(fpdf2's table API takes about a minute for 5,000 rows; this takes a second or two).

The package: ``data`` (``ReportData``, which charts go where), ``words`` (dates, numbers and
sources in words), ``layout`` (page geometry, type, inks), ``fonts`` (which font files),
``images`` (PNG bytes for embedding), ``document`` (``_Document``, the FPDF with its fast paths),
and the sections ``summary`` (page 1), ``details`` (warnings in full, more charts, medicines) and
``table`` (every cramp). This module lays them out in order: ``render``.

Imports fpdf2 (only here in the code base), ``crampdiary.domain`` and ``crampdiary.analysis``
types; never the clock, the database, services or Kivy. The caller gathers the data.
"""

from __future__ import annotations

from crampdiary.reports.pdf.data import OTHER_CHARTS, PAGE_ONE_CHARTS, ReportData
from crampdiary.reports.pdf.details import _medicine_timeline, _other_charts, _warnings_in_full
from crampdiary.reports.pdf.document import _Document
from crampdiary.reports.pdf.fonts import _font_files as _font_files
from crampdiary.reports.pdf.images import _opaque as _opaque
from crampdiary.reports.pdf.images import png_size, png_stream
from crampdiary.reports.pdf.summary import _page_one
from crampdiary.reports.pdf.table import _episode_table
from crampdiary.reports.pdf.words import (
    period_text,
    readable_date,
    readable_datetime,
    short_sources,
)

__all__ = [
    "OTHER_CHARTS",
    "PAGE_ONE_CHARTS",
    "ReportData",
    "period_text",
    "png_size",
    "png_stream",
    "readable_date",
    "readable_datetime",
    "render",
    "short_sources",
]


def render(data: ReportData) -> bytes:
    """The whole report as PDF bytes."""
    if data.end < data.start:
        raise ValueError(f"the period ends ({data.end}) before it starts ({data.start})")
    doc = _Document(
        period_text(data.start, data.end), f"Prepared {readable_date(data.prepared_on)}"
    )
    try:
        _lay_out(doc, data)
        return bytes(doc.output())  # closes the font files
    except BaseException:
        doc.close_fonts()
        raise


def _lay_out(doc: _Document, data: ReportData) -> None:
    doc.add_page()
    _page_one(doc, data)
    if data.comparison.current.cramps == 0:
        doc.set_y(doc.get_y() + 3.0)
        doc.para(
            "With no cramps in the period, this report has no charts and no table of cramps.",
            muted=True,
        )
        return
    _warnings_in_full(doc, data)
    _other_charts(doc, data)
    _medicine_timeline(doc, data)
    _episode_table(doc, data)
