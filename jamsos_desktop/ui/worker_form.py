"""The worker form: keyboard-first, checked as you type, never losing what was typed.

Enter saves, Esc cancels (asking first when something changed). Each field has its message
right under it, from the same domain rules the services apply. The NIK names its region and
offers the birth date and sex it encodes; a NIK already recorded links to that record. All of
that comes from one check (``workers.check_form`` and the eligibility preview), which runs on a
pool thread when typing pauses: one check at most is in flight, and an answer for values that
changed since, or for a form reloaded or put away since, is dropped. Only Enter checks on the
GUI thread, because it must know the issues before it asks for the write. What is
typed is kept as a draft every couple of seconds and on lock, so a crash or a power cut loses
at most a moment; an invalid form can be kept as a draft on purpose.

Every write the form asks for (the save, keeping or discarding the draft, the autosave) is an
``ops.CollectionOp`` on the one write queue, so they run in the order asked: an autosave queued
before a save or a cancel can no longer land after the draft was discarded and bring it back.
While such a write is in flight the form is busy: Enter, Esc and its buttons do nothing, and it
closes only once the write has succeeded. The save is one service call in one transaction
(``workers.save_worker``: the worker and the draft's discard).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent, QRegularExpressionValidator, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import records, regions
from ..domain.actors import sees_full_nik
from ..domain.identity import mask_nik
from ..domain.issues import FIELD_REQUIRED, NIK_DUPLICATE
from ..domain.occupations import CATEGORIES, KTP_OCCUPATIONS
from ..domain.text import Issue, UserError, field_label, language
from ..domain.worker import HEIR_RELATIONS
from ..services import drafts, overview, privacy, village, workers
from ..services.context import ROLE_ADMIN, ROLE_OPERATOR, Actor, Workspace
from ..services.rows import AssessmentRow, WorkerRow
from . import amounts, dialogs, errors, tasks, timefmt, village_text
from .ops import CollectionOp, Latest, OpChanges, QueryOp

log = logging.getLogger(__name__)

DRAFT_KIND = drafts.WORKER
RELATIONS = HEIR_RELATIONS
ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5a00;"
OK_STYLE = "color: #1e6b34;"


def _regex(pattern: str) -> QRegularExpressionValidator:
    return QRegularExpressionValidator(QRegularExpression(pattern))


@dataclass(frozen=True, slots=True)
class Checked:
    """One check of the form's values: everything the messages, the NIK line, the duplicate link
    and the eligibility panel show."""

    check: workers.FormCheck
    eligibility: AssessmentRow | None = None
    assessed: bool = True  # False: the eligibility was not asked for (a save about to close)


def check_values(ws: Workspace, values: dict[str, Any], exclude_id: str | None, *, assess: bool = True) -> Checked:
    """The check itself; it runs on a pool thread, except for a save."""
    c = workers.check_form(ws, values, exclude_id=exclude_id)
    if c.data is None:
        return Checked(c, None)  # the panel asks for the missing fields
    if not assess:
        return Checked(c, None, assessed=False)
    return Checked(c, overview.preview_eligibility(ws, c.data, exclude_id))


def save_or_keep_draft(
    ws: Workspace, actor: Actor, values: dict[str, Any], worker: WorkerRow | None, draft_id: str | None = None
) -> workers.SaveResult:
    """The save, on the write queue: the worker and the draft's discard in one transaction.
    Refused (a NIK recorded meanwhile, a newer version) or failed, nothing of it is written, and
    what was typed is kept as a draft in the same job, even if nobody is left to see the form."""
    entity = worker.id if worker is not None else None
    try:
        return workers.save_worker(
            ws,
            actor,
            values,
            worker_id=entity,
            expected_version=worker.version if worker is not None else None,
            draft_kind=DRAFT_KIND,
            draft_id=draft_id,
        )
    except Exception:
        try:
            drafts.save_draft(ws, actor, DRAFT_KIND, entity, values, draft_id=draft_id)
        except Exception:
            log.exception("keeping the draft of a failed save failed")
        raise


def _saved_changes(result: workers.SaveResult) -> OpChanges:
    return OpChanges(workers=True, drafts=True, worker_ids=frozenset({result.id}))


DRAFT_CHANGED = OpChanges(drafts=True)


class _DraftEpoch:
    """Bumped by every save, kept draft and discard: an autosave asked for earlier that has not
    run yet is superseded and writes nothing. Read on the writer thread, so not a Qt object."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0

    def bump(self) -> None:
        self.value += 1


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class MessageLabel(QLabel):
    """A field's message under it: word-wrapped, and as high as its wrapped text needs (a grid
    row in a scroll area otherwise squeezes a second line into one line's height)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() else 0
        if need != self.minimumHeight():
            self.setMinimumHeight(max(need, 0))


class WorkerForm(QWidget):
    saved = Signal(str)  # worker id
    closed = Signal()
    openWorker = Signal(str)  # a link to another record (the duplicate)
    _regions_warming = False

    def __init__(self, workspace: Workspace, actor_getter: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor = actor_getter
        self.worker: WorkerRow | None = None
        self._loading = False
        self._dirty = False
        self._editable = True
        # A save, draft or discard in flight; answers for an earlier content (``_session`` bumped
        # by every load) change nothing on the form.
        self._busy = False
        self._refocus: QWidget | None = None
        self._session = 0
        self._drafts = _DraftEpoch()
        # The draft this form keeps (its id is chosen before anything is written, so every write
        # of the form replaces that one and no other of the person's drafts), and the saved
        # draft it was opened from, if it was.
        self.draft_id: str | None = None
        self.opened_draft: drafts.DraftRow | None = None
        self._nik_offer: tuple[dt.date, str] | None = None
        self._recorded: workers.FormCheck | None = None  # the last check made at once (Enter)
        self._hamlet_word = "Dusun"
        # The typed check: at most one in flight, the newest asked for next; every load, Enter and
        # every time the form is put away drop what is on its way.
        self._checks = Latest(self, one_at_a_time=True)
        self._check_owed = False  # put away before its check came back: checked when shown again
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(150)
        self._check_timer.timeout.connect(self.check_soon)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(2000)
        self._draft_timer.timeout.connect(self.autosave_draft)

        self.title = QLabel()
        self.title.setObjectName("formTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")

        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, MessageLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setVerticalSpacing(2)
        self._grid = grid
        self._labels: dict[str, QLabel] = {}

        self._line("nik", self.tr("NIK"), r"[\d .\-]{0,24}", self.tr("16 digit dari KTP"))
        self.nik_info = MessageLabel()
        self.nik_info.setObjectName("nikInfo")
        self.use_nik = QPushButton(self.tr("Pakai tanggal lahir && jenis kelamin dari NIK"))
        self.use_nik.setObjectName("useNik")
        self.use_nik.setVisible(False)
        self.use_nik.setAutoDefault(False)
        self.use_nik.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable by Tab, not only a click
        self.use_nik.clicked.connect(self._apply_nik_offer)
        # For those who see masked NIKs (``actors.sees_full_nik``): the NIK and KK fields show
        # dots, and this shows one record's numbers on purpose (an audited read).
        self.show_nik = QPushButton(self.tr("Tampilkan NIK && No. KK"))
        self.show_nik.setObjectName("showNik")
        self.show_nik.setVisible(False)
        self.show_nik.setAutoDefault(False)
        self.show_nik.clicked.connect(self._show_full_nik)
        self.duplicate = MessageLabel()
        self.duplicate.setObjectName("duplicateLink")
        self.duplicate.setTextFormat(Qt.TextFormat.RichText)
        self.duplicate.setVisible(False)
        self.duplicate.linkActivated.connect(self._open_link)
        self._line("kk", self.tr("No. KK"), r"[\d .\-]{0,24}", self.tr("16 digit dari Kartu Keluarga"))
        self._line("name", self.tr("Nama lengkap"), None, self.tr("sesuai KTP"))
        self._line("birth_place", self.tr("Tempat lahir"))
        bd = self._line("birth_date", self.tr("Tanggal lahir"), None, None)
        assert isinstance(bd, QLineEdit)
        bd.setInputMask("99-99-9999;_")
        bd.setToolTip(self.tr("HH-BB-TTTT"))
        sex = QComboBox()
        sex.addItem("", "")
        # The code as the lists show it (``amounts.sex``: L/P, in English M/F), then the word.
        sex.addItem(self.tr("{0} — Laki-laki").format(amounts.sex("L")), "L")
        sex.addItem(self.tr("{0} — Perempuan").format(amounts.sex("P")), "P")
        self._add("sex", self.tr("Jenis kelamin"), sex)
        self._line("address", self.tr("Alamat"))
        dusun = QComboBox()
        dusun.setEditable(True)
        self._add("dusun", self.tr("Dusun"), dusun)
        self._line("rt", self.tr("RT"), r"\d{0,3}")
        self._line("rw", self.tr("RW"), r"\d{0,3}")
        self._line("phone", self.tr("No. HP"), r"[\d+ \-]{0,16}", "08xxxxxxxxxx")
        occ = QComboBox()
        occ.setEditable(True)
        occ.addItem("", "")
        for code, label in sorted(KTP_OCCUPATIONS.items()):
            occ.addItem(f"{code} — {label}", str(code))
        occ.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # "petani" finds "9 — Petani/Pekebun": the code is not what people remember.
        finder = QCompleter(occ.model(), occ)
        finder.setFilterMode(Qt.MatchFlag.MatchContains)
        finder.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        finder.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        occ.setCompleter(finder)
        self._add("occupation", self.tr("Pekerjaan (KTP)"), occ)
        cat = QComboBox()
        cat.addItem("", "")
        for key in CATEGORIES:
            cat.addItem(amounts.category(key), key)
        self._add("category", self.tr("Kategori pekerja"), cat)
        self._line("income", self.tr("Penghasilan/bulan (Rp)"), r"[\d., ]{0,20}")
        self._line("heir_name", self.tr("Nama ahli waris"))
        rel = QComboBox()
        rel.setEditable(True)
        rel.addItem("", "")
        for relation in RELATIONS:  # stored as the village's papers write it, shown in the window's language
            rel.addItem(amounts.relation(relation), relation)
        self._add("heir_relation", self.tr("Hubungan ahli waris"), rel)
        self._line("heir_phone", self.tr("No. HP ahli waris"), r"[\d+ \-]{0,16}")
        checks = QHBoxLayout()
        self._tick_row = checks
        for key, text in (
            ("resident", self.tr("Penduduk desa ini")),
            ("dtks", self.tr("Terdaftar DTKS/P3KE")),
            ("bpjs_active", self.tr("Sudah peserta BPJS TK aktif")),
        ):
            box = QCheckBox(text)
            box.setObjectName(f"field_{key}")
            box.toggled.connect(self._changed)
            self.fields[key] = box
            checks.addWidget(box)
        self._line("kpj", self.tr("Nomor KPJ"), r"\d{0,13}")
        self._line("notes", self.tr("Catatan"))
        # Consent (UU 27/2022): ticked, the date is today unless another day is typed; without
        # it the worker is recorded but cannot be nominated.
        # The tick box's words are a label of their own, which wraps on a narrow screen (a check
        # box's own text never does); clicking the words ticks the box as its text would.
        self.consent_box = QCheckBox()
        self.consent_box.setObjectName("consentGiven")
        self.consent_box.toggled.connect(self._consent_toggled)
        self.consent_label = _ClickableLabel(self.tr("Pekerja menyetujui pemrosesan data pribadinya (UU 27/2022)"))
        self.consent_label.setObjectName("consentText")
        self.consent_label.setWordWrap(True)
        self.consent_label.setBuddy(self.consent_box)
        self.consent_label.clicked.connect(self._consent_label_clicked)
        consent = self._line("consent_date", self.tr("Tanggal persetujuan pemrosesan data"), None, None)
        assert isinstance(consent, QLineEdit)
        consent.setInputMask("99-99-9999;_")
        consent.setToolTip(self.tr("HH-BB-TTTT"))
        consent.textChanged.connect(self._consent_typed)
        self.withdraw_button = QPushButton(self.tr("Cabut persetujuan…"))
        self.withdraw_button.setObjectName("withdrawConsent")
        self.withdraw_button.setAutoDefault(False)
        self.withdraw_button.setVisible(False)
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent_box)
        consent_row.addWidget(self.consent_label, 1)
        withdraw_row = QHBoxLayout()
        withdraw_row.addWidget(self.withdraw_button)
        withdraw_row.addStretch(1)
        nik_row = QHBoxLayout()
        nik_row.addWidget(self.use_nik)
        nik_row.addWidget(self.show_nik)
        nik_row.addStretch(1)
        self.duplicate.setWordWrap(True)
        self._rows: list[list[str] | QWidget | QHBoxLayout] = [
            ["nik", "kk"],
            self.nik_info,
            self.duplicate,
            nik_row,
            ["name"],
            ["birth_place", "birth_date"],
            ["sex", "phone"],
            ["address"],
            ["dusun"],
            ["rt", "rw"],
            ["occupation"],
            ["category", "income"],
            ["heir_name", "heir_relation"],
            ["heir_phone", "kpj"],
            checks,
            ["notes"],
            consent_row,
            ["consent_date"],
            withdraw_row,
        ]
        self.one_column = False
        self._two_column_width = 0  # what two columns need, measured when they were laid out
        self._place(self._rows)

        form_box = QWidget()
        form_box.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form_box)
        # Narrow, the fields reflow to one column (``_reflow``); narrower still, it scrolls
        # sideways rather than cutting the right-hand fields and their messages off.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.viewport().installEventFilter(self)
        self.fields_area = scroll
        self._form_box = form_box

        self.eligibility = QLabel()
        self.eligibility.setObjectName("eligibility")
        self.eligibility.setWordWrap(True)
        self.eligibility.setTextFormat(Qt.TextFormat.RichText)
        self.eligibility.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        panel = QGroupBox(self.tr("Kelayakan"))
        panel.setObjectName("eligibilityPanel")
        panel.setMinimumWidth(220)
        self.panel = panel
        pl = QVBoxLayout(panel)
        pl.addWidget(self.eligibility)
        pl.addStretch(1)

        self.save_button = QPushButton(self.tr("Simpan (Enter)"))
        self.save_button.setObjectName("saveWorker")
        self.save_button.setDefault(True)
        self.draft_button = QPushButton(self.tr("Simpan sebagai draf"))
        self.draft_button.setObjectName("keepDraft")
        self.cancel_button = QPushButton(self.tr("Batal (Esc)"))
        self.cancel_button.setObjectName("cancelWorker")
        for b in (self.save_button, self.draft_button, self.cancel_button):
            b.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.draft_button.clicked.connect(self.keep_draft)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setObjectName("formStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        # The panel can be narrowed (the splitter) or put away (the button above it) to give
        # the fields the room of a small screen.
        body = QSplitter(Qt.Orientation.Horizontal)
        body.setObjectName("formSplitter")
        body.setChildrenCollapsible(False)
        body.addWidget(scroll)
        body.addWidget(panel)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        self.splitter = body
        self.panel_button = QToolButton()
        self.panel_button.setObjectName("togglePanel")
        self.panel_button.setCheckable(True)
        self.panel_button.setChecked(True)
        self.panel_button.setAutoRaise(True)
        self.panel_button.toggled.connect(self.show_panel)
        self.panel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays among the fields
        self.show_panel(True)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.panel_button)
        self.required_note = QLabel(self.tr("Isian berlabel tebal wajib diisi; yang lain boleh kosong."))
        self.required_note.setObjectName("requiredNote")
        self.required_note.setWordWrap(True)
        self.required_note.setStyleSheet("color: #57606a;")
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addWidget(self.required_note)
        outer.addWidget(body, 1)
        outer.addLayout(buttons)
        self._set_tab_order()
        self._mark_required()

    # -- building -----------------------------------------------------------------------------

    def _add(self, key: str, label: str, widget: QWidget, hint: str | None = None) -> QWidget:
        widget.setObjectName(f"field_{key}")
        lab = QLabel(label)
        lab.setBuddy(widget)
        msg = MessageLabel()
        msg.setObjectName(f"msg_{key}")
        msg.setStyleSheet("font-size: 9pt;")
        if hint and isinstance(widget, QLineEdit):
            widget.setPlaceholderText(hint)
        self._labels[key] = lab
        self.fields[key] = widget
        self.messages[key] = msg
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QComboBox):
            widget.currentTextChanged.connect(self._changed)
        return widget

    def show_panel(self, shown: bool) -> None:
        """The eligibility panel shown, or put away to give the fields its room."""
        self.panel.setVisible(shown)
        self.panel_button.setText(self.tr("Sembunyikan kelayakan") if shown else self.tr("Tampilkan kelayakan"))
        if self.panel_button.isChecked() != shown:
            self.panel_button.setChecked(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.fields_area.viewport() and event.type() == QEvent.Type.Resize:
            self._reflow()
        return super().eventFilter(watched, event)

    def _reflow(self) -> None:
        """Two columns of fields when they fit the visible width, one column when they do not."""
        width = self.fields_area.viewport().width()
        if not self.one_column:
            self._two_column_width = self._form_box.minimumSizeHint().width()
        if not self.one_column and width < self._two_column_width:
            self.one_column = True
            self._place(self._rows)
        elif self.one_column and width >= self._two_column_width + 16:
            self.one_column = False
            self._place(self._rows)

    def _clear_grid(self) -> None:
        g = self._grid
        while g.count():
            item = g.takeAt(0)
            child = item.layout() if item is not None else None
            if child is not None:
                child.setParent(None)  # free to be added again

    def _place(self, rows: list[list[str] | QWidget | QHBoxLayout]) -> None:
        """Lays the fields out: one or two per row (one in a narrow form), each with its message
        right under it."""
        self._clear_grid()
        g = self._grid
        if self.one_column:
            rows = [part for row in rows for part in (([k] for k in row) if isinstance(row, list) else (row,))]
        for row in rows:
            if isinstance(row, QHBoxLayout) and row is self._tick_row:
                # The three tick boxes side by side take most of a netbook's width: stacked when narrow.
                row.setDirection(
                    QBoxLayout.Direction.TopToBottom if self.one_column else QBoxLayout.Direction.LeftToRight
                )
        r = 0
        for row in rows:
            if isinstance(row, QWidget):
                g.addWidget(row, r, 1, 1, 3)
                r += 1
                continue
            if isinstance(row, QHBoxLayout):
                g.addLayout(row, r, 1, 1, 3)
                r += 1
                continue
            span = 3 if len(row) == 1 else 1
            for i, key in enumerate(row):
                col = i * 2
                g.addWidget(self._labels[key], r, col)
                g.addWidget(self.fields[key], r, col + 1, 1, span)
                g.addWidget(self.messages[key], r + 1, col + 1, 1, span)
            r += 2

    def _line(self, key: str, label: str, pattern: str | None = None, hint: str | None = None) -> QWidget:
        edit = QLineEdit()
        if pattern:
            edit.setValidator(_regex(pattern))
        return self._add(key, label, edit, hint)

    def _set_tab_order(self) -> None:
        # The form's order is the definition's (domain/records.py), not the grid's; the NIK's
        # offer of a birth date and sex comes right after the NIK, when it is shown.
        for a, b in itertools.pairwise(records.WORKER.form_inputs):
            QWidget.setTabOrder(self.fields[a], self.fields[b])
        first = records.WORKER.form_inputs[0]
        following = records.WORKER.form_inputs[1]
        QWidget.setTabOrder(self.fields[first], self.use_nik)
        QWidget.setTabOrder(self.use_nik, self.fields[following])

    def _mark_required(self) -> None:
        """The fields a save needs are marked before anyone presses Enter: their labels bold,
        with a tooltip, and a line above the form says what bold means."""
        for key in records.WORKER.required_inputs:
            label = self._labels.get(key)
            if label is None:
                continue
            label.setProperty("required", True)
            label.setStyleSheet("font-weight: 600;")
            label.setToolTip(self.tr("Wajib diisi"))
            self.fields[key].setToolTip(self.tr("Wajib diisi"))

    # -- values -------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, w in self.fields.items():
            if isinstance(w, QLineEdit):
                v = w.text()
                if key in ("birth_date", "consent_date"):
                    v = "" if not v.replace("-", "").strip() else v
                out[key] = v
            elif isinstance(w, QComboBox):
                data = w.currentData()
                text = w.currentText().strip()
                if key == "occupation":
                    out[key] = str(data) if data and w.itemText(w.currentIndex()) == text else text.split(" — ")[0]
                elif key == "heir_relation":
                    chosen = w.itemText(w.currentIndex()) == text and data
                    out[key] = str(data) if chosen else text
                elif key == "dusun":
                    out[key] = text
                else:
                    out[key] = str(data or "")
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for key, w in self.fields.items():
                v = values.get(key)
                if isinstance(w, QLineEdit):
                    w.setText("" if v is None else str(v))
                elif isinstance(w, QComboBox):
                    s = "" if v is None else str(v)
                    i = w.findData(s) if key != "dusun" else w.findText(s)
                    if i < 0 and key == "heir_relation":
                        i = w.findText(s)
                    if i >= 0:
                        w.setCurrentIndex(i)
                    elif w.isEditable():
                        w.setEditText(s)
                    else:
                        w.setCurrentIndex(0)
                elif isinstance(w, QCheckBox):
                    w.setChecked(bool(v) if v is not None else key == "resident")
            given = bool(str(values.get("consent_date") or "").replace("-", "").strip())
            self.consent_box.blockSignals(True)
            self.consent_box.setChecked(given)
            self.consent_box.blockSignals(False)
        finally:
            self._loading = False

    @staticmethod
    def row_values(w: WorkerRow) -> dict[str, Any]:
        return {
            "nik": w.nik,
            "kk": w.kk,
            "name": w.name,
            "birth_place": w.birth_place,
            "birth_date": w.birth_date.strftime("%d-%m-%Y"),
            "sex": w.sex,
            "address": w.address,
            "dusun": w.dusun,
            "rt": w.rt.lstrip("0"),
            "rw": w.rw.lstrip("0"),
            "phone": w.phone,
            "occupation": str(w.occupation_code),
            "category": w.category,
            "income": "" if w.income is None else str(w.income),
            "heir_name": w.heir_name,
            "heir_relation": w.heir_relation,
            "heir_phone": w.heir_phone,
            "resident": w.resident,
            "dtks": w.dtks,
            "bpjs_active": w.bpjs_active,
            "kpj": w.kpj,
            "notes": w.notes,
            "consent_date": w.consent_date.strftime("%d-%m-%Y") if w.consent_date else "",
        }

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def entity_id(self) -> str | None:
        return self.worker.id if self.worker else None

    # -- loading ------------------------------------------------------------------------------

    def _name_village_parts(self) -> None:
        """The hamlet is called as this village calls it (Jorong, Banjar, Lingkungan), and so is the village."""
        words = village_text.words_of(village.get_village(self.ws))
        self._hamlet_word = str(village_text.hamlet(words))  # read here, at the load: no SQL while typing
        self._labels["dusun"].setText(self._hamlet_word)
        resident = self.fields["resident"]
        assert isinstance(resident, QCheckBox)
        resident.setText(
            self.tr("Penduduk desa ini")
            if words.unit == "Desa"
            else self.tr("Penduduk {0} ini").format(str(village_text.unit(words)).lower())
        )

    def _prepare(self) -> None:
        dusun = self.fields["dusun"]
        assert isinstance(dusun, QComboBox)
        current = dusun.currentText()
        dusun.blockSignals(True)
        dusun.clear()
        dusun.addItem("")
        dusun.addItems(workers.distinct_values(self.ws, "dusun"))
        dusun.setEditText(current)
        dusun.blockSignals(False)
        self._name_village_parts()
        editable = self.actor().role in {ROLE_OPERATOR, ROLE_ADMIN}
        self._editable = editable
        for w in self.fields.values():
            w.setEnabled(editable)
        masked = not sees_full_nik(self.actor().role)
        for key in ("nik", "kk"):
            line = self.fields[key]
            assert isinstance(line, QLineEdit)
            line.setEchoMode(QLineEdit.EchoMode.Password if masked else QLineEdit.EchoMode.Normal)
        self.show_nik.setVisible(masked and self.worker is not None)
        self.show_nik.setEnabled(True)
        self.consent_box.setEnabled(editable)
        self.withdraw_button.setVisible(False)
        self._session += 1
        self.draft_id, self.opened_draft = drafts.new_draft_id(), None
        self._set_busy(False)
        # Nothing shown belongs to the new content until its own check comes back.
        self._check_timer.stop()
        self._checks.drop()
        self._check_owed = False
        for label in self.messages.values():
            label.setText("")
        self.nik_info.setText("")
        self._nik_offer = None
        self.use_nik.setVisible(False)
        self.duplicate.setVisible(False)
        self.eligibility.setText("")

    def _warm_regions(self) -> None:
        # Naming a NIK's region needs lokal's tables; load them while the person starts typing.
        if not WorkerForm._regions_warming:
            WorkerForm._regions_warming = True
            QueryOp(None, regions.warm_up).failure(lambda exc: log.warning("region tables: %s", exc)).run()

    def load_new(self) -> None:
        self._warm_regions()
        self.worker = None
        self._prepare()
        self.title.setText(self.tr("Pekerja baru"))
        self.set_values({"resident": True})
        self._after_load()

    def load_worker(self, worker_id: str) -> None:
        detail = workers.get_worker(self.ws, worker_id)
        self.worker = detail.worker
        self._prepare()
        self.title.setText(self.tr("{0} — ID {1}").format(detail.worker.name, workers.short_id(detail.worker.id)))
        self.set_values(self.row_values(detail.worker))
        w = detail.worker
        self.withdraw_button.setVisible(self._editable and w.consent_withdrawn_at is None)
        if w.consent_withdrawn_at is not None:
            self.consent_label.setText(
                self.tr("Persetujuan dicabut pada {0}; data pribadi akan dihapus").format(
                    w.consent_withdrawn_at.strftime("%d-%m-%Y")
                )
            )
            self.consent_box.setEnabled(False)
            self.fields["consent_date"].setEnabled(False)
        else:
            self.consent_label.setText(self.tr("Pekerja menyetujui pemrosesan data pribadinya (UU 27/2022)"))
        self._after_load()

    def load_draft(self, draft: drafts.DraftRow) -> None:
        if draft.entity_id:
            self.load_worker(draft.entity_id)
        else:
            self.load_new()
        self.draft_id, self.opened_draft = draft.id, draft
        self.set_values(draft.payload)
        self._dirty = False  # as saved: only what is typed from here on is a change to the draft
        self.status.setText(self.tr("Draf dipulihkan ({0}).").format(timefmt.local(draft.updated_at)))
        self.check_soon()

    def _show_full_nik(self) -> None:
        """The record's NIK and KK number in full, for someone who sees them masked: asked for
        through the write queue, which records who looked (``privacy.show_full_nik``)."""
        if self.worker is None:
            return
        ws, actor, worker_id, session = self.ws, self.actor(), self.worker.id, self._session
        self.show_nik.setEnabled(False)

        def shown(numbers: privacy.Numbers) -> None:
            if session != self._session:
                return  # another record was opened meanwhile
            for key in ("nik", "kk"):
                line = self.fields[key]
                assert isinstance(line, QLineEdit)
                line.setEchoMode(QLineEdit.EchoMode.Normal)
            self.show_nik.setVisible(False)

        def failed(exc: BaseException) -> None:
            self.show_nik.setEnabled(True)
            errors.handle(exc, self)

        CollectionOp(self, lambda: privacy.show_full_nik(ws, actor, worker_id)).success(shown).failure(failed).run()

    def _after_load(self) -> None:
        self._dirty = False
        self.status.setText("")
        self.check_soon()
        self.fields["nik"].setFocus()

    def _consent_toggled(self, checked: bool) -> None:
        """Ticked: the consent is dated today unless a day is already typed; unticked: no consent."""
        date = self.fields["consent_date"]
        assert isinstance(date, QLineEdit)
        blank = not date.text().replace("-", "").strip()
        if checked and blank:
            date.setText(dt.date.today().strftime("%d-%m-%Y"))
        elif not checked and not blank:
            date.setText("")

    def _consent_label_clicked(self) -> None:
        if self.consent_box.isEnabled():
            self.consent_box.click()

    def _consent_typed(self, text: str) -> None:
        given = bool(text.replace("-", "").strip())
        if given != self.consent_box.isChecked():
            self.consent_box.blockSignals(True)
            self.consent_box.setChecked(given)
            self.consent_box.blockSignals(False)

    def withdraw_consent(self) -> None:
        """The worker withdraws consent: asked for the reason, then written (open nominations
        withdrawn; the personal data erased on the next purge, within 3x24 hours)."""
        if self.worker is None or self._busy:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Cabut persetujuan"),
            self.tr(
                "Pekerja mencabut persetujuan pemrosesan data pribadinya. Usulan yang belum dikirim ditarik, "
                "dan data pribadinya dihapus paling lambat 3x24 jam.\n\nAlasan atau cara pencabutan:"
            ),
        )
        if not ok or not reason.strip():
            return
        ws, actor, wid = self.ws, self.actor(), self.worker.id
        changes = OpChanges(workers=True, nominations=True, worker_ids=frozenset({wid}))
        job = partial(privacy.withdraw_consent, ws, actor, wid, reason)
        CollectionOp(self, job, changes=changes).success(self._consent_withdrawn).failure(
            lambda exc: errors.handle(exc, self)
        ).run()

    def _consent_withdrawn(self, result: privacy.Withdrawal) -> None:
        QMessageBox.information(self, self.tr("Persetujuan dicabut"), result.text().get())
        self.load_worker(result.worker_id)

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self._check_timer.start()
        self._draft_timer.start()

    # -- checking -----------------------------------------------------------------------------

    def check_soon(self) -> None:
        """Checks what is typed on a pool thread (a typing pause, a load); the answer shows once
        it is back, if the values are still the same. While a check is in flight, the newest
        values are checked when it returns, never more than one behind."""
        self._check_timer.stop()
        ws, values, entity = self.ws, self.values(), self.entity_id
        self._checks.ask(
            lambda: check_values(ws, values, entity),
            lambda found: self._check_arrived(values, found),
            self._check_failed,
        )

    def _check_arrived(self, values: dict[str, Any], found: Checked) -> None:
        # Reloaded, put away or checked at Enter since: never delivered (``_checks.drop``).
        if values != self.values():
            return  # typed over: its own check follows the typing pause
        self._show(values, found)

    def _check_failed(self, exc: BaseException) -> None:
        tasks.report_unexpected(exc)

    def validate(self) -> list[Issue]:
        """Checks what is typed at once, on this thread, shows each message beside its field and
        returns the issues: for Enter, which must know them before it asks for the write."""
        return self._check_now(assess=True)

    def _check_now(self, *, assess: bool) -> list[Issue]:
        self._check_timer.stop()
        self._checks.drop()  # a check still in flight is older than this one
        values = self.values()
        found = check_values(self.ws, values, self.entity_id, assess=assess)
        self._show(values, found)
        self._recorded = found.check
        return found.check.issues

    def _show(self, values: dict[str, Any], found: Checked) -> None:
        filled = {k: v for k, v in values.items() if v not in ("", None)}
        lang = language()
        by_field: dict[str, list[Issue]] = {}
        for i in found.check.issues:
            by_field.setdefault(i.field, []).append(i)
        for key, label in self.messages.items():
            shown = by_field.get(key, [])
            if found.check.recorded_id:
                # The record already holding this NIK is named once: in the line with its link.
                shown = [i for i in shown if i.code != NIK_DUPLICATE]
            # "is required" only once the person has been there: a blank new form is not red.
            shown = [i for i in shown if key in filled or not self._is_required_issue(i) or self._dirty is False]
            if not self._dirty and not self.worker:
                shown = []
            if shown:
                worst = next((i for i in shown if i.is_error), shown[0])
                label.setText("; ".join(self._issue_text(i, found.check, lang) for i in shown))
                label.setStyleSheet(f"font-size: 9pt; {ERROR_STYLE if worst.is_error else WARNING_STYLE}")
            else:
                label.setText("")
        self._show_nik(values, found.check)
        if found.assessed:
            self._show_eligibility(found.eligibility)

    def whereabouts(self, check: workers.FormCheck) -> str:
        """Who the record already holding this NIK is, as a person recognises them (beside the
        name): the NIK masked, the hamlet and RT/RW."""
        nik = check.nik.nik if check.nik is not None and check.nik.nik else ""
        dusun, rt, rw = check.recorded_place
        return self.tr("NIK {0}, {1} {2}, RT {3}/RW {4}").format(mask_nik(nik), self._hamlet_word, dusun, rt, rw)

    def _issue_text(self, issue: Issue, check: workers.FormCheck | None, lang: str) -> str:
        if issue.code == NIK_DUPLICATE and check is not None and check.recorded_id:
            person = f"{check.recorded_name} ({self.whereabouts(check)})"
            return self.tr("sudah tercatat atas nama {0}").format(person)
        return issue.text.get(lang)

    def hideEvent(self, event: QHideEvent) -> None:
        if not event.spontaneous():
            # Closed, or its page put away (another page, sign-out): an answer on its way is
            # dropped, and a check still owed is asked for when the form shows again.
            self._check_owed = self._check_owed or self._checks.pending or self._check_timer.isActive()
            self._check_timer.stop()
            self._checks.drop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._check_owed and not event.spontaneous():
            self._check_owed = False
            self.check_soon()

    @staticmethod
    def _is_required_issue(i: Issue) -> bool:
        return i.code == FIELD_REQUIRED

    def _show_nik(self, values: dict[str, Any], found: workers.FormCheck) -> None:
        self._nik_offer = None
        self.use_nik.setVisible(False)
        self.duplicate.setVisible(False)
        check = found.nik
        if check is None or check.nik is None or check.birth_date is None:
            self.nik_info.setText("")
        else:
            sex = self.tr("laki-laki") if check.sex == "L" else self.tr("perempuan")
            region = check.region or self.tr("wilayah tidak dikenal")
            self.nik_info.setText(
                self.tr("Dari NIK: lahir {0}, {1}, {2}").format(
                    check.birth_date.strftime("%d-%m-%Y"), sex, amounts.places(region)
                )
            )
            if check.sex:
                self._nik_offer = (check.birth_date, check.sex)
                if values.get("birth_date") != check.birth_date.strftime("%d-%m-%Y") or values.get("sex") != check.sex:
                    self.use_nik.setVisible(True)
        if found.recorded_id is not None:
            link = self.tr("NIK ini sudah tercatat: <a href='worker:{0}'>buka data {1}</a>").format(
                found.recorded_id, html.escape(found.recorded_name)
            )
            link += f" ({html.escape(self.whereabouts(found))})"
            self.duplicate.setText(link)
            self.duplicate.setStyleSheet(ERROR_STYLE)
            self.duplicate.setVisible(True)

    def _apply_nik_offer(self) -> None:
        if self._nik_offer is None:
            return
        born, sex = self._nik_offer
        bd, sx = self.fields["birth_date"], self.fields["sex"]
        assert isinstance(bd, QLineEdit) and isinstance(sx, QComboBox)
        bd.setText(born.strftime("%d-%m-%Y"))
        sx.setCurrentIndex(sx.findData(sex))
        self.check_soon()

    def _open_link(self, link: str) -> None:
        if self._busy:  # this content is being saved: it closes (or stays, refused) first
            return
        if link.startswith("worker:"):
            self.openWorker.emit(link.split(":", 1)[1])

    def _show_eligibility(self, a: AssessmentRow | None) -> None:
        if a is None:
            self.eligibility.setText(
                self.tr("Lengkapi isian yang wajib (tanpa pesan merah) untuk melihat kelayakan dan skor.")
            )
            return
        self.eligibility.setText(self.eligibility_html(a))

    def eligibility_html(self, a: AssessmentRow) -> str:
        lang = language()
        ok_text = self.tr("Memenuhi syarat")
        not_text = self.tr("Belum memenuhi syarat")
        head = (
            f"<p style='{OK_STYLE}'><b>{ok_text}</b></p>"
            if a.eligible
            else f"<p style='{ERROR_STYLE}'><b>{not_text}</b></p>"
        )
        rules = "".join(
            f"<tr><td style='{OK_STYLE if r.passed else ERROR_STYLE}'>{'✓' if r.passed else '✗'}</td>"
            f"<td>{r.reason(lang)}</td></tr>"
            for r in a.rules
        )
        parts = "".join(
            f"<tr><td align='right'>+{p}</td><td>{rid if lang != 'en' else ren}</td></tr>"
            for _c, p, rid, ren in a.score_parts
        )
        score_text = self.tr("Skor peringkat: {0}").format(a.score)
        score = f"<p><b>{score_text}</b></p><table cellspacing='4'>{parts}</table>" if a.eligible else ""
        return f"{head}<table cellspacing='4'>{rules}</table>{score}"

    # -- actions ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Line edits and combo boxes pass Enter and Esc up to their parent: the form decides.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.save()
            return
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.cancel()
            return
        super().keyPressEvent(event)

    def _set_busy(self, busy: bool) -> None:
        """While a write is on its way the fields take no typing (it would be lost when the form
        closes, or missing from the draft being kept); the focus comes back after."""
        if busy:
            focused = QApplication.focusWidget()
            self._refocus = focused if focused is not None and self.isAncestorOf(focused) else None
        self._busy = busy
        for w in self.fields.values():
            w.setEnabled(self._editable and not busy)
        self.save_button.setEnabled(self._editable and not busy)
        self.draft_button.setEnabled(self._editable and not busy)
        self.cancel_button.setEnabled(not busy)
        if not busy and self._refocus is not None:
            if self._refocus.isEnabled() and self.isVisible():
                self._refocus.setFocus()
            self._refocus = None

    @property
    def busy(self) -> bool:
        """A save, kept draft or discard is on its way to the database."""
        return self._busy

    def _write(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        changes: OpChanges | Callable[[Any], OpChanges] = DRAFT_CHANGED,
    ) -> None:
        """Queues one of the form's closing writes; the answer counts only for this content."""
        session, was_dirty = self._session, self._dirty
        self._drafts.bump()
        self._dirty = False  # what is typed is on its way: a lock meanwhile keeps no other draft
        self._draft_timer.stop()
        self._set_busy(True)

        def done(value: Any) -> None:
            if session != self._session:
                return
            self._set_busy(False)
            self._dirty = False  # a key pressed meanwhile must not autosave a draft of it later
            self._draft_timer.stop()
            on_done(value)

        def failed(exc: BaseException) -> None:
            if session != self._session:
                errors.handle(exc, self)
                return
            self._set_busy(False)
            self._dirty = self._dirty or was_dirty
            if self._dirty:
                self._draft_timer.start()  # not written: what is typed is kept as a draft again
            if on_error is not None:
                on_error(exc)
            else:
                errors.handle(exc, self)

        CollectionOp(self, fn, changes=changes).success(done).failure(failed).run()

    def save(self) -> None:
        if self._busy or not self.save_button.isEnabled():
            return
        # At once: the write is asked for only when nothing is an error. The eligibility panel is
        # not worth its look-ups here (a save with no error closes the form).
        issues = self._check_now(assess=False)
        errors_ = [i for i in issues if i.is_error]
        if errors_:
            lang = language()
            answer = dialogs.ask(
                self,
                "warning",
                self.tr("Belum bisa disimpan"),
                self.tr("Perbaiki dulu:\n{0}\n\nSimpan sebagai draf agar bisa dilanjutkan nanti?").format(
                    "\n".join(
                        f"• {field_label(i.field, lang)}: {self._issue_text(i, self._recorded, lang)}" for i in errors_
                    )
                ),
                choices=[
                    (QMessageBox.StandardButton.Save, self.tr("Simpan sebagai draf")),
                    (QMessageBox.StandardButton.Cancel, self.tr("Kembali ke formulir")),
                ],
                default=QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Save:
                self.keep_draft()
            first = self.fields.get(errors_[0].field)
            if first is not None:
                first.setFocus()
            return
        job = partial(save_or_keep_draft, self.ws, self.actor(), self.values(), self.worker, self.draft_id)
        self._write(job, self._saved, self._save_failed, changes=_saved_changes)

    def _saved(self, result: workers.SaveResult) -> None:
        log.info("worker saved id=%s", workers.short_id(result.id))
        if result.notices:  # e.g. an approved nomination sent back for a new decision
            QMessageBox.information(self, self.tr("Perlu keputusan lagi"), "\n\n".join(t.get() for t in result.notices))
        self.saved.emit(result.id)

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.validate()  # a duplicate found meanwhile shows beside its field too
            recorded = self._recorded
            if exc.issue_code == NIK_DUPLICATE and recorded is not None and recorded.recorded_id:
                # The person already recorded, by name, NIK and hamlet, not by an internal id.
                dup = next((i for i in recorded.issues if i.code == NIK_DUPLICATE), None)
                if dup is not None:
                    text = self._issue_text(dup, recorded, language())
                    QMessageBox.warning(self, self.tr("Belum bisa disimpan"), self.tr("NIK {0}").format(text))
                    return
        errors.handle(exc, self)

    def keep_draft(self) -> None:
        if self._busy:
            return
        ws, actor, entity, values, draft = self.ws, self.actor(), self.entity_id, self.values(), self.draft_id
        self._write(lambda: drafts.save_draft(ws, actor, DRAFT_KIND, entity, values, draft_id=draft), self._draft_kept)

    def _draft_kept(self, _id: object) -> None:
        self.status.setText(self.tr("Disimpan sebagai draf."))
        self.closed.emit()

    def autosave_draft(self) -> None:
        """Keeps what is typed without closing the form (timer, lock, closing the window)."""
        self._draft_timer.stop()
        if not self._dirty or self._busy:
            return
        ws, values, actor, entity, draft = self.ws, self.values(), self.actor(), self.entity_id, self.draft_id
        epoch, session, current = self._drafts.value, self._session, self._drafts

        def write() -> str | None:
            if current.value != epoch:  # a save, kept draft or discard was asked for since
                return None
            return drafts.save_draft(ws, actor, DRAFT_KIND, entity, values, draft_id=draft)

        def done(draft_id: str | None) -> None:
            if draft_id is not None and session == self._session:
                self.status.setText(self.tr("Draf tersimpan otomatis."))

        CollectionOp(self, write, changes=lambda d: DRAFT_CHANGED if d is not None else OpChanges()).success(
            done
        ).quiet().run()

    def cancel(self) -> None:
        """Esc: closes the form. Something typed: asks whether to keep it as a draft. A draft
        saved earlier is never deleted by Esc alone: unchanged, it stays as it was; deleting it
        is its own answer, in its own words."""
        if self._busy:
            return
        opened = self.opened_draft
        if opened is not None:
            self._cancel_saved_draft(opened)
            return
        if self._dirty:
            answer = dialogs.ask(
                self,
                "question",
                self.tr("Batalkan perubahan?"),
                self.tr("Ada isian yang belum disimpan. Buang perubahan ini?"),
                choices=[
                    (QMessageBox.StandardButton.Discard, self.tr("Buang perubahan")),
                    (QMessageBox.StandardButton.Save, self.tr("Simpan sebagai draf")),
                    (QMessageBox.StandardButton.Cancel, self.tr("Kembali ke formulir")),
                ],
                default=QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.keep_draft()
                return
        self._discard_and_close()

    def _cancel_saved_draft(self, opened: drafts.DraftRow) -> None:
        when = timefmt.local(opened.updated_at)
        if not self._dirty:
            self._close_keeping_draft()
            return
        answer = dialogs.ask(
            self,
            "question",
            self.tr("Tutup draf?"),
            self.tr(
                "Draf ini disimpan {0}. Simpan perubahan ke draf, tutup tanpa mengubah draf, atau hapus draf ini untuk selamanya?"
            ).format(when),
            choices=[
                (QMessageBox.StandardButton.Discard, self.tr("Hapus draf")),
                (QMessageBox.StandardButton.Close, self.tr("Tutup, draf tetap")),
                (QMessageBox.StandardButton.Save, self.tr("Simpan ke draf")),
                (QMessageBox.StandardButton.Cancel, self.tr("Kembali ke formulir")),
            ],
            default=QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return
        if answer == QMessageBox.StandardButton.Save:
            self.keep_draft()
        elif answer == QMessageBox.StandardButton.Close:
            self._close_keeping_draft()
        elif answer == QMessageBox.StandardButton.Discard:
            self._discard_and_close()

    def _close_keeping_draft(self) -> None:
        self._session += 1  # an autosave's answer on its way no longer speaks for this form
        self._drafts.bump()  # and one not yet written writes nothing: the draft stays as saved
        self._dirty = False
        self._draft_timer.stop()
        self.closed.emit()

    def _discard_and_close(self) -> None:
        ws, actor, entity, draft = self.ws, self.actor(), self.entity_id, self.draft_id
        self._write(
            lambda: drafts.discard_draft(ws, actor, DRAFT_KIND, entity, draft_id=draft),
            lambda _none: self.closed.emit(),
        )
