"""No page writes on the GUI thread, nor anywhere but in a ``CollectionOp`` on the write queue.

The guard (``conftest.WriteGuard``, on for every UI test) watches the SQL itself, on every
pooled connection, so it does not depend on which service or entry point a page reaches: these
tests show what it catches, drive every page's writes with the real thread pool, and check
statically that the ui package has one way to run work in the background."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, users, village, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.ui import tasks
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.ops import CollectionOp, QueryOp
from jamsos_desktop.ui.settings import AppSettings

from .conftest import UI_DIR, Boxes, WriteGuard
from .test_worker_form_writes import VALID

pytestmark = pytest.mark.gui

# A page of the ui package that writes directly, as Pekerja's "Usulkan" once did.
PAGE_SOURCE = """
from jamsos_desktop.services import nominations

def propose(ws, actor, ids):
    return nominations.nominate(ws, actor, ids)
"""


def _page_module() -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(PAGE_SOURCE, str(UI_DIR / "pages" / "writes_directly.py"), "exec"), namespace)
    return namespace


def _seen(guard: WriteGuard) -> list[str]:
    found, guard.found = list(guard.found), []  # what this test provoked on purpose
    return found


def test_a_page_writing_outside_the_ops_layer_is_caught(
    qtbot: QtBot, demo_workspace: Workspace, no_ui_writes_off_the_ops_layer: WriteGuard
) -> None:
    guard = no_ui_writes_off_the_ops_layer
    propose = _page_module()["propose"]
    ws, actor = demo_workspace, users.find_user(demo_workspace, "operator")
    ids = [w.id for w in workers.list_workers(ws, WorkerQuery(limit=4))]
    propose(ws, actor, ids[:1])
    found = _seen(guard)
    assert found and all("pages/writes_directly.py" in f and "on the GUI thread" in f for f in found)
    tasks.run_task(lambda: propose(ws, actor, ids[1:2]), exclusive=True)  # the queue, but not an op
    assert _seen(guard)
    QueryOp(None, lambda: propose(ws, actor, ids[2:3])).run()  # a write disguised as a read
    assert any(f.startswith("a read wrote") for f in _seen(guard))
    CollectionOp(None, lambda: propose(ws, actor, ids[3:4])).run()  # the one right way
    assert _seen(guard) == []
    assert nominations.status_counts(ws)[statuses.PROPOSED] == 4  # every write did happen
    nominations.decline(ws, users.find_user(ws, "kepala"), ids[:1], "tes")  # the test's own writes
    assert _seen(guard) == []


def test_with_the_real_threads_an_op_never_writes_on_the_gui_thread(
    qtbot: QtBot,
    demo_workspace: Workspace,
    thread_pool: list[BaseException],
    no_ui_writes_off_the_ops_layer: WriteGuard,
) -> None:
    guard = no_ui_writes_off_the_ops_layer
    propose = _page_module()["propose"]
    ws, actor = demo_workspace, users.find_user(demo_workspace, "operator")
    ids = [w.id for w in workers.list_workers(ws, WorkerQuery(limit=2))]
    done: list[object] = []
    CollectionOp(None, lambda: propose(ws, actor, ids[:1])).success(done.append).run()
    tasks.run_task(lambda: propose(ws, actor, ids[1:]), done.append, exclusive=True)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10_000)
    found = _seen(guard)
    assert len(found) >= 1 and all("outside the operations layer" in f for f in found), found
    assert thread_pool == []


def test_every_page_writes_off_the_gui_thread_with_the_real_threads(
    qtbot: QtBot,
    demo_workspace: Workspace,
    settings: AppSettings,
    passwords: None,
    boxes: Boxes,
    input_text: list[str],
    thread_pool: list[BaseException],
    no_ui_writes_off_the_ops_layer: WriteGuard,
) -> None:
    guard = no_ui_writes_off_the_ops_layer
    guard.writes.clear()  # the fixtures' own writes
    ws = demo_workspace
    win = MainWindow(ws, users.find_user(ws, "operator"), settings)
    qtbot.addWidget(win)
    win.show()

    def idle() -> None:
        qtbot.waitUntil(lambda: not tasks.running(), timeout=20_000)

    # Pekerja: a new worker saved, then proposed from the list.
    page: Any = win.go("workers")
    idle()
    page.new_worker()
    page.form.set_values(VALID)
    page.form.fields["notes"].setText("baru")
    page.form.save()
    idle()
    assert workers.count_workers(ws) == 201 and page.stack.currentWidget() is page.list_page
    page.search.setText(VALID["name"])
    idle()
    page.table.selectRow(0)
    page.propose_selected()
    idle()
    assert nominations.status_counts(ws)[statuses.PROPOSED] == 1
    # Nominasi: assess everyone, then propose up to the quota.
    noms: Any = win.go("nominations")
    noms.assess_all()
    idle()
    noms.fill_quota()
    idle()
    assert nominations.quota_summary(ws).counted == 100
    # Pengaturan: the village.
    s: Any = win.go("settings")
    s.head_name.setText("Hj. Euis Kartini")
    s.save_village.click()
    idle()
    assert village.get_village(ws).head_name == "Hj. Euis Kartini"
    # The form's draft, as at a lock.
    page = win.go("workers")
    page.new_worker()
    page.form.fields["name"].setText("Siti")
    win.lock()
    idle()
    assert guard.writes and not any(on_gui for on_gui, _kind in guard.writes)
    assert {kind for _on_gui, kind in guard.writes} == {"write"}
    assert guard.found == [] and thread_pool == []
    assert [b for b in boxes.shown if b[0] != "information"] == []


def _background_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            if name in {"run_task", "runner", "ThreadRunner", "QThreadPool", "QThread", "Thread", "QRunnable"}:
                out.append(f"{path.name}:{node.lineno} {name}")
    return out


def test_the_ui_runs_background_work_only_through_the_ops_layer() -> None:
    """Every page's read or write reaches a thread through ``ops``; only ``ops`` and ``tasks``
    (the runner underneath) touch it directly."""
    offenders = [
        call
        for path in sorted(UI_DIR.rglob("*.py"))
        if path.name not in {"ops.py", "tasks.py"}
        for call in _background_calls(path)
    ]
    assert offenders == []
