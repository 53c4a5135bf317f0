"""Dokumen's "reprint every form on the list": the list is read in one query, off the GUI thread,
and the document is the same as the one built from the list's worker ids one by one; the audit
of a document leaving the database is written on the write queue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, printing
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui import tasks
from jamsos_desktop.ui.pages.documents import FORM_REPRINT, DocumentsPage
from tests.reports.factory import pdf_pages

from .conftest import Boxes, Recording, sql_statements

pytestmark = pytest.mark.gui


def _listed(ws: Workspace, operator: Actor, head: Actor) -> list[str]:
    """Twelve nominees on the list: eight approved, four printed (a reprint covers both)."""
    nominations.nominate_ranked(ws, operator, limit=12)
    nominations.approve(ws, head)
    ids = [e.nomination.id for e in printing.list_entries(ws)]
    printing.mark_printed(ws, operator, ids[:4])
    return [e.worker.id for e in printing.list_entries(ws)]


def _reprint_page(qtbot: QtBot, ws: Workspace, operator: Actor) -> DocumentsPage:
    p = DocumentsPage(ws, lambda: operator)
    qtbot.addWidget(p)
    p.document.setCurrentIndex(p.document.findData(FORM_REPRINT))
    p.paper.setCurrentIndex(p.paper.findData("f4"))
    p.print_date.setDate(p.print_date.date().fromString("2026-11-21", "yyyy-MM-dd"))
    return p


def test_reprint_all_reads_the_list_in_one_query_off_the_gui_thread(
    qtbot: QtBot,
    demo_workspace: Workspace,
    operator: Actor,
    head: Actor,
    thread_pool: list[BaseException],
) -> None:
    ws = demo_workspace
    worker_ids = _listed(ws, operator, head)
    p = _reprint_page(qtbot, ws, operator)
    qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    with sql_statements(ws) as seen:
        qtbot.mouseClick(p.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: p.pdf_doc.pageCount() == 12, timeout=20_000)
        qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    assert seen and not any(on_gui for on_gui, _ in seen), seen
    selects = [s for _, s in seen if s.lstrip().upper().startswith("SELECT")]
    assert sum(" FROM nominations" in s for s in selects) == 1, selects  # the list, once
    assert not any(" FROM workers" in s and "nominations" not in s for s in selects), selects  # no look-up per id
    assert len(selects) <= 4, selects  # village, program (twice) and the list
    assert thread_pool == []

    # The same document as the forms of the list's workers, looked up one by one.
    data, built = printing.build_bytes(ws, printing.FORM, refs=worker_ids, paper="f4", print_date=dt.date(2026, 11, 21))
    assert p._pdf == data
    assert p._built == built and len(built.nomination_ids) == 12
    assert len(pdf_pages(p._pdf)) == 12


def test_reprint_all_of_an_empty_list_says_so(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor, boxes: Boxes
) -> None:
    p = _reprint_page(qtbot, demo_workspace, operator)
    qtbot.mouseClick(p.preview_button, Qt.MouseButton.LeftButton)
    kind, _title, text = boxes.shown[-1]
    assert kind == "warning" and "belum ada usulan yang disetujui" in text  # the message as before
    assert not p.print_button.isEnabled()


def test_saving_and_marking_write_on_the_queue(
    qtbot: QtBot,
    demo_workspace: Workspace,
    operator: Actor,
    head: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    recording: Recording,
) -> None:
    ws = demo_workspace
    _listed(ws, operator, head)
    recorded = recording.spy(monkeypatch, printing, "record_output")
    marked = recording.spy(monkeypatch, printing, "mark_printed")
    p = _reprint_page(qtbot, ws, operator)
    qtbot.mouseClick(p.preview_button, Qt.MouseButton.LeftButton)
    assert p.pdf_doc.pageCount() == 12
    out = tmp_path / "ulang.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    qtbot.mouseClick(p.save_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes() == p._pdf
    qtbot.mouseClick(p.mark_button, Qt.MouseButton.LeftButton)
    assert recorded == [True] and marked == [True]
    assert len(nominations.list_nominations(ws, statuses.PRINTED)) == 12
