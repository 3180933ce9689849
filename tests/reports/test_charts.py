"""Charts: real PNGs of the size asked, themes, the thin-data message, sides, no pyplot, no lag.

``tests/conftest.py`` points MPLCONFIGDIR at a temporary folder before matplotlib is imported.
"""

from __future__ import annotations

import ast
import inspect
import io
import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from importlib import import_module
from pkgutil import iter_modules

import pytest
from PIL import Image

from crampdiary.domain import Context, Episode, Medicine, MedicineClass, Muscle, Side
from crampdiary.reports import charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
START, END = date(2025, 1, 1), date(2025, 6, 30)
STATIN = Medicine("Atorvastatin", MedicineClass.STATIN, started_on=date(2025, 4, 1))


def ep(
    when: datetime,
    muscle: Muscle = Muscle.CALF,
    side: Side = Side.LEFT,
    context: Context = Context.ASLEEP,
    litres: float | None = None,
    exercise: float | None = None,
) -> Episode:
    return Episode(
        started_at=when,
        duration_minutes=2.5,
        muscle=muscle,
        side=side,
        severity_0_10=6,
        context=context,
        hydration_litres_24h=litres,
        exercise_minutes_24h=exercise,
    )


def half_year(n: int = 300) -> list[Episode]:
    """``n`` cramps spread over START … END: mostly calf at night, some feet and daytime thighs."""
    out = []
    days = (END - START).days + 1
    for i in range(n):
        day = START + timedelta(days=(i * 7919) % days)
        hour = (22, 1, 2, 3, 4, 15)[i % 6]
        muscle = (Muscle.CALF, Muscle.CALF, Muscle.FOOT, Muscle.THIGH_BACK)[i % 4]
        side = (Side.LEFT, Side.RIGHT, Side.BOTH)[i % 3]
        context = Context.WALKING if hour == 15 else Context.ASLEEP
        out.append(
            ep(
                datetime(day.year, day.month, day.day, hour, i % 60),
                muscle,
                side,
                context,
                litres=1.0 + (i % 15) / 10,
                exercise=float(i % 4 * 15) if i % 2 else None,
            )
        )
    return out


def render(name: str, episodes: Sequence[Episode], **kw: object) -> bytes:
    if name == "medicine_before_after":
        return charts.CHARTS[name](episodes, [STATIN], START, END, **kw)
    return charts.CHARTS[name](episodes, START, END, **kw)


def figure(name: str, episodes: Sequence[Episode], **kw: object) -> charts.Figure:
    if name == "medicine_before_after":
        return charts.FIGURES[name](episodes, [STATIN], START, END, **kw)
    return charts.FIGURES[name](episodes, START, END, **kw)


def texts(fig: charts.Figure) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def decode(png: bytes) -> Image.Image:
    assert png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


NAMES = list(charts.CHARTS)


def test_the_registry_names_the_six_charts() -> None:
    assert NAMES == [
        "weekly_trend",
        "time_of_night",
        "muscle_heatmap",
        "duration_severity",
        "fluids_exercise",
        "medicine_before_after",
    ]
    assert list(charts.FIGURES) == NAMES


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("theme", ["light", "dark", "night"])
def test_each_chart_is_a_png_of_the_size_asked(name: str, theme: str) -> None:
    image = decode(render(name, half_year(), theme=theme))
    assert image.format == "PNG"
    assert image.size == (800, 450)
    corner = image.convert("RGB").getpixel((2, 2))
    assert corner == Image.new("RGB", (1, 1), charts.THEMES[theme].background).getpixel((0, 0))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("size", "dpi", "pixels"),
    [((6, 6), 50, (300, 300)), ((5, 3.5), 100, (500, 350)), ((9, 3.2), 80, (720, 256))],
)
def test_other_sizes_keep_their_pixels(
    name: str, size: tuple[float, float], dpi: int, pixels: tuple[int, int]
) -> None:
    # (5, 3.5) and (9, 3.2) are under some charts' smallest layout: laid out larger, same pixels.
    assert decode(render(name, half_year(), size=size, dpi=dpi)).size == pixels


@pytest.mark.parametrize("name", NAMES)
def test_the_two_themes_differ_and_every_text_is_at_least_12_points(name: str) -> None:
    assert render(name, half_year(), theme="light") != render(name, half_year(), theme="dark")
    from matplotlib.text import Text

    fig = figure(name, half_year())
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]
    assert sizes and min(sizes) >= 12


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_has_a_title_and_axis_words(name: str) -> None:
    words = texts(figure(name, half_year()))
    titles = {
        "weekly_trend": "Cramps per week",
        "time_of_night": "What time cramps start",
        "muscle_heatmap": "Where cramps happen",
        "duration_severity": "How long and how painful",
        "fluids_exercise": "Drinks and exercise the day before",
        "medicine_before_after": "Cramps before and after a medicine change",
    }
    assert titles[name] in words
    axis_words = {
        "weekly_trend": {"Week", "Cramps"},
        "time_of_night": {"Cramps"},
        "muscle_heatmap": {"Front", "Back", "Left", "Right"},
        "duration_severity": {"Date", "Minutes", "Pain, 0–10"},
        "fluids_exercise": {"Drinks, litres", "Exercise, minutes"},
        "medicine_before_after": {"Medicine change", "Cramps"},
    }
    assert axis_words[name] <= set(words)


THIN = {
    "weekly_trend": "Not enough entries yet to show a trend — 2 cramps in this period",
    "time_of_night": "Not enough entries yet to show the time of night — 2 cramps in this period",
    "duration_severity": "Not enough entries yet to show how long and how painful cramps were — "
    "2 cramps in this period",
    "fluids_exercise": "No drinks or exercise logged in this period — "
    "add them when you log a cramp",
    "medicine_before_after": "No medicine start or stop dates in this period",
}


@pytest.mark.parametrize("name", list(THIN))
def test_thin_data_shows_the_message_instead_of_a_plot(name: str) -> None:
    two = [ep(datetime(2025, 3, 4, 3)), ep(datetime(2025, 3, 9, 2))]
    if name == "medicine_before_after":
        fig = charts.FIGURES[name](two, [], START, END)
    else:
        fig = figure(name, two)
    shown = " ".join(" ".join(texts(fig)).split())  # the message is wrapped to the plot's width
    assert THIN[name] in shown
    assert decode(charts.figure_png(fig)).size == (800, 450)
    full = " ".join(texts(figure(name, half_year())))
    assert "Not enough" not in full and "No drinks" not in full and "No medicine" not in full


def test_the_body_map_shows_no_counts_and_says_so_without_cramps() -> None:
    fig = charts.FIGURES["muscle_heatmap"]([], START, END)
    shown = texts(fig)
    assert "No cramps logged in this period" in " ".join(" ".join(shown).split())
    assert not any(t.isdigit() for t in shown)


def test_the_body_map_puts_each_persons_side_where_it_belongs() -> None:
    # Back view: the person's right calf is on the viewer's right. Front view: the right foot is
    # on the viewer's left.
    episodes = [ep(datetime(2025, 3, d, 3), Muscle.CALF, Side.RIGHT) for d in range(1, 4)]
    episodes += [ep(datetime(2025, 3, 9, 3), Muscle.CALF, Side.LEFT)]
    episodes += [ep(datetime(2025, 3, d, 3), Muscle.FOOT, Side.RIGHT) for d in range(10, 15)]
    fig = charts.FIGURES["muscle_heatmap"](episodes, START, END)
    from matplotlib.text import Text

    where = {}
    for t in fig.findobj(Text):
        if t.get_text() in {"3", "1", "5"} and t.get_fontweight() == "bold":
            x, _ = t.get_transform().transform(t.get_position())
            where.setdefault(t.get_text(), []).append(x)
    right_calf, left_calf, right_foot = where["3"][0], where["1"][0], min(where["5"])
    assert right_calf > left_calf  # back view
    width = fig.get_size_inches()[0] * fig.dpi
    assert right_foot < width / 4  # front view, on the viewer's left


def test_the_medicine_chart_shows_exact_before_and_after_counts() -> None:
    before = [ep(datetime(2025, 3, 4 + i, 3)) for i in range(0, 20, 3)]  # 7 in March
    after = [ep(datetime(2025, 4, 1 + i, 3)) for i in range(0, 20, 2)]  # 10 from 1 April
    fig = charts.FIGURES["medicine_before_after"](before + after, [STATIN], START, END)
    shown = texts(fig)
    assert "Cramps in the 28 days before and the 28 days after each change" in shown
    assert "7" in shown and "10" in shown
    assert any("Atorvastatin" in t and "started 1 Apr 2025" in t for t in shown)


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


@pytest.mark.parametrize("name", NAMES)
def test_the_night_theme_draws_on_the_apps_night_background(name: str) -> None:
    image = decode(render(name, half_year(), theme="night")).convert("RGB")
    assert image.getpixel((2, 2)) == rgb("#0B0805")  # PALETTES["night"]["bg"] in ui/theme.py
    assert render(name, half_year(), theme="night") != render(name, half_year(), theme="dark")


def test_the_apps_night_theme_draws_its_charts_in_the_night_palette() -> None:
    from crampdiary.services.insights import chart_theme

    assert [chart_theme(name) for name in ("light", "dark", "night")] == ["light", "dark", "night"]
    assert charts.get_theme(chart_theme("night")).background == "#0B0805"
    assert chart_theme("sepia") == "light"


def test_the_night_palette_is_warm_and_dim_and_its_series_differ_in_lightness() -> None:
    night = charts.THEMES["night"]
    assert charts.get_theme("night") is night

    def lightness(colour: str) -> float:  # relative luminance, as WCAG defines it
        def channel(v: int) -> float:
            c = v / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in rgb(colour))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a: str, b: str) -> float:
        hi, lo = sorted((lightness(a), lightness(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    inks = [night.text, night.muted, night.primary, night.secondary, night.trend, night.heat_high]
    for ink in inks:
        r, g, b = rgb(ink)
        assert r >= g >= b  # amber to wheat: no blue, no grey-white
        assert lightness(ink) <= lightness("#F2DCB8")  # nothing brighter than pale wheat
    assert contrast(night.text, night.background) >= 7
    assert contrast(night.muted, night.background) >= 4.5
    for series_colour in (night.primary, night.secondary, night.trend, night.partial):
        assert contrast(series_colour, night.background) >= 2.5
    # Told apart by lightness (which colour-blind eyes keep), not by hue alone.
    assert contrast(night.secondary, night.primary) >= 1.6
    assert contrast(night.trend, night.primary) >= 1.6
    assert contrast(night.primary, night.partial) >= 2


def week_bars(fig: charts.Figure) -> list[tuple[float, str]]:
    """The weekly chart's bars as ``(width in inches, colour)``."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_hex

    bars = []
    for collection in fig.findobj(PolyCollection):
        if collection.get_zorder() != 2:  # the legend's swatches
            continue
        transform = collection.get_transform() - fig.dpi_scale_trans
        for path, face in zip(collection.get_paths(), collection.get_facecolors(), strict=False):
            xs = transform.transform(path.vertices)[:, 0]
            bars.append((float(xs.max() - xs.min()), to_hex(face).upper()))
    return bars


@pytest.mark.parametrize("theme", ["light", "night"])
def test_a_part_week_too_thin_to_see_has_no_bar_and_no_legend_entry(theme: str) -> None:
    # A year from a Sunday: the first week is one day, a bar a fraction of a pixel wide.
    start, end = date(2025, 11, 23), date(2026, 11, 22)
    year = [ep(datetime(2025, 11, 23, 3))]
    year += [
        ep(datetime.combine(start + timedelta(days=d), datetime.min.time()))
        for d in range(1, 365, 3)
    ]
    fig = charts.FIGURES["weekly_trend"](year, start, end, theme=theme)
    part_week = charts.THEMES[theme].partial.upper()
    assert "Part-week" not in texts(fig)
    assert not [w for w, colour in week_bars(fig) if colour == part_week]
    assert "123 cramps" in " ".join(texts(fig))  # its cramp is still counted in the total


@pytest.mark.parametrize("theme", ["light", "night"])
def test_a_part_week_wide_enough_to_see_keeps_its_bar_and_legend_entry(theme: str) -> None:
    # Half a year from a Friday: the first week is three days of about 180, plainly visible.
    start, end = date(2025, 1, 3), date(2025, 6, 29)
    fig = charts.FIGURES["weekly_trend"](half_year(), start, end, theme=theme)
    part_week = charts.THEMES[theme].partial.upper()
    assert "Part-week" in texts(fig)
    widths = [w for w, colour in week_bars(fig) if colour == part_week]
    assert len(widths) == 1 and widths[0] >= charts.MIN_PART_WEEK_INCHES


def test_the_time_of_night_subtitle_breaks_between_its_parts() -> None:
    # At 6.2 inches the busiest hour goes to a line of its own, never "am" alone.
    fig = figure("time_of_night", half_year(), size=(6.2, 3.8))
    subtitle = next(t for t in texts(fig) if "most often" in t)
    lines = subtitle.split("\n")
    assert len(lines) == 2
    assert lines[1].startswith("most often between") and lines[1].endswith(("am", "pm"))
    assert not any(line.strip() in {"am", "pm"} for line in lines)
    assert "\n" not in next(t for t in texts(figure("time_of_night", half_year())) if "most" in t)


def demo_year() -> tuple[list[Episode], list[Medicine]]:
    from crampdiary.services.demo import demo_document

    doc = demo_document(end=datetime(2026, 11, 22, 10, 0), months=12)
    return list(doc.episodes), list(doc.medicines)


@pytest.mark.parametrize("size", [(8, 4.5), (6.2, 3.8)])
def test_the_fluids_labels_sit_clear_of_the_dots_and_the_middle_bars(
    size: tuple[float, float],
) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.text import Text

    episodes, _ = demo_year()
    fig = charts.FIGURES["fluids_exercise"](
        episodes, date(2025, 11, 23), date(2026, 11, 22), size=size
    )
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [
        t for t in fig.findobj(Text) if t.get_text().startswith("middle") or t.get_text() == "1.6 L"
    ]
    assert len(labels) == 5  # a middle for each row of each panel, and the 1.6 litres line
    dots, bars = [], []
    for line in fig.findobj(Line2D):
        xy = line.get_transform().transform(line.get_xydata())
        if line.get_marker() == "o":
            dots.extend(xy)
        elif line.get_linewidth() == 3:  # a middle bar
            bars.append(((xy[:, 0].min(), xy[:, 1].min()), (xy[:, 0].max(), xy[:, 1].max())))
    assert len(dots) > 100 and len(bars) == 4
    room = 4.0  # pixels: a dot's radius, or clear space beside a bar
    for label in labels:
        box = label.get_window_extent(renderer)
        for x, y in dots:
            assert not (box.x0 - room <= x <= box.x1 + room and box.y0 - room <= y <= box.y1 + room)
        for (x0, y0), (x1, y1) in bars:
            apart = x1 + room < box.x0 or box.x1 < x0 - room
            assert apart or y1 + room < box.y0 or box.y1 < y0 - room, label.get_text()
        for other in labels:
            if other is not label:
                assert not box.overlaps(other.get_window_extent(renderer))


def test_the_weekly_chart_names_its_trend() -> None:
    shown = " ".join(texts(figure("weekly_trend", half_year())))
    assert "Trend: from about" in shown and "a week" in shown


@pytest.mark.parametrize("name", NAMES)
def test_thousands_of_cramps_add_no_artists(name: str) -> None:
    """Collections and single lines, never an artist per cramp: 5,000 draw like 300."""
    many = half_year(5000)
    n_many = charts.drawn_artists(figure(name, many))
    n_some = charts.drawn_artists(figure(name, half_year(300)))
    assert n_many <= 80
    assert abs(n_many - n_some) <= 2


def test_the_bare_floor_is_a_png_of_the_same_size() -> None:
    assert decode(charts.bare_figure_png((8, 4.5), 100, 40)).size == (800, 450)
    assert decode(charts.bare_figure_png((6, 6), 50, 0)).size == (300, 300)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="theme"):
        charts.weekly_trend([], START, END, theme="sepia")
    with pytest.raises(ValueError, match="positive"):
        charts.time_of_night([], START, END, size=(0, 4))
    with pytest.raises(ValueError, match="ends"):
        charts.muscle_heatmap([], END, START)


def _imports(module: object) -> set[str]:
    tree = ast.parse(inspect.getsource(module))  # type: ignore[arg-type]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_no_pyplot_anywhere_in_the_source() -> None:
    from crampdiary.analysis import series
    from crampdiary.domain import body_map

    parts = [import_module(f"{charts.__name__}.{m.name}") for m in iter_modules(charts.__path__)]
    assert len(parts) >= 5  # the package's modules, not only its __init__
    for module in (charts, *parts, series, body_map):
        assert not any("pyplot" in name for name in _imports(module))
        assert "pyplot" not in inspect.getsource(module).replace("never ``pyplot``", "")


def _run(code: str) -> str:
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.strip()


def test_rendering_never_loads_pyplot_and_importing_loads_no_matplotlib() -> None:
    code = """
import sys
from datetime import date, datetime
from crampdiary.domain import Context, Episode, Muscle, Side
from crampdiary.reports import charts
from crampdiary.analysis import series
from crampdiary.domain import body_map
print("matplotlib" in sys.modules, end=" ")
e = [Episode(datetime(2025, 3, d, 3), 2.0, Muscle.CALF, Side.LEFT, 5, Context.ASLEEP,
             hydration_litres_24h=1.5) for d in range(1, 29)]
for name, draw in charts.CHARTS.items():
    args = (e, [], date(2025, 3, 1), date(2025, 3, 31)) if name == "medicine_before_after" \\
        else (e, date(2025, 3, 1), date(2025, 3, 31))
    assert draw(*args, theme="dark").startswith(b"\\x89PNG")
print("matplotlib" in sys.modules, "matplotlib.pyplot" in sys.modules)
"""
    assert _run(code) == "False True False"
