"""The main window: navigation on the left, one page at a time, a status bar, and the idle lock."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from ..services import village
from ..services.context import Actor, Workspace
from .login import IdleWatcher, LockScreen
from .settings import AppSettings

log = logging.getLogger(__name__)

ROLE_NAMES = {"operator": "operator", "approver": "kepala desa", "admin": "admin"}


class PlaceholderPage(QWidget):
    """Shown for a part of the app that is not in this build yet."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(self.tr("{0} belum tersedia di versi ini.").format(title))
        label.setObjectName("placeholder")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 13pt; color: #57606a;")
        QVBoxLayout(self).addWidget(label)

    def refresh(self) -> None:
        pass


def _external_page(module: str, cls: str) -> Callable[..., QWidget] | None:
    """DocumentsPage / SyncPage come from their own modules, when those are installed."""
    try:
        mod = importlib.import_module(f"jamsos_desktop.ui.pages.{module}")
    except ImportError as exc:
        log.info("page %s not available: %s", module, exc)
        return None
    page = getattr(mod, cls, None)
    if isinstance(page, type) and issubclass(page, QWidget):
        factory: Callable[..., QWidget] = page
        return factory
    return None


class MainWindow(QMainWindow):
    signOut = Signal()
    languageChanged = Signal(str)

    PAGES = ("dashboard", "workers", "nominations", "documents", "sync", "settings")

    def __init__(
        self, workspace: Workspace, actor: Actor, settings: AppSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = workspace
        self._actor = actor
        self.settings = settings
        self.locked = False
        self.village = village.get_village(workspace)
        self.setWindowTitle(self.tr("JAMSOS Desktop — Desa {0}").format(self.village.name))
        titles = {
            "dashboard": self.tr("Ringkasan"),
            "workers": self.tr("Pekerja"),
            "nominations": self.tr("Nominasi"),
            "documents": self.tr("Dokumen"),
            "sync": self.tr("Sinkronisasi"),
            "settings": self.tr("Pengaturan"),
        }
        self.titles = titles
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(180)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; border: none; outline: 0; background: palette(window); }"
            "QListWidget::item { padding: 10px 12px; }"
            "QListWidget::item:selected { background: #1f6feb; color: white; border-radius: 4px; }"
        )
        for n, key in enumerate(self.PAGES, start=1):
            item = QListWidgetItem(f"{titles[key]}")
            item.setToolTip(f"Ctrl+{n}")
            self.nav.addItem(item)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self._built: dict[str, QWidget] = {}
        self._stale: set[str] = set()
        for key in self.PAGES:
            holder = QWidget()
            holder.setObjectName(f"holder_{key}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.pages.addWidget(holder)
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.lock_screen = LockScreen(workspace)
        self.lock_screen.setObjectName("lockScreen")
        self.outer = QStackedWidget()
        self.outer.addWidget(content)
        self.outer.addWidget(self.lock_screen)
        self.setCentralWidget(self.outer)

        self.village_status = QLabel()
        self.user_status = QLabel()
        self.user_status.setObjectName("userStatus")
        self.db_status = QLabel()
        self.db_status.setObjectName("dbStatus")
        for w in (self.village_status, self.user_status, self.db_status):
            self.statusBar().addPermanentWidget(w)
        self.village_status.setText(
            self.tr("Desa {0}, Kec. {1}, {2}").format(
                self.village.name, self.village.district_name, self.village.regency_name
            )
        )
        self._show_user()
        self.update_db_status()

        for n in range(len(self.PAGES)):
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            act.triggered.connect(lambda _c=False, n=n: self.nav.setCurrentRow(n))
            self.addAction(act)
        lock = QAction(self.tr("Kunci layar"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        self.addAction(lock)
        menu = self.menuBar().addMenu(self.tr("&Aplikasi"))
        menu.addAction(lock)
        sign_out = menu.addAction(self.tr("Keluar akun"))
        sign_out.triggered.connect(self._sign_out)
        quit_action = menu.addAction(self.tr("Tutup aplikasi"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.menuBar().addMenu(self.tr("&Bantuan")).addAction(self.tr("Tentang JAMSOS Desktop")).triggered.connect(
            self._about
        )

        self.nav.currentRowChanged.connect(self._switch)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.switchUser.connect(self._sign_out)
        self.idle = IdleWatcher(settings.idle_minutes, self)
        self.idle.idle.connect(self.lock)
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        self.nav.setCurrentRow(0)

    # -- pages --------------------------------------------------------------------------------

    def actor(self) -> Actor:
        return self._actor

    def page(self, key: str) -> QWidget:
        """The page, built the first time it is needed (start-up builds only the first one)."""
        built = self._built.get(key)
        if built is not None:
            return built
        page = self._build(key)
        self._built[key] = page
        holder = self.pages.widget(self.PAGES.index(key))
        lay = holder.layout() if holder is not None else None
        assert lay is not None
        lay.addWidget(page)
        signal = getattr(page, "dataChanged", None)
        if signal is not None:
            signal.connect(lambda key=key: self._mark_stale(key))
        return page

    def _build(self, key: str) -> QWidget:
        getter: Callable[[], Actor] = self.actor
        if key == "dashboard":
            from .pages.dashboard import DashboardPage

            return DashboardPage(self.ws, getter)
        if key == "workers":
            from .pages.workers import WorkersPage

            return WorkersPage(self.ws, getter)
        if key == "nominations":
            from .pages.nominations import NominationsPage

            return NominationsPage(self.ws, getter)
        if key == "settings":
            from .pages.settings import SettingsPage

            page = SettingsPage(self.ws, getter, self.settings)
            page.languageChanged.connect(self.languageChanged.emit)
            page.idleChanged.connect(self.idle.set_minutes)
            return page
        module, cls = {"documents": ("documents", "DocumentsPage"), "sync": ("sync", "SyncPage")}[key]
        external = _external_page(module, cls)
        if external is None:
            return PlaceholderPage(self.titles[key])
        try:
            return external(self.ws, getter)
        except Exception:
            log.exception("could not build page %s", key)
            return PlaceholderPage(self.titles[key])

    def _mark_stale(self, source: str) -> None:
        self._stale |= {k for k in self._built if k != source}
        self.update_db_status()

    def _switch(self, row: int) -> None:
        if row < 0:
            return
        key = self.PAGES[row]
        page = self.page(key)
        self.pages.setCurrentIndex(row)
        if key in self._stale:
            self._stale.discard(key)
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()

    def go(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.PAGES.index(key))
        return self.page(key)

    # -- status -------------------------------------------------------------------------------

    def _show_user(self) -> None:
        a = self._actor
        self.user_status.setText(self.tr("Pengguna: {0} ({1})").format(a.full_name, ROLE_NAMES.get(a.role, a.role)))

    def update_db_status(self) -> None:
        path = paths.db_path(self.ws.data_dir)
        try:
            size = path.stat().st_size
            wal = path.with_name(path.name + "-wal")
            size += wal.stat().st_size if wal.exists() else 0
        except OSError:
            self.db_status.setText(self.tr("Basis data: tidak terbaca"))
            return
        mb = f"{size / 1_048_576:.1f}".replace(".", ",")
        self.db_status.setText(self.tr("Basis data: tersimpan ({0} MB)").format(mb))
        self.db_status.setToolTip(str(path))

    # -- lock ---------------------------------------------------------------------------------

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        for page in self._built.values():
            hook = getattr(page, "before_lock", None)
            if callable(hook):
                try:
                    hook()
                except Exception:
                    log.exception("keeping a draft before lock failed")
        self.lock_screen.prepare(self._actor)
        self.outer.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)
        log.info("screen locked")

    def unlock(self) -> None:
        self.locked = False
        self.outer.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        self.idle.set_minutes(self.settings.idle_minutes)
        current = self.pages.currentWidget()
        if current is not None:
            current.setFocus()
        log.info("screen unlocked")

    # -- leaving ------------------------------------------------------------------------------

    def _sign_out(self) -> None:
        self.lock_screen_before_leaving()
        self.signOut.emit()

    def lock_screen_before_leaving(self) -> None:
        for page in self._built.values():
            hook = getattr(page, "before_lock", None)
            if callable(hook):
                hook()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Tentang JAMSOS Desktop"),
            self.tr(
                "JAMSOS Desktop: pencatatan pekerja rentan dan usulan perlindungan BPJS Ketenagakerjaan "
                "untuk kantor desa. Bekerja tanpa internet."
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lock_screen_before_leaving()
        self.settings.set_geometry(self.saveGeometry())
        self.idle.stop()
        super().closeEvent(event)
