"""A group of large toggle chips: one choice (context, side, eased…) or several (symptoms).

``options`` is a list of ``(value, label)`` pairs. Single choice: ``value`` holds the chosen value
(or None). Several: ``values`` holds the chosen values in option order. Parents bind to either;
setting them from outside updates the chips.
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty
from kivy.uix.gridlayout import GridLayout

from crampdiary.ui.kvload import load_kv


class ChipGroup(GridLayout):
    options = ListProperty()
    value = ObjectProperty(None, allownone=True)
    values = ListProperty()
    multiple = BooleanProperty(False)
    allow_none = BooleanProperty(False)
    """Single choice: pressing the chosen chip again clears the choice."""
    chip_width = NumericProperty(dp(150))
    """Columns are worked out from the width so a chip is never narrower than this."""
    fixed_cols = NumericProperty(0)
    """Use exactly this many columns (0: as many as fit)."""

    __events__ = ("on_choose",)

    def __init__(self, **kwargs) -> None:
        self._chips: dict[object, Any] = {}
        kwargs.setdefault("cols", 1)
        super().__init__(**kwargs)
        self.bind(
            width=self._fit_columns,
            fixed_cols=self._fit_columns,
            chip_width=self._fit_columns,
        )

    def on_options(self, _group, options) -> None:
        self.clear_widgets()
        self._chips = {}
        for value, label in options:
            chip = Factory.CdChip(text=label)
            chip.chip_value = value
            chip.bind(on_release=self._released)
            self._chips[value] = chip
            self.add_widget(chip)
        self._fit_columns()
        self._sync()

    def on_value(self, *_args) -> None:
        self._sync()

    def on_values(self, *_args) -> None:
        self._sync()

    def on_choose(self, value) -> None:
        """Fired after the user pressed a chip (``value`` is the chip's value)."""

    def chip(self, value):
        """The chip widget for ``value`` (tests and keyboard focus use it)."""
        return self._chips[value]

    def _fit_columns(self, *_args) -> None:
        if self.fixed_cols:
            self.cols = int(self.fixed_cols)
        else:
            usable = self.width - self.padding[0] - self.padding[2]
            self.cols = max(1, min(len(self._chips) or 1, int(usable // self.chip_width)))

    def _released(self, chip) -> None:
        value = chip.chip_value
        if self.multiple:
            chosen = [v for v in self.values if v != value]
            if value not in self.values:
                chosen.append(value)
            order = [v for v, _label in self.options]
            self.values = sorted(chosen, key=order.index)
        elif self.allow_none and self.value == value:
            self.value = None
        else:
            self.value = value
        self._sync()
        self.dispatch("on_choose", value)

    def _sync(self) -> None:
        for value, chip in self._chips.items():
            chosen = value in self.values if self.multiple else value == self.value
            chip.state = "down" if chosen else "normal"


load_kv("widgets/chips.kv")
