"""`python -m jamsos_desktop --data-dir …`: the wizard on a fresh folder, the sign-in panel afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from jamsos_desktop import app as desktop
from jamsos_desktop.services.context import Workspace
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


def test_existing_village_shows_the_window_with_the_sign_in_panel(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window comes first; the database opens behind it; the person signs in inside it."""
    seen: dict[str, Any] = {}

    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["covered"] = win.outer.currentWidget() is win.sign_in
        panel = win.sign_in
        seen["opening"] = win.ws is None and panel.status.isVisible()  # the loader waits for the loop
        panel.username.setText("kepala")
        panel.password.setText(PASSWORD)
        qtbot.keyClick(panel.password, Qt.Key.Key_Return)  # before the database is open
        qtbot.waitUntil(lambda: win._actor is not None)
        seen["user"] = win.actor().username
        seen["page"] = win.pages.currentIndex()
        seen["title"] = win.windowTitle()
        win.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    workspace.close()
    assert desktop.main(["jamsos", "--data-dir", str(workspace.data_dir)]) == 0
    assert seen == {
        "covered": True,
        "opening": True,
        "user": "kepala",
        "page": 0,
        "title": "JAMSOS Desktop — Desa Cibiru Hilir",
    }


def test_enter_before_the_database_is_open_signs_in_when_it_is(
    qtbot: QtBot, workspace: Workspace, passwords: None, settings: Any
) -> None:
    win = MainWindow(None, None, settings)
    qtbot.addWidget(win)
    win.show()
    assert win.outer.currentWidget() is win.sign_in and win.sign_in.status.isVisible()
    win.sign_in.username.setText("operator")
    win.sign_in.password.setText(PASSWORD)
    qtbot.keyClick(win.sign_in.password, Qt.Key.Key_Return)
    assert "basis data sedang dibuka" in win.sign_in.message.text() and not win.sign_in.ok.isEnabled()
    win.attach(workspace)
    assert win.actor().username == "operator"
    assert win.outer.currentWidget() is win.content and win.pages.currentIndex() == 0
    assert "Cibiru Hilir" in win.village_status.text()


def test_closing_the_window_before_signing_in_quits(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        # The loader has answered: the database is open, or (encrypted) ready to be unlocked.
        qtbot.waitUntil(lambda: win.ws is not None or win.sign_in.unlocker is not None)
        qtbot.mouseClick(win.sign_in.quit_button, Qt.MouseButton.LeftButton)
        assert not win.isVisible()
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    workspace.close()
    assert desktop.main(["jamsos", "--data-dir", str(workspace.data_dir)]) == 0


def test_a_database_that_cannot_be_opened_is_named_and_the_app_ends(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Any
) -> None:
    from jamsos_desktop import paths

    data = tmp_path / "desa"
    data.mkdir()
    paths.db_path(data).write_bytes(b"bukan basis data, hanya teks " * 100)

    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        qtbot.waitUntil(lambda: not win.isVisible())  # the loader fails, says why, closes the window
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    assert desktop.main(["jamsos", "--data-dir", str(data)]) == 1
    assert boxes.shown and boxes.shown[0][0] == "warning"
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_choosing_english_rebuilds_the_window_in_english(
    qtbot: QtBot, workspace: Workspace, passwords: None, settings: Any
) -> None:
    from jamsos_desktop.services import users
    from jamsos_desktop.ui import i18n

    if not (i18n.paths.resources_dir() / "translations" / "jamsos_en.qm").exists():
        pytest.skip("translations not built (make setup)")
    controller = desktop.AppController(settings, workspace.data_dir, workspace)
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


def test_the_real_start_opens_the_database_on_a_thread(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the real thread pool: the loader's imports and its answer reach the window."""
    from jamsos_desktop.ui import tasks

    tasks.set_runner(None)
    seen: dict[str, Any] = {}

    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        win.sign_in.password.setText(PASSWORD)
        win.sign_in.username.setText("operator")
        qtbot.keyClick(win.sign_in.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: win._actor is not None, timeout=30_000)
        dash = win.page("dashboard")
        qtbot.waitUntil(lambda: getattr(dash, "data", None) is not None, timeout=30_000)
        seen["user"] = win.actor().username
        seen["total"] = dash.data.total  # type: ignore[attr-defined]
        win.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    workspace.close()
    assert desktop.main(["jamsos", "--data-dir", str(workspace.data_dir)]) == 0
    assert seen == {"user": "operator", "total": 0}


def test_every_window_carries_the_app_icon(qtbot: QtBot, tmp_path: Path) -> None:
    """launch() sets the icon application-wide, so the main window, every dialog and the task bar
    show it (a window that sets none falls back to it)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.windowIcon()
    try:
        desktop.launch(["jamsos-desktop", "--data-dir", str(tmp_path / "d")])
        icon = app.windowIcon()
        assert not icon.isNull() and icon.availableSizes()
        dialog = QDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowIcon().cacheKey() == icon.cacheKey()
    finally:
        app.setWindowIcon(before)


def test_opening_the_app_runs_the_due_purges(
    qtbot: QtBot, workspace: Workspace, passwords: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A withdrawal of consent recorded on the command line is acted on when the app next opens
    (UU 27/2022: within 3x24 hours), before the opening backup."""
    from jamsos_desktop.services import privacy, users, workers
    from jamsos_desktop.ui import tasks

    from ..services.test_workers import SITI

    op = users.default_actor(workspace)
    wid = workers.add_worker(workspace, op, SITI).id
    privacy.withdraw_consent(workspace, op, wid, "surat pencabutan")

    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        win.sign_in.username.setText("operator")
        win.sign_in.password.setText(PASSWORD)
        qtbot.keyClick(win.sign_in.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: win._actor is not None)
        qtbot.waitUntil(lambda: not tasks.running(), timeout=20_000)
        win.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    workspace.close()
    assert desktop.main(["jamsos", "--data-dir", str(workspace.data_dir)]) == 0
    from tests.conftest import open_as

    ws = open_as(workspace.data_dir, "operator", PASSWORD)
    try:
        c = ws.db.raw_connection()
        try:
            row = c.execute("select nik, purged_at from workers where id = ?", (wid,)).fetchone()
        finally:
            c.close()
        assert row[0] == "" and row[1] is not None
    finally:
        ws.close()
    log = (workspace.data_dir / "logs" / "jamsos.log").read_text(encoding="utf-8")
    assert "privacy purge on opening: 1 workers" in log and SITI["nik"] not in log
