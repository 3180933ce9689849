"""Test-wide environment: Kivy and matplotlib write their config into temporary folders, Kivy
never parses pytest's arguments, and without a display the window renders offscreen."""

from __future__ import annotations

import os
import tempfile

_home = tempfile.mkdtemp(prefix="crampdiary-test-")
os.environ.setdefault("KIVY_HOME", os.path.join(_home, "kivy"))
os.environ.setdefault("MPLCONFIGDIR", os.path.join(_home, "mpl"))
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
os.environ.setdefault("KIVY_NO_FILELOG", "1")
os.environ.setdefault("KIVY_CLOCK", "free_all")  # as crampdiary.app.configure_environment
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")

# A shared, sometimes busy machine: no per-example deadlines (they measure the machine, not the
# code), and no "too slow" health check. Example counts stay as each test sets them.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("crampdiary", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("crampdiary")
