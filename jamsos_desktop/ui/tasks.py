"""Running work off the GUI thread (Picard's run_task, TagStudio's progress generators).

``run_task(fn, on_done=..., on_error=...)`` runs ``fn`` on a thread pool and calls ``on_done``
with its result, or ``on_error`` with the exception, on the GUI thread. When ``fn`` returns a
generator, every value it yields is progress (a ``Progress``, a ``(done, total)`` pair or just
a message) and its ``return`` value is the result: that is how long jobs (import, printing
many forms, export) report how far they are. A progress dialog appears only when the job
takes longer than ``PROGRESS_DELAY_MS``; its Cancel button is offered only when the caller
says stopping is safe, and it stops the generator between two yields.

Writes go through one single-thread pool (``exclusive=True``) so that two saves never race.
Tests call ``set_runner(SyncRunner())``: everything then runs at once, on the calling thread.
Pages do not call this directly: they use ``ui/ops.py`` (QueryOp, CollectionOp, Latest) on top.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500


@dataclass(frozen=True, slots=True)
class Progress:
    done: int = 0
    total: int = 0  # 0: unknown (busy indicator)
    message: str = ""


class Cancelled(Exception):
    """Delivered to ``on_error`` when the person pressed Cancel and the job stopped."""


Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def _as_progress(value: object) -> Progress:
    if isinstance(value, Progress):
        return value
    if isinstance(value, tuple) and len(value) >= 2:
        done, total = int(value[0]), int(value[1])
        return Progress(done, total, str(value[2]) if len(value) > 2 else "")
    if isinstance(value, str):
        return Progress(message=value)
    return Progress()


def _drive(fn: Callable[[], Any], cancel: threading.Event, report: Callable[[Progress], None]) -> Any:
    """Calls ``fn``; when it returns a generator, runs it to the end, reporting each yield."""
    result = fn()
    if not isinstance(result, Generator):
        return result
    gen: Generator[Any, None, Any] = result
    try:
        while True:
            if cancel.is_set():
                gen.close()
                raise Cancelled
            try:
                value = next(gen)
            except StopIteration as stop:
                return stop.value
            report(_as_progress(value))
    finally:
        gen.close()


class TaskHandle:
    """What the caller holds: cancel() and whether the job has finished."""

    def __init__(self) -> None:
        self.cancel_event = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        self.cancel_event.set()


class Runner(Protocol):
    def run(
        self,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
        *,
        title: str,
        cancellable: bool,
        exclusive: bool,
        parent: QWidget | None,
        quiet: bool = False,
    ) -> TaskHandle: ...


class _Bridge(QObject):
    """Lives on the GUI thread; signals emitted by the pool thread arrive here queued.

    The signals carry no Python objects: the pool thread leaves the outcome in ``_outcome``
    (and progress in ``_progress``) and only pokes the GUI thread, so no Python object's
    lifetime depends on Qt's queued-argument copying. (The fatal "deallocating None" once
    blamed on queued ``Signal(object)`` was PySide6 6.12.0 miscounting None on every void
    call; see tests/ui/test_bindings.py.)
    """

    progressed = Signal()
    finished = Signal()

    def __init__(
        self,
        handle: TaskHandle,
        *,
        on_done: Done | None,
        on_error: Failed | None,
        title: str,
        cancellable: bool,
        parent: QWidget | None,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        self.handle = handle
        self.on_done = on_done
        self.on_error = on_error
        self.title = title
        self.cancellable = cancellable
        self.parent_widget = parent
        self.dialog: QProgressDialog | None = None
        self.last = Progress()
        self.job: QRunnable | None = None
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._outcome: tuple[bool, Any] | None = None
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show_dialog)
        if not quiet:
            self.timer.start(PROGRESS_DELAY_MS)

    @Slot()
    def _show_dialog(self) -> None:
        if self.handle.finished or retired(self.parent_widget):
            return
        cancel_text = self.tr("Batal") if self.cancellable else ""
        dlg = QProgressDialog(self.title or self.tr("Sedang bekerja…"), cancel_text, 0, 0, self.parent_widget)
        dlg.setWindowTitle(self.tr("Mohon tunggu"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        if not self.cancellable:
            dlg.setCancelButton(None)
        dlg.canceled.connect(self.handle.cancel)
        self.dialog = dlg
        self._apply(self.last)
        dlg.show()

    def _apply(self, p: Progress) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(0, p.total))
        if p.total:
            self.dialog.setValue(min(p.done, p.total))
        if p.message:
            self.dialog.setLabelText(p.message)

    # -- called on the pool thread --

    def report(self, p: Progress) -> None:
        with self._lock:
            self._progress = p
        self.progressed.emit()

    def finish(self, ok: bool, value: Any) -> None:
        with self._lock:
            self._outcome = (ok, value)
        self.finished.emit()

    # -- on the GUI thread --

    @Slot()
    def _on_progress(self) -> None:
        with self._lock:
            p, self._progress = self._progress, None
        if p is not None:
            self.last = p
            self._apply(p)

    def _close(self) -> None:
        self.handle.finished = True
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.handle.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if self.job is not None:
            # The pool thread may still be returning from run(): keep the job a while longer.
            _retired.append(self.job)
            self.job = None
        _live.discard(self)

    @Slot()
    def _on_finished(self) -> None:
        with self._lock:
            outcome, self._outcome = self._outcome, None
        if outcome is None:
            return
        ok, value = outcome
        if self.parent_widget is not None and retired(self.parent_widget):
            self._close()
            if ok:
                log.info("a job finished after its page was retired; its answer was dropped")
            else:
                log.warning("a job failed after its page was retired", exc_info=value)
            return
        if ok:
            self._on_success(value)
        else:
            self._on_failure(value)

    def _on_success(self, value: object) -> None:
        self._close()
        if self.on_done is not None:
            self.on_done(value)

    def _on_failure(self, exc: BaseException) -> None:
        self._close()
        if self.on_error is not None:
            self.on_error(exc)
        elif not isinstance(exc, Cancelled):
            report_unexpected(exc)


# Bridges are kept alive here until their job reports back (nothing else holds them).
_live: set[_Bridge] = set()
_retired: deque[QRunnable] = deque(maxlen=256)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self.fn = fn
        self.bridge = bridge
        # Python owns the job (the bridge holds it until the GUI thread has the outcome).
        self.setAutoDelete(False)

    def run(self) -> None:
        b = self.bridge
        try:
            value = _drive(self.fn, b.handle.cancel_event, b.report)
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            if not isinstance(exc, Cancelled):
                log.debug("task failed: %s", "".join(traceback.format_exception_only(type(exc), exc)).strip())
            b.finish(False, exc)
        else:
            b.finish(True, value)


class ThreadRunner:
    """The real runner: a shared pool for reads, a one-thread pool so that writes never race."""

    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max(2, min(4, QThreadPool.globalInstance().maxThreadCount())))
        self.writer = QThreadPool()
        self.writer.setMaxThreadCount(1)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
        *,
        title: str,
        cancellable: bool,
        exclusive: bool,
        parent: QWidget | None,
        quiet: bool = False,
    ) -> TaskHandle:
        handle = TaskHandle()
        bridge = _Bridge(
            handle,
            on_done=on_done,
            on_error=on_error,
            title=title,
            cancellable=cancellable,
            parent=parent,
            quiet=quiet,
        )
        _live.add(bridge)
        job = _Job(fn, bridge)
        bridge.job = job
        (self.writer if exclusive else self.pool).start(job)
        return handle

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs) and self.writer.waitForDone(msecs)


class SyncRunner:
    """For tests: runs the job at once on the calling thread and calls back before returning."""

    def __init__(self) -> None:
        self.progress: list[Progress] = []

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
        *,
        title: str,
        cancellable: bool,
        exclusive: bool,
        parent: QWidget | None,
        quiet: bool = False,
    ) -> TaskHandle:
        handle = TaskHandle()
        try:
            value = _drive(fn, handle.cancel_event, self.progress.append)
        except Exception as exc:
            handle.finished = True
            if on_error is not None:
                on_error(exc)
            elif not isinstance(exc, Cancelled):
                raise
            return handle
        handle.finished = True
        if on_done is not None:
            on_done(value)
        return handle


_runner: Runner | None = None


def runner() -> Runner:
    global _runner
    if _runner is None:
        _runner = ThreadRunner()
    return _runner


def set_runner(r: Runner | None) -> None:
    """Swaps the runner (tests use SyncRunner); None goes back to the thread pool."""
    global _runner
    _runner = r


def run_task(
    fn: Callable[[], Any],
    on_done: Done | None = None,
    on_error: Failed | None = None,
    *,
    title: str = "",
    cancellable: bool = False,
    exclusive: bool = False,
    parent: QWidget | None = None,
    quiet: bool = False,
) -> TaskHandle:
    """Runs ``fn`` off the GUI thread; see the module docstring.

    ``on_error`` gets every exception (``Cancelled`` too); without it, unexpected errors go to
    the crash dialog (``report_unexpected``). ``quiet`` jobs never show the progress dialog:
    the caller shows its own state (the database opening behind the sign-in panel).
    """
    return runner().run(
        fn, on_done, on_error, title=title, cancellable=cancellable, exclusive=exclusive, parent=parent, quiet=quiet
    )


_unexpected_hook: Callable[[BaseException], None] | None = None


def set_unexpected_hook(hook: Callable[[BaseException], None] | None) -> None:
    """The app installs its crash dialog here; background failures nobody handled end up in it."""
    global _unexpected_hook
    _unexpected_hook = hook


def report_unexpected(exc: BaseException) -> None:
    log.error("unhandled error in a background task", exc_info=(type(exc), exc, exc.__traceback__))
    if _unexpected_hook is not None:
        _unexpected_hook(exc)


def running() -> bool:
    """True while a background job has not yet reported back to the GUI thread."""
    return bool(_live)


_RETIRED = "jamsosRetired"


def retired(widget: QObject | None) -> bool:
    """Whether ``widget`` (or any object), or a window it is in, was buried (or deleted): nobody
    sees it any more, so an answer addressed to it must show nothing (no message over the next
    person's sign-in)."""
    w = widget
    while w is not None:
        if not shiboken6.isValid(w) or w.property(_RETIRED):
            return True
        w = w.parentWidget() if isinstance(w, QWidget) else w.parent()
    return False


def bury(widget: QWidget) -> None:
    """Retires ``widget`` now and deletes it once no background job is left to report back: a
    job's answer may still be addressed to it (a page of someone who just signed out, an old
    window). Jobs started with ``parent=`` a retired widget still run to the end (a write is
    never cut off), but their answers are only logged."""
    if shiboken6.isValid(widget):
        widget.setProperty(_RETIRED, True)
    if running():
        QTimer.singleShot(250, lambda: bury(widget))
    else:
        widget.deleteLater()


def shutdown(msecs: int = 10_000) -> bool:
    """Waits for running jobs before the process exits (a job cut off mid-write would roll back)."""
    r = _runner
    if isinstance(r, ThreadRunner):
        return r.wait(msecs)
    return True
