"""First run, login with its delay, the idle lock, and the window's navigation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import accounts, users, village
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui.login import SignInPanel
from jamsos_desktop.ui.main_window import MainWindow, PlaceholderPage
from jamsos_desktop.ui.settings import AppSettings
from jamsos_desktop.ui.wizard import FirstRunWizard

from .conftest import PASSWORD, Boxes

pytestmark = pytest.mark.gui


def test_wizard_sets_up_village_program_and_admin(qtbot: QtBot, tmp_path: Path, boxes: Boxes) -> None:
    ws = Workspace.open(tmp_path / "fresh", create=True)
    try:
        wiz = FirstRunWizard(ws)
        qtbot.addWidget(wiz)
        wiz.show()
        page = wiz.village_page
        qtbot.keyClicks(page.search, "Cibiru Hilir")
        page.run_search()
        assert page.model.rowCount() >= 1
        first = page.row_texts()[0]
        assert "Cileunyi" in first and "Bandung" in first  # kecamatan and regency tell namesakes apart
        page.choose(0)
        assert page.isComplete()
        wiz.next()
        people = wiz.people_page
        people.head_title.setCurrentText("Kepala Desa")
        qtbot.keyClicks(people.head_name, "H. Dadang Suherman")
        qtbot.keyClicks(people.operator_name, "Rina Marlina")
        wiz.next()
        wiz.program_page.quota.setValue(50)
        wiz.program_page.months.setValue(6)
        assert "Rp5.040.000" in wiz.program_page.budget.text()  # 50 × 16.800 × 6
        wiz.next()
        acc = wiz.account_page
        acc.username.setText("admin")
        qtbot.keyClicks(acc.password, "pendek")
        assert not acc.isComplete()
        assert "8" in acc.hint.text()
        acc.password.setText(PASSWORD)
        acc.confirm.setText(PASSWORD)
        acc.head_password.setText(PASSWORD)
        assert acc.isComplete()
        wiz.button(QWizard.WizardButton.FinishButton).click()
        assert boxes.shown == []
        assert wiz.actor is not None and wiz.actor.role == "admin"
        v = village.get_village(ws)
        assert (v.name, v.head_name, v.operator_name) == ("Cibiru Hilir", "H. Dadang Suherman", "Rina Marlina")
        p = village.get_program(ws)
        assert (p.quota, p.months) == (50, 6)
        assert accounts.login(ws, "kepala", PASSWORD).role == "approver"
    finally:
        ws.close()


def test_wizard_refuses_bad_admin_name_without_writing(qtbot: QtBot, tmp_path: Path, boxes: Boxes) -> None:
    ws = Workspace.open(tmp_path / "fresh", create=True)
    try:
        wiz = FirstRunWizard(ws)
        qtbot.addWidget(wiz)
        wiz.village_page.code = "32.04.05.2005"
        wiz.people_page.head_name.setText("Kades")
        wiz.account_page.username.setText("Kepala Desa!")
        wiz.account_page.password.setText(PASSWORD)
        wiz.account_page.confirm.setText(PASSWORD)
        wiz.show()
        for _ in range(3):
            wiz.next()
        assert not wiz.validateCurrentPage()
        assert boxes.shown and "Nama pengguna" in boxes.shown[0][2]
        from jamsos_desktop.app import needs_setup

        assert needs_setup(ws)  # nothing half-written
    finally:
        ws.close()


def sign_in_panel(qtbot: QtBot, workspace: Workspace) -> SignInPanel:
    panel = SignInPanel()
    qtbot.addWidget(panel)
    panel.ask("operator")
    panel.set_workspace(workspace, "Desa Cibiru Hilir")
    panel.show()
    return panel


def test_login_wrong_then_right_and_delay(qtbot: QtBot, workspace: Workspace, passwords: None) -> None:
    panel = sign_in_panel(qtbot, workspace)
    signed: list[Any] = []
    panel.signedIn.connect(signed.append)
    assert panel.username.text() == "operator" and panel.focusWidget() is panel.password
    qtbot.keyClicks(panel.password, "salah-sekali")
    qtbot.mouseClick(panel.ok, Qt.MouseButton.LeftButton)
    assert signed == []
    assert "salah" in panel.message.text() and panel.password.text() == ""
    qtbot.keyClicks(panel.password, PASSWORD)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    assert [a.username for a in signed] == ["operator"]


def test_failed_logins_add_a_delay(workspace: Workspace, passwords: None) -> None:
    t0 = dt.datetime(2026, 11, 21, 8, 0, 0)
    for n in range(accounts.FREE_ATTEMPTS - 1):
        with pytest.raises(accounts.UserError) as e:
            accounts.login(workspace, "operator", "nope", now=t0 + dt.timedelta(seconds=n))
        assert not isinstance(e.value, accounts.LoginDelayed)
    with pytest.raises(accounts.LoginDelayed):
        accounts.login(workspace, "operator", "nope", now=t0 + dt.timedelta(seconds=5))
    # Even the right password waits while the delay runs ...
    with pytest.raises(accounts.LoginDelayed):
        accounts.login(workspace, "operator", PASSWORD, now=t0 + dt.timedelta(seconds=6))
    # ... and works after it.
    assert accounts.login(workspace, "operator", PASSWORD, now=t0 + dt.timedelta(seconds=60)).username == "operator"


def test_login_dialog_counts_down_when_delayed(qtbot: QtBot, workspace: Workspace, passwords: None) -> None:
    panel = sign_in_panel(qtbot, workspace)
    for _ in range(accounts.FREE_ATTEMPTS):
        panel.password.setText("nope")
        panel.try_sign_in()
    assert not panel.ok.isEnabled()
    assert "detik" in panel.message.text()


def make_window(qtbot: QtBot, ws: Workspace, settings: AppSettings, username: str) -> MainWindow:
    win = MainWindow(ws, users.find_user(ws, username), settings)
    qtbot.addWidget(win)
    win.show()
    return win


def test_main_window_navigation_and_status_bar(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, passwords: None
) -> None:
    win = make_window(qtbot, demo_workspace, settings, "operator")
    assert win.nav.count() == 6
    assert [win.nav.item(i).text() for i in range(6)] == [
        "Ringkasan",
        "Pekerja",
        "Nominasi",
        "Dokumen",
        "Sinkronisasi",
        "Pengaturan",
    ]
    assert "Cibiru Hilir" in win.village_status.text()
    assert "operator" in win.user_status.text()
    assert "Basis data" in win.db_status.text()
    for key in win.PAGES:
        page = win.go(key)
        assert win.pages.currentIndex() == win.PAGES.index(key)
        assert page.isVisible()
    # Pages written by the other teams appear when their module is there; otherwise a plain notice.
    for key in ("documents", "sync"):
        page = win.page(key)
        if isinstance(page, PlaceholderPage):
            assert "belum tersedia" in page.findChild(QLabel, "placeholder").text()


def test_idle_lock_keeps_the_open_form(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, passwords: None, boxes: Boxes
) -> None:
    win = make_window(qtbot, demo_workspace, settings, "operator")
    workers_page = win.go("workers")
    workers_page.new_worker()
    form = workers_page.form
    qtbot.keyClicks(form.fields["name"], "Siti Aminah")
    win.idle.set_interval_ms(50)
    qtbot.waitUntil(lambda: win.locked, timeout=3000)
    assert win.outer.currentWidget() is win.sign_in
    # Only the same person's password opens it: no name to type, theirs in the title.
    assert not win.sign_in.username.isVisible() and win.actor().full_name in win.sign_in.title.text()
    assert not win.menuBar().isEnabled()
    # The half-typed form was kept as a draft the moment the screen locked.
    from jamsos_desktop.services import drafts

    kept = drafts.get_draft(demo_workspace, win.actor(), "worker", None)
    assert kept is not None and kept.payload["name"] == "Siti Aminah"
    win.sign_in.password.setText("salah-sekali")
    win.sign_in.try_sign_in()
    assert win.locked and win.sign_in.message.text()
    win.sign_in.password.setText(PASSWORD)
    qtbot.keyClick(win.sign_in.password, Qt.Key.Key_Return)
    assert not win.locked
    # Back on the same screen, with what was typed.
    assert win.pages.currentIndex() == win.PAGES.index("workers")
    assert workers_page.stack.currentWidget() is form
    assert form.fields["name"].text() == "Siti Aminah"


def test_wizard_for_a_village_set_up_by_the_cli_asks_only_for_accounts(
    qtbot: QtBot, workspace: Workspace, boxes: Boxes
) -> None:
    from jamsos_desktop.app import needs_setup

    assert needs_setup(workspace)  # the conftest village has accounts without passwords
    wiz = FirstRunWizard(workspace, accounts_only=True)
    qtbot.addWidget(wiz)
    wiz.show()
    assert wiz.currentPage() is wiz.account_page
    wiz.account_page.password.setText(PASSWORD)
    wiz.account_page.confirm.setText(PASSWORD)
    wiz.account_page.operator_password.setText(PASSWORD)
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert boxes.shown == []
    assert wiz.actor is not None and wiz.actor.role == "admin"
    assert not needs_setup(workspace)
    assert accounts.login(workspace, "operator", PASSWORD).role == "operator"


def test_sign_out_keeps_the_draft_and_lets_the_next_person_in(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, passwords: None, boxes: Boxes
) -> None:
    from jamsos_desktop.services import drafts

    win = make_window(qtbot, demo_workspace, settings, "operator")
    operator = win.actor()
    workers_page = win.go("workers")
    workers_page.new_worker()
    qtbot.keyClicks(workers_page.form.fields["name"], "Siti Aminah")
    win.sign_out()
    # The form was kept as the operator's draft, and nothing of theirs is left in the window.
    kept = drafts.get_draft(demo_workspace, operator, "worker", None)
    assert kept is not None and kept.payload["name"] == "Siti Aminah"
    assert win.outer.currentWidget() is win.sign_in and win.sign_in.username.isVisible()
    assert win._built == {} and "Belum masuk" in win.user_status.text()
    with pytest.raises(RuntimeError):
        win.actor()
    # Ctrl+2 does nothing while the panel is up; the next person signs in from the first page.
    win._shortcut(1)
    assert win.outer.currentWidget() is win.sign_in
    win.sign_in.username.setText("kepala")
    win.sign_in.password.setText(PASSWORD)
    qtbot.keyClick(win.sign_in.password, Qt.Key.Key_Return)
    assert win.actor().username == "kepala" and "kepala desa" in win.user_status.text()
    assert win.pages.currentIndex() == 0 and settings.last_user == "kepala"


def test_answers_arriving_after_sign_out_reach_live_pages_as_the_person_who_left(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, passwords: None, boxes: Boxes
) -> None:
    """Real threads: a search and a form's draft still in flight when the person signs out."""
    from jamsos_desktop.services import drafts
    from jamsos_desktop.ui import tasks

    tasks.set_runner(None)
    failures: list[BaseException] = []
    tasks.set_unexpected_hook(failures.append)
    try:
        win = make_window(qtbot, demo_workspace, settings, "operator")
        operator = win.actor()
        workers_page = win.go("workers")
        qtbot.keyClicks(workers_page.search, "si")
        workers_page.new_worker()
        qtbot.keyClicks(workers_page.form.fields["name"], "Siti Aminah")
        win.sign_out()
        qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
        qtbot.wait(50)
        assert failures == []
        kept = drafts.get_draft(demo_workspace, operator, "worker", None)
        assert kept is not None and kept.payload["name"] == "Siti Aminah"
    finally:
        tasks.shutdown()
        tasks.set_unexpected_hook(None)
