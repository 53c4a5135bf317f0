"""UI fixtures: tasks run inline, message boxes are recorded instead of shown."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import event
from sqlalchemy.pool import Pool

import jamsos_desktop
from jamsos_desktop.services import accounts
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui import ops, tasks
from jamsos_desktop.ui.settings import AppSettings

PASSWORD = "rahasia-123"


@pytest.fixture(autouse=True)
def sync_tasks(monkeypatch: pytest.MonkeyPatch) -> Iterator[tasks.SyncRunner]:
    from jamsos_desktop.ui import worker_model

    # Inline tasks and no pause before counting: each search is complete when the call returns.
    # (tests/ui/test_workers.py checks the pause itself with a real timer.)
    monkeypatch.setattr(worker_model, "SETTLE_MS", 0)
    r = tasks.SyncRunner()
    tasks.set_runner(r)
    yield r
    tasks.set_runner(None)


UI_DIR = Path(jamsos_desktop.__file__).resolve().parent / "ui"
_MACHINERY = {UI_DIR / "ops.py", UI_DIR / "tasks.py"}
_TESTS = Path(__file__).resolve().parents[1]
#: A statement that changes the database (or takes the write lock), whoever sends it.
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|BEGIN\s+IMMEDIATE)\b", re.IGNORECASE)


def ui_caller(frame: FrameType | None) -> str | None:
    """The UI code on whose behalf the innermost call runs: the nearest frame of ``ui/`` (the
    operations machinery aside), unless test code comes first (a test setting up its data)."""
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        if path.is_relative_to(UI_DIR) and path not in _MACHINERY:
            return f"{path.relative_to(UI_DIR.parent)}:{frame.f_lineno} {frame.f_code.co_name}"
        if path.is_relative_to(_TESTS):
            return None
        frame = frame.f_back
    return None


class WriteGuard:
    """Sees every SQL statement on every pooled connection (sqlite3's trace callback, below the
    services and SQLAlchemy alike) and notes each write that the UI made outside the operations
    layer: on the GUI thread, in a read (``QueryOp``, ``Latest``), or in a job that did not go
    through ``CollectionOp``. With the real thread pool no write of the UI's runs on the GUI
    thread at all."""

    def __init__(self) -> None:
        self.active = True
        self.found: list[str] = []
        self.writes: list[tuple[bool, str | None]] = []  # each write: on the GUI thread? the op kind

    def trace(self, statement: str) -> None:
        if not self.active or not _WRITE.match(statement):
            return
        kind = ops.inside_op()
        on_gui = threading.current_thread() is threading.main_thread()
        self.writes.append((on_gui, kind))
        threaded = isinstance(tasks._runner, tasks.ThreadRunner)
        where = ui_caller(sys._getframe(1))
        if kind == "write" and not (threaded and on_gui):
            return
        if kind == "query":
            self.found.append(f"a read wrote ({where}): {statement[:60]}")
        elif where is not None:
            how = "on the GUI thread" if on_gui else "outside the operations layer"
            self.found.append(f"{where} wrote {how}: {statement[:60]}")

    def attach(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.set_trace_callback(self.trace)


@pytest.fixture(autouse=True)
def no_ui_writes_off_the_ops_layer() -> Iterator[WriteGuard]:
    """Every UI test fails if a page wrote anywhere but in a ``CollectionOp`` on the write queue."""
    guard = WriteGuard()
    event.listen(Pool, "checkout", guard.attach)
    try:
        yield guard
    finally:
        event.remove(Pool, "checkout", guard.attach)
        guard.active = False
    if guard.found:
        pytest.fail("the UI wrote outside the operations layer:\n" + "\n".join(dict.fromkeys(guard.found)))


class Boxes:
    """Every QMessageBox shown, with the answer the test chose."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Ok

    def record(self, kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
            self.shown.append((kind, title, text))
            return self.answer

        return show


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    b = Boxes()
    for kind in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(b.record(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(b.record("about")))
    from jamsos_desktop.ui import dialogs

    def ask(_parent: Any, kind: str, title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
        b.shown.append((kind, title, text))
        return b.answer

    monkeypatch.setattr(dialogs, "ask", ask)  # the questions in the app's own words
    return b


@pytest.fixture
def input_text(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers for QInputDialog.getText, in order."""
    answers: list[str] = []

    def get_text(*_args: Any, **_kwargs: Any) -> tuple[str, bool]:
        return (answers.pop(0), True) if answers else ("", False)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return answers


@pytest.fixture
def settings(data_dir: Path) -> AppSettings:
    data_dir.mkdir(parents=True, exist_ok=True)
    return AppSettings(data_dir)


@pytest.fixture
def passwords(workspace: Workspace) -> None:
    from jamsos_desktop.services import users

    admin = users.add_user(
        workspace,
        Actor(None, "t", "t", "admin"),
        username="admin",
        full_name="Admin Desa",
        role="admin",
        password=PASSWORD,
    )
    accounts.set_password(workspace, admin, "operator", PASSWORD)
    accounts.set_password(workspace, admin, "kepala", PASSWORD)


class Held:
    """A runner that holds every job until the test runs it (``step``), so a test sees what the
    screen looks like while a write is in flight; it records whether each job asked for the
    write queue."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Any, Any, Any, bool]] = []

    def run(self, fn: Any, on_done: Any, on_error: Any, *, exclusive: bool, **_kw: Any) -> tasks.TaskHandle:
        self.jobs.append((fn, on_done, on_error, exclusive))
        return tasks.TaskHandle()

    def step(self) -> Any:
        fn, on_done, on_error, _exclusive = self.jobs.pop(0)
        try:
            value = fn()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
            return exc
        if on_done is not None:
            on_done(value)
        return value

    def run_all(self) -> None:
        while self.jobs:
            self.step()


class Recording(tasks.SyncRunner):
    """Runs inline like SyncRunner, and tells a patched service whether it runs inside a job
    that went through the write queue (``exclusive=True``)."""

    def __init__(self) -> None:
        super().__init__()
        self.exclusive: bool | None = None  # of the job running now; None outside any job

    def run(self, fn: Any, on_done: Any, on_error: Any, *, exclusive: bool, **kw: Any) -> tasks.TaskHandle:
        def job() -> Any:
            self.exclusive = exclusive
            try:
                return fn()
            finally:
                self.exclusive = None

        return super().run(job, on_done, on_error, exclusive=exclusive, **kw)

    def spy(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[bool | None]:
        """Patches ``module.name`` to note, on each call, the queue it runs in."""
        calls: list[bool | None] = []
        real = getattr(module, name)

        def spied(*args: Any, **kwargs: Any) -> Any:
            calls.append(self.exclusive)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, spied)
        return calls


def spy_thread(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[bool]:
    """Patches ``module.name`` to note, on each call, whether it runs on the GUI thread."""

    calls: list[bool] = []
    real = getattr(module, name)

    def spied(*args: Any, **kwargs: Any) -> Any:
        calls.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spied)
    return calls


@pytest.fixture
def thread_pool(qtbot: Any) -> Iterator[list[BaseException]]:
    """The real thread pools instead of SyncRunner; yields the failures nobody handled, and waits
    for every job to report back before the test's widgets go."""
    failures: list[BaseException] = []
    tasks.set_runner(tasks.ThreadRunner())
    tasks.set_unexpected_hook(failures.append)
    try:
        yield failures
        qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    finally:
        tasks.shutdown()
        tasks.set_unexpected_hook(None)


@pytest.fixture
def recording() -> Recording:
    """Tasks run inline, as with SyncRunner, and ``spy`` tells which ran on the write queue."""
    r = Recording()
    tasks.set_runner(r)
    return r


@contextmanager
def sql_statements(ws: Workspace) -> Iterator[list[tuple[bool, str]]]:
    """Every SQL statement run meanwhile through the workspace's engine: whether it ran on the
    GUI thread, and its text."""
    seen: list[tuple[bool, str]] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append((threading.current_thread() is threading.main_thread(), " ".join(statement.split())))

    event.listen(ws.db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(ws.db.engine, "before_cursor_execute", note)
