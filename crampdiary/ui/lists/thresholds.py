"""The warning thresholds editor: one row per ``CONFIG_FIELDS`` entry (its label, a field with
the stored value, the usual value and the allowed range, and a line for what is wrong).

It only shows and collects text; the Settings screen validates with ``RuleConfig`` and saves.
"""

from __future__ import annotations

from collections.abc import Mapping

from kivy.properties import StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.analysis.config import CONFIG_FIELDS, ConfigField
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists import controls  # noqa: F401  (CdFormMessage)


def usual_words(spec: ConfigField) -> str:
    default = spec.default
    shown = str(int(default)) if float(default).is_integer() else str(default)
    return f"Usual: {shown}. Allowed: {spec.describe_limits()}."


class ThresholdRow(BoxLayout):
    key = StringProperty("")
    label = StringProperty("")
    usual = StringProperty("")
    message = StringProperty("")


class ThresholdEditor(BoxLayout):
    def on_kv_post(self, base_widget) -> None:
        self.rows: dict[str, ThresholdRow] = {}
        for spec in CONFIG_FIELDS:
            row = ThresholdRow(key=spec.key, label=spec.label, usual=usual_words(spec))
            self.add_widget(row)
            self.rows[spec.key] = row

    def show(self, values: Mapping[str, str]) -> None:
        for key, row in self.rows.items():
            row.ids.value_input.text = values.get(key, "")
            row.message = ""

    def values(self) -> dict[str, str]:
        return {key: row.ids.value_input.text.strip() for key, row in self.rows.items()}

    def show_problem(self, key: str, text: str) -> None:
        for row_key, row in self.rows.items():
            row.message = text if row_key == key else ""


load_kv("lists/thresholds.kv")
