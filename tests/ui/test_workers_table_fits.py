"""The worker list fits a 1024×600 netbook, in both languages: every column it shows lies within
the table (no sideways scroll, Category and Status in view), a long name is elided, and the
status history below it keeps to a small share of the height and can be dragged or folded away."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import i18n
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.pages.workers import COLUMN_WIDTHS, HIDE_WHEN_NARROW, WorkersPage, fit_columns
from jamsos_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.gui


@pytest.fixture(params=["id", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    assert i18n.apply_language(str(request.param))
    yield str(request.param)
    i18n.apply_language("id")


def _page(qtbot: QtBot, ws: Workspace, settings: AppSettings, size: tuple[int, int]) -> tuple[MainWindow, WorkersPage]:
    win = MainWindow(ws, users.find_user(ws, "operator"), settings)
    qtbot.addWidget(win)
    win.show()
    win.resize(*size)
    page = win.go("workers")
    assert isinstance(page, WorkersPage)
    QApplication.processEvents()
    QApplication.processEvents()
    return win, page


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_column_shown_is_within_the_table(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, lang: str, size: tuple[int, int]
) -> None:
    win, page = _page(qtbot, demo_workspace, settings, size)
    if os.environ.get("JAMSOS_SHOT"):
        win.grab().save(os.environ["JAMSOS_SHOT"] + f"-workers-{size[0]}-{lang}.png")
    table = page.table
    header = table.horizontalHeader()
    view = table.viewport().width()
    shown = [c for c in range(page.model.columnCount()) if not table.isColumnHidden(c)]
    for c in shown:
        right = header.sectionViewportPosition(c) + header.sectionSize(c)
        assert header.sectionViewportPosition(c) >= 0 and right <= view + 1, (c, right, view)
        title = str(page.model.headerData(c, header.orientation()))
        # Each header is readable whole (not elided) in its column.
        assert header.fontMetrics().horizontalAdvance(title) + 12 <= header.sectionSize(c), (
            title,
            header.sectionSize(c),
        )
    assert table.horizontalScrollBar().maximum() == 0
    # The name, the NIK, the category and the status are always there.
    assert {0, 1, 7, 8} <= set(shown)
    if size == (1366, 768):
        assert len(shown) == page.model.columnCount()  # room for all of them
    # The history keeps to a small share of the height, and folds away.
    assert page.history_box.height() <= page.list_page.height() // 5
    split = page.history_splitter
    split.setSizes([split.height(), 0])
    QApplication.processEvents()
    assert not page.history_box.isVisible() or page.history_box.height() == 0
    assert page.table.height() > page.list_page.height() // 2


def test_a_narrow_table_shrinks_then_hides_the_least_needed_columns() -> None:
    assert fit_columns(sum(COLUMN_WIDTHS)) == (list(COLUMN_WIDTHS), set())
    widths, hidden = fit_columns(sum(COLUMN_WIDTHS) - 100)
    assert hidden == set() and sum(widths) <= sum(COLUMN_WIDTHS) - 100
    widths, hidden = fit_columns(640)
    assert hidden and hidden <= set(HIDE_WHEN_NARROW)
    assert sum(w for c, w in enumerate(widths) if c not in hidden) <= 640
