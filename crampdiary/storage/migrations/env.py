"""Alembic environment: always given a live connection by ``storage.migrate`` (never a URL)."""

from __future__ import annotations

from alembic import context

from crampdiary.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic CLI
    raise RuntimeError("run migrations through crampdiary.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
