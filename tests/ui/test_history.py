"""History: filters (muscle, situation, dates, notes) show exactly what the database holds;
delete and undo; the calendar circles the cramp days; a tap opens the cramp; ten years load in
the background and the list recycles its rows."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timedelta

import pytest

from crampdiary.domain import Context, Episode, Muscle, Side
from crampdiary.services.demo import demo_document


def settle(ui, timeout: float = 60.0) -> None:
    """``ui.idle()`` with room for a busy shared machine, where software GL can spend seconds
    on one frame: wait until the runner has nothing left, then draw a few frames."""
    ui.wait_until(lambda: ui.app.runner.busy == 0, timeout=timeout)
    ui.pump(3)


def go(ui, name: str, **params):
    screen = ui.app.go(name, **params)
    settle(ui)
    return screen


def cramp(day: str, hour: int, muscle: Muscle, context: Context, notes: str = "") -> Episode:
    return Episode(
        started_at=datetime.fromisoformat(day).replace(hour=hour, minute=10),
        duration_minutes=2,
        muscle=muscle,
        side=Side.LEFT,
        severity_0_10=7,
        context=context,
        notes=notes,
    )


DIARY = [
    cramp("2026-11-21", 3, Muscle.CALF, Context.ASLEEP, "woke me at 3, stretched"),
    cramp("2026-11-21", 5, Muscle.FOOT, Context.ASLEEP),
    cramp("2026-11-18", 15, Muscle.CALF, Context.WALKING, "long walk with the dog"),
    cramp("2026-11-10", 22, Muscle.THIGH_BACK, Context.IN_BED_AWAKE),
    cramp("2026-10-02", 3, Muscle.CALF, Context.ASLEEP, "Dog barked, calf again"),
    cramp("2026-06-15", 14, Muscle.FOOT, Context.EXERCISING),
    cramp("2025-01-05", 2, Muscle.CALF, Context.ASLEEP),
]


@pytest.fixture
def history(ui):
    for episode in DIARY:
        ui.app.diary.log_episode(episode)
    ui.app.state.changed()
    screen = go(ui, "history")
    settle(ui)
    return screen


def shown_ids(screen) -> list[str]:
    return [
        row["episode_id"]
        for row in screen.ids.episode_list.data
        if row["viewclass"] == "HistoryEpisodeRow"
    ]


def row_texts(screen) -> list[str]:
    return [row["text"] for row in screen.ids.episode_list.data]


def db_ids(ui, start=None, end=None, **filters) -> list[str]:
    episodes = ui.app.diary.episodes(start, end, newest_first=True, **filters)
    return [e.id for e in episodes]


def row_view(ui, screen, episode_id: str):
    def find():
        for view in screen.ids.episode_list.layout_manager.children:
            if getattr(view, "episode_id", None) == episode_id:
                return view
        return None

    return ui.wait_until(find, timeout=60)


def test_opens_on_the_last_four_weeks_grouped_by_day_in_plain_words(ui, history) -> None:
    assert shown_ids(history) == db_ids(ui, date(2026, 10, 26), date(2026, 11, 22))
    assert len(shown_ids(history)) == 4
    texts = row_texts(history)
    assert texts[0] == "Saturday 21 November 2026"
    assert history.ids.episode_list.data[0]["count_text"] == "2 cramps"
    assert texts[1] == "Sat 21 Nov 2026, 05:10 · Foot (left) · 2 min · 7/10 · Asleep"
    assert texts[2] == "Sat 21 Nov 2026, 03:10 · Calf (left) · 2 min · 7/10 · Asleep"
    assert history.ids.episode_list.data[2]["notes"] == "woke me at 3, stretched"
    assert texts[3] == "Wednesday 18 November 2026"
    assert "4 cramps on 3 days" in history.ids.history_summary.text


def test_filter_by_muscle(ui, history) -> None:
    bar = history.ids.filter_bar
    ui.press(bar.ids.range_all)
    settle(ui)
    assert len(shown_ids(history)) == len(DIARY)
    bar.ids.muscle_filter.text = "Calf"  # what picking "Calf" in the drop-down does
    settle(ui)
    ids = shown_ids(history)
    assert ids == db_ids(ui, muscles=[Muscle.CALF])
    assert len(ids) == 4
    assert all(" · Calf (left) · " in text for text in row_texts(history) if "·" in text)


def test_filter_by_situation(ui, history) -> None:
    bar = history.ids.filter_bar
    ui.press(bar.ids.range_all)
    bar.ids.context_filter.text = "Asleep (woke me)"
    settle(ui)
    ids = shown_ids(history)
    assert ids == db_ids(ui, contexts=[Context.ASLEEP])
    assert len(ids) == 4
    bar.ids.muscle_filter.text = "Foot"
    settle(ui)
    assert shown_ids(history) == db_ids(ui, muscles=[Muscle.FOOT], contexts=[Context.ASLEEP])
    assert len(shown_ids(history)) == 1


def test_filter_by_date_range_typed_and_quick(ui, history) -> None:
    bar = history.ids.filter_bar
    bar.ids.from_input.text = "2026-06-01"
    bar.ids.to_input.text = "2026-10-31"
    bar.ids.to_input.dispatch("on_text_validate")
    settle(ui)
    assert bar.range_name == "custom"
    ids = shown_ids(history)
    assert ids == db_ids(ui, date(2026, 6, 1), date(2026, 10, 31))
    assert len(ids) == 2
    ui.press(bar.ids.range_1y)
    settle(ui)
    assert bar.from_text == "2025-11-23" and bar.to_text == "2026-11-22"
    assert shown_ids(history) == db_ids(ui, date(2025, 11, 23), date(2026, 11, 22))
    assert len(shown_ids(history)) == 6
    ui.press(bar.ids.range_3m)
    settle(ui)
    assert shown_ids(history) == db_ids(ui, date(2026, 8, 23), date(2026, 11, 22))


def test_a_bad_date_says_what_is_wrong_and_keeps_the_list(ui, history) -> None:
    bar = history.ids.filter_bar
    before = shown_ids(history)
    bar.ids.from_input.text = "21/11/2026"
    bar.ids.from_input.dispatch("on_text_validate")
    settle(ui)
    assert bar.ids.filter_message.text == "From: must be a date like 2026-08-01."
    assert shown_ids(history) == before
    bar.ids.from_input.text = "2026-12-01"
    bar.ids.to_input.text = "2026-11-01"
    bar.ids.to_input.dispatch("on_text_validate")
    settle(ui)
    assert "must not be before" in bar.ids.filter_message.text
    assert shown_ids(history) == before
    ui.press(bar.ids.range_4w)
    settle(ui)
    assert bar.ids.filter_message.text == ""
    assert shown_ids(history) == before
    bar.ids.from_input.text = "2026-0"  # half typed, then the same quick range again
    ui.press(bar.ids.range_4w)
    settle(ui)
    assert (bar.ids.from_input.text, bar.ids.to_input.text) == ("2026-10-26", "2026-11-22")


def test_search_in_notes(ui, history) -> None:
    bar = history.ids.filter_bar
    ui.press(bar.ids.range_all)
    bar.ids.search_input.text = "dog"
    # The search runs once typing pauses.
    ui.wait_until(lambda: len(shown_ids(history)) == 2, timeout=60)
    assert shown_ids(history) == db_ids(ui, text="dog")
    notes = [row["notes"] for row in history.ids.episode_list.data if "notes" in row]
    assert all("dog" in n.lower() for n in notes)
    bar.ids.search_input.text = "nothing like this"
    bar.ids.search_input.dispatch("on_text_validate")
    settle(ui)
    assert shown_ids(history) == []
    assert history.ids.history_summary.text == "No cramps match these choices."
    ui.press(bar.ids.clear_filters)
    settle(ui)
    assert len(shown_ids(history)) == 4 and bar.search_text == ""


def test_delete_then_undo_from_the_list(ui, history) -> None:
    diary = ui.app.diary
    target = DIARY[2]  # 18 Nov, the only cramp that day
    ui.press(row_view(ui, history, target.id).ids.delete_button)
    assert target.id not in shown_ids(history)  # gone at once
    settle(ui)
    assert diary.get_episode(target.id) is None
    assert target.id not in shown_ids(history)
    assert "Wednesday 18 November 2026" not in row_texts(history)
    bar = ui.app.root.message_bar
    assert bar.text == "Cramp deleted." and bar.action_text == "Undo"
    ui.press(bar.ids.message_action)
    settle(ui)
    assert diary.get_episode(target.id) == target  # same id, same fields
    assert target.id in shown_ids(history)
    assert shown_ids(history) == db_ids(ui, date(2026, 10, 26), date(2026, 11, 22))


def test_calendar_circles_the_cramp_days_and_a_tap_filters_to_that_day(ui, history) -> None:
    calendar = history.ids.calendar
    assert calendar.title == "November 2026"
    marked = {cell.day for cell in calendar.cells if cell.marked}
    assert marked == {date(2026, 11, 21), date(2026, 11, 18), date(2026, 11, 10)}
    assert marked == set(ui.app.diary.cramp_days(date(2026, 11, 1), date(2026, 11, 30)))
    ui.press(calendar.ids.previous_month)
    settle(ui)
    assert calendar.title == "October 2026"
    assert {cell.day for cell in calendar.cells if cell.marked} == {date(2026, 10, 2)}
    ui.press(calendar.ids.next_month)
    settle(ui)
    day = next(cell for cell in calendar.cells if cell.day == date(2026, 11, 21))
    ui.press(day)
    settle(ui)
    assert history.ids.filter_bar.from_text == history.ids.filter_bar.to_text == "2026-11-21"
    assert shown_ids(history) == db_ids(ui, date(2026, 11, 21), date(2026, 11, 21))
    assert len(shown_ids(history)) == 2 and day.selected


def test_tapping_a_cramp_opens_it(ui, history, monkeypatch) -> None:
    opened: list[tuple[str, dict]] = []
    monkeypatch.setattr(ui.app, "go", lambda name, **params: opened.append((name, params)))
    view = row_view(ui, history, DIARY[0].id)
    ui.tap(view.ids.row_text)
    ui.wait_until(lambda: opened, timeout=60)
    assert opened == [("episode", {"episode": DIARY[0]})]


def test_ten_years_load_in_the_background_and_rows_are_recycled(ui, monkeypatch) -> None:
    diary = ui.app.diary
    document = demo_document(end=ui.clock(), months=120)
    start = document.episodes[0].started_at
    extra = [
        Episode(
            started_at=start + timedelta(hours=17 * i + 5),
            duration_minutes=1.5,
            muscle=Muscle.CALF,
            side=Side.RIGHT,
            severity_0_10=4,
            context=Context.RESTING,
        )
        for i in range(4000)
    ]
    diary.import_document(document)
    diary.import_document(type(document)(tuple(extra)))
    total = len(diary.episodes())
    assert total >= 5000
    from crampdiary.ui.screens import history as history_module

    screen = go(ui, "history")
    settle(ui)
    threads: dict[str, str] = {}
    real_rows = history_module.history_rows

    def watched_rows(*args, **kwargs):
        threads["rows"] = threading.current_thread().name
        return real_rows(*args, **kwargs)

    monkeypatch.setattr(history_module, "history_rows", watched_rows)
    began = time.perf_counter()
    screen.ids.filter_bar.choose_range("all")  # the UI thread only asks...
    asked_in = time.perf_counter() - began
    settle(ui)
    assert threads["rows"] != threading.main_thread().name  # ...the worker loads and builds
    assert asked_in < 0.2
    assert len(shown_ids(screen)) == total
    rv = screen.ids.episode_list
    assert len(rv.data) == total + len(diary.cramp_days(date(1900, 1, 1), date(2100, 1, 1)))
    rv.scroll_y = 0  # to the oldest cramp
    ui.pump(5)
    assert len(rv.layout_manager.children) < 60  # only what fits on screen is a widget
    texts = [getattr(v, "text", "") for v in rv.layout_manager.children]
    oldest = diary.episodes(limit=1)[0]
    assert f"{oldest.started_at:%a} {oldest.started_at.day} {oldest.started_at:%b %Y}" in " ".join(
        texts
    )


def test_an_empty_diary_says_so_plainly(ui) -> None:
    screen = go(ui, "history")
    assert shown_ids(screen) == []
    assert screen.ids.history_summary.text == "No cramps in these dates."
    assert not any(cell.marked for cell in screen.ids.calendar.cells)
    assert screen.ids.calendar.summary == "No cramps this month"
