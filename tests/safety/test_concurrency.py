"""Concurrency: the app's service, a second app window and the command line writing to the same
diary at once lose nothing, and nobody sees "database is locked".

Decision: a second window on the same diary is *allowed*, because it is safe: every write is one
``BEGIN IMMEDIATE`` transaction, so writers queue (WAL, a 10 s busy timeout, then retries) instead
of failing; readers never wait for writers; each window sees the other's changes on its next read
(``data_version`` changes), and an edit of an episode that the other window deleted is refused
with a plain message rather than bringing it back.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from crampdiary.domain import ValidationError
from crampdiary.services import Diary
from tests.safety.helpers import episode_for, fixed_clock, integrity

WRITER = Path(__file__).with_name("writer.py")
N = 25

CLI_WRITER = """
import sys
from crampdiary import cli
db, count = sys.argv[1], int(sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()
for k in range(count):
    at = f"2026-11-{1 + k % 20:02d}T03:{k:02d}"
    args = ["add", "--db", db, "--muscle", "calf", "--side", "left", "--duration", "1",
            "--severity", "3", "--context", "resting", "--at", at,
            "--notes", f"cli-{k}", "--no-medications"]
    if cli.main(args) != 0:
        sys.exit(f"crampdiary add failed at {k}")
"""


@pytest.mark.slow
def test_app_windows_and_command_line_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    # A diary that does not exist yet: all of them race to create and migrate it, too.
    db = tmp_path / "diary.db"
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(db), str(first), str(N), "--wait"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for first in (0, 1000)
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, "-c", CLI_WRITER, str(db), str(N)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"

    thread_ids: list[str] = []
    thread_errors: list[BaseException] = []

    def app_thread() -> None:
        try:
            diary = Diary.open(db, clock=fixed_clock)
            try:
                for seq in range(2000, 2000 + N):
                    thread_ids.append(diary.log_episode(episode_for(seq)).id)
            finally:
                diary.close()
        except BaseException as exc:  # reported below, on the test's thread
            thread_errors.append(exc)

    thread = threading.Thread(target=app_thread)
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    thread.start()
    outputs = [proc.communicate(timeout=120) for proc in procs]
    thread.join(timeout=120)

    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err.lower() and "busy" not in err.lower(), err
    assert not thread_errors, thread_errors
    reported = [line.split()[0] for out, _ in outputs for line in out.splitlines() if line]
    reported += thread_ids
    assert len(reported) == 4 * N

    diary = Diary.open(db, clock=fixed_clock)
    try:
        stored = diary.episodes()
    finally:
        diary.close()
    assert len(stored) == 4 * N
    assert {e.id for e in stored} == set(reported)
    assert integrity(db) == "ok"


def test_a_second_window_sees_changes_and_cannot_resurrect_a_deleted_episode(
    tmp_path: Path,
) -> None:
    db = tmp_path / "diary.db"
    first = Diary.open(db, clock=fixed_clock)
    second = Diary.open(db, clock=fixed_clock)
    try:
        version = second.data_version()
        episode = first.log_episode(episode_for(1))
        assert second.data_version() != version
        assert second.get_episode(episode.id) == episode

        second.delete_episode(episode.id)
        with pytest.raises(ValidationError, match="no such cramp"):
            first.update_episode(episode.with_changes(severity_0_10=9))
        assert first.episodes() == [] and second.episodes() == []
        # Undo in the window that deleted it brings it back for both.
        second.undo_delete(episode)
        assert first.get_episode(episode.id) == episode
    finally:
        first.close()
        second.close()
