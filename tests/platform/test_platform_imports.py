"""The platform layer never imports Kivy, and imports plyer only when a backend is asked for."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_platform_layer_loads_neither_kivy_nor_plyer() -> None:
    code = (
        "import sys, crampdiary.platform, crampdiary.platform.reminders\n"
        "loaded = [m for m in ('kivy', 'plyer') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
