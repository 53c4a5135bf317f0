"""Unsaved forms kept as drafts: a form that is not valid yet, or was open at a lock or crash.

A draft belongs to one user and one form (``kind`` plus the record it edits, or None for a new
one). A person may keep several drafts of new records (one per person being entered): a form
names its draft by id (``new_draft_id``), so its saves replace that draft and no other. Without
an id, a save replaces the person's newest draft of that form, as before. It is not a record:
it carries no audit entry and is not synced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..storage import models
from ..storage.ids import new_id
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


def new_draft_id() -> str:
    """The id a form gives the draft it will keep (before anything is written)."""
    return new_id()


def save_draft(
    ws: Workspace,
    actor: Actor,
    kind: str,
    entity_id: str | None,
    payload: dict[str, Any],
    *,
    draft_id: str | None = None,
) -> str:
    """Creates or replaces the actor's draft ``draft_id`` (or, without one, their newest draft of
    this form); returns its id."""
    with ws.db.write(actor.id) as s:
        if draft_id is not None:
            d = s.get(models.Draft, draft_id)
            if d is not None and d.user_id != actor.id:
                d = None
        else:
            d = s.execute(
                select(models.Draft).where(_match(actor, kind, entity_id)).order_by(models.Draft.updated_at.desc())
            ).scalar()
        if d is None:
            d = models.Draft(user_id=actor.id, kind=kind, entity_id=entity_id, payload=payload)
            if draft_id is not None:
                d.id = draft_id
            s.add(d)
        else:
            d.payload = payload
            d.updated_at = models.utcnow()
        s.flush()
        return d.id


def get_draft(ws: Workspace, actor: Actor, kind: str, entity_id: str | None) -> DraftRow | None:
    """The actor's newest draft of this form."""
    with ws.reading() as s:
        d = s.execute(
            select(models.Draft).where(_match(actor, kind, entity_id)).order_by(models.Draft.updated_at.desc())
        ).scalar()
        return _row(d) if d else None


def draft_by_id(ws: Workspace, actor: Actor, draft_id: str) -> DraftRow | None:
    with ws.reading() as s:
        d = s.get(models.Draft, draft_id)
        return _row(d) if d is not None and d.user_id == actor.id else None


def list_drafts(ws: Workspace, actor: Actor, kind: str | None = None) -> list[DraftRow]:
    with ws.reading() as s:
        stmt = select(models.Draft).where(models.Draft.user_id == actor.id)
        if kind:
            stmt = stmt.where(models.Draft.kind == kind)
        return [_row(d) for d in s.execute(stmt.order_by(models.Draft.updated_at.desc())).scalars()]


def discard_draft(
    ws: Workspace, actor: Actor, kind: str, entity_id: str | None, *, draft_id: str | None = None
) -> None:
    """Drops the draft ``draft_id`` (or, without one, every draft of this form)."""
    with ws.db.write(actor.id) as s:
        discard_in(s, actor, kind, entity_id, draft_id)


def discard_in(s: Session, actor: Actor, kind: str, entity_id: str | None, draft_id: str | None = None) -> None:
    """Drops the draft inside a transaction already open (a save that replaces it): only
    ``draft_id`` when given, so the person's other drafts stay."""
    if draft_id is not None:
        s.execute(delete(models.Draft).where((models.Draft.id == draft_id) & (models.Draft.user_id == actor.id)))
        return
    s.execute(delete(models.Draft).where(_match(actor, kind, entity_id)))
