"""Insights: the numbers for a chosen period beside the period before, today's warning signs with
their sources, and the charts as images drawn off the UI thread. Real window, real screens, real
diary file; the expected numbers and warnings come from the services, the charts' pixels from
their textures."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest

from crampdiary.domain import Context, Episode, Muscle, Side
from crampdiary.domain.enums import CONTEXT_LABELS, MUSCLE_LABELS
from crampdiary.services.demo import demo_document
from crampdiary.services.insights import current_warnings, period_comparison

TODAY = date(2026, 11, 22)
SETTLE = 90.0  # seconds: six charts on a shared, busy machine


def dp(value: float) -> float:
    from kivy.metrics import dp as kivy_dp

    return float(kivy_dp(value))


def with_demo(ui) -> None:
    ui.app.diary.import_document(demo_document(end=ui.clock(), months=12))
    ui.app.state.changed()
    ui.idle()


def open_insights(ui):
    from crampdiary.ui.navigation import ScreenName

    # The screen outlives a test (one app per session) and remembers its period: start at 4 weeks.
    ui.app.root.navigator.screen(ScreenName.INSIGHTS).period = "4w"
    ui.app.go("insights")
    ui.wait_until(ui.screen.settled, timeout=SETTLE)
    ui.pump(2)
    return ui.screen


def settle(ui) -> None:
    ui.pump(2)
    ui.wait_until(ui.screen.settled, timeout=SETTLE)
    ui.pump(2)


def shown(screen) -> dict[str, tuple[str, str, str]]:
    """Every row of the numbers table as (label, this period, before)."""
    return {k: (v.label, v.current, v.previous) for k, v in screen.ids.numbers_table.lines.items()}


def pct(x: float) -> str:
    return f"{round(x * 100)}%"


def assert_numbers_match(ui, start: date, end: date) -> None:
    screen = ui.screen
    expected = period_comparison(ui.app.diary, start, end)
    now, before = expected.current, expected.previous
    rows = shown(screen)
    assert rows["cramps"][1:] == (str(now.cramps), str(before.cramps))
    assert rows["cramps_per_week"][1:] == (
        f"{now.cramps_per_week:.1f}",
        f"{before.cramps_per_week:.1f}",
    )
    assert rows["cramp_days"][1:] == (
        f"{now.cramp_days} of {now.days}",
        f"{before.cramp_days} of {before.days}",
    )
    assert rows["cramp_nights"][1:] == (str(now.cramp_nights), str(before.cramp_nights))
    assert rows["sleep_related_share"][1] == pct(now.sleep_related_share)
    assert rows["median_duration_minutes"][1] == f"{now.median_duration_minutes:.1f} min"
    assert rows["mean_duration_minutes"][1] == f"{now.mean_duration_minutes:.1f} min"
    assert rows["mean_severity"][1] == f"{now.mean_severity:.1f} / 10"
    if before.cramps:
        assert rows["sleep_related_share"][2] == pct(before.sleep_related_share)
        assert rows["median_duration_minutes"][2] == f"{before.median_duration_minutes:.1f} min"
        assert rows["mean_severity"][2] == f"{before.mean_severity:.1f} / 10"
    else:
        assert rows["mean_severity"][2] == "no cramps"
    for field, labels in (("share_by_muscle", MUSCLE_LABELS), ("share_by_context", CONTEXT_LABELS)):
        mine, theirs = getattr(now, field), getattr(before, field)
        top = list(mine)[:3]
        keys = [k for k in rows if k.startswith(field + ":")]
        assert keys == [f"{field}:{m.value}" for m in top]
        for m in top:
            label, current, previous = rows[f"{field}:{m.value}"]
            assert label == labels[m]
            assert current == pct(mine[m])
            if before.cramps:
                assert previous == pct(theirs.get(m, 0.0))
    line = screen.ids.period_text.text
    assert f"({now.days} days)" in line


def test_numbers_equal_the_service_for_4_weeks_then_a_year(ui) -> None:
    with_demo(ui)
    screen = open_insights(ui)
    assert screen.ids.period_4w.state == "down"
    assert "26 Oct to 22 Nov 2026 (28 days)" in screen.ids.period_text.text
    assert_numbers_match(ui, TODAY - timedelta(days=27), TODAY)
    assert shown(screen)["cramps"][1] == "20"  # the demo story, so the check above has teeth

    ui.tap(screen.ids.period_1y)
    settle(ui)
    assert screen.ids.period_1y.state == "down"
    assert screen.ids.period_4w.state == "normal"
    assert "23 Nov 2025 to 22 Nov 2026 (365 days)" in screen.ids.period_text.text
    assert_numbers_match(ui, date(2025, 11, 23), TODAY)
    # The demo diary starts a year ago: the year before holds (almost) nothing; the screen says so.
    assert "Your diary starts on 22 Nov 2025" in screen.ids.numbers_note.text


def test_warning_signs_are_todays_urgent_first_with_sources_on_request(ui) -> None:
    with_demo(ui)
    ui.app.diary.log_episode(
        Episode(
            started_at=datetime(2026, 11, 22, 4, 0),
            duration_minutes=15,
            muscle=Muscle.CALF,
            side=Side.LEFT,
            severity_0_10=6,
            context=Context.ASLEEP,
        )
    )
    ui.app.state.changed()
    screen = open_insights(ui)
    expected = current_warnings(ui.app.diary, TODAY)
    cards = screen.sign_cards()
    assert {c.warning_id for c in cards} == {w.id for w in expected}
    assert len(cards) == len(expected) >= 3
    assert cards[0].warning_id == "W-DURATION-LONG" and cards[0].level == "urgent"
    assert cards[0].ids.sign_level.text == "GET MEDICAL ADVICE TODAY"
    levels = [c.level for c in cards]
    rank = {"urgent": 0, "see-doctor": 1, "info": 2}
    assert levels == sorted(levels, key=rank.__getitem__)
    by_id = {w.id: w for w in expected}
    card = cards[0]
    assert card.ids.sign_title.text == by_id[card.warning_id].title
    assert card.ids.sign_message.text == by_id[card.warning_id].message
    # Sources are folded away until asked for, then every one is there.
    assert card.ids.sign_sources.text == "" and card.ids.sign_sources.opacity == 0
    assert f"({len(by_id[card.warning_id].sources)} sources)" in card.ids.sources_toggle.text
    ui.press(card.ids.sources_toggle)
    for source in by_id[card.warning_id].sources:
        assert source in card.ids.sign_sources.text
    assert card.ids.sign_sources.opacity == 1 and card.ids.sign_sources.height > 100
    ui.press(card.ids.sources_toggle)
    assert card.ids.sign_sources.text == ""
    assert screen.ids.no_signs_text.text == ""


def test_charts_are_drawn_off_the_ui_thread_at_the_image_size(ui, monkeypatch) -> None:
    from crampdiary.services import insights

    threads: list[str] = []
    real = insights.render_chart

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(insights, "render_chart", spy)
    with_demo(ui)
    screen = open_insights(ui)
    views = screen.chart_views()
    assert [v.chart for v in views] == list(insights_chart_names())
    assert threads and threading.main_thread().name not in threads
    for view in views:
        texture = view.image.texture
        assert texture is not None, view.chart
        width, height = view.pixel_size()
        assert width > 500 and height > 300
        assert tuple(texture.size) == (width, height), view.chart
        assert view.drawing is False and view.ids.chart_note.opacity == 0


def insights_chart_names():
    from crampdiary.ui.screens.insights import CHART_NAMES

    return CHART_NAMES


def test_changing_the_period_redraws_every_chart(ui) -> None:
    with_demo(ui)
    screen = open_insights(ui)
    views = screen.chart_views()
    before = {v.chart: (v.image.texture, v.image.texture.pixels) for v in views}
    ui.tap(screen.ids.period_3m)
    # While the new ones are drawn the old ones stay, faded, under a calm note.
    ui.wait_until(lambda: any(v.drawing for v in views))
    drawing = next(v for v in views if v.drawing)
    assert drawing.ids.chart_note.text == "Drawing the chart…"
    assert drawing.ids.chart_note.opacity == 1 and drawing.image.opacity < 1
    settle(ui)
    for view in views:
        old_texture, old_pixels = before[view.chart]
        assert view.image.texture is not old_texture
        assert view.image.texture.pixels != old_pixels, view.chart
        assert view.shown_key[1:3] == (date(2026, 8, 23), TODAY)


def test_charts_follow_the_theme(ui) -> None:
    with_demo(ui)
    screen = open_insights(ui)

    def corner(view) -> tuple[int, ...]:
        return tuple(view.image.texture.pixels[:3])

    assert all(corner(v) == (255, 255, 255) for v in screen.chart_views())
    ui.app.theme.apply("night")
    settle(ui)
    for view in screen.chart_views():
        red, green, blue = corner(view)
        assert max(red, green, blue) < 60, view.chart  # the dark chart palette
    ui.app.theme.apply("light")
    settle(ui)
    assert all(corner(v) == (255, 255, 255) for v in screen.chart_views())


def test_a_new_cramp_updates_numbers_and_charts(ui) -> None:
    with_demo(ui)
    screen = open_insights(ui)
    cramps = int(shown(screen)["cramps"][1])
    keys = [v.shown_key for v in screen.chart_views()]
    lines = dict(screen.ids.numbers_table.lines)
    cards = screen.sign_cards()
    assert cards, "the demo diary has warning signs"
    cards[0].toggle_sources()
    done: list = []
    ui.app.write(
        lambda: ui.app.diary.log_episode(
            Episode(
                started_at=datetime(2026, 11, 22, 9, 0),
                duration_minutes=3,
                muscle=Muscle.FOOT,
                side=Side.RIGHT,
                severity_0_10=4,
                context=Context.STANDING,
            )
        ),
        done.append,
    )
    ui.wait_until(lambda: done)
    settle(ui)
    assert shown(screen)["cramps"][1] == str(cramps + 1)
    assert all(v.shown_key != k for v, k in zip(screen.chart_views(), keys, strict=True))
    # The same rows and signs were updated where they stand (a rebuild costs the frame), and a
    # sign whose sources were open keeps them open.
    now = screen.ids.numbers_table.lines
    assert sum(now.get(k) is line for k, line in lines.items()) >= len(lines) - 2
    assert screen.sign_cards() == cards and cards[0].show_sources
    assert_numbers_match(ui, screen.start, screen.end)


def test_coming_back_redraws_only_what_changed(ui) -> None:
    with_demo(ui)
    screen = open_insights(ui)
    textures = [v.image.texture for v in screen.chart_views()]
    ui.app.go("home")
    ui.idle()
    ui.app.go("insights")
    settle(ui)
    assert [v.image.texture for v in screen.chart_views()] == textures  # nothing redrawn
    cramps = int(shown(screen)["cramps"][1])
    # Written behind the app's back (as another process would): seen on the next visit.
    ui.app.diary.log_episode(
        Episode(
            started_at=datetime(2026, 11, 21, 2, 0),
            duration_minutes=1,
            muscle=Muscle.CALF,
            side=Side.RIGHT,
            severity_0_10=3,
            context=Context.ASLEEP,
        )
    )
    ui.app.go("home")
    ui.idle()
    ui.app.go("insights")
    settle(ui)
    assert shown(screen)["cramps"][1] == str(cramps + 1)
    assert all(
        v.image.texture is not old for v, old in zip(screen.chart_views(), textures, strict=True)
    )


def test_an_empty_diary_says_so_plainly(ui) -> None:
    screen = open_insights(ui)
    assert "No cramps logged in this period" in screen.ids.numbers_note.text
    assert screen.ids.numbers_table.lines == {}
    assert screen.ids.numbers_table.height == 0
    assert screen.ids.no_signs_text.text == "No warning signs today."
    assert screen.sign_cards() == []
    # The charts still draw: each says in its own picture that there is not enough data.
    assert all(v.image.texture is not None for v in screen.chart_views())


def test_a_thin_period_says_the_numbers_cannot_say_much(ui) -> None:
    ui.app.diary.log_episode(
        Episode(
            started_at=datetime(2026, 11, 20, 3, 0),
            duration_minutes=2,
            muscle=Muscle.CALF,
            side=Side.LEFT,
            severity_0_10=5,
            context=Context.ASLEEP,
        )
    )
    ui.app.state.changed()
    screen = open_insights(ui)
    assert "Only 1 cramp in this period" in screen.ids.numbers_note.text
    assert shown(screen)["cramps"][1:] == ("1", "0")
    assert shown(screen)["mean_severity"][1:] == ("5.0 / 10", "no cramps")


def test_custom_dates_are_checked_before_they_are_used(ui) -> None:
    with_demo(ui)
    screen = open_insights(ui)
    ui.tap(screen.ids.period_custom)
    assert screen.ids.custom_box.opacity == 1
    assert screen.ids.custom_from.text == "26 Oct 2026"  # the period shown so far
    assert screen.ids.custom_to.text == "22 Nov 2026"

    def attempt(first: str, last: str) -> str:
        screen.ids.custom_from.text, screen.ids.custom_to.text = first, last
        ui.press(screen.ids.custom_apply)
        return screen.ids.custom_error_text.text

    assert "not a date I can read" in attempt("31 Feb 2026", "22 Nov 2026")
    assert "after today (22 Nov 2026)" in attempt("1 Nov 2026", "23 Nov 2026")
    assert "on or before the last date" in attempt("2 Nov 2026", "1 Nov 2026")
    assert "first date" in attempt("", "1 Nov 2026")
    assert "at most 5 years" in attempt("1 Jan 2020", "1 Nov 2026")
    assert "26 Oct to 22 Nov 2026" in screen.ids.period_text.text  # nothing applied yet

    assert attempt("1 September 2026", "2026-09-30") == ""
    settle(ui)
    assert "1 Sep to 30 Sep 2026 (30 days)" in screen.ids.period_text.text
    assert_numbers_match(ui, date(2026, 9, 1), date(2026, 9, 30))
    assert screen.chart_views()[0].shown_key[1:3] == (date(2026, 9, 1), date(2026, 9, 30))


@pytest.mark.parametrize(
    ("size", "columns"),
    [((1280, 800), 2), ((800, 1280), 1)],
)
def test_two_columns_on_a_wide_window_one_on_a_portrait_tablet(ui, size, columns) -> None:
    with_demo(ui)
    ui.resize(*size)
    screen = open_insights(ui)
    grid = screen.ids.charts_grid
    assert grid.cols == columns
    first, second = screen.chart_views()[:2]
    numbers, warnings = screen.ids.numbers_column, screen.ids.warnings_column
    if columns == 2:
        assert first.top == second.top and second.x > first.right
        assert warnings.x > numbers.right and warnings.top == numbers.top
    else:
        assert first.x == second.x and second.top <= first.y
        assert warnings.top <= numbers.y
        assert first.width > size[0] * 0.9
    for view in screen.chart_views():
        assert tuple(view.image.texture.size) == view.pixel_size()
    # Everything can be scrolled to: the page is taller than the window.
    assert screen.ids.page.height > screen.ids.scroll.height


def test_larger_text_gives_larger_charts_one_to_a_row(ui) -> None:
    with_demo(ui)
    screen = open_insights(ui)
    assert screen.ids.charts_grid.cols == 2
    normal = screen.chart_views()[0].pixel_size()
    ui.app.theme.apply("light", 1.3)
    settle(ui)
    try:
        assert screen.chart_dpi() == 130
        assert screen.ids.charts_grid.cols == 1
        width, height = screen.chart_views()[0].pixel_size()
        assert width > 1.8 * normal[0] and height <= dp(560) + 1
        for view in screen.chart_views():
            assert tuple(view.image.texture.size) == view.pixel_size()
            # At least 6.5 inches at 130 dpi: the charts keep their type at its full size.
            assert view.pixel_size()[0] / 130 >= 6.5
    finally:
        ui.app.theme.apply("light", 1.0)


def test_period_dates_end_today() -> None:
    from crampdiary.ui.screens.insights import Period, months_back, parse_day, period_dates

    assert period_dates(Period.WEEKS_4, TODAY) == (date(2026, 10, 26), TODAY)
    assert period_dates(Period.MONTHS_3, TODAY) == (date(2026, 8, 23), TODAY)
    assert period_dates(Period.YEAR, TODAY) == (date(2025, 11, 23), TODAY)
    assert period_dates(Period.MONTHS_3, date(2026, 5, 31)) == (date(2026, 3, 1), date(2026, 5, 31))
    assert months_back(date(2024, 5, 31), 3) == date(2024, 2, 29)
    assert months_back(date(2026, 1, 15), 12) == date(2025, 1, 15)
    assert parse_day(" 1  sept, 2026 ") == date(2026, 9, 1)
    with pytest.raises(ValueError, match="like 1 Sep 2026"):
        parse_day("01/09/2026")
