"""Adding an account in one dialog: name, full name, role and the password typed twice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

MIN_PASSWORD = 8


class NewUserDialog(QDialog):
    """OK only once the account can be made: a name, and the same password (8 characters or more)
    twice. ``values()`` is (username, full name, role index, password)."""

    def __init__(self, role_labels: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pengguna baru"))
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("huruf kecil, misalnya rina"))
        self.full_name = QLineEdit()
        self.role = QComboBox()
        self.role.addItems(list(role_labels))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Nama lengkap"), self.full_name)
        form.addRow(self.tr("Peran"), self.role)
        form.addRow(self.tr("Kata sandi (min. 8 karakter)"), self.password)
        form.addRow(self.tr("Ulangi kata sandi"), self.again)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tambahkan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for field in (self.username, self.password, self.again):
            field.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        problem = ""
        if not self.username.text().strip():
            problem = self.tr("Isi nama pengguna.")
        elif len(self.password.text()) < MIN_PASSWORD:
            problem = self.tr("Kata sandi paling sedikit 8 karakter.")
        elif self.password.text() != self.again.text():
            problem = self.tr("Kedua kata sandi belum sama.")
        self.message.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def values(self) -> tuple[str, str, int, str]:
        return (
            self.username.text().strip(),
            self.full_name.text().strip(),
            self.role.currentIndex(),
            self.password.text(),
        )
