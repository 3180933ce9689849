"""Home: "Cramp now" (a live timer), "Log a cramp", warning signs, this week, the last cramps."""

from __future__ import annotations

from datetime import timedelta

from kivy.app import App
from kivy.properties import ListProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.ui.kvload import load_kv
from crampdiary.ui.navigation import ScreenName


class HomeScreen(Screen):
    week_summary = StringProperty("")
    recent = ListProperty()

    def on_pre_enter(self, *_args) -> None:
        self.reload()

    def reload(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        if diary is None:
            return
        today = app.clock().date()
        start = today - timedelta(days=6)

        def work():
            week = diary.episodes(start, today)
            last = diary.episodes(newest_first=True, limit=5)
            return week, last

        def done(result) -> None:
            week, last = result
            days = len({e.day for e in week})
            self.week_summary = (
                f"{len(week)} cramp{'s' if len(week) != 1 else ''} on {days} "
                f"day{'s' if days != 1 else ''} in the last 7 days"
            )
            self.recent = [
                f"{e.started_at:%a %d %b, %H:%M} · {e.muscle.value} · {e.severity_0_10}/10"
                for e in last
            ]

        app.runner.submit(work, done)

    def log_cramp(self) -> None:
        App.get_running_app().go(ScreenName.EPISODE, episode=None)


load_kv("screens/home.kv")
