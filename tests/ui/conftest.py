"""Drives the real app in a real Kivy window (offscreen without a display).

Kivy allows one window per process, so one ``CrampDiaryApp`` is started for the whole session;
each test gets a fresh diary file (``ui`` fixture) and a controllable clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest


class FakeClock:
    """The app's clock: fixed unless a test moves it (the app reads it through ``app.clock``)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture(scope="session")
def kivy_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from kivy.config import Config

    # Created square and as tall as a portrait tablet: the offscreen driver never grows the
    # window's framebuffer, so a window made 1280x800 renders 800x1280 with its top cut off.
    Config.set("graphics", "width", "1280")
    Config.set("graphics", "height", "1280")
    Config.set("kivy", "exit_on_escape", "0")
    from kivy.base import EventLoop, stopTouchApp

    from crampdiary.ui.app_shell import CrampDiaryApp

    clock = FakeClock(datetime(2026, 11, 22, 10, 0))
    first = tmp_path_factory.mktemp("diary") / "start.db"
    app = CrampDiaryApp(db_target=str(first), clock=clock)
    app._run_prepare()
    EventLoop.idle()
    yield app
    app.stop()
    stopTouchApp()


@dataclass
class UI:
    """A handle on the running app for one test."""

    app: Any
    clock: FakeClock
    db_path: Path

    def pump(self, frames: int = 3) -> None:
        from kivy.base import EventLoop

        for _ in range(frames):
            EventLoop.idle()

    def wait_until(self, condition: Callable[[], Any], timeout: float = 60.0) -> Any:
        """Run frames until ``condition()`` is truthy (background work comes back via Clock)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(1)
            value = condition()
            if value:
                return value
            time.sleep(0.01)
        raise AssertionError(f"timed out waiting for {condition}")

    def idle(self) -> None:
        """Wait until the background runner has nothing left and its results are delivered."""
        self.wait_until(lambda: self.app.runner.busy == 0)
        self.pump(3)

    @property
    def screen(self) -> Any:
        return self.app.root.navigator.current_screen

    def go(self, name: str, **params: Any) -> Any:
        screen = self.app.go(name, **params)
        self.idle()
        return screen

    def press(self, widget: Any) -> None:
        """Press and release like a finger or mouse would (dispatches on_press/on_release)."""
        widget.dispatch("on_press")
        if hasattr(widget, "state"):
            widget.state = "down"
        self.pump(1)
        if hasattr(widget, "state"):
            widget.state = "normal"
        widget.dispatch("on_release")
        self.pump(2)

    def tap(self, widget: Any) -> None:
        """A real touch at the widget's centre, through the window's event dispatch."""
        from kivy.core.window import Window
        from kivy.tests.common import UnitTestTouch

        x, y = widget.to_window(*widget.center)
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        self.pump(1)
        touch.touch_up()
        self.pump(2)
        assert Window is not None

    def resize(self, width: int, height: int) -> None:
        from kivy.core.window import Window

        Window.size = (width, height)
        self.pump(5)

    def screenshot(self, path: Path) -> Path:
        from kivy.core.window import Window

        self.pump(3)
        path.parent.mkdir(parents=True, exist_ok=True)
        Window.screenshot(str(path))
        # Kivy appends a counter to the name; return the file it wrote.
        written = sorted(path.parent.glob(path.stem + "*.png"))[-1]
        return written


@pytest.fixture
def ui(kivy_app: Any, tmp_path: Path) -> Iterator[UI]:
    """A fresh, empty diary in a fresh file, opened in the running app, on the home screen."""
    clock: FakeClock = kivy_app.clock
    clock.now = datetime(2026, 11, 22, 10, 0)
    handle = UI(kivy_app, clock, tmp_path / "diary.db")
    opened: list[Any] = []
    kivy_app.open_diary(str(handle.db_path), on_open=opened.append)
    handle.wait_until(lambda: opened)
    handle.idle()
    handle.resize(1280, 800)
    kivy_app.theme.apply("light", 1.0)
    handle.pump(3)
    yield handle
    kivy_app.root.message_bar.dismiss()
    handle.idle()
