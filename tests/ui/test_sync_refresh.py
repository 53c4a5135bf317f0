"""The Sinkronisasi page reads off the GUI thread and writes on the write queue: its refresh
runs no SQL on the GUI thread, an outdated answer (an older refresh, or a page already retired)
changes nothing, and the key import and conflict decisions go through ``exclusive=True``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from jamsos_desktop import paths
from jamsos_desktop.services import keys, sync
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver
from jamsos_desktop.sync import keyfile
from jamsos_desktop.ui import errors, tables, tasks
from jamsos_desktop.ui.pages.sync import SyncPage
from tests.sync.conftest import District, sign_nominations

from .conftest import Boxes, Held, Recording, sql_statements

pytestmark = pytest.mark.gui

PASSPHRASE = "sandi kabupaten desa"


def _export(ws: Workspace, actor: Actor, folder: Path) -> sync.ExportResult:
    folder.mkdir(exist_ok=True)
    return sync.export(ws, actor, folder, passphrase=PASSPHRASE)


def test_refresh_runs_no_sql_on_the_gui_thread(
    qtbot: QtBot,
    demo_workspace: Workspace,
    operator: Actor,
    head: Actor,
    tmp_path: Path,
    thread_pool: list[BaseException],
) -> None:
    sign_nominations(demo_workspace, operator, head, 3)
    first = _export(demo_workspace, operator, tmp_path / "usb")
    with sql_statements(demo_workspace) as seen:
        p = SyncPage(demo_workspace, lambda: operator)
        qtbot.addWidget(p)
        qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
        assert p.history.rowCount() == 1 and p.history.item(0, 5).text() == first.path.name  # type: ignore[union-attr]
        _export(demo_workspace, operator, tmp_path / "usb2")
        seen.clear()
        p.refresh()
        qtbot.waitUntil(lambda: p.history.rowCount() == 2, timeout=10_000)
        qtbot.waitUntil(lambda: not tasks.running(), timeout=10_000)
    assert seen and not any(on_gui for on_gui, _ in seen), seen  # every statement ran on a pool thread
    assert len(p.device_label.text().split()) == 6
    assert "belum diimpor" in p.district_label.text()
    assert p.write_again_button.isEnabled() and "Tidak ada konflik" in p.conflict_label.text()
    assert thread_pool == []


def test_an_older_refresh_answer_is_dropped(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor, head: Actor, tmp_path: Path
) -> None:
    sign_nominations(demo_workspace, operator, head, 3)
    held = Held()
    tasks.set_runner(held)
    p = SyncPage(demo_workspace, lambda: operator)
    qtbot.addWidget(p)
    assert [exclusive for *_job, exclusive in held.jobs] == [False]  # a read, beside the write queue
    assert p.history.rowCount() == 0 and p.device_label.text() == ""  # nothing read on the GUI thread
    fn, on_done, _on_error, _exclusive = held.jobs.pop(0)
    old = fn()  # the first refresh reads before the export ...
    _export(demo_workspace, operator, tmp_path / "usb")
    p.refresh()
    held.step()  # ... the second one after it, and answers first
    assert p.history.rowCount() == 1
    on_done(old)  # the first answer arrives last: it changes nothing
    assert p.history.rowCount() == 1 and p.write_again_button.isEnabled()
    assert held.jobs == []


def test_an_answer_for_a_retired_page_changes_nothing(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor, boxes: Boxes
) -> None:
    held = Held()
    tasks.set_runner(held)
    p = SyncPage(demo_workspace, lambda: operator)
    p.refresh()
    assert len(held.jobs) == 2
    tasks.bury(p)  # as after sign-out: deleted once nothing is running
    qtbot.waitUntil(lambda: not shiboken6.isValid(p), timeout=5000)
    held.run_all()  # both answers arrive: no crash, no message
    assert boxes.shown == []


def test_a_failed_refresh_is_shown_only_by_a_live_page(
    qtbot: QtBot, workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    handled: list[tuple[BaseException, object]] = []
    monkeypatch.setattr(errors, "handle", lambda exc, parent=None: handled.append((exc, parent)))

    def broken(_ws: Workspace) -> sync.SyncOverview:
        raise sqlite3.OperationalError("disk I/O error")

    held = Held()
    tasks.set_runner(held)
    live = SyncPage(workspace, lambda: operator)
    qtbot.addWidget(live)
    retired = SyncPage(workspace, lambda: operator)
    tasks.bury(retired)
    qtbot.waitUntil(lambda: not shiboken6.isValid(retired), timeout=5000)
    monkeypatch.setattr(sync, "overview", broken)
    held.run_all()
    assert [(type(exc), parent) for exc, parent in handled] == [(sqlite3.OperationalError, live)]


def test_key_import_and_conflict_decisions_use_the_write_queue(
    qtbot: QtBot,
    workspace: Workspace,
    operator: Actor,
    boxes: Boxes,
    input_text: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    recording: Recording,
) -> None:
    p = SyncPage(workspace, lambda: operator)
    qtbot.addWidget(p)
    imported = recording.spy(monkeypatch, keys, "import_district_key")
    resolved = recording.spy(monkeypatch, sync, "resolve_conflict")
    district = District(keyfile.make_district_keys())
    key_file = tmp_path / "kunci.jamkey"
    key_file.write_bytes(district.public_file)

    input_text.append("12345 12345 12345 12345 12345 12345")
    p.import_district_key(key_file)
    kind, title, text = boxes.shown[-1]
    assert (kind, title) == ("warning", "Kunci kabupaten") and "tidak cocok" in text  # as before
    assert p.key_button.isEnabled()
    input_text.append(district.keys.public.fingerprint)
    p.import_district_key(key_file)
    assert imported == [True, True]
    assert district.keys.public.fingerprint in p.district_label.text() and not p.use_passphrase.isChecked()
    assert boxes.shown[-1][:2] == ("information", "Kunci kabupaten")

    # A decision on a conflict that is no longer open: refused on the queue, with the message.
    tables.fill(p.conflicts, [["Siti", "Dikirim", "Terdaftar", ""]], ["0" * 36])
    p.conflicts.selectRow(0)
    p.resolve(accept=True)
    assert resolved == [True]
    assert boxes.shown[-1][0] == "warning" and "tidak ada konflik terbuka" in boxes.shown[-1][2]
    assert p.accept_button.isEnabled() and p.keep_button.isEnabled()


def test_a_database_without_a_device_key_gets_one_on_the_write_queue(
    qtbot: QtBot, workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch, recording: Recording
) -> None:
    with driver.connect(
        paths.db_path(workspace.data_dir), workspace.db.key
    ) as conn:  # as a database from before the keys
        conn.execute("DELETE FROM keys WHERE name = 'device'")
    made = recording.spy(monkeypatch, keys, "device_keys")
    p = SyncPage(workspace, lambda: operator)
    qtbot.addWidget(p)
    assert made == [True]
    assert len(p.device_label.text().split()) == 6
    assert p.device_label.text() == keys.keys_info(workspace).device_fingerprint


def test_a_decided_conflict_leaves_the_list_before_the_refresh_answers(
    qtbot: QtBot, workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Held()
    tasks.set_runner(held)
    p = SyncPage(workspace, lambda: operator)
    qtbot.addWidget(p)
    held.run_all()
    monkeypatch.setattr(sync, "resolve_conflict", lambda *_a, **_k: None)
    tables.fill(p.conflicts, [["Siti", "Dikirim", "Terdaftar", ""], ["Asep", "Dikirim", "Ditolak", ""]], ["n1", "n2"])
    p.conflicts.selectRow(0)
    p.resolve(accept=True)
    held.step()  # the decision is written; the refresh it asked for has not answered yet
    assert p.conflicts.rowCount() == 1 and p.conflicts.item(0, 0).text() == "Asep"  # type: ignore[union-attr]
    assert p.accept_button.isEnabled()  # a click now can only reach a row still open
    held.run_all()
