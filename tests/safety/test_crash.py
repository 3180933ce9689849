"""Crash safety: writers killed with SIGKILL at random moments lose nothing they reported.

A writer (``writer.py``) logs episodes through ``Diary.log_episode`` and prints each id only after
the call returned, i.e. after the transaction committed. The test kills writers at random
moments (during start-up, the first creation and migration of the file, the daily backup, or in
the middle of a commit), many times over, and then checks the diary on disk.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crampdiary.services import Diary
from tests.safety.helpers import episode_for, fixed_clock, integrity, seq_of

WRITER = Path(__file__).with_name("writer.py")
ROUNDS = 30


def _read_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line, "the writer process stopped unexpectedly"
    return line.strip()


@pytest.mark.slow
def test_killed_writers_lose_no_reported_episode(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    seed = int(os.environ.get("CRAMPDIARY_CRASH_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    reported: dict[str, int] = {}
    zygote = subprocess.Popen(
        [sys.executable, str(WRITER), str(db), "--zygote"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert zygote.stdin is not None
    try:
        for round_no in range(ROUNDS):
            zygote.stdin.write(f"go {round_no * 100_000}\n")
            zygote.stdin.flush()
            pid = int(_read_line(zygote).split()[1])
            if round_no % 2:
                # Early: while opening, creating, migrating or backing up the file.
                time.sleep(rng.uniform(0, 0.4))
            else:
                # In the middle of writing: after the first commit, at a random moment.
                episode_id, seq = _read_line(zygote).split()
                reported[episode_id] = int(seq)
                time.sleep(rng.uniform(0, 0.3))
            os.kill(pid, signal.SIGKILL)
            while True:
                line = _read_line(zygote)
                if line.startswith("ended"):
                    assert line == f"ended {-signal.SIGKILL}", f"the writer failed: {line}"
                    break
                episode_id, seq = line.split()
                reported[episode_id] = int(seq)
    finally:
        zygote.kill()
        zygote.communicate()

    assert len(reported) >= ROUNDS // 2
    assert integrity(db) == "ok"
    diary = Diary.open(db, clock=fixed_clock, auto_backup=False)
    try:
        stored = {e.id: e for e in diary.episodes()}
    finally:
        diary.close()
    missing = sorted(set(reported) - set(stored))
    assert not missing, f"{len(missing)} reported episodes were lost (seed {seed})"
    # Nothing is half-written: every stored episode (reported or killed just before printing)
    # is exactly the episode its writer meant, field for field.
    for episode in stored.values():
        assert episode == episode_for(seq_of(episode)), f"damaged episode (seed {seed})"
    assert len(stored) - len(reported) <= ROUNDS  # at most one unreported commit per kill
