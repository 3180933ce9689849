"""A child process for the crash and concurrency tests: logs episodes through the service layer
(``Diary.log_episode``, as the app does) and prints ``<id> <seq>`` only after each call returned.

    python writer.py DB FIRST_SEQ COUNT [--wait]       log COUNT episodes (0: until killed)
    python writer.py DB --zygote                       fork a writer per "go FIRST_SEQ" line

``--wait`` prints "ready" and waits for a line on stdin before writing (so several writers
start together). ``--zygote`` imports everything once and forks a fresh writer for each command,
printing "pid N" first, so a test can SIGKILL many writers quickly.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from crampdiary.services import Diary
from tests.safety.helpers import episode_for, fixed_clock


def write(db: str, first: int, count: int) -> None:
    diary = Diary.open(db, clock=fixed_clock)
    seq = first
    while count == 0 or seq < first + count:
        episode = diary.log_episode(episode_for(seq))
        sys.stdout.write(f"{episode.id} {seq}\n")
        sys.stdout.flush()
        seq += 1
    diary.close()


def zygote(db: str) -> None:
    for line in sys.stdin:
        first = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                write(db, first, 0)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        sys.stdout.write(f"pid {pid}\n")
        sys.stdout.flush()
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(f"ended {os.waitstatus_to_exitcode(status)}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[2] == "--zygote":
        zygote(sys.argv[1])
    else:
        if "--wait" in sys.argv:
            print("ready", flush=True)
            sys.stdin.readline()
        write(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
