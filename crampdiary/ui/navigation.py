"""Screen names and the lazy screen registry: a screen's module is imported (and its kv loaded)
only on its first visit."""

from __future__ import annotations

import importlib
from enum import StrEnum

from kivy.uix.screenmanager import NoTransition, ScreenManager


class ScreenName(StrEnum):
    HOME = "home"
    EPISODE = "episode"
    HISTORY = "history"
    MEDICINES = "medicines"
    SETTINGS = "settings"
    INSIGHTS = "insights"
    REPORT = "report"
    HELP = "help"
    PROBLEM = "problem"


SCREENS: dict[ScreenName, str] = {
    ScreenName.HOME: "crampdiary.ui.screens.home:HomeScreen",
    ScreenName.EPISODE: "crampdiary.ui.screens.episode:EpisodeScreen",
    ScreenName.HISTORY: "crampdiary.ui.screens.history:HistoryScreen",
    ScreenName.MEDICINES: "crampdiary.ui.screens.medicines:MedicinesScreen",
    ScreenName.SETTINGS: "crampdiary.ui.screens.settings:SettingsScreen",
    ScreenName.INSIGHTS: "crampdiary.ui.screens.insights:InsightsScreen",
    ScreenName.REPORT: "crampdiary.ui.screens.report:ReportScreen",
    ScreenName.HELP: "crampdiary.ui.screens.help:HelpScreen",
    ScreenName.PROBLEM: "crampdiary.ui.screens.problem:ProblemScreen",
}

TITLES: dict[ScreenName, str] = {
    ScreenName.HOME: "Cramp Diary",
    ScreenName.EPISODE: "Cramp",
    ScreenName.HISTORY: "History",
    ScreenName.MEDICINES: "Medicines",
    ScreenName.SETTINGS: "Settings",
    ScreenName.INSIGHTS: "Insights",
    ScreenName.REPORT: "Doctor visit",
    ScreenName.HELP: "Help and safety",
    ScreenName.PROBLEM: "Cramp Diary",
}


class Navigator(ScreenManager):
    """A ScreenManager that builds screens on first visit and keeps a back stack."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("transition", NoTransition())
        super().__init__(**kwargs)
        self.stack: list[ScreenName] = []
        self._offstage: dict[ScreenName, object] = {}

    def screen(self, name: ScreenName):
        if not self.has_screen(name.value):
            self.add_widget(self._offstage.pop(name, None) or self._build(name))
        return self.get_screen(name.value)

    def prepare(self, name: ScreenName):
        """The screen, built if need be but not added: it can load its data before it shows
        (adding the first screen would make it the current one at once)."""
        if self.has_screen(name.value):
            return self.get_screen(name.value)
        if name not in self._offstage:
            self._offstage[name] = self._build(name)
        return self._offstage[name]

    def _build(self, name: ScreenName):
        module_name, class_name = SCREENS[name].split(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        return cls(name=name.value)

    def go(self, name: ScreenName, **params) -> object:
        screen = self.screen(name)
        if hasattr(screen, "prepare"):
            screen.prepare(**params)
        if self.current and self.current != name.value:
            self.stack.append(ScreenName(self.current))
        self.current = name.value
        return screen

    def back(self) -> bool:
        if not self.stack:
            if self.current != ScreenName.HOME.value:
                self.current = self.screen(ScreenName.HOME).name
                return True
            return False
        self.current = self.screen(self.stack.pop()).name
        return True

    def reset(self, name: ScreenName = ScreenName.HOME) -> None:
        self.stack.clear()
        self.current = self.screen(name).name
