"""The charts' floor: a bare matplotlib figure holding the same drawn artists as a chart.

``spec_of(fig)`` walks a built chart and writes down each visible leaf artist as plain data, in
pixels: every text with its string, font, size, colour, alignment and rotation; every line with its
points and markers; every patch as its outline; every line or polygon collection with its segments
and colours. ``replica_png(spec)`` then builds a new ``Figure`` of the same size and dpi with one
artist per entry (no axes, no layout, no data work) and draws and encodes it exactly as the app
does (``charts.figure_png``).

So the floor is what matplotlib needs to draw what the chart shows: "a bare figure, same size and
number of artists", with each artist of the same kind and content. A floor of as many short lines
would leave out text, the costly kind (glyph layout and rasterising); the chart's own figure drawn
again would include our artists' set-up. ``tests/bench/test_replica.py`` checks the replica looks
like the chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class FigureSpec:
    width_in: float
    height_in: float
    dpi: float
    facecolor: Any
    artists: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def kinds(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind, _ in self.artists:
            out[kind] = out.get(kind, 0) + 1
        return out


def _leaves(fig: Any) -> list[Any]:
    """Visible leaf artists in drawing order (children of a container in zorder)."""
    out: list[Any] = []

    def walk(artist: Any) -> None:
        if not artist.get_visible():
            return
        children = artist.get_children()
        if children:
            for child in sorted(children, key=lambda a: a.get_zorder()):
                walk(child)
        else:
            out.append(artist)

    for child in sorted(fig.get_children(), key=lambda a: a.get_zorder()):
        walk(child)
    return out


def spec_of(fig: Any) -> FigureSpec:
    """``fig`` (already drawn once, so every transform is set) as plain data in pixels."""
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    width, height = fig.get_size_inches()
    spec = FigureSpec(float(width), float(height), float(fig.dpi), fig.get_facecolor())
    for artist in _leaves(fig):
        if isinstance(artist, Text):
            if not artist.get_text():
                continue
            x, y = artist.get_transform().transform(artist.get_unitless_position())
            spec.artists.append(
                (
                    "text",
                    {
                        "x": float(x),
                        "y": float(y),
                        "text": artist.get_text(),
                        "fontproperties": artist.get_fontproperties().copy(),
                        "color": artist.get_color(),
                        "ha": artist.get_horizontalalignment(),
                        "va": artist.get_verticalalignment(),
                        "rotation": artist.get_rotation(),
                        "linespacing": artist.get_linespacing(),
                        "multialignment": artist._multialignment,
                        "zorder": artist.get_zorder(),
                    },
                )
            )
        elif isinstance(artist, Line2D):
            xy = artist.get_transform().transform(np.asarray(artist.get_xydata(), dtype=float))
            spec.artists.append(
                (
                    "line",
                    {
                        "xy": xy,
                        "color": artist.get_color(),
                        "linewidth": artist.get_linewidth(),
                        "linestyle": artist.get_linestyle(),
                        "marker": artist.get_marker(),
                        "markersize": artist.get_markersize(),
                        "markerfacecolor": artist.get_markerfacecolor(),
                        "markeredgecolor": artist.get_markeredgecolor(),
                        "markeredgewidth": artist.get_markeredgewidth(),
                        "alpha": artist.get_alpha(),
                        "zorder": artist.get_zorder(),
                    },
                )
            )
        elif isinstance(artist, LineCollection):
            transform = artist.get_transform()
            segments = [transform.transform(np.asarray(s)) for s in artist.get_segments()]
            spec.artists.append(
                (
                    "lines",
                    {
                        "segments": segments,
                        "colors": artist.get_colors(),
                        "linewidths": artist.get_linewidths(),
                        "linestyles": artist.get_linestyles(),
                        "alpha": artist.get_alpha(),
                        "zorder": artist.get_zorder(),
                    },
                )
            )
        elif isinstance(artist, PolyCollection):
            transform = artist.get_transform()
            verts = [transform.transform(p.vertices) for p in artist.get_paths()]
            spec.artists.append(
                (
                    "polys",
                    {
                        "verts": verts,
                        "facecolors": artist.get_facecolors(),
                        "edgecolors": artist.get_edgecolors(),
                        "linewidths": artist.get_linewidths(),
                        "alpha": artist.get_alpha(),
                        "zorder": artist.get_zorder(),
                    },
                )
            )
        elif isinstance(artist, Patch):
            path = artist.get_path().transformed(artist.get_transform())
            spec.artists.append(
                (
                    "patch",
                    {
                        "path": path,
                        "facecolor": artist.get_facecolor(),
                        "edgecolor": artist.get_edgecolor(),
                        "linewidth": artist.get_linewidth(),
                        "alpha": artist.get_alpha(),
                        "zorder": artist.get_zorder(),
                    },
                )
            )
        else:
            raise TypeError(f"the replica cannot copy a {type(artist).__name__} yet")
    return spec


def replica_figure(spec: FigureSpec) -> Any:
    """A new bare ``Figure`` with one artist per entry of ``spec``, all placed in pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch
    from matplotlib.text import Text
    from matplotlib.transforms import IdentityTransform

    fig = Figure(figsize=(spec.width_in, spec.height_in), dpi=spec.dpi, facecolor=spec.facecolor)
    FigureCanvasAgg(fig)
    pixels = IdentityTransform()
    for kind, a in spec.artists:
        artist: Any
        if kind == "text":
            artist = Text(**a, transform=pixels)
        elif kind == "line":
            a = dict(a)
            xy = a.pop("xy")
            artist = Line2D(xy[:, 0], xy[:, 1], transform=pixels, **a)
        elif kind == "lines":
            a = dict(a)
            artist = LineCollection(a.pop("segments"), transform=pixels, **a)
        elif kind == "polys":
            a = dict(a)
            artist = PolyCollection(a.pop("verts"), transform=pixels, **a)
        else:
            a = dict(a)
            artist = PathPatch(a.pop("path"), transform=pixels, **a)
        fig.add_artist(artist)
    return fig


def replica_png(spec: FigureSpec) -> bytes:
    """The floor: build the bare figure from ``spec``, draw it and encode it as the app does."""
    from crampdiary.reports import charts

    return bytes(charts.figure_png(replica_figure(spec)))
