"""A probe around the real app (or a bare Kivy app), run by ``bench/run.py`` in a child process.

It changes nothing in the app: it wraps ``kivy.app.App.run`` so that, once the app's window exists,
it can listen to the window's ``on_flip`` (a frame reached the screen) and tick with the ``Clock``,
then starts the app the way a user does (``crampdiary.app.main(db=...)``) or a bare ``App`` whose
root is one ``Label`` in a window of the same size (the floor).

Modes (``--mode``):

``startup``
    ``first_frame``: the first frame flipped after ``App.run`` began (the app's root is in it).
    ``home_ready`` (app only): the first frame on which home is the current screen showing the
    diary's data (its ``loaded``), whether read through the first look at the file (the diary
    still opening behind it, taps held) or through the open diary.
    ``home_interactive`` (app only): the first frame on which, besides, the diary is open, no tap
    is held and the background runner has delivered everything.
    All in seconds since the parent spawned this process (``CRAMPDIARY_BENCH_T0``, a
    ``time.monotonic()`` reading, which on Linux is one clock for every process). Then the app
    stops and ``maxrss_mb`` (``ru_maxrss`` of this process) is reported. The bare app imports
    matplotlib's ``Figure`` and Agg canvas after its first frame, so its peak memory is the floor
    "a bare Kivy window with matplotlib imported", without slowing its first frame.
``stall`` (app only)
    After home is ready: an idle second (the floor: one frame, the middle gap between main-loop
    iterations), then saves through ``app.write`` (the path the episode screen uses), then a
    refresh of every chart through the runner into an ``Image`` texture (as a chart screen does),
    recording the longest gap between main-loop iterations in each phase.

Prints one line ``BENCH_RESULT {json}`` on standard output.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import sys
import threading
import time
import traceback
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

T0 = float(os.environ.get("CRAMPDIARY_BENCH_T0") or time.monotonic())
TIMEOUT_S = 90.0
IDLE_S = 1.0
SETTLE_S = 0.3
FRAME_CHANGES = 5
STALL_SAMPLE_S = 0.03


def since_start() -> float:
    return time.monotonic() - T0


class Probe:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.result: dict[str, Any] = {"kind": args.kind, "mode": args.mode}
        self.app: Any = None
        self.first_frame: float | None = None
        self.home_ready: float | None = None
        self.home_interactive: float | None = None
        self.ticks: list[tuple[str, float, float]] = []  # phase, time, drawing since last tick
        self.draw_started = 0.0
        self.drawing = 0.0
        self.phase = ""
        self.image: Any = None
        self.label: Any = None
        self.saved = 0
        self.flips: dict[str, int] = {}
        self.samples: list[tuple[float, str]] = []
        self.main_thread_id = threading.get_ident()
        self.watching = False

    # --- hooks -----------------------------------------------------------------------------

    def install(self) -> None:
        from kivy.app import App

        original = App.run
        probe = self

        def run(app: Any) -> None:
            from kivy.clock import Clock
            from kivy.core.window import Window

            probe.app = app
            Window.bind(on_flip=probe.on_flip, on_draw=probe.on_draw)
            Clock.schedule_once(probe.on_timeout, TIMEOUT_S)
            original(app)

        App.run = run  # type: ignore[method-assign]

    def on_draw(self, *_args: Any) -> None:
        # Bound handlers run before the window's own drawing: this is when a frame starts.
        self.draw_started = time.monotonic()

    def on_flip(self, *_args: Any) -> None:
        # Wait until the frame is really drawn. A window on a display does this when it swaps
        # buffers; the offscreen one does not, so a software renderer (llvmpipe) would otherwise
        # pile frames up and bill them to whichever later call happens to need the GPU.
        from kivy.graphics.opengl import glFinish

        glFinish()
        if self.draw_started:
            self.drawing += time.monotonic() - self.draw_started
            self.draw_started = 0.0
        now = since_start()
        if self.phase:
            self.flips[self.phase] = self.flips.get(self.phase, 0) + 1
        if self.first_frame is None:
            self.first_frame = now
            self.result["first_frame"] = now
            if self.args.kind == "bare":
                self.import_matplotlib()
                self.finish()
                return
        if self.args.kind != "app" or self.home_interactive is not None:
            return
        if self.home_ready is None and self.home_shows_data():
            self.home_ready = now
            self.result["home_ready"] = now
        if self.home_ready is not None and self.home_is_interactive():
            self.home_interactive = now
            self.result["home_interactive"] = now
            if self.args.mode == "startup":
                self.finish()
            else:
                self.start_stall_scenario()

    def home_is_interactive(self) -> bool:
        app = self.app
        return (
            app.state.diary is not None
            and not app.runner.busy
            and not app.input_hold.active
            and self.home_shows_data()
        )

    def home_shows_data(self) -> bool:
        app = self.app
        root = getattr(app, "root", None)
        if root is None:
            return False
        navigator = root.navigator
        if navigator.current != "home":
            return False
        screen = navigator.current_screen
        # The home screen's own sign that its data arrived, where it has one.
        for name in ("loaded", "week_summary"):
            if hasattr(screen, name):
                return bool(getattr(screen, name))
        return True

    def on_timeout(self, _dt: float) -> None:
        self.result["error"] = f"gave up after {TIMEOUT_S:.0f} s (phase {self.phase or 'start'})"
        self.finish()

    def finish(self) -> None:
        from kivy.clock import Clock

        Clock.schedule_once(lambda _dt: self.app.stop(), 0)

    def import_matplotlib(self) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        FigureCanvasAgg(Figure(figsize=(1, 1)))

    # --- the stall scenario ----------------------------------------------------------------

    def tick(self, _dt: float) -> None:
        self.ticks.append((self.phase, time.monotonic(), self.drawing))
        self.drawing = 0.0

    def start_stall_scenario(self) -> None:
        from kivy.clock import Clock
        from kivy.core.window import Window
        from kivy.uix.image import Image
        from kivy.uix.label import Label

        self.image = Image(size_hint=(None, None), size=(400, 225), pos=(0, 0))
        self.label = Label(size_hint=(None, None), size=(200, 60), pos=(420, 0), font_size=30)
        Window.add_widget(self.image)
        Window.add_widget(self.label)
        Clock.schedule_interval(self.tick, 0)
        self.watching = True
        threading.Thread(target=self.watch, name="bench-watchdog", daemon=True).start()
        # A first save and chart refresh warm up what happens once per process (imports, the
        # software renderer's shader variants): the measured round is the one after it.
        self.run_steps(
            [
                ("warm-up", lambda then: self.saves(1, then)),
                ("warm-up", self.charts),
                ("warm-up", self.home),
                ("idle", lambda then: Clock.schedule_once(lambda _dt: then(), IDLE_S)),
                ("frame", self.text_changes),
                ("saving", lambda then: self.saves(self.args.saves, then)),
                ("charts", self.charts),
            ]
        )

    def run_steps(self, steps: list[tuple[str, Any]]) -> None:
        if not steps:
            self.end_stall()
            return
        phase, action = steps[0]
        self.phase = phase
        action(lambda: self.run_steps(steps[1:]))

    def text_changes(self, then: Any) -> None:
        """The floor: frames that redraw one changed label (what any Kivy app pays)."""
        from kivy.clock import Clock

        for i in range(FRAME_CHANGES):
            Clock.schedule_once(lambda _dt, i=i: setattr(self.label, "text", f"{i + 10}"), i * 0.15)
        Clock.schedule_once(lambda _dt: then(), FRAME_CHANGES * 0.15 + 0.1)

    def saves(self, count: int, then: Any) -> None:
        from kivy.clock import Clock

        from crampdiary.domain import Context, Episode, Muscle, Side

        diary = self.app.state.diary
        now = self.app.clock()
        pending = {"left": count}

        def save(_dt: float) -> None:
            self.saved += 1
            episode = Episode(
                started_at=now - timedelta(minutes=5 + self.saved),
                duration_minutes=2.5,
                muscle=Muscle.CALF,
                side=Side.LEFT,
                severity_0_10=6,
                context=Context.ASLEEP,
                notes="bench save",
            )

            def done(_result: Any) -> None:
                pending["left"] -= 1
                if pending["left"] == 0:
                    self.after_runner(then)

            self.app.write(lambda: diary.log_episode(episode), done, what="save")

        for i in range(count):
            Clock.schedule_once(save, i * 0.1)

    def after_runner(self, then: Any) -> None:
        """Call ``then`` once the runner has delivered everything (e.g. home's reload after a
        save) and a few more frames have been drawn."""
        from kivy.clock import Clock

        def check(_dt: float) -> bool:
            if self.app.runner.busy:
                return True
            Clock.schedule_once(lambda _dt: then(), SETTLE_S)
            return False

        Clock.schedule_interval(check, 0.02)

    def charts(self, then: Any) -> None:
        """The Insights screen, opened on a year, until every chart shows the diary as it is now
        (after a save its charts are drawn afresh); without that screen, every chart through the
        runner into one ``Image``, as such a screen would."""
        from kivy.clock import Clock

        try:
            screen = self.app.go("insights")
        except Exception as exc:  # not there yet (or broken): the stand-in below
            self.result["charts_on"] = f"stand-in ({exc!r})"
            self.charts_stand_in(then)
            return
        self.result["charts_on"] = "Insights screen, 1 year"
        if getattr(screen, "period", "1y") != "1y" and hasattr(screen, "choose"):
            screen.choose("1y")

        def check(_dt: float) -> bool:
            if self.app.runner.busy or not screen.settled():
                return True
            Clock.schedule_once(lambda _dt: then(), SETTLE_S)
            return False

        Clock.schedule_interval(check, 0.02)

    def home(self, then: Any) -> None:
        self.app.go("home")
        self.after_runner(then)

    def charts_stand_in(self, then: Any) -> None:
        from crampdiary.reports.charts import CHARTS
        from crampdiary.services.insights import render_chart

        diary = self.app.state.diary
        end = self.app.clock().date()
        start = end - timedelta(days=self.args.chart_days - 1)
        names = list(CHARTS)

        def show(png: bytes) -> None:
            from kivy.core.image import Image as CoreImage

            self.image.texture = CoreImage(io.BytesIO(png), ext="png").texture

        def failed(error: BaseException, name: str) -> None:
            self.result.setdefault("errors", []).append(f"{name}: {error!r}")

        for name in names:
            self.app.runner.submit(
                lambda name=name: render_chart(diary, name, start, end),
                show,
                lambda error, name=name: failed(error, name),
            )
        self.after_runner(then)

    def end_stall(self) -> None:
        from kivy.clock import Clock

        self.phase = "after"
        Clock.unschedule(self.tick)
        self.watching = False
        self.result.update(self.gaps())
        self.finish()

    def watch(self) -> None:
        """Sample what the UI thread is doing whenever it has not ticked for a while: the
        samples taken inside the longest gap say what blocked the frames."""
        while self.watching:
            time.sleep(0.01)
            if not self.ticks or time.monotonic() - self.ticks[-1][1] < STALL_SAMPLE_S:
                continue
            frame = sys._current_frames().get(self.main_thread_id)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)
            ours = [f for f in stack if "crampdiary" in f.filename] or stack
            where = " < ".join(
                f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(ours[-3:])
            )
            self.samples.append(
                (
                    time.monotonic(),
                    f"{Path(stack[-1].filename).name}:"
                    f"{stack[-1].lineno} {stack[-1].name} | {where}",
                )
            )

    def gaps(self) -> dict[str, Any]:
        by_phase: dict[str, list[float]] = {}
        # The same gaps without the time spent drawing (window drawing and the GPU finishing it):
        # what the app's own code and Kivy's layout did on the UI thread.
        working: dict[str, list[float]] = {}
        worst = (0.0, 0.0, 0.0)
        pairs = zip(self.ticks, self.ticks[1:], strict=False)
        for (phase, t, _drawn), (_next_phase, t_next, drawn) in pairs:
            by_phase.setdefault(phase, []).append((t_next - t) * 1000)
            working.setdefault(phase, []).append((t_next - t - drawn) * 1000)
            if phase in ("saving", "charts") and t_next - t > worst[0]:
                worst = (t_next - t, t, t_next)
        out: dict[str, Any] = {"redraws": dict(self.flips)}
        inside = Counter(where for t, where in self.samples if worst[1] <= t <= worst[2])
        out["longest_stall_in"] = [f"{n}x {where}" for where, n in inside.most_common(3)]
        idle = by_phase.get("idle") or [0.0]
        out["tick_ms"] = statistics.median(idle)
        out["idle_max_ms"] = max(idle)
        # One redraw of this window (a label changed), drawn to the end: the "one frame" floor.
        out["frame_ms"] = max(by_phase.get("frame") or [0.0])
        warm = by_phase.get("warm-up") or [0.0]
        out["warmup_max_ms"] = max(warm)
        for phase in ("saving", "charts"):
            values = by_phase.get(phase) or [0.0]
            out[f"{phase}_max_ms"] = max(values)
            out[f"{phase}_frames"] = len(values)
            out[f"{phase}_max_without_drawing_ms"] = max(working.get(phase) or [0.0])
        return out


def run_bare() -> None:
    from kivy.app import App
    from kivy.uix.label import Label

    class BareApp(App):  # type: ignore[misc]
        title = "Cramp Diary"

        def build(self) -> Label:
            return Label(text="Cramp Diary")

    from crampdiary.app import configure_window

    configure_window()
    BareApp().run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the app's start and frames.")
    parser.add_argument("--kind", choices=("app", "bare"), required=True)
    parser.add_argument("--mode", choices=("startup", "stall"), default="startup")
    parser.add_argument("--db", help="the diary the app opens (kind app)")
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--chart-days", type=int, default=3653)
    args = parser.parse_args(argv)

    from crampdiary.app import configure_environment

    configure_environment()
    probe = Probe(args)
    probe.install()
    started = datetime.now()
    if args.kind == "app":
        from crampdiary.app import main as app_main

        app_main(db=args.db)
    else:
        run_bare()
    probe.result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    probe.result["wall_s"] = (datetime.now() - started).total_seconds()
    print("BENCH_RESULT " + json.dumps(probe.result), flush=True)
    return 1 if "error" in probe.result else 0


if __name__ == "__main__":
    raise SystemExit(main())
