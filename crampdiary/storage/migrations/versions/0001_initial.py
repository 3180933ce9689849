"""Initial schema: episodes, medicines, profile, settings.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "episodes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("duration_minutes", sa.Float(), nullable=False),
        sa.Column("muscle", sa.String(length=20), nullable=False),
        sa.Column("side", sa.String(length=20), nullable=False),
        sa.Column("severity_0_10", sa.Integer(), nullable=False),
        sa.Column("context", sa.String(length=20), nullable=False),
        sa.Column("eased_with_rest", sa.Boolean(), nullable=True),
        sa.Column("symptoms", sa.JSON(), nullable=False),
        sa.Column("medications", sa.JSON(), nullable=False),
        sa.Column("hydration_litres_24h", sa.Float(), nullable=True),
        sa.Column("exercise_minutes_24h", sa.Float(), nullable=True),
        sa.Column("soreness_days", sa.Integer(), nullable=True),
        sa.Column("affected_daily_activities", sa.Boolean(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episodes")),
    )
    op.create_index("ix_episodes_started_at", "episodes", ["started_at"])
    op.create_index("ix_episodes_muscle_started_at", "episodes", ["muscle", "started_at"])
    op.create_index("ix_episodes_context_started_at", "episodes", ["context", "started_at"])
    op.create_table(
        "medicines",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("class", sa.String(length=30), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medicines")),
    )
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("on_restricted_diet", sa.Boolean(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("profile")
    op.drop_table("medicines")
    op.drop_index("ix_episodes_context_started_at", table_name="episodes")
    op.drop_index("ix_episodes_muscle_started_at", table_name="episodes")
    op.drop_index("ix_episodes_started_at", table_name="episodes")
    op.drop_table("episodes")
