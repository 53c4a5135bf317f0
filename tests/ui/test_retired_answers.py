"""An answer addressed to a page that was retired (its person signed out, its window replaced)
shows nothing: the job still runs to the end, its outcome is only logged."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jamsos_desktop.ui import tasks

pytestmark = pytest.mark.gui


def _job(gate: threading.Event, ran: list[str], fail: bool) -> None:
    gate.wait(10)
    ran.append("ran")
    if fail:
        raise RuntimeError("refused")


@pytest.mark.parametrize("fail", [False, True])
def test_an_answer_for_a_retired_page_is_dropped(
    qtbot: QtBot, thread_pool: list[BaseException], fail: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="jamsos_desktop.ui.tasks")
    page = QWidget()
    gate = threading.Event()
    ran: list[str] = []
    answered: list[object] = []
    tasks.run_task(
        lambda: _job(gate, ran, fail), answered.append, answered.append, exclusive=True, parent=page, quiet=True
    )
    tasks.bury(page)  # the person signs out while the write is on its way
    assert tasks.retired(page) and shiboken6.isValid(page)  # kept until its job has answered
    gate.set()
    qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(page), timeout=5_000)
    assert ran == ["ran"]  # the write was not cut off
    assert answered == [] and thread_pool == []  # nothing shown, nothing reported as a crash
    assert ("failed" if fail else "finished") in caplog.text


def test_a_live_page_still_gets_its_answer(qtbot: QtBot, thread_pool: list[BaseException]) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    answered: list[object] = []
    tasks.run_task(lambda: 42, answered.append, exclusive=True, parent=page, quiet=True)
    qtbot.waitUntil(lambda: answered == [42], timeout=10_000)
    child = QWidget(page)
    assert not tasks.retired(page) and not tasks.retired(child)
    tasks.bury(page)
    assert tasks.retired(child)  # a widget inside a retired window is retired too
