"""``crampdiary report`` through its real entry point: the default period, --from/--to, --no-notes,
and the exit codes of spec/diary-format.md §4 (0 success; 2 bad usage, nothing written)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from crampdiary import cli
from crampdiary.reports.pdf import period_text

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils; scripts/setup)"
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary with three cramps (two with notes) dated relative to today."""
    path = tmp_path_factory.mktemp("cli") / "diary.db"
    today = date.today()
    for days_ago, note in ((3, "Crampe au mollet — réveillé ✓"), (10, "slept badly"), (40, "")):
        at = f"{today - timedelta(days=days_ago)}T03:10"
        code = cli.main(
            [
                "add",
                "--db",
                str(path),
                "--muscle",
                "calf",
                "--side",
                "left",
                "--duration",
                "2",
                "--severity",
                "6",
                "--context",
                "asleep",
                "--at",
                at,
                "--notes",
                note,
            ]
        )
        assert code == 0
    return path


def test_default_period_is_the_last_13_weeks(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    assert cli.main(["report", "--db", str(db), "--out", str(out)]) == 0
    assert "holds health data" in capsys.readouterr().err
    text = pdf_text(out)
    today = date.today()
    assert period_text(today - timedelta(days=90), today) in text
    assert "(3 cramps, oldest first)" in text
    assert "Crampe au mollet — réveillé ✓" in text and "slept badly" in text
    assert (out.stat().st_mode & 0o777) == 0o600


def test_from_and_to_choose_the_period_and_no_notes_leaves_notes_out(
    db: Path, tmp_path: Path
) -> None:
    today = date.today()
    start, end = today - timedelta(days=14), today - timedelta(days=1)
    out = tmp_path / "two-weeks.pdf"
    code = cli.main(
        [
            "report",
            "--db",
            str(db),
            "--out",
            str(out),
            "--from",
            start.isoformat(),
            "--to",
            end.isoformat(),
            "--no-notes",
        ]
    )
    assert code == 0
    text = pdf_text(out)
    assert period_text(start, end) in text
    assert "(2 cramps, oldest first)" in text
    assert "réveillé" not in text and "✓" not in text and "slept badly" not in text


def test_from_after_to_is_bad_usage_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "never.pdf"
    code = cli.main(
        ["report", "--db", str(db), "--out", str(out), "--from", "2026-03-01", "--to", "2026-01-31"]
    )
    assert code == 2
    assert "--from must not be after --to" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026-02-30"])
def test_a_bad_date_is_bad_usage(
    db: Path, tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "never.pdf"
    with pytest.raises(SystemExit) as stopped:
        cli.main(["report", "--db", str(db), "--out", str(out), "--from", bad])
    assert stopped.value.code == 2
    assert "is not a date like" in capsys.readouterr().err
    assert not out.exists()


def test_out_naming_the_diary_is_refused_and_the_diary_survives(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["report", "--db", str(db), "--out", str(db)]) == 2
    assert "is the diary itself" in capsys.readouterr().err
    assert db.read_bytes().startswith(b"SQLite format 3")
    assert cli.main(["list", "--db", str(db), "--from", "2000-01-01"]) == 0
    assert "3 cramps." in capsys.readouterr().out


def test_report_requires_out(db: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["report", "--db", str(db)])
    assert stopped.value.code == 2


def test_the_installed_command_writes_the_report(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "from-shell.pdf"
    env = {**os.environ, "CRAMPDIARY_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-m", "crampdiary", "report", "--out", str(out), "--from", "2000-01-01"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert f"Wrote {out}" in done.stderr
    assert "(3 cramps, oldest first)" in pdf_text(out)
    bad = subprocess.run(
        [sys.executable, "-m", "crampdiary", "report", "--out", str(out), "--to", "1999-12-31x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert bad.returncode == 2
