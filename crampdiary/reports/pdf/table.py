"""The table of every cramp, on landscape pages: the header repeats on each page, a row splits
only when taller than a page, and a medicine list equal to the row above reads "as above". Cells
are written as runs of direct text (fpdf2's table API takes about a minute for 5,000 rows)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from fpdf.enums import XPos, YPos

from crampdiary.domain import Episode
from crampdiary.domain.enums import SYMPTOM_LABELS
from crampdiary.reports.pdf.data import ReportData
from crampdiary.reports.pdf.document import _Document
from crampdiary.reports.pdf.layout import (
    _BODY,
    _BODY_TOP,
    _INK,
    _MARGIN,
    _MUTED,
    _PAGE_H,
    _RULE,
    _SMALL,
    _TABLE,
    _TABLE_LINE,
)
from crampdiary.reports.pdf.words import (
    _doing,
    _minutes,
    _muscle_side,
    period_text,
    readable_datetime,
)

_LANDSCAPE_WIDTH: Final = _PAGE_H - 2 * _MARGIN  # 267 mm
_COLUMNS_WITH_NOTES: Final = (
    ("When", 39.0),
    ("Muscle, side", 31.0),
    ("Lasted", 16.0),
    ("Pain", 12.0),
    ("Doing", 38.0),
    ("Symptoms", 30.0),
    ("Medicines", 37.0),
    ("Notes", 64.0),
)
_COLUMNS_WITHOUT_NOTES: Final = (
    ("When", 39.0),
    ("Muscle, side", 30.0),
    ("Lasted", 17.0),
    ("Pain", 13.0),
    ("Doing", 50.0),
    ("Symptoms", 55.0),
    ("Medicines", 63.0),
)
_MEDICINES_COLUMN: Final = 6
_AS_ABOVE: Final = "as above"


def _cells(e: Episode, include_notes: bool) -> list[str]:
    cells = [
        readable_datetime(e.started_at),
        _muscle_side(e),
        _minutes(e.duration_minutes),
        f"{e.severity_0_10}/10",
        _doing(e),
        ", ".join(SYMPTOM_LABELS[s] for s in e.symptoms),
        ", ".join(m.name for m in e.medications) or "none",
    ]
    if include_notes:
        cells.append(e.notes)
    return cells


class _EpisodeTable:
    """Rows drawn line by line: the header repeats on every page, a row never splits unless it
    is taller than a whole page, and a medicine list equal to the row above reads "as above"."""

    pad = 0.9
    row_pad = 1.6

    def __init__(self, doc: _Document, data: ReportData) -> None:
        self.doc = doc
        self.columns = _COLUMNS_WITH_NOTES if data.include_notes else _COLUMNS_WITHOUT_NOTES
        self.widths = [w for _, w in self.columns]
        self.include_notes = data.include_notes

    def header(self, y: float) -> float:
        doc = self.doc
        doc.set_font("Body", "B", _TABLE)
        x = _MARGIN
        for title, w in self.columns:
            doc.write_at(x + self.pad, y + 3.3, title)
            x += w
        y += 5.0
        doc.set_draw_color(*_INK)
        doc.set_line_width(0.3)
        doc.line(_MARGIN, y, _MARGIN + _LANDSCAPE_WIDTH, y)
        doc.set_draw_color(*_RULE)
        doc.set_line_width(0.12)
        doc.set_font("Body", "", _TABLE)
        return y

    def new_page(self) -> float:
        doc = self.doc
        doc.add_page(orientation="L")
        doc.set_font("Body", "", _SMALL + 1)
        doc.set_text_color(*_MUTED)
        doc.write_at(_MARGIN, _BODY_TOP + 2.5, "Every cramp logged (continued)")
        doc.set_text_color(*_INK)
        return self.header(_BODY_TOP + 4.0)

    def wrapped(self, cells: list[str]) -> list[list[str]]:
        return [
            self.doc.wrap(text, w - 2 * self.pad)
            for text, w in zip(cells, self.widths, strict=True)
        ]

    def draw(self, episodes: Sequence[Episode], y: float) -> float:
        doc = self.doc
        limit = doc.limit
        full_page = limit - (_BODY_TOP + 9.0)
        y = self.header(y)
        previous_meds: str | None = None
        for e in episodes:
            cells = _cells(e, self.include_notes)
            meds = cells[_MEDICINES_COLUMN]
            if meds == previous_meds:
                cells[_MEDICINES_COLUMN] = _AS_ABOVE
            wrapped = self.wrapped(cells)
            lines = max(len(c) for c in wrapped)
            height = lines * _TABLE_LINE + self.row_pad
            if y + height > limit and (height <= full_page or y + 3 * _TABLE_LINE > limit):
                y = self.new_page()
                cells[_MEDICINES_COLUMN] = meds  # a new page names the medicines again
                wrapped = self.wrapped(cells)
                lines = max(len(c) for c in wrapped)
                height = lines * _TABLE_LINE + self.row_pad
            previous_meds = meds
            for i in range(lines):
                if i and y + 1.0 + (i + 1) * _TABLE_LINE > limit:
                    # Only a row taller than a page gets here: it carries on over the break.
                    y = self.new_page() - i * _TABLE_LINE
                self.line_of_row(wrapped, i, y + 3.6 + i * _TABLE_LINE)
            y += height
            doc.line(_MARGIN, y, _MARGIN + _LANDSCAPE_WIDTH, y)
        return y

    def line_of_row(self, wrapped: list[list[str]], i: int, baseline: float) -> None:
        doc = self.doc
        x = _MARGIN
        runs: list[tuple[float, str]] = []
        for column, (cell, w) in enumerate(zip(wrapped, self.widths, strict=True)):
            if i < len(cell) and cell[i]:
                text = cell[i]
                if column == _MEDICINES_COLUMN and text == _AS_ABOVE:
                    doc.set_text_color(*_MUTED)
                    doc.write_at(x + self.pad, baseline, text)
                    doc.set_text_color(*_INK)
                elif doc.covers(text):
                    runs.append((x + self.pad, text))
                else:
                    doc.write_at(x + self.pad, baseline, text)
            x += w
        if runs:
            doc.text_runs(baseline, runs)


def _episode_table(doc: _Document, data: ReportData) -> None:
    episodes = sorted(data.episodes, key=lambda e: (e.started_at, e.id))
    n = len(episodes)
    doc.add_page(orientation="L")
    doc.set_font("Body", "B", 12)
    doc.set_xy(_MARGIN, _BODY_TOP)
    doc.cell(
        _LANDSCAPE_WIDTH,
        6,
        f"Every cramp logged, {period_text(data.start, data.end)} "
        f"({n} cramp{'s' if n != 1 else ''}, oldest first)",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    y = doc.get_y() + 0.5
    if not data.include_notes:
        doc.set_font("Body", "", _TABLE)
        doc.set_text_color(*_MUTED)
        doc.write_at(_MARGIN, y + 3.0, "Notes are left out of this copy.")
        doc.set_text_color(*_INK)
        y += _TABLE_LINE + 0.5
    y = _EpisodeTable(doc, data).draw(episodes, y)
    doc.set_font("Body", "", _BODY)
    doc.set_y(y + 2.0)
