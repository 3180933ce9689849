"""The live "Cramp now" timer: the time ticking in large figures, where it is (big chips), and one
huge "It eased — stop" button. It only shows and reports; home saves the cramp.

``started`` is when the timer started (None: stopped). The time comes from the app clock, so tests
move time by moving the clock.
"""

from __future__ import annotations

from datetime import datetime

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.domain.enums import SIDE_LABELS, Side
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.widgets import chips  # noqa: F401  (ChipGroup in kv)

TICK_SECONDS = 0.25


def format_elapsed(seconds: float) -> str:
    """mm:ss, or h:mm:ss from an hour."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class CrampTimer(BoxLayout):
    started = ObjectProperty(None, allownone=True)
    elapsed_text = StringProperty("00:00")
    started_text = StringProperty("")
    muscle = StringProperty("")
    side = StringProperty("")
    muscle_options = ListProperty()
    side_options = ListProperty(
        [(s.value, SIDE_LABELS[s]) for s in (Side.LEFT, Side.RIGHT, Side.BOTH)]
    )
    wide = BooleanProperty(False)

    __events__ = ("on_stop", "on_cancel")

    def __init__(self, **kwargs) -> None:
        self._ticker = None
        super().__init__(**kwargs)

    def on_stop(self) -> None:
        """The user pressed "It eased — stop"."""

    def on_cancel(self) -> None:
        """The user pressed "Cancel, don't save"."""

    def on_started(self, _timer, started: datetime | None) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None
        if started is None:
            self.started_text = ""
            return
        self.started_text = f"Started at {started:%H:%M}"
        self._ticker = Clock.schedule_interval(self.tick, TICK_SECONDS)
        self.tick()

    def tick(self, *_args) -> None:
        if self.started is None:
            return
        now = App.get_running_app().clock()
        self.elapsed_text = format_elapsed((now - self.started).total_seconds())

    def choose_muscle(self, muscle: str) -> None:
        self.muscle = muscle

    def choose_side(self, side: str) -> None:
        self.side = side

    def stop(self) -> None:
        self.dispatch("on_stop")

    def cancel(self) -> None:
        self.dispatch("on_cancel")


load_kv("widgets/cramp_timer.kv")
