"""The desktop app: `python -m jamsos_desktop [--data-dir DIR]` (what `make run` starts).

First run opens the set-up wizard; later runs ask for a login. Signing out or changing the
language rebuilds the main window for the next person (forms are kept as drafts first).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from . import logs, paths
from .domain.text import NotFound
from .services import accounts, village
from .services.context import Actor, Workspace
from .ui import errors, i18n, tasks
from .ui.settings import AppSettings

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="jamsos-desktop", description="JAMSOS Desktop")
    parser.add_argument("--data-dir", help="folder data (bawaan: JAMSOS_DATA_DIR atau folder data pengguna)")
    parser.add_argument("--lang", choices=("id", "en"), help="bahasa tampilan untuk sesi ini")
    return parser.parse_args(argv)


def needs_setup(ws: Workspace) -> bool:
    return not has_village(ws) or not accounts.can_sign_in(ws)


def has_village(ws: Workspace) -> bool:
    try:
        village.get_village(ws)
    except NotFound:
        return False
    return True


class AppController(QObject):
    """Owns the workspace and whichever window is showing: wizard, login, or the main window."""

    def __init__(self, ws: Workspace, settings: AppSettings) -> None:
        super().__init__()
        self.ws = ws
        self.settings = settings
        self.window: QWidget | None = None

    def start(self) -> bool:
        """Wizard or login, then the main window; False when the person closed it instead."""
        if needs_setup(self.ws):
            from .ui.wizard import FirstRunWizard

            # A village set up with the command line has accounts but no passwords: only those are asked.
            wizard = FirstRunWizard(self.ws, accounts_only=has_village(self.ws))
            if wizard.exec() != QDialog.DialogCode.Accepted or wizard.actor is None:
                return False
            self.show_main(wizard.actor)
            return True
        return self.login()

    def login(self) -> bool:
        from .ui.login import LoginDialog

        dlg = LoginDialog(self.ws, self.settings.last_user)
        if dlg.exec() != QDialog.DialogCode.Accepted or dlg.actor is None:
            return False
        self.settings.last_user = dlg.actor.username
        self.show_main(dlg.actor)
        return True

    def show_main(self, actor: Actor) -> QWidget:
        from .ui.main_window import MainWindow

        win = MainWindow(self.ws, actor, self.settings)
        win.signOut.connect(self._sign_out)
        win.languageChanged.connect(lambda lang, a=actor: self._language(lang, a))
        self.window = win
        win.show()
        log.info("main window shown for role %s", actor.role)
        return win

    def _close_window(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def _sign_out(self) -> None:
        self._close_window()
        if not self.login():
            app = QApplication.instance()
            if app is not None:
                app.quit()

    def _language(self, lang: str, actor: Actor) -> None:
        i18n.apply_language(lang)
        self._close_window()
        win = self.show_main(actor)
        from .ui.main_window import MainWindow

        if isinstance(win, MainWindow):
            win.go("settings")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    data: Path = paths.data_dir(args.data_dir)
    data.mkdir(parents=True, exist_ok=True)
    log_path = logs.setup(data)
    errors.install(log_path)
    settings = AppSettings(data)
    i18n.apply_language(args.lang or settings.language)
    try:
        ws = Workspace.open(data, create=True)
    except Exception as exc:
        errors.handle(exc)
        return 1
    controller = AppController(ws, settings)
    try:
        if not controller.start():
            return 0
        return app.exec()
    finally:
        tasks.shutdown()
        ws.close()


if __name__ == "__main__":
    raise SystemExit(main())
