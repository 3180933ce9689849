"""Starting on an existing diary: home shows its data read straight from the file while the diary
opens behind it, holds taps until it is open (then plays them back), and drops them if it cannot
be opened. The real open is held back by a gate, so each moment can be looked at."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crampdiary.services import Diary
from crampdiary.services.demo import demo_document
from crampdiary.storage import DiaryUnreadable

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots" / "first-look"


@pytest.fixture
def gate(monkeypatch) -> Iterator[dict[str, Any]]:
    """Once armed (``start_on``), Diary.open waits until ``gate["open"]`` is set (then raises
    ``gate["error"]`` if one is given)."""
    real_open = Diary.open.__func__  # type: ignore[attr-defined]
    state: dict[str, Any] = {"open": threading.Event(), "error": None, "calls": 0, "armed": False}

    def held_open(cls, *args, **kwargs):
        if not state["armed"]:
            return real_open(cls, *args, **kwargs)
        state["calls"] += 1
        assert state["open"].wait(60)
        if state["error"] is not None:
            raise state["error"]
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Diary, "open", classmethod(held_open))
    yield state
    state["open"].set()


@pytest.fixture
def demo_file(tmp_path: Path, ui) -> Path:
    path = tmp_path / "existing.db"
    diary = Diary.open(path, clock=ui.clock)
    diary.import_document(demo_document(end=ui.clock(), months=12))
    diary.save_settings({"app.theme": "dark"})
    diary.close()
    return path


def start_on(ui, gate: dict[str, Any], path: Path) -> None:
    """As when the app starts on ``path``: nothing open yet, then the start-up path, with the
    real open held at the gate."""
    gate["armed"] = True
    app = ui.app
    old = app.state.diary
    app.state.diary = None
    app.runner.submit(old.close)
    ui.idle()
    app.open_at_start(str(path))


def first_look_shown(ui) -> bool:
    app = ui.app
    return bool(
        app.preview is not None
        and app.root.navigator.current == "home"
        and ui.screen.loaded
        and app.input_hold.active
    )


def what_home_shows(home) -> dict[str, Any]:
    return {
        "week": [home.ids[name].number for name in ("week_cramps", "week_days", "week_nights")],
        "recent": [row.text for row in home.recent_rows()],
        "hint": home.ids.cramp_now_hint.text,
    }


@pytest.fixture(autouse=True)
def _never_leave_input_held(kivy_app) -> Iterator[None]:
    yield
    kivy_app.input_hold.release(play_back=False)
    kivy_app.preview = None


def test_home_shows_the_file_while_the_diary_opens_then_the_same_from_the_diary(
    ui, gate, demo_file
) -> None:
    start_on(ui, gate, demo_file)
    ui.wait_until(lambda: first_look_shown(ui) and gate["calls"] == 1)
    app, home = ui.app, ui.screen
    assert app.diary is None  # nothing can be written yet
    ui.wait_until(lambda: app.root.busy == 1)  # the busy line: the diary is on its way
    assert app.theme.name == "dark"  # the diary's own preferences, from the first frame
    first_look = what_home_shows(home)
    first_warnings = [w.id for w in app.state.warnings]
    assert first_look["week"] != ["0", "0", "0"] and len(first_look["recent"]) == 5
    assert first_warnings, "the demo diary raises warning signs"
    for size in ((1280, 800), (800, 1280)):
        ui.resize(*size)
        ui.screenshot(SHOTS / f"first-look-dark-{size[0]}x{size[1]}.png")
    ui.resize(1280, 800)

    gate["open"].set()
    ui.wait_until(lambda: app.diary is not None)
    assert not app.input_hold.active and app.preview is None
    assert home.loaded, "home never blanks between the first look and the open diary"
    ui.idle()
    assert what_home_shows(home) == first_look
    assert [w.id for w in app.state.warnings] == first_warnings
    assert app.root.busy == 0


def test_a_tap_during_the_first_look_is_played_back_once_the_diary_is_open(
    ui, gate, demo_file
) -> None:
    start_on(ui, gate, demo_file)
    ui.wait_until(lambda: first_look_shown(ui) and gate["calls"] == 1)
    ui.tap(ui.screen.ids.log_button)
    ui.pump(5)
    assert ui.app.root.navigator.current == "home"  # held, not lost
    gate["open"].set()
    ui.wait_until(lambda: ui.app.root.navigator.current == "episode")
    ui.idle()
    assert ui.screen.episode is None  # the new-cramp form, as "Log a cramp from earlier" opens
    ui.app.back()
    ui.idle()


def test_held_touches_are_played_back_where_each_step_happened(ui) -> None:
    """Kivy moves a touch object in place: played back, each step must be where it was then (a
    swipe that ends on a button must not come back as a tap on it)."""
    from kivy.core.window import Window
    from kivy.tests.common import UnitTestTouch

    seen: list[tuple[str, tuple[int, int]]] = []

    def record(kind):
        return lambda _window, touch: seen.append((kind, tuple(map(round, touch.pos)))) and False

    hold = ui.app.input_hold
    hold.start()
    touch = UnitTestTouch(200, 600)
    touch.touch_down()
    ui.pump(1)
    touch.touch_move(400, 300)
    ui.pump(1)
    touch.touch_up()
    ui.pump(2)
    uids = [
        Window.fbind("on_touch_down", record("down")),
        Window.fbind("on_touch_move", record("move")),
        Window.fbind("on_touch_up", record("up")),
    ]
    assert seen == []  # held: no widget saw it
    hold.release(play_back=True)
    for name, uid in zip(("on_touch_down", "on_touch_move", "on_touch_up"), uids, strict=True):
        Window.unbind_uid(name, uid)
    assert [kind for kind, _ in seen] == ["down", "move", "up"]
    (_, down), (_, move), (_, up) = seen
    assert abs(down[0] - 200) <= 1 and abs(down[1] - 600) <= 1
    assert abs(move[0] - 400) <= 1 and abs(move[1] - 300) <= 1 and up == move


def test_a_diary_that_then_fails_to_open_drops_the_held_taps(ui, gate, demo_file) -> None:
    start_on(ui, gate, demo_file)
    ui.wait_until(lambda: first_look_shown(ui) and gate["calls"] == 1)
    ui.tap(ui.screen.ids.log_button)
    gate["error"] = DiaryUnreadable(demo_file, "the file is damaged")
    gate["open"].set()
    ui.wait_until(lambda: ui.app.root.navigator.current == "problem")
    ui.idle()
    assert ui.app.root.navigator.current == "problem"  # the tap was meant for home
    assert not ui.app.input_hold.active and ui.app.preview is None
    assert "damaged" in ui.app.state.open_error
    # Home does not keep showing the first look of a diary that could not be opened.
    home = ui.app.root.navigator.get_screen("home")
    assert not home.loaded and ui.app.state.warnings == []


def test_a_new_diary_has_no_first_look(ui, gate, tmp_path: Path) -> None:
    start_on(ui, gate, tmp_path / "new.db")
    ui.pump(10)
    assert ui.app.preview is None and not ui.app.input_hold.active
    gate["open"].set()
    ui.wait_until(lambda: ui.app.diary is not None and ui.screen.name == "home")
    ui.idle()
    assert ui.screen.loaded
    assert what_home_shows(ui.screen)["week"] == ["0", "0", "0"]


@pytest.mark.parametrize("minutes_ago", [5, 180])
def test_a_timer_left_running_carries_on_or_is_forgotten_once_the_diary_is_open(
    ui, gate, tmp_path: Path, minutes_ago: int
) -> None:
    """A recent timer carries on from the first frame; an old one is forgotten, and said so,
    only once the diary is open (where forgetting it is saved), and said only once."""
    from datetime import timedelta

    from crampdiary.ui.screens.home import PREF_TIMER

    path = tmp_path / "timer.db"
    started = ui.clock() - timedelta(minutes=minutes_ago)
    diary = Diary.open(path, clock=ui.clock)
    diary.import_document(demo_document(end=ui.clock(), months=1))
    diary.save_settings({PREF_TIMER: started.isoformat()})
    diary.close()
    shown: list[str] = []
    bar = ui.app.root.message_bar
    watch = bar.fbind("text", lambda _bar, text: shown.append(text) if text else None)

    start_on(ui, gate, path)
    ui.wait_until(lambda: first_look_shown(ui) and gate["calls"] == 1)
    recent = minutes_ago == 5
    assert ui.screen.timing is recent
    assert shown == []
    gate["open"].set()
    ui.wait_until(lambda: ui.app.diary is not None)
    ui.idle()
    assert ui.screen.timing is recent
    if recent:
        assert shown == []
        assert ui.app.diary.settings(PREF_TIMER)[PREF_TIMER] == started.isoformat()
        ui.press(ui.screen.ids.cramp_timer.ids.cancel_timer_button)
        ui.idle()
    else:
        assert len(shown) == 1 and "was still running" in shown[0]
        assert ui.app.diary.settings(PREF_TIMER)[PREF_TIMER] == ""
    bar.unbind_uid("text", watch)
