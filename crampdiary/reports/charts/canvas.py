"""Drawing straight onto a matplotlib ``Figure``, positions in inches from the bottom left.

``_Canvas`` holds the figure and its theme and draws the header, legend, footnote and messages;
``_Plot`` is a plot area on it, with data coordinates, bars, lines, points, ticks and labels. They
stand in for matplotlib's ``Axes``, whose tick objects and layout passes cost more than everything
else put together. Owns the layout sizes (in inches) the charts share. matplotlib is imported
inside the methods, so importing this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from crampdiary.reports.charts.text import _line_height, _text_width, _wrap, _wrap_parts
from crampdiary.reports.charts.theme import Theme, get_theme

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.transforms import Transform


Size = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, bottom, width, height in inches

DEFAULT_SIZE: Final[Size] = (8.0, 4.5)
DEFAULT_DPI: Final = 100
# Sizes are the layout in inches and type is in points: for a small or dense screen keep the size
# and raise the dpi. A chart asked for below its smallest layout (6.5 × 3 inches; 6.5 × 4 for the
# two-panel charts) is laid out at that size with a lower dpi, keeping the pixels asked for.

# Layout, in inches.
_EDGE: Final = 0.3  # figure edge to text
_PLOT_LEFT: Final = 0.95  # room for y tick labels and the y label
_TICK: Final = 0.07
_GAP: Final = 0.09  # tick label to its tick


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
