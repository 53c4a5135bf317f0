"""Stamps every write: ``change_seq`` from the database-wide counter, and who made the change.

Installed on the write sessions only, so that a sync export can take everything since N and
every changed row names its author.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, event, update
from sqlalchemy.orm import Session

from . import models


def reserve_change_seqs(session: Session, n: int) -> int:
    """Reserves ``n`` change numbers and returns the first; the write lock makes this race-free."""
    # Core, not ORM: nothing in the session mirrors the counter, and one statement (RETURNING,
    # on SQLite and PostgreSQL alike) reserves the numbers under the write lock.
    counters = models.Counter.__table__
    assert isinstance(counters, Table)
    c = counters.c
    last = session.execute(
        update(counters).where(c.name == "change").values(value=c.value + n).returning(c.value)
    ).scalar_one()
    return int(last) - n + 1


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    changed = [
        obj
        for obj in (*session.new, *session.dirty)
        if isinstance(obj, models.SyncMixin | models.NominationEvent)
        and (obj in session.new or session.is_modified(obj))
    ]
    if not changed:
        return
    first = reserve_change_seqs(session, len(changed))
    actor = session.info.get("actor_id")
    for i, obj in enumerate(changed):
        obj.change_seq = first + i
        if isinstance(obj, models.SyncMixin) and actor is not None:
            if obj in session.new and obj.created_by is None:
                obj.created_by = actor
            obj.updated_by = actor


def install(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
