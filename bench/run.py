"""Cramp Diary's speed benchmark: every figure against a floor measured in the same run.

    .venv/bin/python bench/run.py [--quick | --smoke] [--json FILE] [--only METRIC ...]

Generates (once, cached) a 10-year diary of about 5,000 episodes and a 100,000-episode one (see
``bench/generate.py``), then measures each metric and its floor in child processes (a fresh
interpreter each, ``SDL_VIDEODRIVER=offscreen`` when there is no display, ``KIVY_NO_ARGS=1``,
Kivy's and matplotlib's settings in the benchmark's cache folder), as medians over several runs that
alternate our path and the floor. Prints a table (value, floor, ratio, budget, pass) and with
``--json`` writes ``{"metric": {"value", "floor", "ratio", "budget", "pass", "unit", "note"}}``.

``--quick`` makes fewer runs (within about a minute once the diaries are cached); ``--smoke`` makes
one run of everything on small diaries, to check that the benchmark itself works (its numbers mean
nothing). Exit status: 0 every budget met, 1 a budget missed or a metric not measured, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import generate  # noqa: E402

CHILD_TIMEOUT_S = 600


@dataclass(frozen=True)
class Plan:
    """How much to measure."""

    name: str
    startup_runs: int
    warmup: bool
    saves: int
    rules_runs: int
    chart_runs: int
    report_runs: int
    stall_runs: int
    stall_saves: int
    big_episodes: int


PLANS = {
    "full": Plan("full", 7, True, 200, 7, 5, 9, 3, 10, generate.BIG_EPISODES),
    "quick": Plan("quick", 2, True, 200, 2, 2, 1, 1, 3, generate.BIG_EPISODES),
    "smoke": Plan("smoke", 1, False, 20, 1, 1, 1, 1, 2, 2_000),
}


@dataclass
class Metric:
    name: str
    value: float | None
    floor: float | None
    budget: float | None
    compare: str  # "ratio": value/floor <= budget; "value": value <= budget; "report": no budget
    unit: str
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor or self.compare == "value":
            return None
        return self.value / self.floor

    @property
    def passed(self) -> bool | None:
        if self.compare == "report":
            return None
        if self.value is None or self.budget is None:
            return False
        if self.compare == "value":
            return self.value <= self.budget
        ratio = self.ratio
        return ratio is not None and ratio <= self.budget

    def to_json(self) -> dict[str, Any]:
        ratio = self.ratio
        return {
            "value": _round(self.value),
            "floor": _round(self.floor),
            "ratio": None if ratio is None else round(ratio, 3),
            "budget": self.budget,
            "pass": self.passed,
            "unit": self.unit,
            "note": self.note,
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


@dataclass
class Context:
    plan: Plan
    env: dict[str, str]
    scratch: Path
    today: date
    ten_year: Path
    big: Path
    big_label: str
    log: Callable[[str], None]
    metrics: list[Metric] = field(default_factory=list)

    def child(self, script: str, *args: str) -> dict[str, Any]:
        """Run ``bench/<script>`` in a fresh interpreter; return its ``BENCH_RESULT``."""
        if script == "measure.py" and not self.plan.warmup:
            args = (*args, "--no-warmup")
        env = dict(self.env)
        env["CRAMPDIARY_BENCH_T0"] = repr(time.monotonic())
        proc = subprocess.run(
            [sys.executable, str(BENCH / script), *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            check=False,
        )
        for line in reversed(proc.stdout.splitlines()):
            if line.startswith("BENCH_RESULT "):
                result: dict[str, Any] = json.loads(line[len("BENCH_RESULT ") :])
                if "error" in result:
                    raise ChildFailed(f"{script}: {result['error']}")
                return result
        tail = "\n".join((proc.stderr or "").strip().splitlines()[-12:])
        raise ChildFailed(f"{script} {' '.join(args)} exited {proc.returncode}:\n{tail}")

    def add(self, metric: Metric) -> None:
        self.metrics.append(metric)
        self.log(f"  {format_row(metric)}")

    def missing(self, name: str, compare: str, budget: float | None, unit: str, why: str) -> None:
        self.add(Metric(name, None, None, budget, compare, unit, f"not measured: {why}"))


class ChildFailed(RuntimeError):
    pass


# --- the metrics ------------------------------------------------------------------------------


def measure_startup(ctx: Context) -> None:
    runs = ctx.plan.startup_runs
    ctx.log(f"first_frame, home_ready, peak_rss_mb: {runs} app and {runs} bare starts")
    diary = generate.scratch_copy(ctx.ten_year, ctx.scratch / "startup", "diary.db")
    app_args = ("--kind", "app", "--mode", "startup", "--db", str(diary))
    bare_args = ("--kind", "bare", "--mode", "startup")
    if ctx.plan.warmup:  # Kivy's settings file, page cache, today's automatic diary backup
        ctx.child("probe_app.py", *app_args)
    apps, bares = [], []
    for _ in range(runs):
        apps.append(ctx.child("probe_app.py", *app_args))
        bares.append(ctx.child("probe_app.py", *bare_args))

    def med(results: list[dict[str, Any]], key: str) -> float:
        return float(statistics.median(r[key] for r in results))

    bare_frame = med(bares, "first_frame")
    note = f"median of {runs}; seconds from spawning the process; bare: one Label, same window"
    ctx.add(Metric("first_frame", med(apps, "first_frame"), bare_frame, 1.3, "ratio", "s", note))
    home = (
        "home current with this week's cramps and the warning signs, read straight from the file "
        "while the diary opens (taps held); floor: bare app's first frame"
    )
    ctx.add(Metric("home_ready", med(apps, "home_ready"), bare_frame, 2.0, "ratio", "s", home))
    usable = "as home_ready, and the diary open, no tap held, runner idle; floor: the same"
    ctx.add(
        Metric("home_interactive", med(apps, "home_interactive"), bare_frame, None, "report", "s",
               usable)
    )  # fmt: skip
    rss = "ru_maxrss at exit; app after home showed the 10-year diary; floor: bare + matplotlib"
    ctx.add(
        Metric("peak_rss_mb", med(apps, "maxrss_mb"), med(bares, "maxrss_mb"), None, "report",
               "MB", rss)
    )  # fmt: skip


def measure_save(ctx: Context) -> None:
    n = ctx.plan.saves
    ctx.log(f"save_p95: {n} saves through Diary.log_episode and {n} raw sqlite3 inserts")
    ours = generate.scratch_copy(ctx.ten_year, ctx.scratch / "save", "ours.db")
    raw = generate.scratch_copy(ctx.ten_year, ctx.scratch / "save", "raw.db")
    result = ctx.child("measure.py", "save", "--db", str(ours), "--raw-db", str(raw), "-n", str(n))
    note = (
        f"p95 of {n}, alternating; medians {result['median_ours'] * 1000:.1f} / "
        f"{result['median_floor'] * 1000:.1f} ms; floor: BEGIN IMMEDIATE, INSERT, COMMIT, "
        "same pragmas"
    )
    ctx.add(Metric("save_p95", result["value"], result["floor"], 3.0, "ratio", "s", note))


def measure_rules(ctx: Context) -> None:
    runs = ctx.plan.rules_runs
    name = "rules_100k"
    ctx.log(f"{name}: warnings + a year's numbers on the {ctx.big_label} diary, {runs} runs")
    result = ctx.child(
        "measure.py", "rules", "--db", str(ctx.big), "--as-of", ctx.today.isoformat(),
        "--runs", str(runs),
    )  # fmt: skip
    note = (
        f"{ctx.big_label} episodes; ours: current_warnings "
        f"({result['ours_warnings_s'] * 1000:.0f} ms) + period_comparison for 365 days "
        f"({result['ours_period_s'] * 1000:.0f} ms) through the services; floor: SELECT * of all "
        f"{result['rows_in_diary']:,} rows as sqlite3 tuples"
    )
    ctx.add(Metric(name, result["value"], result["floor"], 1.0, "ratio", "s", note))


def measure_charts(ctx: Context) -> None:
    runs = ctx.plan.chart_runs
    ctx.log(f"chart_*: every chart over the 10-year diary, {runs} runs each")
    try:
        result = ctx.child(
            "measure.py", "charts", "--db", str(ctx.ten_year), "--as-of", ctx.today.isoformat(),
            "--runs", str(runs),
        )  # fmt: skip
    except ChildFailed as exc:
        ctx.missing("chart_*", "ratio", 1.3, "s", str(exc).splitlines()[-1])
        return
    for name, item in result.items():
        if not isinstance(item, dict):
            continue
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(item["kinds"].items()))
        note = (
            f"{result['episodes']:,} episodes {result['start']}…{result['end']} to PNG "
            f"(build {item['build_s'] * 1000:.0f} ms, draw + PNG {item['draw_png_s'] * 1000:.0f} "
            f"ms); floor: a bare figure with the same {item['artists']} artists ({kinds}); "
            f"as many short lines alone take {item['floor_lines_only_s'] * 1000:.0f} ms"
        )
        ctx.add(Metric(f"chart_{name}", item["value"], item["floor"], 1.3, "ratio", "s", note))


def measure_report(ctx: Context) -> None:
    runs = ctx.plan.report_runs
    ctx.log(f"report_1y: the doctor PDF for 365 days, {runs} runs")
    out = ctx.scratch / "report" / "report.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        result = ctx.child(
            "measure.py", "report", "--db", str(ctx.ten_year), "--as-of", ctx.today.isoformat(),
            "--runs", str(runs), "--out", str(out),
        )  # fmt: skip
    except ChildFailed as exc:
        ctx.missing("report_1y", "ratio", 1.5, "s", str(exc).splitlines()[-1])
        return
    if "missing" in result:
        ctx.missing("report_1y", "ratio", 1.5, "s", result["missing"])
        return
    note = (
        f"build_report to a file ({result['bytes'] / 1000:.0f} kB); floor: its "
        f"{len(result['charts'])} charts rendered at {result['dpi']} dpi, same sizes"
    )
    ctx.add(Metric("report_1y", result["value"], result["floor"], 1.5, "ratio", "s", note))


def measure_stall(ctx: Context) -> None:
    runs = ctx.plan.stall_runs
    saves = ctx.plan.stall_saves
    ctx.log(f"ui_stall_ms: {saves} saves then every chart refreshed in the running app, {runs} run")
    results = []
    for i in range(runs):
        diary = generate.scratch_copy(ctx.ten_year, ctx.scratch / "stall", f"diary-{i}.db")
        results.append(
            ctx.child(
                "probe_app.py", "--kind", "app", "--mode", "stall", "--db", str(diary),
                "--saves", str(saves),
            )
        )  # fmt: skip
    worst = [max(r["saving_max_ms"], r["charts_max_ms"]) for r in results]
    saving = statistics.median(r["saving_max_ms"] for r in results)
    charts = statistics.median(r["charts_max_ms"] for r in results)
    frame = statistics.median(r["frame_ms"] for r in results)
    saving_work = statistics.median(r["saving_max_without_drawing_ms"] for r in results)
    charts_work = statistics.median(r["charts_max_without_drawing_ms"] for r in results)
    warm = statistics.median(r["warmup_max_ms"] for r in results)
    note = (
        f"longest gap between main-loop iterations, each frame drawn to the end (glFinish): "
        f"{saves} saves on home {saving:.0f} ms ({saving_work:.0f} ms of it not drawing), "
        f"charts ({results[0].get('charts_on')}) {charts:.0f} ms ({charts_work:.0f} ms not "
        f"drawing); median of {runs}, after a warm-up round (its longest gap: {warm:.0f} ms, "
        "with the first imports); floor: one redraw of the same window with one label changed"
    )
    ctx.add(Metric("ui_stall_ms", statistics.median(worst), frame, 50.0, "value", "ms", note))


MEASURES: dict[str, Callable[[Context], None]] = {
    "startup": measure_startup,
    "save": measure_save,
    "rules": measure_rules,
    "charts": measure_charts,
    "report": measure_report,
    "stall": measure_stall,
}
ORDER = [
    "first_frame",
    "home_ready",
    "home_interactive",
    "save_p95",
    "rules_100k",
    "chart_",
    "report_1y",
]
ORDER += ["ui_stall_ms", "peak_rss_mb"]


# --- output -----------------------------------------------------------------------------------


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        if value < 0.01:
            return f"{value * 1000:.2f} ms"
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.0f} ms"
    return f"{value:.0f} {unit}"


def budget_text(metric: Metric) -> str:
    if metric.compare == "report":
        return "report"
    if metric.compare == "value":
        return f"≤ {show(metric.budget, metric.unit)}"
    return f"≤ {metric.budget:g}×"


def pass_text(metric: Metric) -> str:
    return {True: "yes", False: "NO", None: "—"}[metric.passed]


def format_row(m: Metric) -> str:
    ratio = "—" if m.ratio is None else f"{m.ratio:.2f}×"
    return (
        f"{m.name:<28} {show(m.value, m.unit):>9} {show(m.floor, m.unit):>9} {ratio:>7} "
        f"{budget_text(m):>9} {pass_text(m):>4}"
    )


def sort_key(metric: Metric) -> int:
    for i, prefix in enumerate(ORDER):
        if metric.name.startswith(prefix):
            return i
    return len(ORDER)


def table(metrics: list[Metric]) -> str:
    lines = [
        "| metric | value | floor | ratio | budget | pass |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for m in sorted(metrics, key=sort_key):
        ratio = "—" if m.ratio is None else f"{m.ratio:.2f}×"
        lines.append(
            f"| `{m.name}` | {show(m.value, m.unit)} | {show(m.floor, m.unit)} | {ratio} | "
            f"{budget_text(m)} | {pass_text(m)} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        one, five, fifteen = os.getloadavg()
        load = f" · load {one:.1f} {five:.1f} {fifteen:.1f}"
    return (
        f"{os.cpu_count()} CPUs ({cpu}) · Python {platform.python_version()} · "
        f"{platform.system()} {platform.release()}{load}"
    )


# --- main -------------------------------------------------------------------------------------


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        KIVY_NO_ARGS="1",
        KIVY_LOG_MODE="PYTHON",
        KIVY_NO_FILELOG="1",
        KIVY_NO_CONSOLELOG="1",
        KIVY_HOME=str(cache / "kivy-home"),
        MPLCONFIGDIR=str(cache / "matplotlib"),
        CRAMPDIARY_BENCH_CACHE=str(cache),
        PYTHONDONTWRITEBYTECODE="",
    )
    env.pop("CRAMPDIARY_DB", None)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["SDL_VIDEODRIVER"] = "offscreen"
    return env


def selected(only: list[str]) -> list[str]:
    if not only:
        return list(MEASURES)
    groups = {
        "first_frame": "startup", "home_ready": "startup", "home_interactive": "startup",
        "peak_rss_mb": "startup",
        "save_p95": "save", "rules_100k": "rules", "report_1y": "report", "ui_stall_ms": "stall",
    }  # fmt: skip
    wanted = []
    for name in only:
        group = "charts" if name.startswith("chart") else groups.get(name, name)
        if group not in MEASURES:
            raise SystemExit(f"unknown metric {name!r}")
        if group not in wanted:
            wanted.append(group)
    return [g for g in MEASURES if g in wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time Cramp Diary against same-run floors.")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="fewer runs (about a minute)")
    mode.add_argument("--smoke", action="store_true", help="one run on small diaries (for tests)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--only", nargs="+", default=[], help="only these metrics (or groups)")
    parser.add_argument("--cache", type=Path, help="where generated diaries are kept")
    args = parser.parse_args(argv)
    plan = PLANS["smoke" if args.smoke else "quick" if args.quick else "full"]
    groups = selected(args.only)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    if args.cache:
        os.environ["CRAMPDIARY_BENCH_CACHE"] = str(args.cache)
    cache = generate.cache_dir()
    env = child_env(cache)
    started = time.monotonic()
    today = date.today()
    log(f"Cramp Diary benchmark ({plan.name}) · {machine()}")
    ten_spec = generate.spec_for("10y", today)
    big_spec = generate.spec_for("big", generate.BIG_END, plan.big_episodes)
    ten_year = generate.ensure(ten_spec, env=env)
    big = generate.ensure(big_spec, env=env) if "rules" in groups else Path()
    scratch = Path(tempfile.mkdtemp(prefix="crampdiary-bench-run-"))
    ctx = Context(plan, env, scratch, today, ten_year, big, big_spec.kind, log)
    # The 100k diary ends on a fixed date (it is only ever read through the services with an
    # explicit as-of), so it is generated once; the 10-year one ends today, for the app's home.
    ctx_today = ctx.today
    try:
        for group in groups:
            if group == "rules":
                ctx.today = generate.BIG_END
            wall, cpu = time.monotonic(), children_cpu()
            try:
                MEASURES[group](ctx)
                spent = time.monotonic() - wall
                log(f"  ({group}: {spent:.0f} s, {children_cpu() - cpu:.0f} s CPU)")
            except ChildFailed as exc:
                log(f"  {group} failed: {exc}")
                ctx.missing(group, "ratio", None, "s", str(exc).splitlines()[0])
            finally:
                ctx.today = ctx_today
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    metrics = sorted(ctx.metrics, key=sort_key)
    print(
        f"\nCramp Diary benchmark ({plan.name}, {time.monotonic() - started:.0f} s) · {machine()}"
    )
    print(table(metrics))
    for m in metrics:
        if m.note:
            print(f"- `{m.name}`: {m.note}")
    if args.json:
        payload = {m.name: m.to_json() for m in metrics}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return 0 if all(m.passed is not False for m in metrics) else 1


if __name__ == "__main__":
    raise SystemExit(main())
