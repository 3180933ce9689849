"""Help and safety: how to use the app, and §2.5's always-visible safety text."""

from __future__ import annotations

from kivy.uix.screenmanager import Screen

from crampdiary.ui.kvload import load_kv


class HelpScreen(Screen):
    pass


load_kv("screens/help.kv")
