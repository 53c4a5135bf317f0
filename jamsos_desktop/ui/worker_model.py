"""The worker list as a lazily-filled table model: the count, then pages on demand, never everything.

A new search or filter runs as a background task (count and first page together); answers to
older searches that arrive late are dropped, so typing never waits for the database. Other
pages are read when the view first asks for one of their rows, and only the most recently
used pages are kept. Once typing pauses, the ordered row numbers of the whole result are
fetched in the background (under a megabyte at 100,000 rows); pages are then read by number,
as fast in the middle of the list as at its top.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from ..domain import statuses
from ..domain.occupations import CATEGORIES
from ..services import worker_pages
from ..services.context import Workspace
from ..services.rows import WorkerRow
from ..services.workers import WorkerQuery
from . import tasks

PAGE_SIZE = 200
MAX_PAGES = 12  # 2,400 rows in memory at most (about ten screens above and below)
#: How long typing must pause before the full list of row numbers is fetched.
ROWIDS_AFTER_MS = 400

Index = QModelIndex | QPersistentModelIndex


class WorkerTableModel(QAbstractTableModel):
    #: Emitted when a new query's first page is in (``exact`` False: more may follow), and
    #: again with the full count once it is known.
    resultsChanged = Signal(int)

    # (sort key in services.workers.SORTABLE, header, value)
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("name", "Nama"),
        ("nik", "NIK"),
        ("kk", "No. KK"),
        ("birth_date", "Tgl. lahir"),
        ("sex", "L/P"),
        ("dusun", "Dusun"),
        ("rt", "RT/RW"),
        ("category", "Kategori"),
        ("status", "Status"),
    )

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.query = WorkerQuery(limit=PAGE_SIZE)
        self.total = 0
        self._pages: OrderedDict[int, list[WorkerRow]] = OrderedDict()
        self._generation = 0
        self.loading = False
        self.exact = True  # False while a broad search's count is still being taken
        self.rowids: array[int] | None = None
        self._rowid_timer = QTimer(self)
        self._rowid_timer.setSingleShot(True)
        self._rowid_timer.setInterval(ROWIDS_AFTER_MS)
        self._rowid_timer.timeout.connect(self._fetch_rowids)
        self.headers = [
            self.tr("Nama"),
            self.tr("NIK"),
            self.tr("No. KK"),
            self.tr("Tgl. lahir"),
            self.tr("L/P"),
            self.tr("Dusun"),
            self.tr("RT/RW"),
            self.tr("Kategori"),
            self.tr("Status"),
        ]

    # -- queries ------------------------------------------------------------------------------

    def set_query(self, query: WorkerQuery) -> None:
        self.query = replace(query, offset=0, limit=PAGE_SIZE)
        self.refresh()

    def refresh(self) -> None:
        self._rowid_timer.stop()
        self._generation += 1
        generation = self._generation
        query = self.query
        self.loading = True
        tasks.run_task(
            lambda: worker_pages.first_rows(self.ws, query, PAGE_SIZE),
            lambda rows: self._arrived(generation, rows),
        )

    def _arrived(self, generation: int, rows: list[WorkerRow]) -> None:
        """The first page is on screen at once; a full page means the count is still to come."""
        if generation != self._generation:
            return  # an older search answered after a newer one was typed
        self.beginResetModel()
        self.total = len(rows)
        self.exact = len(rows) < PAGE_SIZE
        self.rowids = None
        self._pages = OrderedDict({0: rows})
        self.endResetModel()
        self.loading = False
        self.resultsChanged.emit(self.total)
        if not self.exact:
            query = self.query
            tasks.run_task(
                lambda: worker_pages.count(self.ws, query),
                lambda n: self._counted(generation, n),
            )

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation or self.exact:
            return
        if total > self.total:
            self.beginInsertRows(QModelIndex(), self.total, total - 1)
            self.total = total
            self.endInsertRows()
        self.exact = True
        self.resultsChanged.emit(self.total)
        if self.total > PAGE_SIZE:
            self._rowid_timer.start()

    def _fetch_rowids(self) -> None:
        generation = self._generation
        query = self.query
        tasks.run_task(
            lambda: worker_pages.find(self.ws, query),
            lambda found: self._rowids_arrived(generation, found),
        )

    def _rowids_arrived(self, generation: int, found: worker_pages.Found) -> None:
        if generation != self._generation:
            return
        if not self.exact or found.total != self.total:
            # The list changed in between (another save): start over from the new numbers.
            self.beginResetModel()
            self.total = found.total
            self._pages.clear()
            self.rowids = found.rowids
            self.exact = True
            self.endResetModel()
            self.resultsChanged.emit(found.total)
            return
        self.rowids = found.rowids

    def _page(self, number: int) -> list[WorkerRow]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        start = number * PAGE_SIZE
        if self.rowids is not None:
            rows = worker_pages.rows(self.ws, self.rowids[start : start + PAGE_SIZE])
        else:
            rows = worker_pages.page(self.ws, self.query, start, PAGE_SIZE, self.total)
        self._pages[number] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    def row_at(self, row: int) -> WorkerRow | None:
        if not 0 <= row < self.total:
            return None
        rows = self._page(row // PAGE_SIZE)
        i = row % PAGE_SIZE
        return rows[i] if i < len(rows) else None

    def cached_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # -- Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.headers[section]
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            w = self.row_at(index.row())
            if w is None:
                return None
            key = self.COLUMNS[index.column()][0]
            if key == "name":
                return w.name
            if key == "nik":
                return w.nik
            if key == "kk":
                return w.kk
            if key == "birth_date":
                return w.birth_date.strftime("%d-%m-%Y")
            if key == "sex":
                return w.sex
            if key == "dusun":
                return w.dusun
            if key == "rt":
                return f"{w.rt}/{w.rw}"
            if key == "category":
                return CATEGORIES.get(w.category, w.category)
            if key == "status":
                return statuses.label(w.status)
        if role == Qt.ItemDataRole.UserRole:
            w = self.row_at(index.row())
            return w.id if w else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column][0]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.order_by and descending == self.query.descending:
            return
        self.set_query(replace(self.query, order_by=key, descending=descending))
