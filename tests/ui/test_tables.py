"""The row tables of Sinkronisasi, Nominasi and Dokumen share one set-up (ui/tables.py); each
keeps exactly the look and behaviour it had before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import nominations
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui import tables
from jamsos_desktop.ui.pages.documents import DocumentsPage
from jamsos_desktop.ui.pages.nominations import NominationsPage
from jamsos_desktop.ui.pages.sync import SyncPage

pytestmark = pytest.mark.gui

Select = QAbstractItemView.SelectionMode


def _shape(t: QTableWidget) -> dict[str, object]:
    h, v = t.horizontalHeader(), t.verticalHeader()
    return {
        "edit": t.editTriggers(),
        "behaviour": t.selectionBehavior(),
        "mode": t.selectionMode(),
        "alternating": t.alternatingRowColors(),
        "min_height": t.minimumHeight(),
        "row_numbers": v.isVisibleTo(t),
        "row_height": v.defaultSectionSize(),
        "resize": [h.sectionResizeMode(c) for c in range(t.columnCount())],
        "stretch_last": h.stretchLastSection(),
    }


def _expected(mode: Select, *, alternating: bool, min_height: int, row_height: int, columns: int) -> dict[str, object]:
    return {
        "edit": QAbstractItemView.EditTrigger.NoEditTriggers,
        "behaviour": QAbstractItemView.SelectionBehavior.SelectRows,
        "mode": mode,
        "alternating": alternating,
        "min_height": min_height,
        "row_numbers": False,
        "row_height": row_height,
        "resize": [QHeaderView.ResizeMode.ResizeToContents] * columns,
        "stretch_last": True,
    }


def test_each_page_table_keeps_its_set_up(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor, head: Actor
) -> None:
    nominations.nominate_ranked(demo_workspace, operator, limit=2)
    pages: list[QWidget] = [
        SyncPage(demo_workspace, lambda: operator),
        NominationsPage(demo_workspace, lambda: operator),
        DocumentsPage(demo_workspace, lambda: operator),
    ]
    for p in pages:
        qtbot.addWidget(p)
    plain = QTableWidget()
    qtbot.addWidget(plain)
    default_row = plain.verticalHeader().defaultSectionSize()
    found = {t.objectName(): t for p in pages for t in p.findChildren(QTableWidget)}
    headers = {name: [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())] for name, t in found.items()}
    assert headers == {
        "exportHistory": ["No", "Waktu", "Jenis", "Data", "Usulan", "Berkas"],
        "importHistory": ["No", "Diterapkan", "Menjawab kiriman", "Terdaftar", "Ditolak", "Ganda", "Konflik"],
        "conflicts": ["Pekerja", "Di desa", "Dari kabupaten", "Mengapa"],
        "nominationTable": ["Nama", "NIK", "Dusun", "Status", "Skor", "Iuran", "Catatan"],
        "candidateTable": ["Peringkat", "Nama", "NIK", "Dusun", "Kategori", "Skor", "Status"],
        "printedTable": ["ID", "Nama", "Status", "Dicetak", "Pindaian"],
    }
    for name in ("exportHistory", "importHistory", "conflicts"):
        t = found[name]
        assert _shape(t) == _expected(
            Select.SingleSelection, alternating=False, min_height=140, row_height=default_row, columns=t.columnCount()
        ), name
    for name in ("nominationTable", "candidateTable"):
        t = found[name]
        assert _shape(t) == _expected(
            Select.ExtendedSelection, alternating=True, min_height=0, row_height=24, columns=t.columnCount()
        ), name
    t = found["printedTable"]
    assert _shape(t) == _expected(
        Select.ExtendedSelection, alternating=False, min_height=0, row_height=default_row, columns=t.columnCount()
    )

    # The rows' ids ride in the first cell, where the pages read them back.
    nom = found["nominationTable"]
    assert nom.rowCount() == 2
    first = nom.item(0, 0)
    assert first is not None and len(str(first.data(Qt.ItemDataRole.UserRole))) == 36
    score = nom.item(0, 4)
    assert score is not None and score.textAlignment() == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert nom.item(0, 1).data(Qt.ItemDataRole.UserRole) is None  # type: ignore[union-attr]


def test_fill_puts_each_key_in_its_row_first_cell(qtbot: QtBot) -> None:
    t = tables.table(["A", "B"], "t")
    qtbot.addWidget(t)
    tables.fill(t, [["1", "x"], ["2", "y"]], [7, 8])
    assert [[t.item(r, c).text() for c in range(2)] for r in range(2)] == [["1", "x"], ["2", "y"]]  # type: ignore[union-attr]
    assert [t.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(2)] == [7, 8]  # type: ignore[union-attr]
    assert t.item(0, 1).data(Qt.ItemDataRole.UserRole) is None  # type: ignore[union-attr]
    tables.fill(t, [["3", "z"]])
    assert t.rowCount() == 1 and t.item(0, 0).data(Qt.ItemDataRole.UserRole) is None  # type: ignore[union-attr]
