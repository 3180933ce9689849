"""Moving whole sections between containers when the window changes between wide and narrow.

Kivy has no responsive grid; screens build their sections once (in kv) and re-seat them here, so
widget state (typed text, chosen chips) survives a resize or a tablet turning round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kivy.metrics import dp
from kivy.uix.widget import Widget

WIDE_FROM_DP = 960
"""Two columns from this window width (laptop 1280 and landscape tablet); one below it."""


def is_wide(width: float) -> bool:
    return width >= dp(WIDE_FROM_DP)


def keep(ids, *names: str) -> dict[str, Widget]:
    """Strong references to widgets that ``arrange`` takes out of the tree at times.

    kv ``ids`` are weak: a section out of the tree would otherwise be garbage-collected.
    """
    return {name: ids[name].__self__ for name in names}


def arrange(plan: Iterable[tuple[Widget, Sequence[Widget]]]) -> None:
    """Make each container hold exactly its listed children, in order.

    Works on the widgets themselves, never on kv's weak proxies: a ScrollView recognises its
    content by identity, and would refuse new content after being handed a proxy.
    """
    plan = [(_real(c), [_real(w) for w in children]) for c, children in plan]
    for container, _children in plan:
        container.clear_widgets()
    for container, children in plan:
        for child in children:
            if child.parent is not None:
                child.parent.remove_widget(child)
            container.add_widget(child)


def _real(widget: Widget) -> Widget:
    return getattr(widget, "__self__", widget)


def to_top(scroll) -> None:
    """Show the top of a ScrollView and stop any fling still running.

    A fling left running while the content changes height (a cramp deleted elsewhere) would go on
    moving the content from a stale position, even off screen.
    """
    scroll.effect_y.velocity = 0
    scroll.scroll_y = 1
