"""A RecycleView row that can be tapped: it remembers the list showing it and, when released,
dispatches the list's event with the row's own values (``event`` and ``event_args``)."""

from __future__ import annotations

from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.recycleview.views import RecycleDataViewBehavior


class TappableRow(RecycleDataViewBehavior, ButtonBehavior):
    """Mix in before the layout class: ``class MyRow(TappableRow, BoxLayout)``."""

    event = "on_pick"

    def __init__(self, **kwargs) -> None:
        self.list_view = None
        super().__init__(**kwargs)

    def refresh_view_attrs(self, rv, index, data) -> None:
        self.list_view = rv
        super().refresh_view_attrs(rv, index, data)

    def event_args(self) -> tuple:
        return ()

    def tell_list(self, event: str, *args) -> None:
        if self.list_view is not None:
            self.list_view.dispatch(event, *args)

    def on_release(self) -> None:
        self.tell_list(self.event, *self.event_args())
