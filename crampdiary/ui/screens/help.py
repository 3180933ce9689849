"""Help and safety: how to use the app in a few plain lines, and the always-visible safety text
of spec §2.5 (``SAFETY_TEXT`` from the analysis layer), each line with its reference."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from kivy.factory import Factory
from kivy.properties import BooleanProperty
from kivy.uix.screenmanager import Screen

from crampdiary.analysis.rules import SAFETY_TEXT
from crampdiary.analysis.sources import REFERENCES
from crampdiary.ui.kvload import load_kv

HOW_TO = (
    "When a cramp starts, press Cramp now: it times the cramp while you stretch. Afterwards, "
    "say where it was and how bad. Log a cramp from earlier works the same for one that has "
    "passed (Ctrl+N on a keyboard).",
    "History lists every cramp by day. Tap one to see or change it. Delete removes it at once, "
    "and Undo at the bottom of the screen puts it back.",
    "Warning signs on the home screen come from medical sources, and each names its source. "
    "They are signs to talk to a doctor about, never a diagnosis.",
    "Doctor visit makes a one-page report of your cramps to print or show.",
    "Medicines is your own list, as a record. The app never suggests starting or stopping one.",
    "Settings has the night theme, bigger text, reminders, backups, and export for your files.",
    "Esc or Back goes back. Enter saves a form.",
)
_KEYS = re.compile(r"\s*\[([A-Z0-9-]+)\]")


def reference_line(key: str) -> str:
    reference = REFERENCES.get(key)
    if reference is None:
        return f"Source: [{key}]"
    site = urlparse(reference.address).netloc.removeprefix("www.")
    return f"Source [{key}]: {reference.title} ({site})"


def safety_items() -> list[tuple[str, str]]:
    """Each §2.5 line without its reference keys, and the references in words below it."""
    items = []
    for line in SAFETY_TEXT:
        keys = _KEYS.findall(line)
        text = _KEYS.sub("", line).strip()
        items.append((text, "\n".join(reference_line(k) for k in keys)))
    return items


class HelpScreen(Screen):
    landscape = BooleanProperty(True)

    def on_kv_post(self, base_widget) -> None:
        self.bind(size=self._layout_changed)
        for text in HOW_TO:
            self.ids.how_to.add_widget(Factory.HelpLine(text=text))
        for text, source in safety_items():
            line = Factory.SafetyLine()  # kv-declared properties cannot go to __init__
            line.text, line.source = text, source
            self.ids.safety.add_widget(line)

    def _layout_changed(self, *_args) -> None:
        self.landscape = self.width >= self.height


load_kv("screens/help.kv")
