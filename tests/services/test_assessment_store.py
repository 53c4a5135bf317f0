"""Storing an assessment writes only what differs from the stored one: a new assessment where
nothing changed writes nothing, a changed worker's row is updated in place, a deleted worker's
row goes; what is stored reads back as exactly what the rules said."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from jamsos_desktop.services import assessment, nominations, village, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models


def _stored(ws: Workspace) -> dict[str, tuple[str, int, int]]:
    """worker id -> (row id, version, change number) of every stored assessment."""
    with ws.reading() as s:
        a = models.Assessment
        return {r[0]: (r[1], r[2], r[3]) for r in s.execute(select(a.worker_id, a.id, a.version, a.change_seq)).all()}


def _change_counter(ws: Workspace) -> int:
    with ws.reading() as s:
        return int(s.execute(select(models.Counter.value).where(models.Counter.name == "change")).scalar_one())


def test_what_is_stored_reads_back_as_the_rules_said(demo_workspace: Workspace, operator: Actor) -> None:
    report = assessment.assess(demo_workspace, operator)
    with demo_workspace.reading() as s:
        stored = {a.worker_id: a for a in s.execute(select(models.Assessment)).scalars()}
        assert len(stored) == len(report.rows)
        for row in report.rows:
            a = stored[row.worker_id]
            assert assessment.assessment_row(a).rules == row.rules
            assert assessment.assessment_row(a).score_parts == row.score_parts
            assert (a.eligible, a.score, a.rank, a.within_quota) == (
                row.eligible,
                row.score,
                row.rank,
                row.within_quota,
            )
        # The JSON text itself is what json.dumps of the outcomes writes (so it compares as text).
        raw = s.connection().exec_driver_sql("SELECT worker_id, outcomes, score_parts FROM assessments").fetchall()
    by_id = {r.worker_id: r for r in report.rows}
    for worker_id, outcomes, parts in raw:
        row = by_id[worker_id]
        assert outcomes == json.dumps(
            [{"rule": o.rule, "passed": o.passed, "id": o.reason_id, "en": o.reason_en} for o in row.rules]
        )
        assert parts == json.dumps([{"code": c, "points": p, "id": i, "en": e} for c, p, i, e in row.score_parts])


def test_an_assessment_where_nothing_changed_writes_nothing(demo_workspace: Workspace, operator: Actor) -> None:
    assessment.assess(demo_workspace, operator)
    before, counter = _stored(demo_workspace), _change_counter(demo_workspace)
    assessment.assess(demo_workspace, operator)
    assert _stored(demo_workspace) == before
    assert _change_counter(demo_workspace) == counter  # nothing for the district to receive again


def test_a_changed_worker_is_updated_in_place_and_the_rest_left(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    assessment.assess(ws, operator)
    before = _stored(ws)
    someone = workers.list_workers(ws)[0]
    workers.edit_worker(ws, operator, someone.id, {"income": "4.900.000"})
    assessment.assess(ws, operator)
    after = _stored(ws)
    assert after[someone.id][0] == before[someone.id][0]  # the same record, a new version
    assert after[someone.id][1] == before[someone.id][1] + 1
    assert after[someone.id][2] > before[someone.id][2]
    moved = {w for w in after if after[w] != before[w]}
    assert someone.id in moved
    assert len(moved) < len(after) // 2  # only those whose outcome (or rank) changed
    with ws.reading() as s:
        a = s.execute(select(models.Assessment).where(models.Assessment.worker_id == someone.id)).scalar_one()
        w = s.get_one(models.Worker, someone.id)
        assert a.worker_version == w.version
    fresh = {r.worker_id: r for r in assessment.assess(ws, operator, store=False).rows}
    assert assessment.assessment_row(a).score_parts == fresh[someone.id].score_parts


def test_a_deleted_worker_loses_their_assessment(demo_workspace: Workspace, operator: Actor) -> None:
    ws = demo_workspace
    assessment.assess(ws, operator)
    someone = workers.list_workers(ws)[0]
    workers.delete_worker(ws, operator, someone.id, "pindah")
    assessment.assess(ws, operator)
    with ws.reading() as s:
        live = s.execute(
            select(func.count()).select_from(models.Worker).where(models.Worker.deleted_at.is_(None))
        ).scalar_one()
        assert s.execute(select(func.count()).select_from(models.Assessment)).scalar_one() == live
    assert someone.id not in _stored(ws)


def test_proposing_after_an_assessment_that_changed_nothing_uses_it(demo_workspace: Workspace, operator: Actor) -> None:
    """A program change that changes nobody's outcome: the new assessment writes nothing, and is
    still the current one for proposing by rank (not made a third time)."""
    ws = demo_workspace
    assessment.assess(ws, operator)
    village.update_program(ws, operator, name="JAMSOS Desa 2026 (perubahan)")  # no rule, quota or pagu
    before = _stored(ws)
    assessment.assess(ws, operator)
    assert _stored(ws) == before
    with ws.reading() as s:
        runs = s.execute(
            select(func.count()).select_from(models.AuditEntry).where(models.AuditEntry.action == "assessment.run")
        ).scalar_one()
    nominations.nominate_ranked(ws, operator, limit=2)
    with ws.reading() as s:
        assert (
            s.execute(
                select(func.count()).select_from(models.AuditEntry).where(models.AuditEntry.action == "assessment.run")
            ).scalar_one()
            == runs
        )


def test_the_portable_path_stores_the_same_as_the_sqlite_one(demo_workspace: Workspace, operator: Actor) -> None:
    """Other engines take the table's own statements (``_save_portable``); on SQLite the same
    outcome reads back the same, and a second save of it writes nothing."""
    from jamsos_desktop.storage import assessment_store

    ws = demo_workspace
    assessment.assess(ws, operator)
    with ws.reading() as s:
        a = models.Assessment
        raw = (
            s.connection()
            .exec_driver_sql(
                "SELECT worker_id, rule_set_version, worker_version, eligible, score, rank, within_quota, outcomes,"
                " score_parts FROM assessments"
            )
            .fetchall()
        )
        program_id = s.execute(select(a.program_id).limit(1)).scalar_one()
    rows = [assessment_store.Outcome(r[0], r[1], r[2], bool(r[3]), r[4], r[5], bool(r[6]), r[7], r[8]) for r in raw]
    changed = [rows[0]._replace(score=rows[0].score + 1), *rows[1:-1]]  # one changed, the last one gone
    with ws.unit_of_work(operator) as uow:
        saved = assessment_store._save_portable(uow.session, program_id, changed, actor_id=operator.id)
    assert saved == assessment_store.Saved(0, 1, 1)
    with ws.unit_of_work(operator) as uow:
        again = assessment_store._save_portable(uow.session, program_id, changed, actor_id=operator.id)
    assert again == assessment_store.Saved(0, 0, 0)
    with ws.reading() as s:
        first = s.execute(
            select(models.Assessment).where(models.Assessment.worker_id == rows[0].worker_id)
        ).scalar_one()
        assert first.score == rows[0].score + 1 and first.version == 2
        assert first.outcomes == json.loads(rows[0].outcomes)
        gone = s.execute(select(models.Assessment).where(models.Assessment.worker_id == rows[-1].worker_id)).scalar()
        assert gone is None
    with ws.unit_of_work(operator) as uow:  # and the one gone comes back as a new row
        back = assessment_store._save_portable(uow.session, program_id, [*changed, rows[-1]], actor_id=operator.id)
    assert back == assessment_store.Saved(1, 0, 0)
