"""The one observable app state. Screens bind to it; services never see it."""

from __future__ import annotations

from kivy.event import EventDispatcher
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)


class AppState(EventDispatcher):
    diary = ObjectProperty(None, allownone=True)
    """The open ``services.Diary`` (None until it has been opened off the UI thread)."""

    data_version = NumericProperty(0)
    """Bumped after every change to the diary; screens reload when it changes."""

    open_error = StringProperty("")
    """Why the diary could not be opened, in plain words ('' when it is open)."""

    can_restore = BooleanProperty(False)
    warnings = ListProperty()
    """Current ``WarningSign`` objects, urgent first."""

    acknowledged = ListProperty()
    """Ids of urgent warnings the user has acknowledged this session."""

    timer_started = ObjectProperty(None, allownone=True)
    """When the live "Cramp now" timer started (naive local datetime), or None."""

    def changed(self) -> None:
        self.data_version += 1
