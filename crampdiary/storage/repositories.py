"""Repositories: map table rows to domain objects and back. They never commit (the unit of work
does). Reads of many episodes use Core rows, not ORM objects, because a ten-year diary is loaded
often and ORM identity tracking would cost more than the analysis itself."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, String, Table, delete, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from crampdiary.domain import (
    Condition,
    Context,
    Episode,
    Medicine,
    MedicineClass,
    Muscle,
    Profile,
    Side,
    Symptom,
)
from crampdiary.storage.models import EpisodeRow, MedicineRow, ProfileRow, SettingRow
from crampdiary.storage.rows import LIST_NAMES, episode_from_row, medication

_EPISODES: Table = EpisodeRow.__table__  # type: ignore[assignment]


def _meds_to_json(episode: Episode) -> list[dict[str, str | None]]:
    return [
        {
            "name": m.name,
            "class": m.med_class.value,
            "started_on": m.started_on.isoformat() if m.started_on else None,
        }
        for m in episode.medications
    ]


def _episode_values(episode: Episode) -> dict[str, Any]:
    return {
        "id": episode.id,
        "started_at": episode.started_at,
        "duration_minutes": float(episode.duration_minutes),
        "muscle": episode.muscle.value,
        "side": episode.side.value,
        "severity_0_10": episode.severity_0_10,
        "context": episode.context.value,
        "eased_with_rest": episode.eased_with_rest,
        "symptoms": [s.value for s in episode.symptoms],
        "medications": _meds_to_json(episode),
        "hydration_litres_24h": episode.hydration_litres_24h,
        "exercise_minutes_24h": episode.exercise_minutes_24h,
        "soreness_days": episode.soreness_days,
        "affected_daily_activities": episode.affected_daily_activities,
        "notes": episode.notes,
    }


def _load_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


_AS_TEXT = ("started_at", "symptoms", "medications")
# In ``episode_from_row``'s order. Timestamps and JSON arrive as text (SQLAlchemy's per-value
# DateTime regex and json.loads are skipped) and are converted once there; created_at and
# updated_at are not read at all.
_LIST_COLUMNS = tuple(
    type_coerce(_EPISODES.c[name], String).label(name) if name in _AS_TEXT else _EPISODES.c[name]
    for name in LIST_NAMES
)


def row_to_episode(row: Any) -> Episode:
    symptoms = _load_json(row.symptoms) or []
    meds = _load_json(row.medications) or []
    return Episode(
        id=row.id,
        started_at=row.started_at,
        duration_minutes=row.duration_minutes,
        muscle=Muscle(row.muscle),
        side=Side(row.side),
        severity_0_10=row.severity_0_10,
        context=Context(row.context),
        eased_with_rest=row.eased_with_rest,
        symptoms=tuple(Symptom(s) for s in symptoms),
        medications=tuple(medication(m) for m in meds),
        hydration_litres_24h=row.hydration_litres_24h,
        exercise_minutes_24h=row.exercise_minutes_24h,
        soreness_days=row.soreness_days,
        affected_daily_activities=row.affected_daily_activities,
        notes=row.notes or "",
    )


class EpisodeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, episode: Episode, *, now: datetime) -> None:
        # A Core insert: the ORM's unit of work (identity map, flush, attribute events) costs
        # more than SQLite's own insert and commit once the disk is fast.
        values = {**_episode_values(episode), "created_at": now, "updated_at": now}
        self.session.execute(_EPISODES.insert(), [values])

    def add_many(self, episodes: Iterable[Episode], *, now: datetime) -> int:
        rows = [{**_episode_values(e), "created_at": now, "updated_at": now} for e in episodes]
        if rows:
            self.session.execute(_EPISODES.insert(), rows)
        return len(rows)

    def update(self, episode: Episode, *, now: datetime) -> bool:
        row = self.session.get(EpisodeRow, episode.id)
        if row is None:
            return False
        for key, value in _episode_values(episode).items():
            setattr(row, key, value)
        row.updated_at = now
        return True

    def delete(self, episode_id: str) -> bool:
        result = self.session.execute(delete(EpisodeRow).where(EpisodeRow.id == episode_id))
        return bool(getattr(result, "rowcount", 0))

    def get(self, episode_id: str) -> Episode | None:
        row = self.session.execute(select(_EPISODES).where(_EPISODES.c.id == episode_id)).first()
        return row_to_episode(row) if row else None

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found.update(
                self.session.scalars(select(EpisodeRow.id).where(EpisodeRow.id.in_(chunk)))
            )
        return found

    def _filtered(
        self,
        query: Select[Any],
        start: date | None,
        end: date | None,
        muscles: Sequence[Muscle] = (),
        contexts: Sequence[Context] = (),
        text: str = "",
    ) -> Select[Any]:
        if start is not None:
            query = query.where(
                _EPISODES.c.started_at >= datetime.combine(start, datetime.min.time())
            )
        if end is not None:
            limit = datetime.combine(end + timedelta(days=1), datetime.min.time())
            query = query.where(_EPISODES.c.started_at < limit)
        if muscles:
            query = query.where(_EPISODES.c.muscle.in_([m.value for m in muscles]))
        if contexts:
            query = query.where(_EPISODES.c.context.in_([c.value for c in contexts]))
        if text.strip():
            escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(_EPISODES.c.notes.ilike(f"%{escaped}%", escape="\\"))
        return query

    def list(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        muscles: Sequence[Muscle] = (),
        contexts: Sequence[Context] = (),
        text: str = "",
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[Episode]:
        """Episodes whose start date is within [start, end] (inclusive), oldest first."""
        query = self._filtered(select(*_LIST_COLUMNS), start, end, muscles, contexts, text)
        order = (
            (_EPISODES.c.started_at.desc(), _EPISODES.c.id.desc())
            if newest_first
            else (_EPISODES.c.started_at, _EPISODES.c.id)
        )
        query = query.order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        return [episode_from_row(row) for row in self.session.execute(query)]

    def count(self, start: date | None = None, end: date | None = None) -> int:
        query = self._filtered(select(func.count()).select_from(_EPISODES), start, end)
        return int(self.session.execute(query).scalar_one())

    def cramp_days(self, start: date | None = None, end: date | None = None) -> builtins.list[date]:
        """Distinct dates with at least one episode (for the month calendar)."""
        day = func.date(_EPISODES.c.started_at)
        query = self._filtered(select(day).distinct(), start, end).order_by(day)
        return [date.fromisoformat(d) for d in self.session.scalars(query)]

    def last(self) -> Episode | None:
        rows = self.list(newest_first=True, limit=1)
        return rows[0] if rows else None

    def bounds(self) -> tuple[date, date] | None:
        query = select(func.min(_EPISODES.c.started_at), func.max(_EPISODES.c.started_at))
        low, high = self.session.execute(query).one()
        if low is None:
            return None
        return low.date(), high.date()

    def data_version(self) -> tuple[int, str]:
        """Changes whenever any episode is added, changed or removed (for caches)."""
        count, latest = self.session.execute(
            select(func.count(), func.max(_EPISODES.c.updated_at))
        ).one()
        return int(count), str(latest)


def row_to_medicine(row: MedicineRow) -> Medicine:
    return Medicine(
        id=row.id,
        name=row.name,
        med_class=MedicineClass(row.med_class),
        started_on=row.started_on,
        stopped_on=row.stopped_on,
    )


class MedicineRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[Medicine]:
        rows = self.session.scalars(
            select(MedicineRow).order_by(MedicineRow.started_on, MedicineRow.name, MedicineRow.id)
        )
        return [row_to_medicine(r) for r in rows]

    def get(self, medicine_id: str) -> Medicine | None:
        row = self.session.get(MedicineRow, medicine_id)
        return row_to_medicine(row) if row else None

    def upsert(self, medicine: Medicine, *, now: datetime) -> bool:
        """Insert or replace; True if it was new."""
        row = self.session.get(MedicineRow, medicine.id)
        values = {
            "name": medicine.name,
            "med_class": medicine.med_class.value,
            "started_on": medicine.started_on,
            "stopped_on": medicine.stopped_on,
        }
        if row is None:
            self.session.add(MedicineRow(id=medicine.id, **values, created_at=now, updated_at=now))
            return True
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = now
        return False

    def delete(self, medicine_id: str) -> bool:
        result = self.session.execute(delete(MedicineRow).where(MedicineRow.id == medicine_id))
        return bool(getattr(result, "rowcount", 0))


class ProfileRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> Profile:
        row = self.session.get(ProfileRow, 1)
        if row is None:
            return Profile()
        return Profile(
            on_restricted_diet=bool(row.on_restricted_diet),
            conditions=tuple(Condition(c) for c in _load_json(row.conditions) or []),
        )

    def set(self, profile: Profile, *, now: datetime) -> None:
        row = self.session.get(ProfileRow, 1)
        conditions = [c.value for c in profile.conditions]
        if row is None:
            self.session.add(
                ProfileRow(
                    id=1,
                    on_restricted_diet=profile.on_restricted_diet,
                    conditions=conditions,
                    updated_at=now,
                )
            )
        else:
            row.on_restricted_diet = profile.on_restricted_diet
            row.conditions = conditions
            row.updated_at = now


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_all(self, prefix: str = "") -> dict[str, str]:
        query = select(SettingRow.key, SettingRow.value)
        if prefix:
            query = query.where(SettingRow.key.startswith(prefix))
        return {key: value for key, value in self.session.execute(query)}

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.session.get(SettingRow, key)
        return row.value if row else default

    def set_many(self, values: Mapping[str, str], *, now: datetime) -> None:
        for key, value in values.items():
            row = self.session.get(SettingRow, key)
            if row is None:
                self.session.add(SettingRow(key=key, value=value, updated_at=now))
            else:
                row.value = value
                row.updated_at = now

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            self.session.execute(
                delete(SettingRow).where(or_(*(SettingRow.key == k for k in keys)))
            )
