"""The database loader starts once the window's first paint is done (it competes with it for
the interpreter otherwise), exactly once, and anyway if the window is never painted."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jamsos_desktop.app import _AfterFirstPaint

pytestmark = pytest.mark.gui


class Panel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(event)


def test_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    panel = Panel()
    qtbot.addWidget(panel)
    seen: list[int] = []
    _AfterFirstPaint(panel, lambda: seen.append(panel.paints), fallback_ms=60_000)
    qtbot.wait(20)
    assert seen == []  # not shown, not painted: nothing yet
    panel.show()
    qtbot.waitUntil(lambda: seen != [], timeout=5_000)
    assert seen == [1]  # after the first paint had finished
    panel.update()
    panel.repaint()
    qtbot.wait(50)
    assert seen == [1]  # once


def test_runs_anyway_when_the_window_is_never_painted(qtbot: QtBot) -> None:
    panel = Panel()
    qtbot.addWidget(panel)
    seen: list[int] = []
    _AfterFirstPaint(panel, lambda: seen.append(panel.paints), fallback_ms=30)
    qtbot.waitUntil(lambda: seen != [], timeout=5_000)
    assert seen == [0]
    panel.show()
    qtbot.wait(50)
    assert seen == [0]
