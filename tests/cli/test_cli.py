"""The command line of spec/diary-format.md §4 (all but ``report`` and ``warnings``), through its
real entry point ``crampdiary.cli.main`` and, for a few, a real ``python -m crampdiary`` process.

Exit status: 0 success; 2 bad usage or invalid input (nothing changed); 1 any other failure.
Messages go to stderr.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from crampdiary import __version__, cli
from crampdiary.domain import (
    Context,
    Episode,
    MedicationTaken,
    Medicine,
    MedicineClass,
    Muscle,
    Side,
    Symptom,
)
from crampdiary.services import Diary, ImportSummary
from crampdiary.services import diary as diary_module
from crampdiary.storage import backups

NOW = datetime(2026, 11, 22, 10, 0)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ADD = ["add", "--muscle", "calf", "--side", "left", "--duration", "2", "--severity", "6"]
ADD += ["--context", "asleep"]


class Run:
    """``crampdiary --db <file> ...`` in this process, returning (status, stdout, stderr)."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str | Path, db: bool = True) -> tuple[int, str, str]:
        argv = (["--db", str(self.db)] if db else []) + [str(a) for a in args]
        self.capsys.readouterr()
        try:
            status = cli.main(argv)
        except SystemExit as exc:  # argparse: --version, --help and bad usage
            status = exc.code if isinstance(exc.code, int) else 1
        out, err = self.capsys.readouterr()
        return status, out, err

    def diary(self) -> Diary:
        return Diary.open(self.db, clock=lambda: NOW)

    def episodes(self) -> list[Episode]:
        diary = self.diary()
        try:
            return diary.episodes()
        finally:
            diary.close()

    def everything(self) -> str:
        """A full export (JSON and CSV) at a fixed time: equal strings mean an unchanged diary."""
        diary = self.diary()
        try:
            return diary.export_text("json") + diary.export_text("csv")
        finally:
            diary.close()


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line reads the system clock: pin it to NOW."""

    class Fixed(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Fixed:  # type: ignore[override]
            return cls.fromisoformat(NOW.isoformat())

    monkeypatch.setattr(diary_module, "datetime", Fixed)


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], fixed_clock: None) -> Run:
    return Run(tmp_path / "diary.db", capsys)


def python_m(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crampdiary", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


# --- add ----------------------------------------------------------------------------------


def test_add_takes_an_option_for_every_field_and_prints_the_id(run: Run) -> None:
    status, out, err = run(
        "add",
        "--muscle", "thigh_back",
        "--side", "right",
        "--duration", "2.5",
        "--severity", "8",
        "--context", "walking",
        "--at", "2026-11-21T03:10",
        "--eased-with-rest", "yes",
        "--symptom", "numbness",
        "--symptom", "swelling",
        "--medication", "atorvastatin|statin|2026-08-01",
        "--medication", "furosemide|diuretic",
        "--hydration", "1,5",
        "--exercise", "30",
        "--soreness-days", "2",
        "--affected-daily-activities", "no",
        "--notes", "woke me at 3 — stretched 🦵, שלום",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert UUID.fullmatch(out.strip())
    (stored,) = run.episodes()
    assert stored == Episode(
        id=out.strip(),
        started_at=datetime(2026, 11, 21, 3, 10),
        duration_minutes=2.5,
        muscle=Muscle.THIGH_BACK,
        side=Side.RIGHT,
        severity_0_10=8,
        context=Context.WALKING,
        eased_with_rest=True,
        symptoms=(Symptom.NUMBNESS, Symptom.SWELLING),
        medications=(
            MedicationTaken("atorvastatin", MedicineClass.STATIN, date(2026, 8, 1)),
            MedicationTaken("furosemide", MedicineClass.DIURETIC),
        ),
        hydration_litres_24h=1.5,
        exercise_minutes_24h=30.0,
        soreness_days=2,
        affected_daily_activities=False,
        notes="woke me at 3 — stretched 🦵, שלום",
    )


def test_add_without_at_logs_now_and_leaves_optional_fields_empty(run: Run) -> None:
    status, out, _ = run(*ADD)
    assert status == 0
    (stored,) = run.episodes()
    assert stored.id == out.strip()
    assert stored.started_at == NOW
    assert stored.eased_with_rest is None and stored.affected_daily_activities is None
    assert stored.symptoms == () and stored.medications == () and stored.notes == ""
    assert stored.hydration_litres_24h is None and stored.soreness_days is None


def test_add_takes_the_medicines_being_taken_that_day(run: Run) -> None:
    diary = run.diary()
    try:
        diary.save_medicine(Medicine("Amlodipine 5 mg", MedicineClass.OTHER_BLOOD_PRESSURE))
        diary.save_medicine(
            Medicine("Atorvastatin", MedicineClass.STATIN, started_on=date(2026, 11, 1))
        )
        diary.save_medicine(
            Medicine("Furosemide", MedicineClass.DIURETIC, stopped_on=date(2026, 10, 1))
        )
    finally:
        diary.close()
    run(*ADD, "--at", "2026-10-15T03:00")
    run(*ADD, "--at", "2026-11-15T03:00")
    run(*ADD, "--at", "2026-11-16T03:00", "--no-medications")
    october, november, none = run.episodes()
    assert [m.name for m in october.medications] == ["Amlodipine 5 mg"]
    assert [m.name for m in november.medications] == ["Amlodipine 5 mg", "Atorvastatin"]
    assert none.medications == ()


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--severity", "11"], "severity_0_10"),
        (["--severity", "6.5"], "severity_0_10"),
        (["--duration", "-1"], "duration_minutes"),
        (["--duration", "1441"], "duration_minutes"),
        (["--duration", "long"], "duration_minutes"),
        (["--at", "2026-11-22T10:11"], "started_at"),  # beyond the clock skew
        (["--at", "2026-11-21T03:10+01:00"], "started_at"),
        (["--at", "21/11/2026"], "started_at"),
        (["--hydration", "25"], "hydration_litres_24h"),
        (["--exercise", "2000"], "exercise_minutes_24h"),
        (["--soreness-days", "-2"], "soreness_days"),
        (["--notes", "x" * 10_001], "notes"),
        (["--medication", "atorvastatin"], "medications[0]"),
        (["--medication", "atorvastatin|lipid"], "medications[0].class"),
        (["--medication", "atorvastatin|statin|August"], "medications[0].started_on"),
    ],
)
def test_invalid_add_exits_2_names_the_field_and_saves_nothing(
    run: Run, options: list[str], named: str
) -> None:
    run(*ADD, "--at", "2026-11-01T01:00")
    before = run.everything()
    status, out, err = run(*[a for a in ADD if a != "--at"], *options)
    assert status == 2
    assert out == ""
    assert err.startswith("crampdiary: ") and named in err and "Nothing was changed" in err
    assert run.everything() == before


def test_the_clock_skew_lets_a_slightly_fast_clock_through(run: Run) -> None:
    assert run(*ADD, "--at", "2026-11-22T10:10")[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "--muscle", "elbow", "--side", "left", "--duration", "2", "--severity", "6",
         "--context", "asleep"],
        ["add", "--muscle", "calf", "--duration", "2", "--severity", "6", "--context", "asleep"],
        [*ADD, "--symptom", "cramp"],
        [*ADD, "--eased-with-rest", "maybe"],
        ["list", "--from", "yesterday"],
        ["list", "--to", "2026-02-30"],
        ["export", "--format", "xml", "--out", "-"],
        ["export", "--format", "json"],
        ["import"],
        ["restore"],
        ["demo", "--months", "many"],
        ["frobnicate"],
        ["--no-such-option"],
    ],
)  # fmt: skip
def test_bad_usage_exits_2_with_a_message_on_stderr(run: Run, argv: list[str]) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert "usage: crampdiary" in err and "error:" in err
    assert not run.db.exists()  # nothing was opened, let alone changed


def test_version(run: Run) -> None:
    status, out, err = run("--version", db=False)
    assert (status, out, err) == (0, f"crampdiary {__version__}\n", "")


# --- list ---------------------------------------------------------------------------------


def test_list_shows_the_cramps_of_a_period_oldest_first(run: Run) -> None:
    ids = {}
    for day in (1, 10, 20, 30):
        _, out, _ = run(*ADD, "--at", f"2026-09-{day:02d}T03:15")
        ids[day] = out.strip()
    status, out, err = run("list")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert [ids[d] in line for d, line in zip((1, 10, 20, 30), lines, strict=False)] == [True] * 4
    assert "Tue 01 Sep 2026 03:15" in lines[0] and "Calf" in lines[0] and "6/10" in lines[0]
    assert "Left" in lines[0] and "Asleep (woke me)" in lines[0]
    assert lines[-1] == "4 cramps."
    _, out, _ = run("list", "--from", "2026-09-10", "--to", "2026-09-20")
    assert [ids[10] in out, ids[20] in out, ids[1] in out, ids[30] in out] == [1, 1, 0, 0]
    assert out.splitlines()[-1] == "2 cramps."
    _, out, _ = run("list", "--from", "2026-09-30")
    assert out.splitlines()[-1] == "1 cramp."
    _, out, _ = run("list", "--to", "2026-08-31")
    assert out == "No cramps logged in this period.\n"


def test_list_json_prints_the_episodes_as_in_the_document(run: Run) -> None:
    run(*ADD, "--at", "2026-09-02T03:15", "--notes", "second")
    run(*ADD, "--at", "2026-09-01T03:15", "--symptom", "fever", "--notes", "first")
    status, out, err = run("list", "--json", "--from", "2026-09-01", "--to", "2026-09-01")
    assert (status, err) == (0, "")
    (only,) = json.loads(out)
    assert only["notes"] == "first" and only["symptoms"] == ["fever"]
    assert list(only) == [
        "id", "started_at", "duration_minutes", "muscle", "side", "severity_0_10", "context",
        "eased_with_rest", "symptoms", "medications", "hydration_litres_24h",
        "exercise_minutes_24h", "soreness_days", "affected_daily_activities", "notes",
    ]  # fmt: skip
    _, out, _ = run("list", "--json")
    assert [e["notes"] for e in json.loads(out)] == ["first", "second"]
    _, out, _ = run("list", "--json", "--to", "2026-01-01")
    assert json.loads(out) == []


# --- import and export --------------------------------------------------------------------


def test_import_and_export_through_files_and_stdout(run: Run, tmp_path: Path) -> None:
    run(*ADD, "--at", "2026-09-01T03:15", "--notes", 'a, "quoted"\nnote')
    for fmt in ("json", "csv"):
        out_file = tmp_path / f"diary.{fmt}"
        status, out, err = run("export", "--format", fmt, "--out", out_file)
        assert (status, out) == (0, "")
        assert "keep it private" in err
        status, out, err = run("export", "--format", fmt, "--out", "-")
        assert (status, err) == (0, "")
        assert out.encode("utf-8") == out_file.read_bytes()
    other = Run(tmp_path / "other.db", run.capsys)
    status, out, err = other("import", tmp_path / "diary.json")
    assert (status, err) == (0, "")
    assert out.startswith("Imported diary.json: 1 new cramp added, 0 already in the diary")
    status, out, _ = other("import", tmp_path / "diary.csv")
    assert status == 0 and "0 new cramps added, 1 already in the diary" in out
    assert other.everything() == run.everything()


@pytest.mark.parametrize("name", ["missing.json", "diary.txt"])
def test_importing_a_missing_or_unknown_file_exits_2(run: Run, tmp_path: Path, name: str) -> None:
    (tmp_path / "diary.txt").write_text("{}", encoding="utf-8")
    status, out, err = run("import", tmp_path / name)
    assert status == 2 and out == "" and name in err


def test_exporting_into_a_missing_folder_exits_1(run: Run, tmp_path: Path) -> None:
    status, out, err = run("export", "--format", "json", "--out", tmp_path / "no" / "x.json")
    assert status == 1 and out == "" and err.startswith("crampdiary: ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "json", "--out"],
        ["export", "--format", "csv", "--out"],
        ["backup", "--out"],
    ],
)
@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_an_export_or_backup_never_overwrites_the_diary(
    run: Run, argv: list[str], suffix: str
) -> None:
    run(*ADD, "--at", "2026-09-01T03:15")
    before = run.everything()
    status, out, err = run(*argv, f"{run.db}{suffix}")
    assert status == 2 and out == "" and "is the diary itself" in err
    assert run.everything() == before


# --- demo ---------------------------------------------------------------------------------


def test_demo_is_reproducible_for_a_seed_and_a_clock(run: Run, tmp_path: Path) -> None:
    exports = []
    for name, seed in (("a", "5"), ("b", "5"), ("c", "6")):
        other = Run(tmp_path / f"{name}.db", run.capsys)
        status, out, err = other("demo", "--months", "4", "--seed", seed)
        assert (status, err) == (0, "")
        assert out.startswith("Demo diary: ") and "2 medicines merged" in out
        exports.append(other.everything())
    assert exports[0] == exports[1]
    assert exports[0] != exports[2]
    again = Run(tmp_path / "a.db", run.capsys)
    status, out, _ = again("demo", "--months", "4", "--seed", "5")
    assert status == 0 and "0 new cramps added" in out  # merged by id: nothing twice
    assert again.everything() == exports[0]


def test_the_import_summary_reads_as_english() -> None:
    assert ImportSummary(added=1, medicines_added=1).describe() == (
        "1 new cramp added, 0 already in the diary, 1 medicine merged."
    )
    assert ImportSummary(
        already_present=2, medicines_updated=2, profile_updated=True
    ).describe() == (
        "0 new cramps added, 2 already in the diary, 2 medicines merged, profile updated."
    )


@pytest.mark.parametrize("months", ["0", "-3", "241"])
def test_demo_refuses_a_silly_number_of_months(run: Run, months: str) -> None:
    status, out, err = run("demo", "--months", months)
    assert status == 2 and out == "" and "months" in err
    assert run.episodes() == []


def test_demo_tells_the_story_the_screens_are_shown_on(run: Run) -> None:
    assert run("demo", "--months", "12", "--seed", "7")[0] == 0
    diary = run.diary()
    try:
        episodes = diary.episodes()
        medicines = {m.med_class: m for m in diary.medicines()}
    finally:
        diary.close()
    assert 80 <= len(episodes) <= 400
    first, last = episodes[0].started_at, episodes[-1].started_at
    assert last <= NOW and (NOW - first) <= timedelta(days=370) and (NOW - first).days > 330
    night = [e for e in episodes if e.context in (Context.ASLEEP, Context.IN_BED_AWAKE)]
    legs = [e for e in episodes if e.muscle in (Muscle.CALF, Muscle.FOOT)]
    assert len(night) > 0.7 * len(episodes) and len(legs) > 0.7 * len(episodes)
    statin = medicines[MedicineClass.STATIN].started_on
    assert statin is not None and date(2026, 6, 1) < statin < NOW.date()
    before = [e for e in episodes if statin - timedelta(days=60) <= e.day < statin]
    after = [e for e in episodes if statin <= e.day < statin + timedelta(days=60)]
    assert len(after) > 1.3 * len(before)  # cramps rise after the statin
    assert all(any(m.med_class is MedicineClass.STATIN for m in e.medications) for e in after)
    exertional = [e for e in episodes if e.context in (Context.WALKING, Context.EXERCISING)]
    assert 1 <= len(exertional) < 0.1 * len(episodes)
    assert sum(1 for e in episodes if e.notes) >= 5
    fluids = {e.hydration_litres_24h for e in episodes} - {None}
    assert len(fluids) > 5 and len({e.exercise_minutes_24h for e in episodes}) > 3
    by_month = [0] * 13
    for e in episodes:
        by_month[e.started_at.month] += 1
    assert by_month[7] + by_month[8] > by_month[1] + by_month[2]  # more in summer
    gaps = [(b.started_at - a.started_at).days for a, b in pairwise(episodes)]
    assert max(gaps) >= 7  # a quiet spell


# --- backup and restore -------------------------------------------------------------------


def test_backup_writes_a_checked_copy(run: Run, tmp_path: Path) -> None:
    run(*ADD, "--at", "2026-09-01T03:15")
    status, out, err = run("backup")
    assert (status, err) == (0, "")
    made = Path(out.strip())
    assert made.parent == backups.backup_folder(run.db) and backups.verify(made)
    status, out, _ = run("backup", "--out", tmp_path / "mine.db")
    assert status == 0 and Path(out.strip()) == tmp_path / "mine.db"
    assert Run(tmp_path / "mine.db", run.capsys).everything() == run.everything()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"hello, this is not a diary",
        b"SQLite format 3\x00" + b"\x01" * 4000,
        "sqlite-but-not-a-diary",
    ],
)
def test_restoring_what_is_not_a_diary_changes_nothing(
    run: Run, tmp_path: Path, content: bytes | str
) -> None:
    run(*ADD, "--at", "2026-09-01T03:15")
    source = tmp_path / "source.db"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        with sqlite3.connect(source) as conn:
            conn.execute("CREATE TABLE notes (x)")
    before = run.everything()
    status, out, err = run("restore", source)
    assert status == 2
    assert out == "" and err.startswith("crampdiary: ") and str(source) in err
    assert "Traceback" not in err and "Nothing was changed" in err
    assert run.everything() == before


def test_restoring_a_missing_file_exits_2(run: Run, tmp_path: Path) -> None:
    status, _, err = run("restore", tmp_path / "nothing.db")
    assert status == 2 and "nothing.db" in err


def test_a_good_restore_replaces_the_diary_and_keeps_the_old_one(run: Run, tmp_path: Path) -> None:
    run(*ADD, "--at", "2026-09-01T03:15", "--notes", "in the backup")
    run("backup", "--out", tmp_path / "saved.db")
    _, later, _ = run(*ADD, "--at", "2026-09-02T03:15", "--notes", "after the backup")
    before = run.everything()
    status, out, err = run("restore", tmp_path / "saved.db")
    assert (status, err) == (0, "")
    assert [e.notes for e in run.episodes()] == ["in the backup"]
    kept = Path(re.search(r"kept as (.+?)\.?$", out.strip())[1])  # type: ignore[index]
    assert kept.exists() and backups.verify(kept)
    assert Run(kept, run.capsys).everything() == before
    assert later.strip() in before


def test_restore_rescues_a_damaged_diary(run: Run, tmp_path: Path) -> None:
    run(*ADD, "--at", "2026-09-01T03:15", "--notes", "safe")
    run("backup", "--out", tmp_path / "saved.db")
    damaged = b"SQLite format 3\x00" + os.urandom(8192 - 16)
    run.db.write_bytes(damaged)
    for extra in ("-wal", "-shm"):
        Path(f"{run.db}{extra}").unlink(missing_ok=True)
    assert run("list")[0] == 1  # the diary cannot be opened...
    status, _, err = run("restore", tmp_path / "saved.db")  # ...but it can be restored
    assert (status, err) == (0, ""), err
    assert [e.notes for e in run.episodes()] == ["safe"]
    kept = [p for p in backups.backup_folder(run.db).iterdir() if p.read_bytes() == damaged]
    assert kept, "the damaged file is kept, byte for byte"


# --- failures -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"this is a text file", b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_an_unreadable_diary_exits_1_and_is_left_alone(run: Run, content: bytes) -> None:
    run.db.write_bytes(content)
    for argv in (["list"], ADD, ["export", "--format", "json", "--out", "-"], ["demo"]):
        status, out, err = run(*argv)
        assert status == 1
        assert out == ""
        assert err.startswith("crampdiary: ") and "cannot be read" in err
        assert "Traceback" not in err
    assert run.db.read_bytes() == content


def test_a_diary_from_a_newer_version_exits_1_and_is_left_alone(run: Run) -> None:
    run(*ADD, "--at", "2026-09-01T03:15")
    with sqlite3.connect(run.db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    content = run.db.read_bytes()
    status, out, err = run(*ADD, "--at", "2026-09-02T03:15")
    assert status == 1 and out == ""
    assert "newer version" in err and "9999_from_the_future" in err
    assert run.db.read_bytes() == content


def test_a_diary_in_a_folder_that_cannot_be_made_exits_1(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way", encoding="utf-8")
    status, out, err = Run(blocker / "diary.db", run.capsys)("list")
    assert status == 1 and out == "" and err.startswith("crampdiary: ")


# --- a real process -----------------------------------------------------------------------


def test_python_m_crampdiary_runs_the_same_commands(tmp_path: Path) -> None:
    """Also: a wall-clock time that does not exist in the local time zone (the spring-forward
    gap in London) is stored as written and reads back the same in another time zone."""
    db = tmp_path / "diary.db"
    version = python_m("--version")
    assert (version.returncode, version.stdout) == (0, f"crampdiary {__version__}\n")
    london = {**os.environ, "TZ": "Europe/London"}
    added = python_m(
        "--db", db, *ADD, "--at", "2026-03-29T01:30", "--notes", "🦵 at night", env=london
    )
    assert added.returncode == 0, added.stderr
    assert UUID.fullmatch(added.stdout.strip())
    new_york = {**os.environ, "TZ": "America/New_York"}
    listed = python_m("--db", db, "list", "--json", env=new_york)
    assert listed.returncode == 0
    (only,) = json.loads(listed.stdout)
    assert only["id"] == added.stdout.strip() and only["notes"] == "🦵 at night"
    assert only["started_at"] == "2026-03-29T01:30:00"
    bad = python_m("--db", db, *ADD, "--severity", "12")
    assert bad.returncode == 2 and bad.stdout == "" and "severity_0_10" in bad.stderr


def test_an_unreadable_diary_exits_1_in_a_real_process(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    db.write_bytes(b"not sqlite")
    result = python_m("--db", db, "list")
    assert result.returncode == 1 and result.stdout == ""
    assert "cannot be read" in result.stderr and "Traceback" not in result.stderr
