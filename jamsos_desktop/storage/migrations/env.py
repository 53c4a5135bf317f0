"""Alembic environment: always run from code (storage.db.upgrade) with a live connection."""

from __future__ import annotations

from alembic import context

from jamsos_desktop.storage.db import include_object
from jamsos_desktop.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through jamsos_desktop.storage.db.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table
    include_object=include_object,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
