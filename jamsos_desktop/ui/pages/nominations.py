"""Nominasi: propose within the quota, the village head's decision, and the ranked candidates.

Every decision and proposal is an ``ops.CollectionOp`` on the one write queue, off the GUI
thread; while one runs, the buttons that write are disabled so nothing is submitted twice. The
page refreshes when workers, nominations, assessments or the program changed (``on_changes``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain import history_notes, statuses
from ...domain.text import UserError, language
from ...services import assessment, nominations, overview, village
from ...services.context import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR, Actor, Workspace
from ...services.rows import QuotaSummary
from .. import amounts, errors, tables, timefmt, village_text
from ..chart import QuotaBar
from ..ops import NOTHING, CollectionOp, OpChanges, statuses_moved
from .dashboard import quota_note, show_quota


def _table(headers: Sequence[str], name: str) -> QTableWidget:
    t = tables.table(headers, name)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setDefaultSectionSize(24)
    return t


ASSESSED = OpChanges(assessments=True)
#: Candidate rows filled beyond those in view (the rest are filled as they scroll into view).
MARGIN_ROWS = 40


class NominationsPage(QWidget):
    def __init__(self, workspace: Workspace, actor_getter: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor = actor_getter
        self._busy = False  # a decision or proposal on its way to the database
        # The ranked candidates shown, by row; a row's cells are made when it first comes into
        # view (10,000 assessed workers make 2,000 rows of seven cells, of which 20 are seen).
        self._candidate_rows: list[overview.CandidateRow] = []
        self._candidate_at: dict[str, int] = {}
        self._cells_made: bytearray = bytearray()
        self._head: str | None = None
        self.quota_bar = QuotaBar()
        self.quota_bar.setObjectName("quotaBar")
        self.quota_note = quota_note()

        # Proposals and decisions
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("nominationStatusFilter")
        self.status_filter.addItem(self.tr("Semua status"), "")
        for s in statuses.NOMINATION_STATUSES:
            self.status_filter.addItem(statuses.label(s), s)
        self.status_filter.setCurrentIndex(self.status_filter.findData(statuses.PROPOSED))
        self.approve_button = QPushButton(self.tr("Setujui terpilih"))
        self.approve_button.setObjectName("approveSelected")
        self.approve_all_button = QPushButton(self.tr("Setujui semua usulan"))
        self.approve_all_button.setObjectName("approveAll")
        self.decline_button = QPushButton(self.tr("Tolak terpilih…"))
        self.decline_button.setObjectName("declineSelected")
        self.table = _table(
            [
                self.tr("Nama"),
                self.tr("NIK"),
                self.tr("Dusun"),
                self.tr("Status"),
                self.tr("Skor"),
                self.tr("Iuran"),
                self.tr("Catatan"),
            ],
            "nominationTable",
        )
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Tampilkan:")))
        bar.addWidget(self.status_filter)
        bar.addStretch(1)
        bar.addWidget(self.decline_button)
        bar.addWidget(self.approve_button)
        bar.addWidget(self.approve_all_button)
        # What the last decision did, in words (the rows it moved leave this list).
        self.decision_note = QLabel()
        self.decision_note.setObjectName("decisionNote")
        self.decision_note.setWordWrap(True)
        self.decision_note.setStyleSheet("color: #1a7f37; font-weight: 600;")
        decisions = QWidget()
        dl = QVBoxLayout(decisions)
        dl.addLayout(bar)
        dl.addWidget(self.decision_note)
        dl.addWidget(self.table, 1)

        # Ranked candidates
        self.assess_button = QPushButton(self.tr("Nilai ulang semua pekerja"))
        self.assess_button.setObjectName("assessAll")
        self.propose_button = QPushButton(self.tr("Usulkan terpilih"))
        self.propose_button.setObjectName("proposeCandidates")
        self.fill_button = QPushButton(self.tr("Usulkan sesuai peringkat sampai kuota penuh"))
        self.fill_button.setObjectName("fillQuota")
        self.candidate_info = QLabel()
        self.candidate_info.setWordWrap(True)
        self.candidates = _table(
            [
                self.tr("Peringkat"),
                self.tr("Nama"),
                self.tr("NIK"),
                self.tr("Dusun"),
                self.tr("Kategori"),
                self.tr("Skor"),
                self.tr("Status"),
            ],
            "candidateTable",
        )
        cbar = QHBoxLayout()
        cbar.addWidget(self.assess_button)
        cbar.addStretch(1)
        cbar.addWidget(self.propose_button)
        cbar.addWidget(self.fill_button)
        ranked = QWidget()
        rl = QVBoxLayout(ranked)
        rl.addLayout(cbar)
        rl.addWidget(self.candidate_info)
        rl.addWidget(self.candidates, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(decisions, self.tr("Usulan dan keputusan"))
        self.tabs.addTab(ranked, self.tr("Peringkat calon"))
        self.history = QTextBrowser()
        self.history.setObjectName("nominationHistory")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        hist = QWidget()
        hl = QVBoxLayout(hist)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(QLabel(self.tr("Riwayat status pekerja terpilih:")))
        hl.addWidget(self.history)
        split.addWidget(hist)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)

        lay = QVBoxLayout(self)
        lay.addWidget(self.quota_bar)
        lay.addWidget(self.quota_note)
        lay.addWidget(split, 1)

        self.status_filter.currentIndexChanged.connect(self._fill_nominations)
        self.approve_button.clicked.connect(self.approve_selected)
        self.approve_all_button.clicked.connect(self.approve_all)
        self.decline_button.clicked.connect(self.decline_selected)
        self.assess_button.clicked.connect(self.assess_all)
        self.propose_button.clicked.connect(self.propose_selected)
        self.fill_button.clicked.connect(self.fill_quota)
        for t in (self.table, self.candidates):
            t.itemSelectionChanged.connect(lambda t=t: self._show_history(t))
        self.candidates.verticalScrollBar().valueChanged.connect(self._make_cells_in_view)
        self.tabs.currentChanged.connect(self._make_cells_in_view)
        self.apply_roles()
        self.refresh()
        self.open_on_what_needs_doing()

    def open_on_what_needs_doing(self) -> None:
        """The tab with the next thing to do: the head decides on the proposals; the operator
        proposes from the ranking while the quota has room, and follows the decisions once it is full."""
        if self.actor().role == ROLE_APPROVER:
            self.tabs.setCurrentIndex(0)
            return
        q = nominations.quota_summary(self.ws)
        self.tabs.setCurrentIndex(1 if q.remaining > 0 else 0)

    def apply_roles(self) -> None:
        role = self.actor().role
        approver = role == ROLE_APPROVER
        recorder = role in {ROLE_OPERATOR, ROLE_ADMIN}
        idle = not self._busy
        if not approver and self._head is None:  # the village's head, as it calls them (read once)
            words = village_text.words_of(village.get_village(self.ws))
            self._head = village_text.role_name(ROLE_APPROVER, words, with_id=True)
        for b in (self.approve_button, self.approve_all_button, self.decline_button):
            b.setEnabled(approver and idle)
            b.setToolTip("" if approver else self.tr("Hanya {0} yang dapat memutuskan.").format(self._head))
        for b in (self.propose_button, self.fill_button):
            b.setEnabled(recorder and idle)
            b.setToolTip("" if recorder else self.tr("Hanya operator atau admin yang dapat mengusulkan."))
        self.assess_button.setEnabled(idle)

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.apply_roles()

    # -- data ---------------------------------------------------------------------------------

    def on_changes(self, changes: OpChanges) -> None:
        if changes.any("assessments", "program") or (changes.any("workers", "nominations") and not changes.worker_ids):
            self.refresh()
        elif changes.any("workers", "nominations"):
            self._refresh_workers(changes.worker_ids)

    def _refresh_workers(self, worker_ids: frozenset[str]) -> None:
        """After a write that names its workers (a proposal, a decision, an edit): the quota,
        the proposals, and those workers' rows of the ranking, which is otherwise as it was
        (only an assessment ranks again)."""
        shown = [w for w in worker_ids if w in self._candidate_at]
        fresh = {c.worker_id: c for c in overview.candidates(self.ws, worker_ids=shown)} if shown else {}
        if len(fresh) != len(shown):  # someone left the ranking (deleted): it is read again whole
            self.refresh()
            return
        q = nominations.quota_summary(self.ws)
        show_quota(self.quota_bar, q, self.quota_note)
        self._fill_nominations()
        t = self.candidates
        with tables.filling(t):
            for wid, c in fresh.items():
                r = self._candidate_at[wid]
                self._candidate_rows[r] = c
                if self._cells_made[r]:
                    self._set_candidate_cells(r, c)
        self._say_candidates(q)

    def refresh(self) -> None:
        q = nominations.quota_summary(self.ws)
        show_quota(self.quota_bar, q, self.quota_note)
        hamlet = str(village_text.hamlet(village_text.words_of(village.get_village(self.ws))))
        for table, column in ((self.table, 2), (self.candidates, 3)):  # 'Jorong', 'Banjar', not 'Dusun'
            header = table.horizontalHeaderItem(column)
            if header is not None:
                header.setText(hamlet)
        self._fill_nominations()
        self._fill_candidates(q)

    def _fill_nominations(self) -> None:
        rows = overview.nominations(self.ws, self.status_filter.currentData() or None)
        t = self.table
        t.clearSelection()
        self.history.clear()
        with tables.filling(t):
            t.setRowCount(len(rows))
            for r, n in enumerate(rows):
                t.setItem(r, 0, tables.item(n.name, n.worker_id))
                t.setItem(r, 1, tables.item(n.nik_masked))
                t.setItem(r, 2, tables.item(n.dusun))
                t.setItem(r, 3, tables.item(statuses.label(n.status)))
                t.setItem(r, 4, tables.item(n.score, align_right=True))
                t.setItem(r, 5, tables.item(amounts.rupiah(n.total), align_right=True))
                t.setItem(r, 6, tables.item(n.decline_reason))

    def _fill_candidates(self, q: QuotaSummary) -> None:
        rows = overview.candidates(self.ws)
        t = self.candidates
        t.clearSelection()
        self._candidate_rows = rows
        self._candidate_at = {c.worker_id: r for r, c in enumerate(rows)}
        self._cells_made = bytearray(len(rows))
        with tables.filling(t):
            t.clearContents()
            t.setRowCount(len(rows))
            self._make_cells(0, MARGIN_ROWS)
        self._make_cells_in_view()
        self._say_candidates(q)

    def _say_candidates(self, q: QuotaSummary) -> None:
        rows = self._candidate_rows
        # Only the ranking of those still to propose needs a new assessment: moving a proposal
        # (proposed, approved, printed) changes its worker's version, not what it was assessed on.
        outdated = sum(1 for c in rows if c.outdated and c.status == statuses.RECORDED)
        if not rows:
            self.candidate_info.setText(self.tr('Belum ada penilaian. Tekan "Nilai ulang semua pekerja".'))
        else:
            text = (
                self.tr("{0} calon memenuhi syarat", "", len(rows)).format(len(rows))
                + " "
                + self.tr("untuk {0} tempat (sisa {1}).", "", q.places).format(q.places, q.remaining)
            )
            if len(rows) > q.places:
                text += " " + self.tr(
                    "Calon melebihi kuota: urutan menurut skor (DTKS, pekerjaan berisiko, rumah tangga belum terlindungi, penghasilan rendah)."
                )
            if outdated:
                text += " " + self.tr("{0} penilaian sudah usang; nilai ulang.").format(outdated)
            self.candidate_info.setText(text)

    def _make_cells_in_view(self, *_: object) -> None:
        """The cells of the candidate rows in view (and a margin below), when not made yet."""
        t = self.candidates
        if not self._candidate_rows:
            return
        first = max(t.rowAt(0), 0)
        last = t.rowAt(t.viewport().height() - 1)
        if last < 0:
            last = first + max(t.viewport().height() // max(t.verticalHeader().defaultSectionSize(), 1), 1)
        start = max(first - MARGIN_ROWS // 2, 0)
        end = min(last + MARGIN_ROWS, len(self._candidate_rows))
        if all(self._cells_made[start:end]):
            return
        with tables.filling(t):
            self._make_cells(start, end)

    def _make_cells(self, start: int, end: int) -> None:
        """Inside ``tables.filling``: the cells of rows ``start`` to ``end`` not made yet."""
        made = self._cells_made
        for r in range(start, min(end, len(self._candidate_rows))):
            if not made[r]:
                self._set_candidate_cells(r, self._candidate_rows[r])
                made[r] = 1

    def _set_candidate_cells(self, r: int, c: overview.CandidateRow) -> None:
        t = self.candidates
        t.setItem(r, 0, tables.item(c.rank if c.rank is not None else "-", c.worker_id, align_right=True))
        t.setItem(r, 1, tables.item(c.name))
        t.setItem(r, 2, tables.item(c.nik_masked))
        t.setItem(r, 3, tables.item(c.dusun))
        t.setItem(r, 4, tables.item(amounts.category(c.category)))
        t.setItem(r, 5, tables.item(c.score, align_right=True))
        t.setItem(r, 6, tables.item(statuses.label(c.status)))

    def _selected(self, t: QTableWidget) -> list[str]:
        ids: list[str] = []
        rows = sorted({i.row() for i in t.selectionModel().selectedIndexes()})
        if t is self.candidates:  # rows out of view may have no cells yet
            return [self._candidate_rows[r].worker_id for r in rows if r < len(self._candidate_rows)]
        for r in rows:
            it = t.item(r, 0)
            wid = it.data(Qt.ItemDataRole.UserRole) if it else None
            if wid:
                ids.append(str(wid))
        return ids

    def _show_history(self, t: QTableWidget) -> None:
        ids = self._selected(t)
        if len(ids) != 1:
            self.history.clear()
            return
        lines = []
        for e in overview.history(self.ws, ids[0]):
            line = f"{timefmt.local(e.at)}  {statuses.label(e.from_status) if e.from_status else '—'} → {statuses.label(e.to_status)}  ({e.username})"
            if e.note:
                line += f": {history_notes.shown(e.note)}"
            lines.append(line)
        self.history.setPlainText("\n".join(lines) or self.tr("Belum pernah diusulkan."))

    # -- actions ------------------------------------------------------------------------------

    def _write(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        title: str = "",
        changes: OpChanges | Callable[[Any], OpChanges] = statuses_moved,
    ) -> None:
        """Runs ``fn`` on the write queue; asks nothing while another write runs."""
        if self._busy:
            return
        self._set_busy(True)

        def done(value: Any) -> None:
            self._set_busy(False)
            on_done(value)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            errors.handle(exc, self)  # a person's mistake as a plain message; a bug as a crash

        CollectionOp(self, fn, changes=changes).success(done).failure(failed).with_progress(title).run()

    def _act(self, fn: Callable[[], object], said: Callable[[Any], None] | None = None) -> None:
        self._write(fn, said or (lambda _changed: None))  # the page refreshed already (on_changes)

    def _say(self, text: str) -> None:
        self.decision_note.setText(text)

    def _approved(self, changed: nominations.Changed) -> None:
        n = len(changed.nominations)
        self._say(
            self.tr(
                "{0} usulan disetujui. Langkah berikutnya: cetak formulirnya di Dokumen untuk ditandatangani.",
                "",
                n,
            ).format(n)
        )

    def _declined(self, changed: nominations.Changed) -> None:
        n = len(changed.nominations)
        self._say(self.tr("{0} usulan ditolak; alasannya tercatat di riwayat pekerja.", "", n).format(n))

    def approve_selected(self) -> None:
        ids = self._selected(self.table)
        if ids:
            self._act(partial(nominations.approve, self.ws, self.actor(), ids), self._approved)

    def approve_all(self) -> None:
        if self._busy:
            return
        q = nominations.quota_summary(self.ws)
        n = q.by_status.get(statuses.PROPOSED, 0)
        if not n:
            return
        answer = QMessageBox.question(
            self, self.tr("Setujui semua"), self.tr("Setujui {0} usulan yang menunggu keputusan?").format(n)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._act(partial(nominations.approve, self.ws, self.actor(), None), self._approved)

    def decline_selected(self, *, again: str = "") -> None:
        """Asks the reason; a refused one (blank) brings the question back with what was wrong,
        instead of losing it, until a reason is given or the person cancels."""
        ids = self._selected(self.table)
        if not ids or self._busy:
            return
        label = self.tr("Alasan penolakan ({0} pekerja), wajib diisi:").format(len(ids))
        if again:
            label = again + "\n\n" + label
        reason, ok = QInputDialog.getText(self, self.tr("Tolak usulan"), label)
        if not ok:
            return
        if self._busy:
            return
        self._set_busy(True)

        def done(changed: nominations.Changed) -> None:
            self._set_busy(False)
            self._declined(changed)

        def refused(exc: BaseException) -> None:
            self._set_busy(False)
            errors.handle(exc, self)
            if isinstance(exc, UserError) and exc.field == "reason":
                self.decline_selected(again=exc.text.get(language()).capitalize() + ".")

        job = partial(nominations.decline, self.ws, self.actor(), ids, reason)
        CollectionOp(self, job, changes=statuses_moved).success(done).failure(refused).run()

    def propose_selected(self) -> None:
        ids = self._selected(self.candidates)
        if ids:
            self._act(partial(nominations.nominate, self.ws, self.actor(), ids))

    def fill_quota(self) -> None:
        self._write(
            partial(nominations.nominate_ranked, self.ws, self.actor()),
            lambda changed: self._filled(len(changed.worker_ids)),
            self.tr("Menilai dan mengusulkan calon…"),
            # It assesses everyone first when the stored assessment is not current any more.
            lambda changed: statuses_moved(changed) | (ASSESSED if changed.assessed else NOTHING),
        )

    def _filled(self, n: int) -> None:
        self.candidate_info.setText(self.tr("{0} pekerja diusulkan sesuai peringkat.").format(n))

    def assess_all(self) -> None:
        self._write(
            partial(assessment.assess, self.ws, self.actor()),
            self._assessed,
            self.tr("Menilai kelayakan semua pekerja…"),
            ASSESSED,
        )

    def _assessed(self, _report: object) -> None:
        self.tabs.setCurrentIndex(1)
