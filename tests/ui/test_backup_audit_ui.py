"""Cadangan and Jejak audit in the app, and a damaged database at start-up: reported, restored on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from jamsos_desktop import app as desktop
from jamsos_desktop import paths
from jamsos_desktop.services import backup, users, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver
from jamsos_desktop.ui.audit_view import AuditDialog
from jamsos_desktop.ui.backup_dialog import BackupDialog
from jamsos_desktop.ui.main_window import MainWindow

from ..services.test_workers import SITI
from .conftest import PASSWORD


@pytest.fixture
def admin(workspace: Workspace) -> Actor:
    return users.add_user(
        workspace, Actor(None, "t", "t", "admin"), username="admin", full_name="Admin", role="admin", password="x" * 10
    )


def test_the_audit_view_lists_and_filters(qtbot: QtBot, workspace: Workspace, operator: Actor) -> None:
    wid = workers.add_worker(workspace, operator, SITI).id
    workers.edit_worker(workspace, operator, wid, {"dusun": "Sukasari"})
    dlg = AuditDialog(workspace, users.default_actor(workspace, approving=True))
    qtbot.addWidget(dlg)
    actions = [dlg.table.item(r, 3).text() for r in range(dlg.table.rowCount())]
    assert actions[:2] == ["worker.edit", "worker.add"]
    assert dlg.table.item(0, 5).text() == "dusun"  # the field's name, never its value
    dlg.record.setText(wid[-8:])
    dlg.refresh()
    assert dlg.table.rowCount() == 2
    dlg.who.setCurrentIndex(dlg.who.findData("system"))
    assert dlg.table.rowCount() == 0
    dlg.verify.click()
    assert "utuh" in dlg.status.text()


def test_the_backup_dialog_makes_one_and_a_restore_waits_for_the_next_start(
    qtbot: QtBot, workspace: Workspace, admin: Actor, boxes: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dlg = BackupDialog(workspace, admin)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 0
    dlg.make.click()
    assert dlg.table.rowCount() == 1
    made = backup.list_backups(paths.backup_dir(workspace.data_dir))[0]
    assert made.label == "manual" and backup.check_file(made.path, workspace.db.key) == []
    workers.add_worker(workspace, users.default_actor(workspace), SITI)  # after the backup
    dlg.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    dlg.restore.click()
    assert (workspace.data_dir / backup.PENDING).exists()
    data_dir = workspace.data_dir
    workspace.close()
    controller = desktop.AppController(desktop.AppSettings(data_dir), data_dir)
    controller._restore_pending()  # what start() does first (a locked database: at the sign-in)
    ws = desktop._sign_in(data_dir, "admin", "x" * 10).ws  # the sign-in's key opens the backup
    assert not (data_dir / backup.PENDING).exists()
    with ws.reading() as s:
        assert workers.live_count(s) == 0  # the backup's state, from before Siti was added
    ws.close()
    replaced = [b for b in backup.list_backups(paths.backup_dir(data_dir)) if b.label == "replaced"]
    assert len(replaced) == 1


def test_a_damaged_database_at_start_up_is_restored_when_the_person_agrees(
    qtbot: QtBot,
    workspace: Workspace,
    passwords: None,
    operator: Actor,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Any,
) -> None:
    workers.add_worker(workspace, operator, SITI)
    good = backup.make_backup(workspace, "close")
    data = workspace.data_dir
    key = workspace.db.key
    workspace.close()
    conn = driver.connect(paths.db_path(data), key)
    conn.execute("UPDATE audit_log SET username = 'someone'")
    conn.close()
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.informativeText())
        return int(QMessageBox.StandardButton.Yes.value)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    opened: dict[str, Any] = {}

    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        # The database is encrypted: only the key shows the damage, so it is found at the sign-in.
        qtbot.waitUntil(lambda: win.sign_in.unlocker is not None)
        win.sign_in.username.setText("operator")
        win.sign_in.password.setText(PASSWORD)
        win.sign_in.try_sign_in()
        qtbot.waitUntil(lambda: win.ws is not None)  # opened, after the restore
        opened["ws"] = win.ws
        win.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    assert desktop.main(["jamsos", "--data-dir", str(data)]) == 0
    assert asked and good.path.name in asked[0]
    ws = Workspace.open(data, key=key)  # sound again
    ws.close()
    kept = [b for b in backup.list_backups(paths.backup_dir(data)) if b.label == "replaced"]
    assert kept  # the damaged one is kept, not thrown away


def test_an_empty_database_file_never_becomes_a_new_village(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Any
) -> None:
    data = tmp_path / "desa"
    data.mkdir()
    paths.db_path(data).write_bytes(b"")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)

    def loop(app: Any = None) -> int:
        (win,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        qtbot.waitUntil(lambda: not win.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", loop)
    assert desktop.main(["jamsos", "--data-dir", str(data)]) == 1
    assert shown and "kosong" in shown[0]
    assert paths.db_path(data).stat().st_size == 0  # nothing was created in its place
