"""Two kinds of failure: a person's mistake gets a plain message; a bug gets the crash dialog.

The crash dialog says what happened in one line, where the log is, and that the app keeps
running; the traceback goes to the log (scrubbed of NIKs by ``logs``), and into "Detail".
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.text import UserError, language
from ..logs import scrub
from . import tasks

log = logging.getLogger(__name__)

_log_path: Path | None = None


def show_user_error(parent: QWidget | None, exc: UserError, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or QCoreApplication.translate("errors", "Periksa isian"), exc.message(language()))


def show_crash(parent: QWidget | None, exc: BaseException) -> None:
    where = str(_log_path) if _log_path else QCoreApplication.translate("errors", "(log belum disiapkan)")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("errors", "Terjadi kesalahan"))
    box.setText(
        QCoreApplication.translate(
            "errors",
            "Terjadi kesalahan yang tidak terduga: {0}. Pekerjaan yang sudah disimpan aman; aplikasi tetap berjalan.",
        ).format(type(exc).__name__)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "errors", "Catatan teknis tersimpan di:\n{0}\nKirimkan berkas itu kepada petugas dukungan."
        ).format(where)
    )
    box.setDetailedText(scrub("".join(traceback.format_exception(type(exc), exc, exc.__traceback__))))
    box.exec()


def handle(exc: BaseException, parent: QWidget | None = None) -> None:
    """What every unhandled exception goes through: message for UserError, crash dialog otherwise."""
    if isinstance(exc, UserError):
        show_user_error(parent, exc)
        return
    if isinstance(exc, tasks.Cancelled):
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    try:
        show_crash(parent, exc)
    except Exception:  # the dialog itself must never take the app down
        log.exception("could not show the crash dialog")


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    handle(exc)


def install(log_path: Path) -> None:
    """Makes every uncaught exception (slots, timers, background tasks) end in ``handle``."""
    global _log_path
    _log_path = log_path
    sys.excepthook = _excepthook
    tasks.set_unexpected_hook(handle)
