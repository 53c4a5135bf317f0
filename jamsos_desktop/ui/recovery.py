"""The recovery key, shown once (after the first-run set-up, or when an old database was just
encrypted), with a button that saves the one-page sheet to print for the village head."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ..services.context import Workspace


class RecoveryKeyDialog(QDialog):
    """Closes only once the person says the key is written down or printed."""

    def __init__(self, recovery_key: str, place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.place = place
        self.setWindowTitle(self.tr("Kunci pemulihan"))
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Data desa kini terenkripsi. Kunci di bawah membuka data bila semua kata sandi terlupa. "
                "Kunci ini hanya tampil sekali: cetak atau tulis, lalu serahkan kepada kepala desa untuk "
                "disimpan di tempat terkunci, terpisah dari laptop."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.key_label = QLabel(recovery_key)
        self.key_label.setObjectName("recoveryKey")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.key_label)
        self.print_button = QPushButton(self.tr("Simpan lembar PDF untuk dicetak…"))
        self.print_button.clicked.connect(self.save_pdf)
        lay.addWidget(self.print_button)
        self.saved = QLabel()
        lay.addWidget(self.saved)
        self.noted = QCheckBox(self.tr("Kunci sudah saya cetak atau catat"))
        lay.addWidget(self.noted)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.noted.toggled.connect(ok.setEnabled)
        lay.addWidget(self.buttons)

    def save_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan lembar kunci pemulihan"), "kunci-pemulihan.pdf", "PDF (*.pdf)"
        )
        if name:
            self.write_pdf(Path(name))

    def write_pdf(self, path: Path) -> None:
        from ..reports.recovery import recovery_sheet

        with path.open("wb") as f:
            recovery_sheet(f, self.recovery_key, self.place, dt.date.today())
        self.saved.setText(self.tr("Disimpan: {0}").format(str(path)))

    def reject(self) -> None:
        if self.noted.isChecked():  # Escape does not skip the key unseen
            super().reject()


def show_recovery_key(parent: QWidget, recovery_key: str, ws: Workspace) -> RecoveryKeyDialog:
    from ..services import village

    v = village.get_village(ws)
    dialog = RecoveryKeyDialog(recovery_key, f"{v.name}, {v.district_name}, {v.regency_name}", parent)
    dialog.setModal(True)
    dialog.show()
    return dialog
