"""Validation of domain records, and parsing of raw values (text, JSON) into them.

Every error names the field and the value, in words a person can act on. The clock is never read
here: callers pass ``now``. Imports nothing of ours but the domain.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from crampdiary.domain.enums import Condition, Context, MedicineClass, Muscle, Side, Symptom
from crampdiary.domain.model import Episode, MedicationTaken, Medicine, Profile, new_id

MAX_DURATION_MINUTES = 24 * 60
MAX_HYDRATION_LITRES = 20.0
MAX_EXERCISE_MINUTES = 24 * 60
MAX_SORENESS_DAYS = 365
MAX_NOTES_CHARS = 10_000
MAX_NAME_CHARS = 200
MAX_MEDICATIONS = 50
CLOCK_SKEW = timedelta(minutes=10)
EARLIEST = datetime(1900, 1, 1)

E = TypeVar("E", bound=StrEnum)

# The §1 formats, exactly: Python's ``fromisoformat`` alone also takes week dates (2026-W47-6),
# fractions of a second and compact forms, which the format does not allow. A space instead of
# the ``T`` is accepted because people type it.
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?", re.ASCII)
_OFFSET = re.compile(r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)", re.ASCII | re.IGNORECASE)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# The CSV joins medications as name|class|started_on items with ";" (§2).
_NAME_SEPARATORS = (";", "|")


class ValidationError(ValueError):
    """A value a record cannot hold. ``field`` is the §3 field name (``medications[0].class``…)."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{field}: {problem} (got {_show(value)})")


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- parsing raw values -------------------------------------------------------------------


def parse_enum(kind: type[E], field: str, raw: object) -> E:
    if isinstance(raw, kind):
        return raw
    if isinstance(raw, str):
        try:
            return kind(raw.strip())
        except ValueError:
            pass
    allowed = ", ".join(m.value for m in kind)
    raise ValidationError(field, raw, f"must be one of: {allowed}")


def parse_datetime(field: str, raw: object) -> datetime:
    """ISO 8601 local wall-clock time without an offset, ``YYYY-MM-DDTHH:MM[:SS]``."""
    example = "must be a date and time like 2026-11-21T03:10"
    if isinstance(raw, datetime):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip()
        match = _DATETIME.match(text)
        if match is None:
            raise ValidationError(field, raw, example)
        rest = text[match.end() :]
        if rest and _OFFSET.fullmatch(rest):
            raise ValidationError(field, raw, "must be local time without a time-zone offset")
        if rest:
            raise ValidationError(field, raw, example)
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(field, raw, "is not a real date and time") from None
    else:
        raise ValidationError(field, raw, example)
    if value.tzinfo is not None:
        raise ValidationError(field, raw, "must be local time without a time-zone offset")
    return value


def parse_date(field: str, raw: object, *, nullable: bool = True) -> date | None:
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if nullable:
            return None
        raise ValidationError(field, raw, "is required")
    if isinstance(raw, datetime):
        raise ValidationError(field, raw, "must be a date like 2026-08-01")
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        if _DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise ValidationError(field, raw, "is not a real date") from None
    return _bad_date(field, raw)


def _bad_date(field: str, raw: object) -> date:
    raise ValidationError(field, raw, "must be a date like 2026-08-01")


def parse_number(field: str, raw: object, *, nullable: bool) -> float | None:
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if nullable:
            return None
        raise ValidationError(field, raw, "is required")
    if isinstance(raw, bool):
        raise ValidationError(field, raw, "must be a number")
    if isinstance(raw, int | float):
        try:
            value = float(raw)
        except OverflowError:
            raise ValidationError(field, raw, "is far too large") from None
    elif isinstance(raw, str):
        try:
            value = float(raw.strip().replace(",", "."))
        except ValueError:
            raise ValidationError(field, raw, "must be a number") from None
    else:
        raise ValidationError(field, raw, "must be a number")
    if not math.isfinite(value):
        raise ValidationError(field, raw, "must be a finite number")
    return value


def parse_int(field: str, raw: object, *, nullable: bool) -> int | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw  # exactly as given: a float would round a huge value the error must show
    value = parse_number(field, raw, nullable=nullable)
    if value is None:
        return None
    if value != int(value):
        raise ValidationError(field, raw, "must be a whole number")
    return int(value)


def parse_bool(field: str, raw: object) -> bool | None:
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text == "":
            return None
        if text in ("true", "yes", "1"):
            return True
        if text in ("false", "no", "0"):
            return False
    raise ValidationError(field, raw, "must be true, false or empty")


def parse_text(field: str, raw: object, *, limit: int, required: bool = False) -> str:
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise ValidationError(field, raw, "must be text")
    if "\x00" in raw:
        raise ValidationError(field, raw, "must not contain NUL characters")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:
        # A lone surrogate (e.g. from a JSON "\\ud800" escape) is not a character: it could be
        # neither stored nor exported.
        raise ValidationError(
            field, raw, f"has an invalid character at position {exc.start}"
        ) from None
    if len(raw) > limit:
        raise ValidationError(
            field, f"{len(raw)} characters", f"must be at most {limit} characters"
        )
    if required and not raw.strip():
        raise ValidationError(field, raw, "is required")
    return raw


def parse_name(field: str, raw: object) -> str:
    """A medicine name: required, short, and free of the CSV's separators."""
    name = parse_text(field, raw, limit=MAX_NAME_CHARS, required=True)
    for separator in _NAME_SEPARATORS:
        if separator in name:
            raise ValidationError(
                field, raw, f"must not contain '{separator}' (it separates medicines in CSV files)"
            )
    return name.strip()


def parse_id(field: str, raw: object) -> str:
    import uuid

    if raw is None:
        return new_id()
    if not isinstance(raw, str):
        raise ValidationError(field, raw, "must be a UUID")
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise ValidationError(field, raw, "must be a UUID") from None


def parse_enum_list(kind: type[E], field: str, raw: object) -> tuple[E, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [part for part in raw.split(";") if part.strip()]
    if not isinstance(raw, list | tuple):
        raise ValidationError(field, raw, "must be a list")
    values: list[E] = []
    for index, item in enumerate(raw):
        value = parse_enum(kind, f"{field}[{index}]", item)
        if value not in values:
            values.append(value)
    return tuple(values)


def parse_medication(field: str, raw: object) -> MedicationTaken:
    if not isinstance(raw, Mapping):
        raise ValidationError(field, raw, "must be an object with name, class and started_on")
    unknown = set(raw) - {"name", "class", "started_on"}
    if unknown:
        raise ValidationError(f"{field}.{sorted(unknown)[0]}", raw, "is not a known field")
    return MedicationTaken(
        name=parse_name(f"{field}.name", raw.get("name")),
        med_class=parse_enum(MedicineClass, f"{field}.class", raw.get("class")),
        started_on=parse_date(f"{field}.started_on", raw.get("started_on")),
    )


EPISODE_FIELDS: tuple[str, ...] = (
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
)
REQUIRED_EPISODE_FIELDS = (
    "started_at",
    "duration_minutes",
    "muscle",
    "side",
    "severity_0_10",
    "context",
)


def episode_from_mapping(raw: Mapping[str, Any], *, now: datetime) -> Episode:
    """Parse and validate one episode given as JSON-like values (strings accepted too)."""
    if not isinstance(raw, Mapping):
        raise ValidationError("episode", raw, "must be an object")
    unknown = sorted(set(raw) - set(EPISODE_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], raw[unknown[0]], "is not a known field")
    for name in REQUIRED_EPISODE_FIELDS:
        if name not in raw or raw[name] is None or raw[name] == "":
            raise ValidationError(name, raw.get(name), "is required")
    meds_raw = raw.get("medications") or []
    if not isinstance(meds_raw, list | tuple):
        raise ValidationError("medications", meds_raw, "must be a list")
    episode = Episode(
        id=parse_id("id", raw.get("id")),
        started_at=parse_datetime("started_at", raw["started_at"]),
        duration_minutes=parse_number("duration_minutes", raw["duration_minutes"], nullable=False)
        or 0.0,
        muscle=parse_enum(Muscle, "muscle", raw["muscle"]),
        side=parse_enum(Side, "side", raw["side"]),
        severity_0_10=parse_int("severity_0_10", raw["severity_0_10"], nullable=False) or 0,
        context=parse_enum(Context, "context", raw["context"]),
        eased_with_rest=parse_bool("eased_with_rest", raw.get("eased_with_rest")),
        symptoms=parse_enum_list(Symptom, "symptoms", raw.get("symptoms")),
        medications=tuple(parse_medication(f"medications[{i}]", m) for i, m in enumerate(meds_raw)),
        hydration_litres_24h=parse_number(
            "hydration_litres_24h", raw.get("hydration_litres_24h"), nullable=True
        ),
        exercise_minutes_24h=parse_number(
            "exercise_minutes_24h", raw.get("exercise_minutes_24h"), nullable=True
        ),
        soreness_days=parse_int("soreness_days", raw.get("soreness_days"), nullable=True),
        affected_daily_activities=parse_bool(
            "affected_daily_activities", raw.get("affected_daily_activities")
        ),
        notes=parse_text("notes", raw.get("notes"), limit=MAX_NOTES_CHARS),
    )
    validate_episode(episode, now=now)
    return episode


def validate_episode(episode: Episode, *, now: datetime) -> Episode:
    """Check every field's range; return the episode unchanged or raise ``ValidationError``."""
    if not isinstance(episode.started_at, datetime) or episode.started_at.tzinfo is not None:
        raise ValidationError("started_at", episode.started_at, "must be local date and time")
    if episode.started_at < EARLIEST:
        raise ValidationError("started_at", episode.started_at.isoformat(), "is before 1900")
    if episode.started_at > now + CLOCK_SKEW:
        raise ValidationError(
            "started_at", episode.started_at.isoformat(timespec="minutes"), "is in the future"
        )
    _range(
        "duration_minutes", episode.duration_minutes, 0, MAX_DURATION_MINUTES, "minutes (24 hours)"
    )
    if isinstance(episode.severity_0_10, bool) or not isinstance(episode.severity_0_10, int):
        raise ValidationError("severity_0_10", episode.severity_0_10, "must be a whole number 0-10")
    if not 0 <= episode.severity_0_10 <= 10:
        raise ValidationError("severity_0_10", episode.severity_0_10, "must be between 0 and 10")
    for name, kind in (("muscle", Muscle), ("side", Side), ("context", Context)):
        parse_enum(kind, name, getattr(episode, name))
    for i, symptom in enumerate(episode.symptoms):
        parse_enum(Symptom, f"symptoms[{i}]", symptom)
        if symptom in episode.symptoms[:i]:
            raise ValidationError(f"symptoms[{i}]", symptom.value, "is listed twice")
    if len(episode.medications) > MAX_MEDICATIONS:
        raise ValidationError(
            "medications", len(episode.medications), f"must list at most {MAX_MEDICATIONS}"
        )
    for i, med in enumerate(episode.medications):
        parse_name(f"medications[{i}].name", med.name)
        parse_enum(MedicineClass, f"medications[{i}].class", med.med_class)
    if episode.hydration_litres_24h is not None:
        _range(
            "hydration_litres_24h", episode.hydration_litres_24h, 0, MAX_HYDRATION_LITRES, "litres"
        )
    if episode.exercise_minutes_24h is not None:
        _range(
            "exercise_minutes_24h", episode.exercise_minutes_24h, 0, MAX_EXERCISE_MINUTES, "minutes"
        )
    if episode.soreness_days is not None:
        _range("soreness_days", episode.soreness_days, 0, MAX_SORENESS_DAYS, "days")
    for name in ("eased_with_rest", "affected_daily_activities"):
        value = getattr(episode, name)
        if value is not None and not isinstance(value, bool):
            raise ValidationError(name, value, "must be true, false or empty")
    if not isinstance(episode.notes, str):
        raise ValidationError("notes", episode.notes, "must be text")
    parse_text("notes", episode.notes, limit=MAX_NOTES_CHARS)
    return episode


def _range(field: str, value: float, low: float, high: float, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(field, value, "must be a number")
    if value < low:
        raise ValidationError(field, value, "must not be negative")
    if value > high:
        raise ValidationError(field, value, f"must be at most {high:g} {unit}")


MEDICINE_FIELDS = ("id", "name", "class", "started_on", "stopped_on")


def medicine_from_mapping(raw: Mapping[str, Any]) -> Medicine:
    if not isinstance(raw, Mapping):
        raise ValidationError("medicine", raw, "must be an object")
    unknown = sorted(set(raw) - set(MEDICINE_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], raw[unknown[0]], "is not a known field")
    medicine = Medicine(
        id=parse_id("id", raw.get("id")),
        name=parse_name("name", raw.get("name")),
        med_class=parse_enum(MedicineClass, "class", raw.get("class")),
        started_on=parse_date("started_on", raw.get("started_on")),
        stopped_on=parse_date("stopped_on", raw.get("stopped_on")),
    )
    return validate_medicine(medicine)


def validate_medicine(medicine: Medicine) -> Medicine:
    parse_name("name", medicine.name)
    parse_enum(MedicineClass, "class", medicine.med_class)
    if (
        medicine.started_on is not None
        and medicine.stopped_on is not None
        and medicine.stopped_on < medicine.started_on
    ):
        raise ValidationError(
            "stopped_on", medicine.stopped_on.isoformat(), "must not be before started_on"
        )
    return medicine


def profile_from_mapping(raw: Mapping[str, Any]) -> Profile:
    if not isinstance(raw, Mapping):
        raise ValidationError("profile", raw, "must be an object")
    unknown = sorted(set(raw) - {"on_restricted_diet", "conditions"})
    if unknown:
        raise ValidationError(f"profile.{unknown[0]}", raw[unknown[0]], "is not a known field")
    diet = parse_bool("profile.on_restricted_diet", raw.get("on_restricted_diet", False))
    return Profile(
        on_restricted_diet=bool(diet),
        conditions=parse_enum_list(Condition, "profile.conditions", raw.get("conditions")),
    )


def validate_profile(profile: Profile) -> Profile:
    """Check a profile built in code (the UI): a real yes/no and each condition once."""
    if not isinstance(profile.on_restricted_diet, bool):
        raise ValidationError(
            "profile.on_restricted_diet", profile.on_restricted_diet, "must be true or false"
        )
    for i, condition in enumerate(profile.conditions):
        parse_enum(Condition, f"profile.conditions[{i}]", condition)
        if condition in profile.conditions[:i]:
            raise ValidationError(f"profile.conditions[{i}]", condition.value, "is listed twice")
    return profile


def episode_to_mapping(episode: Episode) -> dict[str, Any]:
    """The §1 JSON shape of an episode (ordered as §3.1)."""
    return {
        "id": episode.id,
        "started_at": episode.started_at.isoformat(timespec="seconds"),
        "duration_minutes": episode.duration_minutes,
        "muscle": episode.muscle.value,
        "side": episode.side.value,
        "severity_0_10": episode.severity_0_10,
        "context": episode.context.value,
        "eased_with_rest": episode.eased_with_rest,
        "symptoms": [s.value for s in episode.symptoms],
        "medications": [
            {
                "name": m.name,
                "class": m.med_class.value,
                "started_on": m.started_on.isoformat() if m.started_on else None,
            }
            for m in episode.medications
        ],
        "hydration_litres_24h": episode.hydration_litres_24h,
        "exercise_minutes_24h": episode.exercise_minutes_24h,
        "soreness_days": episode.soreness_days,
        "affected_daily_activities": episode.affected_daily_activities,
        "notes": episode.notes,
    }


def medicine_to_mapping(medicine: Medicine) -> dict[str, Any]:
    return {
        "id": medicine.id,
        "name": medicine.name,
        "class": medicine.med_class.value,
        "started_on": medicine.started_on.isoformat() if medicine.started_on else None,
        "stopped_on": medicine.stopped_on.isoformat() if medicine.stopped_on else None,
    }


def profile_to_mapping(profile: Profile) -> dict[str, Any]:
    return {
        "on_restricted_diet": profile.on_restricted_diet,
        "conditions": [c.value for c in profile.conditions],
    }


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
