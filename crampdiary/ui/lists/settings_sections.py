"""The Settings screen's first cards (about you, look) and the shared choice row, as kv
dynamic classes. The screen sets their properties and they call ``root.owner.<handler>()``
(``owner`` is the screen), so every handler lives on ``SettingsScreen``."""

from __future__ import annotations

from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists import controls  # noqa: F401  (CdSpinner, CdFormMessage, ...)

load_kv("lists/settings_sections.kv")
