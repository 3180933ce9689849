"""SQLAlchemy 2 typed table models. ORM objects never leave ``storage``: repositories map them.

Must not import Kivy, matplotlib, fpdf or anything above ``storage``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class EpisodeRow(Timestamps, Base):
    __tablename__ = "episodes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    duration_minutes: Mapped[float] = mapped_column(Float, nullable=False)
    muscle: Mapped[str] = mapped_column(String(20), nullable=False)
    side: Mapped[str] = mapped_column(String(20), nullable=False)
    severity_0_10: Mapped[int] = mapped_column(Integer, nullable=False)
    context: Mapped[str] = mapped_column(String(20), nullable=False)
    eased_with_rest: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    symptoms: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    medications: Mapped[list[dict[str, str | None]]] = mapped_column(JSON, nullable=False)
    hydration_litres_24h: Mapped[float | None] = mapped_column(Float, nullable=True)
    exercise_minutes_24h: Mapped[float | None] = mapped_column(Float, nullable=True)
    soreness_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    affected_daily_activities: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        Index("ix_episodes_started_at", "started_at"),
        Index("ix_episodes_muscle_started_at", "muscle", "started_at"),
        Index("ix_episodes_context_started_at", "context", "started_at"),
    )


class MedicineRow(Timestamps, Base):
    __tablename__ = "medicines"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    med_class: Mapped[str] = mapped_column("class", String(30), nullable=False)
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    stopped_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class ProfileRow(Base):
    """One row (id 1): the §3.2 profile."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    on_restricted_diet: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    conditions: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class SettingRow(Base):
    """Key/value settings: warning thresholds (``rules.*``) and app preferences (``app.*``)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
