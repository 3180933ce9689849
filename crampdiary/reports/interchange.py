"""The diary document (JSON) and the episode CSV of spec/diary-format.md §1–3.

Parsing is all or nothing: the first invalid record raises ``InvalidRecord`` naming the record
(JSON index or CSV line), the field and the problem. Imports only the domain and the stdlib.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crampdiary.domain import Episode, Medicine, Profile, ValidationError
from crampdiary.domain.validation import (
    EPISODE_FIELDS,
    episode_from_mapping,
    episode_to_mapping,
    medicine_from_mapping,
    medicine_to_mapping,
    profile_from_mapping,
    profile_to_mapping,
)

FORMAT = "crampdiary"
VERSION = 1
TOP_LEVEL = ("format", "version", "exported_at", "profile", "medicines", "episodes")
MAX_IMPORT_BYTES = 200 * 1024 * 1024


class InvalidRecord(ValueError):
    """An import file with a bad record; nothing was imported."""

    def __init__(self, where: str, field: str, problem: str) -> None:
        self.where = where
        self.field = field
        self.problem = problem
        super().__init__(f"{where}, field '{field}': {problem}")


@dataclass(frozen=True)
class DiaryDocument:
    episodes: tuple[Episode, ...]
    medicines: tuple[Medicine, ...] = ()
    profile: Profile | None = None


def sort_episodes(episodes: Sequence[Episode]) -> list[Episode]:
    """By ``started_at`` as written (to the second; §1 has no fractions), then ``id``: a diary
    whose times carry microseconds (a clock read in code) exports in the same order as the
    diary made by importing that export."""
    return sorted(episodes, key=lambda e: (e.started_at.replace(microsecond=0), e.id))


def to_json(document: DiaryDocument, *, exported_at: datetime) -> str:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "profile": profile_to_mapping(document.profile or Profile()),
        "medicines": [
            medicine_to_mapping(m)
            for m in sorted(document.medicines, key=lambda m: (m.name.lower(), m.id))
        ],
        "episodes": [episode_to_mapping(e) for e in sort_episodes(document.episodes)],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _reject(where: str, error: ValidationError) -> InvalidRecord:
    return InvalidRecord(where, error.field, f"{error.problem} (got {error.value!r:.80})")


def _check_unique(ids: list[str], kind: str) -> None:
    seen: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if ident in seen:
            raise InvalidRecord(
                f"{kind}[{index}]", "id", f"repeats the id of {kind}[{seen[ident]}]"
            )
        seen[ident] = index


def from_json(text: str, *, now: datetime) -> DiaryDocument:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidRecord(f"line {exc.lineno}", "(file)", f"not valid JSON: {exc.msg}") from exc
    except RecursionError:
        raise InvalidRecord(
            "document", "(file)", "is nested far too deeply to be a diary"
        ) from None
    except ValueError:  # a number with thousands of digits (Python's int conversion limit)
        raise InvalidRecord(
            "document", "(file)", "holds a number with far too many digits"
        ) from None
    if not isinstance(raw, dict):
        raise InvalidRecord("document", "(file)", "must be a JSON object with an 'episodes' list")
    unknown = sorted(set(raw) - set(TOP_LEVEL))
    if unknown:
        raise InvalidRecord("document", unknown[0], "is not a known field")
    if raw.get("format", FORMAT) != FORMAT:
        raise InvalidRecord("document", "format", f"must be '{FORMAT}'")
    version = raw.get("version", VERSION)
    if version != VERSION or isinstance(version, bool):
        raise InvalidRecord("document", "version", f"this app reads version {VERSION}")
    if "episodes" not in raw or not isinstance(raw["episodes"], list):
        raise InvalidRecord("document", "episodes", "is required and must be a list")
    medicines_raw = raw.get("medicines") or []
    if not isinstance(medicines_raw, list):
        raise InvalidRecord("document", "medicines", "must be a list")
    profile = None
    if raw.get("profile") is not None:
        try:
            profile = profile_from_mapping(raw["profile"])
        except ValidationError as exc:
            raise _reject("profile", exc) from exc
    medicines = []
    for index, item in enumerate(medicines_raw):
        try:
            medicines.append(medicine_from_mapping(item))
        except ValidationError as exc:
            raise _reject(f"medicines[{index}]", exc) from exc
    episodes = []
    for index, item in enumerate(raw["episodes"]):
        try:
            episodes.append(episode_from_mapping(item, now=now))
        except ValidationError as exc:
            raise _reject(f"episodes[{index}]", exc) from exc
    _check_unique([e.id for e in episodes], "episodes")
    _check_unique([m.id for m in medicines], "medicines")
    return DiaryDocument(tuple(episodes), tuple(medicines), profile)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(episodes: Sequence[Episode]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EPISODE_FIELDS)
    for episode in sort_episodes(episodes):
        data = episode_to_mapping(episode)
        data["symptoms"] = ";".join(data["symptoms"])
        data["medications"] = ";".join(
            f"{m['name']}|{m['class']}|{m['started_on'] or ''}" for m in data["medications"]
        )
        writer.writerow([_cell(data[name]) for name in EPISODE_FIELDS])
    return buffer.getvalue()


def _csv_medications(cell: str, line: int) -> list[dict[str, str | None]]:
    items = []
    for index, part in enumerate(p for p in cell.split(";") if p.strip()):
        pieces = part.split("|")
        if len(pieces) != 3:
            raise InvalidRecord(
                f"line {line}", f"medications[{index}]", "must be written as name|class|started_on"
            )
        name, med_class, started_on = pieces
        items.append({"name": name, "class": med_class, "started_on": started_on or None})
    return items


def from_csv(text: str, *, now: datetime) -> DiaryDocument:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidRecord("line 1", "(header)", "the file is empty") from None
    except csv.Error as exc:
        raise InvalidRecord("line 1", "(header)", f"not valid CSV: {exc}") from exc
    header = [h.strip().lstrip("\ufeff") for h in header]
    unknown = [h for h in header if h not in EPISODE_FIELDS]
    if unknown:
        raise InvalidRecord("line 1", unknown[0], "is not a known column")
    if len(set(header)) != len(header):
        raise InvalidRecord("line 1", "(header)", "a column name appears twice")
    episodes: list[Episode] = []
    first_line_of: dict[str, int] = {}
    end_of_previous = reader.line_num
    try:
        for row in reader:
            # A quoted cell may hold line breaks: a record is named by the line it starts on,
            # the one a person finds in an editor (``line_num`` is where it ends).
            line, end_of_previous = end_of_previous + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InvalidRecord(
                    f"line {line}",
                    "(row)",
                    f"has {len(row)} cells but the header has {len(header)}",
                )
            record: dict[str, Any] = {}
            for name, cell in zip(header, row, strict=True):
                if name == "medications":
                    record[name] = _csv_medications(cell, line)
                elif name == "notes":
                    record[name] = cell
                else:
                    record[name] = cell if cell != "" else None
            try:
                episode = episode_from_mapping(record, now=now)
            except ValidationError as exc:
                raise _reject(f"line {line}", exc) from exc
            if episode.id in first_line_of:
                raise InvalidRecord(
                    f"line {line}",
                    "id",
                    f"repeats the id given on line {first_line_of[episode.id]}",
                )
            first_line_of[episode.id] = line
            episodes.append(episode)
    except csv.Error as exc:
        raise InvalidRecord(
            f"line {end_of_previous + 1}", "(row)", f"not valid CSV: {exc}"
        ) from exc
    return DiaryDocument(tuple(episodes))
