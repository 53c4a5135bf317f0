"""The worker form's save is one use case in one transaction: the worker added or edited and the
person's draft of that form dropped together, or neither."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import doctor, drafts, users, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models

from .test_workers import SITI

KIND = drafts.WORKER


def _audit_count(ws: Workspace) -> int:
    with ws.reading() as s:
        return int(s.execute(select(func.count()).select_from(models.AuditEntry)).scalar_one())


def _kept(ws: Workspace, actor: Actor, entity_id: str | None) -> bool:
    return drafts.get_draft(ws, actor, KIND, entity_id) is not None


def test_a_new_worker_saved_drops_only_that_forms_draft(workspace: Workspace, operator: Actor) -> None:
    other = workers.add_worker(workspace, operator, {**SITI, "nik": "3204054508950002", "name": "Siti Lain"}).id
    drafts.save_draft(workspace, operator, KIND, None, {"name": "Siti"})
    drafts.save_draft(workspace, operator, KIND, other, {"name": "Siti Lain, diubah"})
    head = users.default_actor(workspace, approving=True)
    drafts.save_draft(workspace, head, KIND, None, {"name": "draf orang lain"})
    saved = workers.save_worker(workspace, operator, SITI)
    assert workers.get_worker(workspace, saved.id).worker.name == "Siti Aminah"
    assert not _kept(workspace, operator, None)
    assert _kept(workspace, operator, other) and _kept(workspace, head, None)  # not this form's, not theirs
    assert doctor.verify_audit_chain(workspace) == []


def test_an_edit_saved_drops_the_draft_of_that_worker(workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI).id
    version = workers.get_worker(workspace, wid).worker.version
    drafts.save_draft(workspace, operator, KIND, wid, {"dusun": "Sukasari"})
    drafts.save_draft(workspace, operator, KIND, None, {"name": "baru"})
    workers.save_worker(workspace, operator, {**SITI, "dusun": "Sukasari"}, worker_id=wid, expected_version=version)
    assert workers.get_worker(workspace, wid).worker.dusun == "Sukasari"
    assert not _kept(workspace, operator, wid) and _kept(workspace, operator, None)
    assert doctor.verify_audit_chain(workspace) == []


@pytest.mark.parametrize("why", ["invalid", "duplicate", "stale version"])
def test_a_refused_save_writes_nothing_and_leaves_the_draft(workspace: Workspace, operator: Actor, why: str) -> None:
    wid = workers.add_worker(workspace, operator, SITI).id
    drafts.save_draft(workspace, operator, KIND, None, {"name": "Siti"})
    drafts.save_draft(workspace, operator, KIND, wid, {"dusun": "Sukasari"})
    before = (workers.count_workers(workspace), _audit_count(workspace), workers.get_worker(workspace, wid).worker)
    with pytest.raises(UserError):
        if why == "invalid":
            workers.save_worker(workspace, operator, {**SITI, "nik": "3204054508950000"})
        elif why == "duplicate":
            workers.save_worker(workspace, operator, {**SITI, "name": "Siti Aminah Kedua"})
        else:
            workers.save_worker(workspace, operator, {**SITI, "dusun": "Sukasari"}, worker_id=wid, expected_version=0)
    after = (workers.count_workers(workspace), _audit_count(workspace), workers.get_worker(workspace, wid).worker)
    assert after == before
    assert _kept(workspace, operator, None) and _kept(workspace, operator, wid)


def test_a_failure_after_the_worker_was_written_undoes_it(
    workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft goes only if the save commits, and the save commits only with the draft gone."""
    drafts.save_draft(workspace, operator, KIND, None, {"name": "Siti"})

    def broken(*_args: object) -> None:
        raise OSError("disk I/O error")

    audited = _audit_count(workspace)
    monkeypatch.setattr(drafts, "discard_in", broken)
    with pytest.raises(OSError):
        workers.save_worker(workspace, operator, SITI)
    assert workers.count_workers(workspace) == 0 and _audit_count(workspace) == audited
    assert _kept(workspace, operator, None)


def test_a_joined_unit_of_work_that_failed_fails_the_whole_even_if_caught(
    workspace: Workspace, operator: Actor
) -> None:
    audited = _audit_count(workspace)
    with pytest.raises(RuntimeError, match="nothing was written"), workspace.unit_of_work(operator):
        workers.add_worker(workspace, operator, SITI)
        with pytest.raises(UserError):
            workers.add_worker(workspace, operator, SITI)  # the same NIK again, refused and caught
    assert workers.count_workers(workspace) == 0 and _audit_count(workspace) == audited


def test_a_unit_of_work_is_joined_only_by_the_same_actor(workspace: Workspace, operator: Actor) -> None:
    someone_else = Actor(None, "lain", "Orang Lain", "admin")
    with pytest.raises(RuntimeError, match="another actor"), workspace.unit_of_work(operator):
        workers.add_worker(workspace, someone_else, SITI)
    assert workers.count_workers(workspace) == 0
