"""The worker form by keyboard alone: the NIK's offer is reached by Tab, Pekerjaan (KTP) is found
by any word of its name, and the fields a save needs are marked before Save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import records
from jamsos_desktop.domain.occupations import KTP_OCCUPATIONS
from jamsos_desktop.services.context import Workspace

from .test_workers import GOOD_NIK, page, type_into

pytestmark = pytest.mark.gui


def test_tab_from_the_nik_reaches_its_offer_and_space_takes_it(qtbot: QtBot, workspace: Workspace) -> None:
    p = page(qtbot, workspace)
    p.show()
    p.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is p, timeout=2000)
    p.new_worker()
    f = p.form
    f.fields["nik"].setFocus()
    type_into(qtbot, p, "nik", GOOD_NIK)
    f.validate()
    assert f.use_nik.isVisible()
    qtbot.keyClick(f.fields["nik"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is f.use_nik
    qtbot.keyClick(f.use_nik, Qt.Key.Key_Space)
    assert f.fields["birth_date"].text() == "15-08-1995"  # type: ignore[attr-defined]
    # Without an offer, Tab goes straight on to the next field.
    f.load_new()
    f.fields["nik"].setFocus()
    qtbot.keyClick(f.fields["nik"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is f.fields[records.WORKER.form_inputs[1]]


@pytest.mark.parametrize("typed", ["petani", "PEKEBUN", "nelayan", "buruh"])
def test_any_word_of_an_occupation_suggests_it(qtbot: QtBot, workspace: Workspace, typed: str) -> None:
    p = page(qtbot, workspace)
    p.show()
    p.new_worker()
    occ = p.form.fields["occupation"]
    assert isinstance(occ, QComboBox)
    occ.setFocus()
    line = occ.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, typed)
    completer = occ.completer()
    assert completer is not None
    model = completer.completionModel()
    shown = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    expected = [label for label in KTP_OCCUPATIONS.values() if typed.lower() in label.lower()]
    assert expected and len(shown) >= len(expected)
    assert all(typed.lower() in s.lower() for s in shown)


def test_required_fields_are_marked_before_save(qtbot: QtBot, workspace: Workspace) -> None:
    p = page(qtbot, workspace)
    p.show()
    p.new_worker()
    f = p.form
    required = set(records.WORKER.required_inputs) & set(f._labels)
    assert required
    for key, label in f._labels.items():
        assert isinstance(label, QLabel)
        assert bool(label.property("required")) is (key in required), key
        assert ("600" in label.styleSheet()) is (key in required), key
    assert f.required_note.isVisible() and "wajib" in f.required_note.text()
