"""Scrolling without Kivy's scroll-bar fade.

After every change of a ``ScrollView``'s content (or a scroll), Kivy shows its bar, and half a
second later fades it to ``bar_inactive_color`` with an ``Animation`` of half a second. Each
animated frame redraws the whole window: nothing on a GPU, but a window drawn in software (an old
laptop, a virtual machine) spends 30 to 60 ms a frame on it, and the redraws hold the interpreter
while the diary is opening or saving. Here the bar turns to its inactive colour at once.
"""

from __future__ import annotations

from typing import Any

from kivy.uix.recycleview import RecycleView
from kivy.uix.scrollview import ScrollView


class CalmBar:
    """Mixin for a ``ScrollView``: replaces its (private) fade with a single change of colour."""

    def _bind_inactive_bar_color(self, *_args: Any) -> None:
        view: Any = self
        view.funbind("bar_color", view._change_bar_color)
        view.fbind("bar_inactive_color", view._change_bar_color)
        view._bar_color = view.bar_inactive_color


class CalmScrollView(CalmBar, ScrollView):
    pass


class CalmRecycleView(CalmBar, RecycleView):
    pass
