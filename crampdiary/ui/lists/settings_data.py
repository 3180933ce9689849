"""The Settings screen's other cards (reminders, your data, warning thresholds) as kv dynamic
classes; like ``settings_sections`` they call ``root.owner.<handler>()`` on the screen."""

from __future__ import annotations

from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists import (
    settings_sections,  # noqa: F401  (SettingsChoiceRow)
    thresholds,  # noqa: F401  (ThresholdEditor)
)

load_kv("lists/settings_data.kv")
