"""Dokumen: preview, print and save the nomination documents; mark them printed and signed; check a QR code.

A document is built by an ``ops.QueryOp`` (progress after half a second, Cancel); what it writes
(printed, signed, the audit of a document leaving the database) is an ``ops.CollectionOp``. The
printed/signed list is read again when nominations or workers changed (``on_changes``)."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import statuses
from ...domain.text import Text, UserError, language
from ...reports.base import A4, F4, Built, DecreeInfo, Setup
from ...services import printing, village
from ...services.context import Actor, Workspace
from ...services.readers import read_limited
from .. import errors, files, tables, timefmt, village_text
from ..ops import CollectionOp, OpChanges, QueryOp, statuses_moved

log = logging.getLogger(__name__)

FORM_REPRINT = "form_reprint"  # every form on the list again (printing.FORM with all_listed=True)


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


class DocumentsPage(QWidget):
    """Choose a document and paper, preview it, print or save it; then track signatures."""

    def __init__(self, workspace: Workspace, actor_getter: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor = actor_getter
        self._pdf: bytes = b""
        self._built: Built | None = None
        self._built_kind = ""
        self._built_paper = ""
        self._buffer: QBuffer | None = None

        # -- choices ------------------------------------------------------------------------
        self.document = QComboBox()
        self.document.setObjectName("documentChoice")
        self.document.addItem(self.tr("Formulir usulan: semua yang baru disetujui"), printing.FORM)
        self.document.addItem(self.tr("Formulir usulan: cetak ulang semua di daftar"), FORM_REPRINT)
        self.document.addItem(self.tr("Daftar nominatif"), printing.LIST)
        self.document.addItem(self.tr("Daftar nominatif untuk diumumkan (NIK disamarkan)"), printing.LIST_MASKED)
        self.document.addItem(self.tr("Keputusan kepala desa dengan lampiran"), printing.DECREE)
        self.paper = QComboBox()
        self.paper.setObjectName("paperChoice")
        self.paper.addItem(self.tr("A4 (210 × 297 mm)"), A4)
        self.paper.addItem(self.tr("F4 / Folio (215 × 330 mm)"), F4)
        self.print_date = QDateEdit(_qdate(dt.date.today()))
        self.print_date.setObjectName("printDate")
        self.print_date.setCalendarPopup(True)
        self.print_date.setDisplayFormat("dd-MM-yyyy")
        self.decree_number = QLineEdit()
        self.decree_number.setObjectName("decreeNumber")
        self.decree_number.setPlaceholderText(self.tr("mis. 141/12/KPTS/2026"))
        self.preview_button = QPushButton(self.tr("Pratinjau"))
        self.preview_button.setObjectName("previewButton")
        self.print_button = QPushButton(self.tr("Cetak…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.setObjectName("saveButton")
        self.mark_button = QPushButton(self.tr("Tandai sudah dicetak"))
        self.mark_button.setObjectName("markPrintedButton")
        self.info = QLabel()
        self.info.setObjectName("documentInfo")
        self.info.setWordWrap(True)
        # What the paper would carry in place of real data (the sample emblem, dots for a number),
        # said before it is printed, not found on the signed paper.
        self.notices = QLabel()
        self.notices.setObjectName("documentNotices")
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet(
            "QLabel { background: #fff8c5; color: #6b4b00; border: 1px solid #d4a72c; border-radius: 4px; padding: 6px; }"
        )
        self.notices.setVisible(False)
        self.regulation = QLineEdit()
        self.regulation.setObjectName("regulationNumber")
        self.regulation.setPlaceholderText(self.tr("mis. 8 Tahun 2025"))
        self.save_regulation = QPushButton(self.tr("Simpan"))
        self.save_regulation.setObjectName("saveRegulation")
        self.regulation_label = QLabel(self.tr("Nomor peraturan APBDes"))
        self.nip = QLineEdit()
        self.nip.setObjectName("headNip")
        self.nip.setPlaceholderText(self.tr("18 angka"))
        self.save_nip = QPushButton(self.tr("Simpan"))
        self.save_nip.setObjectName("saveNip")
        self.nip_label = QLabel(self.tr("NIP Lurah"))
        self._program_year = 0
        self.shown_notices: list[Text] = []  # what the notices box says, as the services said it

        form = QFormLayout()
        form.addRow(self.tr("Dokumen"), self.document)
        form.addRow(self.tr("Kertas"), self.paper)
        form.addRow(self.tr("Tanggal"), self.print_date)
        form.addRow(self.tr("Nomor keputusan"), self.decree_number)
        reg_row = QHBoxLayout()
        reg_row.addWidget(self.regulation, 1)
        reg_row.addWidget(self.save_regulation)
        form.addRow(self.regulation_label, reg_row)
        nip_row = QHBoxLayout()
        nip_row.addWidget(self.nip, 1)
        nip_row.addWidget(self.save_nip)
        form.addRow(self.nip_label, nip_row)
        self._nip_row = (self.nip_label, self.nip, self.save_nip)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.save_button, self.mark_button):
            buttons.addWidget(b)
        choose = QGroupBox(self.tr("Cetak dokumen"))
        box = QVBoxLayout(choose)
        box.addLayout(form)
        box.addWidget(self.notices)
        box.addLayout(buttons)
        box.addWidget(self.info)

        # -- signatures -----------------------------------------------------------------------
        self.signed_table = tables.table(
            [self.tr("ID"), self.tr("Nama"), self.tr("Status"), self.tr("Dicetak"), self.tr("Pindaian")], "printedTable"
        )
        self.sign_button = QPushButton(self.tr("Tandai ditandatangani…"))
        self.sign_button.setObjectName("signButton")
        self.scan_button = QPushButton(self.tr("Lihat pindaian"))
        self.scan_button.setObjectName("viewScanButton")
        sign_box = QGroupBox(self.tr("Tanda tangan"))
        sl = QVBoxLayout(sign_box)
        sl.addWidget(self.signed_table)
        row = QHBoxLayout()
        row.addWidget(self.sign_button)
        row.addWidget(self.scan_button)
        row.addStretch(1)
        sl.addLayout(row)

        # -- QR -----------------------------------------------------------------------------
        self.qr_input = QLineEdit()
        self.qr_input.setObjectName("qrInput")
        # Short enough for a netbook's width; the whole instruction in the tooltip.
        self.qr_input.setPlaceholderText(self.tr("Pindai kode QR atau ketik baris ID di bawah formulir"))
        self.qr_input.setToolTip(self.tr("Pindai kode QR, atau ketik baris di bawah formulir: ID … versi … kode …"))
        self.qr_button = QPushButton(self.tr("Periksa"))
        self.qr_button.setObjectName("qrButton")
        self.qr_result = QLabel()
        self.qr_result.setObjectName("qrResult")
        self.qr_result.setWordWrap(True)
        qr_box = QGroupBox(self.tr("Periksa kode QR"))
        ql = QVBoxLayout(qr_box)
        qrow = QHBoxLayout()
        qrow.addWidget(self.qr_input, 1)
        qrow.addWidget(self.qr_button)
        ql.addLayout(qrow)
        ql.addWidget(self.qr_result)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(choose)
        ll.addWidget(sign_box, 1)
        ll.addWidget(qr_box)

        # -- preview --------------------------------------------------------------------------
        self.pdf_doc = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfPreview")
        self.view.setDocument(self.pdf_doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.view)
        split.setStretchFactor(1, 1)
        split.setSizes([420, 700])
        QVBoxLayout(self).addWidget(split)

        self.document.currentIndexChanged.connect(self._choice_changed)
        self.paper.currentIndexChanged.connect(self._choice_changed)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.mark_button.clicked.connect(self.mark_printed)
        self.sign_button.clicked.connect(self.mark_signed)
        self.scan_button.clicked.connect(self.view_scan)
        self.qr_button.clicked.connect(self.verify_qr)
        self.qr_input.returnPressed.connect(self.verify_qr)
        self.save_regulation.clicked.connect(self.save_regulation_number)
        self.regulation.returnPressed.connect(self.save_regulation_number)
        self.save_nip.clicked.connect(self.save_head_nip)
        self.nip.returnPressed.connect(self.save_head_nip)
        self.signed_table.itemSelectionChanged.connect(self._update_buttons)
        self._paper_loaded = False
        self._choice_changed()

    # -- state -----------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.document.currentData())

    def _choice_changed(self) -> None:
        self.decree_number.setEnabled(self.kind() == printing.DECREE)
        self._clear_preview()
        self.read_notices()

    # -- what the paper would lack ----------------------------------------------------------

    def read_notices(self) -> None:
        """Reads what this document would print in place of real data, and the settings to fill it."""
        kind = self.kind()
        document = printing.FORM if kind == FORM_REPRINT else kind
        ws = self.ws

        def read() -> tuple[list[Text], Setup]:
            return printing.notices(ws, document), printing.setup(ws, document=printing.DECREE)

        QueryOp(self, read).success(lambda r: self._show_notices(kind, *r)).run()

    def _show_notices(self, kind: str, notices: list[Text], st: Setup) -> None:
        if kind != self.kind():
            return  # another document was chosen meanwhile; its own answer follows
        words = village_text.words_of(st.village)
        self._program_year = st.program.year
        decree = self.document.findData(printing.DECREE)
        if not village_text.plain_head(words):  # 'Keputusan Wali Nagari', not 'kepala desa'
            self.document.setItemText(decree, self.tr("Keputusan {0} dengan lampiran").format(words.head_title))
        self.regulation_label.setText(self.tr("Nomor peraturan {0}").format(words.budget_short))
        self.regulation.setToolTip(
            self.tr("Peraturan tentang {0} tahun {1}, dikutip pada Mengingat keputusan").format(
                words.budget_long if language() != "en" else words.budget_short, st.program.year
            )
        )
        if not self.regulation.hasFocus():
            self.regulation.setText(st.regulation_number)
        # English names a plain desa's head in English ("the village head"); titles stay titles.
        plain_en = language() == "en" and village_text.plain_head(words)
        title = village_text.head(words).get("en").lower() if plain_en else words.head_title
        self.nip_label.setText(self.tr("NIP {0}").format(title))
        for w in self._nip_row:
            w.setVisible(words.kelurahan)  # a Lurah is a civil servant; a desa head has no NIP
        if not self.nip.hasFocus():
            self.nip.setText(st.head_nip)
        self.notices.setText("<b>" + self.tr("Sebelum mencetak:") + "</b><br>" + "<br>".join(f"• {t}" for t in notices))
        self.notices.setVisible(bool(notices))
        self.shown_notices = list(notices)

    def save_regulation_number(self) -> None:
        if not self._program_year:
            return
        write = partial(
            village.set_regulation_number, self.ws, self.actor(), self._program_year, self.regulation.text()
        )
        CollectionOp(self, write, changes=OpChanges(village=True)).success(
            lambda number: self._setting_saved(self.tr("Nomor peraturan disimpan: {0}.").format(number))
        ).run()

    def save_head_nip(self) -> None:
        write = partial(village.set_head_nip, self.ws, self.actor(), self.nip.text())
        CollectionOp(self, write, changes=OpChanges(village=True)).success(
            lambda nip: self._setting_saved(
                self.tr("NIP disimpan: {0}.").format(nip) if nip else self.tr("NIP dihapus.")
            )
        ).run()

    def _setting_saved(self, said: str) -> None:
        self._clear_preview()  # the paper changes: preview again
        self.regulation.clearFocus()
        self.nip.clearFocus()
        self.read_notices()
        self.info.setText(said)

    def _clear_preview(self) -> None:
        self._pdf, self._built, self._built_kind = b"", None, ""
        self.pdf_doc.close()
        self.info.setText(self.tr("Pilih dokumen lalu tekan Pratinjau."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = bool(self._pdf)
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        markable = self._built_kind in (printing.FORM, FORM_REPRINT, printing.LIST)
        self.mark_button.setEnabled(ready and markable)
        selected = self._selected()
        self.sign_button.setEnabled(selected is not None and selected[2] == statuses.PRINTED)
        self.scan_button.setEnabled(selected is not None and bool(selected[3]))

    def refresh(self) -> None:
        """Reloads the default paper and the printed/signed list (the preview is rebuilt on request)."""
        if not self._paper_loaded:
            try:
                self.paper.setCurrentIndex(max(0, self.paper.findData(printing.default_paper(self.ws))))
                self._paper_loaded = True
            except Exception:  # a missing village shows up elsewhere; keep the page usable
                log.exception("could not read the default paper")
        try:
            entries = printing.list_entries(self.ws)
        except UserError:
            entries = []
        shown = [e for e in entries if e.nomination.status in (statuses.PRINTED, statuses.SIGNED)]
        with tables.filling(self.signed_table):
            self.signed_table.setRowCount(len(shown))
            for r, e in enumerate(shown):
                n = e.nomination
                printed_at = getattr(n, "printed_at", None)
                scan = getattr(n, "signed_scan_sha256", None) or ""
                cells = [
                    e.worker.id[-8:],
                    e.worker.name,
                    statuses.label(n.status),
                    timefmt.local(printed_at) if printed_at else "",
                    self.tr("ada") if scan else "",
                ]
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, (e.worker.id, e.worker.name, n.status, scan))
                    self.signed_table.setItem(r, c, item)
        self._update_buttons()

    def on_changes(self, changes: OpChanges) -> None:
        if changes.any("nominations", "workers"):
            self.refresh()
        if changes.any("village", "program"):
            self.read_notices()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._paper_loaded:
            self.refresh()

    def _selected(self) -> tuple[str, str, str, str] | None:
        rows = self.signed_table.selectionModel().selectedRows() if self.signed_table.selectionModel() else []
        if not rows:
            return None
        item = self.signed_table.item(rows[0].row(), 0)
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not data:
            return None
        worker_id, name, status, scan = data
        return (str(worker_id), str(name), str(status), str(scan))

    # -- building ---------------------------------------------------------------------------

    def _options(self) -> dict[str, Any]:
        kind = self.kind()
        options: dict[str, Any] = {
            "paper": str(self.paper.currentData()),
            "print_date": _pydate(self.print_date.date()),
        }
        if kind == printing.FORM:
            options["all_approved"] = True
        elif kind == FORM_REPRINT:
            options["all_listed"] = True  # the job reads the list in one query, off the GUI thread
        elif kind == printing.DECREE:
            options["decree"] = DecreeInfo(self.decree_number.text(), options.pop("print_date"))
        return options

    def preview(self) -> None:
        kind = self.kind()
        document = printing.FORM if kind == FORM_REPRINT else kind
        options = self._options()
        paper = str(options["paper"])
        ws = self.ws
        QueryOp(self, lambda: printing.build_bytes_steps(ws, document, **options)).success(
            lambda result: self._show(kind, paper, *result)
        ).with_progress(self.tr("Menyusun dokumen…"), cancellable=True).run()

    def _show(self, kind: str, paper: str, data: bytes, built: Built) -> None:
        self._pdf, self._built, self._built_kind, self._built_paper = data, built, kind, paper
        self.pdf_doc.close()
        if self._buffer is not None:  # the previous preview's bytes
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_doc.load(self._buffer)
        self.info.setText(
            self.tr("{0} halaman · {1} orang. Periksa pratinjau, lalu Cetak atau Simpan PDF.").format(
                built.pages, len(built.nomination_ids)
            )
        )
        self._update_buttons()

    # -- output -----------------------------------------------------------------------------

    def print_document(self) -> None:
        if not self._pdf:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak dokumen"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        if not self.render_to(printer):
            return
        self._record("printer")
        if self._built_kind in (printing.FORM, FORM_REPRINT, printing.LIST):
            self.mark_printed()

    def _record(self, target: str) -> None:
        if self._built is None:
            return
        document = printing.FORM if self._built_kind == FORM_REPRINT else self._built_kind
        ws, actor, built, paper = self.ws, self.actor(), self._built, self._built_paper
        # On the write queue; the paper is out already, so a failed audit write is reported, not fatal.
        # Only the audit trail changes: nothing any page shows.
        CollectionOp(self, lambda: printing.record_output(ws, actor, document, built, paper=paper, target=target)).run()

    def render_to(self, printer: QPrinter) -> bool:
        """Paints each page as an image at up to 300 dpi (the PDF's own page size, scaled to the sheet)."""
        painter = QPainter()
        if not painter.begin(printer):
            errors.show_user_error(
                self, UserError("printer", Text("tidak bisa dipakai; periksa sambungannya", "cannot be used"))
            )
            return False
        try:
            dpi = min(300, printer.resolution())
            for i in range(self.pdf_doc.pageCount()):
                if i:
                    printer.newPage()
                pts = self.pdf_doc.pagePointSize(i)
                size = QSize(int(pts.width() / 72 * dpi), int(pts.height() / 72 * dpi))
                image = self.pdf_doc.render(i, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()
        return True

    def save_pdf(self) -> None:
        if not self._pdf:
            return
        names = {
            printing.FORM: "formulir-usulan.pdf",
            FORM_REPRINT: "formulir-usulan.pdf",
            printing.LIST: "daftar-nominatif.pdf",
            printing.LIST_MASKED: "daftar-nominatif-umum.pdf",
            printing.DECREE: "keputusan.pdf",
        }
        chosen = files.save_path(
            self, self.tr("Simpan PDF"), Path.home() / names.get(self._built_kind, "dokumen.pdf"), [files.PDF]
        )
        if chosen is None:
            return
        path = str(chosen)
        try:
            printing.write_file(chosen, self._pdf)
        except UserError as exc:
            errors.show_user_error(self, exc)
            return
        self._record("file")
        self.info.setText(self.tr("Tersimpan: {0}").format(path))

    def mark_printed(self) -> None:
        if self._built is None:
            return
        ids = self._built.nomination_ids
        what = "daftar" if self._built_kind == printing.LIST else "formulir"
        ws, actor = self.ws, self.actor()
        CollectionOp(self, lambda: printing.mark_printed(ws, actor, ids, what), changes=statuses_moved()).success(
            self._marked
        ).with_progress(self.tr("Menandai dicetak…")).run()

    def _marked(self, rows: list[Any]) -> None:
        # After the list was read again (on_changes), which would enable the button again.
        self.info.setText(self.tr("{0} usulan ditandai Dicetak.").format(len(rows)))
        self.mark_button.setEnabled(False)

    # -- signatures --------------------------------------------------------------------------

    def choose_scan(self) -> str:
        """Asks for the optional scan or photo of the signed paper; '' when there is none."""
        answer = QMessageBox.question(
            self,
            self.tr("Pindaian"),
            self.tr("Lampirkan pindaian atau foto formulir yang sudah ditandatangani?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih pindaian"), str(Path.home()), self.tr("Pindaian (*.pdf *.jpg *.jpeg *.png)")
        )
        return path

    def mark_signed(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        worker_id = selected[0]
        path = self.choose_scan()
        data: bytes | None = None
        if path:
            try:
                data = read_limited(path, printing.MAX_SCAN_BYTES, "scan")  # a regular file only
            except OSError as exc:
                errors.show_user_error(
                    self, UserError("scan", Text("tidak bisa dibaca", "cannot be read"), exc.filename)
                )
                return
        ws, actor = self.ws, self.actor()
        CollectionOp(
            self,
            lambda: printing.mark_signed(ws, actor, worker_id, scan=data, filename=path),
            changes=statuses_moved(),  # the list was read again (on_changes): nothing more to do
        ).with_progress(self.tr("Menyimpan…")).run()

    def view_scan(self) -> None:
        selected = self._selected()
        if selected is None or not selected[3]:
            return
        try:
            scan = printing.get_scan(self.ws, selected[3])
        except UserError as exc:
            errors.show_user_error(self, exc)
            return
        suffix = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(scan.mime, "")
        with tempfile.NamedTemporaryFile(prefix="jamsos-pindaian-", suffix=suffix, delete=False) as f:
            f.write(scan.data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(f.name))

    # -- QR ---------------------------------------------------------------------------------

    def verify_qr(self) -> None:
        text = self.qr_input.text().strip()
        if not text:
            return
        result = printing.verify_qr(self.ws, text)
        colour = {printing.QR_CURRENT: "#1a7f37", printing.QR_OLDER: "#9a6700"}.get(result.state, "#cf222e")
        self.qr_result.setStyleSheet(f"color: {colour};")
        self.qr_result.setText(result.message)
        self.qr_result.setProperty("state", result.state)
