"""Pekerja: the searchable, filterable worker list and, in the same place, the worker form.

Its writes (a proposal, the form's saves and drafts) are ``ops.CollectionOp``s; it refreshes
when workers or nominations changed (``on_changes``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain import history_notes, statuses
from ...domain.actors import sees_full_nik
from ...domain.occupations import CATEGORIES
from ...services import drafts, nominations, overview, workers
from ...services.context import ROLE_ADMIN, ROLE_OPERATOR, Actor, Workspace
from ...services.workers import WorkerQuery
from .. import amounts, errors, timefmt
from ..import_wizard import TransferButton
from ..ops import CollectionOp, OpChanges, statuses_moved
from ..worker_form import DRAFT_KIND, WorkerForm
from ..worker_model import WorkerTableModel

#: Each column's width when there is room (name, NIK, KK, born, sex, dusun, RT/RW, category,
#: status), the narrowest each may be, and the order in which columns step aside when the table
#: is too narrow for all of them (No. KK first: it is in the form; the name, NIK and status never).
COLUMN_WIDTHS = (220, 140, 140, 90, 40, 110, 70, 140, 110)
COLUMN_MIN = (130, 125, 125, 82, 36, 80, 56, 90, 80)
HIDE_WHEN_NARROW = (2, 3, 6, 5)


def fit_columns(available: int, widths: tuple[int, ...] = COLUMN_WIDTHS) -> tuple[list[int], set[int]]:
    """The width of each column and the columns hidden so that the table fits ``available``
    pixels without a sideways scroll: first shrunk towards ``COLUMN_MIN``, then, when that is not
    enough, the least needed columns hidden one by one (and the others widened again)."""
    hidden: set[int] = set()
    while True:
        shown = [c for c in range(len(widths)) if c not in hidden]
        full = sum(widths[c] for c in shown)
        least = sum(COLUMN_MIN[c] for c in shown)
        if full <= available:
            return list(widths), hidden
        if least <= available or len(hidden) == len(HIDE_WHEN_NARROW):
            # Shrink every column by the same share of what it can give up.
            share = (full - available) / max(full - least, 1)
            out = list(widths)
            for c in shown:
                out[c] = max(COLUMN_MIN[c], int(widths[c] - (widths[c] - COLUMN_MIN[c]) * min(share, 1.0)))
            return out, hidden
        hidden.add(HIDE_WHEN_NARROW[len(hidden)])


class WorkersPage(QWidget):
    def __init__(self, workspace: Workspace, actor_getter: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor = actor_getter
        self.stack = QStackedWidget()
        self.list_page = QWidget()
        self.form = WorkerForm(workspace, actor_getter)
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.form)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.search = QLineEdit()
        self.search.setObjectName("workerSearch")
        self.search.setPlaceholderText(self.tr("Cari nama, NIK, No. KK atau dusun…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("Semua status"), "")
        for s in statuses.WORKER_STATUSES:
            self.status_filter.addItem(statuses.label(s), s)
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("categoryFilter")
        self.category_filter.addItem(self.tr("Semua kategori"), "")
        for key in CATEGORIES:
            self.category_filter.addItem(amounts.category(key), key)
        self.dusun_filter = QComboBox()
        self.dusun_filter.setObjectName("dusunFilter")
        self.add_button = QPushButton(self.tr("+ Tambah pekerja"))
        self.add_button.setObjectName("addWorker")
        self.add_button.setShortcut("Ctrl+N")
        self.propose_button = QPushButton(self.tr("Usulkan"))
        self.propose_button.setObjectName("proposeSelected")
        self.drafts_button = QPushButton(self.tr("Draf"))
        self.drafts_button.setObjectName("draftsButton")
        self.drafts_menu = QMenu(self)
        self.drafts_button.setMenu(self.drafts_menu)
        self.drafts_menu.aboutToShow.connect(self._fill_drafts)
        self.transfer_button = TransferButton(workspace, actor_getter, self.query, self)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.status_filter, 1)
        top.addWidget(self.category_filter, 1)
        top.addWidget(self.dusun_filter, 1)
        # The actions on a row of their own, so that the search and its filters keep their room
        # on a 1024 px screen (one row of both needed 1,078 px once Impor/Ekspor joined it).
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.drafts_button)
        actions.addWidget(self.transfer_button)
        actions.addWidget(self.propose_button)
        actions.addWidget(self.add_button)

        self.model = WorkerTableModel(workspace, self, full_nik=sees_full_nik(self.actor().role))
        self.table = QTableView()
        self.table.setObjectName("workerTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate(COLUMN_WIDTHS[:-1]):
            self.table.setColumnWidth(col, width)
        # Narrow (a 1024 px netbook), the columns shrink and the least needed step aside rather
        # than pushing Category and Status off to the right; a long name is elided.
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.viewport().installEventFilter(self)
        self._fitted_width = -1
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._show_history)

        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.history = QTextBrowser()
        self.history.setObjectName("workerHistory")
        self.history.setMinimumHeight(40)
        history_box = QWidget()
        history_box.setObjectName("historyBox")
        hl = QVBoxLayout(history_box)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(QLabel(self.tr("Riwayat status pekerja terpilih:")))
        hl.addWidget(self.history, 1)
        self.history_box = history_box
        # The history below the table, as high as the person drags it (or folded away): on a
        # 600 px screen the table keeps most of the height.
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("historySplitter")
        split.addWidget(self.table)
        split.addWidget(history_box)
        split.setCollapsible(0, False)
        split.setCollapsible(1, True)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([400, 90])
        self.history_splitter = split

        lay = QVBoxLayout(self.list_page)
        lay.addLayout(top)
        lay.addLayout(actions)
        lay.addWidget(split, 1)
        lay.addWidget(self.count_label)

        # Every keystroke searches at once: the model keeps one query in flight and skips
        # texts that were typed over meanwhile, so there is no delay to wait out.
        self.search.textChanged.connect(lambda _t: self._search_edited())
        for combo in (self.status_filter, self.category_filter, self.dusun_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self._focus_search)
        self.addAction(find)
        self.model.resultsChanged.connect(self._show_count)
        self.add_button.clicked.connect(self.new_worker)
        self.propose_button.clicked.connect(self.propose_selected)
        self.form.saved.connect(self._saved)
        self.form.closed.connect(self.show_list)
        self.form.openWorker.connect(self.open_worker)
        self.apply_roles()
        self._fill_dusun()
        self.apply_filters()
        self._show_draft_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        scroll = self.table.verticalScrollBar()
        # The room the columns have whether or not the rows scroll down (no sideways flicker).
        available = self.table.viewport().width() + (scroll.width() if scroll.isVisible() else 0)
        available -= scroll.sizeHint().width() + 2
        if available == self._fitted_width:
            return
        self._fitted_width = available
        widths, hidden = fit_columns(available)
        for col, width in enumerate(widths):
            self.table.setColumnHidden(col, col in hidden)
            if col < len(widths) - 1:
                self.table.setColumnWidth(col, width)

    # -- roles --------------------------------------------------------------------------------

    def apply_roles(self) -> None:
        can_record = self.actor().role in {ROLE_OPERATOR, ROLE_ADMIN}
        self.add_button.setEnabled(can_record)
        self.propose_button.setEnabled(can_record)
        self.drafts_button.setEnabled(can_record)
        self.transfer_button.set_can_import(can_record)

    # -- list ---------------------------------------------------------------------------------

    def query(self) -> WorkerQuery:
        return replace(
            self.model.query,
            search=self.search.text().strip(),
            status=self.status_filter.currentData() or None,
            category=self.category_filter.currentData() or None,
            dusun=self.dusun_filter.currentData() or None,
        )

    def _focus_search(self) -> None:
        self.show_list()
        self.search.setFocus()
        self.search.selectAll()

    def apply_filters(self) -> None:
        self.model.set_query(self.query())

    def _search_edited(self) -> None:
        # "siti" and "siti " are the same search: a space typed between words asks nothing.
        query = self.query()
        if query != self.model.query:
            self.model.set_query(query)

    def _fill_dusun(self) -> None:
        current = self.dusun_filter.currentData()
        self.dusun_filter.blockSignals(True)
        self.dusun_filter.clear()
        self.dusun_filter.addItem(self.tr("Semua dusun"), "")
        for d in workers.distinct_values(self.ws, "dusun"):
            self.dusun_filter.addItem(d, d)
        i = self.dusun_filter.findData(current) if current else 0
        self.dusun_filter.setCurrentIndex(max(0, i))
        self.dusun_filter.blockSignals(False)

    def _show_count(self, total: int) -> None:
        shown = amounts.count(total)
        if self.model.exact:
            self.count_label.setText(self.tr("{0} pekerja").format(shown))
        else:
            self.count_label.setText(self.tr("{0}+ pekerja (menghitung…)").format(shown))

    def refresh(self) -> None:
        self._fill_dusun()
        self.model.refresh()

    def on_changes(self, changes: OpChanges) -> None:
        if changes.any("workers", "nominations"):  # the list shows each worker's status
            self.refresh()
        if changes.any("drafts"):
            self._show_draft_count()

    def selected_ids(self) -> list[str]:
        ids = []
        for idx in self.table.selectionModel().selectedRows():
            wid = self.model.data(idx, Qt.ItemDataRole.UserRole)
            if wid:
                ids.append(str(wid))
        return ids

    def _show_history(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        wid = self.model.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        if not wid:
            self.history.clear()
            return
        events = overview.history(self.ws, str(wid))
        if not events:
            self.history.setPlainText(self.tr("Belum pernah diusulkan."))
            return
        lines = []
        for e in events:
            line = f"{timefmt.local(e.at)}  {statuses.label(e.to_status)}  ({e.username})"
            if e.note:
                line += f" — {history_notes.shown(e.note)}"
            lines.append(line)
        self.history.setPlainText("\n".join(lines))

    def propose_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or not self.propose_button.isEnabled():
            return
        self.propose_button.setEnabled(False)  # one proposal at a time

        def done(changed: nominations.Changed) -> None:
            self.apply_roles()
            self.count_label.setText(self.tr("{0} pekerja diusulkan.").format(len(changed.worker_ids)))

        def failed(exc: BaseException) -> None:
            self.apply_roles()
            errors.handle(exc, self)

        job = partial(nominations.nominate, self.ws, self.actor(), ids)
        CollectionOp(self, job, changes=statuses_moved).success(done).failure(failed).run()

    # -- form ---------------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        wid = self.model.data(index, Qt.ItemDataRole.UserRole)
        if wid:
            self.open_worker(str(wid))

    def new_worker(self) -> None:
        """A blank form, always: drafts are opened from the Draf list, never by surprise. A form
        being typed in is kept as its own draft first."""
        if self.form.busy:
            return
        if self.stack.currentWidget() is self.form and self.form.dirty:
            self.form.autosave_draft()
        self.form.load_new()
        self.stack.setCurrentWidget(self.form)

    def open_worker(self, worker_id: str) -> None:
        if self.stack.currentWidget() is self.form and self.form.dirty:
            self.form.keep_draft()
        d = drafts.get_draft(self.ws, self.actor(), DRAFT_KIND, worker_id)
        if d is not None:
            self.form.load_draft(d)
        else:
            self.form.load_worker(worker_id)
        self.stack.setCurrentWidget(self.form)

    def _fill_drafts(self) -> None:
        self.drafts_menu.clear()
        found = drafts.list_drafts(self.ws, self.actor(), DRAFT_KIND)
        self._show_draft_count(len(found))
        if not found:
            self.drafts_menu.addAction(self.tr("Tidak ada draf")).setEnabled(False)
        for d in found:
            name = str(d.payload.get("name") or self.tr("(tanpa nama)"))
            kind = self.tr("ubahan data") if d.entity_id else self.tr("pekerja baru")
            act = self.drafts_menu.addAction(f"{name} ({kind}) — {timefmt.local(d.updated_at)}")
            act.triggered.connect(lambda _c=False, d=d: self._resume(d))

    def _show_draft_count(self, n: int | None = None) -> None:
        """ "Draf (3)": the drafts waiting are in sight, to be opened when the person chooses."""
        if n is None:
            n = len(drafts.list_drafts(self.ws, self.actor(), DRAFT_KIND))
        self.drafts_button.setText(self.tr("Draf ({0})").format(n) if n else self.tr("Draf"))

    def _resume(self, d: drafts.DraftRow) -> None:
        if self.form.busy:
            return
        if self.stack.currentWidget() is self.form and self.form.dirty:
            self.form.autosave_draft()
        self.form.load_draft(d)
        self.stack.setCurrentWidget(self.form)

    def _saved(self, worker_id: str) -> None:
        self.show_list()  # the list was refreshed already (on_changes)
        self.count_label.setText(self.tr("Tersimpan: {0}").format(workers.short_id(worker_id)))

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        self.table.setFocus()

    def before_lock(self) -> None:
        """Keeps an open form as a draft at once (the lock may be followed by a power cut),
        through the write queue: behind any autosave already waiting there, which would
        otherwise land afterwards with older values. Closing the app waits for the queue."""
        if self.stack.currentWidget() is self.form:
            self.form.autosave_draft()
