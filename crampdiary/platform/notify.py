"""Notifications: the ``Notifier`` protocol, a null fallback, and plyer behind it.

plyer's traps, handled here: it raises ``NotImplementedError`` where a platform has no backend;
on Linux its ``notify-send`` path returns silently when no desktop session bus (D-Bus) is
running, so nothing appears and nothing fails. ``available()`` checks for both up front and
``why_unavailable()`` says what is missing in a sentence a person can act on.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Protocol, runtime_checkable

from crampdiary.platform._plyer import NoBackend, load_backend, platform_name

log = logging.getLogger(__name__)

APP_NAME = "Cramp Diary"
NO_SERVICE = "This device has no notification service that Cramp Diary can use"


@runtime_checkable
class Notifier(Protocol):
    def notify(self, title: str, message: str) -> bool:
        """Show a notification; ``True`` if it was handed to the system, ``False`` if not."""
        ...

    def available(self) -> bool: ...

    def why_unavailable(self) -> str:
        """A plain sentence saying why notifications cannot be shown ('' when they can)."""
        ...


class NullNotifier:
    """Shows nothing, and says why."""

    def __init__(self, reason: str = f"{NO_SERVICE}.") -> None:
        self.reason = reason

    def notify(self, title: str, message: str) -> bool:
        return False

    def available(self) -> bool:
        return False

    def why_unavailable(self) -> str:
        return self.reason


class PlyerNotifier:
    """plyer's notification backend for this platform.

    ``backend`` is for tests and special platforms: any object with plyer's
    ``notify(title=..., message=..., ...)``. Without it, plyer's own backend is loaded on first
    use. ``environ`` (default ``os.environ``) is read for the D-Bus session on Linux.
    """

    def __init__(self, backend: Any = None, *, environ: Any = None, platform: str = "") -> None:
        self._backend = backend
        self._loaded = backend is not None
        self._environ = os.environ if environ is None else environ
        self._platform = platform
        self._reason = ""

    def _resolve(self) -> Any:
        if not self._loaded:
            self._loaded = True
            try:
                self._backend = load_backend("notification")
            except NoBackend as exc:
                self._reason = exc.sentence(NO_SERVICE)
                self._backend = None
        return self._backend

    def _missing_bus(self) -> bool:
        platform = self._platform or platform_name()
        return platform == "linux" and not self._environ.get("DBUS_SESSION_BUS_ADDRESS")

    def available(self) -> bool:
        if self._reason:
            return False
        if self._resolve() is None:
            return False
        if self._missing_bus():
            self._reason = (
                "Notifications need a desktop session (D-Bus), and none is running here, "
                "so a reminder would not appear."
            )
            return False
        return True

    def why_unavailable(self) -> str:
        self.available()
        return self._reason

    def notify(self, title: str, message: str) -> bool:
        if not self.available():
            return False
        try:
            self._backend.notify(title=title, message=message, app_name=APP_NAME, timeout=10)
        except NotImplementedError:
            self._reason = f"{NO_SERVICE}."
            return False
        except Exception as exc:  # a backend that breaks must not break the app
            log.warning("notification failed: %s", exc)
            self._reason = f"The last notification could not be shown ({exc})."
            return False
        return True
