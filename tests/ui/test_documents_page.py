"""The Dokumen page offscreen: preview, save, print rendering, mark printed and signed, QR check."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from jamsos_desktop.domain import statuses
from jamsos_desktop.reports import qr
from jamsos_desktop.services import nominations, printing, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.ui.pages.documents import DocumentsPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot: Any, demo_workspace: Workspace, operator: Actor, head: Actor) -> DocumentsPage:
    nominations.nominate_ranked(demo_workspace, operator, limit=4)
    nominations.approve(demo_workspace, head)
    p = DocumentsPage(demo_workspace, lambda: operator)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    return p


def _choose(p: DocumentsPage, kind: str, paper: str = "a4") -> None:
    p.document.setCurrentIndex(p.document.findData(kind))
    p.paper.setCurrentIndex(p.paper.findData(paper))


def _preview(qtbot: Any, p: DocumentsPage) -> None:
    qtbot.mouseClick(p.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: p.pdf_doc.pageCount() > 0, timeout=10_000)


def test_preview_save_and_mark_printed(
    qtbot: Any, page: DocumentsPage, demo_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = page
    assert not p.print_button.isEnabled()
    _choose(p, printing.FORM, "f4")
    _preview(qtbot, p)
    assert p.pdf_doc.pageCount() == 4
    size = p.pdf_doc.pagePointSize(0)
    assert round(size.width() / 72 * 25.4) == 215 and round(size.height() / 72 * 25.4) == 330
    assert "4 halaman" in p.info.text()
    assert p.print_button.isEnabled() and p.save_button.isEnabled() and p.mark_button.isEnabled()

    out = tmp_path / "formulir.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    qtbot.mouseClick(p.save_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes().startswith(b"%PDF")
    with demo_workspace.reading() as s:
        actions = s.execute(select(models.AuditEntry.action)).scalars().all()
    assert "document.output" in actions

    # The print dialog cancelled: nothing is marked.
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected)
    qtbot.mouseClick(p.print_button, Qt.MouseButton.LeftButton)
    assert all(n.status == statuses.APPROVED for n in nominations.list_nominations(demo_workspace, statuses.APPROVED))

    qtbot.mouseClick(p.mark_button, Qt.MouseButton.LeftButton)
    assert len(nominations.list_nominations(demo_workspace, statuses.PRINTED)) == 4
    assert p.signed_table.rowCount() == 4


def test_rendering_for_the_printer(qtbot: Any, page: DocumentsPage, tmp_path: Path) -> None:
    p = page
    _choose(p, printing.LIST)
    _preview(qtbot, p)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    p.render_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_decree_needs_a_number(qtbot: Any, page: DocumentsPage, boxes: Any) -> None:
    p = page
    _choose(p, printing.DECREE)
    assert p.decree_number.isEnabled()
    qtbot.mouseClick(p.preview_button, Qt.MouseButton.LeftButton)
    assert boxes.shown and "Nomor keputusan" in boxes.shown[-1][2]
    assert not p.print_button.isEnabled()
    qtbot.keyClicks(p.decree_number, "141/1/KPTS/2026")
    _preview(qtbot, p)
    assert p.pdf_doc.pageCount() >= 2
    assert not p.mark_button.isEnabled()  # a decree marks nothing


def test_sign_with_scan_and_verify_qr(
    qtbot: Any,
    page: DocumentsPage,
    demo_workspace: Workspace,
    operator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    p = page
    ws = demo_workspace
    _, built = printing.build_bytes(ws, printing.FORM, all_approved=True)
    printing.mark_printed(ws, operator, built.nomination_ids)
    p.refresh()
    assert p.signed_table.rowCount() == 4
    assert not p.sign_button.isEnabled()
    p.signed_table.selectRow(0)
    assert p.sign_button.isEnabled()
    worker_id = p.signed_table.item(0, 0).data(Qt.ItemDataRole.UserRole)[0]
    scan = tmp_path / "scan.png"
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "PNG")
    scan.write_bytes(buf.getvalue())
    monkeypatch.setattr(p, "choose_scan", lambda: str(scan))
    qtbot.mouseClick(p.sign_button, Qt.MouseButton.LeftButton)
    n = workers.get_worker(ws, worker_id).nomination
    assert n is not None and n.status == statuses.SIGNED and n.signed_scan_sha256

    e = printing.form_entries(ws, [worker_id])[0]
    qtbot.keyClicks(p.qr_input, qr.payload(e.worker, e.nomination, 2026))
    qtbot.mouseClick(p.qr_button, Qt.MouseButton.LeftButton)
    assert p.qr_result.property("state") == printing.QR_CURRENT
    assert "Cocok" in p.qr_result.text()
    p.qr_input.setText("bukan kode")
    qtbot.keyClick(p.qr_input, Qt.Key.Key_Return)
    assert p.qr_result.property("state") == printing.QR_UNKNOWN
