"""History: every cramp, grouped by day, with filters, a month calendar, open and delete + undo.

Episodes load in the background (``app.runner``) and arrive as rows built by ``to_row``; the
calendar's cramp days load the same way. Deleting needs no confirmation because the message bar
offers "Undo" (``Diary.undo_delete`` puts the cramp back with the same id and fields).
"""

from __future__ import annotations

from datetime import date

from kivy.app import App
from kivy.clock import Clock
from kivy.metrics import dp
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.domain import Episode
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists.calendar import MonthCalendar
from crampdiary.ui.lists.filter_bar import HistoryFilter, HistoryFilterBar
from crampdiary.ui.lists.history_rows import RowSizes, history_rows, without_episode
from crampdiary.ui.navigation import ScreenName

__all__ = ["HistoryFilterBar", "HistoryScreen", "MonthCalendar"]


def summary_words(episodes: list[Episode], chosen: HistoryFilter) -> str:
    if not episodes:
        if chosen.muscles or chosen.contexts or chosen.text:
            return "No cramps match these choices."
        if chosen.start is not None or chosen.end is not None:
            return "No cramps in these dates."
        return "No cramps logged yet."
    days = len({e.day for e in episodes})
    cramps = f"{len(episodes)} cramp{'s' if len(episodes) != 1 else ''}"
    return f"{cramps} on {days} day{'s' if days != 1 else ''}. Tap a cramp to see or change it."


class HistoryScreen(Screen):
    summary = StringProperty("")
    landscape = BooleanProperty(True)

    def __init__(self, **kwargs) -> None:
        self._order: list[Episode] = []
        self._by_id: dict[str, Episode] = {}
        self._filter: HistoryFilter | None = None
        self._request = 0
        self._month_request = 0
        self._restyle = Clock.create_trigger(self._rebuild_rows, 0)
        super().__init__(**kwargs)

    def on_kv_post(self, base_widget) -> None:
        app = App.get_running_app()
        app.state.bind(data_version=self._data_changed, diary=self._diary_opened)
        app.theme.bind(target=self._restyle, font_md=self._restyle)
        self.bind(size=self._layout_changed)

    def _layout_changed(self, *_args) -> None:
        self.landscape = self.width >= self.height

    # --- entering and loading -------------------------------------------------------------

    def prepare(self, **_params) -> None:
        """Nothing to set up from outside: History always opens on the last filter used."""

    def on_pre_enter(self, *_args) -> None:
        app = App.get_running_app()
        calendar = self.ids.calendar
        calendar.today = app.clock().date()
        if self._filter is None:
            self.ids.filter_bar.choose_range("4w")
        else:
            self.reload()
        calendar.show(calendar.month or calendar.today)

    def _diary_opened(self, *_args) -> None:
        """Another diary: start again from the last 4 weeks with no filters."""
        self._filter = None
        self._request += 1
        self._show([], [])
        self.ids.filter_bar.reset()
        self.ids.calendar.month = None

    def _data_changed(self, *_args) -> None:
        if self.manager is not None and self.manager.current == self.name:
            self.reload()
            calendar = self.ids.calendar
            if calendar.month is not None:
                calendar.show(calendar.month)

    def filter_changed(self, chosen: HistoryFilter) -> None:
        self._filter = chosen
        single_day = chosen.start is not None and chosen.start == chosen.end
        self.ids.calendar.selected = chosen.start if single_day else None
        self.reload()

    def day_chosen(self, day: date) -> None:
        self.ids.filter_bar.choose_day(day)

    def row_sizes(self) -> RowSizes:
        theme = App.get_running_app().theme
        episode = max(theme.target + dp(8), theme.font_md * 1.6 + dp(12))
        return RowSizes(
            day=theme.font_lg * 1.5 + dp(16),
            episode=episode,
            episode_with_notes=episode + theme.font_sm * 1.4,
        )

    def reload(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        chosen = self._filter
        if diary is None or chosen is None:
            return
        sizes = self.row_sizes()
        self._request += 1
        request = self._request

        def work():
            episodes = diary.episodes(
                chosen.start,
                chosen.end,
                muscles=chosen.muscles,
                contexts=chosen.contexts,
                text=chosen.text,
                newest_first=True,
            )
            return episodes, history_rows(episodes, sizes)

        def done(result) -> None:
            if request == self._request:
                self._show(*result)

        app.runner.submit(work, done, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        App.get_running_app().notify(f"Could not load the history: {error}", error=True)

    def _show(self, episodes: list[Episode], rows: list[dict]) -> None:
        self._order = episodes
        self._by_id = {e.id: e for e in episodes}
        self.ids.episode_list.data = rows
        self.summary = summary_words(episodes, self._filter or HistoryFilter())

    def _rebuild_rows(self, *_args) -> None:
        """New row heights after a theme or text-size change (built off the UI thread)."""
        if not self._order:
            return
        order, sizes = self._order, self.row_sizes()
        self._request += 1
        request = self._request

        def done(rows: list[dict]) -> None:
            if request == self._request:
                self._show(order, rows)

        App.get_running_app().runner.submit(lambda: history_rows(order, sizes), done)

    def load_month(self, first: date, last: date) -> None:
        app = App.get_running_app()
        diary = app.diary
        if diary is None:
            return
        self._month_request += 1
        request = self._month_request

        def done(days: list[date]) -> None:
            calendar = self.ids.calendar
            if request == self._month_request and calendar.month == first:
                calendar.marked = frozenset(days)

        app.runner.submit(lambda: diary.cramp_days(first, last), done, self._load_failed)

    # --- rows -----------------------------------------------------------------------------

    def shown_episodes(self) -> list[Episode]:
        """The episodes the list shows now, in order (for tests and keyboard use)."""
        return list(self._order)

    def open_episode(self, episode_id: str) -> None:
        episode = self._by_id.get(episode_id)
        if episode is not None:
            App.get_running_app().go(ScreenName.EPISODE, episode=episode)

    def delete_episode(self, episode_id: str) -> None:
        app = App.get_running_app()
        diary = app.diary
        if diary is None or episode_id not in self._by_id:
            return
        remaining = [e for e in self._order if e.id != episode_id]
        self._show(remaining, without_episode(self.ids.episode_list.data, episode_id))

        def deleted(episode: Episode) -> None:
            app.notify(
                "Cramp deleted.", action_text="Undo", action=lambda: self.undo_delete(episode)
            )

        app.write(lambda: diary.delete_episode(episode_id), deleted, what="delete the cramp")

    def undo_delete(self, episode: Episode) -> None:
        app = App.get_running_app()
        diary = app.diary
        app.write(
            lambda: diary.undo_delete(episode),
            lambda _episode: app.notify("The cramp is back in your diary."),
            what="put the cramp back",
        )


load_kv("screens/history.kv")
