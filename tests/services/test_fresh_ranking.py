"""Proposing by rank right after "Nilai ulang semua pekerja" uses that assessment instead of
making it again (on 10,000 workers an assessment is most of the wait), and only then: any
change of a worker, of the rules or of the program since means a new one."""

from __future__ import annotations

from sqlalchemy import func, select

from jamsos_desktop.services import assessment, nominations, village, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models


def _runs(ws: Workspace) -> int:
    with ws.reading() as s:
        return int(
            s.execute(
                select(func.count()).select_from(models.AuditEntry).where(models.AuditEntry.action == "assessment.run")
            ).scalar_one()
        )


def _picks_of_a_new_assessment(ws: Workspace, operator: Actor, limit: int) -> list[str]:
    report = assessment.assess(ws, operator, store=False)
    ranked = sorted((r for r in report.rows if r.within_quota and r.rank is not None), key=lambda r: r.rank or 0)
    return [r.worker_id for r in ranked[:limit]]


def test_a_current_assessment_is_used_as_it_is(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    assessment.assess(ws, operator)
    expected = _picks_of_a_new_assessment(ws, operator, 7)
    before = _runs(ws)
    changed = nominations.nominate_ranked(ws, operator, limit=7)
    assert _runs(ws) == before  # not assessed again
    assert list(changed.worker_ids) == expected  # the same people a new assessment would pick
    scores = {r.worker_id: r.score for r in assessment.assess(ws, operator, store=False).rows}
    assert all(n.score == scores[n.worker_id] for n in changed.nominations)


def test_a_changed_worker_means_a_new_assessment(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    assessment.assess(ws, operator)
    someone = workers.list_workers(ws)[0]
    workers.edit_worker(ws, operator, someone.id, {"income": "5.000.000"})
    before = _runs(ws)
    nominations.nominate_ranked(ws, operator, limit=3)
    assert _runs(ws) == before + 1


def test_a_changed_program_means_a_new_assessment(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    assessment.assess(ws, operator)
    village.update_program(ws, operator, quota=50)
    before = _runs(ws)
    nominations.nominate_ranked(ws, operator, limit=3)
    assert _runs(ws) == before + 1


def test_without_an_assessment_one_is_made(demo_workspace: Workspace, operator: Actor) -> None:
    before = _runs(demo_workspace)
    assert nominations.nominate_ranked(demo_workspace, operator, limit=2).worker_ids
    assert _runs(demo_workspace) == before + 1
