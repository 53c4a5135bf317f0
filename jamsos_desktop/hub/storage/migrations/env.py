"""Alembic environment of the hub: always run from code (hub.storage.db.upgrade) with a live connection."""

from __future__ import annotations

from alembic import context

from jamsos_desktop.hub.storage.db import VERSION_TABLE
from jamsos_desktop.hub.storage.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run hub migrations through jamsos_desktop.hub.storage.db.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
