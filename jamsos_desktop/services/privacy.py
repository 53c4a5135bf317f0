"""Who sees whole NIKs: the rule is ``domain.actors.sees_full_nik``; this is its one exception,
a person who sees masked NIKs asking for one record's whole NIK and KK number, on purpose.

The request is written to the audit trail ("worker.show_nik", naming the record and no number),
so that the village can see who looked at whose identity numbers, and when.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.actors import sees_full_nik
from .context import Actor, Workspace
from .workers import resolve

SHOW_NIK = "worker.show_nik"


@dataclass(frozen=True, slots=True)
class Numbers:
    """One worker's whole NIK and KK number."""

    worker_id: str
    nik: str
    kk: str


def show_full_nik(ws: Workspace, actor: Actor, worker_id: str) -> Numbers:
    """The whole NIK and KK number of one worker, for ``actor``; audited when the actor's role
    sees masked NIKs (for the others it is what every list shows them anyway)."""
    with ws.unit_of_work(actor) as uow:
        w = resolve(uow.session, worker_id)
        if not sees_full_nik(actor.role):
            uow.audit(SHOW_NIK, "worker", w.id, None, {"shown": ["nik", "kk"]})
        return Numbers(w.id, w.nik, w.kk or "")
