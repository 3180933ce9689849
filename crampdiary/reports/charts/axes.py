"""What the charts share around their plots: round-number scales, dates along the x axis, the
plot and message rectangles under a header, and dates and numbers in words."""

from __future__ import annotations

import math
from datetime import date, timedelta

from crampdiary.analysis.dates import week_start
from crampdiary.reports.charts.canvas import _EDGE, _PLOT_LEFT, _TICK, Rect, _Canvas
from crampdiary.reports.charts.text import _line_height, _wrap


def _nice_top(most: float, max_ticks: int = 5) -> tuple[float, list[float]]:
    """A y range from 0 with round-number, whole ticks: ``(top, ticks)``."""
    most = max(most, 1.0)
    step = 1.0
    for base in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        step = float(base)
        if most / step <= max_ticks - 1:
            break
    n = math.ceil(most * 1.08 / step)
    return n * step, [i * step for i in range(n + 1)]


def _count_label(v: float) -> str:
    return f"{v:,.0f}"


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _period(start: date, end: date) -> str:
    if start.year == end.year:
        return f"{start.day} {start:%b} to {_day(end)}"
    return f"{_day(start)} to {_day(end)}"


def _number(x: float) -> str:
    return f"{x:.0f}" if abs(x) >= 10 else f"{x:.1f}"


def _plot_rect(c: _Canvas, top: float, bottom: float, left: float = _PLOT_LEFT) -> Rect:
    """The plot's rectangle between the header (``top`` inches used) and ``bottom`` inches."""
    width = max(c.width - left - _EDGE, 0.5)
    height = max(c.height - top - 0.12 - bottom, 0.5)
    return (left, bottom, width, height)


def _message_rect(c: _Canvas, top: float) -> Rect:
    return (_EDGE, 0.4, c.width - 2 * _EDGE, max(c.height - top - 0.5, 0.5))


# --- Dates along the x axis -----------------------------------------------------------------------


def _date_ticks(
    start: date, end: date, width_in: float
) -> tuple[list[float], list[str], list[float]]:
    """Major ticks (Mondays for short periods, else month starts), their labels, minor ticks.

    Never more than fit the width; the year is shown on the first tick and on each January.
    """
    span = (end - start).days + 1
    max_ticks = max(2, int(width_in / 0.75))
    if span <= 70:
        monday = week_start(start)
        if monday < start:
            monday += timedelta(days=7)
        mondays = []
        while monday <= end:
            mondays.append(monday)
            monday += timedelta(days=7)
        step = max(1, math.ceil(len(mondays) / max_ticks))
        ticks = mondays[::step]
        return (
            [float((d - start).days) for d in ticks],
            [f"{d.day} {d:%b}" for d in ticks],
            [float((d - start).days) for d in mondays if d not in ticks],
        )
    months = []
    y, m = start.year, start.month
    while date(y, m, 1) <= end:
        if date(y, m, 1) >= start:
            months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = next((s for s in (1, 2, 3, 4, 6, 12) if len(months) / s <= max_ticks), 0)
    if step == 0:
        step = 12 * math.ceil(len(months) / 12 / max_ticks)
    ticks = [d for d in months if (d.year * 12 + d.month - 1) % step == 0] or months[:1]
    labels = []
    for i, d in enumerate(ticks):
        if step >= 12:
            labels.append(f"{d.year}")
        elif i == 0 or d.month == 1:
            labels.append(f"{d:%b}\n{d.year}")
        else:
            labels.append(f"{d:%b}")
    minor = [float((d - start).days) for d in months if d not in ticks] if step < 12 else []
    return [float((d - start).days) for d in ticks], labels, minor


def _axis_bottom(c: _Canvas, xlabel: str, tick_lines: int) -> float:
    """Inches to keep under a plot for its tick labels and its (wrapped) axis label."""
    label_lines = _wrap(xlabel, c.width - 2 * _EDGE, c.t.font_size).count("\n") + 1
    return (
        0.12
        + label_lines * _line_height(c.t.font_size)
        + 0.08
        + _TICK
        + 0.04
        + tick_lines * _line_height(c.t.small_size)
    )


def _date_tick_lines(start: date, end: date) -> int:
    return 1 if (end - start).days + 1 <= 70 else 2
