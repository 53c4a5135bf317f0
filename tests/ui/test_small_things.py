"""Small things a person notices: a duplicate NIK names the person already recorded (name, NIK
masked, hamlet), never an internal id; the first sign-in after the wizard offers its name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain.identity import mask_nik
from jamsos_desktop.services import users, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.settings import AppSettings
from jamsos_desktop.ui.wizard import FirstRunWizard

from .conftest import PASSWORD, Boxes
from .test_worker_form_writes import VALID, filled_form
from .test_workers import page, type_into

pytestmark = pytest.mark.gui


def test_a_duplicate_nik_names_the_person_not_an_id(qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes) -> None:
    existing = workers.list_workers(demo_workspace, WorkerQuery(limit=1))[0]
    p = page(qtbot, demo_workspace)
    p.new_worker()
    type_into(qtbot, p, "nik", existing.nik)
    p.form.validate()
    assert existing.name not in p.form.messages["nik"].text()  # said once: in the line with the link
    for shown in (p.form.duplicate.text(),):
        assert existing.name in shown and mask_nik(existing.nik) in shown and existing.dusun in shown, shown
        assert workers.short_id(existing.id) not in shown.replace(f"worker:{existing.id}", "")
        assert "ID " not in shown


def test_a_save_refused_as_a_duplicate_names_the_person(qtbot: QtBot, workspace: Workspace, boxes: Boxes) -> None:
    p = filled_form(qtbot, workspace)
    first = workers.add_worker(workspace, users.find_user(workspace, "operator"), {**VALID, "name": "Ujang Dulu"})
    p.form.save()  # the NIK was recorded meanwhile: refused at the write
    kind, _title, text = boxes.shown[-1]
    assert kind == "warning" and "Ujang Dulu" in text and workers.short_id(first.id) not in text


def test_the_first_sign_in_after_the_wizard_offers_its_name(qtbot: QtBot, tmp_path: Path, boxes: Boxes) -> None:
    data = tmp_path / "fresh"
    ws = Workspace.open(data, create=True)
    try:
        wiz = FirstRunWizard(ws)
        qtbot.addWidget(wiz)
        wiz.village_page.code = "32.04.05.2005"
        wiz.people_page.head_name.setText("Kades")
        wiz.account_page.username.setText("rina")
        wiz.account_page.password.setText(PASSWORD)
        wiz.account_page.confirm.setText(PASSWORD)
        wiz.show()
        for _ in range(3):
            wiz.next()
        wiz.button(QWizard.WizardButton.FinishButton).click()
        assert wiz.actor is not None
        settings = AppSettings(data)
        win = MainWindow(ws, wiz.actor, settings)  # the wizard's admin goes straight in
        qtbot.addWidget(win)
        win.sign_out()
        assert win.sign_in.username.text() == "rina"
        assert AppSettings(data).last_user == "rina"  # and next time the app starts
    finally:
        ws.close()
