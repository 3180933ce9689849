"""The first look at a diary file (``storage.peek``) answers exactly as the open diary does, never
writes, never loads SQLAlchemy, and steps aside (None) whenever it could not be the whole truth."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import fields
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crampdiary.domain import (
    Condition,
    Context,
    Episode,
    MedicationTaken,
    MedicineClass,
    Muscle,
    Profile,
    Side,
    Symptom,
)
from crampdiary.services import Diary
from crampdiary.services.demo import demo_document
from crampdiary.services.insights import current_warnings, save_rule_config
from crampdiary.storage.peek import DiaryPeek, peek_diary

NOW = datetime(2026, 11, 22, 10, 0)
FIRST_DAY = date(2026, 10, 1)


def typed(episodes: list[Episode]) -> list[list[tuple[str, type, object]]]:
    """Episodes field by field with each value's type: 1 == True would hide a bool read as 0/1."""
    return [
        [(f.name, type(getattr(e, f.name)), getattr(e, f.name)) for f in fields(e)]
        for e in episodes
    ]


def edge_episodes() -> list[Episode]:
    """Cramps on the edges the date filter must get right: midnight, the last second of a day,
    and every kind of optional answer (None, False, True) and list (empty, one, several)."""
    statin = MedicationTaken("Atorvastatin", MedicineClass.STATIN, date(2026, 9, 1))
    found = []
    for i in range(40):
        day = FIRST_DAY + timedelta(days=i)
        clock_time = [(0, 0, 0), (23, 59, 59), (3, 10, 0), (12, 0, 30)][i % 4]
        found.append(
            Episode(
                started_at=datetime.combine(day, datetime.min.time()).replace(
                    hour=clock_time[0], minute=clock_time[1], second=clock_time[2]
                ),
                duration_minutes=0.5 + i,
                muscle=list(Muscle)[i % len(Muscle)],
                side=list(Side)[i % len(Side)],
                severity_0_10=i % 11,
                context=list(Context)[i % len(Context)],
                eased_with_rest=(None, False, True)[i % 3],
                symptoms=((), (Symptom.SWELLING,), (Symptom.NUMBNESS, Symptom.WEAKNESS))[i % 3],
                medications=((), (statin,))[i % 2],
                hydration_litres_24h=(None, 1.25)[i % 2],
                exercise_minutes_24h=(None, 30.0)[i % 2],
                soreness_days=(None, 0, 3)[i % 3],
                affected_daily_activities=(True, None, False)[i % 3],
                notes=("", "Wadenkrampf — ночью 🦵")[i % 2],
            )
        )
    return found


@pytest.fixture(scope="module")
def diary_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Diary]]:
    path = tmp_path_factory.mktemp("peek") / "diary.db"
    diary = Diary.open(path, clock=lambda: NOW)
    diary.import_document(demo_document(end=NOW, months=6))
    for episode in edge_episodes():
        diary.log_episode(episode)
    diary.save_profile(Profile(on_restricted_diet=True, conditions=(Condition.DIABETES,)))
    diary.save_settings({"app.theme": "night", "app.text_size": "large", "home.x": "1"})
    yield path, diary
    diary.close()


@pytest.fixture(scope="module")
def peek(diary_file: tuple[Path, Diary]) -> DiaryPeek:
    found = peek_diary(diary_file[0])
    assert found is not None
    return found


windows = st.tuples(
    st.one_of(st.none(), st.dates(date(2026, 5, 1), date(2026, 12, 1))),
    st.one_of(st.none(), st.dates(date(2026, 5, 1), date(2026, 12, 1))),
    st.booleans(),
    st.one_of(st.none(), st.integers(0, 30)),
)


@settings(max_examples=60)
@given(window=windows)
def test_episodes_match_the_open_diary_for_any_window(diary_file, peek, window) -> None:
    _path, diary = diary_file
    start, end, newest_first, limit = window
    expected = diary.episodes(start, end, newest_first=newest_first, limit=limit)
    assert typed(peek.episodes(start, end, newest_first=newest_first, limit=limit)) == typed(
        expected
    )


def test_home_and_warning_answers_match_the_open_diary(diary_file, peek) -> None:
    _path, diary = diary_file
    assert (
        peek.settings("app.")
        == diary.settings("app.")
        == {
            "app.theme": "night",
            "app.text_size": "large",
        }
    )
    assert peek.settings() == diary.settings()
    assert peek.profile() == diary.profile()
    assert peek.data_version() == diary.data_version()
    for as_of in (NOW.date(), FIRST_DAY + timedelta(days=20), date(2026, 12, 30)):
        warnings = current_warnings(peek, as_of)
        assert warnings == current_warnings(diary, as_of)
    assert current_warnings(peek, NOW.date()), "the demo diary raises warning signs"


def test_thresholds_stored_in_the_diary_are_used(tmp_path: Path) -> None:
    from crampdiary.analysis.config import RuleConfig

    path = tmp_path / "diary.db"
    with_clock = Diary.open(path, clock=lambda: NOW)
    with_clock.import_document(demo_document(end=NOW, months=3))
    peek = peek_diary(path)
    assert peek is not None
    by_default = current_warnings(peek, NOW.date())
    save_rule_config(with_clock, RuleConfig(freq_short_min_cramp_days=1, severe_pain_min_score=1))
    changed = current_warnings(peek, NOW.date())
    assert changed == current_warnings(with_clock, NOW.date())
    assert changed != by_default
    with_clock.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_it_never_writes(diary_file, peek) -> None:
    path, _diary = diary_file
    before = digest(path)
    peek.episodes()
    peek.settings()
    peek.data_version()
    assert digest(path) == before
    # Read-only, whatever a caller tries.
    with pytest.raises(sqlite3.OperationalError):
        peek._open().execute("DELETE FROM settings")


def test_it_steps_aside_when_it_would_not_be_the_whole_truth(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert peek_diary(missing) is None
    assert not missing.exists(), "a first look never creates the file"
    empty = tmp_path / "empty.db"
    empty.touch()
    assert peek_diary(empty) is None
    text = tmp_path / "notes.db"
    text.write_text("not a diary")
    assert peek_diary(text) is None
    assert peek_diary(f"sqlite:///{tmp_path / 'url.db'}") is None
    assert peek_diary(tmp_path) is None  # a folder

    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (x)")
    connection.commit()
    connection.close()
    assert peek_diary(other) is None  # SQLite, but not a diary

    cut = tmp_path / "cut.db"
    Diary.open(cut, clock=lambda: NOW).close()
    cut.write_bytes(cut.read_bytes()[:-100])  # cut short: not a whole number of pages
    assert peek_diary(cut) is None  # the real open explains it

    older = tmp_path / "older.db"
    Diary.open(older, clock=lambda: NOW).close()
    assert peek_diary(older) is not None
    connection = sqlite3.connect(older)
    connection.execute("UPDATE alembic_version SET version_num = '0000_older'")
    connection.commit()
    connection.close()
    before = digest(older)
    assert peek_diary(older) is None  # the real open updates it (after a backup)
    assert digest(older) == before


def test_a_profile_without_conditions_reads_as_the_diary_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    diary = Diary.open(path, clock=lambda: NOW)
    diary.save_profile(Profile(on_restricted_diet=True))
    connection = sqlite3.connect(path)
    connection.execute("UPDATE profile SET conditions = 'null'")
    connection.commit()
    connection.close()
    peek = peek_diary(path)
    assert peek is not None and peek.profile() == diary.profile()
    diary.close()


def test_a_chosen_diary_is_found_as_the_app_finds_it(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "from-env.db"
    Diary.open(path, clock=lambda: NOW).close()
    monkeypatch.setenv("CRAMPDIARY_DB", str(path))
    found = peek_diary(None)
    assert found is not None and found.path == path.resolve()
    monkeypatch.chdir(tmp_path)
    relative = peek_diary("from-env.db")
    assert relative is not None and relative.path == path.resolve()


def test_home_first_look_loads_no_sqlalchemy() -> None:
    script = (
        "import sys\n"
        "from crampdiary.storage.peek import peek_diary\n"
        "from crampdiary.services.insights import current_warnings\n"
        "print('sqlalchemy' in sys.modules, 'alembic' in sys.modules)\n"
        "from crampdiary.services import Diary\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["False", "False", "True"]
