"""The recovery key, shown once (after the first-run set-up, or when an old database was just
encrypted), with a button that saves the one-page sheet to print for the village head."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import files

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
        path = files.save_path(
            self, self.tr("Simpan lembar kunci pemulihan"), self.tr("kunci-pemulihan") + ".pdf", [files.PDF]
        )
        if path is not None:
            self.write_pdf(path)

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


class RecoverPasswordDialog(QDialog):
    """Every password forgotten: the recovery key, whose account, and its new password twice.

    ``recoverer(recovery_key, username, new_password)`` (``accounts.recover`` on the data folder)
    runs off the GUI thread; a wrong key or an unknown account is said in the dialog, which stays
    open. Once it succeeds, ``values()`` is the (username, new password) to sign in with."""

    def __init__(
        self, recoverer: Callable[[str, str, str], Any], username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from .user_dialog import MIN_PASSWORD

        self.recoverer = recoverer
        self.min_password = MIN_PASSWORD
        self.setObjectName("recoverPasswordDialog")
        self.setWindowTitle(self.tr("Lupa kata sandi"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Dengan kunci pemulihan (lembar yang disimpan kepala desa) Anda dapat memberi akun "
                "kata sandi baru. Penggunaan kunci dicatat di riwayat perubahan."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.key = QLineEdit()
        self.key.setObjectName("recoveryKeyInput")
        self.key.setPlaceholderText("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.key.setFont(mono)
        # The whole key visible while it is typed from the sheet (39 characters).
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance("W" * 41))
        self.username = QLineEdit(username)
        self.username.setObjectName("recoverUsername")
        self.password = QLineEdit()
        self.password.setObjectName("recoverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("recoverPasswordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Kunci pemulihan"), self.key)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi baru (min. 8 karakter)"), self.password)
        form.addRow(self.tr("Ulangi kata sandi"), self.again)
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("recoverMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Atur kata sandi baru"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.recover)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.working = False
        for field in (self.key, self.username, self.password, self.again):
            field.textChanged.connect(self._check)
        self._check()
        self.key.setFocus()

    def _problem(self) -> str:
        if not self.key.text().strip():
            return self.tr("Ketik kunci pemulihan.")
        if not self.username.text().strip():
            return self.tr("Isi nama pengguna.")
        if len(self.password.text()) < self.min_password:
            return self.tr("Kata sandi paling sedikit 8 karakter.")
        if self.password.text() != self.again.text():
            return self.tr("Kedua kata sandi belum sama.")
        return ""

    def _check(self) -> None:
        if self.working:
            return
        problem = self._problem()
        self.message.setStyleSheet("")
        self.message.setText(problem)
        self.ok.setEnabled(not problem)

    def recover(self) -> None:
        if self.working or self._problem():
            return
        from .ops import CollectionOp

        key, username, password = self.key.text(), self.username.text().strip().lower(), self.password.text()
        self.working = True
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Membuka dengan kunci pemulihan…"))
        CollectionOp(None, lambda: self.recoverer(key, username, password)).success(lambda _who: self._done()).failure(
            self._failed
        ).quiet().run()

    def _done(self) -> None:
        self.working = False
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from ..domain.text import UserError
        from . import tasks

        self.working = False
        self.ok.setEnabled(True)
        if isinstance(exc, UserError):
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(exc.message())
        else:
            self.message.clear()
            tasks.report_unexpected(exc)

    def values(self) -> tuple[str, str]:
        return self.username.text().strip().lower(), self.password.text()
