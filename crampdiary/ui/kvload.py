"""Loads each kv file exactly once, when the Python module that owns it is imported."""

from __future__ import annotations

from kivy.lang import Builder

from crampdiary.resources import kv_path

_loaded: set[str] = set()


def load_kv(relative: str) -> None:
    """Load ``kv/<relative>`` once (e.g. ``"screens/home.kv"``); later calls do nothing."""
    if relative in _loaded:
        return
    path = kv_path(relative)
    Builder.load_file(str(path))
    _loaded.add(relative)
