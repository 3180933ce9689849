"""The benchmark's diaries, generated once and cached.

* ``10y``: about 5,000 episodes over ten years. The demo history (``services.demo``) of a few seeds,
  laid over each other until there are at least ``TEN_YEAR_EPISODES`` (one seed gives about 1,100
  in ten years), imported through ``Diary.import_document``, the service the app and the command
  line use.
* ``100k``: 100,000 episodes over the same ten years (about 27 a day: a stress test, not a person).
  The 10-year diary's episodes, copied with fresh ids and each copy moved back a few minutes, added
  through the episode repository's ``add_many`` in transactions of 25,000.

Files live in ``$CRAMPDIARY_BENCH_CACHE`` (else ``<tmp>/crampdiary-bench``), named by a hash of
every parameter that shapes them (generator version, kind, size, end date, schema revision), and
are built beside their final name and renamed, so an interrupted run never leaves half a diary.
Writers work on ``scratch_copy``; the cached file is only read.

Run as a script it prints the path of the diary it ensured: ``python bench/generate.py 10y``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from crampdiary.domain import Episode  # noqa: E402
from crampdiary.reports.interchange import DiaryDocument  # noqa: E402

GENERATOR_VERSION = 1
MONTHS = 120
TEN_YEAR_EPISODES = 5_000
BIG_EPISODES = 100_000
BATCH = 25_000
FIRST_SEED = 7
# The big diary ends on a fixed date: it is only read through the services with an explicit
# as-of date, so it is generated once, not every day.
BIG_END = date(2025, 12, 31)


@dataclass(frozen=True)
class DiarySpec:
    kind: str  # "10y" or "100k" (a smaller "100k" is named by its size, e.g. "20k")
    episodes: int
    end: date

    @property
    def key(self) -> str:
        from crampdiary.storage.database import HEAD_REVISION

        parts = (GENERATOR_VERSION, self.kind, self.episodes, MONTHS, FIRST_SEED, self.end)
        raw = repr((*parts, HEAD_REVISION)).encode()
        return hashlib.sha256(raw).hexdigest()[:12]

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.end:%Y%m%d}-{self.key}.db"


def cache_dir() -> Path:
    folder = os.environ.get("CRAMPDIARY_BENCH_CACHE")
    path = Path(folder) if folder else Path(tempfile.gettempdir()) / "crampdiary-bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def end_moment(end: date) -> datetime:
    """The diaries end early on ``end`` (the benchmark's "today"), after a night's cramps."""
    return datetime.combine(end, datetime.min.time()) + timedelta(hours=7)


def ten_year_document(end: date, target: int = TEN_YEAR_EPISODES) -> DiaryDocument:
    """Demo histories of consecutive seeds over each other, until ``target`` episodes or more."""
    from crampdiary.services.demo import demo_document

    episodes: list[Episode] = []
    first: DiaryDocument | None = None
    seed = FIRST_SEED
    while len(episodes) < target:
        document = demo_document(end=end_moment(end), months=MONTHS, seed=seed)
        first = first or document
        episodes.extend(document.episodes)
        seed += 1
    assert first is not None
    episodes.sort(key=lambda e: (e.started_at, e.id))
    return DiaryDocument(tuple(episodes), first.medicines, first.profile)


def copies(base: tuple[Episode, ...], total: int, seed: int = 1) -> list[Episode]:
    """``total - len(base)`` new episodes: ``base`` over and over, fresh ids, moved back in time."""
    rng = random.Random(seed)
    out: list[Episode] = []
    round_ = 1
    while len(base) + len(out) < total:
        shift = timedelta(minutes=7 * round_)
        for episode in base:
            if len(base) + len(out) >= total:
                break
            new_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            out.append(replace(episode, id=new_id, started_at=episode.started_at - shift))
        round_ += 1
    return out


def build(spec: DiarySpec, path: Path) -> int:
    """Write the diary of ``spec`` to ``path`` (which must not exist); return its episode count."""
    from crampdiary.services import Diary

    now = end_moment(spec.end)
    document = ten_year_document(spec.end, min(spec.episodes, TEN_YEAR_EPISODES))
    diary = Diary.open(str(path), clock=lambda: now, auto_backup=False)
    try:
        summary = diary.import_document(document, source="bench")
        count = summary.added
        if spec.episodes > count:
            extra = copies(document.episodes, spec.episodes)
            for start in range(0, len(extra), BATCH):
                with diary.store.write() as uow:
                    count += uow.episodes.add_many(extra[start : start + BATCH], now=now)
        return count
    finally:
        diary.close()


def ensure(spec: DiarySpec, *, env: dict[str, str] | None = None, log: bool = True) -> Path:
    """The cached diary for ``spec``, built first if it is missing (in a child process if ``env``
    is given, so the caller never imports the app)."""
    folder = cache_dir()
    final = folder / spec.filename
    if final.exists():
        return final
    if env is not None:
        kind = "10y" if spec.kind == "10y" else "big"
        command = [sys.executable, __file__, kind, "--end", spec.end.isoformat()]
        if kind == "big":
            command += ["--episodes", str(spec.episodes)]
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        return final
    partial = folder / f".{spec.filename}.partial-{os.getpid()}"
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    count = build(spec, partial)
    for companion in ("-wal", "-shm"):  # a clean close leaves none; never ship a stray one
        Path(f"{partial}{companion}").unlink(missing_ok=True)
    os.replace(partial, final)
    if log:
        print(
            f"generated {spec.kind} diary: {count:,} episodes in "
            f"{time.perf_counter() - started:.1f} s -> {final}",
            file=sys.stderr,
        )
    return final


def scratch_copy(source: Path, folder: Path, name: str) -> Path:
    """A private copy of a cached diary for a benchmark that writes (the cache stays pristine)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    for old in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        old.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target


def spec_for(kind: str, end: date, episodes: int | None = None) -> DiarySpec:
    if kind == "10y":
        return DiarySpec("10y", TEN_YEAR_EPISODES, end)
    size = episodes or BIG_EPISODES
    label = "100k" if size == BIG_EPISODES else f"{size // 1000}k"
    return DiarySpec(label, size, end)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=("10y", "big"))
    parser.add_argument("--episodes", type=int, default=None, help="size of the big diary")
    parser.add_argument("--end", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    end = args.end or (date.today() if args.kind == "10y" else BIG_END)
    print(ensure(spec_for(args.kind, end, args.episodes)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
