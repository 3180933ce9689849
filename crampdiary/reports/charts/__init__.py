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
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final

from crampdiary.analysis import series
from crampdiary.analysis.dates import week_start
from crampdiary.domain import Episode, Medicine, Muscle, Side, body_map
from crampdiary.domain.enums import MUSCLE_LABELS

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure
    from matplotlib.transforms import Transform

Size = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, bottom, width, height in inches


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours and type sizes (points; at 100 dpi 12 pt is about 17 pixels)."""

    name: str
    background: str
    text: str
    muted: str  # secondary text, axis lines
    grid: str
    panel: str  # the soft box behind messages
    primary: str  # main bars and points
    secondary: str  # the second series
    trend: str  # trend and middle-value lines
    partial: str  # part-week bars, "before" bars
    reference: str  # reference lines (10 minutes, 1.6 litres)
    body: str
    body_edge: str
    region_empty: str
    heat_low: str
    heat_high: str
    font_size: float = 13.0
    title_size: float = 17.0
    small_size: float = 12.0
    message_size: float = 15.0


# Okabe & Ito (2008) colours: blue #0072B2, sky blue #56B4E9, orange #E69F00, vermillion #D55E00.
LIGHT: Final = Theme(
    name="light",
    background="#FFFFFF",
    text="#1A1A1A",
    muted="#4D4D4D",
    grid="#DDDDDD",
    panel="#F0F0F0",
    primary="#0072B2",
    secondary="#E69F00",
    trend="#D55E00",
    partial="#A9CCE3",
    reference="#6E6E6E",
    body="#E4E4E4",
    body_edge="#9A9A9A",
    region_empty="#F7F7F7",
    heat_low="#FDE3C4",
    heat_high="#A63A00",
)
# Dark, for the bedside: not pure black, soft off-white text, no large bright areas.
DARK: Final = Theme(
    name="dark",
    background="#15191E",
    text="#ECEAE6",
    muted="#B4B4B4",
    grid="#343B43",
    panel="#242B32",
    primary="#56B4E9",
    secondary="#E69F00",
    trend="#F5C242",
    partial="#2F5670",
    reference="#9A9A9A",
    body="#2A3138",
    body_edge="#65707A",
    region_empty="#36404A",
    heat_low="#5B4420",
    heat_high="#FFB627",
)
# Night, matching the app's night theme (amber on near-black): no blue and nothing white, the
# brightest ink no brighter than the app's night text. Hue alone cannot carry the series apart
# here, so they differ in lightness, which every kind of colour blindness keeps: mid amber for the
# main series, pale wheat for the second and the trend, dim amber for part-weeks.
NIGHT: Final = Theme(
    name="night",
    background="#0B0805",
    text="#E9C9A3",
    muted="#B4936F",
    grid="#2C2117",
    panel="#221910",
    primary="#C98A45",
    secondary="#EED6A6",
    trend="#F0D9AE",
    partial="#74512F",
    reference="#A08363",
    body="#1F1710",
    body_edge="#6E563C",
    region_empty="#2E231A",
    heat_low="#4E3520",
    heat_high="#F2CB8A",
)
THEMES: Final[dict[str, Theme]] = {"light": LIGHT, "dark": DARK, "night": NIGHT}

DEFAULT_SIZE: Final[Size] = (8.0, 4.5)
DEFAULT_DPI: Final = 100
# Sizes are the layout in inches and type is in points: for a small or dense screen keep the size
# and raise the dpi. A chart asked for below its smallest layout (6.5 × 3 inches; 6.5 × 4 for the
# two-panel charts) is laid out at that size with a lower dpi, keeping the pixels asked for.
MAX_MEDICINE_CHANGES: Final = 6
# A part-week bar narrower than this (about 4 pixels at 100 dpi) is left out of the weekly chart.
MIN_PART_WEEK_INCHES: Final = 0.04

# Layout, in inches.
_EDGE: Final = 0.3  # figure edge to text
_PLOT_LEFT: Final = 0.95  # room for y tick labels and the y label
_TICK: Final = 0.07
_GAP: Final = 0.09  # tick label to its tick


def get_theme(theme: str | Theme) -> Theme:
    if isinstance(theme, Theme):
        return theme
    try:
        return THEMES[theme]
    except KeyError:
        raise ValueError(f"theme must be one of {sorted(THEMES)}, not {theme!r}") from None


# --- Text sizes, estimated ------------------------------------------------------------------------
# Measuring text in matplotlib lays it out (slow); these DejaVu Sans advance widths, in ems, are
# close enough for wrapping lines and spacing legend entries.


def _char_em(ch: str) -> float:
    if ch == " ":
        return 0.318
    if ch in "iljI.,:;!|'·":
        return 0.30
    if ch in "ftr()[]-":
        return 0.40
    if ch in "mwMW—":
        return 0.95
    if ch.isdigit():
        return 0.636
    if ch.isupper():
        return 0.72
    return 0.61


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in inches of the longest line of ``text``."""
    factor = (1.1 if bold else 1.0) * size / 72
    return max((sum(_char_em(c) for c in line) * factor for line in text.split("\n")), default=0.0)


def _wrap(text: str, width_in: float, size: float, bold: bool = False, max_lines: int = 0) -> str:
    """Break ``text`` into lines no wider than ``width_in`` (words are never split).

    With ``max_lines``, the lines past it are dropped and the last kept one ends in "…".
    """
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph):
            trial = f"{line} {word}" if line else word
            if line and _text_width(trial, size, bold) > width_in:
                out.append(line)
                line = word
            else:
                line = trial
        out.append(line)
    if max_lines and len(out) > max_lines:
        out = out[:max_lines]
        words = out[-1].split(" ")
        while len(words) > 1 and _text_width(" ".join(words) + "…", size, bold) > width_in:
            words.pop()
        out[-1] = " ".join(words).rstrip(" ,.;:") + "…"
    return "\n".join(out)


def _words(text: str) -> list[str]:
    """The units a line may break between: "3 am" and "–" stay with the word before them."""
    words: list[str] = []
    for word in text.split(" "):
        if words and word in {"am", "pm", "–", "·"}:
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def _wrap_parts(text: str, width_in: float, size: float) -> str:
    """Like ``_wrap``, but a line that must break breaks at a " · " first, keeping each part whole
    when it fits on a line of its own."""
    if _text_width(text, size) <= width_in:
        return text
    lines: list[str] = []
    for part in text.split(" · "):
        trial = f"{lines[-1]} · {part}" if lines else part
        if lines and _text_width(trial, size) <= width_in:
            lines[-1] = trial
        else:
            lines.extend(_wrap(part, width_in, size).split("\n"))
    return "\n".join(lines)


def _line_height(size: float, spacing: float = 1.25) -> float:
    return size * spacing / 72


# --- Drawing straight onto the figure -------------------------------------------------------------


class _Canvas:
    """A Figure and its theme, with positions in inches from the bottom left."""

    def __init__(
        self, size: Size, dpi: int, theme: str | Theme, min_layout: Size = (6.5, 3.0)
    ) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        width, height = size
        if width <= 0 or height <= 0 or dpi <= 0:
            raise ValueError(f"size and dpi must be positive, not {size} at {dpi}")
        self.t = get_theme(theme)
        # Below the smallest layout the type cannot fit: lay out at that size and lower the dpi,
        # so the image still has the pixels asked for (the type is then smaller in pixels).
        scale = max(min_layout[0] / width, min_layout[1] / height, 1.0)
        self.width, self.height = float(width) * scale, float(height) * scale
        self.fig = Figure(
            figsize=(self.width, self.height), dpi=dpi / scale, facecolor=self.t.background
        )
        FigureCanvasAgg(self.fig)
        self.inches: Transform = self.fig.dpi_scale_trans

    def add(self, artist: Artist, transform: Transform | None = None) -> None:
        artist.set_transform(self.inches if transform is None else transform)
        self.fig.add_artist(artist)

    def text(self, x: float, y: float, s: str, **kw: Any) -> None:
        from matplotlib.text import Text

        kw.setdefault("fontsize", self.t.font_size)
        kw.setdefault("color", self.t.text)
        self.add(Text(x, y, s, **kw))

    def header(self, title: str, subtitle: str) -> float:
        """Title and a line of plain facts at the top left; returns the inches used from the top."""
        t, room = self.t, self.width - 2 * _EDGE
        title = _wrap(title, room, t.title_size, bold=True)
        y = self.height - 0.14
        self.text(_EDGE, y, title, ha="left", va="top", fontsize=t.title_size, fontweight="bold")
        y -= (title.count("\n") + 1) * _line_height(t.title_size, 1.3) + 0.04
        if subtitle:
            subtitle = _wrap_parts(subtitle, room, t.small_size)
            self.text(_EDGE, y, subtitle, ha="left", va="top", fontsize=t.small_size, color=t.muted)
            y -= (subtitle.count("\n") + 1) * _line_height(t.small_size, 1.3)
        return self.height - y

    def legend(self, entries: Sequence[tuple[str, str, str]], top: float) -> float:
        """Entries ``(kind, colour, label)`` in rows under the header (bar, line, dash or dot).

        Returns the inches used.
        """
        from matplotlib.collections import PolyCollection
        from matplotlib.lines import Line2D

        t = self.t
        row_h = _line_height(t.small_size, 1.6)
        x, y = _EDGE, self.height - top - row_h / 2
        swatches, rows = [], 1
        for kind, colour, label in entries:
            need = 0.4 + _text_width(label, t.small_size)
            if x > _EDGE and x + need > self.width - _EDGE:
                x, y, rows = _EDGE, y - row_h, rows + 1
            if kind == "bar":
                swatches.append(
                    (
                        ((x, y - 0.08), (x, y + 0.08), (x + 0.3, y + 0.08), (x + 0.3, y - 0.08)),
                        colour,
                    )
                )
            else:
                style: dict[str, Any] = {"color": colour, "solid_capstyle": "butt"}
                if kind == "dot":
                    style |= {"marker": "o", "markersize": 7, "linestyle": "none"}
                    xs = [x + 0.15]
                else:
                    style |= {"linewidth": 3.0 if kind == "line" else 1.6}
                    style |= {"linestyle": "--" if kind == "dash" else "-"}
                    xs = [x, x + 0.32]
                self.add(Line2D(xs, [y] * len(xs), **style))
            self.text(x + 0.4, y, label, ha="left", va="center_baseline", fontsize=t.small_size)
            x += need + 0.3
        if swatches:
            self.add(
                PolyCollection(
                    [v for v, _ in swatches], facecolors=[c for _, c in swatches], edgecolors="none"
                )
            )
        return rows * row_h + 0.05

    def footnote(self, note: str) -> float:
        """Muted small print along the bottom; returns the inches it takes."""
        t = self.t
        note = _wrap(note, self.width - 2 * _EDGE, t.small_size)
        self.text(_EDGE, 0.12, note, ha="left", va="bottom", fontsize=t.small_size, color=t.muted)
        return 0.12 + (note.count("\n") + 1) * _line_height(t.small_size, 1.3)

    def message(self, rect: Rect, text: str) -> None:
        """A calm, wrapped sentence in place of a plot: nothing there to read wrongly."""
        t = self.t
        left, bottom, width, height = rect
        wrapped = _wrap(text, max(width - 0.5, 1.5), t.message_size)
        self.text(
            left + width / 2,
            bottom + height / 2,
            wrapped,
            ha="center",
            va="center",
            multialignment="center",
            fontsize=t.message_size,
            linespacing=1.4,
            bbox={"boxstyle": "round,pad=0.8", "facecolor": t.panel, "edgecolor": "none"},
        )

    def plot(self, rect: Rect, xlim: tuple[float, float], ylim: tuple[float, float]) -> _Plot:
        return _Plot(self, rect, xlim, ylim)


class _Plot:
    """A plot area on the figure: data coordinates inside ``rect``, decorations around it."""

    def __init__(
        self, canvas: _Canvas, rect: Rect, xlim: tuple[float, float], ylim: tuple[float, float]
    ) -> None:
        from matplotlib.transforms import Bbox, BboxTransform, TransformedBbox

        self.canvas, self.t = canvas, canvas.t
        self.left, self.bottom, self.width, self.height = rect
        self.xlim, self.ylim = xlim, ylim
        (x0, x1), (y0, y1) = xlim, ylim
        box = Bbox.from_bounds(*rect)
        self.data: Transform = BboxTransform(Bbox.from_extents(x0, y0, x1, y1), box) + canvas.inches
        self.clip = TransformedBbox(box, canvas.inches)

    def x_in(self, x: float) -> float:
        x0, x1 = self.xlim
        return self.left + (x - x0) / (x1 - x0) * self.width

    def y_in(self, y: float) -> float:
        y0, y1 = self.ylim
        return self.bottom + (y - y0) / (y1 - y0) * self.height

    def add(self, artist: Artist, clip: bool = True) -> None:
        if clip:
            artist.set_clip_box(self.clip)
        self.canvas.add(artist, self.data)

    def bars(
        self,
        lefts: Sequence[float],
        widths: Sequence[float],
        bottoms: Sequence[float],
        heights: Sequence[float],
        colours: Sequence[str] | str,
    ) -> None:
        """Many bars as one collection: one artist however many bars."""
        from matplotlib.collections import PolyCollection

        keep = [i for i, h in enumerate(heights) if h > 0]
        verts = [
            (
                (lefts[i], bottoms[i]),
                (lefts[i], bottoms[i] + heights[i]),
                (lefts[i] + widths[i], bottoms[i] + heights[i]),
                (lefts[i] + widths[i], bottoms[i]),
            )
            for i in keep
        ]
        faces = colours if isinstance(colours, str) else [colours[i] for i in keep]
        self.add(PolyCollection(verts, facecolors=faces, edgecolors="none", zorder=2))

    def line(self, xs: Any, ys: Any, **style: Any) -> None:
        from matplotlib.lines import Line2D

        style.setdefault("zorder", 3)
        self.add(Line2D(xs, ys, **style))

    def points(self, xs: Any, ys: Any, colour: str, size: float, alpha: float) -> None:
        """All points as one line of markers (faster than a scatter when they share a look)."""
        self.line(
            xs,
            ys,
            linestyle="none",
            marker="o",
            markersize=size,
            markeredgewidth=0,
            color=colour,
            alpha=alpha,
            zorder=2.5,
        )

    def hline(self, y: float, colour: str, **style: Any) -> None:
        self.line(list(self.xlim), [y, y], color=colour, **style)

    def text(self, x: float, y: float, s: str, **kw: Any) -> None:
        from matplotlib.text import Text

        kw.setdefault("fontsize", self.t.font_size)
        kw.setdefault("color", self.t.text)
        kw.setdefault("zorder", 4)
        self.add(Text(x, y, s, **kw), clip=False)

    def frame(self, left: bool = True) -> None:
        """The bottom edge, and the left one unless ``left`` is false."""
        from matplotlib.collections import LineCollection

        x0, y0 = self.left, self.bottom
        x1, y1 = x0 + self.width, y0 + self.height
        edge = ((x0, y1), (x0, y0), (x1, y0)) if left else ((x0, y0), (x1, y0))
        self.canvas.add(LineCollection([edge], colors=self.t.muted, linewidths=1.0))

    def xgrid(self, positions: Sequence[float]) -> None:
        """Vertical grid lines behind the data."""
        from matplotlib.collections import LineCollection

        top = self.bottom + self.height
        segs = [((self.x_in(x), self.bottom), (self.x_in(x), top)) for x in positions]
        self.canvas.add(LineCollection(segs, colors=self.t.grid, linewidths=1.0, zorder=0.5))

    def xticks(
        self,
        positions: Sequence[float],
        labels: Sequence[str],
        minor: Sequence[float] = (),
        marks: bool = True,
    ) -> float:
        """Tick marks and labels under the plot; returns the labels' depth in inches."""
        from matplotlib.collections import LineCollection

        t, b = self.t, self.bottom
        if marks:
            segs = [((self.x_in(x), b), (self.x_in(x), b - _TICK)) for x in positions]
            segs += [((self.x_in(x), b), (self.x_in(x), b - _TICK * 0.6)) for x in minor]
            self.canvas.add(LineCollection(segs, colors=t.muted, linewidths=1.0))
        lines = 1
        for x, label in zip(positions, labels, strict=True):
            self.canvas.text(
                self.x_in(x), b - _TICK - 0.04, label, ha="center", va="top", fontsize=t.small_size
            )
            lines = max(lines, label.count("\n") + 1)
        return _TICK + 0.04 + lines * _line_height(t.small_size)

    def yticks(self, positions: Sequence[float], labels: Sequence[str], grid: bool = True) -> float:
        """Tick labels left of the plot with grid lines across it; returns the labels' width."""
        from matplotlib.collections import LineCollection

        t, x0 = self.t, self.left
        x1 = x0 + self.width
        if grid:
            segs = [((x0, self.y_in(y)), (x1, self.y_in(y))) for y in positions]
            self.canvas.add(LineCollection(segs, colors=t.grid, linewidths=1.0, zorder=0.5))
        for y, label in zip(positions, labels, strict=True):
            self.canvas.text(
                x0 - _GAP, self.y_in(y), label, ha="right", va="center", fontsize=t.small_size
            )
        return max((_text_width(s, t.small_size) for s in labels), default=0.0)

    def xlabel(self, text: str, depth: float) -> None:
        text = _wrap(text, self.canvas.width - 2 * _EDGE, self.t.font_size)
        x = self.left + self.width / 2
        self.canvas.text(x, self.bottom - depth - 0.08, text, ha="center", va="top")

    def ylabel(self, text: str, tick_width: float) -> None:
        x = self.left - _GAP - tick_width - 0.1
        self.canvas.text(
            x, self.bottom + self.height / 2, text, ha="right", va="center", rotation=90
        )


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


# --- Figure plumbing ------------------------------------------------------------------------------


def figure_png(fig: Figure) -> bytes:
    """Draw ``fig`` with Agg and encode it as an opaque RGB PNG.

    Charts have a solid background, so the alpha channel is dropped; zlib level 1 encodes a busy
    chart about twice as fast as matplotlib's default for files about 10% larger.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    height, width = rgba.shape[0], rgba.shape[1]
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1).convert("RGB")
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=1, dpi=(fig.dpi, fig.dpi))
    return buf.getvalue()


def drawn_artists(fig: Figure) -> int:
    """How many visible artists ``fig`` draws (containers and empty texts left out)."""
    from matplotlib.text import Text

    count = 0
    stack: list[Artist] = list(fig.get_children())
    while stack:
        artist = stack.pop()
        if not artist.get_visible():
            continue
        children = artist.get_children()
        if children:
            stack.extend(children)
            continue
        if isinstance(artist, Text) and not artist.get_text():
            continue
        count += 1
    return count


def bare_figure_png(size: Size = DEFAULT_SIZE, dpi: int = DEFAULT_DPI, n_artists: int = 0) -> bytes:
    """A floor for benchmarks: a Figure of ``size`` holding ``n_artists`` short lines, as PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fig = Figure(figsize=size, dpi=dpi, facecolor=LIGHT.background)
    FigureCanvasAgg(fig)
    for i in range(n_artists):
        y = (i + 0.5) / max(n_artists, 1)
        fig.add_artist(Line2D([0.1, 0.9], [y, y], color=LIGHT.primary, linewidth=1.0))
    return figure_png(fig)


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


# --- Muscles on the body map ----------------------------------------------------------------------

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


# --- Public functions: PNG bytes ------------------------------------------------------------------


def weekly_trend(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> bytes:
    """Cramps per Monday-based week, with a straight trend line over the full weeks."""
    return figure_png(_weekly_trend(episodes, start, end, theme=theme, size=size, dpi=dpi))


def time_of_night(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> bytes:
    """Cramps by the hour they started, evening to the next afternoon, in bed or up."""
    return figure_png(_time_of_night(episodes, start, end, theme=theme, size=size, dpi=dpi))


def muscle_heatmap(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> bytes:
    """Front and back of the body, each muscle half shaded and labelled by its count of cramps."""
    return figure_png(_muscle_heatmap(episodes, start, end, theme=theme, size=size, dpi=dpi))


def duration_severity(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> bytes:
    """Each cramp's length and pain over time, with each week's middle value."""
    return figure_png(_duration_severity(episodes, start, end, theme=theme, size=size, dpi=dpi))


def fluids_exercise(
    episodes: Sequence[Episode],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
) -> bytes:
    """Drinks and exercise logged for a day, split by whether a cramp came that night."""
    return figure_png(_fluids_exercise(episodes, start, end, theme=theme, size=size, dpi=dpi))


def medicine_before_after(
    episodes: Sequence[Episode],
    medicines: Sequence[Medicine],
    start: date,
    end: date,
    *,
    theme: str | Theme = "light",
    size: Size = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
    window_days: int = series.DEFAULT_MEDICINE_WINDOW_DAYS,
) -> bytes:
    """For each medicine start or stop date: cramps in the same number of days before and after."""
    fig = _medicine_before_after(
        episodes, medicines, start, end, theme=theme, size=size, dpi=dpi, window_days=window_days
    )
    return figure_png(fig)


CHARTS: Final[dict[str, Callable[..., bytes]]] = {
    "weekly_trend": weekly_trend,
    "time_of_night": time_of_night,
    "muscle_heatmap": muscle_heatmap,
    "duration_severity": duration_severity,
    "fluids_exercise": fluids_exercise,
    "medicine_before_after": medicine_before_after,
}
# The same charts as undrawn Figures, for tests (read their texts) and benchmarks (count artists,
# time ``figure_png`` against ``bare_figure_png``). The app uses ``CHARTS``.
FIGURES: Final[dict[str, Callable[..., Figure]]] = {
    "weekly_trend": _weekly_trend,
    "time_of_night": _time_of_night,
    "muscle_heatmap": _muscle_heatmap,
    "duration_severity": _duration_severity,
    "fluids_exercise": _fluids_exercise,
    "medicine_before_after": _medicine_before_after,
}
