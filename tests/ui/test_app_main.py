"""`python -m jamsos_desktop --data-dir …`: the wizard on a fresh folder, the login afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from jamsos_desktop import app as desktop
from jamsos_desktop.services import accounts
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui.login import LoginDialog
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.wizard import FirstRunWizard

from .conftest import PASSWORD


@pytest.fixture(autouse=True)
def restore_hooks() -> Any:
    """main() installs the crash dialog as sys.excepthook and a log file handler: undo both."""
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


@pytest.fixture
def no_loop(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    shown: list[Any] = []
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    real_show = MainWindow.show

    def show(self: MainWindow) -> None:
        shown.append(self)
        real_show(self)

    monkeypatch.setattr(MainWindow, "show", show)
    return shown


def test_fresh_folder_opens_the_wizard_then_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_loop: list[Any]
) -> None:
    data = tmp_path / "desa"

    def finish(wiz: FirstRunWizard) -> int:
        wiz.village_page.code = "32.04.05.2005"
        wiz.people_page.head_name.setText("H. Dadang Suherman")
        wiz.account_page.password.setText(PASSWORD)
        wiz.account_page.confirm.setText(PASSWORD)
        from jamsos_desktop.services import firstrun

        wiz.actor = firstrun.complete(wiz.ws, wiz.collected())
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(FirstRunWizard, "exec", finish)
    assert desktop.main(["jamsos", "--data-dir", str(data)]) == 0
    assert len(no_loop) == 1 and no_loop[0].actor().role == "admin"
    assert (data / "logs" / "jamsos.log").exists()
    no_loop[0].close()


def test_existing_village_asks_for_login(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch, no_loop: list[Any]
) -> None:
    data = workspace.data_dir

    def sign_in(dlg: LoginDialog) -> int:
        dlg.actor = accounts.login(dlg.ws, "kepala", PASSWORD)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(LoginDialog, "exec", sign_in)
    assert desktop.main(["jamsos", "--data-dir", str(data)]) == 0
    assert no_loop[0].actor().username == "kepala"
    no_loop[0].close()


def test_closing_the_login_quits(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch, no_loop: list[Any]
) -> None:
    monkeypatch.setattr(LoginDialog, "exec", lambda _self: QDialog.DialogCode.Rejected.value)
    assert desktop.main(["jamsos", "--data-dir", str(workspace.data_dir)]) == 0
    assert no_loop == []


def test_choosing_english_rebuilds_the_window_in_english(
    qtbot: QtBot, workspace: Workspace, passwords: None, settings: Any
) -> None:
    from jamsos_desktop.services import users
    from jamsos_desktop.ui import i18n

    if not (i18n.paths.resources_dir() / "translations" / "jamsos_en.qm").exists():
        pytest.skip("translations not built (make setup)")
    controller = desktop.AppController(workspace, settings)
    first = controller.show_main(users.find_user(workspace, "operator"))
    assert isinstance(first, MainWindow)
    try:
        first.languageChanged.emit("en")
        second = controller.window
        assert isinstance(second, MainWindow) and second is not first
        assert second.nav.item(0).text() == "Overview"
        assert second.pages.currentIndex() == second.PAGES.index("settings")
    finally:
        i18n.apply_language("id")
        if controller.window is not None:
            controller.window.close()
