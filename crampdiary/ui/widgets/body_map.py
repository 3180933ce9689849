"""The body map: front and back silhouettes side by side, each muscle region tappable.

The shapes come from ``crampdiary.domain.body_map`` (normalised 0..1 per view); this widget only
scales them into two boxes, fills them (concave polygons through Kivy's tesselator) and turns a
touch into ``(muscle, side)``. A tap a little outside a small region (a hand, a foot) still picks
the nearest one, so fingers need not be precise.
"""

from __future__ import annotations

import math
from functools import cache

from kivy.app import App
from kivy.clock import Clock
from kivy.graphics import Color, InstructionGroup, Line, Mesh
from kivy.graphics.tesselator import TYPE_POLYGONS, WINDING_ODD, Tesselator
from kivy.metrics import dp
from kivy.properties import ListProperty, NumericProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout

from crampdiary.domain import body_map as geometry
from crampdiary.domain.enums import Muscle, Side
from crampdiary.ui.kvload import load_kv

NEAR_ENOUGH_DP = 18
"""A tap this close to a region (outside every region) still picks it."""


@cache
def _meshes(points: geometry.Polygon) -> tuple[tuple[tuple[float, ...], tuple[int, ...]], ...]:
    """Triangles for a (possibly concave) polygon in normalised coordinates, computed once."""
    tess = Tesselator()
    tess.add_contour([c for point in points for c in point])
    tess.tesselate(WINDING_ODD, TYPE_POLYGONS)
    return tuple((tuple(v), tuple(i)) for v, i in tess.meshes)


def _distance_to_polygon(px: float, py: float, points: list[tuple[float, float]]) -> float:
    best = math.inf
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        dx, dy = x1 - x0, y1 - y0
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / length2))
        best = min(best, math.hypot(px - (x0 + t * dx), py - (y0 + t * dy)))
    return best


class BodyMap(FloatLayout):
    muscle = StringProperty("")
    """The chosen ``Muscle`` value, or "" for none."""
    side = StringProperty("")
    """The chosen ``Side`` value, or "": both halves light up for "both" and "not_applicable"."""

    front_box = ListProperty([0, 0, 0, 0])
    back_box = ListProperty([0, 0, 0, 0])
    gap = NumericProperty(dp(28))
    caption_height = NumericProperty(dp(56))

    __events__ = ("on_pick",)

    def __init__(self, **kwargs) -> None:
        self._group = InstructionGroup()
        self._redraw_soon = Clock.create_trigger(self._redraw, -1)
        super().__init__(**kwargs)
        self.canvas.before.add(self._group)
        self.bind(pos=self._layout, size=self._layout, muscle=self._redraw_soon)
        self.bind(side=self._redraw_soon)
        theme = App.get_running_app().theme
        theme.bind(name=self._redraw_soon)

    def on_pick(self, muscle: str, side: str) -> None:
        """Fired when the user taps a region (after ``muscle`` and ``side`` are set)."""

    # --- geometry --------------------------------------------------------------------------------

    def box(self, view: geometry.View) -> list[float]:
        return list(self.front_box if view == "front" else self.back_box)

    def _layout(self, *_args) -> None:
        usable_h = max(0.0, self.height - self.caption_height)
        height = min(usable_h, (self.width - self.gap) / (2 * geometry.VIEW_ASPECT))
        height = max(height, 0.0)
        width = height * geometry.VIEW_ASPECT
        left = self.x + (self.width - (2 * width + self.gap)) / 2
        bottom = self.y + self.caption_height + (usable_h - height) / 2
        self.front_box = [left, bottom, width, height]
        self.back_box = [left + width + self.gap, bottom, width, height]
        self._redraw_soon()

    def to_widget_coords(self, view: geometry.View, x: float, y: float) -> tuple[float, float]:
        bx, by, bw, bh = self.box(view)
        return bx + x * bw, by + y * bh

    def region_centre(self, muscle: Muscle | str, side: Side | str) -> tuple[float, float]:
        """Where a region's centre is, in window coordinates (for tests and for labels)."""
        view = geometry.MUSCLE_VIEW[Muscle(muscle)]
        for region in geometry.regions(view):
            if region.muscle == muscle and region.side == side:
                cx, cy = geometry.centroid(region.points)
                return self.to_window(*self.to_widget_coords(view, cx, cy))
        raise LookupError(f"no region for {muscle} {side}")

    def pick_at(self, x: float, y: float) -> tuple[Muscle, Side] | None:
        """The region under a point in this widget's coordinates, or the nearest close one."""
        for view in geometry.VIEWS:
            bx, by, bw, bh = self.box(view)
            if bw <= 0 or bh <= 0:
                continue
            hit = geometry.hit_test(view, (x - bx) / bw, (y - by) / bh)
            if hit is not None:
                return hit
        best: tuple[float, tuple[Muscle, Side] | None] = (dp(NEAR_ENOUGH_DP), None)
        for view in geometry.VIEWS:
            for region in geometry.regions(view):
                pts = [self.to_widget_coords(view, px, py) for px, py in region.points]
                distance = _distance_to_polygon(x, y, pts)
                if distance < best[0]:
                    best = (distance, (region.muscle, region.side))
        return best[1]

    # --- touch -----------------------------------------------------------------------------------

    def on_touch_down(self, touch) -> bool:
        if self.disabled or not self.collide_point(*touch.pos):
            return super().on_touch_down(touch)
        found = self.pick_at(*touch.pos)
        if found is None:
            return super().on_touch_down(touch)
        muscle, side = found
        self.muscle, self.side = muscle.value, side.value
        self.dispatch("on_pick", self.muscle, self.side)
        return True

    # --- drawing ---------------------------------------------------------------------------------

    def _chosen(self, region: geometry.Region) -> bool:
        if region.muscle != self.muscle:
            return False
        return self.side in ("", Side.BOTH.value, Side.NOT_APPLICABLE.value) or (
            region.side == self.side
        )

    def _fill(self, view: geometry.View, points: geometry.Polygon) -> None:
        bx, by, bw, bh = self.box(view)
        for vertices, indices in _meshes(points):
            scaled = list(vertices)
            for i in range(0, len(scaled), 4):
                scaled[i] = bx + scaled[i] * bw
                scaled[i + 1] = by + scaled[i + 1] * bh
            self._group.add(Mesh(vertices=scaled, indices=list(indices), mode="triangle_fan"))

    def _outline(self, view: geometry.View, points: geometry.Polygon, width: float) -> None:
        flat = [c for x, y in points for c in self.to_widget_coords(view, x, y)]
        self._group.add(Line(points=flat, close=True, width=width))

    def _redraw(self, *_args) -> None:
        theme = App.get_running_app().theme
        group = self._group
        group.clear()
        for view in geometry.VIEWS:
            if self.box(view)[3] <= 0:
                continue
            group.add(Color(rgba=theme.surface))
            for outline in geometry.silhouette(view):
                self._fill(view, outline)
            for region in geometry.regions(view):
                group.add(Color(rgba=theme.selected if self._chosen(region) else theme.pressed))
                self._fill(view, region.points)
            group.add(Color(rgba=theme.border))
            for region in geometry.regions(view):
                self._outline(view, region.points, dp(1))
            group.add(Color(rgba=theme.muted))
            for outline in geometry.silhouette(view):
                self._outline(view, outline, dp(1.5))
            for region in geometry.regions(view):
                if self._chosen(region):
                    group.add(Color(rgba=theme.text))
                    self._outline(view, region.points, dp(2.5))


load_kv("widgets/body_map.kv")
