"""The diary's charts as PNG bytes: large, calm, high-contrast, readable at night.

Owns the look of every chart (``Theme``: light and dark palettes from the colour-blind-safe
Okabe–Ito set, a warm dim night one whose series differ in lightness; type of 12 pt and up) and
one pure function per chart, each ``(episodes, start, end, *, theme, size, dpi) -> bytes``. What
is counted, and when there is too little to show, comes from ``crampdiary.analysis.series``; the
body shapes come from ``crampdiary.domain.body_map``. Where the data is too thin a chart prints the
series' message in the plot area instead of drawing something misleading.

Draws with matplotlib's ``Figure`` and ``FigureCanvasAgg`` only: never ``pyplot`` (global state, GUI
backends), and never changes rcParams (every size and colour is set on the artist, so two themes
can render at once, from any thread). matplotlib and numpy are imported inside the functions, so
importing this module (for ``CHARTS``, say) costs nothing.

Speed: artists are per chart, never per episode (one collection for all bars, one line for all
points), and plots are drawn straight onto the figure through ``_Plot`` rather than matplotlib's
``Axes``, whose tick objects and layout passes cost more than everything else put together. What is
left is the PNG encoder and the text itself (matplotlib 3.11 renders text glyph by glyph).

The package: ``theme`` (palettes), ``text`` (estimated text sizes, wrapping), ``canvas`` (drawing
straight onto the figure), ``axes`` (scales, date ticks, shared words), ``png`` (figure to bytes),
and the charts in ``time_charts``, ``body`` and ``comparisons``. This module is the public face:
one function per chart returning PNG bytes, and the registries ``CHARTS`` and ``FIGURES``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, ParamSpec

from crampdiary.reports.charts.body import _muscle_heatmap
from crampdiary.reports.charts.canvas import DEFAULT_DPI, DEFAULT_SIZE, Rect, Size
from crampdiary.reports.charts.comparisons import (
    MAX_MEDICINE_CHANGES,
    _fluids_exercise,
    _medicine_before_after,
)
from crampdiary.reports.charts.png import bare_figure_png, drawn_artists, figure_png
from crampdiary.reports.charts.theme import DARK, LIGHT, NIGHT, THEMES, Theme, get_theme
from crampdiary.reports.charts.time_charts import (
    MIN_PART_WEEK_INCHES,
    _duration_severity,
    _time_of_night,
    _weekly_trend,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "CHARTS",
    "DARK",
    "DEFAULT_DPI",
    "DEFAULT_SIZE",
    "FIGURES",
    "LIGHT",
    "MAX_MEDICINE_CHANGES",
    "MIN_PART_WEEK_INCHES",
    "NIGHT",
    "THEMES",
    "Figure",
    "Rect",
    "Size",
    "Theme",
    "bare_figure_png",
    "drawn_artists",
    "duration_severity",
    "figure_png",
    "fluids_exercise",
    "get_theme",
    "medicine_before_after",
    "muscle_heatmap",
    "time_of_night",
    "weekly_trend",
]


P = ParamSpec("P")


def _as_png(draw: Callable[P, Figure], name: str, doc: str) -> Callable[P, bytes]:
    """The chart that ``draw`` builds as a Figure, as a function returning its PNG bytes (with
    ``draw``'s parameters: ``(episodes, [medicines,] start, end, *, theme, size, dpi)``)."""

    def chart(*args: P.args, **kwargs: P.kwargs) -> bytes:
        return figure_png(draw(*args, **kwargs))

    functools.update_wrapper(chart, draw)  # inspect.signature shows draw's parameters
    chart.__name__ = chart.__qualname__ = name
    chart.__doc__ = doc
    return chart


weekly_trend = _as_png(
    _weekly_trend,
    "weekly_trend",
    "Cramps per Monday-based week, with a straight trend line over the full weeks.",
)
time_of_night = _as_png(
    _time_of_night,
    "time_of_night",
    "Cramps by the hour they started, evening to the next afternoon, in bed or up.",
)
muscle_heatmap = _as_png(
    _muscle_heatmap,
    "muscle_heatmap",
    "Front and back of the body, each muscle half shaded and labelled by its count of cramps.",
)
duration_severity = _as_png(
    _duration_severity,
    "duration_severity",
    "Each cramp's length and pain over time, with each week's middle value.",
)
fluids_exercise = _as_png(
    _fluids_exercise,
    "fluids_exercise",
    "Drinks and exercise logged for a day, split by whether a cramp came that night.",
)
medicine_before_after = _as_png(
    _medicine_before_after,
    "medicine_before_after",
    "For each medicine start or stop date: cramps in the same number of days before and after"
    " (``window_days`` each side).",
)


CHARTS: Final[dict[str, Callable[..., bytes]]] = {
    "weekly_trend": weekly_trend,
    "time_of_night": time_of_night,
    "muscle_heatmap": muscle_heatmap,
    "duration_severity": duration_severity,
    "fluids_exercise": fluids_exercise,
    "medicine_before_after": medicine_before_after,
}
# The same charts as undrawn Figures, for tests (read their texts) and the benchmark (its floor
# copies a chart's artists into a bare figure, bench/replica.py). The app uses ``CHARTS``.
FIGURES: Final[dict[str, Callable[..., Figure]]] = {
    "weekly_trend": _weekly_trend,
    "time_of_night": _time_of_night,
    "muscle_heatmap": _muscle_heatmap,
    "duration_severity": _duration_severity,
    "fluids_exercise": _fluids_exercise,
    "medicine_before_after": _medicine_before_after,
}
