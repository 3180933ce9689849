"""Killing ``crampdiary add`` with SIGKILL at any moment never leaves a half-written episode or a
damaged file, and never loses an episode whose id was printed.

Many real ``python -m crampdiary --db F add ...`` processes run a few at a time against one
diary. Python takes most of a process's life to start, so a kill timed from the start would
nearly always land before the diary is touched: each kill is timed instead from the moment the
process has the diary file open (seen in ``/proc/<pid>/fd``), a random moment within the measured
length of the diary work (from that moment to the process's end), so kills land during the check,
the daily backup, the read of the medicines list, the write and the commit. (A fixed 0–300 ms
missed them all now and then on a fast machine, where that work takes 80 ms.)
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crampdiary.domain import Medicine, MedicineClass
from crampdiary.domain.validation import episode_to_mapping, validate_episode
from crampdiary.services import Diary

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)"),
]

PROCESSES = 40
AT_ONCE = 4
TIME_BUDGET_S = 30.0
MIN_PROCESSES = 12
REQUIRED = [
    "id",
    "started_at",
    "duration_minutes",
    "muscle",
    "side",
    "severity_0_10",
    "context",
    "symptoms",
    "medications",
    "notes",
    "created_at",
    "updated_at",
]


@dataclass
class Outcome:
    index: int
    killed: bool
    opened: bool
    returncode: int
    printed_id: str | None
    stderr: str


def command(db: Path, index: int) -> list[str]:
    """Every field set, so a half-written row would show; notes long enough to span pages."""
    at = datetime(2026, 1, 1, 3, 0) + timedelta(minutes=index)
    return [
        sys.executable,
        "-m",
        "crampdiary",
        "--db",
        str(db),
        "add",
        "--muscle", "calf",
        "--side", "left",
        "--duration", f"{1 + index % 9}.5",
        "--severity", str(index % 11),
        "--context", "asleep",
        "--at", at.isoformat(timespec="minutes"),
        "--eased-with-rest", "no",
        "--symptom", "numbness",
        "--symptom", "twitching",
        "--hydration", "1.5",
        "--exercise", "20",
        "--soreness-days", "1",
        "--affected-daily-activities", "yes",
        "--notes", f"kill {index} " + "🦵 night cramp " * (50 + 40 * (index % 7)),
    ]  # fmt: skip


def has_open(pid: int, path: str) -> bool:
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == path:
                    return True
            except OSError:
                continue
    except OSError:
        return False
    return False


def lifetime(db: Path, index: int) -> tuple[float, float]:
    """(seconds until the diary is open, seconds of diary work after that) for one whole add."""
    start = time.monotonic()
    process = subprocess.Popen(command(db, index), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    opened_at = None
    while process.poll() is None:
        if opened_at is None and has_open(process.pid, str(db)):
            opened_at = time.monotonic()
        time.sleep(0.005)
    end = time.monotonic()
    _, err = process.communicate()
    assert process.returncode == 0, err.decode()
    opened_at = opened_at or end
    return opened_at - start, end - opened_at


def run_and_kill(db: Path, index: int, delay: float, rng: random.Random) -> Outcome:
    process = subprocess.Popen(command(db, index), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    opened = False
    deadline = time.monotonic() + 60
    # A quarter of the kills are timed from the start (any moment at all), the rest from the
    # moment the diary is open.
    if rng.random() < 0.25:
        time.sleep(rng.uniform(0, delay * 4))
    else:
        while process.poll() is None and time.monotonic() < deadline:
            if has_open(process.pid, str(db)):
                opened = True
                break
            time.sleep(0.003)
        time.sleep(rng.uniform(0, delay))
    killed = process.poll() is None
    if killed:
        process.kill()
    out, err = process.communicate()
    lines = out.decode().split()
    return Outcome(
        index, killed, opened, process.returncode, lines[0] if lines else None, err.decode()
    )


def test_sigkill_during_add_never_damages_the_diary(tmp_path: Path) -> None:
    db = (tmp_path / "diary.db").resolve()
    diary = Diary.open(db)  # a diary with a medicines list, so add reads before it writes
    diary.save_medicine(Medicine("Atorvastatin 20 mg", MedicineClass.STATIN))
    diary.close()
    to_open, work = lifetime(db, 0)
    delay = max(0.05, work)
    seed = int(os.environ.get("CRAMPDIARY_KILL_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    lock = threading.Lock()
    started = time.monotonic()

    def one(index: int) -> Outcome | None:
        if time.monotonic() - started > TIME_BUDGET_S:
            return None
        with lock:
            own = random.Random(rng.random())
        return run_and_kill(db, index, delay, own)

    with ThreadPoolExecutor(AT_ONCE) as pool:
        outcomes = [o for o in pool.map(one, range(1, PROCESSES + 1)) if o is not None]
    context = f"seed {seed}, to open {to_open:.2f}s, diary work {work:.2f}s"
    assert len(outcomes) >= MIN_PROCESSES, context

    for outcome in outcomes:
        if not outcome.killed:  # it finished before its kill: it must have succeeded
            assert outcome.returncode == 0, (context, outcome.stderr)
            assert outcome.printed_id, (context, outcome)
    printed = {o.printed_id: o.index for o in outcomes if o.printed_id}
    killed_before_print = [o for o in outcomes if o.killed and not o.printed_id and o.opened]
    print(
        f"{len(outcomes)} adds ({context}): {len(printed)} printed an id, "
        f"{len(killed_before_print)} killed with the diary open before printing, "
        f"{sum(o.killed and not o.opened for o in outcomes)} killed at a random moment"
    )
    assert printed, f"no add ever finished: the kills came too early ({context})"
    assert killed_before_print, f"no kill landed after the diary was open ({context})"

    # The file is intact.
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
        conn.row_factory = sqlite3.Row
        rows = [dict(r) for r in conn.execute("SELECT * FROM episodes")]
    # Every row is whole: required columns set, JSON columns parse, values as sent.
    by_index: dict[int, dict[str, object]] = {}
    for row in rows:
        assert all(row[name] is not None for name in REQUIRED), (context, row)
        symptoms = json.loads(str(row["symptoms"]))
        medications = json.loads(str(row["medications"]))
        assert symptoms == ["numbness", "twitching"], (context, row)
        assert medications == [
            {"name": "Atorvastatin 20 mg", "class": "statin", "started_on": None}
        ], (context, row)
        index = int(str(row["notes"]).split()[1])
        assert index not in by_index, f"episode {index} was written twice ({context})"
        by_index[index] = row
    # Every printed id is there, with what its process was asked to write.
    for episode_id, index in printed.items():
        assert episode_id in {r["id"] for r in rows}, (context, index)
        assert by_index[index]["id"] == episode_id
    diary = Diary.open(db)
    try:
        stored = {e.id: e for e in diary.episodes()}
        assert len(stored) == len(rows)
        for episode in stored.values():
            validate_episode(episode, now=datetime(2027, 1, 1))
            index = int(episode.notes.split()[1])
            expected = command(db, index)
            assert episode_to_mapping(episode)["notes"] == expected[-1], context
            assert episode.severity_0_10 == index % 11
        diary.log_from_mapping(
            {
                "started_at": "2026-02-01T03:00",
                "duration_minutes": 1,
                "muscle": "foot",
                "side": "right",
                "severity_0_10": 3,
                "context": "asleep",
            }
        )
        assert len(diary.episodes()) == len(rows) + 1  # and it still takes new cramps
    finally:
        diary.close()
