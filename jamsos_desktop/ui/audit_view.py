"""Jejak audit: who did what to which record, and when; filtered by person and by record.

Only the names of the fields a change touched are shown, not their values (those may be
personal data, and the trail is for accountability, not for reading the register).

Who may open it is ``actors.reads_audit`` (the village head and the admin); a NIK or KK number
in what an entry shows is masked for everyone but those who see full NIKs
(``actors.shown_text``), which leaves the admin.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.actors import AUDIT_ROLES, Actor, shown_text
from ..services import audit, backup
from ..services.context import Workspace
from . import tables, timefmt
from .ops import QueryOp

LIMIT = 1000


class AuditDialog(QDialog):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        actor.require(*AUDIT_ROLES)  # the menu offers it to them only; refused for anyone else
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Jejak audit"))
        self.ws = ws
        self.who = QComboBox()
        self.who.setObjectName("auditWho")
        self.who.addItem(self.tr("Semua akun"), "")
        self.record = QLineEdit()
        self.record.setObjectName("auditRecord")
        self.record.setPlaceholderText(self.tr("ID data (atau 8 angka terakhirnya)"))
        show = QPushButton(self.tr("Tampilkan"))
        self.verify = QPushButton(self.tr("Periksa rantai"))
        self.verify.setObjectName("auditVerify")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Waktu (UTC)"),
                self.tr("Akun"),
                self.tr("Tindakan"),
                self.tr("Data"),
                self.tr("Isian diubah"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Akun:")))
        top.addWidget(self.who)
        top.addWidget(QLabel(self.tr("Data:")))
        top.addWidget(self.record, 1)
        top.addWidget(show)
        top.addWidget(self.verify)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)
        show.clicked.connect(self.refresh)
        self.record.returnPressed.connect(self.refresh)
        self.who.currentIndexChanged.connect(self.refresh)
        self.verify.clicked.connect(self._verify)
        self.resize(900, 560)
        QueryOp(self, lambda: audit.usernames(ws)).success(self._names).run()
        self.refresh()

    def _names(self, names: list[str]) -> None:
        for n in names:
            self.who.addItem(n, n)

    def refresh(self) -> None:
        ws, who, record = self.ws, str(self.who.currentData() or ""), self.record.text().strip()
        QueryOp(self, lambda: audit.entries(ws, username=who or None, record=record or None, limit=LIMIT)).success(
            self._show
        ).run()

    def _show(self, rows: list[audit.AuditRow]) -> None:
        role = self.actor.role
        with tables.filling(self.table):
            self.table.setRowCount(len(rows))
            for r, e in enumerate(rows):
                values = (
                    str(e.seq),
                    timefmt.local(e.at, seconds=True),
                    e.username,
                    e.action,
                    e.record(role),
                    ", ".join(e.fields),
                )
                for c, v in enumerate(values):
                    self.table.setItem(r, c, QTableWidgetItem(shown_text(role, v)))
        self.status.setText(self.tr("{0} entri ditampilkan (terbaru dulu).").format(len(rows)))

    def _verify(self) -> None:
        ws = self.ws
        QueryOp(self, lambda: audit.verify(ws, backup.known_heads(ws.data_dir))).success(self._verified).run()

    def _verified(self, rep: audit.AuditReport) -> None:
        if rep.ok:
            self.status.setText(self.tr("Rantai audit utuh: {0} entri.").format(rep.entries))
        else:
            self.status.setText(
                self.tr("Rantai audit RUSAK: {0}").format("; ".join(p.message() for p in rep.problems[:3]))
            )
