"""The worker list (lazy model, search, filters, sort) and the worker form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import drafts, users, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.ui.pages.workers import WorkersPage
from jamsos_desktop.ui.worker_model import FIRST_ROWS, PAGE_SIZE, WorkerTableModel

from .conftest import Boxes

pytestmark = pytest.mark.gui

GOOD_NIK = "3204051508950001"  # Kec. Cileunyi, born 15-08-1995, male
GOOD_KK = "3204050101200001"


def page(qtbot: QtBot, ws: Workspace, username: str = "operator") -> WorkersPage:
    actor = users.find_user(ws, username)
    p = WorkersPage(ws, lambda: actor)
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    return p


def type_into(qtbot: QtBot, p: WorkersPage, key: str, text: str) -> None:
    w = p.form.fields[key]
    w.setFocus()
    qtbot.keyClicks(w, text)


def test_model_fetches_pages_lazily(qtbot: QtBot, demo_workspace: Workspace) -> None:
    model = WorkerTableModel(demo_workspace)
    model.set_query(WorkerQuery())
    assert model.rowCount() == 200
    assert model.cached_rows() == FIRST_ROWS  # only the first answer so far
    assert model.index(FIRST_ROWS - 1, 0).data()
    assert model.cached_rows() == FIRST_ROWS
    last = model.index(199, 0).data()
    assert model.cached_rows() == FIRST_ROWS + PAGE_SIZE
    names = [r.name for r in workers.list_workers(demo_workspace, WorkerQuery(limit=None))]
    assert last == names[-1]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == names[-1]


def test_search_as_you_type_and_filters(qtbot: QtBot, demo_workspace: Workspace) -> None:
    p = page(qtbot, demo_workspace)
    assert p.model.rowCount() == 200
    target = workers.list_workers(demo_workspace, WorkerQuery(limit=1))[0]
    first_name = target.name.split()[0]
    with qtbot.waitSignal(p.model.resultsChanged, timeout=2000):
        qtbot.keyClicks(p.search, first_name)
    n = p.model.rowCount()
    assert 0 < n < 200
    assert all(first_name.lower() in p.model.index(r, 0).data().lower() for r in range(n))
    assert p.count_label.text().startswith(str(n))
    # NIK search
    p.search.clear()
    p.search.setText(target.nik)
    p.apply_filters()
    assert p.model.rowCount() == 1 and p.model.index(0, 1).data() == target.nik
    # Filters combine with the search box.
    p.search.clear()
    p.apply_filters()
    dusun = p.dusun_filter.itemData(1)
    p.dusun_filter.setCurrentIndex(1)
    n_dusun = p.model.rowCount()
    assert 0 < n_dusun < 200
    assert all(p.model.index(r, 5).data() == dusun for r in range(n_dusun))
    p.category_filter.setCurrentIndex(p.category_filter.findData("petani"))
    assert all(p.model.index(r, 7).data() == "Petani" for r in range(p.model.rowCount()))
    assert p.model.rowCount() == workers.count_workers(demo_workspace, WorkerQuery(dusun=dusun, category="petani"))
    p.status_filter.setCurrentIndex(p.status_filter.findData("approved"))
    assert p.model.rowCount() == 0


def test_sort_by_clicking_a_column(qtbot: QtBot, demo_workspace: Workspace) -> None:
    p = page(qtbot, demo_workspace)
    p.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # birth date
    assert p.model.query.order_by == "birth_date"
    dates = [p.model.row_at(r).birth_date for r in range(p.model.rowCount())]
    assert dates == sorted(dates)


def test_add_worker_invalid_then_valid(qtbot: QtBot, workspace: Workspace, boxes: Boxes) -> None:
    p = page(qtbot, workspace)
    qtbot.mouseClick(p.add_button, Qt.MouseButton.LeftButton)
    assert p.stack.currentWidget() is p.form
    f = p.form
    type_into(qtbot, p, "nik", "3204051508950000")  # serial 0000: not a NIK
    f.validate()
    assert "0000" in f.messages["nik"].text() or f.messages["nik"].text()
    assert "b3261e" in f.messages["nik"].styleSheet()  # red
    # Enter on an invalid form does not save; it offers a draft (declined here).
    boxes.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(f.fields["nik"], Qt.Key.Key_Return)
    assert boxes.shown and boxes.shown[-1][1] == "Belum bisa disimpan"
    assert workers.count_workers(workspace) == 0
    # Fix the NIK: the region is named and the birth date and sex are offered.
    f.fields["nik"].clear()
    type_into(qtbot, p, "nik", GOOD_NIK)
    f.validate()
    assert f.messages["nik"].text() == ""
    assert "Cileunyi" in f.nik_info.text() and "15-08-1995" in f.nik_info.text()
    assert f.use_nik.isVisibleTo(f)
    qtbot.mouseClick(f.use_nik, Qt.MouseButton.LeftButton)
    assert f.fields["birth_date"].text() == "15-08-1995"
    assert f.fields["sex"].currentData() == "L"
    type_into(qtbot, p, "kk", GOOD_KK)
    type_into(qtbot, p, "name", "Asep Saepudin")
    type_into(qtbot, p, "birth_place", "Bandung")
    f.fields["dusun"].setEditText("Sukamaju")
    type_into(qtbot, p, "rt", "2")
    type_into(qtbot, p, "rw", "5")
    f.fields["occupation"].setCurrentIndex(f.fields["occupation"].findData("9"))
    f.fields["category"].setCurrentIndex(f.fields["category"].findData("petani"))
    type_into(qtbot, p, "heir_name", "Euis")
    f.fields["heir_relation"].setEditText("Istri")
    qtbot.mouseClick(f.consent_label, Qt.MouseButton.LeftButton)  # consent given today (UU 27/2022)
    issues = f.validate()
    assert not [i for i in issues if i.is_error], issues
    # The eligibility panel explains each rule.
    assert "✓" in f.eligibility.text() and "Skor" in f.eligibility.text()
    qtbot.keyClick(f.fields["name"], Qt.Key.Key_Return)
    assert workers.count_workers(workspace) == 1
    assert p.stack.currentWidget() is p.list_page
    assert p.model.rowCount() == 1
    assert drafts.list_drafts(workspace, users.find_user(workspace, "operator")) == []


def test_duplicate_nik_links_to_existing_record(qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes) -> None:
    existing = workers.list_workers(demo_workspace, WorkerQuery(limit=1))[0]
    p = page(qtbot, demo_workspace)
    p.new_worker()
    type_into(qtbot, p, "nik", existing.nik)
    p.form.validate()
    assert existing.name in p.form.duplicate.text()
    assert p.form.duplicate.isVisibleTo(p.form)
    assert f"worker:{existing.id}" in p.form.duplicate.text()
    boxes.answer = QMessageBox.StandardButton.Cancel
    p.form.duplicate.linkActivated.emit(f"worker:{existing.id}")
    # The half-typed new form is kept as a draft; the existing record opens.
    assert p.form.entity_id == existing.id
    assert p.form.fields["name"].text() == existing.name


def test_escape_warns_when_dirty_and_draft_is_kept(qtbot: QtBot, workspace: Workspace, boxes: Boxes) -> None:
    p = page(qtbot, workspace)
    p.new_worker()
    type_into(qtbot, p, "name", "Budi")
    boxes.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Escape)
    assert boxes.shown[-1][0] == "question"
    assert p.stack.currentWidget() is p.form  # stayed
    boxes.answer = QMessageBox.StandardButton.Save
    qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Escape)
    assert p.stack.currentWidget() is p.list_page
    op = users.find_user(workspace, "operator")
    kept = drafts.get_draft(workspace, op, "worker", None)
    assert kept is not None and kept.payload["name"] == "Budi"
    # Adding a worker again opens a blank form (issue 13: New is new); the draft is resumed
    # from the drafts list, on purpose.
    p.new_worker()
    assert p.form.fields["name"].text() == ""
    p.show_list()
    p._resume(kept)
    assert p.form.fields["name"].text() == "Budi"
    # Esc with no further change asks nothing and keeps the saved draft; deleting it is its
    # own answer.
    shown = len(boxes.shown)
    qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Escape)
    assert len(boxes.shown) == shown and p.stack.currentWidget() is p.list_page
    assert drafts.get_draft(workspace, op, "worker", None) is not None
    p._resume(kept)
    type_into(qtbot, p, "name", " Santoso")
    boxes.answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(p.form.fields["name"], Qt.Key.Key_Escape)
    assert "Hapus" in boxes.shown[-1][2] or "hapus" in boxes.shown[-1][2]
    assert drafts.get_draft(workspace, op, "worker", None) is None


def test_autosave_keeps_typing_without_closing(qtbot: QtBot, workspace: Workspace) -> None:
    p = page(qtbot, workspace)
    p.new_worker()
    type_into(qtbot, p, "name", "Cecep")
    p.form.autosave_draft()
    op = users.find_user(workspace, "operator")
    kept = drafts.get_draft(workspace, op, "worker", None)
    assert kept is not None and kept.payload["name"] == "Cecep"
    assert p.stack.currentWidget() is p.form


def test_edit_existing_worker(qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes) -> None:
    existing = workers.list_workers(demo_workspace, WorkerQuery(limit=1))[0]
    p = page(qtbot, demo_workspace)
    p.open_worker(existing.id)
    p.form.fields["phone"].setText("081234567890")
    p.form.save()
    assert boxes.shown == []
    assert workers.get_worker(demo_workspace, existing.id).worker.phone == "081234567890"


def test_approver_cannot_record(qtbot: QtBot, demo_workspace: Workspace) -> None:
    p = page(qtbot, demo_workspace, "kepala")
    assert not p.add_button.isEnabled()
    assert not p.propose_button.isEnabled()
    existing = workers.list_workers(demo_workspace, WorkerQuery(limit=1))[0]
    p.open_worker(existing.id)
    assert not p.form.save_button.isEnabled()
    assert not p.form.fields["name"].isEnabled()


def test_model_switches_to_row_numbers_after_a_pause(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jamsos_desktop.ui import worker_model

    monkeypatch.setattr(worker_model, "PAGE_SIZE", 30)
    model = WorkerTableModel(demo_workspace)
    model.set_query(WorkerQuery())
    assert model.rowids is None
    by_offset = [model.index(r, 1).data() for r in range(model.rowCount())]
    qtbot.waitUntil(lambda: model.rowids is not None, timeout=3000)
    model._pages.clear()
    by_number = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert by_number == by_offset
    # A new search forgets the numbers until typing pauses again.
    model.set_query(WorkerQuery(search="a"))
    assert model.rowids is None


class Deferred:
    """A runner that holds jobs until the test releases them, one by one."""

    def __init__(self) -> None:
        self.jobs: list[tuple[object, object]] = []

    def run(self, fn, on_done, on_error, **_kw):  # type: ignore[no-untyped-def]
        from jamsos_desktop.ui import tasks

        self.jobs.append((fn, on_done))
        return tasks.TaskHandle()

    def step(self) -> None:
        fn, on_done = self.jobs.pop(0)
        on_done(fn())  # type: ignore[operator]


def test_first_page_shows_before_the_count(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jamsos_desktop.ui import tasks, worker_model

    monkeypatch.setattr(worker_model, "PAGE_SIZE", 30)
    monkeypatch.setattr(worker_model, "FIRST_ROWS", 30)
    p = page(qtbot, demo_workspace)
    runner = Deferred()
    tasks.set_runner(runner)
    p.search.setText("")
    p.apply_filters()
    runner.step()  # first page
    assert p.model.rowCount() == 30 and not p.model.exact
    assert p.count_label.text().startswith("30+")
    runner.step()  # the count
    assert p.model.rowCount() == 200 and p.model.exact
    assert p.count_label.text() == "200 pekerja"
    # A newer search makes a late count from an older one irrelevant.
    p.apply_filters()
    runner.step()  # first page again; its count is queued
    p.search.setText("zzz")  # typing searches by itself
    runner.step()  # the old count arrives late: ignored
    assert p.model.rowCount() == 30
    runner.step()
    assert p.model.rowCount() == 0 and p.model.exact


def test_typing_keeps_one_query_in_flight_and_asks_only_for_the_newest_text(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    from jamsos_desktop.ui import tasks

    p = page(qtbot, demo_workspace)
    runner = Deferred()
    tasks.set_runner(runner)
    target = workers.list_workers(demo_workspace, WorkerQuery(limit=1))[0]
    for n in range(1, 5):  # four keystrokes while the first one's query is still running
        p.search.setText(target.name[:n])
    assert len(runner.jobs) == 1
    runner.step()  # the answer for one letter arrives: dropped, the newest text is asked for
    assert len(runner.jobs) == 1 and p.model.loading
    runner.step()
    assert not p.model.loading and p.model.query.search == target.name[:4]
    assert all(
        p.model.index(r, 0).data().lower().startswith(target.name[:4].lower()) for r in range(p.model.rowCount())
    )
    # A space between words is not a new search.
    p.search.setText(target.name[:4] + " ")
    assert not runner.jobs


def test_a_broad_result_is_counted_once_typing_pauses(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jamsos_desktop.ui import worker_model

    monkeypatch.setattr(worker_model, "SETTLE_MS", 80)
    p = page(qtbot, demo_workspace)  # all 200 workers: more than the first answer holds
    assert not p.model.exact and p.model.rowCount() == FIRST_ROWS
    assert p.count_label.text().startswith(f"{FIRST_ROWS}+")
    p.search.setText("zz")  # typed over before the pause: that count is never taken
    assert p.model.exact and p.model.rowCount() == 0
    p.search.setText("")
    assert not p.model.exact
    qtbot.waitUntil(lambda: p.model.exact, timeout=3000)
    assert p.model.rowCount() == 200 and p.count_label.text() == "200 pekerja"


def test_a_new_form_loads_the_region_tables_once_in_the_background(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jamsos_desktop.domain import regions
    from jamsos_desktop.ui import worker_form

    monkeypatch.setattr(worker_form.WorkerForm, "_regions_warming", False)
    loaded: list[bool] = []
    monkeypatch.setattr(regions, "warm_up", lambda: loaded.append(True))
    p = page(qtbot, workspace)
    assert not loaded  # not for the list alone
    p.new_worker()
    p.show_list()
    p.new_worker()
    assert loaded == [True]
