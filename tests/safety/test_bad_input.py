"""Bad input: domain validation and JSON/CSV import are fuzzed with hypothesis (wrong types,
huge numbers and strings, control characters, lone surrogates, odd encodings and BOMs, deep
nesting, thousands of records). Nothing crashes with anything but ``ValidationError`` or
``InvalidRecord``; a rejected import changes nothing (the diary's export is byte-identical);
the error names the record and the field.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from crampdiary import cli
from crampdiary.domain import ValidationError
from crampdiary.domain.validation import (
    EPISODE_FIELDS,
    episode_from_mapping,
    episode_to_mapping,
    validate_episode,
)
from crampdiary.reports import interchange
from crampdiary.reports.interchange import InvalidRecord
from crampdiary.services import Diary
from tests.safety.helpers import NOW, episode_for, fixed_clock

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Any character at all, lone surrogates and controls included.
any_char = st.characters(codec=None, exclude_categories=())
nasty_text = st.one_of(
    st.text(any_char, max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\ud800",
            "\udfff",
            "a\x00b",
            "\ufeff7",
            "\u200b",
            "\x1b[31m",
            "\r\n",
            "1e400",
            "-1e400",
            "NaN",
            "inf",
            "-0",
            "٣",
            "２",
            "7,5",
            "9" * 5000,
            "x" * 20_000,
            "2026-11-21T03:10",
            "2026-11-21 03:10:00",
            "2026-02-30T03:10",
            "2026-11-21T03:10+01:00",
            "2026-W47-6T03:10",
            "0001-01-01T00:00",
            "9999-12-31T23:59",
            "calf",
            "CALF",
            " left ",
            "asleep",
            "true",
            "yes",
            "swelling;fever",
            "a|statin|2026-08-01",
            "00000000-0000-4000-8000-000000000001",
            "{00000000-0000-4000-8000-000000000001}",
        ]
    ),
)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 10, 11, -1, 1440, 1441, 2**63, -(2**63) - 1, 1e308, 5e-324]),
)
json_scalars = st.one_of(st.none(), st.booleans(), numbers, nasty_text)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(["name", "class", "started_on"]), nasty_text),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def short_episode(seq: int) -> Any:
    """``episode_for(seq)`` with a short note, so thousands of them stay quick to check."""
    return episode_for(seq).with_changes(notes=f"seq={seq} \u2014 stretched")


def valid_mapping(seq: int = 3) -> dict[str, Any]:
    return episode_to_mapping(short_episode(seq))


@st.composite
def episode_mappings(draw: st.DrawFn) -> dict[str, Any]:
    """Mostly-valid episodes with some fields replaced, removed or added."""
    raw = valid_mapping(draw(st.integers(0, 500)))
    for name in draw(st.lists(st.sampled_from(EPISODE_FIELDS), max_size=4, unique=True)):
        if draw(st.booleans()):
            raw[name] = draw(json_values)
        else:
            raw.pop(name)
    if draw(st.integers(0, 9)) == 0:
        raw[draw(nasty_text)] = draw(json_values)
    return raw


def _check_accepted(episode: Any) -> None:
    """An accepted episode is valid, survives a round trip, and can be stored as UTF-8."""
    validate_episode(episode, now=NOW)
    mapping = episode_to_mapping(episode)
    assert episode_from_mapping(mapping, now=NOW) == episode
    json.dumps(mapping, ensure_ascii=False).encode("utf-8")
    assert math.isfinite(episode.duration_minutes)


def _check_named(error: ValidationError) -> None:
    # The field is named; it is "" only when the unknown field's own name is "".
    assert isinstance(error.field, str) and error.problem
    assert str(error)


@FUZZ
@given(raw=st.one_of(episode_mappings(), json_values))
def test_episode_from_mapping_accepts_or_names_the_field(raw: Any) -> None:
    try:
        episode = episode_from_mapping(raw, now=NOW)
    except ValidationError as exc:
        _check_named(exc)
    else:
        _check_accepted(episode)


@FUZZ
@given(episodes=st.lists(episode_mappings(), min_size=1, max_size=3), extra=json_values)
def test_json_documents_parse_or_name_record_and_field(
    episodes: list[dict[str, Any]], extra: Any
) -> None:
    document: dict[str, Any] = {"format": "crampdiary", "version": 1, "episodes": episodes}
    if isinstance(extra, dict):
        document["medicines"] = [extra]
    elif isinstance(extra, list):
        document["profile"] = {"conditions": extra}
    text = json.dumps(document, ensure_ascii=False, allow_nan=True)
    try:
        parsed = interchange.from_json(text, now=NOW)
    except InvalidRecord as exc:
        assert exc.where and isinstance(exc.field, str) and exc.problem
        if exc.where.startswith("episodes["):
            index = int(exc.where[len("episodes[") : exc.where.index("]")])
            assert 0 <= index < len(episodes)
    else:
        for episode in parsed.episodes:
            _check_accepted(episode)


@FUZZ
@given(text=st.one_of(st.text(any_char, max_size=300), st.builds(json.dumps, json_values)))
def test_any_text_as_json_or_csv_is_parsed_or_rejected(text: str) -> None:
    for parse in (interchange.from_json, interchange.from_csv):
        try:
            parse(text, now=NOW)
        except InvalidRecord as exc:
            assert exc.where and isinstance(exc.field, str) and exc.problem


def test_deeply_nested_or_huge_numbers_in_json_are_rejected_plainly() -> None:
    for text in (
        "[" * 100_000 + "]" * 100_000,
        '{"episodes": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"episodes": [{"severity_0_10": ' + "9" * 5000 + "}]}",
        '{"episodes": [{"duration_minutes": ' + "9" * 400 + "}]}",
    ):
        with pytest.raises(InvalidRecord) as caught:
            interchange.from_json(text, now=NOW)
        assert "Traceback" not in str(caught.value)


@FUZZ
@given(
    count=st.integers(1, 6),
    row=st.integers(0, 5),
    column=st.sampled_from(EPISODE_FIELDS),
    cell=nasty_text,
)
def test_a_bad_csv_cell_is_named_by_line(count: int, row: int, column: str, cell: str) -> None:
    assume(row < count)
    records = list(
        csv.reader(io.StringIO(interchange.to_csv([short_episode(s) for s in range(count)])))
    )
    records[row + 1][records[0].index(column)] = cell
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    text = buffer.getvalue()
    try:
        parsed = interchange.from_csv(text, now=NOW)
    except InvalidRecord as exc:
        assert exc.where.startswith("line ") and exc.field
    else:
        assert len(parsed.episodes) == count
        for episode in parsed.episodes:
            _check_accepted(episode)


# --- whole files through the service and the command line -------------------------------


@pytest.fixture(scope="module")
def module_diary(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Diary]:
    diary = Diary.open(tmp_path_factory.mktemp("fuzz") / "diary.db", clock=fixed_clock)
    for seq in range(3):
        diary.log_episode(episode_for(seq))
    yield diary
    diary.close()


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]


def _encode(text: str, encoding: str) -> bytes:
    """Text in an odd encoding; lone surrogates kept where the encoding can carry them."""
    return text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")


@SLOW_FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.builds(_encode, st.text(any_char, max_size=200), st.sampled_from(ENCODINGS)),
    ),
    suffix=st.sampled_from([".json", ".csv"]),
    bom=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf" * 2]),
)
def test_any_bytes_in_an_import_file_are_parsed_or_rejected(
    module_diary: Diary,
    tmp_path_factory: pytest.TempPathFactory,
    data: bytes,
    suffix: str,
    bom: bytes,
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"import{suffix}"
    path.write_bytes(bom + data)
    try:
        module_diary.parse_import(path)
    except (InvalidRecord, ValidationError) as exc:
        assert str(exc)


@SLOW_FUZZ
@given(
    count=st.integers(1, 30),
    bad_index=st.integers(0, 29),
    field=st.sampled_from(EPISODE_FIELDS),
    value=json_values,
    as_csv=st.booleans(),
)
def test_a_rejected_import_changes_nothing_and_names_record_and_field(
    module_diary: Diary,
    tmp_path_factory: pytest.TempPathFactory,
    count: int,
    bad_index: int,
    field: str,
    value: Any,
    as_csv: bool,
) -> None:
    assume(bad_index < count)
    episodes = [valid_mapping(10_000 + seq) for seq in range(count)]
    episodes[bad_index][field] = value
    folder = tmp_path_factory.mktemp("import")
    if as_csv:
        path = folder / "import.csv"
        rows = [[_cell(e.get(name)) for name in EPISODE_FIELDS] for e in episodes]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows([list(EPISODE_FIELDS), *rows])
        path.write_bytes(buffer.getvalue().encode("utf-8", errors="surrogatepass"))
    else:
        path = folder / "import.json"
        text = json.dumps({"episodes": episodes}, ensure_ascii=True, allow_nan=True)
        path.write_text(text, encoding="utf-8")
    before = module_diary.export_text("json")
    try:
        summary = module_diary.import_file(path)
    except (InvalidRecord, ValidationError) as exc:
        assert module_diary.export_text("json") == before, "a rejected import changed the diary"
        if isinstance(exc, InvalidRecord) and exc.field != "(file)":
            expected = f"line {bad_index + 2}" if as_csv else f"episodes[{bad_index}]"
            assert exc.where == expected, str(exc)
            assert exc.field.split("[")[0].split(".")[0] in (field, "(row)", "id"), str(exc)
    else:
        assert summary.added + summary.already_present == count


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                parts.append(
                    "|".join(str(item.get(k) or "") for k in ("name", "class", "started_on"))
                )
            else:
                parts.append(str(item))
        return ";".join(parts)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- thousands of records ------------------------------------------------------------------


@pytest.mark.slow
def test_thousands_of_records_with_one_bad_change_nothing(tmp_path: Path) -> None:
    diary = Diary.open(tmp_path / "diary.db", clock=fixed_clock)
    try:
        diary.log_episode(episode_for(0))
        before = diary.export_text("json")
        records = [valid_mapping(seq) for seq in range(1, 5001)]
        records[4321]["severity_0_10"] = "eleven"
        json_file = tmp_path / "many.json"
        json_file.write_text(json.dumps({"episodes": records}), encoding="utf-8")
        with pytest.raises(InvalidRecord) as caught:
            diary.import_file(json_file)
        assert (caught.value.where, caught.value.field) == ("episodes[4321]", "severity_0_10")
        assert diary.export_text("json") == before

        good = [short_episode(seq) for seq in range(1, 5001)]
        rows = list(csv.reader(io.StringIO(interchange.to_csv(good))))
        muscle = rows[0].index("muscle")
        rows[4000][muscle] = "kalf"
        csv_file = tmp_path / "many.csv"
        csv_file.write_text(_csv(rows), encoding="utf-8")
        with pytest.raises(InvalidRecord) as caught:
            diary.import_file(csv_file)
        assert (caught.value.where, caught.value.field) == ("line 4001", "muscle")
        assert diary.export_text("json") == before

        rows[4000][muscle] = "calf"
        csv_file.write_text(_csv(rows), encoding="utf-8")
        assert diary.import_file(csv_file).added == 5000
        assert len(diary.episodes()) == 5001
    finally:
        diary.close()


def test_a_bad_record_error_names_line_and_field_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "diary.db"
    records = [valid_mapping(seq) for seq in range(40)]
    for day, record in enumerate(records):  # the command line reads the real clock
        record["started_at"] = f"2020-01-{1 + day % 28:02d}T03:00:00"
    records[17]["notes"] = "\ud800 broken"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"episodes": records}), encoding="utf-8")  # ASCII escapes
    assert cli.main(["import", "--db", str(db), str(path)]) == 2
    err = capsys.readouterr().err
    assert "episodes[17]" in err and "notes" in err and "Nothing was changed" in err
    assert cli.main(["list", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_file_too_large_to_import_is_refused_before_reading(
    module_diary: Diary, tmp_path: Path
) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:  # sparse: no disk space used
        handle.truncate(interchange.MAX_IMPORT_BYTES + 1)
    with pytest.raises(InvalidRecord, match="too large"):
        module_diary.parse_import(path)
