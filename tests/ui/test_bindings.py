"""The Qt bindings themselves: a version that miscounts references must fail here, not in an
officer's hands.

PySide6 6.12.0 dropped one reference to None on every call of a method that returns nothing.
On Python 3.11, whose None is not immortal, the process then aborted with "deallocating None"
after some tens of thousands of calls: minutes of scrolling and typing. pyproject.toml keeps
PySide6 below 6.12; this test says why, and catches the next such release.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui

CALLS = 1000


class _Model(QAbstractTableModel):
    def rowCount(self, parent: object = QModelIndex()) -> int:
        return 30

    def columnCount(self, parent: object = QModelIndex()) -> int:
        return 4

    def data(self, index: object, role: int = 0) -> object:
        return "x" if role == 0 else None


@pytest.mark.parametrize("constant", [None, True, False])
def test_calls_keep_the_reference_counts_of_none_true_and_false(qtbot: QtBot, constant: object) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    edit = QLineEdit()
    table = QTableView()
    table.setModel(_Model())
    for w in (edit, table):
        qtbot.addWidget(w)
        w.show()
    gc.collect()
    before = sys.getrefcount(constant)
    for n in range(CALLS):
        app.processEvents()
        edit.setText(str(n % 7))
        edit.isEnabled()
        table.viewport().update()
    table.viewport().repaint()
    gc.collect()
    # References come and go with Python's own bookkeeping (and objects left by earlier tests
    # may hold more); the bug is references lost, one per call.
    lost = before - sys.getrefcount(constant)
    assert lost < CALLS // 10, f"{constant!r} lost {lost} references in {CALLS} rounds of calls"
