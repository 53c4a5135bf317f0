"""Pengaturan writes through the one write queue, off the GUI thread: its messages are the same
as before, its buttons are disabled while a write runs, and an answer for a page that was
retired (sign-out) does not crash."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import accounts, users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import tasks
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.pages.settings import SettingsPage
from jamsos_desktop.ui.settings import AppSettings
from jamsos_desktop.ui.user_dialog import NewUserDialog

from .conftest import Boxes, Held, Recording, spy_thread

pytestmark = pytest.mark.gui

NEW_PASSWORD = "sandi-baru-456"


def settings_page(qtbot: QtBot, ws: Workspace, settings: AppSettings, username: str = "admin") -> SettingsPage:
    actor = users.find_user(ws, username)
    s = SettingsPage(ws, lambda: actor, settings)
    qtbot.addWidget(s)
    s.show()
    return s


def select_user(s: SettingsPage, username: str) -> None:
    row = next(r for r in range(s.users.rowCount()) if s.users.item(r, 0).text() == username)
    s.users.selectRow(row)


def test_passwords_are_set_on_the_write_queue_with_the_same_messages(
    qtbot: QtBot,
    workspace: Workspace,
    settings: AppSettings,
    passwords: None,
    boxes: Boxes,
    input_text: list[str],
    monkeypatch: pytest.MonkeyPatch,
    recording: Recording,
) -> None:
    s = settings_page(qtbot, workspace, settings)
    calls = recording.spy(monkeypatch, accounts, "set_password")
    select_user(s, "operator")
    input_text.append(NEW_PASSWORD)
    s.set_password.click()
    assert calls == [True]
    assert boxes.shown[-1] == ("information", "Pengaturan", "Kata sandi diatur.")
    assert accounts.login(workspace, "operator", NEW_PASSWORD).username == "operator"
    input_text.append(NEW_PASSWORD)
    s.own_password.click()
    assert calls == [True, True]
    assert boxes.shown[-1] == ("information", "Pengaturan", "Kata sandi diganti.")
    # A password too short is refused with the message, as before; nothing is said to be done.
    input_text.append("pendek")
    s.own_password.click()
    assert calls == [True, True, True]
    kind, title, text = boxes.shown[-1]
    assert (kind, title) == ("warning", "Periksa isian") and "8" in text
    assert s.own_password.isEnabled() and s.set_password.isEnabled()


def test_village_program_and_new_user_are_written_on_the_write_queue(
    qtbot: QtBot,
    workspace: Workspace,
    settings: AppSettings,
    passwords: None,
    boxes: Boxes,
    input_text: list[str],
    monkeypatch: pytest.MonkeyPatch,
    recording: Recording,
) -> None:
    from jamsos_desktop.services import village

    s = settings_page(qtbot, workspace, settings)
    village_calls = recording.spy(monkeypatch, village, "update_village")
    program_calls = recording.spy(monkeypatch, village, "update_program")
    user_calls = recording.spy(monkeypatch, users, "add_user")
    s.head_name.setText("Hj. Euis Kartini")
    s.save_village.click()
    s.quota.setValue(120)
    s.save_program.click()

    def filled(dialog: NewUserDialog) -> int:  # one dialog: name, full name, role, the password twice
        dialog.username.setText("rina")
        dialog.full_name.setText("Rina Marlina")
        dialog.password.setText(NEW_PASSWORD)
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # not yet twice
        dialog.again.setText(NEW_PASSWORD)
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NewUserDialog, "exec", filled)
    s.add_user.click()
    assert (village_calls, program_calls, user_calls) == ([True], [True], [True])
    assert [b[2] for b in boxes.shown] == [
        "Data desa disimpan.",
        "Program disimpan. Nilai ulang kelayakan di halaman Nominasi bila aturan berubah.",
        "Pengguna ditambahkan.",
    ]
    assert village.get_village(workspace).head_name == "Hj. Euis Kartini"
    assert village.get_program(workspace).quota == 120
    assert accounts.login(workspace, "rina", NEW_PASSWORD).role == "operator"


def test_a_password_is_hashed_off_the_gui_thread_and_its_buttons_wait(
    qtbot: QtBot,
    workspace: Workspace,
    settings: AppSettings,
    passwords: None,
    boxes: Boxes,
    input_text: list[str],
    monkeypatch: pytest.MonkeyPatch,
    thread_pool: list[BaseException],
) -> None:
    s = settings_page(qtbot, workspace, settings)
    where = spy_thread(monkeypatch, accounts, "set_password")
    input_text.append(NEW_PASSWORD)
    s.own_password.click()
    assert s.busy and not s.own_password.isEnabled() and not s.set_password.isEnabled()
    assert not s.add_user.isEnabled() and not s.save_program.isEnabled() and not s.save_village.isEnabled()
    qtbot.waitUntil(lambda: not s.busy, timeout=10_000)
    assert where == [False] and thread_pool == []
    assert boxes.shown == [("information", "Pengaturan", "Kata sandi diganti.")]
    assert s.own_password.isEnabled() and s.set_password.isEnabled()
    assert accounts.login(workspace, "admin", NEW_PASSWORD).username == "admin"


def test_a_second_click_while_a_password_is_written_asks_for_nothing(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, passwords: None, boxes: Boxes, input_text: list[str]
) -> None:
    s = settings_page(qtbot, workspace, settings)
    held = Held()
    tasks.set_runner(held)
    select_user(s, "operator")
    input_text.extend([NEW_PASSWORD, NEW_PASSWORD])
    s.set_password.click()
    s.set_password.click()
    s.own_password.click()
    assert [exclusive for *_job, exclusive in held.jobs] == [True]
    assert input_text == [NEW_PASSWORD]  # not even asked for a second password
    assert boxes.shown == []
    held.step()
    assert boxes.shown == [("information", "Pengaturan", "Kata sandi diatur.")]
    assert s.set_password.isEnabled() and not s.busy


def test_a_password_answer_after_sign_out_does_not_crash(
    qtbot: QtBot,
    workspace: Workspace,
    settings: AppSettings,
    passwords: None,
    boxes: Boxes,
    input_text: list[str],
    thread_pool: list[BaseException],
) -> None:
    win = MainWindow(workspace, users.find_user(workspace, "admin"), settings)
    qtbot.addWidget(win)
    win.show()
    s = win.go("settings")
    assert isinstance(s, SettingsPage)
    input_text.append(NEW_PASSWORD)
    s.own_password.click()
    win.sign_out()  # the page is retired while Argon2 is still hashing
    qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    qtbot.wait(50)
    assert thread_pool == []
    # The change is written, but its message is not shown over the next person's sign-in panel.
    assert boxes.shown == []
    assert accounts.login(workspace, "admin", NEW_PASSWORD).username == "admin"


def test_tanpa_pagu_clears_the_budget_ceiling(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, passwords: None, boxes: Boxes
) -> None:
    """The spin box's 0 reads "tanpa pagu": saving it removes the ceiling, not keep the old one silently."""
    from jamsos_desktop.services import village

    village.update_program(workspace, users.find_user(workspace, "admin"), budget_ceiling=15_000_000)
    s = settings_page(qtbot, workspace, settings)
    assert s.ceiling.value() == 15_000_000
    s.ceiling.setValue(0)
    assert s.ceiling.text() == "tanpa pagu"
    s.save_program.click()
    qtbot.waitUntil(lambda: not s.busy, timeout=10_000)
    assert village.get_program(workspace).budget_ceiling is None
    assert s.ceiling.value() == 0
