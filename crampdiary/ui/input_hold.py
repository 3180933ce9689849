"""Holding taps and keys for a moment, then playing them back in order.

While home shows the first look at the diary file (``storage.peek``) and the diary itself is still
opening, nothing can be saved yet. A tap in that moment is not lost and does not act on a half-open
app: it is held, and played back once the diary is open, as if it had just happened. If the diary
cannot be opened, the held input is dropped (it was meant for home, not for the problem screen).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.base import EventLoop
from kivy.core.window import Window


class InputHold:
    def __init__(self, on_key: Callable[..., Any]) -> None:
        self._on_key = on_key  # the app's own key handler, for keys played back
        self._held: list[tuple[str, Any]] = []
        self.active = False

    def start(self) -> None:
        if not self.active:
            self.active = True
            Window.bind(on_motion=self._hold_motion)

    def hold_key(self, *args: Any) -> bool:
        """Called by the app's key handler while active: keep the key for later."""
        self._held.append(("key", args))
        return True

    def _hold_motion(self, _window: Any, etype: str, event: Any) -> bool:
        if getattr(event, "is_touch", False):
            self._held.append((etype, event))
        return True  # Window's own handler does not run: no widget sees it yet

    def release(self, *, play_back: bool) -> None:
        """Stop holding; play what was held back in order (or drop it)."""
        if not self.active:
            return
        self.active = False
        Window.unbind(on_motion=self._hold_motion)
        held, self._held = self._held, []
        if not play_back:
            return
        for etype, event in held:
            if etype == "key":
                self._on_key(*event)
                continue
            if etype == "begin" and event in EventLoop.me_list:
                # It was counted as down when it happened; played back, it is counted again.
                EventLoop.me_list.remove(event)
            EventLoop.post_dispatch_input(etype, event)
