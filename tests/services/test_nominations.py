from __future__ import annotations

import itertools

import pytest

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.text import PermissionDenied, UserError
from jamsos_desktop.services import assessment, nominations, village, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.workers import WorkerQuery

from .test_workers import SITI


def eligible_ids(ws: Workspace, actor: Actor) -> list[str]:
    rep = assessment.assess(ws, actor)
    return [r.worker_id for r in sorted((r for r in rep.rows if r.rank), key=lambda r: r.rank or 0)]


def test_assess_explains_and_ranks(demo_workspace: Workspace, operator: Actor) -> None:
    rep = assessment.assess(demo_workspace, operator)
    assert rep.eligible + rep.ineligible == 200
    assert 0 < rep.ineligible < rep.eligible
    ranked = sorted((r for r in rep.rows if r.rank), key=lambda r: r.rank or 0)
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))
    assert all(a.score >= b.score for a, b in itertools.pairwise(ranked))
    assert sum(r.within_quota for r in rep.rows) == min(100, rep.eligible)
    for r in rep.rows:
        assert r.eligible == all(x.passed for x in r.rules)
    stored = workers.get_worker(demo_workspace, ranked[0].worker_id).assessment
    assert stored is not None and stored.rank == 1


def test_nominate_approve_decline_flow(demo_workspace: Workspace, operator: Actor, head: Actor) -> None:
    ws = demo_workspace
    ids = eligible_ids(ws, operator)[:3]
    nominations.nominate(ws, operator, ids)
    q = nominations.quota_summary(ws)
    assert q.counted == 3 and q.budget_used == 3 * 16_800 * 12
    with pytest.raises(PermissionDenied):
        nominations.approve(ws, operator, ids[:1])
    nominations.approve(ws, head, ids[:2])
    with pytest.raises(UserError, match="Alasan"):
        nominations.decline(ws, head, ids[2:], "  ")
    nominations.decline(ws, head, ids[2:], "tidak hadir verifikasi")
    d = workers.get_worker(ws, ids[2])
    assert d.worker.status == statuses.DECLINED and d.nomination is not None
    assert [e.to_status for e in d.nomination.events] == ["proposed", "declined"]
    assert d.nomination.events[-1].username == "kepala" and d.nomination.events[-1].note == "tidak hadir verifikasi"
    assert nominations.quota_summary(ws).counted == 2
    # Declined may be proposed again; approved cannot be proposed twice.
    nominations.nominate(ws, operator, ids[2:])
    with pytest.raises(UserError, match="sudah berstatus Disetujui"):
        nominations.nominate(ws, operator, ids[:1])


def test_ineligible_worker_cannot_be_nominated(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI | {"occupation": "5"}).id
    with pytest.raises(UserError, match="tidak memenuhi syarat: pekerjaan PEGAWAI NEGERI SIPIL"):
        nominations.nominate(workspace, operator, [wid])


def test_quota_and_budget_are_enforced(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    village.update_program(ws, operator, quota=2)
    ids = eligible_ids(ws, operator)
    nominations.nominate(ws, operator, ids[:2])
    with pytest.raises(UserError, match=r"kuota penuh \(2 dari 2\)"):
        nominations.nominate(ws, operator, ids[2:3])
    village.update_program(ws, operator, quota=10, budget_ceiling=3 * 16_800 * 12)
    nominations.nominate(ws, operator, ids[2:3])
    with pytest.raises(UserError, match="pagu tidak cukup"):
        nominations.nominate(ws, operator, ids[3:4])
    # The failed call left nothing behind.
    assert nominations.quota_summary(ws).counted == 3


def test_nominate_ranked_fills_the_quota(demo_workspace: Workspace, operator: Actor, head: Actor) -> None:
    ws = demo_workspace
    village.update_program(ws, operator, quota=25)
    ch = nominations.nominate_ranked(ws, operator)
    assert len(ch.worker_ids) == 25
    assert nominations.nominate_ranked(ws, operator).worker_ids == ()
    nominations.approve(ws, head)
    assert workers.count_workers(ws, WorkerQuery(status="approved")) == 25


def test_rule_change_bumps_the_rule_set_version(workspace: Workspace, operator: Actor) -> None:
    v1 = village.get_program(workspace).rule_set_version
    p = village.update_program(workspace, operator, min_age=20, months=6)
    assert p.rule_set_version == v1 + 1 and p.months == 6 and p.rules.min_age == 20
    p = village.update_program(workspace, operator, year=2027)
    assert p.year == 2027 and p.months == 6 and p.reference_date.isoformat() == "2027-01-01"
    with pytest.raises(UserError, match="Usia minimum"):
        village.update_program(workspace, operator, min_age=70, max_age=65)
