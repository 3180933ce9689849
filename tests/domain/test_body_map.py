"""The body map: one region pair per muscle, person's sides right, a body's shape, a hit test."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampdiary.domain import Muscle, Side, body_map
from crampdiary.domain.body_map import Polygon, centroid, hit_test, point_in_polygon, regions

MAPPED = [m for m in Muscle if m is not Muscle.OTHER]


def _all_regions() -> list[body_map.Region]:
    return [r for view in body_map.VIEWS for r in regions(view)]


def test_every_muscle_but_other_has_a_left_and_a_right_half_on_one_view() -> None:
    found = {(r.muscle, r.side, r.view) for r in _all_regions()}
    for muscle in MAPPED:
        view = body_map.MUSCLE_VIEW[muscle]
        assert (muscle, Side.LEFT, view) in found
        assert (muscle, Side.RIGHT, view) in found
    assert len(found) == len(_all_regions()) == 2 * len(MAPPED)
    assert not any(r.muscle is Muscle.OTHER for r in _all_regions())
    assert set(body_map.MUSCLE_VIEW) == set(MAPPED)


@pytest.mark.parametrize("region", _all_regions(), ids=lambda r: f"{r.view}-{r.muscle}-{r.side}")
def test_a_regions_centroid_hits_that_region(region: body_map.Region) -> None:
    x, y = centroid(region.points)
    assert point_in_polygon(x, y, region.points)
    assert hit_test(region.view, x, y) == (region.muscle, region.side)


def test_sides_are_the_persons_facing_them_from_the_front_and_from_behind() -> None:
    for region in _all_regions():
        on_viewers_left = centroid(region.points)[0] < 0.5
        if region.view == "front":
            assert region.side is (Side.RIGHT if on_viewers_left else Side.LEFT)
        else:
            assert region.side is (Side.LEFT if on_viewers_left else Side.RIGHT)
    left_calf = next(r for r in regions("back") if r.muscle is Muscle.CALF and r.side is Side.LEFT)
    assert hit_test("back", *centroid(left_calf.points)) == (Muscle.CALF, Side.LEFT)
    assert centroid(left_calf.points)[0] < 0.5
    right_foot = next(
        r for r in regions("front") if r.muscle is Muscle.FOOT and r.side is Side.RIGHT
    )
    assert centroid(right_foot.points)[0] < 0.5


@pytest.mark.parametrize("view", body_map.VIEWS)
@pytest.mark.parametrize(
    ("x", "y"),
    [(0.02, 0.5), (0.98, 0.5), (0.5, 0.2), (0.5, 0.02), (0.5, 1.01), (0.02, 0.02), (0.5, -0.1)],
)
def test_points_off_the_body_miss(view: body_map.View, x: float, y: float) -> None:
    assert hit_test(view, x, y) is None
    assert not point_in_polygon(x, y, body_map.silhouette(view)[0])


@pytest.mark.parametrize("view", body_map.VIEWS)
def test_the_head_is_body_but_no_muscle(view: body_map.View) -> None:
    assert point_in_polygon(0.5, 0.93, body_map.silhouette(view)[0])
    assert hit_test(view, 0.5, 0.93) is None


def _same_mirrored(poly: Polygon, other: Polygon) -> bool:
    """Whether ``other`` holds ``poly``'s points mirrored about x = 0.5 (to rounding)."""
    mirrored = sorted((1.0 - x, y) for x, y in poly)
    return len(poly) == len(other) and all(
        abs(x0 - x1) < 1e-4 and abs(y0 - y1) < 1e-4
        for (x0, y0), (x1, y1) in zip(mirrored, sorted(other), strict=True)
    )


@pytest.mark.parametrize("view", body_map.VIEWS)
def test_body_and_regions_are_symmetric(view: body_map.View) -> None:
    (outline,) = body_map.silhouette(view)
    assert _same_mirrored(outline, outline)
    by_key = {(r.muscle, r.side): r for r in regions(view)}
    for (muscle, side), region in by_key.items():
        other = by_key[(muscle, Side.LEFT if side is Side.RIGHT else Side.RIGHT)]
        assert _same_mirrored(region.points, other.points)


def _crossings(poly: Polygon, y: float) -> int:
    return sum(
        1
        for (_, y0), (_, y1) in zip(poly, (*poly[1:], poly[0]), strict=True)
        if (y0 > y) != (y1 > y)
    )


@pytest.mark.parametrize("view", body_map.VIEWS)
def test_the_outline_has_a_head_arms_apart_and_two_legs(view: body_map.View) -> None:
    (outline,) = body_map.silhouette(view)

    def width_at(y: float) -> float:
        xs = [x for x in (i / 2000 for i in range(2001)) if point_in_polygon(x, y, outline)]
        return max(xs) - min(xs)

    assert _crossings(outline, 0.93) == 2  # head
    assert _crossings(outline, 0.85) == 2  # neck
    # The neck is narrower than the head, the head narrower than the shoulders.
    assert width_at(0.85) < width_at(0.93) < width_at(0.78)
    assert _crossings(outline, 0.62) == 6  # arm, torso, arm
    assert _crossings(outline, 0.49) == 6  # hand, hips, hand
    assert _crossings(outline, 0.44) == 8  # hand, leg, leg, hand
    assert _crossings(outline, 0.2) == 4  # two legs
    assert _crossings(outline, 0.01) == 4  # two feet


def _segments_cross(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
) -> bool:
    def orient(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


@pytest.mark.parametrize(
    "poly",
    [*(body_map.silhouette(v)[0] for v in body_map.VIEWS), *(r.points for r in _all_regions())],
)
def test_every_polygon_is_simple_and_inside_the_unit_square(poly: Polygon) -> None:
    assert len(poly) >= 3
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in poly)
    edges = list(zip(poly, (*poly[1:], poly[0]), strict=True))
    for (i, (a, b)), (j, (c, d)) in itertools.combinations(enumerate(edges), 2):
        if abs(i - j) in (1, len(edges) - 1):
            continue  # neighbours share a corner
        assert not _segments_cross(a, b, c, d), (i, j)


@pytest.mark.parametrize("view", body_map.VIEWS)
def test_regions_lie_inside_the_body_and_never_overlap(view: body_map.View) -> None:
    (outline,) = body_map.silhouette(view)
    halves = regions(view)
    # A grid offset from round numbers, so that no point sits on an edge.
    for i in range(1, 200):
        for j in range(1, 200):
            x, y = i / 200 + 0.00137, j / 200 + 0.00071
            inside = [r for r in halves if point_in_polygon(x, y, r.points)]
            assert len(inside) <= 1, (x, y, inside)
            if inside:
                assert point_in_polygon(x, y, outline), (x, y, inside[0].muscle)


@given(
    st.sampled_from(body_map.VIEWS),
    st.floats(min_value=-0.2, max_value=1.2, allow_nan=False),
    st.floats(min_value=-0.2, max_value=1.2, allow_nan=False),
)
def test_hit_test_names_the_region_holding_the_point(
    view: body_map.View, x: float, y: float
) -> None:
    hit = hit_test(view, x, y)
    holding = [(r.muscle, r.side) for r in regions(view) if point_in_polygon(x, y, r.points)]
    assert hit == (holding[0] if holding else None)
    if hit is not None:
        assert body_map.MUSCLE_VIEW[hit[0]] == view


def test_an_unknown_view_is_refused() -> None:
    with pytest.raises(ValueError, match="front"):
        regions("side")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        hit_test("top", 0.5, 0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        body_map.silhouette("left")  # type: ignore[arg-type]


def test_body_map_imports_nothing_but_the_standard_library_and_enums() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(body_map))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    ours = {m for m in imported if m.startswith("crampdiary")}
    assert ours == {"crampdiary.domain.enums"}
    assert not any(m.split(".")[0] in {"kivy", "matplotlib", "numpy"} for m in imported)
