"""The charts that set cramps beside something else: drinks and exercise logged for the day
before (nights with a cramp and nights without), and cramps in the days before and after each
medicine change (counts only). Each returns an undrawn ``Figure``; numpy is imported inside."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from crampdiary.analysis import series
from crampdiary.domain import Episode, Medicine
from crampdiary.reports.charts.axes import (
    _axis_bottom,
    _count_label,
    _day,
    _message_rect,
    _nice_top,
    _number,
    _period,
    _plot_rect,
)
from crampdiary.reports.charts.canvas import (
    _EDGE,
    _GAP,
    _PLOT_LEFT,
    _TICK,
    DEFAULT_DPI,
    DEFAULT_SIZE,
    Rect,
    Size,
    _Canvas,
    _Plot,
)
from crampdiary.reports.charts.text import _line_height, _text_width, _wrap
from crampdiary.reports.charts.theme import Theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure


MAX_MEDICINE_CHANGES: Final = 6


# --- Fluids and exercise the day before -----------------------------------------------------------

_DayValue = Callable[[series.DayBefore], "float | None"]


def _strip(
    p: _Plot,
    days: Sequence[series.DayBefore],
    value: _DayValue,
    unit: str,
    reference: float | None,
) -> None:
    """Each logged day as a dot, in two rows (cramp that night on top); the middle value marked."""
    import numpy as np
    from matplotlib.patheffects import Normal, Stroke

    t = p.t
    for y, night, colour in ((1.0, True, t.secondary), (0.0, False, t.primary)):
        vals = np.asarray(
            [v for d in days if d.cramp_night is night and (v := value(d)) is not None], float
        )
        if len(vals) == 0:
            continue
        jitter = ((np.arange(len(vals)) * 0.6180339887) % 1.0 - 0.5) * 0.42
        p.points(vals, y + jitter, colour, 6.0, 0.55)
        p.text(
            p.xlim[1],
            y,
            f" {series.plural(len(vals), 'day')}",
            ha="left",
            va="center",
            fontsize=t.small_size,
            color=t.muted,
        )
        mid = float(np.median(vals))
        # Edged in the background colour, so the bar stands out even from dots of its own shade.
        p.line(
            [mid, mid],
            [y - 0.3, y + 0.3],
            color=t.text,
            linewidth=3,
            solid_capstyle="butt",
            path_effects=[Stroke(linewidth=6, foreground=t.background), Normal()],
        )
        # Above the row's dots and bar, on a patch of background so lines behind it stay clear.
        p.text(
            mid,
            y + 0.38,
            f"middle {_number(mid)} {unit}",
            ha="center",
            va="bottom",
            fontsize=t.small_size,
            bbox={"boxstyle": "square,pad=0.15", "facecolor": t.background, "edgecolor": "none"},
        )
    if reference is not None:
        p.line([reference] * 2, list(p.ylim), color=t.reference, linestyle="--", lw=1.5, zorder=1)
        # Over the top of the plot, where no dot or label can be.
        p.text(
            reference,
            p.ylim[1],
            f"{_number(reference)} {unit}",
            ha="center",
            va="bottom",
            fontsize=t.small_size,
            color=t.muted,
        )


def _x_range(values: Iterable[float | None], reference: float | None) -> tuple[float, float]:
    most = max((v for v in values if v is not None), default=1.0)
    right = max(most * 1.08, (reference or 0.0) * 1.25, 1.0)
    return (-0.04 * right, right)


def _value_ticks(right: float, width_in: float) -> list[float]:
    n = max(2, min(6, int(width_in / 0.5)))
    _, ticks = _nice_top(right / 1.08, n)
    return [v for v in ticks if v <= right]


def _fluids_exercise(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> Figure:
    c = _Canvas(size, dpi, theme, min_layout=(6.5, 4.0))
    t = c.t
    data = series.fluids_exercise(episodes, start, end)
    top = c.header(
        "Drinks and exercise the day before", f"Each dot is a day, {_period(start, end)}"
    )
    if not data.enough_data:
        c.message(_message_rect(c, top), data.message)
        return c.fig
    foot = c.footnote(
        "Drinks and exercise are logged with a cramp, so days with no cramp at all are missing."
    )
    rows = ["No cramp\nthat night", "Cramp\nthat night"]
    label_w = max(_text_width(r, t.small_size) for r in rows) + _GAP + 0.15 + _EDGE
    axis_h = _TICK + 0.04 + _line_height(t.small_size) + 0.08 + _line_height(t.font_size)
    panels: list[tuple[bool, str, _DayValue, str, float | None, str]] = [
        (data.fluids_enough, data.fluids_message, lambda d: d.litres, "L", 1.6, "Drinks, litres"),
        (
            data.exercise_enough,
            data.exercise_message,
            lambda d: d.exercise_minutes,
            "min",
            None,
            "Exercise, minutes",
        ),
    ]
    side_by_side = c.height < 1.3 * c.width
    room_h = c.height - top - 0.3 - foot - 0.1
    rects: list[Rect]
    right = _text_width(" 999 days", t.small_size) + 0.1  # the day counts at each row's end
    if side_by_side:
        w = (c.width - label_w - 2 * right - 0.15) / 2
        h = room_h - axis_h
        b = foot + 0.1 + axis_h
        rects = [(label_w, b, w, h), (label_w + w + right + 0.15, b, w, h)]
    else:
        w = c.width - label_w - right
        h = (room_h - 2 * axis_h - 0.35) / 2
        b = foot + 0.1 + axis_h
        rects = [(label_w, b + h + axis_h + 0.35, w, h), (label_w, b, w, h)]
    for i, ((enough, message, value, unit, ref, xlabel), rect) in enumerate(
        zip(panels, rects, strict=True)
    ):
        if not enough:
            c.message(rect, message)
            continue
        xlim = _x_range((value(d) for d in data.days), ref)
        p = c.plot(rect, xlim, (-0.55, 1.75))
        x_ticks = _value_ticks(xlim[1], rect[2])
        p.xgrid(x_ticks)
        _strip(p, data.days, value, unit, ref)
        p.frame(left=False)
        depth = p.xticks(x_ticks, [_number(x) if x % 1 else f"{x:.0f}" for x in x_ticks])
        p.xlabel(xlabel, depth)
        if i == 0 or not side_by_side:
            p.yticks([0.0, 1.0], rows, grid=False)
    return c.fig


# --- Before and after a medicine change -----------------------------------------------------------


def _medicine_before_after(
    episodes: Sequence[Episode],
    medicines: Sequence[Medicine],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
    window_days: int = series.DEFAULT_MEDICINE_WINDOW_DAYS,
) -> Figure:
    c = _Canvas(size, dpi, theme)
    t = c.t
    data = series.medicine_before_after(episodes, medicines, start, end, window_days)
    plot_w = c.width - _PLOT_LEFT - _EDGE
    max_shown = max(1, min(MAX_MEDICINE_CHANGES, int(plot_w / 1.25)))
    comparable = [ch for ch in data.changes if ch.comparable]
    shown = comparable[-max_shown:]
    lengths = {ch.window_days for ch in shown}
    if len(lengths) == 1:
        n = next(iter(lengths))
        subtitle = f"Cramps in the {n} days before and the {n} days after each change"
    else:
        subtitle = "Cramps in the same number of days before and after each change"
    top = c.header("Cramps before and after a medicine change", subtitle)
    if not data.enough_data:
        c.message(_message_rect(c, top), data.message)
        return c.fig
    top += c.legend([("bar", t.partial, "Before"), ("bar", t.primary, "After")], top)
    notes = []
    if len(comparable) > len(shown):
        notes.append(f"{len(comparable) - len(shown)} earlier changes not shown.")
    skipped = [ch for ch in data.changes if not ch.comparable]
    if skipped:
        names = ", ".join(f"{ch.medicine} {ch.change} {_day(ch.on)}" for ch in skipped[:2])
        more = f" and {len(skipped) - 2} more" if len(skipped) > 2 else ""
        notes.append(f"Too near the edge of this period to compare: {names}{more}.")
    notes.append("Counts only: a change after a medicine does not show that it caused the change.")
    foot = c.footnote("\n".join(notes))
    k = len(shown)
    group_w = plot_w / k
    labels = []
    for ch in shown:
        days = f", {ch.window_days} days" if len(lengths) > 1 else ""
        name = _wrap(ch.medicine, group_w - 0.1, t.small_size, max_lines=2)
        when = _wrap(f"{ch.change} {_day(ch.on)}{days}", group_w - 0.1, t.small_size)
        labels.append(f"{name}\n{when}")
    label_lines = max(label.count("\n") + 1 for label in labels)
    bottom = foot + _axis_bottom(c, "Medicine change", label_lines) - 0.12 + 0.1
    counts = [float(n) for ch in shown for n in (ch.before_count, ch.after_count)]
    y_top, y_ticks = _nice_top(max(counts))
    p = c.plot(_plot_rect(c, top, bottom), (0.0, float(k)), (0.0, y_top))
    lefts = [x for i in range(k) for x in (i + 0.12, i + 0.5)]
    p.bars(lefts, [0.38] * (2 * k), [0.0] * (2 * k), counts, [t.partial, t.primary] * k)
    for x, count in zip(lefts, counts, strict=True):
        p.text(
            x + 0.19,
            count + y_top * 0.015,
            f"{count:.0f}",
            ha="center",
            va="bottom",
            fontweight="bold",
        )
    p.frame()
    depth = p.xticks([i + 0.5 for i in range(k)], labels, marks=False)
    p.xlabel("Medicine change", depth)
    p.ylabel("Cramps", p.yticks(y_ticks, [_count_label(v) for v in y_ticks]))
    return c.fig
