"""Unsaved forms kept as drafts: a form that is not valid yet, or was open at a lock or crash.

A draft belongs to one user and one form (``kind`` plus the record it edits, or None for a new
one). It is not a record: it carries no audit entry and is not synced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..storage import models
from .context import Actor, Workspace

#: The worker form's drafts.
WORKER = "worker"


@dataclass(frozen=True, slots=True)
class DraftRow:
    id: str
    kind: str
    entity_id: str | None
    payload: dict[str, Any]
    updated_at: dt.datetime


def _row(d: models.Draft) -> DraftRow:
    return DraftRow(d.id, d.kind, d.entity_id, dict(d.payload), d.updated_at)


def _match(actor: Actor, kind: str, entity_id: str | None) -> Any:
    cond = (models.Draft.user_id == actor.id) & (models.Draft.kind == kind)
    if entity_id is None:
        return cond & models.Draft.entity_id.is_(None)
    return cond & (models.Draft.entity_id == entity_id)


def save_draft(ws: Workspace, actor: Actor, kind: str, entity_id: str | None, payload: dict[str, Any]) -> str:
    """Creates or replaces the actor's draft of this form; returns its id."""
    with ws.db.write(actor.id) as s:
        d = s.execute(select(models.Draft).where(_match(actor, kind, entity_id))).scalar()
        if d is None:
            d = models.Draft(user_id=actor.id, kind=kind, entity_id=entity_id, payload=payload)
            s.add(d)
        else:
            d.payload = payload
            d.updated_at = models.utcnow()
        s.flush()
        return d.id


def get_draft(ws: Workspace, actor: Actor, kind: str, entity_id: str | None) -> DraftRow | None:
    with ws.reading() as s:
        d = s.execute(select(models.Draft).where(_match(actor, kind, entity_id))).scalar()
        return _row(d) if d else None


def list_drafts(ws: Workspace, actor: Actor, kind: str | None = None) -> list[DraftRow]:
    with ws.reading() as s:
        stmt = select(models.Draft).where(models.Draft.user_id == actor.id)
        if kind:
            stmt = stmt.where(models.Draft.kind == kind)
        return [_row(d) for d in s.execute(stmt.order_by(models.Draft.updated_at.desc())).scalars()]


def discard_draft(ws: Workspace, actor: Actor, kind: str, entity_id: str | None) -> None:
    with ws.db.write(actor.id) as s:
        discard_in(s, actor, kind, entity_id)


def discard_in(s: Session, actor: Actor, kind: str, entity_id: str | None) -> None:
    """Drops the draft inside a transaction already open (a save that replaces it)."""
    s.execute(delete(models.Draft).where(_match(actor, kind, entity_id)))
