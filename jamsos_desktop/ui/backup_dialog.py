"""Cadangan: the backups of this village, made now, mirrored to a second place, restored.

Reached from Pengaturan. A restore is checked here and done at the next start, before the
database is opened (the open windows hold it); the database it replaces is kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from ..domain.actors import ROLE_ADMIN, Actor
from ..services import backup, village
from ..services.context import Workspace
from ..services.integrity import DamagedDatabase
from . import errors, tables, timefmt
from .ops import CollectionOp, QueryOp


def offer_restore(parent: QWidget | None, exc: DamagedDatabase, data_dir: Path) -> bool:
    """At start-up: the damaged database is reported and, if the person agrees, restored."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("BackupDialog", "Basis data rusak"))
    box.setText(exc.message())
    box.setDetailedText("\n".join(exc.problems))
    if exc.backup is None:
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()
        return False
    box.setInformativeText(
        QCoreApplication.translate(
            "BackupDialog", "Pulihkan dari cadangan {0}? Basis data yang rusak tetap disimpan di folder cadangan."
        ).format(exc.backup.name)
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    try:
        backup.restore(data_dir, exc.backup, key=exc.key)
    except Exception as err:
        errors.handle(err, parent)
        return False
    return True


class BackupDialog(QDialog):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle(self.tr("Cadangan basis data"))
        self.ws, self.actor = ws, actor
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels([self.tr("Waktu (UTC)"), self.tr("Jenis"), self.tr("Ukuran")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.make = QPushButton(self.tr("Buat cadangan sekarang"))
        self.make.setObjectName("makeBackup")
        self.restore = QPushButton(self.tr("Pulihkan yang dipilih…"))
        self.restore.setObjectName("restoreBackup")
        self.restore_file = QPushButton(self.tr("Pulihkan dari berkas…"))
        self.keep_daily = QSpinBox()
        self.keep_daily.setRange(1, 1000)
        self.keep_weekly = QSpinBox()
        self.keep_weekly.setRange(1, 1000)
        self.mirror = QLineEdit()
        self.mirror.setObjectName("mirrorDir")
        self.mirror.setPlaceholderText(self.tr("mis. folder di flashdisk (kosong: tanpa salinan kedua)"))
        choose = QPushButton(self.tr("Pilih…"))
        self.save = QPushButton(self.tr("Simpan pengaturan"))
        self.save.setObjectName("saveBackupSettings")
        self.status = QLabel()
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        for b in (self.make, self.restore, self.restore_file):
            buttons.addWidget(b)
        mirror_row = QHBoxLayout()
        mirror_row.addWidget(self.mirror, 1)
        mirror_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("Cadangan harian disimpan:"), self.keep_daily)
        form.addRow(self.tr("Cadangan mingguan disimpan:"), self.keep_weekly)
        form.addRow(self.tr("Salinan kedua ke:"), mirror_row)
        form.addRow("", self.save)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(close)

        self.make.clicked.connect(self._make)
        self.restore.clicked.connect(self._restore_selected)
        self.restore_file.clicked.connect(self._restore_file)
        choose.clicked.connect(self._choose)
        self.save.clicked.connect(self._save)
        admin = actor.role == ROLE_ADMIN
        for w in (self.keep_daily, self.keep_weekly, self.mirror, choose, self.save):
            w.setEnabled(admin)
        self.resize(640, 520)
        self.refresh()

    def refresh(self) -> None:
        ws = self.ws
        QueryOp(self, lambda: (backup.list_backups(paths.backup_dir(ws.data_dir)), backup.backup_settings(ws))).success(
            self._show
        ).run()

    def _show(self, found: tuple[list[backup.BackupInfo], dict[str, object]]) -> None:
        rows, current = found
        self._rows = rows
        with tables.filling(self.table):
            self.table.setRowCount(len(rows))
            for r, b in enumerate(rows):
                for c, text in enumerate(
                    (timefmt.local(b.created, seconds=True), b.label, f"{b.size / 1_000_000:.1f} MB".replace(".", ","))
                ):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, str(b.path))
                    self.table.setItem(r, c, item)
        daily, weekly = current["keep_daily"], current["keep_weekly"]
        self.keep_daily.setValue(daily if isinstance(daily, int) else backup.KEEP_DAILY)
        self.keep_weekly.setValue(weekly if isinstance(weekly, int) else backup.KEEP_WEEKLY)
        self.mirror.setText(str(current["mirror_dir"] or ""))

    def _make(self) -> None:
        ws = self.ws
        self.status.setText(self.tr("Membuat dan memeriksa cadangan…"))
        CollectionOp(self, lambda: backup.make_backup(ws, "manual")).success(self._made).failure(self._failed).run()

    def _made(self, made: backup.BackupInfo) -> None:
        self.status.setText(self.tr("Cadangan dibuat dan diperiksa: {0}").format(made.path.name))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        errors.handle(exc, self)

    def _selected(self) -> Path | None:
        items = self.table.selectedItems()
        return Path(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _restore_selected(self) -> None:
        path = self._selected()
        if path is None:
            self.status.setText(self.tr("Pilih dulu cadangan di daftar."))
            return
        self._restore(path)

    def _restore_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Berkas cadangan"), str(paths.backup_dir(self.ws.data_dir)), "SQLite (*.sqlite)"
        )
        if name:
            self._restore(Path(name))

    def _restore(self, path: Path) -> None:
        asked = QMessageBox.question(
            self,
            self.tr("Pulihkan cadangan"),
            self.tr(
                "Ganti basis data dengan cadangan {0}? Perubahan sesudah cadangan itu dibuat tidak ada di "
                "dalamnya. Basis data yang sekarang tetap disimpan. Aplikasi perlu dibuka ulang."
            ).format(path.name),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return
        data_dir = self.ws.data_dir
        QueryOp(self, lambda: backup.request_restore(data_dir, path, self.ws.db.key)).success(self._requested).failure(
            self._failed
        ).run()

    def _requested(self, b: backup.BackupInfo) -> None:
        QMessageBox.information(
            self,
            self.tr("Pulihkan cadangan"),
            self.tr("Cadangan {0} utuh. Tutup aplikasi lalu buka lagi: basis data diganti saat dibuka.").format(
                b.path.name
            ),
        )
        self.status.setText(self.tr("Pemulihan menunggu aplikasi dibuka ulang."))

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder salinan kedua"), self.mirror.text())
        if folder:
            self.mirror.setText(folder)

    def _save(self) -> None:
        ws, actor = self.ws, self.actor
        daily, weekly, mirror = self.keep_daily.value(), self.keep_weekly.value(), self.mirror.text().strip()

        def write() -> None:
            village.put_setting(ws, actor, backup.SETTING_DAILY, daily)
            village.put_setting(ws, actor, backup.SETTING_WEEKLY, weekly)
            village.put_setting(ws, actor, backup.SETTING_MIRROR, mirror)

        CollectionOp(self, write).success(
            lambda _r: self.status.setText(self.tr("Pengaturan cadangan disimpan."))
        ).failure(self._failed).run()
