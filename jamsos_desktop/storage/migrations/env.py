"""Alembic environment: always run from code (storage.db.upgrade) with a live connection."""

from __future__ import annotations

from typing import Any

from alembic import context

from jamsos_desktop.storage.models import Base

# Tables that exist only through raw SQL (the FTS5 index and its shadow tables).
_UNMANAGED_PREFIXES = ("workers_fts",)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(_UNMANAGED_PREFIXES))


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
