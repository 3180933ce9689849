"""Warning signs on home: urgent first and highlighted (each stays until "I've read this"), then
see-doctor, then "Good to know" collapsed (spec/warning-signs.md §2.1).

``WarningsPanel`` is fed ``warnings`` (objects with ``id``, ``severity``, ``title``, ``message``,
``sources``) and ``acknowledged`` (ids); it fires ``on_acknowledge(warning_id)``.
"""

from __future__ import annotations

from kivy.app import App
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ColorProperty, ListProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.ui.kvload import load_kv

URGENT, SEE_DOCTOR, INFO = "urgent", "see-doctor", "info"

GROUP_HEADINGS = {
    URGENT: "Get medical advice today",
    SEE_DOCTOR: "Book an appointment with your doctor",
    INFO: "Good to know",
}


def level_of(warning) -> str:
    level = str(getattr(warning, "severity", INFO))
    return level if level in GROUP_HEADINGS else INFO


def sources_text(warning) -> str:
    sources = [str(s) for s in getattr(warning, "sources", ()) or ()]
    return ("Sources: " + "; ".join(sources)) if sources else ""


class WarningCard(BoxLayout):
    warning_id = StringProperty("")
    level = StringProperty(INFO)
    title = StringProperty("")
    message = StringProperty("")
    sources = StringProperty("")
    needs_ack = BooleanProperty(False)
    """An urgent warning not yet acknowledged: highlighted, with an "I've read this" button."""
    show_sources = BooleanProperty(False)
    accent = ColorProperty([0, 0, 0, 1])
    """The level's colour in the current theme (urgent, see-doctor or info)."""

    def on_kv_post(self, _base) -> None:
        theme = App.get_running_app().theme
        theme.bind(name=self._colour)
        self.bind(level=self._colour)
        self._colour()

    def _colour(self, *_args) -> None:
        self.accent = App.get_running_app().theme.severity_color(self.level)

    __events__ = ("on_acknowledge",)

    def on_acknowledge(self, warning_id: str) -> None:
        pass

    def acknowledge(self) -> None:
        self.dispatch("on_acknowledge", self.warning_id)

    def toggle_sources(self) -> None:
        self.show_sources = not self.show_sources


class WarningsPanel(BoxLayout):
    warnings = ListProperty()
    acknowledged = ListProperty()
    show_info = BooleanProperty(False)
    info_count_text = StringProperty("")
    empty = BooleanProperty(True)

    __events__ = ("on_acknowledge",)

    def on_acknowledge(self, warning_id: str) -> None:
        pass

    def on_kv_post(self, _base) -> None:
        self.bind(warnings=self._rebuild, acknowledged=self._rebuild, show_info=self._rebuild)
        self._rebuild()

    def cards(self) -> list[WarningCard]:
        """The cards shown now, top to bottom."""
        box = self.ids.cards_box
        return [w for w in reversed(box.children) if isinstance(w, WarningCard)]

    def toggle_info(self) -> None:
        self.show_info = not self.show_info

    def _rebuild(self, *_args) -> None:
        box = self.ids.cards_box
        box.clear_widgets()
        by_level: dict[str, list] = {URGENT: [], SEE_DOCTOR: [], INFO: []}
        for warning in self.warnings:
            by_level[level_of(warning)].append(warning)
        self.empty = not self.warnings
        for level in (URGENT, SEE_DOCTOR):
            if by_level[level]:
                box.add_widget(Factory.WarningHeading(text=GROUP_HEADINGS[level]))
            for warning in by_level[level]:
                box.add_widget(self._card(warning, level))
        infos = by_level[INFO]
        self.info_count_text = (
            f"Good to know ({len(infos)}): {'hide' if self.show_info else 'show'}" if infos else ""
        )
        if self.show_info:
            for warning in infos:
                box.add_widget(self._card(warning, INFO))

    def _card(self, warning, level: str) -> WarningCard:
        card = WarningCard(
            warning_id=str(warning.id),
            level=level,
            title=str(warning.title),
            message=str(warning.message),
            sources=sources_text(warning),
            needs_ack=level == URGENT and warning.id not in self.acknowledged,
        )
        card.bind(on_acknowledge=self._forward)
        return card

    def _forward(self, _card, warning_id: str) -> None:
        self.dispatch("on_acknowledge", warning_id)


load_kv("widgets/warning_card.kv")
