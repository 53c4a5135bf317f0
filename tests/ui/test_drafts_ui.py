"""Drafts are never lost by accident: New is a blank form, each person being entered keeps a
draft of their own, drafts are opened from the list on purpose, and a saved draft is deleted
only by its own answer, in its own words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import drafts, users, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui.pages.workers import WorkersPage

from .conftest import Boxes
from .test_worker_form_writes import VALID
from .test_workers import page, type_into

pytestmark = pytest.mark.gui


def _op(ws: Workspace) -> Actor:
    return users.find_user(ws, "operator")


def _names(ws: Workspace) -> list[str]:
    return sorted(str(d.payload.get("name")) for d in drafts.list_drafts(ws, _op(ws), "worker"))


def _start(qtbot: QtBot, p: WorkersPage, name: str) -> None:
    p.add_button.click()  # Ctrl+N
    assert p.stack.currentWidget() is p.form
    assert p.form.fields["name"].text() == ""  # always blank: no draft comes back by surprise
    type_into(qtbot, p, "name", name)


def test_new_is_blank_and_each_person_typed_keeps_a_draft_of_their_own(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes
) -> None:
    p = page(qtbot, workspace)
    p.show()
    for name in ("Ani", "Budi", "Cici"):
        _start(qtbot, p, name)
        p.form.autosave_draft()
    # Ctrl+N on a form being typed in keeps that one too.
    _start(qtbot, p, "Dedi")
    assert _names(workspace) == ["Ani", "Budi", "Cici"]
    p.before_lock()
    assert _names(workspace) == ["Ani", "Budi", "Cici", "Dedi"]
    p._fill_drafts()
    assert p.drafts_button.text() == "Draf (4)"
    listed = [a.text() for a in p.drafts_menu.actions()]
    assert len(listed) == 4 and all("pekerja baru" in t for t in listed)
    assert boxes.shown == []


def test_saving_one_draft_leaves_the_others(qtbot: QtBot, workspace: Workspace, boxes: Boxes) -> None:
    op = _op(workspace)
    drafts.save_draft(workspace, op, "worker", None, {"name": "Orang lain"}, draft_id=drafts.new_draft_id())
    mine = drafts.save_draft(workspace, op, "worker", None, {**VALID}, draft_id=drafts.new_draft_id())
    p = page(qtbot, workspace)
    d = drafts.draft_by_id(workspace, op, mine)
    assert d is not None
    p._resume(d)
    assert p.form.fields["name"].text() == VALID["name"]
    p.form.save()
    assert boxes.shown == [] and workers.count_workers(workspace) == 1
    assert _names(workspace) == ["Orang lain"]


def test_a_saved_draft_is_deleted_only_by_its_own_answer(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    op = _op(workspace)
    kept = drafts.save_draft(workspace, op, "worker", None, {"name": "Euis"}, draft_id=drafts.new_draft_id())
    p = page(qtbot, workspace)
    asked: list[tuple[str, list[str]]] = []
    answers: list[QMessageBox.StandardButton] = []

    def exec_(box: QMessageBox) -> int:
        asked.append((box.text(), [b.text() for b in box.buttons()]))
        wanted = answers.pop(0)
        button = box.button(wanted)
        assert button is not None
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    d = drafts.draft_by_id(workspace, op, kept)
    assert d is not None
    # Opened and closed unchanged: nothing asked, nothing deleted.
    p._resume(d)
    qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Escape)
    assert asked == [] and p.stack.currentWidget() is p.list_page
    assert _names(workspace) == ["Euis"]
    # Changed, then Esc: the question names the draft and offers to keep it as it was.
    p._resume(d)
    type_into(qtbot, p, "name", " Rahayu")
    answers.append(QMessageBox.StandardButton.Close)
    qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Escape)
    text, buttons = asked[-1]
    assert "Draf ini disimpan" in text
    assert {"Hapus draf", "Tutup, draf tetap", "Simpan ke draf", "Kembali ke formulir"} <= set(buttons)
    assert _names(workspace) == ["Euis"]  # kept as it was saved
    # Only "Hapus draf" deletes it.
    p._resume(d)
    type_into(qtbot, p, "name", " Rahayu")
    answers.append(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Escape)
    assert _names(workspace) == []
