"""The app on an encrypted database: the sign-in unlocks it, the wizard's recovery key is shown once."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from jamsos_desktop import app as desktop
from jamsos_desktop.services import accounts, keys
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.storage import keyring
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.recovery import RecoveryKeyDialog
from jamsos_desktop.ui.wizard import FirstRunWizard

from .conftest import PASSWORD


@pytest.fixture(autouse=True)
def restore_hooks() -> Any:
    import logging
    import sys

    from jamsos_desktop.ui import tasks

    hook, handlers = sys.excepthook, list(logging.getLogger().handlers)
    yield
    sys.excepthook = hook
    tasks.set_unexpected_hook(None)
    root = logging.getLogger()
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
            h.close()


def _start(qtbot: QtBot, data: Path, monkeypatch: pytest.MonkeyPatch, username: str, password: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        qtbot.waitUntil(lambda: win.sign_in.unlocker is not None)
        seen["open_before_sign_in"] = win.ws is not None
        win.sign_in.username.setText(username)
        win.sign_in.password.setText(password)
        qtbot.keyClick(win.sign_in.password, Qt.Key.Key_Return)
        seen["message"] = win.sign_in.message.text()
        seen["user"] = win._actor.username if win._actor is not None else None
        seen["title"] = win.windowTitle()
        win.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    assert desktop.main(["jamsos", "--data-dir", str(data)]) == 0
    return seen


def test_the_sign_in_unlocks_the_database(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.close()
    assert accounts.is_locked(workspace.data_dir)
    seen = _start(qtbot, workspace.data_dir, monkeypatch, "operator", PASSWORD)
    assert seen["open_before_sign_in"] is False  # nothing readable before the password
    assert seen["user"] == "operator" and "Cibiru Hilir" in seen["title"]


def test_a_wrong_password_is_a_message_and_opens_nothing(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.close()
    seen = _start(qtbot, workspace.data_dir, monkeypatch, "operator", "bukan-ini-123")
    assert seen["user"] is None and seen["message"] == "nama pengguna atau kata sandi salah"
    seen = _start(qtbot, workspace.data_dir, monkeypatch, "siapa", PASSWORD)
    assert seen["user"] is None and seen["message"] == "nama pengguna atau kata sandi salah"


def test_the_wizard_makes_a_recovery_key_that_opens_the_database(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_dialogs: list[RecoveryKeyDialog]
) -> None:
    data = tmp_path / "desa"

    def finish(wiz: FirstRunWizard) -> int:
        qtbot.addWidget(wiz)
        wiz.show()
        assert wiz.mode_page.village.isChecked()  # a fresh folder asks which office first
        wiz.next()
        wiz.village_page.code = "32.04.05.2005"
        wiz.next()
        wiz.people_page.head_name.setText("H. Dadang Suherman")
        wiz.next()
        wiz.next()
        assert wiz.currentPage() is wiz.account_page
        wiz.account_page.username.setText("admin")
        wiz.account_page.password.setText(PASSWORD)
        wiz.account_page.confirm.setText(PASSWORD)
        assert wiz.validateCurrentPage()  # the wizard's own write
        wiz.hide()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(FirstRunWizard, "exec", finish)
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    assert desktop.main(["jamsos", "--data-dir", str(data)]) == 0
    (dialog,) = no_dialogs
    recovery = dialog.recovery_key
    assert dialog.key_label.text() == recovery and len(recovery) == 39
    # It cannot be closed before the person says it is written down.
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    dialog.noted.setChecked(True)
    assert ok.isEnabled()
    # The sheet to print: one page, with the key.
    pdf = tmp_path / "kunci.pdf"
    dialog.write_pdf(pdf)
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    assert len(pages) == 1 and recovery in pages[0].extract_text()
    dialog.close()
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            w.close()
    # Any password, or the recovery key, opens the same database; nothing else does.
    ws = accounts.unlock_with_recovery(data, recovery.lower().replace("-", " "))
    try:
        assert keys.has_recovery_key(ws)
    finally:
        ws.close()
    with pytest.raises(accounts.UserError):
        accounts.unlock_with_recovery(data, keyring.new_recovery_key())
    assert accounts.is_locked(data)


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[RecoveryKeyDialog]:
    made: list[RecoveryKeyDialog] = []
    real = RecoveryKeyDialog.__init__

    def init(self: RecoveryKeyDialog, *a: Any, **k: Any) -> None:
        real(self, *a, **k)
        made.append(self)

    monkeypatch.setattr(RecoveryKeyDialog, "__init__", init)
    return made


def test_the_recovery_sheet_renders(tmp_path: Path) -> None:
    """Looked at as an image too (pdftoppm), when the tool is there."""
    import datetime as dt
    import shutil

    from jamsos_desktop.reports.recovery import recovery_sheet

    pdf = tmp_path / "k.pdf"
    with pdf.open("wb") as f:
        recovery_sheet(f, keyring.new_recovery_key(), "Desa Cibiru Hilir, Cileunyi, Bandung", dt.date(2026, 11, 21))
    again = tmp_path / "k2.pdf"
    with again.open("wb") as f:
        recovery_sheet(f, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "X", dt.date(2026, 11, 21))
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "k")], check=True)
        assert list(tmp_path.glob("k*.png"))


def test_an_old_plain_database_is_encrypted_by_the_first_sign_in(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_dialogs: list[RecoveryKeyDialog]
) -> None:
    import shutil

    from jamsos_desktop import paths
    from jamsos_desktop.services import users
    from jamsos_desktop.storage.db import is_plain_file

    data = tmp_path / "desa"
    data.mkdir()
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema_0005.sqlite", paths.db_path(data))
    ws = Workspace.open(data)
    accounts.set_password(ws, users.find_user(ws, "operator"), "operator", PASSWORD)
    ws.close()
    assert accounts.is_plain(data)
    seen = _start(qtbot, data, monkeypatch, "operator", PASSWORD)
    assert seen["open_before_sign_in"] is False and seen["user"] == "operator"
    assert not is_plain_file(paths.db_path(data)) and accounts.is_locked(data)
    (dialog,) = no_dialogs  # the new recovery key, once
    accounts.unlock_with_recovery(data, dialog.recovery_key).close()


def test_a_forgotten_password_is_set_again_with_the_recovery_key_in_the_app(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the sign-in, "Lupa kata sandi…": a wrong key is said in the dialog (which stays), the
    right one (typed in lower case with spaces) sets the new password, and the sign-in goes on
    with it; the old password no longer opens, and the recovery is in the audit trail."""
    from jamsos_desktop.services import users
    from jamsos_desktop.ui.recovery import RecoverPasswordDialog

    recovery = keys.make_recovery_key(workspace, users.find_user(workspace, "admin"))
    workspace.close()
    data = workspace.data_dir
    seen: dict[str, Any] = {}

    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        panel = win.sign_in
        qtbot.waitUntil(lambda: panel.unlocker is not None)
        assert panel.forgot_button.isVisible()
        panel.username.setText("operator")
        qtbot.mouseClick(panel.forgot_button, Qt.MouseButton.LeftButton)
        (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, RecoverPasswordDialog)]
        assert dialog.username.text() == "operator" and not dialog.ok.isEnabled()
        dialog.key.setText(keyring.new_recovery_key())  # another village's key
        dialog.password.setText("sandi-baru-2026")
        dialog.again.setText("sandi-baru-202")
        assert not dialog.ok.isEnabled() and "belum sama" in dialog.message.text()
        dialog.again.setText("sandi-baru-2026")
        assert dialog.ok.isEnabled()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.working)
        seen["wrong"] = dialog.message.text()
        assert dialog.isVisible() and win.ws is None
        dialog.key.setText(recovery.lower().replace("-", " "))
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: win._actor is not None, timeout=20_000)
        seen["user"] = win._actor.username if win._actor is not None else None
        seen["forgot_after"] = panel.forgot_button.isVisible()
        win.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    assert desktop.main(["jamsos", "--data-dir", str(data)]) == 0
    assert seen["wrong"] == "Kunci pemulihan: kunci pemulihan salah"
    assert seen["user"] == "operator" and seen["forgot_after"] is False
    with pytest.raises(accounts.UserError):
        accounts.sign_in(data, "operator", PASSWORD)
    signed = accounts.sign_in(data, "operator", "sandi-baru-2026")
    try:
        from jamsos_desktop.services import audit

        actions = [e.action for e in audit.entries(signed.ws)]
        assert "keys.recovery_used" in actions
    finally:
        signed.ws.close()
