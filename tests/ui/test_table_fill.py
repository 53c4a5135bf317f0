"""Filling a table costs in proportion to its cells, on every page.

A column in ResizeToContents mode measures every row again after each ``setItem``, so a table
filled cell by cell costs rows x cells: the Nominasi page took 45 s to show 500 candidates after
a one-second proposal. Counting how often the view asks the cells for their data
tells linear from quadratic without a clock.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import assessment
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui import tables
from jamsos_desktop.ui.pages.nominations import NominationsPage

pytestmark = pytest.mark.gui

PAGES = Path(__file__).resolve().parents[2] / "jamsos_desktop" / "ui"


class Counted(QTableWidgetItem):
    """A cell that counts how often the view asks it for something."""

    asked = 0

    def data(self, role: int) -> Any:
        Counted.asked += 1
        return super().data(role)


def _counted_item(text: object, key: object = None, *, align_right: bool = False) -> QTableWidgetItem:
    it = Counted(str(text))
    if key is not None:
        it.setData(Qt.ItemDataRole.UserRole, key)
    if align_right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


def test_the_candidates_shown_cost_their_cells_not_rows_times_cells(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Filled cell by cell with ResizeToContents, 31 visible candidates asked their cells 322,896
    times (5.7 s) and 58 asked 1,130,304 times (20 s): quadratic. Filled inside ``filling``, the
    columns are measured once."""
    assessment.assess(demo_workspace, operator)
    page = NominationsPage(demo_workspace, lambda: operator)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.tabs.setCurrentIndex(1)  # the candidates in view, as after "Nilai ulang semua pekerja"
    qtbot.wait(10)
    monkeypatch.setattr(tables, "item", _counted_item)
    Counted.asked = 0
    page.refresh()
    qtbot.wait(50)  # the columns are sized when the event loop runs
    cells = page.candidates.rowCount() * page.candidates.columnCount()
    assert page.candidates.rowCount() > 50
    assert Counted.asked <= 30 * cells, f"{Counted.asked} questions for {cells} cells"
    widths = [page.candidates.columnWidth(c) for c in range(page.candidates.columnCount() - 1)]
    name = page.candidates.item(0, 1).text()
    assert widths[1] >= page.candidates.fontMetrics().horizontalAdvance(name)  # sized to the contents


def _inside_filling(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if not isinstance(call, ast.Call):
                    continue
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                if name == "filling":
                    return True
    return False


def test_every_table_the_ui_fills_is_filled_inside_filling() -> None:
    unguarded = []
    for path in sorted(PAGES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "setRowCount"
                and not _inside_filling(node, parents)
            ):
                unguarded.append(f"{path.relative_to(PAGES)}:{node.lineno}")
    assert not unguarded, f"rows set outside tables.filling: {unguarded}"
