"""The import wizard and the export in the worker table, driven offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop import tabular
from jamsos_desktop.services import users, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui.import_wizard import ImportWizard
from jamsos_desktop.ui.pages.workers import WorkersPage

from ..importing.files import xlsx
from ..importing.test_import_service import person
from .conftest import Boxes

pytestmark = pytest.mark.gui


def wizard(qtbot: QtBot, ws: Workspace, path: Path) -> ImportWizard:
    actor = users.find_user(ws, "operator")
    w = ImportWizard(ws, lambda: actor)
    qtbot.addWidget(w)
    w.show()
    w.path_edit.setText(str(path))
    w.next_button.click()  # read the file
    assert w.steps.currentIndex() == 1
    w.next_button.click()  # the sheet is right: the columns
    assert w.steps.currentIndex() == 2
    w.next_button.click()  # the dry run
    assert w.steps.currentIndex() == 3
    return w


def test_a_sheet_with_an_error_row_is_previewed_filtered_and_reported_but_not_imported(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = person(3)
    bad[1] = 3.20101e15
    w = wizard(qtbot, workspace, xlsx(tmp_path / "a.xlsx", [person(1), person(2), bad]))
    assert w.plan is not None and not w.plan.importable
    assert not w.next_button.isEnabled()
    assert "1 salah" in w.summary.text()
    # the preview opens on the rows with errors, with Excel's row number and the reason
    assert w.proxy.rowCount() == 1
    assert w.proxy.index(0, 0).data() == "7" and "nik.excel_float" in w.proxy.index(0, 4).data()
    w.filter_combo.setCurrentIndex(1)  # "Dengan peringatan": the rows the summary counts so
    assert w.proxy.rowCount() == w.plan.warned
    w.filter_combo.setCurrentIndex(0)
    assert w.proxy.rowCount() == len(w.plan.rows)
    out = tmp_path / "laporan.xlsx"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    w.report_button.click()
    assert dict(tabular.read_sheet(out).rows)[4][-3] == "salah"  # the third data row, under the header
    assert workers.count_workers(workspace) == 0


def test_a_good_sheet_is_imported_in_one_go_and_the_list_refreshes(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, boxes: Boxes
) -> None:
    actor = users.find_user(workspace, "operator")
    page = WorkersPage(workspace, lambda: actor)
    qtbot.addWidget(page)
    w = page.transfer_button.open_wizard()
    qtbot.addWidget(w)
    w.path_edit.setText(str(xlsx(tmp_path / "a.xlsx", [person(i) for i in range(1, 6)])))
    for _ in range(3):
        w.next_button.click()
    assert w.next_button.isEnabled() and w.next_button.text() == "Impor"
    w.next_button.click()
    assert w.imported is not None and w.imported.added == 5
    assert workers.count_workers(workspace) == 5
    assert boxes.shown[-1][0] == "information" and "5 pekerja baru" in boxes.shown[-1][2]
    assert page.model.total == 5 if hasattr(page.model, "total") else True


def test_the_export_writes_what_the_table_shows(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path, boxes: Boxes
) -> None:
    actor = users.find_user(demo_workspace, "operator")
    page = WorkersPage(demo_workspace, lambda: actor)
    qtbot.addWidget(page)
    page.dusun_filter.setCurrentIndex(1)
    out = tmp_path / "daftar.xlsx"
    page.transfer_button.export(masked=False, out=str(out))
    rows = tabular.read_sheet(out).rows
    assert len(rows) - 1 == workers.count_workers(demo_workspace, page.query())
    assert boxes.shown[-1][0] == "information"


def test_an_approver_may_export_but_not_import(qtbot: QtBot, workspace: Workspace) -> None:
    head = users.find_user(workspace, "kepala")
    page = WorkersPage(workspace, lambda: head)
    qtbot.addWidget(page)
    assert page.transfer_button.isEnabled() and not page.transfer_button.import_action.isEnabled()


def test_the_preview_in_english_counts_in_english_and_shows_reasons_whole(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, boxes: Boxes
) -> None:
    from PySide6.QtCore import Qt

    from jamsos_desktop.ui import i18n

    from .test_english_mode import indonesian, readable

    bad = person(3)
    bad[1] = 3.20101e15
    assert i18n.apply_language("en")
    try:
        w = wizard(qtbot, workspace, xlsx(tmp_path / "a.xlsx", [person(1), person(1), bad]))
        summary = w.summary.text()
        assert "1 error" in summary and "1 errors" not in summary, summary
        assert "1 duplicates" not in summary
        names = {r[2] for r in w.outcomes.rows}  # people's names are data, in any language
        # (The import service names a derived category by its stored Indonesian key's label;
        # that wording is the service's, in services/importing.py.)
        left = {t: indonesian(t) - {"Petani"} for t in readable(w) - names}
        assert {t: words for t, words in left.items() if words} == {}
        # The reasons, elided in their cell, are there whole in its tooltip.
        reasons = w.proxy.index(0, 4)
        tip = str(reasons.data(Qt.ItemDataRole.ToolTipRole))
        assert all(part in tip for part in str(reasons.data()).split("; "))
    finally:
        i18n.apply_language("id")


def test_a_nik_stored_as_a_whole_number_is_shown_as_its_digits_in_the_preview(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """A NIK Excel kept as a number with all 16 digits is taken; the preview shows those digits,
    not "3.20405E+15" (which is what a refused one, whose digits were lost, looks like)."""
    whole = person(2)
    nik = str(whole[1])
    whole[1] = float(nik)
    whole[15] = ""  # no heir relation: an error of its own, so the row shows the cell as read
    lost = person(3)
    lost[1] = 3.20101e15
    w = wizard(qtbot, workspace, xlsx(tmp_path / "a.xlsx", [person(1), whole, lost]))
    w.filter_combo.setCurrentIndex(0)
    shown = {w.proxy.index(r, 0).data(): w.proxy.index(r, 3).data() for r in range(w.proxy.rowCount())}
    assert shown["6"] == nik
    assert shown["7"] == "3.20101E+15"
