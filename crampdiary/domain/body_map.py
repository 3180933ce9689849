"""The shared body-map geometry: front and back silhouettes and one tappable region per muscle.

Owns the shapes that both the Kivy body-map widget and the chart heat-map draw, and the hit test
that turns a tap into ``(Muscle, Side)``. Pure data: imports only the standard library and
``crampdiary.domain.enums`` (no Kivy, no matplotlib).

Coordinates are normalised per view: ``x`` runs 0..1 from the viewer's left to the viewer's right
and ``y`` runs 0..1 from the bottom (soles) to the top (crown). Draw a view into a box whose width
is ``VIEW_ASPECT`` times its height for natural proportions; ``hit_test`` works in the same
normalised space whatever the box. Every polygon is simple (its edges do not cross) and may be
concave; Kivy needs ``kivy.graphics.tesselator`` to fill concave ones.

Sides: on the FRONT view the viewer's left is the person's RIGHT (you face them); on the BACK view
the viewer's left is the person's LEFT. Each ``Region`` records the person's side, never the
viewer's.

Every muscle of spec/warning-signs.md §3.1 except ``other`` has exactly one region pair (left and
right halves, since each of these muscles is paired in the body) on the view where it is naturally
seen: ``MUSCLE_VIEW`` says which. Limbs' backs (triceps, heels) are plain silhouette on the back
view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Final, Literal

from crampdiary.domain.enums import Muscle, Side

View = Literal["front", "back"]
VIEWS: Final[tuple[View, View]] = ("front", "back")
Point = tuple[float, float]
Polygon = tuple[Point, ...]

# Width / height of the box a view is meant to be drawn in.
VIEW_ASPECT: Final = 0.5

# Which view holds each muscle's region (``other`` has none).
MUSCLE_VIEW: Final[dict[Muscle, View]] = {
    Muscle.CHEST: "front",
    Muscle.ABDOMEN: "front",
    Muscle.SHOULDER: "front",
    Muscle.ARM: "front",
    Muscle.HAND: "front",
    Muscle.THIGH_FRONT: "front",
    Muscle.INNER_THIGH: "front",
    Muscle.FOOT: "front",
    Muscle.NECK: "back",
    Muscle.UPPER_BACK: "back",
    Muscle.LOWER_BACK: "back",
    Muscle.BUTTOCK: "back",
    Muscle.THIGH_BACK: "back",
    Muscle.CALF: "back",
}


@dataclass(frozen=True, slots=True)
class Region:
    """One tappable half-muscle: ``side`` is the person's side, ``points`` a closed polygon."""

    muscle: Muscle
    side: Side
    view: View
    points: Polygon


# --- The body, designed in "body units" -----------------------------------------------------------
# Height is 1 (soles at 0, crown at 1); ``dx`` is the distance from the midline in the same units,
# so proportions are true. Only the viewer's right half is written out; the left half is its mirror.

_HEAD_CENTRE_Y: Final = 0.934
_HEAD_HALF_W: Final = 0.050
_HEAD_HALF_H: Final = 0.066
_NECK_HALF_W: Final = 0.026

# Edges as (dx, y) polylines, top to bottom.
_ARM_OUTER: Final[Polygon] = (
    (0.100, 0.818),
    (0.118, 0.806),
    (0.128, 0.784),
    (0.132, 0.750),
    (0.133, 0.700),
    (0.136, 0.645),
    (0.140, 0.585),
    (0.143, 0.505),
)
_ARM_INNER: Final[Polygon] = (
    (0.090, 0.742),
    (0.094, 0.700),
    (0.100, 0.645),
    (0.107, 0.585),
    (0.114, 0.505),
)
_TORSO_SIDE: Final[Polygon] = (
    (0.090, 0.742),
    (0.085, 0.700),
    (0.077, 0.640),
    (0.074, 0.605),
    (0.079, 0.560),
    (0.089, 0.515),
    (0.094, 0.480),
)
_LEG_OUTER: Final[Polygon] = (
    (0.094, 0.480),
    (0.093, 0.430),
    (0.086, 0.370),
    (0.076, 0.315),
    (0.068, 0.285),
    (0.067, 0.255),
    (0.071, 0.205),
    (0.064, 0.140),
    (0.050, 0.075),
    (0.046, 0.050),
)
_LEG_INNER: Final[Polygon] = (
    (0.000, 0.468),
    (0.008, 0.452),
    (0.014, 0.400),
    (0.019, 0.330),
    (0.021, 0.285),
    (0.022, 0.240),
    (0.024, 0.175),
    (0.021, 0.100),
    (0.019, 0.050),
)
# The hand hangs below the wrist, palm forward; the thumb is the small bump on the outer edge.
_HAND: Final[Polygon] = (
    (0.143, 0.505),
    (0.149, 0.482),
    (0.152, 0.458),
    (0.149, 0.440),
    (0.145, 0.418),
    (0.138, 0.402),
    (0.127, 0.398),
    (0.118, 0.406),
    (0.113, 0.430),
    (0.112, 0.470),
    (0.114, 0.505),
)
# The foot seen from in front or behind: a little wider than the ankle, flat on the ground.
_FOOT: Final[Polygon] = (
    (0.046, 0.050),
    (0.054, 0.030),
    (0.060, 0.012),
    (0.058, 0.000),
    (0.016, 0.000),
    (0.013, 0.012),
    (0.016, 0.032),
    (0.019, 0.050),
)


def _x_at(edge: Polygon, y: float) -> float:
    """The edge's ``dx`` at height ``y`` (linear between its points, clamped at its ends)."""
    pts = sorted(edge, key=lambda p: p[1])
    if y <= pts[0][1]:
        return pts[0][0]
    for (x0, y0), (x1, y1) in pairwise(pts):
        if y <= y1:
            t = (y - y0) / (y1 - y0) if y1 != y0 else 0.0
            return x0 + t * (x1 - x0)
    return pts[-1][0]


def _between(edge: Polygon, y_lo: float, y_hi: float) -> list[float]:
    """Heights of ``edge``'s own points strictly between ``y_lo`` and ``y_hi``, top to bottom."""
    return sorted((y for _, y in edge if y_lo < y < y_hi), reverse=True)


def _band(
    inner: Polygon | float, outer: Polygon | float, y_lo: float, y_hi: float, inset: float = 0.005
) -> Polygon:
    """The strip between two edges (or constant ``dx``) from ``y_lo`` to ``y_hi``, inset a little.

    Follows each edge's own bends so the strip hugs the outline.
    """

    def at(edge: Polygon | float, y: float) -> float:
        return edge if isinstance(edge, float) else _x_at(edge, y)

    def bends(edge: Polygon | float) -> list[float]:
        return [] if isinstance(edge, float) else _between(edge, y_lo, y_hi)

    outer_ys = [y_hi, *bends(outer), y_lo]
    inner_ys = [y_lo, *reversed(bends(inner)), y_hi]
    return (
        *((at(outer, y) - inset, y) for y in outer_ys),
        *((at(inner, y) + inset, y) for y in inner_ys),
    )


def _ellipse_arc(
    cx: float, cy: float, rx: float, ry: float, a_from: float, a_to: float, steps: int
) -> list[Point]:
    """Points on an ellipse from ``a_from`` to ``a_to`` degrees (0 = +x, counter-clockwise)."""
    out = []
    for i in range(steps + 1):
        a = math.radians(a_from + (a_to - a_from) * i / steps)
        out.append((cx + rx * math.cos(a), cy + ry * math.sin(a)))
    return out


def _right_half_outline() -> list[Point]:
    """The outline's viewer-right half, clockwise from the crown to the crotch."""
    # Where the head meets the neck: the ellipse's point at dx = neck half-width.
    neck_angle = -math.degrees(math.acos(_NECK_HALF_W / _HEAD_HALF_W))
    head = _ellipse_arc(0.0, _HEAD_CENTRE_Y, _HEAD_HALF_W, _HEAD_HALF_H, 90.0, neck_angle, 14)
    neck = [(_NECK_HALF_W + 0.001, 0.850), (_NECK_HALF_W + 0.004, 0.834)]
    shoulder_slope = [(0.060, 0.826), (0.085, 0.822)]
    return [
        *head,
        *neck,
        *shoulder_slope,
        *_ARM_OUTER,
        *_HAND[1:-1],
        *reversed(_ARM_INNER),
        *_TORSO_SIDE[1:],
        *_LEG_OUTER[1:],
        *_FOOT[1:],
        *reversed(_LEG_INNER[:-1]),
    ]


# --- Regions on the viewer's right half (body units) ----------------------------------------------

_FRONT_HALF_REGIONS: Final[dict[Muscle, Polygon]] = {
    Muscle.SHOULDER: (
        (0.082, 0.817),
        (0.100, 0.813),
        (0.115, 0.802),
        (0.124, 0.782),
        (0.127, 0.752),
        (0.093, 0.752),
        (0.086, 0.775),
    ),
    Muscle.CHEST: (
        (0.004, 0.812),
        (0.030, 0.814),
        (0.055, 0.816),
        (0.077, 0.812),
        (0.081, 0.775),
        (0.086, 0.745),
        (0.081, 0.700),
        (0.004, 0.700),
    ),
    Muscle.ABDOMEN: _band(0.004, _TORSO_SIDE, 0.525, 0.690),
    Muscle.ARM: _band(_ARM_INNER, _ARM_OUTER, 0.512, 0.744),
    Muscle.HAND: tuple((x * 0.82 + 0.1284 * 0.18, y * 0.86 + 0.452 * 0.14) for x, y in _HAND),
    Muscle.INNER_THIGH: (
        (0.010, 0.447),
        (0.026, 0.464),
        (0.033, 0.440),
        (0.031, 0.370),
        (0.026, 0.330),
        (0.024, 0.334),
        (0.019, 0.400),
        (0.014, 0.438),
    ),
    Muscle.THIGH_FRONT: (
        (0.041, 0.476),
        (0.089, 0.476),
        (0.088, 0.430),
        (0.081, 0.370),
        (0.072, 0.320),
        (0.062, 0.304),
        (0.040, 0.304),
        (0.032, 0.320),
        (0.036, 0.370),
        (0.038, 0.440),
    ),
    Muscle.FOOT: tuple((x * 0.84 + 0.037 * 0.16, y * 0.80 + 0.024 * 0.20) for x, y in _FOOT),
}

_BACK_HALF_REGIONS: Final[dict[Muscle, Polygon]] = {
    Muscle.NECK: (
        (0.004, 0.872),
        (0.022, 0.872),
        (0.024, 0.850),
        (0.028, 0.836),
        (0.045, 0.829),
        (0.004, 0.829),
    ),
    Muscle.UPPER_BACK: (
        (0.004, 0.822),
        (0.050, 0.822),
        (0.078, 0.817),
        (0.088, 0.800),
        (0.089, 0.760),
        (0.085, 0.742),
        (0.081, 0.700),
        (0.076, 0.670),
        (0.004, 0.670),
    ),
    Muscle.LOWER_BACK: _band(0.004, _TORSO_SIDE, 0.560, 0.660),
    Muscle.BUTTOCK: (
        (0.004, 0.550),
        (0.078, 0.550),
        (0.084, 0.520),
        (0.089, 0.485),
        (0.088, 0.455),
        (0.060, 0.440),
        (0.030, 0.442),
        (0.012, 0.452),
        (0.004, 0.470),
    ),
    Muscle.THIGH_BACK: _band(_LEG_INNER, _LEG_OUTER, 0.305, 0.432),
    Muscle.CALF: _band(_LEG_INNER, _LEG_OUTER, 0.090, 0.270),
}


# --- From body units to the normalised view box ---------------------------------------------------


def _to_view(dx: float, y: float, mirror: bool) -> Point:
    x = 0.5 + (-dx if mirror else dx) / VIEW_ASPECT
    return (round(x, 5), round(y, 5))


def _person_side(view: View, viewer_right: bool) -> Side:
    # Facing the person (front), their left is on the viewer's right; from behind it is on the left.
    if view == "front":
        return Side.LEFT if viewer_right else Side.RIGHT
    return Side.RIGHT if viewer_right else Side.LEFT


def _build_outline() -> Polygon:
    half = _right_half_outline()
    right = [_to_view(dx, y, mirror=False) for dx, y in half]
    # The left half runs back up from the crotch to the crown; skip the shared midline points.
    left = [_to_view(dx, y, mirror=True) for dx, y in reversed(half[1:-1])]
    return (*right, *left)


def _build_regions(view: View) -> tuple[Region, ...]:
    halves = _FRONT_HALF_REGIONS if view == "front" else _BACK_HALF_REGIONS
    out: list[Region] = []
    for muscle, poly in halves.items():
        right = tuple(_to_view(dx, y, mirror=False) for dx, y in poly)
        # Mirroring reverses the winding; reverse the points to keep every polygon clockwise.
        left = tuple(_to_view(dx, y, mirror=True) for dx, y in reversed(poly))
        out.append(Region(muscle, _person_side(view, viewer_right=False), view, left))
        out.append(Region(muscle, _person_side(view, viewer_right=True), view, right))
    return tuple(out)


_OUTLINE: Final[Polygon] = _build_outline()
_REGIONS: Final[dict[View, tuple[Region, ...]]] = {v: _build_regions(v) for v in VIEWS}


# --- Public API -----------------------------------------------------------------------------------


def _check_view(view: str) -> View:
    if view == "front":
        return "front"
    if view == "back":
        return "back"
    raise ValueError(f"view must be 'front' or 'back', not {view!r}")


def silhouette(view: View) -> list[Polygon]:
    """The body's outline on ``view`` as a list of polygons (today one: crown to feet)."""
    _check_view(view)
    return [_OUTLINE]


def regions(view: View) -> list[Region]:
    """Every tappable half-muscle on ``view``; in each muscle the viewer's left half comes first."""
    return list(_REGIONS[_check_view(view)])


def point_in_polygon(x: float, y: float, polygon: Polygon) -> bool:
    """Even-odd ray casting: whether ``(x, y)`` lies inside ``polygon``."""
    inside = False
    n = len(polygon)
    for i in range(n):
        x0, y0 = polygon[i - 1]
        x1, y1 = polygon[i]
        if (y0 > y) != (y1 > y):
            x_cross = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            if x < x_cross:
                inside = not inside
    return inside


def hit_test(view: View, x: float, y: float) -> tuple[Muscle, Side] | None:
    """The muscle and person's side under normalised point ``(x, y)``, or None off every region."""
    for region in _REGIONS[_check_view(view)]:
        if point_in_polygon(x, y, region.points):
            return region.muscle, region.side
    return None


def centroid(polygon: Polygon) -> Point:
    """The area centroid of a simple polygon (where a label sits)."""
    area2 = cx = cy = 0.0
    n = len(polygon)
    for i in range(n):
        x0, y0 = polygon[i - 1]
        x1, y1 = polygon[i]
        cross = x0 * y1 - x1 * y0
        area2 += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area2 == 0.0:
        xs, ys = zip(*polygon, strict=True)
        return (sum(xs) / n, sum(ys) / n)
    return (cx / (3.0 * area2), cy / (3.0 * area2))
