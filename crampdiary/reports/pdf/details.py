"""The pages after page 1, before the table: every warning sign with its sources quoted in
full and the references they name, the other charts, and a timeline of medicines beside the
days with cramps."""

from __future__ import annotations

from datetime import date, timedelta

from crampdiary.domain import Medicine
from crampdiary.reports.pdf.data import OTHER_CHARTS, ReportData
from crampdiary.reports.pdf.document import _Document
from crampdiary.reports.pdf.layout import (
    _INK,
    _LINE,
    _MARGIN,
    _MUTED,
    _RULE,
    _SMALL,
    _SMALL_LINE,
    _TABLE,
    _TABLE_LINE,
    _WIDTH,
)
from crampdiary.reports.pdf.words import _KEY, _SEVERITY_WORDS, _days, readable_date


def _warnings_in_full(doc: _Document, data: ReportData) -> None:
    doc.add_page()
    doc.heading("Warning signs in full, with their sources", before=0)
    doc.para(
        f"Evaluated on the diary as it stood on {readable_date(data.end)}, using the rules of "
        "Cramp Diary (rules v1.0). Each sign lists the passages it rests on: quotes from the "
        "seed pages the app was built from, then published references.",
        muted=True,
        size=_SMALL + 1,
        line=_SMALL_LINE + 0.5,
    )
    if not data.warnings:
        doc.para("No warning sign fired.")
    keys: list[str] = []
    for sign in data.warnings:
        doc.ensure(5 * _LINE)
        doc.set_y(doc.get_y() + 2.0)
        doc.para(f"{_SEVERITY_WORDS[sign.severity]}: {sign.title}  [{sign.id}]", style="B")
        doc.para(sign.message)
        for line in sign.sources:
            doc.ensure(2 * _SMALL_LINE)
            doc.para(f"• {line}", size=_SMALL, line=_SMALL_LINE, muted=True)
            match = _KEY.match(line)
            if match and match.group(1) not in keys:
                keys.append(match.group(1))
    if keys and data.references:
        doc.heading("References", size=10.5)
        for key in keys:
            if key in data.references:
                title, address = data.references[key]
                doc.ensure(2 * _SMALL_LINE)
                doc.para(f"[{key}] {title}. {address}", size=_SMALL, line=_SMALL_LINE)
    if data.safety_text:
        doc.heading("Always worth knowing (not detected by the diary)", size=10.5)
        for line in data.safety_text:
            doc.para(f"• {line}", size=_SMALL + 1, line=_SMALL_LINE + 0.5)


def _other_charts(doc: _Document, data: ReportData) -> None:
    names = [n for n in OTHER_CHARTS if n in data.charts]
    if not names:
        return
    doc.add_page()
    doc.heading("More charts", before=0)
    for name in names:
        doc.chart(data.charts[name])


def _medicine_timeline(doc: _Document, data: ReportData) -> None:
    start, end = data.start, data.end
    shown = [m for m in data.medicines if _overlaps(m, start, end)]
    others = [m for m in data.medicines if m not in shown]
    row_h = 11.0
    doc.ensure(20.0 + row_h * (len(shown) + 1) + 10.0)
    doc.heading("Medicines over the period", size=12.0, before=5.0)
    if not data.medicines:
        doc.para("No medicines recorded.")
        return
    label_w = 50.0
    x0 = _MARGIN + label_w
    span_w = _WIDTH - label_w
    days = (end - start).days + 1

    def x_of(day: date) -> float:
        return x0 + span_w * (day - start).days / days

    y = doc.get_y() + 1.0
    height = row_h * (len(shown) + 1)
    _time_axis(doc, start, end, x0, span_w, y, height)
    y += 7.5
    for m in shown:
        doc.set_font("Body", "B", _TABLE)
        for i, line in enumerate(doc.wrap(m.name, label_w - 3, "B", _TABLE)[:2]):
            doc.write_at(_MARGIN, y + 4.2 + i * 3.6, line)
        first = max(m.started_on or start, start)
        last = min(m.stopped_on or end, end)
        doc.set_fill_color(60, 60, 60)
        bar_w = max(0.8, x_of(last + timedelta(days=1)) - x_of(first))
        doc.rect(x_of(first), y + 1.8, bar_w, 3.4, "F")
        doc.set_font("Body", "", _SMALL)
        words = _timeline_words(m, start)
        text_x = min(x_of(first), x0 + span_w - doc.width_of(words, "", _SMALL) - 1)
        _label_on_white(doc, max(text_x, x0), y + 8.6, words)
        y += row_h
    # Cramp days on the same time line.
    doc.set_font("Body", "B", _TABLE)
    doc.write_at(_MARGIN, y + 4.2, "Days with cramps")
    doc.set_draw_color(*_INK)
    doc.set_line_width(0.25)
    cramp_days = sorted({e.day for e in data.episodes})
    for day in cramp_days:
        tx = x_of(day) + span_w / days / 2
        doc.line(tx, y + 1.8, tx, y + 5.4)
    doc.set_font("Body", "", _SMALL)
    _label_on_white(doc, x0, y + 8.6, f"one mark per day with a cramp ({_days(len(cramp_days))})")
    doc.set_draw_color(*_RULE)
    doc.set_y(y + row_h)
    if others:
        doc.para(
            "Not taken during the period: "
            + "; ".join(f"{m.name} ({_taken_words(m)})" for m in others)
            + ".",
            size=_TABLE,
            line=_TABLE_LINE,
        )


def _time_axis(
    doc: _Document, start: date, end: date, x0: float, span_w: float, y: float, height: float
) -> None:
    """Years (and months, when there is room) along the top, with light lines down the rows."""
    days = (end - start).days + 1

    def x_of(day: date) -> float:
        return x0 + span_w * (day - start).days / days

    month_w = span_w * 30.44 / days
    doc.set_font("Body", "", _SMALL)
    doc.set_text_color(*_MUTED)
    doc.set_draw_color(215, 215, 215)
    doc.set_line_width(0.15)
    top, bottom = y + 7.5, y + 7.5 + height
    doc.line(x0, top, x0 + span_w, top)
    show_months = month_w >= doc.width_of("May", "", _SMALL) + 2.0
    year_w = doc.width_of("0000", "", _SMALL) + 2.0
    right = x0 + span_w
    new_year = date(start.year + 1, 1, 1)
    # The start's year is named unless the next 1 January is too close (that one is named).
    skip_start = new_year <= end and x_of(new_year) - x0 < year_w
    free_from = x0
    for tick in _month_ticks(start, end):
        tx = x_of(tick)
        is_year = tick == start or (tick.month == 1 and tick.day == 1)
        if month_w >= 2.5 or is_year:
            doc.line(tx, top, tx, bottom)
        named = is_year and not (tick == start and skip_start)
        if named and tx >= free_from and tx + year_w <= right + 1.0:
            doc.write_at(tx + 0.6, y + 2.8, f"{tick:%Y}")
            free_from = tx + year_w
        label = f"{tick:%b}"
        fits = tx + doc.width_of(label, "", _SMALL) + 1.0 <= right
        if show_months and tick.day == 1 and fits:
            doc.write_at(tx + 0.6, y + 6.3, label)
    doc.set_text_color(*_INK)


def _label_on_white(doc: _Document, x: float, baseline: float, text: str) -> None:
    """Small text on a white patch, so month lines never strike through it."""
    doc.set_fill_color(255, 255, 255)
    width = doc.width_of(text, "", _SMALL)
    doc.rect(x - 0.4, baseline - 2.6, width + 0.8, 3.4, "F")
    doc.write_at(x, baseline, text)


def _timeline_words(m: Medicine, start: date) -> str:
    words = (
        f"started {readable_date(m.started_on)}"
        if m.started_on is not None
        else "start date not recorded"
    )
    if m.stopped_on is not None:
        return f"{words}, stopped {readable_date(m.stopped_on)}"
    if m.started_on is not None and m.started_on < start:
        return f"{words}; taken all through the period"
    return words


def _taken_words(m: Medicine) -> str:
    if m.started_on is None and m.stopped_on is not None:
        return f"stopped {readable_date(m.stopped_on)}"
    if m.started_on is not None and m.stopped_on is not None:
        return f"{readable_date(m.started_on)} to {readable_date(m.stopped_on)}"
    if m.started_on is not None:
        return f"starts {readable_date(m.started_on)}"
    return "dates not recorded"


def _overlaps(m: Medicine, start: date, end: date) -> bool:
    if m.started_on is not None and m.started_on > end:
        return False
    return not (m.stopped_on is not None and m.stopped_on < start)


def _month_ticks(start: date, end: date) -> list[date]:
    ticks = [start]
    day = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    while day <= end:
        ticks.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return ticks
