"""Impor dan ekspor: the wizard that brings an officer's spreadsheet in, and the register export.

File → sheet → columns → preview (every row's outcome, filterable) → import with progress and
Cancel. Reading the file and the dry run are ``QueryOp``s, the import a ``CollectionOp`` over
``services.importing.import_steps`` (one transaction: Cancel leaves the register as it was).
The export writes what the worker table shows (its search and filters).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain import import_mapping
from ..domain import issues as codes
from ..domain.actors import sees_full_nik
from ..domain.import_mapping import ColumnMapping
from ..domain.text import language
from ..services import importing, register_export
from ..services.context import Actor, Workspace
from ..services.workers import WorkerQuery
from . import files, tables
from .ops import CollectionOp, OpChanges, QueryOp
from .placement import ScreenPlacement

_Index = QModelIndex | QPersistentModelIndex
_FILTERS = ("", "warned", *importing.OUTCOMES)


def _shown(row: tuple[object, ...], col: int | None, *, lost: bool = True) -> str:
    """A cell as Excel shows it: a long number stored as a float in scientific notation, unless
    its digits were read whole (``lost`` False: the import took them), then as those digits."""
    if col is None or col >= len(row) or row[col] is None:
        return ""
    v = row[col]
    if not lost and isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return str(int(v))
    if isinstance(v, float) and abs(v) >= 1e11:
        return f"{v:.5E}".replace("E+0", "E+")
    return str(v)


class OutcomeModel(QAbstractTableModel):
    """The dry run's rows: Excel's row number, the outcome, the name and NIK read, the reasons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, str, str, str, str]] = []  # row, outcome label, name, nik, reasons, key
        self.headers = [self.tr("Baris"), self.tr("Hasil"), self.tr("Nama"), self.tr("NIK"), self.tr("Alasan")]

    def set_plan(self, plan: importing.Plan, lang: str) -> None:
        self.beginResetModel()
        self.rows = []
        cells = dict(plan.source.rows)
        name_col = plan.mapping.columns.get("name")
        nik_col = plan.mapping.columns.get("nik")
        for r in plan.rows:
            row = cells.get(r.row, ())
            name = r.data.name if r.data else _shown(row, name_col)
            # A NIK stored as a number that kept its 16 digits is shown as them (not "3.20405E+15");
            # one whose digits Excel lost is shown as Excel shows it, beside its refusal.
            lost = any(i.code == codes.NIK_EXCEL_FLOAT for i in r.issues)
            nik = r.data.nik if r.data else _shown(row, nik_col, lost=lost)
            key = r.outcome + (" warned" if r.is_warned else "")  # what "Dengan peringatan" shows and counts
            self.rows.append((str(r.row), r.label(lang), name, nik, "; ".join(r.reasons(lang)), key))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4 and self.rows[index.row()][4]:
            # The reasons in full, one a line and wrapped (the cell elides them).
            reasons = self.rows[index.row()][4].split("; ")
            return "<p>" + "<br>".join(html.escape(r) for r in reasons) + "</p>"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()][5]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class ImportWizard(QDialog):
    """The officer's spreadsheet in, in four steps; nothing is written before the last."""

    def __init__(self, workspace: Workspace, actor: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Impor pekerja dari Excel atau CSV"))
        # Centred at 900x600 where there is room, never bigger than the screen (a 1024x600 netbook).
        self.placement = ScreenPlacement(self, None, "", QSize(900, 600))
        self.ws = workspace
        self.actor = actor
        self.source: importing.Source | None = None
        self.plan: importing.Plan | None = None
        self.imported: importing.ImportResult | None = None
        self.lang = language()

        self.steps = QStackedWidget()
        self.step_label = QLabel()
        self.step_label.setObjectName("importStep")
        self.step_label.setWordWrap(True)
        self.back_button = QPushButton(self.tr("< Kembali"))
        self.next_button = QPushButton(self.tr("Lanjut >"))
        self.next_button.setObjectName("importNext")
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Batal"))

        # 1. the file
        page = QWidget()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText(self.tr("Berkas .xlsx, .xls atau .csv"))
        browse = QPushButton(self.tr("Pilih berkas…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        lay = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "Pilih daftar pekerja dalam Excel (.xlsx, .xls) atau CSV, misalnya ekspor penduduk OpenSID. "
                "Judul di atas tabel dan baris kosong tidak apa-apa. Belum ada yang disimpan sampai langkah terakhir."
            )
        )
        intro.setWordWrap(True)  # unwrapped, this sentence made the window wider than a netbook's screen
        lay.addWidget(intro)
        lay.addLayout(row)
        lay.addStretch(1)
        self.steps.addWidget(page)

        # 2. the sheet
        page = QWidget()
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("importSheet")
        self.sheet_info = QLabel()
        self.sheet_info.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.tr("Lembar:"), self.sheet_combo)
        form.addRow(self.sheet_info)
        self.sheet_combo.activated.connect(lambda _i: self._open(self.sheet_combo.currentText()))
        self.steps.addWidget(page)

        # 3. the columns
        page = QWidget()
        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setObjectName("importMapping")
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Data pekerja"), self.tr("Kolom di berkas")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)
        lay = QVBoxLayout(page)
        lay.addWidget(self.mapping_note)
        lay.addWidget(self.mapping_table, 1)
        self.steps.addWidget(page)

        # 4. the preview
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("importFilter")
        for key, text in zip(
            _FILTERS,
            (
                self.tr("Semua baris"),
                self.tr("Dengan peringatan"),
                self.tr("Baru"),
                self.tr("Diperbarui"),
                self.tr("Tidak berubah"),
                self.tr("Ganda dalam berkas"),
                self.tr("Dilewati"),
                self.tr("Salah"),
            ),
            strict=True,
        ):
            self.filter_combo.addItem(text, key)
        self.report_button = QPushButton(self.tr("Simpan laporan (.xlsx)…"))
        self.report_button.setObjectName("importReport")
        self.report_button.clicked.connect(self._save_report)
        self.outcomes = OutcomeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.outcomes)
        self.proxy.setFilterRole(Qt.ItemDataRole.UserRole)  # the row's outcome words ("new warned")
        self.proxy.setFilterKeyColumn(0)
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.setModel(self.proxy)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((60, 120, 200, 150)):
            self.preview.setColumnWidth(col, width)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self._filter())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tampilkan:")))
        top.addWidget(self.filter_combo)
        top.addStretch(1)
        top.addWidget(self.report_button)
        lay = QVBoxLayout(page)
        lay.addWidget(self.summary)
        lay.addLayout(top)
        lay.addWidget(self.preview, 1)
        self.steps.addWidget(page)

        buttons = QHBoxLayout()
        buttons.addWidget(self.step_label, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)
        outer = QVBoxLayout(self)
        outer.addWidget(self.steps, 1)
        outer.addLayout(buttons)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.cancel_button.clicked.connect(self.reject)
        self._show(0)

    def _filter(self) -> None:
        wanted = str(self.filter_combo.currentData() or "")
        self.proxy.setFilterRegularExpression(f"(^| ){wanted}( |$)" if wanted else "")

    # -- steps ------------------------------------------------------------------------------

    def _show(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        titles = (
            self.tr("Langkah 1 dari 4: berkas"),
            self.tr("Langkah 2 dari 4: lembar"),
            self.tr("Langkah 3 dari 4: kolom"),
            self.tr("Langkah 4 dari 4: periksa lalu impor"),
        )
        self.step_label.setText(titles[step])
        self.back_button.setEnabled(step > 0)
        last = step == 3
        self.next_button.setText(self.tr("Impor") if last else self.tr("Lanjut >"))
        self.next_button.setEnabled(not last or (self.plan is not None and self.plan.importable))

    def _back(self) -> None:
        self._show(max(0, self.steps.currentIndex() - 1))

    def _next(self) -> None:
        step = self.steps.currentIndex()
        if step == 0:
            self._open(None)
        elif step == 1:
            self._fill_mapping()
            self._show(2)
        elif step == 2:
            self._dry_run()
        else:
            self._import()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih daftar pekerja"), "", self.tr("Lembar kerja (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)")
        )
        if path:
            self.path_edit.setText(path)

    def _open(self, sheet: str | None) -> None:
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text)
        ws = self.ws
        QueryOp(self, lambda: importing.open_source(ws, path, sheet)).success(self._opened).with_progress(
            self.tr("Membaca berkas…")
        ).run()

    def _opened(self, source: importing.Source) -> None:
        self.source = source
        self.plan = None
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(source.sheets))
        self.sheet_combo.setCurrentText(source.sheet)
        data_rows = len(source.rows) - (1 if source.mapping else 0)
        if source.mapping is None:
            self.sheet_info.setText(
                self.tr("Baris judul kolom tidak ditemukan (NIK, Nama, …). Pilih kolomnya sendiri di langkah berikut.")
            )
        else:
            self.sheet_info.setText(
                self.tr("Judul kolom di baris %1; %2 baris terisi di bawahnya.")
                .replace("%1", str(source.mapping.header_row))
                .replace("%2", str(data_rows))
            )
        self._show(1)

    def _column_choices(self) -> list[tuple[str, int]]:
        assert self.source is not None
        headers = self.source.header_cells()
        width = max(self.source.width, len(headers))
        out = []
        for col in range(width):
            name = headers[col] if col < len(headers) and headers[col] else ""
            out.append((f"{import_mapping.column_letter(col)}: {name}".rstrip(": "), col))
        return out

    def _fill_mapping(self) -> None:
        assert self.source is not None
        mapping = self.source.mapping
        columns = mapping.columns if mapping else {}
        choices = self._column_choices()
        with tables.filling(self.mapping_table):
            self.mapping_table.setRowCount(len(import_mapping.TARGETS))
            for r, target in enumerate(import_mapping.TARGETS):
                self.mapping_table.setCellWidget(r, 0, QLabel(import_mapping.TARGET_LABELS[target].get(self.lang)))
                combo = QComboBox()
                combo.setObjectName(f"map_{target}")
                combo.addItem(self.tr("— tidak ada —"), -1)
                for text, col in choices:
                    combo.addItem(text, col)
                if target in columns:
                    combo.setCurrentIndex(combo.findData(columns[target]))
                self.mapping_table.setCellWidget(r, 1, combo)
        if self.source.remembered:
            self.mapping_note.setText(self.tr("Pemetaan kolom diingat dari berkas sebelumnya yang bentuknya sama."))
        else:
            self.mapping_note.setText(
                self.tr(
                    "Pemetaan ditebak dari judul kolom. Periksa dan ubah bila perlu; akan diingat untuk berkas berikutnya."
                )
            )

    def chosen_mapping(self) -> ColumnMapping:
        assert self.source is not None
        columns: dict[str, int] = {}
        for r, target in enumerate(import_mapping.TARGETS):
            combo = self.mapping_table.cellWidget(r, 1)
            assert isinstance(combo, QComboBox)
            col = int(combo.currentData())
            if col >= 0:
                columns[target] = col
        base = self.source.mapping or ColumnMapping(self.source.rows[0][0] if self.source.rows else 1, ())
        return base.with_columns(columns)

    def _dry_run(self) -> None:
        assert self.source is not None
        source, mapping, ws, actor = self.source, self.chosen_mapping(), self.ws, self.actor()

        def check(_changed: bool = False) -> None:
            QueryOp(self, lambda: importing.dry_run_steps(ws, source, mapping)).success(self._planned).with_progress(
                self.tr("Memeriksa setiap baris…")
            ).run()

        if "nik" in mapping.columns and "name" in mapping.columns:
            # Confirmed: kept for the next sheet of this shape, and for this one's fixed report.
            CollectionOp(self, lambda: importing.remember_mapping(ws, actor, mapping)).success(check).quiet().run()
        else:
            check()

    def _planned(self, plan: importing.Plan) -> None:
        self.plan = plan
        self.outcomes.set_plan(plan, self.lang)
        c = plan.counts
        # Each count in its own words, singular or plural as the language says it ("1 duplicate").
        parts = [
            self.tr("{0} baru", "", c[importing.NEW]).format(c[importing.NEW]),
            self.tr("{0} diperbarui", "", c[importing.UPDATE]).format(c[importing.UPDATE]),
            self.tr("{0} tidak berubah", "", c[importing.UNCHANGED]).format(c[importing.UNCHANGED]),
            self.tr("{0} ganda", "", c[importing.DUPLICATE]).format(c[importing.DUPLICATE]),
            self.tr("{0} dilewati", "", c[importing.SKIPPED]).format(c[importing.SKIPPED]),
            self.tr("{0} salah", "", c[importing.ERROR]).format(c[importing.ERROR]),
        ]
        warned = self.tr("{0} dengan peringatan", "", plan.warned).format(plan.warned)
        text = self.tr("{0}; {1}.").format(", ".join(parts), warned)
        if c[importing.ERROR]:
            text += " " + self.tr(
                "Semua baris diimpor atau tidak sama sekali: perbaiki baris yang salah (simpan laporannya, "
                "perbaiki di Excel) lalu impor lagi."
            )
        elif not plan.importable:
            text += " " + self.tr("Tidak ada yang perlu diimpor.")
        self.summary.setText(text)
        if c[importing.ERROR]:
            self.filter_combo.setCurrentIndex(self.filter_combo.findData(importing.ERROR))
        self._show(3)

    def _save_report(self) -> None:
        plan = self.plan
        if plan is None:
            return
        suggested = plan.source.path.with_name(plan.source.path.stem + "_laporan.xlsx")
        chosen = files.save_path(self, self.tr("Simpan laporan impor"), suggested, [files.EXCEL])
        if chosen is None:
            return
        out = str(chosen)
        lang = self.lang

        def saved(_rows: int) -> None:
            QMessageBox.information(self, self.tr("Laporan disimpan"), out)

        QueryOp(self, lambda: importing.save_report(plan, Path(out), lang)).success(saved).run()

    def _import(self) -> None:
        plan = self.plan
        if plan is None or not plan.importable:
            return
        ws, actor = self.ws, self.actor()
        CollectionOp(
            self,
            lambda: importing.import_steps(ws, actor, plan),
            changes=lambda r: OpChanges(workers=True, worker_ids=frozenset(r.ids)),
        ).success(self._imported).with_progress(self.tr("Mengimpor…"), cancellable=True).run()

    def _imported(self, result: importing.ImportResult) -> None:
        self.imported = result
        QMessageBox.information(
            self,
            self.tr("Impor selesai"),
            self.tr("%1 pekerja baru, %2 diperbarui, %3 tidak berubah.")
            .replace("%1", str(result.added))
            .replace("%2", str(result.updated))
            .replace("%3", str(result.unchanged)),
        )
        self.accept()


class TransferButton(QPushButton):
    """ "Impor/Ekspor" beside the worker table: the wizard, and the export of what the table shows."""

    def __init__(
        self, workspace: Workspace, actor: Callable[[], Actor], query: Callable[[], WorkerQuery], parent: QWidget
    ) -> None:
        super().__init__(self.tr("Impor/Ekspor"), parent)
        self.setObjectName("transferButton")
        self.ws, self.actor, self.query = workspace, actor, query
        menu = QMenu(self)
        self.import_action = menu.addAction(self.tr("Impor dari Excel/CSV…"), self.open_wizard)
        self.import_action.setObjectName("importAction")
        self.export_action = menu.addAction(self.tr("Ekspor daftar ini…"), lambda: self.export(masked=False))
        self.export_action.setObjectName("exportAction")
        # Whole NIKs leave only with those who see them (``actors.sees_full_nik``; the service
        # masks the export of anyone else too).
        self.export_action.setEnabled(sees_full_nik(actor().role))
        menu.addAction(self.tr("Ekspor daftar ini, NIK disamarkan…"), lambda: self.export(masked=True)).setObjectName(
            "exportMaskedAction"
        )
        self.setMenu(menu)

    def set_can_import(self, can: bool) -> None:
        self.import_action.setEnabled(can)

    def open_wizard(self) -> ImportWizard:
        wizard = ImportWizard(self.ws, self.actor, self.window())
        wizard.setModal(True)
        wizard.show()
        return wizard

    def export(self, *, masked: bool, out: str | None = None) -> None:
        if out is None:
            # The masked list has a name of its own: it must not overwrite, or pass for, the full one.
            name = self.tr("daftar_pekerja_disamarkan") if masked else self.tr("daftar_pekerja")
            chosen = files.save_path(self, self.tr("Ekspor daftar pekerja"), name + ".xlsx", [files.EXCEL, files.CSV])
            out = str(chosen) if chosen is not None else ""
        if not out:
            return
        path = files.with_extension(out, [files.EXCEL, files.CSV])
        ws, actor, q = self.ws, self.actor(), self.query()

        def done(n: int) -> None:
            QMessageBox.information(
                self,
                self.tr("Ekspor selesai"),
                self.tr("%1 pekerja ditulis ke %2").replace("%1", str(n)).replace("%2", str(path)),
            )

        CollectionOp(self, lambda: register_export.export_steps(ws, actor, q, path, masked=masked)).success(
            done
        ).with_progress(self.tr("Mengekspor…")).run()
