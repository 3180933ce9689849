"""The composition root, started the way a user starts the app (``crampdiary.app.main``) in a child
process: the first frame comes before the diary's services are imported, home then shows the
diary's data, nothing it does not show (charts, PDF, migrations, the running timer) is loaded for
it, and without a display the app says so."""

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

        def flip(*_args):
            loaded = lambda: sorted(m for m in WATCH if m in sys.modules)
            seen.setdefault("first_frame", loaded())
            screen = app.root.navigator.current_screen
            if screen is not None and getattr(screen, "loaded", False) and not app.runner.busy:
                seen["home"] = loaded()
                seen["screen"] = screen.name
                seen["week_cramps"] = screen.ids.week_cramps.number
                seen["recent"] = [row.text for row in screen.recent_rows()]
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
    # Home then shows the diary, and nothing for charts, PDFs or migrations was loaded for it (nor
    # the "Cramp now" timer's view, which is built just after).
    assert seen["screen"] == "home"
    assert seen["home"] == ["crampdiary.services", "sqlalchemy"]
    assert seen["week_cramps"] == "1"
    assert len(seen["recent"]) == 1 and "6/10" in seen["recent"][0]
    assert "no display found" in stderr
