"""A light bar chart painted with QPainter (QtCharts would add tens of megabytes to the install)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import amounts

PALETTE = ("#1f6feb", "#2da44e", "#bf8700", "#cf222e", "#8250df", "#0a7ea4", "#d1242f", "#57606a")


class BarChart(QWidget):
    """Horizontal bars with their label and value; the longest bar fills the width."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.items: list[tuple[str, int, str]] = []  # (label, value, colour)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_items(self, items: list[tuple[str, int]], colours: list[str] | None = None) -> None:
        self.items = [
            (label, value, (colours[i] if colours and i < len(colours) else PALETTE[i % len(PALETTE)]))
            for i, (label, value) in enumerate(items)
        ]
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 34 + 26 * max(1, len(self.items)))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 34 + 22 * max(1, len(self.items)))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        width = self.width()
        top = 4.0
        if self.title:
            f = self.font()
            f.setBold(True)
            p.setFont(f)
            p.drawText(QRectF(0, 0, width, 24), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
            p.setFont(self.font())
            top = 28.0
        if not self.items:
            p.setPen(QColor("#57606a"))
            p.drawText(QRectF(0, top, width, 24), Qt.AlignmentFlag.AlignLeft, self.tr("Belum ada data"))
            p.end()
            return
        label_w = min(width * 0.4, max(fm.horizontalAdvance(i[0]) for i in self.items) + 12)
        value_w = max(fm.horizontalAdvance(f"{i[1]:,}") for i in self.items) + 12
        bar_area = max(10.0, width - label_w - value_w)
        biggest = max(1, *(i[1] for i in self.items))
        row_h = max(18.0, min(26.0, (self.height() - top) / len(self.items)))
        for n, (label, value, colour) in enumerate(self.items):
            y = top + n * row_h
            p.setPen(self.palette().color(self.foregroundRole()))
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 8))
            p.drawText(
                QRectF(0, y, label_w - 8, row_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided
            )
            w = bar_area * value / biggest
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(colour))
            p.drawRoundedRect(QRectF(label_w, y + 3, max(2.0, w), row_h - 6), 3, 3)
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(
                QRectF(label_w + w + 6, y, value_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                amounts.count(value),
            )
        p.end()


# The quota bar's colours: filling, exactly reached (the goal: success, not a warning), over.
QUOTA_FILLING = "#2da44e"
QUOTA_REACHED = "#1a7f37"
QUOTA_OVER = "#cf222e"


class QuotaBar(QWidget):
    """The quota as a bar with "87 / 100 — Rp17.539.200 dari Rp20.160.000" written on it: green
    while it fills, a deeper green once the goal is reached exactly, red only beyond it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.used = 0
        self.quota = 1
        self.text = ""
        self.setMinimumHeight(30)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, used: int, quota: int, text: str) -> None:
        self.used, self.quota, self.text = used, max(1, quota), text
        self.setToolTip(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 30)

    @property
    def state(self) -> str:
        """ "filling", "reached" (exactly the quota) or "over"."""
        if self.used > self.quota:
            return "over"
        return "reached" if self.used == self.quota else "filling"

    @property
    def colour(self) -> str:
        return {"filling": QUOTA_FILLING, "reached": QUOTA_REACHED, "over": QUOTA_OVER}[self.state]

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(QColor("#8c959f"))
        p.setBrush(QColor("#eaeef2"))
        p.drawRoundedRect(r, 5, 5)
        share = min(1.0, self.used / self.quota)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(self.colour))
        if share > 0:
            p.drawRoundedRect(QRectF(r.x(), r.y(), r.width() * share, r.height()), 5, 5)
        # Dark text on the light track, white on a deep fill that covers the middle.
        p.setPen(QColor("#ffffff" if share >= 0.5 and self.state != "filling" else "#1f2328"))
        f = self.font()
        f.setBold(True)
        p.setFont(f)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.text)
        p.end()
