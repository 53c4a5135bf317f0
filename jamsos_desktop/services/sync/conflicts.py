"""Conflicts: district results not applied because the record changed here after the export; a person decides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ...domain import statuses
from ...domain.text import Text, UserError
from ...storage import models, return_import, status
from ...sync import district_return, errors
from ..context import ROLE_ADMIN, ROLE_OPERATOR, Actor, Workspace
from .returns import result_move


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """A district result that was not applied because the record changed here after the export."""

    import_id: str
    return_seq: int
    nomination_id: str
    worker_id: str
    worker_name: str
    local_status: str
    outcome: str
    kpj: str
    coverage_start: str | None
    coverage_end: str | None
    reason: str
    why: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "return_seq": self.return_seq,
            "nomination_id": self.nomination_id,
            "worker_id": self.worker_id,
            "worker_name": self.worker_name,
            "local_status": self.local_status,
            "outcome": self.outcome,
            "kpj": self.kpj,
            "coverage_start": self.coverage_start,
            "coverage_end": self.coverage_end,
            "reason": self.reason,
            "why": list(self.why),
        }


_CHUNK = 900  # ids per IN (...) query, below SQLite's variable limit on any build


def _load(s: Session, model: type[Any], ids: Iterable[str], *cols: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    listed = list(ids)
    for i in range(0, len(listed), _CHUNK):
        for row in s.execute(select(model.id, *cols).where(model.id.in_(listed[i : i + _CHUNK]))):
            out[row[0]] = row
    return out


def list_conflicts(ws: Workspace) -> list[ConflictRow]:
    """Open conflicts: the newest district answer per nomination that is not resolved or overtaken."""
    with ws.reading() as s:
        return conflicts_in(s)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def conflicts_in(s: Session) -> list[ConflictRow]:
    """:func:`list_conflicts` inside an open session."""
    stmt = (
        select(models.SyncConflict, models.SyncImport.return_seq)
        .join(models.SyncImport, models.SyncImport.id == models.SyncConflict.import_id)
        .order_by(models.SyncImport.return_seq, models.SyncConflict.seq)
    )
    latest: dict[str, tuple[models.SyncConflict, int]] = {}
    for c, return_seq in s.execute(stmt).all():
        latest[c.nomination_id] = (c, return_seq)
    # A later return that applied (or found in place) a result for the nomination closes it.
    out: list[ConflictRow] = []
    if not latest:
        return out
    noms = _load(s, models.Nomination, latest, models.Nomination.status, models.Nomination.worker_id)
    names = _load(s, models.Worker, {c.worker_id for c, _ in latest.values()}, models.Worker.name)
    for nid, (c, return_seq) in latest.items():
        if c.resolved_at is not None:
            continue
        n = noms.get(nid)
        if n is None or n.status == c.outcome:
            continue
        w = names.get(c.worker_id)
        out.append(
            ConflictRow(
                import_id=c.import_id,
                return_seq=return_seq,
                nomination_id=nid,
                worker_id=c.worker_id,
                worker_name=w.name if w else "",
                local_status=n.status,
                outcome=c.outcome,
                kpj=c.kpj,
                coverage_start=_iso(c.coverage_start),
                coverage_end=_iso(c.coverage_end),
                reason=c.reason,
                why=tuple(c.why),
            )
        )
    return out


def resolve_conflict(ws: Workspace, actor: Actor, nomination_id: str, *, accept: bool) -> None:
    """A person decides: take the district's result (``accept``) or keep the village's record.

    Either way the decision is written to the conflict and to the audit trail.
    """
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    open_ = {c.nomination_id: c for c in list_conflicts(ws)}
    c = open_.get(nomination_id) or next((x for x in open_.values() if x.nomination_id.endswith(nomination_id)), None)
    if c is None:
        raise errors.SyncUserError(
            errors.CONFLICT, Text("tidak ada konflik terbuka untuk usulan ini", "no open conflict"), nomination_id
        )
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        imp = s.get_one(models.SyncImport, c.import_id)
        if accept:
            n = s.get_one(models.Nomination, c.nomination_id)
            if not statuses.district_may_move(n.status, c.outcome):
                raise UserError(
                    "nomination",
                    Text(
                        f"berstatus {statuses.label(n.status, 'id')}; hasil kabupaten hanya bisa diterapkan pada "
                        "usulan yang berstatus Dikirim",
                        f"is {statuses.label(n.status, 'en')}; a district result only applies to an exported nomination",
                    ),
                    c.nomination_id[-8:],
                )
            r = district_return.Result(
                c.nomination_id,
                c.worker_id,
                c.outcome,
                n.version,
                1,
                1,
                c.kpj,
                dt.date.fromisoformat(c.coverage_start) if c.coverage_start else None,
                dt.date.fromisoformat(c.coverage_end) if c.coverage_end else None,
                c.reason,
            )
            w = s.get_one(models.Worker, c.worker_id)
            status.move_many(s, actor, [result_move(imp.return_seq, r, w.kpj, n.status, n.kpj)], audit=uow.audit)
            return_import.record_result(s, c.nomination_id, imp.return_seq)
        s.execute(
            update(models.SyncConflict)
            .where(
                models.SyncConflict.import_id == c.import_id,
                models.SyncConflict.nomination_id == c.nomination_id,
                models.SyncConflict.resolved_at.is_(None),
            )
            .values(resolved_at=models.utcnow(), resolved_by=actor.username, accepted=accept)
        )
        uow.audit(
            "sync.conflict_resolve",
            "nomination",
            c.nomination_id,
            {"status": c.local_status},
            {"accepted": accept, "outcome": c.outcome, "return_seq": c.return_seq},
        )
