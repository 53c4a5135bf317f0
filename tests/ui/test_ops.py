"""The operations layer: reads on the pool, writes on the write queue, what changed told to the
pages, errors shown by kind, retired pages left alone, and "only the newest answer counts"."""

from __future__ import annotations

import logging
import threading
from collections.abc import Generator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain.text import Text, UserError
from jamsos_desktop.ui import errors, ops, tasks
from jamsos_desktop.ui.ops import CollectionOp, Latest, OpChanges, QueryOp

from .conftest import Boxes, Held

pytestmark = pytest.mark.gui


class Page(QWidget):
    """A page that notes what it was told."""

    def __init__(self, log: list[Any]) -> None:
        super().__init__()
        self.log = log

    def on_changes(self, changes: OpChanges) -> None:
        self.log.append(("page", changes))


# -- OpChanges ------------------------------------------------------------------------------------


def test_changes_merge_and_say_what_changed() -> None:
    a = OpChanges(workers=True, worker_ids=frozenset({"w1"}))
    b = OpChanges(nominations=True, worker_ids=frozenset({"w2"}))
    both = a | b
    assert both.workers and both.nominations and not both.program
    assert both.worker_ids == {"w1", "w2"}
    assert both.any("program", "nominations") and not both.any("program", "users")
    assert not OpChanges() and bool(a)
    every = OpChanges.everything()
    assert all(every.any(k) for k in ("workers", "nominations", "assessments", "program", "village", "users"))
    assert every.any("sync", "drafts") and every.worker_ids == frozenset()


# -- reads and writes -----------------------------------------------------------------------------


def test_a_read_goes_to_the_pool_and_a_write_to_the_queue(qtbot: QtBot) -> None:
    held = Held()
    tasks.set_runner(held)
    page = Page([])
    qtbot.addWidget(page)
    got: list[object] = []
    QueryOp(page, lambda: 1).success(got.append).run()
    CollectionOp(page, lambda: 2).success(got.append).run()
    assert [exclusive for *_job, exclusive in held.jobs] == [False, True]
    held.run_all()
    assert got == [1, 2]


def test_the_function_runs_marked_as_its_kind_and_so_does_every_step_of_a_generator(qtbot: QtBot) -> None:
    seen: list[object] = []

    def steps() -> Generator[tasks.Progress, None, str]:
        seen.append(ops.inside_op())
        yield tasks.Progress(1, 2)
        seen.append(ops.inside_op())
        return "selesai"

    got: list[object] = []
    QueryOp(None, lambda: seen.append(ops.inside_op())).run()
    CollectionOp(None, steps).success(got.append).run()
    assert seen == ["query", "write", "write"]
    assert got == ["selesai"] and ops.inside_op() is None


def test_what_a_write_changed_reaches_its_page_then_the_listeners_then_the_caller(qtbot: QtBot) -> None:
    order: list[Any] = []
    page = Page(order)
    qtbot.addWidget(page)
    child = QWidget(page)  # the button or form inside the page that asked

    class Window(QObject):
        def heard(self, changes: OpChanges, initiator: QWidget | None) -> None:
            order.append(("window", changes, initiator))

    window = Window()
    ops.listen(window.heard)
    try:
        CollectionOp(
            child, lambda: ["w1"], changes=lambda ids: OpChanges(workers=True, worker_ids=frozenset(ids))
        ).success(lambda ids: order.append(("caller", ids))).run()
        told = OpChanges(workers=True, worker_ids=frozenset({"w1"}))
        assert order == [("page", told), ("window", told, page), ("caller", ["w1"])]
        order.clear()
        CollectionOp(child, lambda: None).success(lambda _v: order.append("caller")).run()
        assert order == ["caller"]  # nothing changed: nobody is told
    finally:
        ops.unlisten(window.heard)
    CollectionOp(child, lambda: None, changes=OpChanges(sync=True)).run()
    assert order == ["caller", ("page", OpChanges(sync=True))]  # a window that stopped listening hears nothing


def test_a_listener_that_is_gone_stops_listening(qtbot: QtBot) -> None:
    heard: list[OpChanges] = []

    class Window:
        def heard(self, changes: OpChanges, _initiator: QWidget | None) -> None:
            heard.append(changes)

    w = Window()
    ops.listen(w.heard)
    del w
    CollectionOp(None, lambda: None, changes=OpChanges(users=True)).run()
    assert heard == []


def test_errors_are_shown_by_kind(qtbot: QtBot, boxes: Boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    crashes: list[BaseException] = []
    monkeypatch.setattr(errors, "show_crash", lambda _parent, exc: crashes.append(exc))
    page = Page([])
    qtbot.addWidget(page)

    def refused() -> None:
        raise UserError("quota", Text("kuota penuh", "the quota is full"))

    def bug() -> None:
        raise KeyError("oops")

    CollectionOp(page, refused, changes=OpChanges(nominations=True)).run()
    assert boxes.shown and boxes.shown[-1][0] == "warning" and "Kuota" in boxes.shown[-1][2]
    assert page.log == []  # a refused write changed nothing
    QueryOp(page, bug).run()
    assert [type(e) for e in crashes] == [KeyError]
    handled: list[BaseException] = []
    QueryOp(page, bug).failure(handled.append).run()
    assert [type(e) for e in handled] == [KeyError] and len(crashes) == 1


@pytest.mark.parametrize("fail", [False, True])
def test_a_retired_page_gets_no_answer_but_the_others_hear_what_changed(qtbot: QtBot, fail: bool, boxes: Boxes) -> None:
    held = Held()
    tasks.set_runner(held)
    order: list[Any] = []
    page = Page(order)

    def write() -> str:
        if fail:
            raise UserError("x", Text("salah", "wrong"))
        return "ok"

    heard: list[OpChanges] = []

    def listener(changes: OpChanges, _initiator: QWidget | None) -> None:
        heard.append(changes)

    ops.listen(listener)
    try:
        CollectionOp(page, write, changes=OpChanges(users=True)).success(order.append).failure(order.append).run()
        tasks.bury(page)
        qtbot.waitUntil(lambda: not shiboken6.isValid(page), timeout=5000)
        held.run_all()
    finally:
        ops.unlisten(listener)
    assert order == [] and boxes.shown == []
    assert heard == ([] if fail else [OpChanges(users=True)])


def test_with_the_real_threads_answers_come_back_on_the_gui_thread(
    qtbot: QtBot, thread_pool: list[BaseException]
) -> None:
    page = Page([])
    qtbot.addWidget(page)
    ran_on: list[bool] = []
    answered_on: list[bool] = []

    def job() -> int:
        ran_on.append(threading.current_thread() is threading.main_thread())
        return 5

    def answer(_v: int) -> None:
        answered_on.append(threading.current_thread() is threading.main_thread())

    QueryOp(page, job).success(answer).run()
    CollectionOp(page, job, changes=OpChanges(drafts=True)).success(answer).run()
    qtbot.waitUntil(lambda: len(answered_on) == 2, timeout=10_000)
    assert ran_on == [False, False] and answered_on == [True, True]
    assert page.log == [("page", OpChanges(drafts=True))]
    assert thread_pool == []


def test_progress_and_cancel_as_run_task(
    qtbot: QtBot, thread_pool: list[BaseException], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 30)
    page = Page([])
    qtbot.addWidget(page)
    release = threading.Event()
    failures: list[BaseException] = []

    def job() -> Generator[tasks.Progress, None, None]:
        for i in range(100):
            yield tasks.Progress(i, 100, "Menyusun")
            release.wait(5)

    handle = CollectionOp(page, job).with_progress("Menyusun", cancellable=True).failure(failures.append).run()
    qtbot.waitUntil(lambda: any(b.dialog is not None for b in tasks._live), timeout=5000)
    bridge = next(b for b in tasks._live if b.dialog is not None)
    assert bridge.dialog is not None and bridge.dialog.labelText() == "Menyusun"
    handle.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], tasks.Cancelled) and page.log == []


# -- Latest ---------------------------------------------------------------------------------------


def test_only_the_newest_of_answers_arriving_out_of_order_counts(qtbot: QtBot) -> None:
    held = Held()
    tasks.set_runner(held)
    page = Page([])
    qtbot.addWidget(page)
    latest = Latest(page)
    got: list[str] = []
    for text in ("a", "ab", "abc"):
        latest.ask(lambda text=text: text, got.append)
    assert len(held.jobs) == 3 and latest.pending
    third = held.jobs.pop(2)
    held.jobs.insert(0, third)  # the newest answers first ...
    held.run_all()  # ... and the older ones after it change nothing
    assert got == ["abc"] and not latest.pending


def test_one_at_a_time_asks_only_for_the_newest_when_the_one_in_flight_answers(qtbot: QtBot) -> None:
    held = Held()
    tasks.set_runner(held)
    latest = Latest(None, one_at_a_time=True)
    got: list[str] = []
    for text in ("s", "si", "sit", "siti"):
        latest.ask(lambda text=text: text, got.append)
    assert len(held.jobs) == 1 and latest.in_flight
    held.step()  # "s": outdated, dropped; "siti" goes next ("si" and "sit" never run)
    assert got == [] and len(held.jobs) == 1
    held.step()
    assert got == ["siti"] and held.jobs == [] and not latest.pending


def test_errors_of_outdated_answers_are_dropped(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="jamsos_desktop.ui.ops")
    held = Held()
    tasks.set_runner(held)
    latest = Latest(None)
    errors_: list[BaseException] = []
    got: list[int] = []

    def broken() -> int:
        raise OSError("disk I/O error")

    latest.ask(broken, got.append, errors_.append)
    latest.ask(lambda: 2, got.append, errors_.append)
    held.run_all()
    assert got == [2] and errors_ == [] and "outdated read failed" in caplog.text
    latest.ask(broken, got.append, errors_.append)
    held.run_all()
    assert [type(e) for e in errors_] == [OSError]  # the newest ask's error is the caller's


def test_an_error_nobody_handles_goes_to_the_crash_report(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[BaseException] = []
    monkeypatch.setattr(tasks, "report_unexpected", reported.append)
    Latest(None).ask(lambda: 1 // 0, lambda _v: None)
    assert [type(e) for e in reported] == [ZeroDivisionError]


def test_drop_supersedes_what_is_on_its_way_and_what_waits(qtbot: QtBot) -> None:
    held = Held()
    tasks.set_runner(held)
    latest = Latest(None, one_at_a_time=True)
    got: list[int] = []
    latest.ask(lambda: 1, got.append)
    latest.ask(lambda: 2, got.append)  # waits for the first
    latest.drop()  # the form was reloaded: neither answer is wanted
    held.run_all()
    assert got == [] and held.jobs == [] and not latest.pending
    latest.ask(lambda: 3, got.append)
    held.run_all()
    assert got == [3]


def test_a_retired_page_gets_nothing_and_asks_nothing_more(qtbot: QtBot, boxes: Boxes) -> None:
    held = Held()
    tasks.set_runner(held)
    page = Page([])
    owner = QObject(page)  # a model belonging to the page
    latest = Latest(owner, one_at_a_time=True)
    got: list[object] = []
    latest.ask(lambda: 1, got.append, got.append)
    latest.ask(lambda: 2, got.append, got.append)
    tasks.bury(page)
    qtbot.waitUntil(lambda: not shiboken6.isValid(page), timeout=5000)
    held.run_all()
    assert got == [] and held.jobs == [] and boxes.shown == []


def test_latest_reads_off_the_gui_thread_with_the_real_threads(qtbot: QtBot, thread_pool: list[BaseException]) -> None:
    page = Page([])
    qtbot.addWidget(page)
    latest = Latest(page, one_at_a_time=True)
    gate = threading.Event()
    ran_on: list[bool] = []
    got: list[int] = []

    def read(n: int) -> int:
        ran_on.append(threading.current_thread() is threading.main_thread())
        gate.wait(5)
        return n

    for n in range(5):
        latest.ask(lambda n=n: read(n), got.append)
    gate.set()
    qtbot.waitUntil(lambda: not latest.pending, timeout=10_000)
    assert got == [4] and ran_on == [False, False] and thread_pool == []
