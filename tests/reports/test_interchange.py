"""The diary document (JSON) and CSV of spec/diary-format.md §1–3, on real diary files.

Exports are checked field by field against the spec; imports are all or nothing, merge by id and
reject unknown fields; a hypothesis property proves the round trip loses nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from crampdiary import cli
from crampdiary.domain import (
    Condition,
    Context,
    Episode,
    MedicationTaken,
    Medicine,
    MedicineClass,
    Muscle,
    Profile,
    Side,
    Symptom,
)
from crampdiary.domain.validation import validate_episode, validate_medicine, validate_profile
from crampdiary.reports import interchange
from crampdiary.reports.interchange import DiaryDocument, InvalidRecord
from crampdiary.services import Diary
from crampdiary.services import diary as diary_module

NOW = datetime(2026, 11, 22, 10, 0)
# "explain" is left out: on these nested strategies it trips an internal assertion of hypothesis.
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink)

EPISODE_KEYS = [
    "id",
    "started_at",
    "duration_minutes",
    "muscle",
    "side",
    "severity_0_10",
    "context",
    "eased_with_rest",
    "symptoms",
    "medications",
    "hydration_litres_24h",
    "exercise_minutes_24h",
    "soreness_days",
    "affected_daily_activities",
    "notes",
]
TOP_KEYS = ["format", "version", "exported_at", "profile", "medicines", "episodes"]
MEDICINE_KEYS = ["id", "name", "class", "started_on", "stopped_on"]

# The §1 example, with real ids.
SPEC_DOCUMENT: dict[str, Any] = {
    "format": "crampdiary",
    "version": 1,
    "exported_at": "2026-11-22T08:15:00",
    "profile": {"on_restricted_diet": False, "conditions": []},
    "medicines": [
        {
            "id": "0b0e8d4e-2a8f-4c1e-9f58-5d3f5b7a1c01",
            "name": "atorvastatin",
            "class": "statin",
            "started_on": "2026-08-01",
            "stopped_on": None,
        }
    ],
    "episodes": [
        {
            "id": "6a1f0c9e-1d2b-4b8e-a6f7-0c3e2d1b4a55",
            "started_at": "2026-11-21T03:10:00",
            "duration_minutes": 2.5,
            "muscle": "calf",
            "side": "left",
            "severity_0_10": 7,
            "context": "asleep",
            "eased_with_rest": None,
            "symptoms": [],
            "medications": [
                {"name": "atorvastatin", "class": "statin", "started_on": "2026-08-01"}
            ],
            "hydration_litres_24h": 1.2,
            "exercise_minutes_24h": 45,
            "soreness_days": None,
            "affected_daily_activities": False,
            "notes": "woke me at 3 — stretched, eased",
        }
    ],
}


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def open_diary(path: Path, clock: Clock | None = None) -> Diary:
    return Diary.open(path, clock=clock or Clock())


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Diary]:
    opened = open_diary(tmp_path / "diary.db")
    yield opened
    opened.close()


def ordered(text: str) -> Any:
    """JSON with every object as a list of (key, value) pairs, so key order can be compared."""
    return json.loads(text, object_pairs_hook=list)


def without_exported_at(text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    document.pop("exported_at")
    return document


def write(path: Path, content: str | dict[str, Any]) -> Path:
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def full_export(path: Path) -> str:
    """Everything an export can see of the diary at ``path``, with a fixed clock."""
    opened = open_diary(path)
    try:
        return opened.export_text("json") + opened.export_text("csv")
    finally:
        opened.close()


def episode(**changes: Any) -> Episode:
    values: dict[str, Any] = {
        "started_at": datetime(2026, 11, 21, 3, 10),
        "duration_minutes": 2.0,
        "muscle": Muscle.CALF,
        "side": Side.LEFT,
        "severity_0_10": 6,
        "context": Context.ASLEEP,
    }
    values.update(changes)
    return Episode(**values)


@pytest.fixture
def fixed_cli_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line reads the system clock: pin it to NOW."""

    class Fixed(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Fixed:  # type: ignore[override]
            return cls.fromisoformat(NOW.isoformat())

    monkeypatch.setattr(diary_module, "datetime", Fixed)


def run(*args: str | Path) -> int:
    return cli.main([str(a) for a in args])


# --- §1 JSON ------------------------------------------------------------------------------


def test_the_spec_example_imports_and_exports_field_for_field(diary: Diary, tmp_path: Path) -> None:
    diary.import_file(write(tmp_path / "spec.json", SPEC_DOCUMENT))
    text = diary.export_text("json")
    document = json.loads(text)
    expected = {**SPEC_DOCUMENT, "exported_at": "2026-11-22T10:00:00"}
    assert document == expected
    pairs = ordered(text)
    assert [k for k, _ in pairs] == TOP_KEYS
    as_dict = dict(pairs)
    assert [k for k, _ in as_dict["profile"]] == ["on_restricted_diet", "conditions"]
    assert [k for k, _ in as_dict["medicines"][0]] == MEDICINE_KEYS
    only = dict(as_dict["episodes"][0])
    assert [k for k, _ in as_dict["episodes"][0]] == EPISODE_KEYS
    assert [k for k, _ in only["medications"][0]] == ["name", "class", "started_on"]
    assert text.endswith("\n") and "—" in text  # UTF-8, not \\u escapes


def test_every_episode_field_is_exported_with_its_json_type(diary: Diary) -> None:
    diary.import_document(
        DiaryDocument(
            (
                episode(
                    eased_with_rest=True,
                    symptoms=(Symptom.SWELLING, Symptom.REDNESS),
                    medications=(MedicationTaken("furosemide", MedicineClass.DIURETIC),),
                    hydration_litres_24h=0.5,
                    exercise_minutes_24h=0.0,
                    soreness_days=3,
                    affected_daily_activities=None,
                    notes="",
                ),
            )
        )
    )
    (exported,) = json.loads(diary.export_text("json"))["episodes"]
    assert exported["started_at"] == "2026-11-21T03:10:00"
    assert exported["eased_with_rest"] is True
    assert exported["symptoms"] == ["swelling", "redness"]
    assert exported["medications"] == [
        {"name": "furosemide", "class": "diuretic", "started_on": None}
    ]
    assert exported["hydration_litres_24h"] == 0.5
    assert exported["exercise_minutes_24h"] == 0
    assert exported["soreness_days"] == 3
    assert exported["affected_daily_activities"] is None
    assert exported["notes"] == ""


def test_episodes_are_sorted_by_start_then_id(diary: Diary) -> None:
    same_time = datetime(2026, 11, 20, 2, 0)
    ids = [
        "ffffffff-0000-4000-8000-000000000000",
        "00000000-0000-4000-8000-000000000000",
        "88888888-0000-4000-8000-000000000000",
    ]
    early = episode(id="99999999-0000-4000-8000-000000000000", started_at=same_time.replace(hour=1))
    late = episode(id="11111111-0000-4000-8000-000000000000", started_at=datetime(2026, 11, 21))
    for item in (late, *[episode(id=i, started_at=same_time) for i in ids], early):
        diary.log_episode(item)
    exported = [e["id"] for e in json.loads(diary.export_text("json"))["episodes"]]
    assert exported == [early.id, *sorted(ids), late.id]
    rows = list(csv.DictReader(io.StringIO(diary.export_text("csv"))))
    assert [r["id"] for r in rows] == exported


def test_times_with_microseconds_export_in_a_stable_order(diary: Diary, tmp_path: Path) -> None:
    """§1 has no fractions of a second: two cramps in the same second are ordered by id, so
    exporting the imported copy gives the same document."""
    second = datetime(2026, 11, 20, 2, 0, 5)
    diary.log_episode(
        episode(id="00000000-0000-4000-8000-000000000000", started_at=second.replace(microsecond=9))
    )
    diary.log_episode(
        episode(id="ffffffff-0000-4000-8000-000000000000", started_at=second.replace(microsecond=1))
    )
    exported = diary.export_file("json", tmp_path / "d.json")
    copy = open_diary(tmp_path / "copy.db")
    try:
        copy.import_file(exported)
        assert copy.export_text("json") == exported.read_text("utf-8")
    finally:
        copy.close()


def test_two_exports_differ_only_in_exported_at(tmp_path: Path) -> None:
    clock = Clock()
    opened = open_diary(tmp_path / "d.db", clock)
    try:
        document = opened.parse_import(write(tmp_path / "spec.json", SPEC_DOCUMENT))
        opened.import_document(document)
        opened.save_medicine(Medicine("Amlodipine 5 mg", MedicineClass.OTHER_BLOOD_PRESSURE))
        first_json, first_csv = opened.export_text("json"), opened.export_text("csv")
        clock.now += timedelta(days=3, seconds=7)
        second_json, second_csv = opened.export_text("json"), opened.export_text("csv")
    finally:
        opened.close()
    assert first_csv == second_csv
    assert first_json != second_json
    first_lines = first_json.splitlines(keepends=True)
    second_lines = second_json.splitlines(keepends=True)
    assert len(first_lines) == len(second_lines)
    pairs = zip(first_lines, second_lines, strict=True)
    differing = [i for i, (a, b) in enumerate(pairs) if a != b]
    assert len(differing) == 1
    assert '"exported_at": "2026-11-25T10:00:07"' in second_lines[differing[0]]


def test_only_episodes_is_required_and_missing_ids_are_made(diary: Diary, tmp_path: Path) -> None:
    diary.save_profile(Profile(True, (Condition.DIABETES,)))
    bare = {k: v for k, v in SPEC_DOCUMENT["episodes"][0].items() if k != "id"}
    minimal = {k: bare[k] for k in EPISODE_KEYS[1:7]}
    summary = diary.import_file(write(tmp_path / "min.json", {"episodes": [bare, minimal]}))
    assert summary.added == 2
    stored = diary.episodes()
    assert len({e.id for e in stored}) == 2
    assert diary.profile() == Profile(True, (Condition.DIABETES,))  # left as it was
    assert diary.medicines() == []
    only_minimal = next(e for e in stored if e.notes == "")
    assert only_minimal.symptoms == () and only_minimal.medications == ()
    assert only_minimal.eased_with_rest is None and only_minimal.hydration_litres_24h is None


# --- §2 CSV -------------------------------------------------------------------------------


def test_csv_has_a_header_then_one_row_per_episode_as_specified(
    diary: Diary, tmp_path: Path
) -> None:
    diary.import_document(
        DiaryDocument(
            (
                episode(
                    id="6a1f0c9e-1d2b-4b8e-a6f7-0c3e2d1b4a55",
                    started_at=datetime(2026, 11, 21, 3, 10, 30),
                    duration_minutes=2.5,
                    eased_with_rest=False,
                    symptoms=(Symptom.NUMBNESS, Symptom.TINGLING),
                    medications=(
                        MedicationTaken("atorvastatin", MedicineClass.STATIN, date(2026, 8, 1)),
                        MedicationTaken("furosemide", MedicineClass.DIURETIC),
                    ),
                    hydration_litres_24h=1.2,
                    exercise_minutes_24h=None,
                    soreness_days=0,
                    affected_daily_activities=True,
                    notes='woke me, "quoted", comma, and\na second line',
                ),
                episode(
                    id="7a1f0c9e-1d2b-4b8e-a6f7-0c3e2d1b4a55", started_at=datetime(2026, 11, 22)
                ),
            )
        )
    )
    text = diary.export_text("csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == EPISODE_KEYS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first == {
        "id": "6a1f0c9e-1d2b-4b8e-a6f7-0c3e2d1b4a55",
        "started_at": "2026-11-21T03:10:30",
        "duration_minutes": "2.5",
        "muscle": "calf",
        "side": "left",
        "severity_0_10": "6",
        "context": "asleep",
        "eased_with_rest": "false",
        "symptoms": "numbness;tingling",
        "medications": "atorvastatin|statin|2026-08-01;furosemide|diuretic|",
        "hydration_litres_24h": "1.2",
        "exercise_minutes_24h": "",
        "soreness_days": "0",
        "affected_daily_activities": "true",
        "notes": 'woke me, "quoted", comma, and\na second line',
    }
    empty = dict(zip(rows[0], rows[2], strict=True))
    assert [k for k, v in empty.items() if v == ""] == [
        "eased_with_rest",
        "symptoms",
        "medications",
        "hydration_litres_24h",
        "exercise_minutes_24h",
        "soreness_days",
        "affected_daily_activities",
        "notes",
    ]
    assert len(rows) == 3


def test_csv_import_reads_what_a_person_or_spreadsheet_writes(diary: Diary, tmp_path: Path) -> None:
    text = (
        "\ufeffstarted_at,duration_minutes,muscle,side,severity_0_10,context,symptoms,medications\n"
        "2026-11-20T02:00,3,foot,right,5,asleep,swelling;redness,atorvastatin|statin|2026-08-01\n"
        "\n"
        "2026-11-20 23:30,1.5,calf,both,4,in_bed_awake,,\n"
    )
    summary = diary.import_file(write(tmp_path / "hand.csv", text))
    assert summary.added == 2
    foot, calf = diary.episodes()
    assert foot.symptoms == (Symptom.SWELLING, Symptom.REDNESS)
    assert foot.medications == (
        MedicationTaken("atorvastatin", MedicineClass.STATIN, date(2026, 8, 1)),
    )
    assert calf.started_at == datetime(2026, 11, 20, 23, 30)
    assert calf.medications == () and calf.notes == ""


# --- import rules (§3) --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    diary: Diary, tmp_path: Path, fmt: str
) -> None:
    source = open_diary(tmp_path / "source.db")
    try:
        for hour in range(5):
            source.log_episode(episode(started_at=datetime(2026, 11, 20, hour)))
        source.save_medicine(Medicine("atorvastatin", MedicineClass.STATIN))
        path = source.export_file(fmt, tmp_path / f"out.{fmt}")
    finally:
        source.close()
    first = diary.import_file(path)
    after_first = full_export(diary.target.path)  # type: ignore[arg-type]
    second = diary.import_file(path)
    assert (first.added, first.already_present) == (5, 0)
    assert (second.added, second.already_present) == (0, 5)
    assert full_export(diary.target.path) == after_first  # type: ignore[arg-type]
    assert len(diary.episodes()) == 5


def test_merge_keeps_the_diarys_own_version_of_a_known_id(diary: Diary, tmp_path: Path) -> None:
    mine = diary.log_episode(episode(notes="my words"))
    theirs = {**SPEC_DOCUMENT["episodes"][0], "id": mine.id, "notes": "their words"}
    new = {**SPEC_DOCUMENT["episodes"][0], "id": "5b1f0c9e-1d2b-4b8e-a6f7-0c3e2d1b4a55"}
    summary = diary.import_file(write(tmp_path / "x.json", {"episodes": [theirs, new]}))
    assert (summary.added, summary.already_present) == (1, 1)
    assert diary.get_episode(mine.id) == mine


UNKNOWN_FIELDS = [
    ({**SPEC_DOCUMENT, "exported_by": "me"}, "document", "exported_by"),
    (
        {**SPEC_DOCUMENT, "episodes": [{**SPEC_DOCUMENT["episodes"][0], "severity": 3}]},
        "episodes[0]",
        "severity",
    ),
    (
        {
            **SPEC_DOCUMENT,
            "episodes": [
                SPEC_DOCUMENT["episodes"][0],
                {
                    **SPEC_DOCUMENT["episodes"][0],
                    "id": None,
                    "medications": [{"name": "x", "class": "other", "dose": "5 mg"}],
                },
            ],
        },
        "episodes[1]",
        "medications[0].dose",
    ),
    (
        {**SPEC_DOCUMENT, "medicines": [{**SPEC_DOCUMENT["medicines"][0], "brand": "Lipitor"}]},
        "medicines[0]",
        "brand",
    ),
    (
        {**SPEC_DOCUMENT, "profile": {"on_restricted_diet": True, "allergies": []}},
        "profile",
        "profile.allergies",
    ),
]


@pytest.mark.parametrize(("document", "where", "field"), UNKNOWN_FIELDS)
def test_unknown_fields_are_rejected_at_every_level(
    diary: Diary, tmp_path: Path, document: dict[str, Any], where: str, field: str
) -> None:
    path = write(tmp_path / "bad.json", document)
    with pytest.raises(InvalidRecord) as caught:
        diary.import_file(path)
    assert (caught.value.where, caught.value.field) == (where, field)
    assert "not a known field" in caught.value.problem
    assert diary.episodes() == [] and diary.medicines() == []


def test_an_unknown_csv_column_is_rejected(diary: Diary, tmp_path: Path) -> None:
    text = (
        "started_at,duration_minutes,muscle,side,severity,context\n"
        "2026-11-20T02:00,3,foot,right,5,asleep\n"
    )
    with pytest.raises(InvalidRecord) as caught:
        diary.import_file(write(tmp_path / "bad.csv", text))
    assert (caught.value.where, caught.value.field) == ("line 1", "severity")


def _episodes_json(count: int) -> list[dict[str, Any]]:
    return [
        {
            **SPEC_DOCUMENT["episodes"][0],
            "id": f"{i:08x}-1d2b-4b8e-a6f7-0c3e2d1b4a55",
            "started_at": f"2026-11-{i + 1:02d}T03:10",
        }
        for i in range(count)
    ]


BAD_VALUES = [
    ("severity_0_10", 11, "11"),
    ("duration_minutes", -1, "-1"),
    ("muscle", "elbow", "'elbow'"),
    ("started_at", "2026-11-21T03:10+01:00", "offset"),
    ("started_at", "2027-01-01T00:00", "future"),
    ("notes", "x" * 10_001, "10001 characters"),
]


@pytest.mark.parametrize(("field", "value", "shown"), BAD_VALUES)
def test_one_invalid_json_record_exits_2_names_it_and_changes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fixed_cli_clock: None,
    field: str,
    value: Any,
    shown: str,
) -> None:
    db = tmp_path / "diary.db"
    assert run("--db", db, "demo", "--months", "2") == 0
    before = full_export(db)
    episodes = _episodes_json(6)
    episodes[3][field] = value
    path = write(tmp_path / "in.json", {"episodes": episodes})
    capsys.readouterr()
    assert run("--db", db, "import", path) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "episodes[3]" in err and field in err and shown in err
    assert "Nothing was changed" in err
    assert full_export(db) == before


@pytest.mark.parametrize(("field", "value", "shown"), BAD_VALUES)
def test_one_invalid_csv_record_exits_2_names_its_line_and_changes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fixed_cli_clock: None,
    field: str,
    value: Any,
    shown: str,
) -> None:
    db = tmp_path / "diary.db"
    assert run("--db", db, "demo", "--months", "2") == 0
    before = full_export(db)
    source = open_diary(tmp_path / "source.db")
    try:
        for i in range(6):
            notes = "two\nlines" if i in (1, 3) else ""  # a record may span lines
            source.log_episode(episode(started_at=datetime(2026, 11, 10 + i, 3), notes=notes))
        text = source.export_text("csv")
    finally:
        source.close()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    # The fourth record starts on line 6 (the second one takes two lines) and ends on line 7.
    rows[4][rows[0].index(field)] = str(value)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = write(tmp_path / "in.csv", buffer.getvalue())
    capsys.readouterr()
    assert run("--db", db, "import", path) == 2
    err = capsys.readouterr().err
    assert "line 6," in err and field in err and shown in err
    assert full_export(db) == before


def test_a_repeated_id_is_an_invalid_record(diary: Diary, tmp_path: Path) -> None:
    episodes = _episodes_json(3)
    episodes[2]["id"] = episodes[0]["id"]
    with pytest.raises(InvalidRecord) as caught:
        diary.import_file(write(tmp_path / "dup.json", {"episodes": episodes}))
    assert (caught.value.where, caught.value.field) == ("episodes[2]", "id")
    header = ",".join(EPISODE_KEYS[:7])
    line = "11111111-1d2b-4b8e-a6f7-0c3e2d1b4a55,2026-11-20T02:00,3,foot,right,5,asleep"
    text = f"{header}\n{line}\n\n{line}\n"
    with pytest.raises(InvalidRecord) as caught:
        diary.import_file(write(tmp_path / "dup.csv", text))
    assert (caught.value.where, caught.value.field) == ("line 4", "id")
    assert diary.episodes() == []


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("{not json", "line 1"),
        ("[]", "document"),
        ('{"episodes": {}}', "document"),
        ('{"format": "other", "episodes": []}', "document"),
        ('{"version": 2, "episodes": []}', "document"),
        ('{"version": true, "episodes": []}', "document"),
        ('{"episodes": [], "medicines": [{"name": "x"}]}', "medicines[0]"),
        ('{"episodes": [], "profile": {"conditions": ["gout"]}}', "profile"),
        ('{"episodes": [7]}', "episodes[0]"),
        ('{"episodes": ' + "[" * 100_000 + "]" * 100_000 + "}", "document"),
    ],
)
def test_broken_json_documents_are_rejected(
    diary: Diary, tmp_path: Path, content: str, where: str
) -> None:
    with pytest.raises(InvalidRecord) as caught:
        diary.import_file(write(tmp_path / "bad.json", content))
    assert caught.value.where == where


def test_a_file_that_is_not_utf8_or_has_another_extension_is_rejected(
    diary: Diary, tmp_path: Path
) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("started_at,notes\n2026-11-20T02:00,café\n".encode("latin-1"))
    with pytest.raises(InvalidRecord, match="UTF-8"):
        diary.import_file(latin)
    with pytest.raises(InvalidRecord, match=r"\.json or \.csv"):
        diary.import_file(write(tmp_path / "diary.txt", SPEC_DOCUMENT))


# --- the round trip (hypothesis) ----------------------------------------------------------

names = st.text(
    st.characters(codec="utf-8", exclude_characters=";|\x00"), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
days = st.dates(date(1950, 1, 1), date(2026, 11, 22))


def optional(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | values


medications = st.builds(
    MedicationTaken, name=names, med_class=st.sampled_from(MedicineClass), started_on=optional(days)
)
notes = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200),
    st.sampled_from(["", "🦵💥 woke me", "שלום", "e\u0301", "a\r\nb\rc\n", " , \" ' ; |"]),
)
episodes = st.builds(
    Episode,
    id=st.uuids().map(str),
    started_at=st.datetimes(datetime(1900, 1, 1), NOW).map(lambda d: d.replace(microsecond=0)),
    duration_minutes=st.floats(0, 1440),
    muscle=st.sampled_from(Muscle),
    side=st.sampled_from(Side),
    severity_0_10=st.integers(0, 10),
    context=st.sampled_from(Context),
    eased_with_rest=optional(st.booleans()),
    symptoms=st.lists(st.sampled_from(Symptom), unique=True).map(tuple),
    medications=st.lists(medications, max_size=3).map(tuple),
    hydration_litres_24h=optional(st.floats(0, 20)),
    exercise_minutes_24h=optional(st.floats(0, 1440)),
    soreness_days=optional(st.integers(0, 365)),
    affected_daily_activities=optional(st.booleans()),
    notes=notes,
)


@st.composite
def medicines_(draw: st.DrawFn) -> Medicine:
    started = draw(optional(days))
    stopped = draw(optional(days))
    if started and stopped and stopped < started:
        started, stopped = stopped, started
    return Medicine(
        id=str(draw(st.uuids())),
        name=draw(names),
        med_class=draw(st.sampled_from(MedicineClass)),
        started_on=started,
        stopped_on=stopped,
    )


profiles = st.builds(
    Profile,
    on_restricted_diet=st.booleans(),
    conditions=st.lists(st.sampled_from(Condition), unique=True).map(tuple),
)
diaries = st.tuples(
    st.lists(episodes, max_size=8, unique_by=lambda e: e.id),
    st.lists(medicines_(), max_size=4, unique_by=lambda m: m.id),
    profiles,
)


@dataclass
class Pair:
    """Two real diary files, kept open for a whole property (a new engine per example would
    spend most of the time compiling SQL), emptied before each example."""

    first: Diary
    second: Diary
    folder: Path

    def empty(self) -> Pair:
        for opened in (self.first, self.second):
            with opened.store.write() as uow:
                for table in ("episodes", "medicines", "profile", "settings"):
                    uow.session.execute(text(f"DELETE FROM {table}"))
            assert opened.export_text("csv").count("\n") == 1  # only the header
        return self


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    folder = tmp_path_factory.mktemp("round-trip")
    first = open_diary(folder / "first.db")
    second = open_diary(folder / "second.db", Clock(NOW + timedelta(hours=5)))
    yield Pair(first, second, folder)
    first.close()
    second.close()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=PHASES
)
@given(diaries)
def test_any_valid_diary_survives_a_json_round_trip(
    pair: Pair, content: tuple[list[Episode], list[Medicine], Profile]
) -> None:
    episode_list, medicine_list, profile = content
    for item in episode_list:
        validate_episode(item, now=NOW)  # the strategy only makes valid diaries
    for medicine in medicine_list:
        validate_medicine(medicine)
    validate_profile(profile)
    first, second = pair.empty().first, pair.second
    first.import_document(DiaryDocument(tuple(episode_list), tuple(medicine_list), profile))
    exported = first.export_file("json", pair.folder / "diary.json")
    summary = second.import_file(exported)
    again = second.export_text("json")
    assert summary.added == len(episode_list)
    assert without_exported_at(again) == without_exported_at(exported.read_text("utf-8"))
    original = exported.read_text("utf-8").splitlines()
    assert [line for line in again.splitlines() if '"exported_at"' not in line] == [
        line for line in original if '"exported_at"' not in line
    ]
    assert second.episodes() == first.episodes()
    assert second.medicines() == first.medicines()
    assert second.profile() == first.profile() == profile


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=PHASES
)
@given(st.lists(episodes, max_size=8, unique_by=lambda e: e.id))
def test_any_valid_diary_survives_a_csv_round_trip(pair: Pair, episode_list: list[Episode]) -> None:
    for item in episode_list:
        validate_episode(item, now=NOW)
    first, second = pair.empty().first, pair.second
    first.import_document(DiaryDocument(tuple(episode_list)))
    exported = first.export_file("csv", pair.folder / "diary.csv")
    second.import_file(exported)
    assert second.export_text("csv").encode("utf-8") == exported.read_bytes()
    assert second.episodes() == first.episodes()


# --- the demo diary through the command line ----------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_demo_export_import_export_gives_the_same_diary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixed_cli_clock: None, fmt: str
) -> None:
    demo, copy = tmp_path / "demo.db", tmp_path / "copy.db"
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"
    assert run("--db", demo, "demo", "--months", "6", "--seed", "11") == 0
    assert run("--db", demo, "export", "--format", fmt, "--out", first) == 0
    assert run("--db", copy, "import", first) == 0
    assert run("--db", copy, "export", "--format", fmt, "--out", second) == 0
    assert second.read_bytes() == first.read_bytes()
    a, b = open_diary(demo), open_diary(copy)
    try:
        assert len(a.episodes()) > 20
        assert b.episodes() == a.episodes()
        if fmt == "json":
            assert b.medicines() == a.medicines() and len(a.medicines()) == 2
            assert b.profile() == a.profile()
            document = json.loads(first.read_text("utf-8"))
            assert document["exported_at"] == NOW.isoformat()
    finally:
        a.close()
        b.close()


def test_export_to_stdout_is_byte_identical_to_the_file(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes], fixed_cli_clock: None
) -> None:
    db = tmp_path / "d.db"
    assert run("--db", db, "demo", "--months", "3") == 0
    for fmt in ("json", "csv"):
        out = tmp_path / f"out.{fmt}"
        assert run("--db", db, "export", "--format", fmt, "--out", out) == 0
        capfdbinary.readouterr()
        assert run("--db", db, "export", "--format", fmt, "--out", "-") == 0
        captured = capfdbinary.readouterr()
        assert captured.out == out.read_bytes()
        assert interchange.FORMAT.encode() in captured.out or fmt == "csv"
