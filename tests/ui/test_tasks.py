"""The background-task helper: results and errors come back on the GUI thread; progress; cancel."""

from __future__ import annotations

import threading
from collections.abc import Generator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jamsos_desktop.ui import tasks


@pytest.fixture
def threads() -> tasks.ThreadRunner:
    r = tasks.ThreadRunner()
    tasks.set_runner(r)
    yield r
    r.wait()
    tasks.set_runner(None)


def test_result_is_delivered_on_gui_thread(qtbot: QtBot, threads: tasks.ThreadRunner) -> None:
    got: list[tuple[int, bool]] = []
    worker_thread: list[bool] = []

    def job() -> int:
        worker_thread.append(threading.current_thread() is not threading.main_thread())
        return 42

    def done(v: int) -> None:
        app = QApplication.instance()
        assert app is not None
        got.append((v, QThread.currentThread() is app.thread()))

    tasks.run_task(job, done)
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(42, True)]
    assert worker_thread == [True]


def test_exception_goes_to_on_error(qtbot: QtBot, threads: tasks.ThreadRunner) -> None:
    errors: list[BaseException] = []

    def job() -> None:
        raise ValueError("boom")

    tasks.run_task(job, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_generator_progress_and_return_value(qtbot: QtBot, threads: tasks.ThreadRunner) -> None:
    got: list[str] = []

    def job() -> Generator[tuple[int, int], None, str]:
        for i in range(3):
            yield (i, 3)
        return "selesai"

    tasks.run_task(job, got.append)
    qtbot.waitUntil(lambda: bool(got))
    assert got == ["selesai"]


def test_cancel_stops_generator_between_yields(qtbot: QtBot, threads: tasks.ThreadRunner) -> None:
    started = threading.Event()
    release = threading.Event()
    steps: list[int] = []
    errors: list[BaseException] = []

    def job() -> Generator[tasks.Progress, None, None]:
        for i in range(100):
            steps.append(i)
            started.set()
            release.wait(5)
            yield tasks.Progress(i, 100)

    handle = tasks.run_task(job, on_error=errors.append, cancellable=True)
    assert started.wait(5)
    handle.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], tasks.Cancelled)
    assert len(steps) < 100


def test_progress_dialog_appears_only_for_slow_jobs(
    qtbot: QtBot, threads: tasks.ThreadRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 50)
    release = threading.Event()
    done: list[object] = []

    def job() -> Generator[tasks.Progress, None, int]:
        yield tasks.Progress(1, 2, "Mencetak 1 dari 2")
        release.wait(5)
        return 1

    tasks.run_task(job, done.append, title="Mencetak")
    qtbot.waitUntil(lambda: any(b.dialog is not None for b in tasks._live))
    bridge = next(iter(tasks._live))
    assert bridge.dialog is not None
    assert bridge.dialog.labelText() == "Mencetak 1 dari 2"
    release.set()
    qtbot.waitUntil(lambda: bool(done))
    assert bridge.dialog is None


def test_sync_runner_runs_inline() -> None:
    r = tasks.SyncRunner()
    tasks.set_runner(r)
    try:
        got: list[int] = []

        def job() -> Generator[tuple[int, int], None, int]:
            yield (1, 2)
            return 7

        tasks.run_task(job, got.append)
        assert got == [7]
        assert r.progress == [tasks.Progress(1, 2)]
    finally:
        tasks.set_runner(None)


def test_thousands_of_tasks_returning_none_and_bools(qtbot: QtBot, threads: tasks.ThreadRunner) -> None:
    # Regression: results passed through cross-thread Signal(object) corrupted refcounts.
    done: list[object] = []
    for i in range(2000):
        tasks.run_task(lambda i=i: (None, True, False)[i % 3], done.append)
    qtbot.waitUntil(lambda: len(done) == 2000, timeout=20_000)
    assert done.count(None) == 667
