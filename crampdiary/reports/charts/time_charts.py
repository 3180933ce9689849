"""The charts over time: cramps per week with a trend line, the hour cramps start (in bed or
up), and each cramp's length and pain with each week's middle value. Each returns an undrawn
``Figure``; numpy is imported inside the functions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from crampdiary.analysis import series
from crampdiary.domain import Episode
from crampdiary.reports.charts.axes import (
    _axis_bottom,
    _count_label,
    _date_tick_lines,
    _date_ticks,
    _message_rect,
    _nice_top,
    _number,
    _period,
    _plot_rect,
)
from crampdiary.reports.charts.canvas import (
    _EDGE,
    _PLOT_LEFT,
    DEFAULT_DPI,
    DEFAULT_SIZE,
    Size,
    _Canvas,
)
from crampdiary.reports.charts.theme import Theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure


# A part-week bar narrower than this (about 4 pixels at 100 dpi) is left out of the weekly chart.
MIN_PART_WEEK_INCHES: Final = 0.04


# --- Cramps per week ------------------------------------------------------------------------------


def _weekly_trend(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> Figure:
    c = _Canvas(size, dpi, theme)
    t = c.t
    data = series.weekly_counts(episodes, start, end)
    subtitle = f"{series.plural(data.total, 'cramp')}, {_period(start, end)}"
    top = c.header("Cramps per week", subtitle)
    trend = data.trend
    if not data.enough_data or trend is None:
        c.message(_message_rect(c, top), data.message)
        return c.fig
    full = [i for i, w in enumerate(data.weeks) if w.full]
    y_first, y_last = trend.at(full[0]), trend.at(full[-1])
    entries = [
        ("bar", t.primary, "Cramps in the week"),
        (
            "line",
            t.trend,
            f"Trend: from about {_number(max(y_first, 0))} to {_number(max(y_last, 0))} a week",
        ),
    ]
    span = float((end - start).days + 1)
    # A part-week of a day or two over a long period is a bar a pixel wide: leave it out, and its
    # legend entry with it (its cramps are still in the total above).
    plot_w = c.width - _PLOT_LEFT - _EDGE
    weeks = [
        w
        for w in data.weeks
        if w.full or (w.days_in_period - 0.8) / span * plot_w >= MIN_PART_WEEK_INCHES
    ]
    if any(not w.full and w.count for w in weeks):
        entries.append(("bar", t.partial, "Part-week"))
    top += c.legend(entries, top)
    counts = [float(w.count) for w in weeks]
    y_top, y_ticks = _nice_top(max(*counts, y_first, y_last))
    bottom = _axis_bottom(c, "Week", _date_tick_lines(start, end))
    p = c.plot(_plot_rect(c, top, bottom), (0.0, span), (0.0, y_top))
    xs = [float((max(w.week_start, start) - start).days) for w in weeks]
    p.bars(
        [x + 0.4 for x in xs],
        [w.days_in_period - 0.8 for w in weeks],
        [0.0] * len(xs),
        counts,
        [t.primary if w.full else t.partial for w in weeks],
    )
    # Fitted at each full week's middle; clipped at zero by the plot.
    first_x, last_x = (float((data.weeks[i].week_start - start).days) for i in (full[0], full[-1]))
    p.line(
        [first_x + 3.5, last_x + 3.5],
        [y_first, y_last],
        color=t.trend,
        linewidth=3.5,
        solid_capstyle="round",
    )
    p.frame()
    depth = p.xticks(*_date_ticks(start, end, p.width))
    p.xlabel("Week", depth)
    p.ylabel("Cramps", p.yticks(y_ticks, [_count_label(v) for v in y_ticks]))
    return c.fig


# --- Time of night --------------------------------------------------------------------------------


def _time_of_night(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> Figure:
    c = _Canvas(size, dpi, theme)
    t = c.t
    data = series.episodes_by_hour(episodes, start, end)
    subtitle = f"{series.plural(data.total, 'cramp')}, {_period(start, end)}"
    if data.enough_data:
        busiest = max(data.bins, key=lambda b: b.total)
        subtitle += (
            f" · most often between {series.hour_label(busiest.hour)} and "
            f"{series.hour_label((busiest.hour + 1) % 24)}"
        )
    top = c.header("What time cramps start", subtitle)
    if not data.enough_data:
        c.message(_message_rect(c, top), data.message)
        return c.fig
    top += c.legend(
        [
            ("bar", t.primary, "In bed (asleep or trying to sleep)"),
            ("bar", t.secondary, "Up and about"),
        ],
        top,
    )
    in_bed = [float(b.in_bed) for b in data.bins]
    up = [float(b.up) for b in data.bins]
    y_top, y_ticks = _nice_top(max(b.total for b in data.bins))
    xlabel = "Time the cramp started, from evening to the next afternoon"
    bottom = _axis_bottom(c, xlabel, 1)
    p = c.plot(_plot_rect(c, top, bottom), (0.0, 24.0), (0.0, y_top))
    lefts = [i + 0.08 for i in range(24)]
    p.bars(lefts, [0.84] * 24, [0.0] * 24, in_bed, t.primary)
    p.bars(lefts, [0.84] * 24, in_bed, up, t.secondary)
    p.frame()
    # Each bar is an hour; a tick marks the hour's start. Every 3 hours if the labels fit, else 6.
    step = 3 if p.width / 8 >= 0.8 else 6
    ticks = list(range(0, 25, step))
    labels = [series.hour_label(series.HOUR_ORDER[i % 24]) for i in ticks]
    depth = p.xticks([float(i) for i in ticks], labels, minor=[float(i) for i in range(25)])
    p.xlabel(xlabel, depth)
    p.ylabel("Cramps", p.yticks(y_ticks, [_count_label(v) for v in y_ticks]))
    return c.fig


# --- Duration and severity ------------------------------------------------------------------------


def _duration_severity(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> Figure:
    import numpy as np

    c = _Canvas(size, dpi, theme, min_layout=(6.5, 4.0))
    t = c.t
    data = series.duration_severity(episodes, start, end)
    subtitle = f"{series.plural(len(data.started_at), 'cramp')}, {_period(start, end)}"
    top = c.header("How long and how painful", subtitle)
    if not data.enough_data:
        c.message(_message_rect(c, top), data.message)
        return c.fig
    top += c.legend(
        [
            ("dot", t.primary, "One cramp"),
            ("line", t.trend, "Middle value each week"),
            ("dash", t.reference, "10 minutes"),
        ],
        top,
    )
    span = float((end - start).days + 1)
    bottom = _axis_bottom(c, "Date", _date_tick_lines(start, end))
    left, width, gap = _PLOT_LEFT, c.width - _PLOT_LEFT - _EDGE, 0.3
    panel_h = max((c.height - top - 0.12 - bottom - gap) / 2, 0.4)
    # Days since the period's start, as numbers (numpy's datetime64 conversion is slower).
    first = start.toordinal()
    xs = np.fromiter(
        (
            a.toordinal() - first + (a.hour * 3600 + a.minute * 60 + a.second) / 86400.0
            for a in data.started_at
        ),
        float,
        len(data.started_at),
    )
    durations = np.asarray(data.duration_minutes, dtype=float)
    # Scores are whole numbers: spread each a little up or down so that piles show as piles.
    spread = ((np.arange(len(xs)) * 0.6180339887) % 1.0 - 0.5) * 0.5
    severity = np.asarray(data.severity, dtype=float) + spread
    week_x = [float((w.week_start - start).days) + 3.5 for w in data.weekly]
    ticks, labels, minor = _date_ticks(start, end, width)

    longest = float(durations.max())
    d_top = 12.0 if longest <= 11 else longest * 1.08
    d_ticks = [0.0, 5.0, 10.0] if d_top <= 12 else _nice_top(longest, 4)[1]
    d_top = max(d_top, d_ticks[-1])
    dur = c.plot((left, bottom + panel_h + gap, width, panel_h), (0.0, span), (0.0, d_top))
    dur.points(xs, durations, t.primary, 4.5, 0.45)
    dur.line(week_x, [w.duration_minutes for w in data.weekly], color=t.trend, linewidth=2.5)
    dur.hline(10.0, t.reference, linestyle="--", linewidth=1.5, zorder=2.8)
    dur.frame()
    dur.xticks(ticks, [""] * len(ticks), minor)
    dur.ylabel("Minutes", dur.yticks(d_ticks, [_count_label(v) for v in d_ticks]))

    sev = c.plot((left, bottom, width, panel_h), (0.0, span), (-0.6, 10.6))
    sev.points(xs, severity, t.primary, 4.5, 0.45)
    sev.line(week_x, [w.severity for w in data.weekly], color=t.trend, linewidth=2.5)
    sev.frame()
    depth = sev.xticks(ticks, labels, minor)
    sev.xlabel("Date", depth)
    sev.ylabel("Pain, 0–10", sev.yticks([0.0, 5.0, 10.0], ["0", "5", "10"]))
    return c.fig
