"""Loads plyer's implementation of one facade for this platform, quietly.

``plyer.notification`` and friends are proxies that, on first use, import
``plyer.platforms.<platform>.<name>`` and call its ``instance()``; when that fails they print a
traceback and fall back to the bare facade, whose methods raise ``NotImplementedError``. Doing the
same import ourselves (with plyer's warnings silenced) lets us tell "there is a backend" from
"there is none" before anything is shown to the person, and say why in plain words.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any


class NoBackend(Exception):
    """plyer has nothing usable here. ``detail`` is a short plain phrase ('' if nothing to add)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail

    def sentence(self, lead: str) -> str:
        """``lead`` plus the detail in brackets, as one sentence."""
        return f"{lead} ({self.detail})." if self.detail else f"{lead}."


def platform_name() -> str:
    from plyer.utils import platform

    return str(platform)


def load_backend(facade: str) -> Any:
    """plyer's object for ``facade`` ("notification", "filechooser") on this platform.

    Raises ``NoBackend`` when plyer is missing, the platform module fails to import, or
    ``instance()`` hands back the bare facade (plyer's own "nothing here").
    """
    try:
        facades = importlib.import_module("plyer.facades")
        name = platform_name()
        with warnings.catch_warnings():
            # plyer warns (and on Linux imports the deprecated distutils) while it looks around.
            warnings.simplefilter("ignore")
            module = importlib.import_module(f"plyer.platforms.{name}.{facade}")
            backend = module.instance()
    except ImportError as exc:
        raise NoBackend(f"missing: {exc.name or exc}") from exc
    except Exception as exc:  # plyer's platform code can fail in many ways
        raise NoBackend(f"it failed to start: {exc}") from exc
    bare = getattr(facades, _FACADE_CLASSES[facade])
    if type(backend) is bare:
        raise NoBackend()
    return backend


_FACADE_CLASSES = {"notification": "Notification", "filechooser": "FileChooser"}
