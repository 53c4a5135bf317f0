"""The worker form's writes (save, draft, discard, autosave) go through the one write queue, in
the order asked: no stale draft comes back, nothing is saved twice, the form closes only once
the save succeeded."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import drafts, users, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui import tasks
from jamsos_desktop.ui.pages.workers import WorkersPage

from .conftest import Boxes, Held, spy_thread
from .test_workers import GOOD_KK, GOOD_NIK, page, type_into

pytestmark = pytest.mark.gui

VALID: dict[str, Any] = {
    "nik": GOOD_NIK,
    "kk": GOOD_KK,
    "name": "Asep Saepudin",
    "birth_place": "Bandung",
    "birth_date": "15-08-1995",
    "sex": "L",
    "dusun": "Sukamaju",
    "rt": "2",
    "rw": "5",
    "occupation": "9",
    "category": "petani",
    "heir_name": "Euis",
    "heir_relation": "Istri",
    "resident": True,
    "consent_date": "01-11-2026",
}


def operator(ws: Workspace) -> Actor:
    return users.find_user(ws, "operator")


def filled_form(qtbot: QtBot, ws: Workspace) -> WorkersPage:
    """A new-worker form with valid values, typed into (so it is dirty)."""
    p = page(qtbot, ws)
    p.new_worker()
    p.form.set_values(VALID)
    type_into(qtbot, p, "notes", "baru")
    assert p.form.dirty and not [i for i in p.form.validate() if i.is_error]
    return p


@contextmanager
def real_threads(qtbot: QtBot) -> Iterator[list[BaseException]]:
    """The real thread pools, with the writer held busy until the block ends: jobs asked for
    inside it queue up behind that one, as they do behind any longer write."""
    failures: list[BaseException] = []
    tasks.set_runner(tasks.ThreadRunner())
    tasks.set_unexpected_hook(failures.append)
    gate = threading.Event()
    try:
        tasks.run_task(lambda: gate.wait(10), exclusive=True, quiet=True)
        yield failures
        gate.set()
        qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    finally:
        gate.set()
        tasks.shutdown()
        tasks.set_unexpected_hook(None)


def test_autosave_queued_before_cancel_does_not_bring_the_draft_back(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes
) -> None:
    p = page(qtbot, workspace)
    p.new_worker()
    type_into(qtbot, p, "name", "Budi")
    with real_threads(qtbot) as failures:
        p.form.autosave_draft()  # waits on the writer thread ...
        boxes.answer = QMessageBox.StandardButton.Discard
        qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Escape)  # ... while the person cancels
    assert failures == []
    assert drafts.list_drafts(workspace, operator(workspace)) == []
    assert p.stack.currentWidget() is p.list_page


def test_autosave_queued_before_save_does_not_bring_the_draft_back(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes
) -> None:
    p = filled_form(qtbot, workspace)
    with real_threads(qtbot) as failures:
        p.form.autosave_draft()
        qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Return)
    assert failures == [] and boxes.shown == []
    assert workers.count_workers(workspace) == 1
    assert drafts.list_drafts(workspace, operator(workspace)) == []
    assert p.stack.currentWidget() is p.list_page


def test_save_runs_on_the_write_queue_off_the_gui_thread(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = filled_form(qtbot, workspace)
    where = spy_thread(monkeypatch, workers, "add_worker")
    with real_threads(qtbot):
        p.form.save()
        assert p.stack.currentWidget() is p.form  # not closed before the save succeeded
    assert where == [False]
    assert workers.count_workers(workspace) == 1 and p.stack.currentWidget() is p.list_page


def test_a_second_enter_while_saving_does_not_save_twice(qtbot: QtBot, workspace: Workspace, boxes: Boxes) -> None:
    p = filled_form(qtbot, workspace)
    held = Held()
    tasks.set_runner(held)
    f = p.form
    qtbot.keyClick(f.fields["name"], Qt.Key.Key_Return)
    assert [exclusive for *_job, exclusive in held.jobs] == [True]
    assert f.busy and not f.save_button.isEnabled() and not f.draft_button.isEnabled()
    # Enter again, the save button, Esc, keeping a draft: nothing more is asked for.
    qtbot.keyClick(f.fields["name"], Qt.Key.Key_Return)
    f.save_button.click()
    qtbot.keyClick(f.fields["name"], Qt.Key.Key_Escape)
    f.keep_draft()
    f.autosave_draft()
    assert len(held.jobs) == 1 and boxes.shown == []
    assert p.stack.currentWidget() is f  # still open until the save has succeeded
    held.step()
    assert workers.count_workers(workspace) == 1
    assert p.stack.currentWidget() is p.list_page
    assert not f.busy and f.save_button.isEnabled()
    held.run_all()  # the list's refresh
    assert drafts.list_drafts(workspace, operator(workspace)) == []


def test_a_refused_save_keeps_the_form_open_with_the_message_beside_the_field(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes
) -> None:
    p = filled_form(qtbot, workspace)
    held = Held()
    tasks.set_runner(held)
    f = p.form
    f.save()
    # Someone else records the same NIK before this save reaches the database.
    workers.add_worker(workspace, operator(workspace), {**VALID, "name": "Ujang Lebih Dulu"})
    held.step()
    assert boxes.shown and boxes.shown[-1][0] == "warning"
    assert "Ujang Lebih Dulu" in f.duplicate.text() and "Ujang Lebih Dulu" in boxes.shown[-1][2]
    assert p.stack.currentWidget() is f and f.fields["name"].text() == "Asep Saepudin"
    assert not f.busy and f.save_button.isEnabled() and f.dirty
    assert workers.count_workers(workspace) == 1
    # What was typed is still kept as a draft.
    f.autosave_draft()
    held.run_all()
    kept = drafts.get_draft(workspace, operator(workspace), "worker", None)
    assert kept is not None and kept.payload["name"] == "Asep Saepudin"


def test_keeping_a_draft_closes_once_it_is_written(qtbot: QtBot, workspace: Workspace) -> None:
    p = page(qtbot, workspace)
    p.new_worker()
    type_into(qtbot, p, "name", "Cecep")
    held = Held()
    tasks.set_runner(held)
    p.form.autosave_draft()
    type_into(qtbot, p, "name", " Sunarya")
    p.form.keep_draft()
    assert [exclusive for *_job, exclusive in held.jobs] == [True, True]
    assert p.stack.currentWidget() is p.form
    assert held.step() is None  # the autosave was overtaken: it writes nothing
    held.step()
    assert p.stack.currentWidget() is p.list_page
    kept = drafts.get_draft(workspace, operator(workspace), "worker", None)
    assert kept is not None and kept.payload["name"] == "Cecep Sunarya"


def test_a_lock_keeps_the_newest_values_behind_an_autosave_already_queued(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes
) -> None:
    """The screen locks while an older autosave still waits on the writer: the draft kept at the
    lock holds what was typed last, not what the older autosave carried."""
    p = page(qtbot, workspace)
    p.new_worker()
    type_into(qtbot, p, "name", "Budi")
    with real_threads(qtbot) as failures:
        p.form.autosave_draft()  # "Budi", waiting behind the busy writer
        type_into(qtbot, p, "name", " Santoso")
        p.before_lock()
    assert failures == []
    kept = drafts.get_draft(workspace, operator(workspace), "worker", None)
    assert kept is not None and kept.payload["name"] == "Budi Santoso"


def test_fields_take_no_typing_while_a_save_is_on_its_way_and_focus_comes_back(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes
) -> None:
    p = filled_form(qtbot, workspace)
    p.show()
    held = Held()
    tasks.set_runner(held)
    f = p.form
    f.fields["name"].setFocus()
    qtbot.waitUntil(f.fields["name"].hasFocus)
    f.save()
    assert not any(w.isEnabled() for w in f.fields.values())  # typing now would be lost
    workers.add_worker(workspace, operator(workspace), {**VALID, "name": "Ujang Lebih Dulu"})
    held.step()  # refused: the NIK was recorded meanwhile
    assert all(w.isEnabled() for w in f.fields.values())
    qtbot.waitUntil(f.fields["name"].hasFocus)


def test_a_refused_save_keeps_what_was_typed_as_a_draft_in_the_same_job(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes
) -> None:
    """Even if nobody is left to see the form (signed out meanwhile), nothing typed is lost."""
    p = filled_form(qtbot, workspace)
    held = Held()
    tasks.set_runner(held)
    p.form.save()
    workers.add_worker(workspace, operator(workspace), {**VALID, "name": "Ujang Lebih Dulu"})
    fn, _done, _failed, _exclusive = held.jobs.pop(0)
    with pytest.raises(Exception, match="sudah tercatat"):
        fn()  # the job alone, as if its answer went to a retired page
    kept = drafts.get_draft(workspace, operator(workspace), "worker", None)
    assert kept is not None and kept.payload["name"] == "Asep Saepudin"
