"""The form's save is one service call in one transaction (``workers.save_worker``): the worker
and the discard of the person's draft land together or not at all, and a save that did not land
keeps what was typed as a draft."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import drafts, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import errors

from .conftest import Boxes, sql_statements
from .test_worker_form_writes import VALID, filled_form, operator
from .test_workers import page

pytestmark = pytest.mark.gui


def test_a_save_is_one_transaction_that_also_drops_the_draft(qtbot: QtBot, workspace: Workspace, boxes: Boxes) -> None:
    p = filled_form(qtbot, workspace)
    p.form.autosave_draft()  # a draft of this very form exists
    assert drafts.get_draft(workspace, operator(workspace), "worker", None) is not None
    with sql_statements(workspace) as seen:
        p.form.save()
    writers = [s for _gui, s in seen if s.upper().startswith("BEGIN IMMEDIATE")]
    assert len(writers) == 1, writers  # the worker, its audit entry and the draft's discard
    assert workers.count_workers(workspace) == 1 and boxes.shown == []
    assert drafts.list_drafts(workspace, operator(workspace)) == []
    assert p.stack.currentWidget() is p.list_page


def test_an_edit_drops_only_that_workers_draft(qtbot: QtBot, workspace: Workspace, boxes: Boxes) -> None:
    wid = workers.add_worker(workspace, operator(workspace), VALID).id
    drafts.save_draft(workspace, operator(workspace), "worker", None, {"name": "orang baru"})
    p = page(qtbot, workspace)
    p.open_worker(wid)
    p.form.fields["phone"].setText("081234567890")
    p.form.autosave_draft()
    p.form.save()
    assert workers.get_worker(workspace, wid).worker.phone == "081234567890"
    assert drafts.get_draft(workspace, operator(workspace), "worker", wid) is None
    kept = drafts.get_draft(workspace, operator(workspace), "worker", None)
    assert kept is not None  # the new worker's draft is another form's


def test_a_save_that_fails_after_writing_the_worker_writes_nothing_and_keeps_the_draft(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashes: list[BaseException] = []
    monkeypatch.setattr(errors, "show_crash", lambda _parent, exc: crashes.append(exc))
    p = filled_form(qtbot, workspace)

    def broken(*_args: object) -> None:
        raise OSError("disk I/O error")

    monkeypatch.setattr(drafts, "discard_in", broken)
    p.form.save()
    assert [type(e) for e in crashes] == [OSError]  # a bug, not the person's mistake
    assert workers.count_workers(workspace) == 0  # the worker written first was rolled back
    kept = drafts.get_draft(workspace, operator(workspace), "worker", None)
    assert kept is not None and kept.payload["name"] == "Asep Saepudin"
    assert p.stack.currentWidget() is p.form and p.form.dirty and not p.form.busy
