"""Full NIKs only for the roles that need them (issue 15, item 6; ``actors.sees_full_nik``).

Signed in as the village head, every page and every table, list, label and field of the window
is walked, and no 16-digit number (a NIK or KK number) is on screen; the operator and the admin
still see them. One record's numbers are shown to the head on purpose, and that is audited. The
audit view is for the head and the admin only, and masks numbers for the head.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import actors
from jamsos_desktop.domain.text import PermissionDenied
from jamsos_desktop.services import audit, nominations, privacy, users, workers
from jamsos_desktop.services.context import SYSTEM, Actor, Workspace
from jamsos_desktop.ui.audit_view import AuditDialog
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.pages.workers import WorkersPage
from jamsos_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.gui

NIK_LIKE = re.compile(r"(?<!\d)\d{16}(?!\d)")


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent or QModelIndex()
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model (QAbstractListModel keeps it private): one column
        columns = 1
    for c in range(columns):
        yield str(model.headerData(c, Qt.Orientation.Horizontal) or "")
    for r in range(model.rowCount(parent)):
        for c in range(columns):
            idx = model.index(r, c, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                v = model.data(idx, role)
                if v is not None:
                    yield str(v)
            if c == 0 and columns > 1 and model.rowCount(idx) > 0:
                yield from _model_texts(model, idx)


def shown_texts(root: QWidget) -> list[str]:
    """Every text ``root`` and its children show: tables' cells and headers, labels, fields (as
    displayed), text boxes, lists of choices, buttons and tooltips."""
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        out.append(w.toolTip())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            out.extend(_model_texts(w.model()))
        elif isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out.append(w.displayText())
        elif isinstance(w, QTextEdit):
            out.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            out.extend(w.itemText(i) for i in range(w.count()))
            out.append(w.currentText())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
    return out


def full_numbers(texts: list[str]) -> set[str]:
    return {m for t in texts for m in NIK_LIKE.findall(t)}


@pytest.fixture
def register(demo_workspace: Workspace) -> tuple[Workspace, list[workers.WorkerRow]]:
    ws = demo_workspace
    rows = workers.list_workers(ws, workers.WorkerQuery(limit=None))
    operator = users.default_actor(ws)
    head = users.default_actor(ws, approving=True)
    # Some proposed, some approved: the nominations page and the dashboard have lists.
    proposed = nominations.nominate_ranked(ws, operator, 6).worker_ids
    nominations.approve(ws, head, list(proposed[:3]))
    # An audit entry that names a record by its NIK (as free text may).
    with ws.unit_of_work(SYSTEM) as uow:
        uow.audit("test.note", "worker", rows[0].nik)
    return ws, rows


def _walk(win: MainWindow) -> list[str]:
    texts: list[str] = []
    for key in win.PAGES:
        page = win.go(key)
        texts += shown_texts(page)
    texts += shown_texts(win)
    return texts


def test_the_village_head_sees_no_full_nik_on_any_page(
    qtbot: QtBot, register: tuple[Workspace, list[workers.WorkerRow]], settings: AppSettings
) -> None:
    ws, rows = register
    head = users.default_actor(ws, approving=True)
    assert not actors.sees_full_nik(head.role)
    win = MainWindow(ws, head, settings)
    qtbot.addWidget(win)
    texts = _walk(win)
    page = win.page("workers")
    assert isinstance(page, WorkersPage)
    assert page.model.rowCount() == len(rows)  # the list is there, only masked
    assert any(t == actors.shown_number(head.role, rows[0].nik) for t in texts)
    # A search by a whole NIK finds the person, and shows the number masked.
    page.search.setText(rows[1].nik)
    assert page.model.rowCount() == 1
    texts += [t for t in shown_texts(page) if t != rows[1].nik]  # what the head typed is theirs
    assert actors.shown_number(head.role, rows[1].nik) in texts
    # The audit view the head may open masks numbers too.
    assert win.audit_action.isVisible()
    dlg = AuditDialog(ws, head, win)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() > 0
    texts += shown_texts(dlg)
    assert full_numbers(texts) == set()


def test_the_head_opens_one_record_and_shows_its_nik_on_purpose(
    qtbot: QtBot, register: tuple[Workspace, list[workers.WorkerRow]]
) -> None:
    ws, rows = register
    head = users.default_actor(ws, approving=True)
    page = WorkersPage(ws, lambda: head)
    qtbot.addWidget(page)
    page.open_worker(rows[0].id)
    form = page.form
    assert full_numbers(shown_texts(form)) == set()
    assert form.show_nik.isVisibleTo(form) and form.show_nik.isEnabled()
    before = audit.head(ws).seq
    form.show_nik.click()
    assert full_numbers(shown_texts(form)) >= {rows[0].nik}
    assert not form.show_nik.isVisibleTo(form)
    shown = audit.entries(ws, limit=1)[0]
    assert (shown.seq, shown.action, shown.username, shown.entity_id) == (
        before + 1,
        privacy.SHOW_NIK,
        head.username,
        rows[0].id,
    )
    # The next record is masked again.
    page.open_worker(rows[1].id)
    assert full_numbers(shown_texts(form)) == set()


@pytest.mark.parametrize("username", ["operator", "admin"])
def test_the_operator_and_the_admin_still_see_full_niks(
    qtbot: QtBot,
    register: tuple[Workspace, list[workers.WorkerRow]],
    settings: AppSettings,
    passwords: None,
    username: str,
) -> None:
    ws, rows = register
    who = users.find_user(ws, username)
    assert actors.sees_full_nik(who.role)
    win = MainWindow(ws, who, settings)
    qtbot.addWidget(win)
    page = win.go("workers")
    assert isinstance(page, WorkersPage)
    assert {r.nik for r in rows[:20]} <= full_numbers(shown_texts(page))
    page.open_worker(rows[0].id)
    assert rows[0].nik in full_numbers(shown_texts(page.form))
    assert not page.form.show_nik.isVisibleTo(page.form)
    before = audit.head(ws).seq
    assert privacy.show_full_nik(ws, who, rows[0].id).nik == rows[0].nik
    assert audit.head(ws).seq == before  # nothing to record: they see it in every list


def test_the_audit_view_is_for_the_head_and_the_admin(
    qtbot: QtBot, register: tuple[Workspace, list[workers.WorkerRow]], settings: AppSettings, passwords: None
) -> None:
    ws, rows = register
    operator = users.find_user(ws, "operator")
    win = MainWindow(ws, operator, settings)
    qtbot.addWidget(win)
    assert not win.audit_action.isVisible()
    with pytest.raises(PermissionDenied):
        AuditDialog(ws, operator)
    admin = users.find_user(ws, "admin")
    dlg = AuditDialog(ws, admin)
    qtbot.addWidget(dlg)
    cells = [dlg.table.item(r, 4).text() for r in range(dlg.table.rowCount())]  # type: ignore[union-attr]
    assert f"worker {rows[0].nik}" in cells  # the admin's view is not masked
    win.sign_out()
    assert not win.audit_action.isVisible()


def test_an_unmasked_export_is_not_offered_to_the_head(
    qtbot: QtBot, register: tuple[Workspace, list[workers.WorkerRow]], tmp_path: object
) -> None:
    ws, _rows = register
    head: Actor = users.default_actor(ws, approving=True)
    page = WorkersPage(ws, lambda: head)
    qtbot.addWidget(page)
    assert not page.transfer_button.export_action.isEnabled()
