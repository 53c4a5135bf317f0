"""Nominasi's decisions and proposals go through the one write queue, off the GUI thread: the
same messages as before, and the buttons wait for the write, so nothing is asked twice."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import tasks
from jamsos_desktop.ui.pages.nominations import NominationsPage

from .conftest import Boxes, Held, Recording, spy_thread

pytestmark = pytest.mark.gui


def head_page(qtbot: QtBot, ws: Workspace) -> NominationsPage:
    nominations.nominate_ranked(ws, users.find_user(ws, "operator"), limit=5)
    actor = users.find_user(ws, "kepala")
    p = NominationsPage(ws, lambda: actor)
    qtbot.addWidget(p)
    p.show()
    assert p.table.rowCount() == 5
    return p


def test_decisions_run_on_the_write_queue_with_the_same_messages(
    qtbot: QtBot,
    demo_workspace: Workspace,
    boxes: Boxes,
    input_text: list[str],
    monkeypatch: pytest.MonkeyPatch,
    recording: Recording,
) -> None:
    p = head_page(qtbot, demo_workspace)
    approved = recording.spy(monkeypatch, nominations, "approve")
    declined = recording.spy(monkeypatch, nominations, "decline")
    p.table.selectRow(0)
    p.approve_button.click()
    assert approved == [True] and p.table.rowCount() == 4  # the list of proposals refreshed
    p.table.selectRow(0)
    input_text.append("  ")
    p.decline_button.click()
    assert declined == [True]
    kind, _title, text = boxes.shown[-1]
    assert kind == "warning" and "Alasan" in text  # refused with the message, as before
    input_text.append("Sudah pindah ke desa lain")
    p.decline_button.click()
    assert declined == [True, True] and p.table.rowCount() == 3
    boxes.answer = boxes.answer.Yes
    p.approve_all_button.click()
    assert approved == [True, True] and p.table.rowCount() == 0
    s = nominations.quota_summary(demo_workspace).by_status
    assert (s[statuses.APPROVED], s[statuses.DECLINED]) == (4, 1)


def test_a_decision_waits_for_its_write_and_is_not_asked_twice(
    qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes, input_text: list[str]
) -> None:
    p = head_page(qtbot, demo_workspace)
    held = Held()
    tasks.set_runner(held)
    p.table.selectRow(0)
    p.approve_button.click()
    assert p.busy
    assert not p.approve_button.isEnabled() and not p.approve_all_button.isEnabled()
    assert not p.decline_button.isEnabled() and not p.assess_button.isEnabled()
    p.approve_selected()  # a second click or a shortcut meanwhile: nothing more is asked for
    p.approve_all()
    input_text.append("alasan")
    p.decline_selected()
    assert [exclusive for *_job, exclusive in held.jobs] == [True]
    assert boxes.shown == [] and input_text == ["alasan"]
    held.step()
    assert not p.busy and p.approve_button.isEnabled() and p.table.rowCount() == 4
    assert nominations.quota_summary(demo_workspace).by_status[statuses.APPROVED] == 1


def test_a_decision_runs_off_the_gui_thread(
    qtbot: QtBot,
    demo_workspace: Workspace,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    thread_pool: list[BaseException],
) -> None:
    p = head_page(qtbot, demo_workspace)
    where = spy_thread(monkeypatch, nominations, "approve")
    p.table.selectRow(0)
    p.approve_button.click()
    qtbot.waitUntil(lambda: not p.busy, timeout=10_000)
    assert where == [False] and thread_pool == [] and boxes.shown == []
    assert p.approve_button.isEnabled() and p.table.rowCount() == 4
