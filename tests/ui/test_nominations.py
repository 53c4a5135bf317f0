"""Nominate → approve/decline, the quota bar, the dashboard, and who may do what."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.pages.dashboard import DashboardPage
from jamsos_desktop.ui.pages.nominations import NominationsPage
from jamsos_desktop.ui.pages.settings import SettingsPage
from jamsos_desktop.ui.settings import AppSettings

from .conftest import Boxes

pytestmark = pytest.mark.gui


def nom_page(qtbot: QtBot, ws: Workspace, username: str) -> NominationsPage:
    actor = users.find_user(ws, username)
    p = NominationsPage(ws, lambda: actor)
    qtbot.addWidget(p)
    p.show()
    return p


def test_operator_proposes_then_head_approves_and_declines(
    qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes, input_text: list[str]
) -> None:
    op = nom_page(qtbot, demo_workspace, "operator")
    assert not op.approve_button.isEnabled() and not op.decline_button.isEnabled()
    op.assess_all()
    assert op.candidates.rowCount() > 0
    assert op.candidates.item(0, 0).text() == "1"  # ranked
    op.candidates.selectRow(0)
    op.propose_selected()
    assert boxes.shown == []
    op.fill_quota()
    q = nominations.quota_summary(demo_workspace)
    assert q.counted == q.quota == 100
    assert op.quota_bar.text.startswith("100 / 100 — Rp20.160.000 dari Rp20.160.000")

    head = nom_page(qtbot, demo_workspace, "kepala")
    assert not head.propose_button.isEnabled() and not head.fill_button.isEnabled()
    assert head.table.rowCount() == 100  # the proposals waiting
    head.table.selectRow(0)
    first = head.table.item(0, 0).text()
    # Declining without a reason is refused with a message.
    input_text.append("   ")
    head.decline_selected()
    assert boxes.shown and "Alasan" in boxes.shown[-1][2]
    input_text.append("Sudah pindah ke desa lain")
    head.decline_selected()
    assert nominations.quota_summary(demo_workspace).by_status[statuses.DECLINED] == 1
    # History of the declined worker shows who did what and why.
    head.status_filter.setCurrentIndex(head.status_filter.findData(statuses.DECLINED))
    assert head.table.item(0, 0).text() == first
    head.table.selectRow(0)
    assert "Sudah pindah" in head.history.toPlainText() and "kepala" in head.history.toPlainText()
    head.status_filter.setCurrentIndex(head.status_filter.findData(statuses.PROPOSED))
    head.table.selectRow(0)
    head.approve_selected()
    boxes.answer = boxes.answer.Yes
    head.approve_all()
    s = nominations.quota_summary(demo_workspace).by_status
    assert s[statuses.APPROVED] == 99 and statuses.PROPOSED not in s
    assert head.quota_bar.text.startswith("99 / 100")


def test_dashboard_counts_and_chart(qtbot: QtBot, demo_workspace: Workspace) -> None:
    actor = users.find_user(demo_workspace, "operator")
    d = DashboardPage(demo_workspace, lambda: actor)
    qtbot.addWidget(d)
    d.show()
    assert d.cards["total"].text() == "200"
    assert d.status_chart.items[0][:2] == ("Tercatat", 200)
    assert sum(v for _l, v, _c in d.dusun_chart.items) == 200
    nominations.nominate_ranked(demo_workspace, actor, limit=5)
    d.refresh()
    assert d.cards["proposed"].text() == "5"
    assert d.quota_bar.text.startswith("5 / 100 — Rp1.008.000 dari Rp20.160.000")
    assert d.grab().width() > 0  # paints without error


def test_dashboard_changes_after_approval_in_main_window(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, passwords: None, boxes: Boxes
) -> None:
    win = MainWindow(demo_workspace, users.find_user(demo_workspace, "operator"), settings)
    qtbot.addWidget(win)
    win.show()
    dash = win.page("dashboard")
    assert isinstance(dash, DashboardPage)
    noms = win.go("nominations")
    assert isinstance(noms, NominationsPage)
    noms.fill_quota()
    win.go("dashboard")
    assert dash.cards["proposed"].text() == "100"


def test_settings_roles(qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, passwords: None) -> None:
    for username, admin in (("operator", False), ("kepala", False), ("admin", True)):
        actor = users.find_user(demo_workspace, username)
        s = SettingsPage(demo_workspace, lambda actor=actor: actor, settings)
        qtbot.addWidget(s)
        assert s.save_program.isEnabled() is admin
        assert s.add_user.isEnabled() is admin
        assert s.set_password.isEnabled() is admin
        assert s.save_village.isEnabled() is (username != "kepala")


def test_admin_changes_quota_and_language_setting(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, passwords: None, boxes: Boxes
) -> None:
    actor = users.find_user(demo_workspace, "admin")
    s = SettingsPage(demo_workspace, lambda: actor, settings)
    qtbot.addWidget(s)
    s.quota.setValue(150)
    s.save_program.click()
    assert nominations.quota_summary(demo_workspace).quota == 150
    with qtbot.waitSignal(s.languageChanged) as sig:
        s.language.setCurrentIndex(s.language.findData("en"))
    assert sig.args == ["en"]
    assert AppSettings(settings.path.parent).language == "en"
    s.idle.setValue(3)
    assert AppSettings(settings.path.parent).idle_minutes == 3
