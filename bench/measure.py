"""Timings that need no window, each run by ``bench/run.py`` in its own child process.

``python bench/measure.py TASK --db FILE [...]`` prints one line ``BENCH_RESULT {json}``.
Every task times our path and its floor in the same process, alternating one call of each (so both
see the same noise from a shared machine), after one untimed call of each (imports, caches, pages).

``save``
    ``Diary.log_episode`` (validation, a unit of work, ``BEGIN IMMEDIATE``, insert, commit) against
    a raw ``sqlite3`` insert of the same row between ``BEGIN IMMEDIATE`` and ``COMMIT`` with the
    storage's pragmas (WAL, synchronous FULL, foreign keys, busy timeout), each into its own copy of
    the diary. Reports the p95 of each.
``rules``
    What the app asks for warning signs and a year's numbers: ``services.insights.current_warnings``
    and ``period_comparison`` for the last 365 days, each loading what it needs through the
    services, against loading every episode row of the diary as ``sqlite3`` tuples
    (``SELECT * FROM episodes``, ``fetchall``). Both on one already-open diary.
``charts``
    Each chart of ``reports.charts.CHARTS`` over the whole diary, from episodes already in memory
    to PNG bytes, against a bare figure of the same size and dpi holding the same drawn artists
    (``bench/replica.py``: each text, line, patch and collection copied as plain data, no axes, no
    layout, no data work), drawn and encoded the same way.
``report``
    ``services.report.build_report`` for the last 365 days (loads, renders its charts at print
    resolution, lays out and writes the PDF) against the sum of the render times of the charts it
    holds (same names, sizes and dpi, from episodes already in memory).
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


WARMUP = True


def paired(
    ours: Callable[[], Any],
    floor: Callable[[], Any],
    runs: int,
    warmups: tuple[Callable[[], Any], Callable[[], Any]] | None = None,
) -> tuple[float, float]:
    """Medians of ``runs`` alternating timings, after one untimed call of each (or of the
    cheaper ``warmups`` that load the same modules, fonts and pages)."""
    if WARMUP:
        for warm in warmups or (ours, floor):
            warm()
    gc.collect()  # once: a full collection per call would cost more than some calls
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(timed(ours))
        b.append(timed(floor))
    return statistics.median(a), statistics.median(b)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    rank = max(1, -(-95 * len(ordered) // 100))
    return ordered[rank - 1]


def raw_connection(path: str) -> sqlite3.Connection:
    """sqlite3 with the pragmas of ``storage.database._on_connect``."""
    from crampdiary.storage.database import BUSY_TIMEOUT_MS

    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


# --- save -------------------------------------------------------------------------------------


def task_save(args: argparse.Namespace) -> dict[str, Any]:
    from crampdiary.domain import Context, Episode, Muscle, Side
    from crampdiary.services import Diary

    diary = Diary.open(args.db, auto_backup=False)
    raw = raw_connection(args.raw_db)
    now = datetime.now().replace(microsecond=0)
    columns = (
        "id, started_at, duration_minutes, muscle, side, severity_0_10, context, eased_with_rest,"
        " symptoms, medications, hydration_litres_24h, exercise_minutes_24h, soreness_days,"
        " affected_daily_activities, notes, created_at, updated_at"
    )
    insert = f"INSERT INTO episodes ({columns}) VALUES ({', '.join('?' * 17)})"
    meds = "[]"  # the same empty list SQLAlchemy writes for ``medications=()``

    def episode(i: int) -> Episode:
        return Episode(
            started_at=now - timedelta(minutes=10 + i),
            duration_minutes=2.5,
            muscle=Muscle.CALF,
            side=Side.LEFT,
            severity_0_10=6,
            context=Context.ASLEEP,
            hydration_litres_24h=1.4,
            notes="Woke me at 3.",
        )

    def row(i: int) -> tuple[Any, ...]:
        stamp = f"{now - timedelta(minutes=10 + i):%Y-%m-%d %H:%M:%S}.000000"
        made = f"{now:%Y-%m-%d %H:%M:%S}.000000"
        return (
            str(uuid.uuid4()), stamp, 2.5, "calf", "left", 6, "asleep", None, "[]", meds,
            1.4, None, None, None, "Woke me at 3.", made, made,
        )  # fmt: skip

    def raw_save(values: tuple[Any, ...]) -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(insert, values)
        raw.execute("COMMIT")

    for i in range(5):  # warm-up, untimed
        diary.log_episode(episode(i))
        raw_save(row(i))
    gc.collect()
    ours: list[float] = []
    floor: list[float] = []
    for i in range(args.n):
        ep = episode(100 + i)
        values = row(100 + i)  # the floor's row is ready before its clock starts
        ours.append(timed(partial(diary.log_episode, ep)))
        floor.append(timed(partial(raw_save, values)))
    diary.close()
    raw.close()
    return {
        "value": p95(ours),
        "floor": p95(floor),
        "median_ours": statistics.median(ours),
        "median_floor": statistics.median(floor),
        "saves": args.n,
    }


# --- rules ------------------------------------------------------------------------------------


def task_rules(args: argparse.Namespace) -> dict[str, Any]:
    from crampdiary.services import Diary
    from crampdiary.services.insights import current_warnings, period_comparison

    diary = Diary.open(args.db, auto_backup=False)
    as_of = date.fromisoformat(args.as_of)
    start = as_of - timedelta(days=364)
    raw = sqlite3.connect(args.db)
    found: dict[str, Any] = {}
    parts: dict[str, list[float]] = {"warnings": [], "period": []}

    def ours() -> None:
        started = time.perf_counter()
        found["warnings"] = current_warnings(diary, as_of)
        middle = time.perf_counter()
        found["comparison"] = period_comparison(diary, start, as_of)
        parts["warnings"].append(middle - started)
        parts["period"].append(time.perf_counter() - middle)

    def floor() -> None:
        found["rows"] = raw.execute("SELECT * FROM episodes").fetchall()

    def warm_ours() -> None:
        current_warnings(diary, as_of)
        period_comparison(diary, as_of - timedelta(days=6), as_of)

    value, floor_s = paired(ours, floor, args.runs, (warm_ours, floor))
    detail = {
        "warnings": len(found["warnings"]),
        "cramps_this_year": found["comparison"].current.cramps,
        "rows_in_diary": len(found["rows"]),
        "ours_warnings_s": statistics.median(parts["warnings"][-args.runs :]),
        "ours_period_s": statistics.median(parts["period"][-args.runs :]),
    }
    diary.close()
    raw.close()
    return {"value": value, "floor": floor_s, **detail}


# --- charts -----------------------------------------------------------------------------------


def chart_call(
    fn: Callable[..., Any],
    episodes: list[Any],
    medicines: list[Any],
    start: date,
    end: date,
    size: tuple[float, float] | None = None,
    dpi: int | None = None,
) -> Callable[[], Any]:
    """``fn`` (a chart of ``CHARTS`` or ``FIGURES``) with the arguments it takes."""
    from crampdiary.reports import charts

    kwargs: dict[str, Any] = {
        "start": start,
        "end": end,
        "size": size or charts.DEFAULT_SIZE,
        "dpi": dpi or charts.DEFAULT_DPI,
    }
    if "medicines" in inspect.signature(fn).parameters:
        kwargs["medicines"] = medicines
    return lambda: fn(episodes, **kwargs)


def task_charts(args: argparse.Namespace) -> dict[str, Any]:
    from bench.replica import replica_png, spec_of
    from crampdiary.reports import charts
    from crampdiary.services import Diary

    diary = Diary.open(args.db, auto_backup=False)
    end = date.fromisoformat(args.as_of)
    with diary.store.read() as uow:
        first_last = uow.episodes.bounds()
    start = first_last[0] if first_last else end - timedelta(days=3652)
    episodes = diary.episodes(start - timedelta(days=1), end + timedelta(days=1))
    medicines = diary.medicines()
    diary.close()
    out: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat()}
    out["episodes"] = len(episodes)
    for name, draw in charts.CHARTS.items():
        figure = chart_call(charts.FIGURES[name], episodes, medicines, start, end)()
        charts.figure_png(figure)
        spec = spec_of(figure)
        value, floor = paired(
            chart_call(draw, episodes, medicines, start, end), partial(replica_png, spec), args.runs
        )
        build = chart_call(charts.FIGURES[name], episodes, medicines, start, end)
        started = time.perf_counter()
        built = build()
        build_s = time.perf_counter() - started
        png_s = timed(partial(charts.figure_png, built))
        artists = len(spec.artists)
        lines_only = partial(
            charts.bare_figure_png, charts.DEFAULT_SIZE, charts.DEFAULT_DPI, artists
        )
        lines_only()
        lines_only_s = statistics.median(timed(lines_only) for _ in range(max(1, args.runs)))
        out[name] = {
            "value": value,
            "floor": floor,
            "artists": artists,
            "kinds": spec.kinds(),
            "floor_lines_only_s": lines_only_s,
            "build_s": build_s,
            "draw_png_s": png_s,
        }
    return out


# --- report -----------------------------------------------------------------------------------


def task_report(args: argparse.Namespace) -> dict[str, Any]:
    from crampdiary.services import Diary

    try:
        from crampdiary.reports import pdf
        from crampdiary.services import report as report_service
    except ImportError as exc:
        return {"missing": f"the report is not there yet ({exc})"}
    from crampdiary.reports import charts

    diary = Diary.open(args.db, auto_backup=False)
    end = date.fromisoformat(args.as_of)
    start = end - timedelta(days=364)
    out = Path(args.out)
    page_one = tuple(pdf.PAGE_ONE_CHARTS)
    names = [*page_one, *pdf.OTHER_CHARTS]
    dpi = report_service.PRINT_DPI
    # The floor draws the report's charts from what the report loads: the period, the period
    # before it (numbers, medicine chart) and the night after the end.
    episodes = diary.episodes(start - timedelta(days=366), end + timedelta(days=1))
    medicines = diary.medicines()

    def ours() -> None:
        report_service.build_report(diary, out, start, end)

    def floor() -> None:
        for name in names:
            size = (
                report_service.PAGE_ONE_CHART_SIZE
                if name in page_one
                else report_service.CHART_SIZE
            )
            chart_call(charts.CHARTS[name], episodes, medicines, start, end, size, dpi)()

    value, floor_s = paired(ours, floor, args.runs)
    diary.close()
    return {
        "value": value,
        "floor": floor_s,
        "charts": names,
        "dpi": dpi,
        "bytes": out.stat().st_size,
    }


TASKS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "save": task_save,
    "rules": task_rules,
    "charts": task_charts,
    "report": task_report,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One benchmark task, our path and its floor.")
    parser.add_argument("task", choices=sorted(TASKS))
    parser.add_argument("--db", required=True)
    parser.add_argument("--raw-db", help="save: the copy the raw floor writes into")
    parser.add_argument("--as-of", default=date.today().isoformat())
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("-n", type=int, default=200, help="save: how many saves")
    parser.add_argument("--out", help="report: where the PDF goes")
    parser.add_argument("--no-warmup", action="store_true", help="no untimed first calls")
    args = parser.parse_args(argv)
    global WARMUP
    WARMUP = not args.no_warmup
    if not Path(args.db).is_file():  # Diary.open would create an empty diary and time that
        parser.error(f"no diary at {args.db}")
    result = TASKS[args.task](args)
    print("BENCH_RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
