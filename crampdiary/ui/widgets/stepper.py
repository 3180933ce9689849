"""A number with large − and + buttons, a box to type it, and optionally "Not known".

``text`` is the source of truth (what the box shows; "" means not known), so a typed value that is
out of range stays visible for validation to explain instead of being silently clamped. The
buttons step from the current value (or ``start`` when empty) and stay within ``minimum`` and
``maximum``.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.ui.kvload import load_kv


def format_number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class Stepper(BoxLayout):
    text = StringProperty("")
    step = NumericProperty(1)
    minimum = NumericProperty(0)
    maximum = NumericProperty(100)
    start = NumericProperty(0)
    decimals = NumericProperty(0)
    unit = StringProperty("")
    allow_unknown = BooleanProperty(False)
    unknown_text = StringProperty("Not known")
    hint = StringProperty("")

    def step_by(self, direction: int) -> None:
        try:
            current = float(self.text.strip().replace(",", "."))
        except ValueError:
            current = None
        if current is None:
            value = self.start
        else:
            # Snap to the step grid first so 2.3 + 0.5 gives 2.5, not 2.8.
            steps = round(current / self.step, 6)
            snapped = (int(steps) + (1 if direction > 0 else 0)) if steps != int(steps) else None
            value = snapped * self.step if snapped is not None else current + direction * self.step
        value = min(max(value, self.minimum), self.maximum)
        self.text = format_number(value, int(self.decimals))

    def set_unknown(self) -> None:
        self.text = ""
        # The toggle flips itself when pressed; "Not known" is shown chosen whatever it did.
        self.ids.unknown_button.state = "down"


load_kv("widgets/stepper.kv")
