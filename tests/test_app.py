"""The composition root, started the way a user starts the app (``crampdiary.app.main``) in a child
process: the first frame comes before the diary's services are imported, home then shows the
diary's data read straight from the file (still without SQLAlchemy), then the diary opens; nothing
home does not show (charts, PDF, migrations) is loaded for it, and without a display the app says
so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from crampdiary.domain import Context, Episode, Muscle, Side
from crampdiary.services import Diary

CHILD = textwrap.dedent(
    """
    import json, sys
    from crampdiary.app import configure_environment, main

    configure_environment()
    from kivy.app import App

    WATCH = (
        "sqlalchemy", "crampdiary.services", "matplotlib", "fpdf", "alembic",
        "crampdiary.ui.widgets.cramp_timer",
    )
    seen = {}
    original = App.run

    def run(app):
        from kivy.clock import Clock
        from kivy.core.window import Window

        def what_home_shows(screen):
            return {
                "loaded": sorted(m for m in WATCH if m in sys.modules),
                "screen": screen.name,
                "week_cramps": screen.ids.week_cramps.number,
                "recent": [row.text for row in screen.recent_rows()],
                "diary_open": app.diary is not None,
                "input_held": app.input_hold.active,
            }

        def flip(*_args):
            seen.setdefault("first_frame", sorted(m for m in WATCH if m in sys.modules))
            screen = app.root.navigator.current_screen
            if screen is None or not getattr(screen, "loaded", False):
                return
            seen.setdefault("home_shown", what_home_shows(screen))
            if app.diary is not None and not app.runner.busy and not app.input_hold.active:
                seen["interactive"] = what_home_shows(screen)
                Window.unbind(on_flip=flip)
                Clock.schedule_once(lambda _dt: app.stop(), 0)

        Window.bind(on_flip=flip)
        Clock.schedule_once(lambda _dt: app.stop(), 60)
        original(app)

    App.run = run
    main(db=sys.argv[1])
    print("RESULT " + json.dumps(seen))
    """
)


def start_app(db: Path, tmp_path: Path) -> tuple[dict[str, Any], str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        KIVY_HOME=str(tmp_path / "kivy"),
        MPLCONFIGDIR=str(tmp_path / "mpl"),
        KIVY_NO_CONSOLELOG="1",
        SDL_VIDEODRIVER="offscreen",
    )
    env.pop("CRAMPDIARY_DB", None)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :]), proc.stderr


def test_first_frame_then_home_with_the_diary_data(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    diary = Diary.open(db)
    diary.log_episode(
        Episode(
            started_at=datetime.now().replace(microsecond=0) - timedelta(minutes=30),
            duration_minutes=3,
            muscle=Muscle.CALF,
            side=Side.LEFT,
            severity_0_10=6,
            context=Context.RESTING,
        )
    )
    diary.close()

    seen, stderr = start_app(db, tmp_path)

    # The first frame does not wait for SQLAlchemy and the services: they load after it.
    assert seen["first_frame"] == []
    # Home then shows the diary read straight from its file: SQLAlchemy is not loaded yet (nor
    # the "Cramp now" timer's view, built just after), and taps are held until the diary opens.
    shown = seen["home_shown"]
    assert shown["screen"] == "home"
    assert shown["loaded"] == ["crampdiary.services"]  # its warning signs, not Diary
    assert shown["week_cramps"] == "1"
    assert len(shown["recent"]) == 1 and "6/10" in shown["recent"][0]
    assert (shown["diary_open"], shown["input_held"]) == (False, True)
    # Then the diary is open, home shows the same, and nothing for charts, PDFs or migrations
    # was loaded for it.
    ready = seen["interactive"]
    assert ready["loaded"] == [
        "crampdiary.services",
        "crampdiary.ui.widgets.cramp_timer",
        "sqlalchemy",
    ]
    assert (ready["week_cramps"], ready["recent"]) == (shown["week_cramps"], shown["recent"])
    assert "no display found" in stderr
