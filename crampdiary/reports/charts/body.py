"""The muscle heat map: front and back of the body, each muscle half shaded by its count of
cramps, the counts in columns beside the body and again as a list. The shapes come from
``crampdiary.domain.body_map``. Returns an undrawn ``Figure``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from crampdiary.analysis import series
from crampdiary.domain import Episode, Muscle, Side, body_map
from crampdiary.domain.enums import MUSCLE_LABELS
from crampdiary.reports.charts.axes import _period
from crampdiary.reports.charts.canvas import _EDGE, DEFAULT_DPI, DEFAULT_SIZE, Rect, Size, _Canvas
from crampdiary.reports.charts.text import _line_height, _text_width
from crampdiary.reports.charts.theme import Theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure


# A view's data box: room beside the body for the count columns and below it for the side words.
_VIEW_X: Final = (-0.22, 1.22)
_VIEW_Y: Final = (-0.08, 1.07)
_LABEL_X: Final = (0.14, 0.86)  # where the viewer-left and viewer-right count columns end


def _mix(low: str, high: str, share: float) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    lo, hi = to_rgb(low), to_rgb(high)
    return (
        lo[0] + (hi[0] - lo[0]) * share,
        lo[1] + (hi[1] - lo[1]) * share,
        lo[2] + (hi[2] - lo[2]) * share,
    )


def _spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Nudge sorted label heights apart by at least ``gap``, within ``low`` … ``high``."""
    ys = list(wanted)
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + gap)
    if ys and ys[-1] > high:
        ys[-1] = high
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = min(ys[i], ys[i + 1] - gap)
    return [max(y, low) for y in ys]


def _view_size(height_in: float) -> float:
    """The width that keeps the body's proportions in a view ``height_in`` tall."""
    x_units, y_units = _VIEW_X[1] - _VIEW_X[0], _VIEW_Y[1] - _VIEW_Y[0]
    return height_in / y_units * body_map.VIEW_ASPECT * x_units


def _draw_view(c: _Canvas, rect: Rect, view: body_map.View, data: series.MuscleSeries) -> None:
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.patches import Polygon

    t = c.t
    p = c.plot(rect, _VIEW_X, _VIEW_Y)
    for outline in body_map.silhouette(view):
        p.add(
            Polygon(outline, closed=True, facecolor=t.body, edgecolor=t.body_edge, lw=1.2),
            clip=False,
        )
    halves = body_map.regions(view)
    counts = [data.get(r.muscle).touching(r.side) for r in halves]
    most = max([data.get(m).touching(s) for m in Muscle for s in (Side.LEFT, Side.RIGHT)] + [1])
    faces = [
        _mix(t.heat_low, t.heat_high, (n - 1) / max(most - 1, 1)) if n else t.region_empty
        for n in counts
    ]
    p.add(
        PolyCollection(
            [r.points for r in halves], facecolors=faces, edgecolors=t.body_edge, linewidths=0.8
        ),
        clip=False,
    )
    # Counts sit in a column beside the body, each joined to its region by a thin line: limbs are
    # too narrow to hold a number, and the two halves' numbers would collide.
    gap = _line_height(t.small_size, 1.3) / rect[3] * (_VIEW_Y[1] - _VIEW_Y[0])
    leaders = []
    for on_right in (False, True):
        marks = sorted(
            (
                (body_map.centroid(r.points), n)
                for r, n in zip(halves, counts, strict=True)
                if n and (body_map.centroid(r.points)[0] > 0.5) == on_right
            ),
            key=lambda mark: mark[0][1],
        )
        ys = _spread([y for (_, y), _ in marks], gap, _VIEW_Y[0] + gap, _VIEW_Y[1] - 2 * gap)
        x_label = _LABEL_X[1] if on_right else _LABEL_X[0]
        for ((x, y), n), y_label in zip(marks, ys, strict=True):
            p.text(
                x_label,
                y_label,
                str(n),
                ha="left" if on_right else "right",
                va="center",
                fontsize=t.small_size,
                fontweight="bold",
            )
            leaders.append(((x_label + (0.02 if on_right else -0.02), y_label), (x, y)))
    if leaders:
        p.add(LineCollection(leaders, colors=t.muted, linewidths=1.0, zorder=3), clip=False)
        p.line(
            [end[0] for _, end in leaders],
            [end[1] for _, end in leaders],
            linestyle="none",
            marker="o",
            markersize=3.5,
            color=t.text,
        )
    p.text(0.5, 1.045, view.capitalize(), ha="center", va="center")
    # Whose left and right: facing someone, their right is on your left.
    left_word, right_word = ("Right", "Left") if view == "front" else ("Left", "Right")
    for x, word in ((0.3, left_word), (0.7, right_word)):
        p.text(x, -0.05, word, ha="center", va="center", fontsize=t.small_size, color=t.muted)


def _side_words(m: series.MuscleCount) -> str:
    parts = [
        f"{word} {n}"
        for word, n in (
            ("left", m.left),
            ("right", m.right),
            ("both", m.both),
            ("no side", m.no_side),
        )
        if n
    ]
    return " · ".join(parts)


_ListRow = tuple[int, str, str]  # total, muscle in words, sides in words


def _muscle_rows(data: series.MuscleSeries) -> list[_ListRow]:
    return [
        (
            m.total,
            "Other (not on the map)" if m.muscle is Muscle.OTHER else MUSCLE_LABELS[m.muscle],
            _side_words(m),
        )
        for m in data.counts
    ]


def _number_width(t: Theme, rows: Sequence[_ListRow]) -> float:
    return max((_text_width(str(n), t.font_size, bold=True) for n, _, _ in rows), default=0) + 0.12


def _list_width(t: Theme, rows: Sequence[_ListRow]) -> float:
    words = [_text_width(name, t.font_size) for _, name, _ in rows]
    words += [_text_width(sides, t.small_size) for _, _, sides in rows]
    return _number_width(t, rows) + max(words, default=0.0)


def _muscle_list(c: _Canvas, rect: Rect, rows: Sequence[_ListRow], columns: int) -> None:
    """The counts again as a list (easiest to read out): total, muscle, then the sides recorded."""
    t = c.t
    left, bottom, width, height = rect
    name_h, side_h, space = _line_height(t.font_size, 1.3), _line_height(t.small_size, 1.3), 0.08
    row_h = name_h + side_h + space
    per_column = max(1, int((height + space) / row_h))
    fits = per_column * columns
    if len(rows) > fits:
        rest = sum(n for n, _, _ in rows[fits - 1 :])
        rows = [*rows[: fits - 1], (rest, "Other muscles", "")]
    number_w = _number_width(t, rows)
    column_w = width / columns
    for i, (total, name, sides) in enumerate(rows):
        x = left + (i // per_column) * column_w
        y = bottom + height - (i % per_column) * row_h
        c.text(x + number_w - 0.12, y, str(total), ha="right", va="top", fontweight="bold")
        c.text(x + number_w, y, name, ha="left", va="top")
        if sides:
            c.text(
                x + number_w,
                y - name_h,
                sides,
                ha="left",
                va="top",
                fontsize=t.small_size,
                color=t.muted,
            )


def _muscle_heatmap(
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
    data = series.muscle_counts(episodes, start, end)
    more = "darker" if t.name == "light" else "brighter"
    subtitle = f"{series.plural(data.total, 'cramp')}, {_period(start, end)} · {more} = more cramps"
    top = c.header("Where cramps happen", subtitle)
    rows = _muscle_rows(data)
    need = _list_width(t, rows) if data.enough_data else 2.6
    # The list goes beside the two bodies on a landscape figure, under them otherwise.
    room = c.height - top - 0.1
    beside_w = (c.width - 0.1 - 0.35 - need - _EDGE) / 2
    beside = c.width >= 1.25 * c.height and beside_w > 0.8
    if beside:
        view_w = min(_view_size(room), beside_w)
    else:
        view_w = min(_view_size(room * 0.56), (c.width - 0.2) / 2)
    view_h = view_w / _view_size(1.0)
    views_left = 0.1 if beside else (c.width - 2 * view_w) / 2
    view_bottom = c.height - top - view_h
    for i, view in enumerate(body_map.VIEWS):
        _draw_view(c, (views_left + i * view_w, view_bottom, view_w, view_h), view, data)
    if beside:
        list_left = 0.1 + 2 * view_w + 0.35
        rect = (list_left, 0.25, c.width - list_left - _EDGE, c.height - top - 0.55)
        columns = 1
    else:
        rect = (_EDGE, 0.15, c.width - 2 * _EDGE, view_bottom - 0.3)
        columns = max(1, int((rect[2] + 0.3) / (need + 0.3)))
    if not data.enough_data:
        c.message(rect, data.message)
        return c.fig
    _muscle_list(c, rect, rows, columns)
    return c.fig
