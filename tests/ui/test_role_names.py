"""Role names come from one list (domain.actors.ROLE_NAMES) and read exactly as before wherever
they are shown: the status bar, the account list, the new-account role picker and the message
that refuses an action to a role."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain.text import PermissionDenied
from jamsos_desktop.services import users
from jamsos_desktop.services.context import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR, Actor, Workspace
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.pages.settings import SettingsPage
from jamsos_desktop.ui.settings import AppSettings
from jamsos_desktop.ui.user_dialog import NewUserDialog

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("username", "shown"),
    [
        ("operator", "Pengguna: Rina Marlina (operator)"),
        ("kepala", "Pengguna: H. Dadang Suherman (kepala desa)"),
        ("admin", "Pengguna: Admin Desa (admin)"),
    ],
)
def test_status_bar_names_the_role(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, passwords: None, username: str, shown: str
) -> None:
    win = MainWindow(workspace, users.find_user(workspace, username), settings)
    qtbot.addWidget(win)
    assert win.user_status.text() == shown


def test_accounts_and_the_role_picker_name_the_roles(
    qtbot: QtBot,
    workspace: Workspace,
    settings: AppSettings,
    passwords: None,
    input_text: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin = users.find_user(workspace, "admin")
    page = SettingsPage(workspace, lambda: admin, settings)
    qtbot.addWidget(page)
    t = page.users
    shown = {t.item(r, 0).text(): t.item(r, 2).text() for r in range(t.rowCount())}  # type: ignore[union-attr]
    # The village's own title, and no English role word in Indonesian mode (issue 13, item 13).
    assert shown == {"operator": "Operator", "kepala": "Kepala Desa (penyetuju)", "admin": "Admin"}

    offered: list[list[str]] = []

    def cancelled(dialog: NewUserDialog) -> int:
        offered.append([dialog.role.itemText(i) for i in range(dialog.role.count())])
        return QDialog.DialogCode.Rejected.value  # cancelled: nothing is added

    monkeypatch.setattr(NewUserDialog, "exec", cancelled)
    page._add_user()
    assert offered == [["Operator", "Kepala Desa (penyetuju)", "Admin"]]


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ((ROLE_APPROVER,), "tindakan ini hanya untuk kepala desa (approver)"),
        ((ROLE_OPERATOR, ROLE_ADMIN), "tindakan ini hanya untuk operator atau admin"),
        (
            (ROLE_OPERATOR, ROLE_ADMIN, ROLE_APPROVER),
            "tindakan ini hanya untuk operator atau admin atau kepala desa (approver)",
        ),
    ],
)
def test_a_refusal_names_the_roles(roles: tuple[str, ...], message: str) -> None:
    nobody = Actor(None, "tamu", "Tamu", "tamu")
    with pytest.raises(PermissionDenied) as refused:
        nobody.require(*roles)
    assert refused.value.message("id") == f"Peran 'tamu (tamu)': {message}"
    english = {ROLE_OPERATOR: "operator", ROLE_ADMIN: "admin", ROLE_APPROVER: "village head (approver)"}
    assert (
        refused.value.message("en") == f"Role 'tamu (tamu)': only {' or '.join(english[r] for r in roles)} may do this"
    )


def test_the_english_window_names_the_roles_in_english(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, passwords: None
) -> None:
    from jamsos_desktop.ui import i18n

    assert i18n.apply_language("en")
    try:
        win = MainWindow(workspace, users.find_user(workspace, "kepala"), settings)
        qtbot.addWidget(win)
        assert win.user_status.text() == "User: H. Dadang Suherman (village head)"
        admin = users.find_user(workspace, "admin")
        page = SettingsPage(workspace, lambda: admin, settings)
        qtbot.addWidget(page)
        shown = {page.users.item(r, 0).text(): page.users.item(r, 2).text() for r in range(page.users.rowCount())}  # type: ignore[union-attr]
        assert shown["kepala"] == "Village head (approver)"
    finally:
        i18n.apply_language("id")
