"""The charts' benchmark floor is honest: the bare replica of a chart holds the same artists, of
the same kinds, and draws the same picture (so it costs what drawing that picture costs)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from bench.replica import replica_figure, replica_png, spec_of
from crampdiary.reports import charts
from tests.reports.test_charts import NAMES, figure, half_year


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("theme", ["light", "night"])
def test_the_replica_draws_the_chart(name: str, theme: str) -> None:
    chart = figure(name, half_year(400), theme=theme)
    ours = pixels(charts.figure_png(chart))
    spec = spec_of(chart)
    copy = pixels(replica_png(spec))
    assert copy.shape == ours.shape
    # Same picture: only the drawing order of a few overlapping artists may differ.
    assert np.abs(ours - copy).mean() < 2.0
    differing = (np.abs(ours - copy).max(axis=2) > 40).mean()
    assert differing < 0.02, f"{differing:.1%} of the pixels differ"
    # Nothing but the figure's own artists: no axes, no extra texts.
    assert len(spec.artists) == charts.drawn_artists(chart)
    bare = replica_figure(spec)
    assert not bare.axes
    assert len(bare.get_children()) == len(spec.artists) + 1  # and the figure's background


def test_a_blank_figure_differs_from_its_chart() -> None:
    """The comparison above can fail: an empty replica does not pass for the chart."""
    chart = figure("weekly_trend", half_year(400))
    spec = spec_of(chart)
    spec.artists = [a for a in spec.artists if a[0] != "text"]
    differing = (np.abs(pixels(charts.figure_png(chart)) - pixels(replica_png(spec))) > 40).mean()
    assert differing > 0.005
