"""How bad it was: eleven large buttons, 0 to 10, with words at both ends.

``value`` is the chosen number, or -1 while nothing is chosen.
"""

from __future__ import annotations

from kivy.properties import ListProperty, NumericProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.ui.kvload import load_kv
from crampdiary.ui.widgets import chips  # noqa: F401  (loads the chip rules used in kv)

NO_CHOICE = -1


class SeverityScale(BoxLayout):
    value = NumericProperty(NO_CHOICE)
    options = ListProperty([(n, str(n)) for n in range(11)])

    def on_kv_post(self, _base) -> None:
        self.ids.severity_chips.bind(value=self._chosen)
        self.bind(value=self._show)
        self._show()

    def button(self, number: int):
        return self.ids.severity_chips.chip(number)

    def _chosen(self, _chips, number) -> None:
        self.value = NO_CHOICE if number is None else int(number)

    def _show(self, *_args) -> None:
        self.ids.severity_chips.value = None if self.value == NO_CHOICE else int(self.value)


load_kv("widgets/severity_scale.kv")
