"""The worker form's consent (UU 27/2022): ticked, it is dated today and saved; withdrawn from the form."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QCheckBox, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, users, workers
from jamsos_desktop.services.context import Workspace

from .conftest import Boxes
from .test_worker_form_writes import VALID
from .test_workers import page

pytestmark = pytest.mark.gui


def test_ticking_consent_dates_it_today_and_saves_it(qtbot: QtBot, workspace: Workspace, boxes: Boxes) -> None:
    p = page(qtbot, workspace)
    p.new_worker()
    f = p.form
    f.set_values({k: v for k, v in VALID.items() if k != "consent_date"})
    box, date = f.consent_box, f.fields["consent_date"]
    assert isinstance(box, QCheckBox) and isinstance(date, QLineEdit)
    assert not box.isChecked() and f.values()["consent_date"] == ""
    box.click()
    today = dt.date.today().strftime("%d-%m-%Y")
    assert date.text() == today and f.values()["consent_date"] == today
    box.click()
    assert f.values()["consent_date"] == ""
    date.setFocus()
    date.home(False)
    qtbot.keyClicks(date, "01112026")
    assert box.isChecked()
    f.save()
    (w,) = workers.list_workers(workspace)
    assert w.consent_date == dt.date(2026, 11, 1)
    f.load_worker(w.id)
    assert box.isChecked() and date.text() == "01-11-2026" and f.withdraw_button.isVisibleTo(f)
    # The eligibility panel explains the consent rule, passed here and failed once unticked.
    qtbot.waitUntil(lambda: "menyetujui pemrosesan data pribadi pada 01-11-2026" in f.eligibility.text())
    box.click()
    qtbot.waitUntil(lambda: "belum ada persetujuan pemrosesan data pribadi" in f.eligibility.text())


def test_withdrawing_consent_from_the_form(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    op = users.find_user(workspace, "operator")
    wid = workers.add_worker(workspace, op, VALID).id
    nominations.nominate(workspace, op, [wid])
    p = page(qtbot, workspace)
    f = p.form
    p.stack.setCurrentWidget(f)
    f.load_worker(wid)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("surat pencabutan", True)))
    f.withdraw_button.click()
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=5000)
    assert boxes.shown[-1][0] == "information" and "ditarik" in boxes.shown[-1][2]
    d = workers.get_worker(workspace, wid)
    assert d.worker.consent_withdrawn_at is not None and d.nomination is not None
    assert d.nomination.status == statuses.WITHDRAWN
    assert not f.withdraw_button.isVisibleTo(f) and not f.consent_box.isEnabled()
    assert "dicabut pada" in f.consent_label.text()
