"""A top-level window inside the screen: where it was last time, else centred at its preferred
size, never bigger than the screen's available area (the screen less its taskbar), so that the
title bar's buttons, the status bar and the save row are always on screen (1024x600 netbooks).

``ScreenPlacement`` does it for any window (the village window, the district window): it places
the window when made, fits it again once shown with its real frame (the title bar's height is
known only then, and a window manager sets the frame a moment after mapping), and keeps its
geometry under a settings key when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle, QWidget

from .settings import AppSettings


def fit_rect(wanted: QRect, available: QRect) -> QRect:
    """``wanted`` moved and shrunk so that all of it lies within ``available`` (the screen less
    its taskbar): a window remembered on a bigger or a detached screen comes back whole."""
    width = min(wanted.width(), available.width())
    height = min(wanted.height(), available.height())
    x = min(max(wanted.x(), available.x()), available.x() + available.width() - width)
    y = min(max(wanted.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


def centred_rect(size: QSize, available: QRect) -> QRect:
    """``size`` (cut to ``available``) in the middle of ``available``."""
    width, height = min(size.width(), available.width()), min(size.height(), available.height())
    return QRect(
        available.x() + (available.width() - width) // 2,
        available.y() + (available.height() - height) // 2,
        width,
        height,
    )


def available_area(window: QWidget) -> QRect | None:
    """The available area of the screen the window is on (or the primary one)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


class ScreenPlacement(QObject):
    """Keeps ``window`` on the screen (see the module's text); a child of the window, so it goes
    with it. ``key`` names the settings entry of its geometry."""

    def __init__(self, window: QWidget, settings: AppSettings | None, key: str, preferred: QSize) -> None:
        super().__init__(window)
        self.window, self.settings, self.key, self.preferred = window, settings, key, preferred
        self._shown = False
        # A child timer: it goes with the window (a window closed at once is not touched after).
        self._late = QTimer(self)
        self._late.setSingleShot(True)
        self._late.timeout.connect(self._fit_late)
        self._late_fits: list[int] = []
        self._placed = QSize()
        window.installEventFilter(self)
        self.place()

    def place(self) -> None:
        """Where it was last time (size and position), or centred at its preferred size; either
        way within the screen's available area."""
        w = self.window
        geometry = self.settings.geometry(self.key) if self.settings is not None else None
        restored = geometry is not None and w.restoreGeometry(geometry)
        available = available_area(w)
        if available is None:  # pragma: no cover - a platform without screens
            w.resize(self.preferred)
            return
        if not restored:
            # The frame is not known before the window manager has decorated the window: leave
            # room for a title bar and borders now, and fit again once it is shown.
            extra = self._frame_guess()
            room = QRect(
                available.x(), available.y(), available.width() - extra.width(), available.height() - extra.height()
            )
            rect = centred_rect(self.preferred, room)
            w.resize(rect.size())
            w.move(rect.topLeft())
        self.fit()

    def _frame_guess(self) -> QSize:
        w = self.window
        frame, inner = w.frameGeometry(), w.geometry()
        if frame.size() != inner.size():
            return QSize(frame.width() - inner.width(), frame.height() - inner.height())
        style = w.style()
        title = style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        border = 2 * max(4, style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth))
        return QSize(border, title + border)

    def fit(self) -> None:
        """The window, frame and all, moved and shrunk into the available area (unless maximised)."""
        w = self.window
        available = available_area(w)
        if available is None or w.isMaximized() or w.isFullScreen():
            return
        frame = w.frameGeometry()
        if available.contains(frame):
            return
        fitted = fit_rect(frame, available)
        w.resize(fitted.width() - (frame.width() - w.width()), fitted.height() - (frame.height() - w.height()))
        w.move(fitted.topLeft())

    def _fit_late(self) -> None:
        if self.window.size() == self._placed:
            self.fit()
            self._placed = self.window.size()
        if self._late_fits:
            self._late.start(self._late_fits.pop(0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.Show and not self._shown and not event.spontaneous():
                self._shown = True
                self.fit()
                # A window manager sets the frame a moment after the window is mapped; fitted
                # again then, unless it was resized meanwhile (by the person, or by the program).
                self._placed = self.window.size()
                self._late_fits = [0, 300]
                self._late.start(self._late_fits.pop(0))
            elif event.type() == QEvent.Type.Close and self.settings is not None:
                self.settings.set_geometry(self.window.saveGeometry(), self.key)
        return False
