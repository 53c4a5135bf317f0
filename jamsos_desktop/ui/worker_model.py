"""The worker list as a lazily-filled table model: the first rows, then the count, then pages on
demand, never everything.

Every keystroke asks at once for the first screenful (``FIRST_ROWS``), on a background thread;
at most one such query is in flight, and when the text changed meanwhile its answer is dropped
and only the newest text is asked for next, so typing never queues up work (``ops.Latest``). The count of a
broad result, which can take longer than the first rows, waits until typing pauses
(``SETTLE_MS``). Other rows are read when the view first asks for them, a page at a time, and
only the most recently used pages are kept. Once typing has paused, the ordered row numbers of
the whole result are fetched in the background (under a megabyte at 100,000 rows); pages are
then read by number, as fast in the middle of the list as at its top.

Display texts are formatted once per row, when its page arrives (for the first rows, on the
background thread), so that painting a screen costs a tuple look-up per cell.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from ..domain import statuses
from ..domain.identity import mask_nik
from ..services import worker_pages
from ..services.context import Workspace
from ..services.rows import WorkerRow
from ..services.workers import WorkerQuery
from . import amounts, tasks
from .ops import Latest

#: The first answer to a keystroke: a screenful of a maximised window (about 38 rows at 1080p).
FIRST_ROWS = 40
PAGE_SIZE = 200
MAX_PAGES = 12  # 2,400 rows in memory at most (about ten screens above and below)
#: How long typing must pause before a broad result is counted.
SETTLE_MS = 150
#: How long after the count the full list of row numbers is fetched.
ROWIDS_AFTER_MS = 400

Index = QModelIndex | QPersistentModelIndex
#: A row and its nine display texts.
Line = tuple[WorkerRow, tuple[str, ...]]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_USER = Qt.ItemDataRole.UserRole


def display(w: WorkerRow, full_nik: bool = True) -> tuple[str, ...]:
    """The texts of the nine columns, in the order of ``WorkerTableModel.COLUMNS``; the NIK and
    KK number masked unless ``full_nik`` (``actors.sees_full_nik`` of the person signed in)."""
    return (
        w.name,
        w.nik if full_nik else mask_nik(w.nik),
        w.kk if full_nik or not w.kk else mask_nik(w.kk),
        f"{w.birth_date.day:02d}-{w.birth_date.month:02d}-{w.birth_date.year:04d}",  # strftime: 20× slower
        amounts.sex(w.sex),
        w.dusun,
        f"{w.rt}/{w.rw}",
        amounts.category(w.category),
        statuses.label(w.status),
    )


def lines(rows: list[WorkerRow], full_nik: bool = True) -> list[Line]:
    return [(w, display(w, full_nik)) for w in rows]


class WorkerTableModel(QAbstractTableModel):
    #: Emitted when a new query's first rows are in (``exact`` False: more may follow), and
    #: again with the full count once it is known.
    resultsChanged = Signal(int)

    #: The sort key (services.workers.SORTABLE) of each column; the headers are ``self.headers``.
    COLUMNS: tuple[str, ...] = ("name", "nik", "kk", "birth_date", "sex", "dusun", "rt", "category", "status")

    def __init__(self, workspace: Workspace, parent: Any = None, *, full_nik: bool = True) -> None:
        super().__init__(parent)
        self.ws = workspace
        #: Whether the NIK and KK columns show whole numbers (``actors.sees_full_nik``).
        self.full_nik = full_nik
        self.query = WorkerQuery(limit=PAGE_SIZE)
        self.total = 0
        self._head: list[Line] = []  # the first answer, until page 0 is read whole
        self._pages: OrderedDict[int, list[Line]] = OrderedDict()
        # Only the newest answer counts: a new query supersedes the first rows, the count and the
        # row numbers still on their way for the one before.
        self._first = Latest(self, one_at_a_time=True, quiet=False)
        self._counts = Latest(self, quiet=False)
        self._numbers = Latest(self, quiet=False)
        self.loading = False
        self.exact = True  # False while a broad search's count is still to come
        self.rowids: array[int] | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self._count)
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
        """Asks for the first rows of the current query (or, if a query is in flight, next)."""
        self._settle.stop()
        self._rowid_timer.stop()
        self._counts.drop()
        self._numbers.drop()
        self.loading = True
        query, ws, full = self.query, self.ws, self.full_nik
        self._first.ask(
            lambda: lines(worker_pages.first_rows(ws, query, FIRST_ROWS), full), self._arrived, self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        tasks.report_unexpected(exc)

    def _arrived(self, found: list[Line]) -> None:
        """The first rows are on screen at once; a full answer means the count is still to come."""
        self.beginResetModel()
        self.total = len(found)
        self.exact = len(found) < FIRST_ROWS
        self.rowids = None
        self._head = found
        self._pages = OrderedDict()
        self.endResetModel()
        self.loading = False
        self.resultsChanged.emit(self.total)
        if not self.exact:
            if SETTLE_MS <= 0:
                self._count()
            else:
                self._settle.start(SETTLE_MS)

    def _count(self) -> None:
        if self.exact:
            return
        query, ws = self.query, self.ws
        self._counts.ask(lambda: worker_pages.count(ws, query), self._counted)

    def _counted(self, total: int) -> None:
        if self.exact:
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
        query, ws = self.query, self.ws
        self._numbers.ask(lambda: worker_pages.find(ws, query), self._rowids_arrived)

    def _rowids_arrived(self, found: worker_pages.Found) -> None:
        if not self.exact or found.total != self.total:
            # The list changed in between (another save): start over from the new numbers.
            self.beginResetModel()
            self.total = found.total
            self._head = []
            self._pages.clear()
            self.rowids = found.rowids
            self.exact = True
            self.endResetModel()
            self.resultsChanged.emit(found.total)
            return
        self.rowids = found.rowids

    def _page(self, number: int) -> list[Line]:
        got = self._pages.get(number)
        if got is not None:
            self._pages.move_to_end(number)
            return got
        start = number * PAGE_SIZE
        if self.rowids is not None:
            rows = worker_pages.rows(self.ws, self.rowids[start : start + PAGE_SIZE])
        else:
            rows = worker_pages.page(self.ws, self.query, start, PAGE_SIZE, self.total)
        got = lines(rows, self.full_nik)
        self._pages[number] = got
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return got

    def _line(self, row: int) -> Line | None:
        if not 0 <= row < self.total:
            return None
        if row < len(self._head):
            return self._head[row]
        got = self._page(row // PAGE_SIZE)
        i = row % PAGE_SIZE
        return got[i] if i < len(got) else None

    def row_at(self, row: int) -> WorkerRow | None:
        line = self._line(row)
        return line[0] if line is not None else None

    def cached_rows(self) -> int:
        return len(self._head) + sum(len(p) for p in self._pages.values())

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
        # Called several times per cell on every paint: the texts are ready-made.
        if role not in (_DISPLAY, _USER):
            return None
        line = self._line(index.row())
        if line is None:
            return None
        return line[1][index.column()] if role == _DISPLAY else line[0].id

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.order_by and descending == self.query.descending:
            return
        self.set_query(replace(self.query, order_by=key, descending=descending))
