"""Signing in: the panel that covers the main window until someone signs in, and again after idle.

At start (and after signing out) the panel asks who is signing in; after idle it asks the same
person's password, with their work left where it was. The window and this panel are shown
before the database is open (it opens on a thread behind them): a person can type their name
and password at once, and pressing Enter early just waits for the database.

Nothing here imports the database layer at module level; that is what lets the window appear
while SQLAlchemy is still loading (see ``app.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.actors import Actor
from ..domain.text import UserError, language
from . import tasks
from .ops import CollectionOp

if TYPE_CHECKING:
    from ..services.context import Workspace


class SignInPanel(QWidget):
    """Asks for a name and password (``ask``) or the locked person's password (``lock``)."""

    signedIn = Signal(object)  # the Actor
    #: The database was just unlocked by a sign-in (``accounts.SignedIn``), before ``signedIn``.
    unlocked = Signal(object)
    switchUser = Signal()
    quitRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signIn")
        self.ws: Workspace | None = None
        #: For an encrypted database: opens it with a name and password (``accounts.sign_in``).
        self.unlocker: Callable[[str, str], Any] | None = None
        #: Offers the restore of a database the sign-in found damaged; True once it is restored.
        self.damaged: Callable[[Any], bool] | None = None
        #: For an encrypted database: sets a forgotten password with the recovery key
        #: (``accounts.recover``: recovery key, username, new password).
        self.recoverer: Callable[[str, str, str], Any] | None = None
        self.pending = False  # Enter was pressed before the database was open
        self.checking = False  # a password is being checked
        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.place = QLabel()
        self.place.setObjectName("signInPlace")
        self.place.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.place.setStyleSheet("color: #57606a;")
        self.hint = QLabel()
        self.hint.setObjectName("lockReason")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("signInUsername")
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Nama pengguna:"), self.username)
        self.form.addRow(self.tr("Kata sandi:"), self.password)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #b3261e;")
        self.status = QLabel(self.tr("Membuka basis data…"))
        self.status.setObjectName("signInStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setStyleSheet("color: #57606a;")
        self.ok = QPushButton()
        self.ok.setObjectName("signInButton")
        self.ok.setDefault(True)
        self.switch_button = QPushButton(self.tr("Ganti pengguna"))
        self.switch_button.setObjectName("switchUserButton")
        self.quit_button = QPushButton(self.tr("Tutup aplikasi"))
        self.quit_button.setObjectName("quitButton")
        self.forgot_button = QPushButton(self.tr("Lupa kata sandi…"))
        self.forgot_button.setObjectName("forgotPasswordButton")
        self.forgot_button.setFlat(True)
        self.forgot_button.setStyleSheet("color: #0b57d0; text-decoration: underline;")
        self.forgot_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        for b in (self.quit_button, self.switch_button, self.ok):
            buttons.addWidget(b)

        card = QFrame()
        card.setObjectName("signInCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(460)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(self.title)
        inner.addWidget(self.place)
        inner.addWidget(self.hint)
        inner.addSpacing(8)
        inner.addLayout(self.form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        inner.addWidget(self.status)
        # Centred by stretches, not by an alignment flag: that way the layout asks the card for
        # its height at its width, and the wrapped hint gets its second line.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(middle)
        outer.addStretch(3)

        self.username.returnPressed.connect(self._next_field)
        self.password.returnPressed.connect(self.try_sign_in)
        self.ok.clicked.connect(self.try_sign_in)
        self.switch_button.clicked.connect(self.switchUser.emit)
        self.quit_button.clicked.connect(self.quitRequested.emit)
        self.forgot_button.clicked.connect(self.forgot_password)
        self._wait = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.ask("")

    # -- modes --------------------------------------------------------------------------------

    def ask(self, last_user: str) -> None:
        """Who is signing in: the name (last time's, filled in) and the password."""
        self.title.setText(self.tr("Masuk dengan akun Anda"))
        self.hint.hide()
        self.form.setRowVisible(0, True)
        self.username.setText(last_user)
        self.ok.setText(self.tr("Masuk"))
        self.switch_button.hide()
        self.quit_button.show()
        self._clear()
        (self.password if last_user else self.username).setFocus()

    def lock(self, actor: Actor, *, idle: bool = False) -> None:
        """Only ``actor``'s password opens the screen again (or someone else signs in instead);
        the hint says why it locked: the idle timer (``idle``) or the person (Ctrl+L)."""
        self.title.setText(self.tr("Terkunci — {0}").format(actor.full_name))
        self.hint.setText(
            self.tr("Layar terkunci karena lama tidak dipakai. Pekerjaan Anda tetap di tempatnya.")
            if idle
            else self.tr("Layar dikunci (Ctrl+L). Pekerjaan Anda tetap di tempatnya.")
        )
        self.hint.show()
        self.form.setRowVisible(0, False)
        self.username.setText(actor.username)
        self.ok.setText(self.tr("Buka"))
        self.switch_button.show()
        self.quit_button.hide()
        self._clear()
        self.password.setFocus()

    def _clear(self) -> None:
        self.password.clear()
        self.message.clear()
        self.pending = False
        self.ok.setEnabled(self._wait <= 0)

    def set_workspace(self, ws: Workspace, place: str) -> None:
        """The database is open: signing in works now (and happens, if Enter was pressed already)."""
        self.ws = ws
        self.place.setText(place)
        self.status.hide()
        if self.pending:
            self.pending = False
            self.try_sign_in()

    def set_unlocker(
        self, unlocker: Callable[[str, str], Any], recoverer: Callable[[str, str, str], Any] | None = None
    ) -> None:
        """The database is encrypted and only a password opens it: signing in unlocks it, and
        ``recoverer`` (if given) sets a forgotten password with the recovery key."""
        self.unlocker = unlocker
        self.recoverer = recoverer
        self.forgot_button.setVisible(recoverer is not None and self.ws is None)
        self.status.hide()
        if self.pending:
            self.pending = False
            self.try_sign_in()

    # -- signing in ---------------------------------------------------------------------------

    def forgot_password(self) -> None:
        """The recovery key gives an account a new password; the sign-in then goes on with it."""
        if self.recoverer is None or self.unlocker is None or self.checking:
            return
        from .recovery import RecoverPasswordDialog

        dialog = RecoverPasswordDialog(self.recoverer, self.username.text().strip(), self)
        dialog.setModal(True)
        unlocker = self.unlocker

        def done() -> None:
            username, password = dialog.values()
            self.username.setText(username)
            self.password.clear()
            self._unlock_as(unlocker, username, password)

        dialog.accepted.connect(done)
        dialog.show()

    def _next_field(self) -> None:
        if self.password.text():
            self.try_sign_in()
        else:
            self.password.setFocus()

    def try_sign_in(self) -> None:
        if self._wait > 0 or self.checking:
            return
        if self.ws is None and self.unlocker is not None:
            self._unlock(self.unlocker)
            return
        if self.ws is None:
            self.pending = True
            self.ok.setEnabled(False)
            self.message.setText(self.tr("Sebentar, basis data sedang dibuka…"))
            return
        from ..services import accounts

        ws = self.ws
        username, password = self.username.text(), self.password.text()  # locked: the name is set, hidden
        self.password.clear()
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Memeriksa…"))
        self.checking = True
        # Checking the password takes a fifth of a second (Argon2id, on purpose): off the GUI thread,
        # on the write queue (a refused password is counted). No page shows what it writes.
        CollectionOp(None, lambda: accounts.login(ws, username, password)).success(self._accepted).failure(
            self._refused
        ).quiet().run()

    def _unlock(self, unlocker: Callable[[str, str], Any]) -> None:
        username, password = self.username.text(), self.password.text()
        self.password.clear()
        self._unlock_as(unlocker, username, password)

    def _unlock_as(self, unlocker: Callable[[str, str], Any], username: str, password: str) -> None:
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Membuka basis data…"))
        self.checking = True

        def refused(exc: BaseException) -> None:
            from ..services.integrity import DamagedDatabase

            # Only the key shows a locked database is damaged: the restore is offered here, at the
            # sign-in, and once it is done the same sign-in goes on.
            if isinstance(exc, DamagedDatabase) and self.damaged is not None and self.damaged(exc):
                self._unlock_as(unlocker, username, password)
                return
            self._refused(exc)

        # Deriving the key from the password takes a fraction of a second (Argon2id, on purpose),
        # and opening the file as long again: off the GUI thread.
        CollectionOp(None, lambda: unlocker(username, password)).success(self._unlocked).failure(refused).quiet().run()

    def _unlocked(self, signed: Any) -> None:
        self.forgot_button.hide()  # the database is open: a lock asks for this person's password
        self.unlocked.emit(signed)
        self._accepted(signed.actor)

    def _accepted(self, actor: Actor) -> None:
        self.checking = False
        self.ok.setEnabled(True)
        self.message.clear()
        self.signedIn.emit(actor)

    def _refused(self, exc: BaseException) -> None:
        from ..services import accounts

        self.checking = False
        self.ok.setEnabled(True)
        self.message.clear()
        if isinstance(exc, accounts.LoginDelayed):
            self._start_wait(exc.seconds)
        elif isinstance(exc, UserError):
            self.message.setText(exc.text.get(language()))
        else:
            tasks.report_unexpected(exc)

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
