"""The program's eligibility switches the command line has ('program set --allow-officials,
--one-per-household, --require-dtks') are on the settings page too, written through the same
service: toggled there, the program changes and the worker form's eligibility panel says so."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import village, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui.settings import AppSettings

from .conftest import Boxes
from .test_settings_writes import settings_page
from .test_worker_form_writes import VALID, operator
from .test_workers import page

pytestmark = pytest.mark.gui

REFUSED = "tidak boleh diusulkan menurut aturan program"
ALLOWED = "diizinkan oleh program (ditandai untuk diperiksa)"
NOT_DTKS = "tidak terdaftar di DTKS/P3KE"


def test_toggling_the_rules_in_settings_changes_the_program_and_the_panel(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, boxes: Boxes, passwords: None
) -> None:
    official = workers.add_worker(workspace, operator(workspace), {**VALID, "category": "perangkat_desa"}).id
    s = settings_page(qtbot, workspace, settings)
    p = village.get_program(workspace)
    shown = (s.allow_officials.isChecked(), s.one_per_household.isChecked(), s.require_dtks.isChecked())
    assert shown == (p.rules.allow_officials, p.rules.one_per_household, p.rules.require_dtks) == (True, False, False)

    form = page(qtbot, workspace).form
    form.load_worker(official)
    qtbot.waitUntil(lambda: ALLOWED in form.eligibility.text())
    assert NOT_DTKS not in form.eligibility.text()

    s.allow_officials.click()
    s.one_per_household.click()
    s.require_dtks.click()
    s.save_program.click()
    assert boxes.shown[-1][0] == "information"
    rules = village.get_program(workspace).rules
    assert (rules.allow_officials, rules.one_per_household, rules.require_dtks) == (False, True, True)
    form.load_worker(official)
    qtbot.waitUntil(lambda: REFUSED in form.eligibility.text())
    assert NOT_DTKS in form.eligibility.text()

    # Read back as written, and switched back from the page.
    s.refresh()
    assert not s.allow_officials.isChecked() and s.one_per_household.isChecked() and s.require_dtks.isChecked()
    s.allow_officials.click()
    s.require_dtks.click()
    s.save_program.click()
    rules = village.get_program(workspace).rules
    assert (rules.allow_officials, rules.one_per_household, rules.require_dtks) == (True, True, False)
    form.load_worker(official)
    qtbot.waitUntil(lambda: ALLOWED in form.eligibility.text())
    assert NOT_DTKS not in form.eligibility.text()


def test_only_an_admin_may_change_the_rules(qtbot: QtBot, workspace: Workspace, settings: AppSettings) -> None:
    s = settings_page(qtbot, workspace, settings, username="operator")
    assert not any(b.isEnabled() for b in (s.allow_officials, s.one_per_household, s.require_dtks))
