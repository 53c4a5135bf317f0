"""The one way a page reads or writes off the GUI thread (Anki's QueryOp and CollectionOp).

``QueryOp(parent, read).success(show).run()`` reads on the thread pool;
``CollectionOp(parent, write, changes=OpChanges(...)).success(said).run()`` writes, always on
the one write queue (``tasks``' single writer thread), so two writes never race and run in the
order asked. When a write has succeeded, what it changed (``OpChanges``) goes first to the page
that asked for it and then to every listener (the main window, which hands it to its other
pages, at once to the page on screen and to the others when they are shown again): each page's
``on_changes(changes)`` refreshes only what it shows. Then the caller's ``success`` callback
says what happened, on a screen already up to date.

Errors: without a ``failure`` callback, a ``UserError`` is shown as the plain message it is and
a bug gets the crash dialog with the log path (``errors.handle``). An answer for a page that
was retired (its person signed out) is dropped; the job itself still runs to the end. Progress
shows after ``tasks.PROGRESS_DELAY_MS`` unless ``quiet()``; Cancel only with
``with_progress(..., cancellable=True)`` (a generator stops between two yields).

``Latest`` is the one helper for "only the newest answer counts" (a search while typing, a
form's check, a page's refresh). Tests swap the runner for ``tasks.SyncRunner`` as before.

``inside_op()`` tells which kind of operation the calling thread is running: the UI tests use
it to fail whenever a page writes anywhere else.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Any, Generic, Literal, Self, TypeVar, overload

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from . import errors, tasks

log = logging.getLogger(__name__)

T = TypeVar("T")
Kind = Literal["query", "write"]


@dataclass(frozen=True, slots=True)
class OpChanges:
    """What a write changed, by the kinds of record the pages show."""

    workers: bool = False
    nominations: bool = False
    assessments: bool = False
    program: bool = False
    village: bool = False
    users: bool = False
    sync: bool = False  # exports, return files, conflicts, keys
    drafts: bool = False
    #: The workers concerned, when the write knows them (empty: unknown or none).
    worker_ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def everything(cls) -> OpChanges:
        flags: dict[str, Any] = {f.name: True for f in fields(cls) if f.name != "worker_ids"}
        return cls(**flags)

    def __or__(self, other: OpChanges) -> OpChanges:
        merged: dict[str, Any] = {
            f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.name != "worker_ids"
        }
        return OpChanges(**merged, worker_ids=self.worker_ids | other.worker_ids)

    def any(self, *kinds: str) -> bool:
        """Whether any of ``kinds`` (field names) changed; with no kinds, whether anything did."""
        names = kinds or tuple(f.name for f in fields(self) if f.name != "worker_ids")
        return any(getattr(self, k) for k in names)

    def __bool__(self) -> bool:
        return self.any()


NOTHING = OpChanges()


def statuses_moved(result: object = None) -> OpChanges:
    """What a write that moved nominations changed: them and their workers' statuses (which
    workers, when its result names them in ``worker_ids``)."""
    ids = getattr(result, "worker_ids", None) or ()
    return OpChanges(nominations=True, workers=True, worker_ids=frozenset(str(i) for i in ids))


# -- which operation this thread runs ----------------------------------------------------------

_where = threading.local()


def inside_op() -> Kind | None:
    """ "query" or "write" while the calling thread runs an operation's function, else None."""
    return getattr(_where, "kind", None)


@contextmanager
def _inside(kind: Kind) -> Iterator[None]:
    before = inside_op()
    _where.kind = kind
    try:
        yield
    finally:
        _where.kind = before


def _marked(kind: Kind, fn: Callable[[], Any]) -> Callable[[], Any]:
    """``fn`` run as an operation of ``kind``; a generator is marked around each of its steps,
    since ``tasks`` drives it after ``fn`` has returned."""

    def job() -> Any:
        with _inside(kind):
            result = fn()
        if isinstance(result, Generator):
            return _marked_steps(kind, result)
        return result

    return job


def _marked_steps(kind: Kind, gen: Generator[Any, None, Any]) -> Generator[Any, None, Any]:
    try:
        while True:
            with _inside(kind):
                try:
                    value = next(gen)
                except StopIteration as stop:
                    return stop.value
            yield value
    finally:
        with _inside(kind):
            gen.close()  # Cancel: the job's own clean-up runs as part of the operation too


# -- who hears about changes -------------------------------------------------------------------

Listener = Callable[[OpChanges, QWidget | None], None]
_listeners: list[weakref.WeakMethod[Listener] | Callable[[], Listener | None]] = []


def listen(listener: Listener) -> None:
    """``listener(changes, initiator)`` after every successful write (the main window listens).
    Held weakly: a window that is gone stops listening by itself."""
    ref: weakref.WeakMethod[Listener] | Callable[[], Listener | None]
    try:
        ref = weakref.WeakMethod(listener)
    except TypeError:
        ref = lambda: listener  # noqa: E731 - a plain function lives as long as its module
    _listeners.append(ref)


def unlisten(listener: Listener) -> None:
    _listeners[:] = [r for r in _listeners if r() not in (None, listener)]


def _page_of(widget: QObject | None) -> QWidget | None:
    """The page a widget belongs to: the nearest one (itself included) that has ``on_changes``."""
    w = widget
    while w is not None:
        if isinstance(w, QWidget) and callable(getattr(w, "on_changes", None)):
            return w
        w = w.parent()
    return None


def publish(changes: OpChanges, initiator: QObject | None = None) -> None:
    """Tells the page of ``initiator`` (unless it was retired), then every listener."""
    page = _page_of(initiator) if initiator is not None and not tasks.retired(initiator) else None
    if page is not None:
        page.on_changes(changes)  # type: ignore[attr-defined]
    for ref in list(_listeners):
        listener = ref()
        if listener is None:
            _listeners.remove(ref)
            continue
        listener(changes, page)


# -- the operations ----------------------------------------------------------------------------


def _widget(parent: QObject | None) -> QWidget | None:
    w = parent
    while w is not None and not isinstance(w, QWidget):
        w = w.parent()
    return w


class _Op(Generic[T]):
    _kind: Kind = "query"

    @overload
    def __init__(self, parent: QObject | None, fn: Callable[[], Generator[Any, Any, T]]) -> None: ...
    @overload
    def __init__(self, parent: QObject | None, fn: Callable[[], T]) -> None: ...
    def __init__(self, parent: QObject | None, fn: Callable[[], Any]) -> None:
        # A generator's progress is shown; its return value is the result (``tasks``).
        self._parent = parent
        self._fn = fn
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._title = ""
        self._cancellable = False
        self._quiet = False

    def success(self, cb: Callable[[T], None]) -> Self:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> Self:
        """Replaces the default (``errors.handle``); it gets every exception, ``Cancelled`` too."""
        self._failure = cb
        return self

    def with_progress(self, title: str = "", *, cancellable: bool = False) -> Self:
        self._title, self._cancellable, self._quiet = title, cancellable, False
        return self

    def quiet(self) -> Self:
        """No progress dialog however long it takes: the caller shows its own state."""
        self._quiet = True
        return self

    def run(self) -> tasks.TaskHandle:
        return tasks.runner().run(
            _marked(self._kind, self._fn),
            self._done,
            self._failed,
            title=self._title,
            cancellable=self._cancellable,
            exclusive=self._kind == "write",
            parent=_widget(self._parent),
            quiet=self._quiet,
        )

    def _gone(self) -> bool:
        return self._parent is not None and tasks.retired(self._parent)

    def _done(self, value: T) -> None:
        if self._gone():
            return
        if self._success is not None:
            self._success(value)

    def _failed(self, exc: BaseException) -> None:
        if self._gone():
            log.warning("an operation failed after its page was retired", exc_info=exc)
            return
        if self._failure is not None:
            self._failure(exc)
        else:
            errors.handle(exc, _widget(self._parent))


class QueryOp(_Op[T]):
    """A read on the thread pool, beside the write queue; it must not write."""


class CollectionOp(_Op[T]):
    """A write on the one write queue; ``changes`` is what it changed (or a function of its
    result that says so)."""

    _kind: Kind = "write"

    @overload
    def __init__(
        self,
        parent: QObject | None,
        fn: Callable[[], Generator[Any, Any, T]],
        *,
        changes: OpChanges | Callable[[T], OpChanges] = NOTHING,
    ) -> None: ...
    @overload
    def __init__(
        self,
        parent: QObject | None,
        fn: Callable[[], T],
        *,
        changes: OpChanges | Callable[[T], OpChanges] = NOTHING,
    ) -> None: ...
    def __init__(
        self,
        parent: QObject | None,
        fn: Callable[[], Any],
        *,
        changes: OpChanges | Callable[[T], OpChanges] = NOTHING,
    ) -> None:
        super().__init__(parent, fn)
        self._changes = changes

    def _done(self, value: T) -> None:
        changes = self._changes(value) if callable(self._changes) else self._changes
        # The pages first, then what the caller says: its words land on a screen up to date.
        # A retired page's write still tells the others (a window that outlived it).
        if changes:
            publish(changes, self._parent)
        super()._done(value)


# -- only the newest answer counts --------------------------------------------------------------


class Latest:
    """Only the newest answer counts: every ``ask`` supersedes the ones before it.

    An answer (or an error) of a superseded ask is dropped; so is everything once the owner
    was retired (a page of someone who signed out), and ``drop()`` supersedes what is on its
    way without asking anew (a form reloaded or put away). With ``one_at_a_time`` at most one
    read is in flight: an ask meanwhile waits, replacing any ask already waiting, and goes as
    soon as the one in flight answers (typing never queues up work). Otherwise each ask starts
    at once and only the newest one's answer is delivered.
    """

    def __init__(self, owner: QObject | None, *, one_at_a_time: bool = False, quiet: bool = True) -> None:
        self._owner = owner
        self._single = one_at_a_time
        self._quiet = quiet
        self._ticket = 0
        self._in_flight = 0
        self._waiting: tuple[int, Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None] | None] | (
            None
        ) = None

    @property
    def pending(self) -> bool:
        """An answer is on its way or an ask is waiting for one."""
        return self._in_flight > 0 or self._waiting is not None

    @property
    def in_flight(self) -> bool:
        return self._in_flight > 0

    def ask(
        self,
        read: Callable[[], T],
        on_answer: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Reads ``read()`` off the GUI thread; ``on_answer`` gets it if nothing newer was asked
        meanwhile. ``on_error`` (by default the crash report) gets only the newest ask's error."""
        self._ticket += 1
        if self._single and self._in_flight:
            self._waiting = (self._ticket, read, on_answer, on_error)
            return
        self._start(self._ticket, read, on_answer, on_error)

    def drop(self) -> None:
        """Whatever is on its way or waiting is no longer wanted."""
        self._ticket += 1
        self._waiting = None

    def _start(
        self,
        ticket: int,
        read: Callable[[], Any],
        on_answer: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        self._in_flight += 1
        tasks.runner().run(
            _marked("query", read),
            lambda value: self._answered(ticket, True, value, on_answer, on_error),
            lambda exc: self._answered(ticket, False, exc, on_answer, on_error),
            title="",
            cancellable=False,
            exclusive=False,
            parent=_widget(self._owner),
            quiet=self._quiet,
        )

    def _answered(
        self,
        ticket: int,
        ok: bool,
        value: Any,
        on_answer: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        self._in_flight -= 1
        if self._owner is not None and tasks.retired(self._owner):
            self._waiting = None
            if not ok:
                log.warning("a read failed after its page was retired", exc_info=value)
            return
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(*waiting)  # a newer ask waited for this one, whose answer is outdated
        if ticket != self._ticket:
            if not ok:
                log.warning("an outdated read failed", exc_info=value)
            return
        if ok:
            on_answer(value)
        elif on_error is not None:
            on_error(value)
        else:
            tasks.report_unexpected(value)
