"""Ringkasan: how many workers at each stage, by category and dusun, and the quota and budget used."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...domain import statuses
from ...domain.text import language
from ...services import overview
from ...services.context import Actor, Workspace
from ...services.rows import QuotaSummary
from .. import amounts, village_text
from ..chart import BarChart, QuotaBar
from ..ops import OpChanges, QueryOp

STATUS_COLOURS = {
    statuses.RECORDED: "#8c959f",
    statuses.PROPOSED: "#bf8700",
    statuses.APPROVED: "#2da44e",
    statuses.DECLINED: "#cf222e",
    statuses.PRINTED: "#0a7ea4",
    statuses.SIGNED: "#1f6feb",
    statuses.EXPORTED: "#8250df",
    statuses.REGISTERED: "#116329",
    statuses.REJECTED: "#a40e26",
    statuses.DUPLICATE: "#953800",
}


def show_quota(bar: QuotaBar, q: QuotaSummary, note: QLabel | None = None) -> None:
    """The quota and budget as a bar: "87 / 100 — Rp17.539.200 dari Rp20.160.000"; under it (``note``)
    how many people the pagu pays for, and a warning when the nominations cost more than the pagu."""
    used = amounts.rupiah(q.budget_used)
    if q.budget_ceiling is None and q.contribution_mode != "lowest_band":
        # By declared income the quota's cost at the lowest band is no budget: say what is committed.
        text = QCoreApplication.translate("QuotaBar", "{0} / {1} — terpakai {2}").format(q.counted, q.quota, used)
    else:
        total = q.budget_ceiling if q.budget_ceiling is not None else q.budget_at_quota
        text = QCoreApplication.translate("QuotaBar", "{0} / {1} — {2} dari {3}").format(
            q.counted, q.quota, used, amounts.rupiah(total)
        )
    bar.set_values(q.counted, q.quota, text)
    if note is None:
        return
    lines = []
    if q.budget_ceiling is not None:
        lines.append(
            QCoreApplication.translate("QuotaBar", "Pagu {0} cukup untuk {1} orang (kuota {2}).").format(
                amounts.rupiah(q.budget_ceiling), q.places, q.quota
            )
        )
    if q.over_budget:
        over = amounts.rupiah(q.budget_used - (q.budget_ceiling or 0))
        lines.append(
            QCoreApplication.translate(
                "QuotaBar", "PERINGATAN: usulan melebihi pagu sebesar {0}; tolak sebagian usulan."
            ).format(over)
        )
    note.setText(" ".join(lines))
    note.setStyleSheet("color: #cf222e; font-weight: 600;" if q.over_budget else "color: #57606a;")
    note.setProperty("overBudget", q.over_budget)
    note.setVisible(bool(lines))


def quota_note() -> QLabel:
    """The line under a quota bar (``show_quota`` fills it)."""
    label = QLabel()
    label.setObjectName("quotaNote")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class DashboardPage(QWidget):
    def __init__(self, workspace: Workspace, actor_getter: Callable[[], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.actor = actor_getter
        self.heading = QLabel()
        self.heading.setObjectName("dashboardHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.cards: dict[str, QLabel] = {}
        cards = QGridLayout()
        for n, (key, title) in enumerate(
            (
                ("total", self.tr("Pekerja tercatat")),
                ("proposed", self.tr("Diusulkan")),
                ("approved", self.tr("Disetujui / diproses")),
                ("registered", self.tr("Terdaftar BPJS")),
            )
        ):
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            lay = QVBoxLayout(box)
            value = QLabel("0")
            value.setObjectName(f"card_{key}")
            value.setStyleSheet("font-size: 20pt; font-weight: 700;")
            lay.addWidget(value)
            lay.addWidget(QLabel(title))
            self.cards[key] = value
            cards.addWidget(box, 0, n)
        self.quota_bar = QuotaBar()
        self.quota_bar.setObjectName("dashboardQuota")
        self.quota_note = quota_note()
        self.budget_words = QLabel()
        self.budget_words.setWordWrap(True)
        quota_box = QGroupBox(self.tr("Kuota dan anggaran"))
        ql = QVBoxLayout(quota_box)
        ql.addWidget(self.quota_bar)
        ql.addWidget(self.quota_note)
        ql.addWidget(self.budget_words)
        self.status_chart = BarChart(self.tr("Menurut status"))
        self.status_chart.setObjectName("statusChart")
        self.category_chart = BarChart(self.tr("Menurut kategori"))
        self.dusun_chart = BarChart(self.tr("Menurut dusun"))
        charts = QGridLayout()
        charts.addWidget(self.status_chart, 0, 0)
        charts.addWidget(self.dusun_chart, 0, 1)
        charts.addWidget(self.category_chart, 1, 0, 1, 2)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.addWidget(self.heading)
        lay.addLayout(cards)
        lay.addWidget(quota_box)
        lay.addLayout(charts)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.data: overview.Dashboard | None = None
        self.refresh()

    def refresh(self) -> None:
        """Counts come from a background read: the window is usable while they are gathered."""
        ws = self.ws
        QueryOp(self, lambda: overview.dashboard(ws)).success(self.show_data).run()

    def on_changes(self, changes: OpChanges) -> None:
        if changes.any("workers", "nominations", "program", "village"):
            self.refresh()

    def show_data(self, d: overview.Dashboard) -> None:
        self.data = d
        self.heading.setText(self.tr("Ringkasan program tahun {0}").format(d.program_year))
        s = d.by_status
        self.cards["total"].setText(amounts.count(d.total))
        self.cards["proposed"].setText(str(s.get(statuses.PROPOSED, 0)))
        in_progress = sum(
            s.get(k, 0) for k in (statuses.APPROVED, statuses.PRINTED, statuses.SIGNED, statuses.EXPORTED)
        )
        self.cards["approved"].setText(str(in_progress))
        self.cards["registered"].setText(str(s.get(statuses.REGISTERED, 0)))
        q = d.quota
        show_quota(self.quota_bar, q, self.quota_note)
        # Two sentences, each with its own count, so that English says "1 place" and "1 month".
        used_text = self.tr("Terpakai {0} ({1}); sisa kuota {2} orang.", "", q.remaining).format(
            amounts.rupiah(q.budget_used), amounts.words(q.budget_used), q.remaining
        )
        lowest_text = self.tr("Iuran terendah {0}/bulan × {1} bulan.", "", q.months).format(
            amounts.rupiah(d.monthly_lowest), q.months
        )
        self.budget_words.setText(f"{used_text} {lowest_text}")
        order = [k for k in statuses.WORKER_STATUSES if s.get(k)]
        self.status_chart.set_items(
            [(statuses.label(k), s[k]) for k in order], [STATUS_COLOURS.get(k, "#57606a") for k in order]
        )
        self.category_chart.set_items([(amounts.category(k), v) for k, v in list(d.by_category.items())[:10]])
        hamlet = village_text.hamlet(d.words)  # "Dusun", "Korong", "Banjar", "Lingkungan"
        self.dusun_chart.title = (
            self.tr("Menurut dusun")
            if hamlet.id == "Dusun"
            else self.tr("Menurut {0}").format(hamlet.id.lower() if language() == "id" else hamlet.en)
        )
        self.dusun_chart.set_items([(k or "-", v) for k, v in list(d.by_dusun.items())[:10]])
