"""Signing in at start, and the lock screen that asks the same person's password after idle."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.text import UserError, language
from ..services import accounts
from ..services.context import Actor, Workspace


class LoginDialog(QDialog):
    def __init__(self, workspace: Workspace, last_user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("JAMSOS Desktop — masuk"))
        self.heading = QLabel(self.tr("Masuk dengan akun Anda"))
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.username = QLineEdit(last_user)
        self.username.setObjectName("loginUsername")
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Masuk"))
        self.ok.setObjectName("loginButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Keluar"))
        form = QFormLayout()
        form.addRow(self.tr("Nama pengguna:"), self.username)
        form.addRow(self.tr("Kata sandi:"), self.password)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        self._wait = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        (self.password if last_user else self.username).setFocus()
        self.resize(380, 200)

    def try_login(self) -> None:
        if self._wait > 0:
            return
        try:
            self.actor = accounts.login(self.ws, self.username.text(), self.password.text())
        except accounts.LoginDelayed as exc:
            self.password.clear()
            self._start_wait(exc.seconds)
            return
        except UserError as exc:
            self.password.clear()
            self.message.setText(exc.text.get(language()))
            return
        self.accept()

    def _start_wait(self, seconds: int) -> None:
        self._wait = seconds
        self.ok.setEnabled(False)
        self._tick(first=True)
        self._countdown.start()

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._wait -= 1
        if self._wait <= 0:
            self._countdown.stop()
            self.ok.setEnabled(True)
            self.message.setText(self.tr("Silakan coba lagi."))
            return
        self.message.setText(self.tr("Terlalu banyak percobaan gagal. Tunggu {0} detik.").format(self._wait))


class LockScreen(QWidget):
    """Covers the window while locked; only the signed-in person's password opens it."""

    unlocked = Signal()
    switchUser = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.username = ""
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(320)
        self.message = QLabel()
        self.message.setObjectName("unlockMessage")
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton(self.tr("Buka"))
        self.open_button.setObjectName("unlockButton")
        self.open_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("Ganti pengguna"))
        lay = QVBoxLayout(self)
        lay.addStretch(2)
        lay.addWidget(self.title)
        hint = QLabel(self.tr("Layar terkunci karena lama tidak dipakai. Pekerjaan Anda tetap di tempatnya."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(hint)
        lay.addWidget(self.password, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.message)
        lay.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(3)
        self.open_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.switch_button.clicked.connect(self.switchUser.emit)

    def prepare(self, actor: Actor) -> None:
        self.username = actor.username
        self.title.setText(self.tr("Terkunci — {0}").format(actor.full_name))
        self.password.clear()
        self.message.clear()
        self.password.setFocus()

    def try_unlock(self) -> None:
        try:
            accounts.login(self.ws, self.username, self.password.text())
        except UserError as exc:
            self.password.clear()
            self.message.setText(exc.text.get(language()))
            return
        self.unlocked.emit()


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard or mouse input anywhere in the app."""

    idle = Signal()
    _INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def set_interval_ms(self, ms: int) -> None:
        """For tests: a short idle time."""
        self.timer.start(ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._INPUT and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
