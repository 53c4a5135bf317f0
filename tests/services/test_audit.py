from __future__ import annotations

import itertools

from jamsos_desktop.services import doctor, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver, models

from .test_workers import SITI


def test_every_change_is_audited_in_a_chain(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI).id
    workers.edit_worker(workspace, operator, wid, {"dusun": "Sukasari"})
    with workspace.reading() as s:
        entries = s.query(models.AuditEntry).order_by(models.AuditEntry.seq).all()
        edit = entries[-1]
        assert (edit.action, edit.username, edit.entity_id) == ("worker.edit", "operator", wid)
        assert edit.before is not None and edit.after is not None
        assert (edit.before["dusun"], edit.after["dusun"]) == ("Babakan", "Sukasari")
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert doctor.verify_audit_chain(workspace) == []


def test_tampering_with_the_audit_trail_is_found(workspace: Workspace, operator: Actor) -> None:
    workers.add_worker(workspace, operator, SITI)
    with driver.connect(workspace.db.path, workspace.db.key) as c:
        c.execute("update audit_log set username = 'someone' where action = 'worker.add'")
    problems = doctor.verify_audit_chain(workspace)
    assert problems and "audit trail broken" in problems[0]
    assert not doctor.doctor(workspace).ok


def test_doctor_on_a_healthy_database(demo_workspace: Workspace) -> None:
    rep = doctor.doctor(demo_workspace)
    assert rep.ok, rep.problems
    assert rep.workers == 200 and rep.by_status == {"recorded": 200}
