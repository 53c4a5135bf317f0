"""The main window: navigation on the left, one page at a time, a status bar, and the idle lock."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from ..domain import regions
from ..domain.actors import Actor, reads_audit
from ..domain.text import language
from . import amounts, ops, tasks, village_text
from .elided import ElidedLabel
from .login import IdleWatcher, SignInPanel
from .ops import OpChanges
from .placement import ScreenPlacement, available_area
from .settings import AppSettings

if TYPE_CHECKING:
    from ..services.context import Workspace
    from ..services.rows import VillageRow

log = logging.getLogger(__name__)

# The size the window asks for on a screen big enough (it is never bigger than the screen).
PREFERRED_SIZE = QSize(1200, 760)


def _alive(widget: QWidget) -> bool:
    """Whether the C++ side of ``widget`` still exists (a page destroyed while locked)."""
    return bool(shiboken6.isValid(widget))


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
    """The one window of the app, from start to quit.

    It is built and shown before the database is open (``attach`` hands it the workspace when
    the loader thread is done) and before anyone has signed in: until then the sign-in panel
    covers the pages. ``MainWindow(ws, actor, settings)`` is the window of someone signed in.
    """

    signedIn = Signal(object)  # the Actor
    languageChanged = Signal(str)

    PAGES = ("dashboard", "workers", "nominations", "documents", "sync", "settings")

    def __init__(
        self,
        workspace: Workspace | None,
        actor: Actor | None,
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws: Workspace | None = None
        self._actor: Actor | None = None
        self.settings = settings
        self.locked = False
        self.village: VillageRow | None = None
        self.setWindowTitle("JAMSOS Desktop")
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
        # What changed while a page was not on screen: told to it when it is shown again.
        self._pending: dict[str, OpChanges] = {}
        for key in self.PAGES:
            holder = QWidget()
            holder.setObjectName(f"holder_{key}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.pages.addWidget(holder)
        self.content = QWidget()
        row = QHBoxLayout(self.content)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        # One line above each page: what to do next there (help.page_hint).
        self.hint = QLabel()
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #57606a; padding: 0 4px;")
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.hint)
        column.addWidget(self.pages, 1)
        row.addLayout(column, 1)
        self._guide: QWidget | None = None
        self.sign_in = SignInPanel()
        self.outer = QStackedWidget()
        self.outer.addWidget(self.content)
        self.outer.addWidget(self.sign_in)
        self.setCentralWidget(self.outer)

        # A long nagari's place line or a head's full name gives way on a 1024 px screen.
        self.village_status = ElidedLabel()
        self.user_status = ElidedLabel()
        self.user_status.setObjectName("userStatus")
        self.db_status = QLabel(self.tr("Basis data: sedang dibuka…"))
        self.db_status.setObjectName("dbStatus")
        for w in (self.village_status, self.user_status, self.db_status):
            self.statusBar().addPermanentWidget(w)

        for n in range(len(self.PAGES)):
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            act.triggered.connect(lambda _c=False, n=n: self._shortcut(n))
            self.addAction(act)
        lock = QAction(self.tr("Kunci layar"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(lambda _c=False: self.lock())
        self.addAction(lock)
        menu = self.menuBar().addMenu(self.tr("&Aplikasi"))
        menu.addAction(lock)
        # The audit trail is read by the village head and the admin (``actors.reads_audit``):
        # the action is shown only while one of them is signed in (``_show_user``).
        self.audit_action = menu.addAction(self.tr("Jejak audit…"))
        self.audit_action.setObjectName("auditAction")
        self.audit_action.setVisible(False)
        self.audit_action.triggered.connect(self._audit)
        sign_out = menu.addAction(self.tr("Keluar akun"))
        sign_out.triggered.connect(self.sign_out)
        quit_action = menu.addAction(self.tr("Tutup aplikasi"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.help_menu = self.menuBar().addMenu(self.tr("&Bantuan"))
        guide = self.help_menu.addAction(self.tr("Panduan pengguna"))
        guide.setObjectName("userGuide")  # the About dialog's link triggers it
        guide.setShortcut(QKeySequence(Qt.Key.Key_F1))
        guide.triggered.connect(self.show_guide)
        self.help_menu.addAction(self.tr("Tentang JAMSOS Desktop")).triggered.connect(self._about)

        self.nav.currentRowChanged.connect(self._switch)
        self.sign_in.unlocked.connect(lambda signed: self.attach(signed.ws))
        self.sign_in.signedIn.connect(self._signed_in)
        self.sign_in.switchUser.connect(self.sign_out)
        self.sign_in.quitRequested.connect(self.close)
        ops.listen(self._changed)
        self.idle = IdleWatcher(0, self)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        self._focus_before_lock: QWidget | None = None
        self.placement = ScreenPlacement(self, settings, "window/geometry", PREFERRED_SIZE)
        self._show_user()
        self._door(ask=True)
        if workspace is not None:
            self.attach(workspace)
        if actor is not None:
            self.enter(actor)

    def _audit(self) -> None:
        if self.ws is None or self._actor is None or self.locked or not reads_audit(self._actor.role):
            return
        from .audit_view import AuditDialog

        AuditDialog(self.ws, self._actor, self).exec()

    def attach(self, workspace: Workspace, village: VillageRow | None = None) -> None:
        """The database is open: name the village, and let the sign-in panel sign people in."""
        if village is None:
            from ..services import village as villages

            village = villages.get_village(workspace)
        self.ws = workspace
        self.village = village
        words = village_text.words_of(village)
        unit = str(village_text.unit_name(words))
        self.setWindowTitle(self.tr("JAMSOS Desktop — {0}").format(unit))
        place = f"{unit}, {regions.district_place(village.district_name, village.regency_name, language())}"
        self.village_status.setText(place)
        self._show_user()
        self.update_db_status()
        self.sign_in.set_workspace(workspace, place)

    def workspace(self) -> Workspace:
        if self.ws is None:
            raise RuntimeError("the database is not open yet")
        return self.ws

    def enter(self, actor: Actor) -> None:
        """``actor`` is signed in: the pages, from the first one. Their name is the one the next
        sign-in offers (the admin the first-run wizard made is signed in without the panel)."""
        self._actor = actor
        self.settings.last_user = actor.username
        self._show_user()
        if self.nav.currentRow() == 0:
            self._switch(0)
        else:
            self.nav.setCurrentRow(0)
        self.unlock()

    def _signed_in(self, actor: Actor) -> None:
        if self.locked and self._actor is not None and actor.id == self._actor.id:
            self.unlock()
            log.info("screen unlocked")
            return
        self.settings.last_user = actor.username
        log.info("signed in, role %s", actor.role)
        self.enter(actor)
        self.signedIn.emit(actor)

    def _door(self, *, ask: bool, idle: bool = False) -> None:
        """Covers the pages with the sign-in panel (the menus wait behind it too)."""
        if ask:
            self.sign_in.ask(self.settings.last_user)
        elif self._actor is not None:
            self.sign_in.lock(self._actor, idle=idle)
        self.outer.setCurrentWidget(self.sign_in)
        self.menuBar().setEnabled(False)

    def _shortcut(self, n: int) -> None:
        if self._actor is not None and not self.locked:
            self.nav.setCurrentRow(n)

    # -- pages --------------------------------------------------------------------------------

    def actor(self) -> Actor:
        if self._actor is None:
            raise RuntimeError("nobody is signed in")
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
        return page

    def _build(self, key: str) -> QWidget:
        # A page lives for one person's session (sign-out destroys it), so it acts as that person
        # even when a background job answers it after they left.
        signed_in = self.actor()
        getter: Callable[[], Actor] = lambda: signed_in  # noqa: E731
        ws = self.workspace()
        if key == "dashboard":
            from .pages.dashboard import DashboardPage

            return DashboardPage(ws, getter)
        if key == "workers":
            from .pages.workers import WorkersPage

            return WorkersPage(ws, getter)
        if key == "nominations":
            from .pages.nominations import NominationsPage

            return NominationsPage(ws, getter)
        if key == "settings":
            from .pages.settings import SettingsPage

            page = SettingsPage(ws, getter, self.settings)
            page.languageChanged.connect(self.languageChanged.emit)
            page.idleChanged.connect(self.idle.set_minutes)
            return page
        module, cls = {"documents": ("documents", "DocumentsPage"), "sync": ("sync", "SyncPage")}[key]
        external = _external_page(module, cls)
        if external is None:
            return PlaceholderPage(self.titles[key])
        try:
            return external(ws, getter)
        except Exception:
            log.exception("could not build page %s", key)
            return PlaceholderPage(self.titles[key])

    def _changed(self, changes: OpChanges, initiator: QWidget | None) -> None:
        """A write succeeded (``ops``): the page on screen is told at once, the others when they
        are shown; the page that asked was told already."""
        if tasks.retired(self):
            return
        self.update_db_status()
        current = self.PAGES[self.pages.currentIndex()]
        for key, page in self._built.items():
            if page is initiator:
                continue
            if key == current:
                self._tell(page, changes)
            else:
                self._pending[key] = self._pending.get(key, ops.NOTHING) | changes

    @staticmethod
    def _tell(page: QWidget, changes: OpChanges) -> None:
        hook = getattr(page, "on_changes", None)
        if callable(hook):
            hook(changes)
            return
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def _switch(self, row: int) -> None:
        if row < 0 or self._actor is None:
            return
        key = self.PAGES[row]
        page = self.page(key)
        self.pages.setCurrentIndex(row)
        self._show_hint(key)
        pending = self._pending.pop(key, None)
        if pending is not None:
            self._tell(page, pending)

    def go(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.PAGES.index(key))
        return self.page(key)

    # -- status -------------------------------------------------------------------------------

    def _show_user(self) -> None:
        a = self._actor
        self.audit_action.setVisible(a is not None and reads_audit(a.role))
        if a is None:
            self.user_status.setText(self.tr("Belum masuk"))
            return
        words = village_text.words_of(self.village) if self.village is not None else None
        role = village_text.role_name(a.role, words)
        self.user_status.setText(self.tr("Pengguna: {0} ({1})").format(a.full_name, role))

    def update_db_status(self) -> None:
        if self.ws is None:
            return
        path = paths.db_path(self.ws.data_dir)
        try:
            size = path.stat().st_size
            wal = path.with_name(path.name + "-wal")
            size += wal.stat().st_size if wal.exists() else 0
        except OSError:
            self.db_status.setText(self.tr("Basis data: tidak terbaca"))
            return
        mb = amounts.decimal(size / 1_048_576)
        self.db_status.setText(self.tr("Basis data: tersimpan ({0} MB)").format(mb))
        self.db_status.setToolTip(str(path))

    # -- lock and sign-out --------------------------------------------------------------------

    def keep_drafts(self) -> None:
        """Every open form keeps what was typed as a draft (before a lock, a sign-out, a close)."""
        for page in self._built.values():
            hook = getattr(page, "before_lock", None)
            if callable(hook):
                try:
                    hook()
                except Exception:
                    log.exception("keeping a draft failed")

    def lock(self, *, idle: bool = False) -> None:
        """Covers the pages until the same person's password is given (``idle``: the idle timer
        locked it, not the person; the panel says which)."""
        if self.locked or self._actor is None:
            return
        focused = QApplication.focusWidget()
        self._focus_before_lock = focused if focused is not None and self.content.isAncestorOf(focused) else None
        self.locked = True
        self.keep_drafts()
        self._door(ask=False, idle=idle)
        log.info("screen locked (%s)", "idle" if idle else "by hand")

    def unlock(self) -> None:
        """The pages (and menus) again, where they were; the idle timer restarts."""
        self.locked = False
        self.outer.setCurrentWidget(self.content)
        self.menuBar().setEnabled(True)
        self.idle.set_minutes(self.settings.idle_minutes)
        # The keys go where they went before the lock: the field being typed in, not nowhere.
        before, self._focus_before_lock = self._focus_before_lock, None
        if before is not None and _alive(before) and before.isVisible() and before.isEnabled():
            before.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        current = self.pages.currentWidget()
        if current is not None:
            target = current.focusWidget() or current.nextInFocusChain()
            (target if target is not None and current.isAncestorOf(target) else current).setFocus()

    def sign_out(self) -> None:
        """Drafts kept, the pages of this person gone, and the sign-in panel for the next one."""
        if self._actor is None:
            return
        self.keep_drafts()
        for key, page in self._built.items():
            holder = self.pages.widget(self.PAGES.index(key))
            lay = holder.layout() if holder is not None else None
            if lay is not None:
                lay.removeWidget(page)
            page.setParent(self)  # hidden, until no background job is left to answer it
            page.hide()
            tasks.bury(page)
        self._built.clear()
        self._pending.clear()
        self._actor = None
        self.locked = False
        self.idle.set_minutes(0)
        self._show_user()
        self._door(ask=True)
        log.info("signed out")

    def _show_hint(self, key: str) -> None:
        from ..domain.actors import ROLE_APPROVER
        from .guide import page_hint

        words = village_text.words_of(self.village) if self.village is not None else None
        self.hint.setText(page_hint(key, village_text.role_name(ROLE_APPROVER, words)))

    def show_guide(self) -> QWidget:
        """The user guide (F1), in a window of its own beside this one."""
        from .guide import GuideWindow

        if self._guide is None or not _alive(self._guide):
            window = GuideWindow(self)
            available = available_area(self)
            if available is not None:
                window.fit_to(available.width(), available.height())
            self._guide = window
        self._guide.show()
        self._guide.raise_()
        return self._guide

    def _about(self) -> None:
        from .about import AboutDialog

        AboutDialog(self.ws, self, self.help_menu).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.keep_drafts()  # the placement keeps the geometry
        self.idle.stop()
        super().closeEvent(event)
