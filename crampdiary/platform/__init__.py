"""The platform layer: plyer behind our own small protocols, with null fallbacks.

Owns ``Notifier`` (desktop or tablet notifications), ``FileChooser`` (the system's open/save
dialog) and the pure reminder timing in ``reminders``. plyer is imported only inside the
``Plyer*`` classes, and lazily; Kivy never. Nothing here touches the network.

Screens ask ``default_notifier()`` and ``default_file_chooser()`` for the one shared instance.
Both are safe to call on the UI thread; ``FileChooser.open_file``/``save_file`` block, so call
them through ``app.runner``.
"""

from __future__ import annotations

from functools import lru_cache

from crampdiary.platform.files import FileChooser, NullFileChooser, PlyerFileChooser
from crampdiary.platform.notify import Notifier, NullNotifier, PlyerNotifier

__all__ = [
    "FileChooser",
    "Notifier",
    "NullFileChooser",
    "NullNotifier",
    "PlyerFileChooser",
    "PlyerNotifier",
    "default_file_chooser",
    "default_notifier",
]


@lru_cache(maxsize=1)
def default_notifier() -> Notifier:
    """plyer's notifications where this platform has them; otherwise a ``NullNotifier``."""
    notifier = PlyerNotifier()
    return notifier if notifier.available() else NullNotifier(notifier.why_unavailable())


@lru_cache(maxsize=1)
def default_file_chooser() -> FileChooser:
    """plyer's file dialog where this platform has one; otherwise a ``NullFileChooser``."""
    chooser = PlyerFileChooser()
    return chooser if chooser.available() else NullFileChooser(chooser.why_unavailable())
