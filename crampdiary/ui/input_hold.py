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
        # (kind, event, where it was then): Kivy moves a touch object in place as the finger
        # moves, so each step keeps its own position (a swipe must not come back as a tap).
        self._held: list[tuple[str, Any, tuple[float, float]]] = []
        self._touches: set[int] = set()  # uids of the touches that began while held
        self.active = False

    def start(self) -> None:
        if not self.active:
            self.active = True
            Window.bind(on_motion=self._hold_motion)

    def hold_key(self, *args: Any) -> bool:
        """Called by the app's key handler while active: keep the key for later."""
        self._held.append(("key", args, (0.0, 0.0)))
        return True

    def _hold_motion(self, _window: Any, etype: str, event: Any) -> bool:
        if getattr(event, "is_touch", False):
            if etype == "begin":
                self._touches.add(event.uid)
            # A touch that began before the hold is left to the widget that took it (Kivy still
            # sends its moves and its end there); only touches that began while held are kept.
            if event.uid in self._touches:
                self._held.append((etype, event, (event.sx, event.sy)))
        return True  # Window's own handler does not run: no widget sees it yet

    def release(self, *, play_back: bool) -> None:
        """Stop holding; play what was held back in order (or drop it)."""
        if not self.active:
            return
        self.active = False
        Window.unbind(on_motion=self._hold_motion)
        held, self._held = self._held, []
        self._touches.clear()
        if not play_back:
            return
        for etype, event, (sx, sy) in held:
            if etype == "key":
                self._on_key(*event)
                continue
            if etype == "begin" and event in EventLoop.me_list:
                # It was counted as down when it happened; played back, it is counted again.
                EventLoop.me_list.remove(event)
            # Where it was at that step (the window scales sx, sy to pixels as it dispatches).
            now = event.sx, event.sy
            event.sx, event.sy = sx, sy
            EventLoop.post_dispatch_input(etype, event)
            if etype != "end":
                event.sx, event.sy = now
