"""Proposing many in one call: every nomination gets its history event and worker mirror, and
the call gets the status engine's one audit rule (one entry naming count, first, last and the
ids' SHA-256), in one flush."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models


def test_many_proposals_are_each_recorded_and_audited_once(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    with ws.reading() as s:
        last = s.execute(select(models.AuditEntry.seq).order_by(models.AuditEntry.seq.desc())).scalar() or 0
    changed = nominations.nominate_ranked(ws, operator, limit=12)
    assert len(changed.worker_ids) == 12
    for wid in changed.worker_ids:
        d = workers.get_worker(ws, wid)
        assert d.worker.status == statuses.PROPOSED
        assert d.nomination is not None and [(e.from_status, e.to_status) for e in d.nomination.events] == [
            (None, statuses.PROPOSED)
        ]
    with ws.reading() as s:
        entries = (
            s.execute(
                select(models.AuditEntry).where(
                    models.AuditEntry.seq > last, models.AuditEntry.action == "nomination.proposed"
                )
            )
            .scalars()
            .all()
        )
    assert len(entries) == 1
    after = entries[0].after or {}
    ids = [n.id for n in changed.nominations]
    assert after["count"] == 12 and after["first_id"] == ids[0] and after["last_id"] == ids[-1]
    assert after["ids_sha256"] == hashlib.sha256("\n".join(ids).encode()).hexdigest()


def test_one_proposal_is_audited_by_name(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    changed = nominations.nominate_ranked(ws, operator, limit=1)
    with ws.reading() as s:
        entry = s.execute(
            select(models.AuditEntry).where(models.AuditEntry.action == "nomination.proposed")
        ).scalar_one()
    assert entry.entity_id == changed.nominations[0].id
