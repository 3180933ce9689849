"""Composition root: prepares Kivy's environment and starts the app. Keep it tiny."""

from __future__ import annotations

import os


def configure_environment() -> None:
    """Settings Kivy reads at import time (STYLE.md, "Known traps")."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    # SDL's own clipboard: Kivy would otherwise start xclip/xsel subprocesses on the UI thread
    # the first time a text field appears.
    os.environ.setdefault("KIVY_CLIPBOARD", "sdl2")
    # A clock that wakes up as soon as background work hands its result over (runner.soon):
    # with the default clock a result waits for the next frame, up to 1/60 s each time.
    os.environ.setdefault("KIVY_CLOCK", "free_all")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")


def configure_window() -> None:
    """The window's settings, before Kivy creates it (the benchmark's bare app uses them too)."""
    from kivy.config import Config

    Config.set("graphics", "width", "1280")
    Config.set("graphics", "height", "800")
    Config.set("graphics", "minimum_width", "480")
    Config.set("graphics", "minimum_height", "480")
    # No multisample antialiasing: the screens are flat boxes and text (text is smoothed anyway),
    # where it changes a few corner pixels, but it doubles the cost of every frame drawn without
    # a GPU (an old laptop, a virtual machine: 30 ms a frame instead of 15 here).
    Config.set("graphics", "multisamples", "0")
    Config.set("input", "mouse", "mouse,multitouch_on_demand")
    Config.set("kivy", "exit_on_escape", "0")


def main(db: str | None = None) -> int:
    configure_environment()
    if os.environ.get("SDL_VIDEODRIVER") == "offscreen":
        import sys

        print(
            "Cramp Diary: no display found, so the window is drawn offscreen (nothing to see). "
            "Run it on a desktop, or set DISPLAY. Close with Ctrl+C.",
            file=sys.stderr,
        )
    configure_window()
    # The services (SQLAlchemy) are imported on the background runner once the first frame is on
    # screen (CrampDiaryApp.on_start). Not earlier on another thread: imports hold the GIL, so
    # that only slowed Kivy's start by as much as it gained.
    from crampdiary.ui.app_shell import CrampDiaryApp

    CrampDiaryApp(db_target=db).run()
    return 0
