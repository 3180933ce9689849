"""Page 1, the summary a doctor reads in a minute: the period, the numbers beside the previous
period's, current medicines, the warning signs (urgent first, their sources in small print) and
the weekly and time-of-night charts."""

from __future__ import annotations

from datetime import date

from fpdf.enums import XPos, YPos

from crampdiary.analysis.metrics import PeriodNumbers
from crampdiary.analysis.rules import Severity
from crampdiary.domain.enums import CONTEXT_LABELS, MEDICINE_CLASS_LABELS, MUSCLE_LABELS
from crampdiary.reports.pdf.data import PAGE_ONE_CHARTS, ReportData
from crampdiary.reports.pdf.document import _Document
from crampdiary.reports.pdf.layout import (
    _BODY,
    _BODY_TOP,
    _INK,
    _LINE,
    _MARGIN,
    _PAGE_W,
    _RULE,
    _SMALL,
    _SMALL_LINE,
    _TABLE,
    _TABLE_LINE,
    _WIDTH,
)
from crampdiary.reports.pdf.words import (
    _SEVERITY_WORDS,
    _days,
    _num,
    _profile_line,
    _share,
    _top_shares,
    period_text,
    readable_date,
    short_sources,
)


def _span_words(days: int) -> str:
    """``13 weeks`` when the period is whole weeks, else ``92 days``."""
    if days % 7 == 0 and days >= 14:
        return f"{days // 7} weeks"
    return _days(days)


def _page_one(doc: _Document, data: ReportData) -> None:
    current, previous = data.comparison.current, data.comparison.previous
    doc.set_font("Body", "B", 15)
    doc.set_xy(_MARGIN, _BODY_TOP + 0.5)
    doc.cell(_WIDTH, 7, "Muscle cramp diary: summary for a doctor", new_x=XPos.LMARGIN)
    doc.set_y(doc.get_y() + 8.5)
    span = _span_words(current.days)
    doc.para(
        f"Period: {readable_date(data.start)} to {readable_date(data.end)} ({span}), "
        f"beside the {span} before it ({_short(previous.start)} to {_short(previous.end)}).",
        style="B",
    )
    doc.para(f"{_profile_line(data.profile)} This diary does not diagnose.")
    note = _coverage_note(data)
    if note:
        doc.para(note, muted=True, size=_SMALL + 1, line=_SMALL_LINE + 0.4)
    if current.cramps == 0:
        doc.set_y(doc.get_y() + 3)
        doc.para(
            f"No cramps were logged in this period ({period_text(data.start, data.end)}).",
            size=12,
            line=6.5,
            style="B",
        )
    top = doc.get_y() + 2.5
    doc.set_y(top)
    if current.cramps == 0 and previous.cramps == 0:
        _current_medicines(doc, data, _MARGIN, _WIDTH)
    else:
        left_w = 118.0
        _numbers_table(doc, current, previous, left_w)
        left_bottom = doc.get_y()
        right_x = _MARGIN + left_w + 6.0
        doc.set_xy(right_x, top)
        _current_medicines(doc, data, right_x, _PAGE_W - _MARGIN - right_x)
        doc.set_y(max(left_bottom, doc.get_y()))
    _warnings_summary(doc, data)
    pngs = [data.charts[name] for name in PAGE_ONE_CHARTS if name in data.charts]
    if current.cramps and pngs:
        doc.set_y(doc.get_y() + 1.5)
        doc.chart_row(pngs)


def _coverage_note(data: ReportData) -> str:
    """A word when the diary does not cover both periods, so no one reads zeros as good news."""
    previous = data.comparison.previous
    if data.first_entry is None:
        return "The diary holds no cramps yet."
    if data.first_entry > data.end:
        return (
            f"This period ends before the diary's first entry ({readable_date(data.first_entry)})."
        )
    if data.first_entry > previous.start:
        return (
            f"The diary's first entry is on {readable_date(data.first_entry)}, so the earlier "
            "period may be incomplete."
        )
    return ""


def _numbers_table(
    doc: _Document, current: PeriodNumbers, previous: PeriodNumbers, width: float
) -> None:
    label_w = 39.0
    col_w = (width - label_w) / 2
    rows = [
        ("Cramps", str(current.cramps), str(previous.cramps)),
        ("Cramps per week", _rate(current.cramps_per_week), _rate(previous.cramps_per_week)),
        ("Days with cramps", _of(current.cramp_days, current), _of(previous.cramp_days, previous)),
        (
            "Nights with cramps",
            _of(current.cramp_nights, current),
            _of(previous.cramp_nights, previous),
        ),
        (
            "Sleep-related",
            _sleep_words(current),
            _sleep_words(previous),
        ),
        ("Duration, median", _median_mean(current), _median_mean(previous)),
        ("Pain (0–10), mean", _num(current.mean_severity), _num(previous.mean_severity)),
        (
            "Where",
            _top_shares(current.share_by_muscle, MUSCLE_LABELS),
            _top_shares(previous.share_by_muscle, MUSCLE_LABELS),
        ),
        (
            "Doing",
            _top_shares(current.share_by_context, CONTEXT_LABELS),
            _top_shares(previous.share_by_context, CONTEXT_LABELS),
        ),
    ]
    x0 = _MARGIN
    y = doc.get_y()
    heads = ("", "This period", f"The {_span_words(previous.days)} before")
    widths = (label_w, col_w, col_w)
    x = x0
    doc.set_font("Body", "B", _TABLE + 0.5)
    for title, w in zip(heads, widths, strict=True):
        doc.write_at(x + 1.0, y + 3.4, title)
        x += w
    y += _TABLE_LINE + 1.4
    doc.set_line_width(0.3)
    doc.set_draw_color(*_INK)
    doc.line(x0, y, x0 + width, y)
    doc.set_draw_color(*_RULE)
    doc.set_line_width(0.15)
    for label, now, before in rows:
        cells = [
            doc.wrap(label, label_w - 2, "B", _TABLE),
            doc.wrap(now, col_w - 3, "", _TABLE),
            doc.wrap(before, col_w - 3, "", _TABLE),
        ]
        height = max(len(c) for c in cells) * _TABLE_LINE + 1.0
        x = x0
        for index, (lines, w) in enumerate(zip(cells, widths, strict=True)):
            doc.set_font("Body", "B" if index == 0 else "", _TABLE)
            for i, line in enumerate(lines):
                doc.write_at(x + 1.0, y + 3.4 + i * _TABLE_LINE, line)
            x += w
        y += height
        doc.line(x0, y, x0 + width, y)
    doc.set_font("Body", "", _BODY)
    doc.set_y(y + 1.0)


def _of(count: int, n: PeriodNumbers) -> str:
    return f"{count} of {n.days}"


def _rate(per_week: float) -> str:
    """One decimal, but never "0" for a few cramps."""
    return "under 0.1" if 0 < per_week < 0.05 else _num(per_week)


def _sleep_words(n: PeriodNumbers) -> str:
    if n.sleep_related_share is None:
        return "–"
    return f"{_share(n.sleep_related_share)} ({n.sleep_related})"


def _median_mean(n: PeriodNumbers) -> str:
    if n.median_duration_minutes is None:
        return "–"
    return f"{_num(n.median_duration_minutes)} min (mean {_num(n.mean_duration_minutes)})"


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _current_medicines(doc: _Document, data: ReportData, x: float, width: float) -> None:
    doc.set_font("Body", "B", 10.5)
    doc.set_x(x)
    title = (
        "Current medicines"
        if data.end >= data.prepared_on
        else f"Medicines on {readable_date(data.end)}"
    )
    doc.cell(width, 5.5, title, new_x=XPos.LEFT, new_y=YPos.NEXT)
    current = [m for m in data.medicines if m.taken_on(data.end)]
    if not current:
        doc.para("None recorded.", x=x, width=width)
        return
    for m in current:
        since = (
            f"since {readable_date(m.started_on)}"
            if m.started_on is not None
            else "start date not recorded"
        )
        doc.set_y(doc.get_y() + 0.8)
        doc.para(m.name, style="B", x=x, width=width, line=4.4, size=_BODY - 0.5)
        doc.para(
            f"{MEDICINE_CLASS_LABELS[m.med_class]}, {since}",
            x=x,
            width=width,
            size=_TABLE,
            line=_TABLE_LINE,
        )


def _warnings_summary(doc: _Document, data: ReportData) -> None:
    doc.heading(f"Warning signs as of {readable_date(data.end)}", size=11.0, before=3.0)
    if not data.warnings:
        doc.para("No warning sign fired.")
        return
    info = [w for w in data.warnings if w.severity is Severity.INFO]
    for sign in data.warnings:
        if sign.severity is Severity.INFO:
            continue
        doc.ensure(4 * _LINE)
        doc.para(f"{_SEVERITY_WORDS[sign.severity]}: {sign.title}  [{sign.id}]", style="B")
        doc.para(sign.message, size=_BODY - 0.5, line=_LINE - 0.4)
        doc.para(
            f"Sources: {short_sources(sign.sources)}.",
            size=_SMALL,
            line=_SMALL_LINE,
            muted=True,
        )
        doc.set_y(doc.get_y() + 1.4)
    if info:
        doc.para(
            "Good to know: " + "; ".join(f"{w.title} [{w.id}]" for w in info) + ".",
            size=_BODY - 0.5,
            line=_LINE - 0.3,
        )
    doc.para(
        "Each sign's message and sources are quoted in full after this page.",
        size=_SMALL,
        line=_SMALL_LINE,
        muted=True,
    )
