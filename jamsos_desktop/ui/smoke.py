"""The Qt half of ``jamsos_desktop.smoke``: the window and About dialog checks, and the timed start."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo
from PySide6.QtWidgets import QApplication

from .. import __version__, paths
from . import i18n, tasks

if TYPE_CHECKING:
    from ..domain.actors import Actor
    from ..services.context import Workspace

#: The Qt platform plugin the desktop needs, per system (the smoke test itself runs offscreen).
DESKTOP_PLATFORM = {"linux": "qxcb", "win32": "qwindows", "darwin": "qcocoa"}


def application() -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(paths.APP_NAME)
    return app


def check_window(ws: Workspace, actor: Actor, data_dir: Path) -> str:
    """Both translations load, the signed-in window comes up in English, About shows the version."""
    from .about import AboutDialog
    from .main_window import MainWindow
    from .settings import AppSettings

    app = application()
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    want = DESKTOP_PLATFORM.get(sys.platform)
    found = sorted(p.name for p in plugins.glob("*")) if plugins.is_dir() else []
    if want is not None and not any(want in name for name in found):
        raise RuntimeError(f"no {want} platform plugin in {plugins}: {found}")
    from .icon import apply_icon

    apply_icon(app)
    if app.windowIcon().isNull():
        raise RuntimeError(f"no window icon in {paths.resources_dir() / 'icons'}")
    for lang in i18n.LANGUAGES:
        if not i18n.apply_language(lang):
            raise RuntimeError(f"the {lang} translation does not load")
    try:
        win = MainWindow(ws, actor, AppSettings(data_dir))
        win.show()
        app.processEvents()
        menus = [a.text() for a in win.menuBar().actions()]
        if "&Help" not in menus:  # the English .qm is loaded, not the Indonesian source text
            raise RuntimeError(f"the window is not in English: menus {menus}")
        about = AboutDialog(ws, win)
        about.show()
        app.processEvents()
        if __version__ not in about.text() or "LGPL" not in about.text():
            raise RuntimeError("the About dialog lacks the version or the licence notices")
        about.close()
        win.close()
        app.processEvents()
    finally:
        i18n.apply_language("id")
    return f"main window and About in English ({app.platformName()}; {want} plugin present)"


def start_until_sign_in(data_dir: str, ready: Callable[[], None]) -> int:
    """The real start (``app.launch``, ``AppController.start``) on an existing data folder;
    calls ``ready`` and quits once the sign-in panel has been painted."""
    from .. import app as desktop

    controller = desktop.launch([sys.argv[0], "--data-dir", data_dir])
    try:
        if not controller.start() or controller.window is None:
            return 1

        def done() -> None:
            ready()
            QApplication.quit()

        desktop._AfterFirstPaint(controller.window.sign_in, done)
        return QApplication.exec()
    finally:
        tasks.shutdown()
        controller.close()
