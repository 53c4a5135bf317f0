"""The app's icon, set once on the application so every window and dialog carries it."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import paths


def apply_icon(app: QApplication) -> None:
    """The icon of every window, dialog and the task bar entry. On Windows the .exe's own icon
    (Explorer, the Start menu) is the .ico that build.spec builds in; the window's is this one."""
    icon = QIcon(str(paths.resources_dir() / "icons" / "jamsos.png"))
    if not icon.isNull():
        app.setWindowIcon(icon)
