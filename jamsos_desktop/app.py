"""The desktop app: `python -m jamsos_desktop [--data-dir DIR]` (what `make run` starts).

Start-up shows the main window first, with the sign-in panel over it, and opens the database on
a thread behind it: importing SQLAlchemy and the models takes most of a second on a village
laptop, and a person typing their name and password needs longer than that. Nothing on the
path to the first window imports the database layer (``tests/ui/test_start_imports.py``).

The database is encrypted and only a person's password unlocks it: when the loader finds it
locked, it opens nothing and the sign-in itself opens it (``accounts.sign_in``, on a thread).
A fresh data folder has nothing to sign in to: there the database is opened first (a new key,
held by the set-up slot) and the set-up wizard comes before the window, which then shows the
recovery key once. Changing the language rebuilds the window for the same
person (forms are kept as drafts first); signing out happens inside the window.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from . import logs, paths
from .domain.actors import Actor
from .ui import errors, i18n, tasks
from .ui.icon import apply_icon
from .ui.main_window import MainWindow
from .ui.settings import AppSettings

if TYPE_CHECKING:
    from .services.accounts import SignedIn
    from .services.context import Workspace
    from .services.rows import VillageRow

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="jamsos-desktop", description="JAMSOS Desktop")
    parser.add_argument("--data-dir", help="folder data (bawaan: JAMSOS_DATA_DIR atau folder data pengguna)")
    parser.add_argument("--lang", choices=("id", "en"), help="bahasa tampilan untuk sesi ini")
    return parser.parse_args(argv)


def _village_or_none(ws: Workspace) -> VillageRow | None:
    from .domain.text import NotFound
    from .services import village

    try:
        return village.get_village(ws)
    except NotFound:
        return None


@dataclass(frozen=True, slots=True)
class Opened:
    """What the loader found: the open workspace, its village, and whether set-up is due."""

    ws: Workspace
    village: VillageRow | None
    setup_due: bool


def inspect(ws: Workspace) -> Opened:
    from .services import accounts

    village = _village_or_none(ws)
    return Opened(ws, village, village is None or not accounts.can_sign_in(ws))


@dataclass(frozen=True, slots=True)
class Locked:
    """What the loader found: an encrypted database that opens only with a password."""


def needs_setup(ws: Workspace) -> bool:
    """No village yet, or no account that can sign in: the first-run wizard is due."""
    return inspect(ws).setup_due


def warm_up() -> None:
    """Imports what signing in and the first page need, so the GUI thread does not pay for it.

    Only module imports (class definitions): no widget is made off the GUI thread.
    """
    import importlib

    for module in ("jamsos_desktop.services.accounts", "jamsos_desktop.ui.pages.dashboard"):
        importlib.import_module(module)


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, when ``widget`` has finished its first paint, or after ``fallback_ms``
    if it is not painted (a window started minimised)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], fallback_ms: int = 500) -> None:
        super().__init__(widget)
        self._widget: QWidget | None = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self, self._fire)  # runs once this paint (and its children's) is done
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        if self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget = None
        then()


def _recover(data_dir: Path, recovery_key: str, username: str, password: str) -> Actor:
    """Every password forgotten: the recovery key sets ``username``'s new password (audited)."""
    from .services import accounts

    return accounts.recover(data_dir, recovery_key, username, password)


def _sign_in(data_dir: Path, username: str, password: str) -> SignedIn:
    """The sign-in of a locked database; a restore asked for before the last close is done first,
    with the key this password unwraps (the backup is encrypted with it)."""
    from .services import accounts, backup

    if (data_dir / backup.PENDING).exists():
        key = accounts.database_key(data_dir, username, password)
        if backup.apply_pending(data_dir, key) is not None:
            log.info("restored the backup asked for before the last close")
    return accounts.sign_in(data_dir, username, password)


class AppController(QObject):
    """Owns the workspace and the window; runs the wizard when set-up is due."""

    #: False only for the plain-vs-encrypted figures' baseline (bench.crypto), which must stay plain.
    convert_plain = True

    def __init__(self, settings: AppSettings, data_dir: Path, ws: Workspace | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.data_dir = data_dir
        self.ws = ws
        self.window: MainWindow | None = None
        self.failed = False
        #: The district mode's hub and window (a laptop the first-run wizard made a district's).
        self.hub: Any = None
        self.hub_window: Any = None

    def start(self) -> bool:
        """Shows the window (or the wizard first); False when the person closed the wizard."""
        if self.settings.mode == "district":
            return self._open_district()
        self._restore_pending()
        if self.ws is None and paths.db_path(self.data_dir).exists():
            win = self.show_window(None, None)
            # After the window's first paint: the loader's imports, on another thread, compete
            # with the painting for the interpreter (the first paint took 60-160 ms instead of
            # 60-80 when the loader started with it).
            _AfterFirstPaint(win.sign_in, self._begin_loading)
            return True
        if self.ws is None:
            self.ws = self._open()  # a fresh folder: nothing to sign in to before the wizard
        opened = inspect(self.ws)
        if opened.setup_due:
            return self._set_up(opened)
        self.show_window(None, None).attach(self.ws, opened.village)
        return True

    def _restore_pending(self) -> None:
        """A restore asked for in Cadangan is done now, before anything opens the database."""
        if self.ws is not None or not (self.data_dir / "restore-pending.json").exists():
            return
        from .services import accounts, backup

        if accounts.is_locked(self.data_dir):
            return  # the key comes with the sign-in, which does it (_sign_in)

        try:
            done = backup.apply_pending(self.data_dir)
        except Exception as exc:
            errors.handle(exc)
            return
        if done is not None:
            log.info("restored the backup asked for before the last close")

    # -- the loader (runs on a pool thread) -----------------------------------------------------

    def _begin_loading(self) -> None:
        tasks.run_task(self._load, self._opened, self._failed, quiet=True)

    def _open(self) -> Workspace:
        from .services.context import Workspace

        return Workspace.open(self.data_dir, create=True)

    def _load(self) -> Opened | Locked:
        from .services import accounts

        if accounts.is_locked(self.data_dir) or (self.convert_plain and accounts.is_plain(self.data_dir)):
            # An old plain database is encrypted by the first sign-in, which needs the password.
            warm_up()
            return Locked()
        ws = self._open()
        self.ws = ws  # closed by close() even when the window is gone before this returns
        opened = inspect(ws)
        warm_up()
        return opened

    # -- back on the GUI thread ---------------------------------------------------------------

    def _opened(self, opened: Opened | Locked) -> None:
        win = self.window
        if win is None:
            return
        if isinstance(opened, Locked):
            data_dir = self.data_dir
            win.sign_in.unlocked.connect(self._unlocked)
            win.sign_in.damaged = self._offer_restore
            win.sign_in.set_unlocker(
                lambda username, password: _sign_in(data_dir, username, password),
                lambda recovery_key, username, password: _recover(data_dir, recovery_key, username, password),
            )
            log.info("database locked: waiting for a sign-in")
            return
        if opened.setup_due:
            win.hide()
            if not self._set_up(opened):
                win.close()
            return
        win.attach(opened.ws, opened.village)
        log.info("database open")
        self._start_backups(opened.ws)

    def _unlocked(self, signed: SignedIn) -> None:
        """A sign-in opened the database: it is this controller's to close; an old plain database
        was converted just now, and its new recovery key is shown (once)."""
        if self.ws is None:
            self.ws = signed.ws
            self._start_backups(signed.ws)
        if signed.recovery_key and self.window is not None:
            from .ui.recovery import show_recovery_key

            show_recovery_key(self.window, signed.recovery_key, signed.ws)

    def _offer_restore(self, exc: Any) -> bool:
        from .ui.backup_dialog import offer_restore

        return self.window is not None and offer_restore(self.window, exc, self.data_dir)

    def _failed(self, exc: BaseException) -> None:
        """The database could not be opened (not ours, too new, damaged): say so, then quit.

        A damaged or empty one is reported and, if the person agrees, restored from the newest
        sound backup; then it is opened again. It is never opened for writing as it is."""
        from .services.integrity import DamagedDatabase

        if isinstance(exc, DamagedDatabase) and self.window is not None:
            from .ui.backup_dialog import offer_restore

            if offer_restore(self.window, exc, self.data_dir):
                self._begin_loading()
                return
        self.failed = True
        errors.handle(exc, self.window)
        if self.window is not None:
            self.window.close()

    def _set_up(self, opened: Opened) -> bool:
        from .ui.wizard import FirstRunWizard

        # A village set up with the command line has accounts but no passwords: only those are
        # asked. A fresh folder is asked first which office it serves (village or district).
        fresh = opened.village is None
        wizard = FirstRunWizard(opened.ws, accounts_only=not fresh, data_dir=self.data_dir if fresh else None)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return False
        if wizard.district is not None:
            return self._district_chosen(wizard)
        if wizard.actor is None:
            return False
        win = self.show_main(wizard.actor)
        recovery = getattr(wizard, "recovery_key", None)
        if recovery:
            from .ui.recovery import show_recovery_key

            show_recovery_key(win, recovery, opened.ws)
        return True

    # -- the district mode ---------------------------------------------------------------------

    def _district_chosen(self, wizard: Any) -> bool:
        """The wizard set up a district hub: remembered, so that the next start opens it too; the
        village database opened for the wizard is closed, and the district window opens signed
        in as the new head of office (an existing hub's people sign in themselves)."""
        from .ui import hub_window

        done = wizard.district
        # The server's password, if it took one, is not written down (the next start asks for it).
        self.settings.hub_url = "" if wizard.hub_db_page.sqlite.isChecked() else done.url
        self.settings.mode = "district"
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        self.hub = done.hub
        self.hub_window = hub_window.open_window(done.hub, done.head, self.settings)
        if self.window is not None:
            self.window.close()
            tasks.bury(self.window)
            self.window = None
        log.info("district mode chosen (hub on %s)", done.hub.store.dialect)
        if done.fingerprint:
            self.hub_window.show_new_keys(done.fingerprint, done.public_file)
        return True

    def _open_district(self) -> bool:
        """A laptop in district mode: the district window, over the hub the wizard took."""
        from .domain.text import UserError
        from .ui import hub_window

        try:
            self.hub = hub_window.open_hub(self.settings.hub_url or None, self.data_dir)
        except UserError as exc:
            self.failed = True
            errors.handle(exc)
            return False
        if self.hub is None:  # the server's password was asked for, and not given: as a wizard closed
            return False
        self.hub_window = hub_window.open_window(self.hub, settings=self.settings)
        return True

    # -- windows ------------------------------------------------------------------------------

    def show_window(self, ws: Workspace | None, actor: Actor | None) -> MainWindow:
        win = self.window
        if win is None:
            win = MainWindow(ws, actor, self.settings)
            win.languageChanged.connect(self._language)
            self.window = win
        else:
            if ws is not None and win.ws is None:
                win.attach(ws)
            if actor is not None:
                win.enter(actor)
        win.show()
        return win

    def show_main(self, actor: Actor) -> MainWindow:
        """The window of ``actor``, signed in (after the wizard, or a change of language)."""
        assert self.ws is not None
        win = self.show_window(self.ws, actor)
        log.info("main window shown for role %s", actor.role)
        return win

    def _language(self, lang: str) -> None:
        """The window again, in ``lang``, for the same person (the new one first: closing the
        last window would quit)."""
        old = self.window
        if old is None or old.ws is None:
            return
        actor = old.actor()
        old.keep_drafts()
        i18n.apply_language(lang)
        self.window = None
        self.show_main(actor).go("settings")
        old.close()
        tasks.bury(old)

    def _start_backups(self, ws: Workspace) -> None:
        """A backup now (on a pool thread, after the window is usable), and a daily one while
        the app stays open."""
        from .services import backup
        from .ui.ops import CollectionOp, OpChanges

        def open_backup(_purged: object = None) -> None:
            tasks.run_task(lambda: backup.automatic(ws, "open"), None, lambda exc: None, quiet=True)

        # The erasures the law makes due (a withdrawal of consent, within 3x24 hours; the
        # retention period) run first, on the write queue, so the opening backup no longer
        # holds those data.
        changes = OpChanges(workers=True, nominations=True, assessments=True, drafts=True)
        CollectionOp(self.window, lambda: _purge_due(ws), changes=changes).success(open_backup).failure(
            open_backup
        ).quiet().run()
        timer = QTimer(self)
        timer.setInterval(60 * 60 * 1000)
        timer.timeout.connect(
            lambda: tasks.run_task(lambda: backup.automatic(ws, "daily"), None, lambda exc: None, quiet=True)
        )
        timer.start()
        self._backup_timer = timer

    def close(self) -> None:
        if self.hub is not None:
            self.hub.close()
            self.hub = None
        if self.ws is not None:
            if self.window is not None and self.window.ws is not None:  # a village that was in use
                from .services import backup

                backup.automatic(self.ws, "close")
            self.ws.close()
            self.ws = None


def launch(argv: list[str]) -> AppController:
    """What comes before the window: the Qt application, logs, the crash dialog, the language."""
    args = parse_args(argv[1:])
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    apply_icon(app)
    data: Path = paths.data_dir(args.data_dir)
    data.mkdir(parents=True, exist_ok=True)
    log_path = logs.setup(data)
    errors.install(log_path)
    settings = AppSettings(data)
    i18n.apply_language(args.lang or settings.language)
    return AppController(settings, data)


def main(argv: list[str] | None = None) -> int:
    controller = launch(list(sys.argv if argv is None else argv))
    try:
        try:
            if not controller.start():
                return 0
        except Exception as exc:
            errors.handle(exc)
            return 1
        code = QApplication.exec()
        return 1 if controller.failed else code
    finally:
        tasks.shutdown()
        controller.close()


if __name__ == "__main__":
    raise SystemExit(main())


def _purge_due(ws: Workspace) -> None:
    """Runs the due purges of personal data (``services.privacy``); logs counts, never data."""
    from .services import privacy

    try:
        report = privacy.purge(ws)
    except Exception:
        log.exception("privacy purge on opening failed")
        return
    if report.count:
        log.info(
            "privacy purge on opening: %d workers, %d audit entries redacted", report.count, report.redacted_entries
        )
