"""The read-only row tables of the pages (Sinkronisasi, Nominasi, Dokumen): one set-up, one item maker."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QTableWidgetItem


def table(headers: Sequence[str], name: str) -> QTableWidget:
    """Whole rows selected, nothing edited in place, no row numbers, columns as wide as their
    contents and the last one taking the rest. Pages add what is their own (single selection,
    alternating colours, a minimum height)."""
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(list(headers))
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def share_width(t: QTableView, wide: Sequence[int]) -> None:
    """Every column as wide as its title and its cells, the ``wide`` ones (names, words that
    wrap) sharing the rest: columns of equal shares (``Stretch``) cut a long title short on a
    narrow screen ("Nama pengguna" at 1024 px)."""
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for c in wide:
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
    # The rows as high as their wrapped text ("Dr. H. Muhammad Ridwan ..." takes three lines):
    # for the few rows such tables hold, measured again whenever the columns change.
    t.setWordWrap(True)
    rows = t.verticalHeader()
    rows.setMinimumSectionSize(rows.defaultSectionSize())  # a one-line row keeps its usual height
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def item(text: object, key: object = None, *, align_right: bool = False) -> QTableWidgetItem:
    """A cell showing ``text``; ``key`` (the row's id, kept in the first cell) under ``UserRole``."""
    it = QTableWidgetItem(str(text))
    if key is not None:
        it.setData(Qt.ItemDataRole.UserRole, key)
    if align_right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


@contextmanager
def filling(t: QTableWidget) -> Iterator[None]:
    """Around the replacement of a table's rows: the columns are sized once at the end.

    A column in ResizeToContents mode measures every row again after every ``setItem`` (and a
    sorted table sorts again), so filling cell by cell costs rows x cells: 45 s for 500
    candidates of seven columns, while the work it showed had taken one. Every page that fills
    a table fills it inside this.
    """
    header = t.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(header.count())]
    sorting = t.isSortingEnabled()
    t.setSortingEnabled(False)
    t.setUpdatesEnabled(False)
    for c, mode in enumerate(modes):
        if mode == QHeaderView.ResizeMode.ResizeToContents:
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        for c, mode in enumerate(modes):
            if mode == QHeaderView.ResizeMode.ResizeToContents:
                header.setSectionResizeMode(c, mode)
        t.setSortingEnabled(sorting)
        t.setUpdatesEnabled(True)


def fill(t: QTableWidget, rows: Sequence[Sequence[object]], keys: Sequence[object] | None = None) -> None:
    """Replaces the table's rows; ``keys[r]`` goes with the first cell of row ``r``."""
    with filling(t):
        t.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.setItem(r, c, item(text, keys[r] if c == 0 and keys is not None else None))
