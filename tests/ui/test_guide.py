"""Help inside the app: the Bantuan menu (F1) opens the bundled user guide in the window's
language, readable offline with its screenshots; every page says in a line what comes next."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import i18n
from jamsos_desktop.ui.guide import GUIDES, GuideWindow, docs_dir
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.gui

TITLES = {"id": "Panduan JAMSOS Desktop", "en": "JAMSOS Desktop User Guide"}


@pytest.fixture(params=["id", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    assert i18n.apply_language(str(request.param))
    yield str(request.param)
    i18n.apply_language("id")


def test_the_bantuan_menu_opens_the_guide_with_its_pictures(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, lang: str
) -> None:
    win = MainWindow(workspace, users.find_user(workspace, "operator"), settings)
    qtbot.addWidget(win)
    win.show()
    menus = {a.text().replace("&", ""): a.menu() for a in win.menuBar().actions()}
    help_menu = menus["Bantuan" if lang == "id" else "Help"]
    assert help_menu is not None
    guide_action = help_menu.actions()[0]
    assert guide_action.shortcut().toString() == "F1"
    guide_action.trigger()
    window = win.findChild(GuideWindow)
    assert window is not None and window.isVisible()
    text = window.browser.toPlainText()
    assert text.startswith(TITLES[lang])
    # Every picture the guide shows is there, inside the app's files (no network).
    lines = (docs_dir() / GUIDES[lang]).read_text(encoding="utf-8").splitlines()
    images = [line.split("](", 1)[1].rstrip(")") for line in lines if line.startswith("![")]
    assert images
    for name in images:
        assert (docs_dir() / name).is_file(), name
        loaded = window.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert loaded is not None, name
    # F1 again shows the same window, not a second one.
    guide_action.trigger()
    assert len(win.findChildren(GuideWindow)) == 1


def test_every_page_says_what_comes_next(qtbot: QtBot, workspace: Workspace, settings: AppSettings, lang: str) -> None:
    win = MainWindow(workspace, users.find_user(workspace, "operator"), settings)
    qtbot.addWidget(win)
    win.show()
    hints = {}
    for key in win.PAGES:
        win.go(key)
        hints[key] = win.hint.text()
        assert hints[key] and win.hint.isVisible(), key
    assert len(set(hints.values())) == len(win.PAGES)  # each page its own
    if lang == "en":
        assert "Berikutnya" not in " ".join(hints.values())
