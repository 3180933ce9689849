"""Shown when the diary cannot be opened: says why in plain words; offers the latest backup."""

from __future__ import annotations

from kivy.app import App
from kivy.uix.screenmanager import Screen

from crampdiary.ui.kvload import load_kv


class ProblemScreen(Screen):
    def on_pre_enter(self, *_args) -> None:
        self.ids.problem_text.text = App.get_running_app().state.open_error


load_kv("screens/problem.kv")
