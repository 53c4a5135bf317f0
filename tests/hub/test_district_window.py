"""The district mode in the app (``jamsos-desktop --hub``): the clerk signs in, imports the
villages' files (a repeated one is "sudah ada"), sees each village's figures, looks for people
two villages nominated, and writes the report and the BPJS sheet, on SQLite and PostgreSQL,
with every operation on the UI operations layer."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.hub.context import Hub
from jamsos_desktop.ui.hub_window import HubWindow
from tests.ui.conftest import Boxes, boxes, sync_tasks  # noqa: F401  (tasks inline; message boxes recorded)

from .conftest import KEY_PASSPHRASE, PASSWORD
from .villages import VillageFiles

pytestmark = pytest.mark.gui


def _window(qtbot: QtBot, hub: Hub) -> HubWindow:
    win = HubWindow(hub)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    return win


def _texts(win: HubWindow, column: int) -> list[str]:
    t = win.outcomes
    return [t.item(r, column).text() for r in range(t.rowCount())]


def test_a_wrong_password_keeps_the_sign_in_and_says_why(qtbot: QtBot, keyed_hub: Hub) -> None:
    win = _window(qtbot, keyed_hub)
    win.username.setText("clerk")
    win.password.setText("bukan-sandinya")
    win.sign_in()
    assert win.stack.currentWidget() is not win.tabs
    assert win.sign_in_message.text()
    assert win.password.text() == ""  # never left in the field


def test_the_clerk_imports_reviews_and_writes_from_the_window(
    qtbot: QtBot,
    keyed_hub: Hub,
    village_files: VillageFiles,
    tmp_path: Path,
    boxes: Boxes,  # noqa: F811
) -> None:
    win = _window(qtbot, keyed_hub)
    win.username.setText("clerk")
    win.password.setText(PASSWORD)
    win.sign_in()
    assert win.stack.currentWidget() is win.tabs

    asked: list[bool] = []
    win.ask_passphrase = lambda: asked.append(True) or KEY_PASSPHRASE  # type: ignore[method-assign]
    first = village_files.all_first()
    win.import_paths([*first, first[0]])
    assert _texts(win, 1) == ["diimpor", "diimpor", "diimpor", "sudah ada"]
    assert "3 diimpor, 1 sudah ada, 0 ditolak" in win.status_line.text()
    assert all("catatan berubah" in t for t in _texts(win, 4)[:3])  # an imported file says what it changed

    # The next start lists the files imported before, the newest first, not an empty table.
    later = _window(qtbot, keyed_hub)
    later.enter(win.actor)  # type: ignore[arg-type]
    assert _texts(later, 1) == ["diimpor", "diimpor", "diimpor"]
    assert all("diimpor" in t and "oleh clerk" in t for t in _texts(later, 4))
    assert "terbaru di atas (3)" in later.outcomes_caption.text()
    assert win.villages.rowCount() == 3
    by_status = [win.villages.item(r, 7).text() for r in range(3)]  # type: ignore[union-attr]
    assert all(by_status) and any("dikirim" in t for t in by_status)  # workers by status, as the docs say
    imported_last = [win.villages.item(r, 4).text() for r in range(3)]  # type: ignore[union-attr]
    assert all(t.startswith("nomor ") and "-20" in t for t in imported_last)  # the file and when
    assert "3 desa" in win.totals.text()

    damaged = tmp_path / "rusak.jamsync"
    damaged.write_bytes(first[1].read_bytes()[:-40])
    win.import_paths([damaged])
    assert _texts(win, 1) == ["ditolak"] and _texts(win, 4)[0]
    assert asked == [True]  # the key's passphrase is asked once per sign-in

    win.detect()
    assert "calon ganda ditemukan" in win.status_line.text()

    from jamsos_desktop.hub import report

    offered: list[tuple[report.Signer, int | None]] = []

    def details(signer: report.Signer, target: int | None) -> tuple[report.Signer, int | None]:
        offered.append((signer, target))
        return report.Signer("Drs. H. Kepala Dinas", "Kepala Dinas Tenaga Kerja", "", "Soreang"), 400

    win.ask_report_details = details  # type: ignore[method-assign]
    win.write_report([tmp_path / "laporan.pdf"])
    assert offered == [(report.Signer(), None)]  # nothing kept before the first report
    assert report.stored_signer(keyed_hub).place == "Soreang" and report.stored_target(keyed_hub) == 400
    assert (tmp_path / "laporan.pdf").read_bytes().startswith(b"%PDF")
    win.export_bpjs([tmp_path / "bpjs.xlsx"])
    assert (tmp_path / "bpjs.xlsx").stat().st_size > 0
    assert [b[0] for b in boxes.shown] == ["information", "information"]  # each says what it wrote
    assert "bpjs.xlsx" in boxes.shown[-1][2]

    # A second sheet asks whether to write again who was sent and not answered (No: new ones only).
    from PySide6.QtWidgets import QMessageBox
    from python_calamine import CalamineWorkbook

    def sheet_rows(path: Path) -> int:
        wb = CalamineWorkbook.from_path(str(path))
        return len(wb.get_sheet_by_index(0).to_python()) - 1

    sent = sheet_rows(tmp_path / "bpjs.xlsx")
    assert sent > 0
    boxes.answer = QMessageBox.StandardButton.No
    win.export_bpjs([tmp_path / "bpjs-2.xlsx"])
    assert boxes.shown[-2][0] == "question" and f"{sent} lagi sudah dikirim" in boxes.shown[-2][2]
    assert sheet_rows(tmp_path / "bpjs-2.xlsx") == 0 and "tidak ditulis lagi" in boxes.shown[-1][2]
    boxes.answer = QMessageBox.StandardButton.Yes
    win.export_bpjs([tmp_path / "bpjs-3.xlsx"])
    assert sheet_rows(tmp_path / "bpjs-3.xlsx") == sent
    boxes.answer = QMessageBox.StandardButton.Cancel
    win.export_bpjs([tmp_path / "bpjs-4.xlsx"])
    assert not (tmp_path / "bpjs-4.xlsx").exists()
    # Every message is a sentence ("Laporan 3 desa ditulis …", not the service's lower case).
    assert all(text[:1].isupper() or text[:1].isdigit() for _k, _t, text in boxes.shown)
    assert win.status_line.text()[:1].isupper() or win.status_line.text()[:1].isdigit()


def test_a_mistyped_key_passphrase_is_asked_again_and_the_files_are_kept(
    qtbot: QtBot,
    keyed_hub: Hub,
    village_files: VillageFiles,
    boxes: Boxes,  # noqa: F811
) -> None:
    """A wrong passphrase of the district key does not drop the files chosen: it is asked for
    again, saying it was wrong, and the import goes on with the right one."""
    win = _window(qtbot, keyed_hub)
    win.username.setText("clerk")
    win.password.setText(PASSWORD)
    win.sign_in()
    typed = ["salah-ketik", KEY_PASSPHRASE]
    labels: list[bool] = []

    def ask() -> str | None:
        labels.append(win._passphrase_refused)
        return typed.pop(0)

    win.ask_passphrase = ask  # type: ignore[method-assign]
    win.import_paths(village_files.all_first())
    assert labels == [False, True] and typed == []
    assert _texts(win, 1) == ["diimpor", "diimpor", "diimpor"]
    assert boxes.shown == []  # no error box between the two tries


def test_the_head_adds_a_clerk_writes_the_key_again_and_signs_out(
    qtbot: QtBot,
    keyed_hub: Hub,
    tmp_path: Path,
    boxes: Boxes,  # noqa: F811
) -> None:
    """What the wizard promised ("the head of office adds clerks later"): the head adds a clerk
    from the window; the key's fingerprint and public file can be had again; signing out hands
    the window to the next person, who signs in as themself."""
    from jamsos_desktop.hub import keys
    from jamsos_desktop.hub import users as hub_users

    clerk = hub_users.find_user(keyed_hub, "clerk")
    head = hub_users.add_user(keyed_hub, clerk, username="kepala", full_name="Kepala", role="head", password=PASSWORD)
    win = _window(qtbot, keyed_hub)
    win.enter(head)
    assert win.add_user_button.isEnabled()
    win.ask_new_clerk = lambda: ("rina", "Rina Marlina", "rahasia-rina")  # type: ignore[method-assign]
    win.add_clerk()
    assert "rina" in boxes.shown[-1][2]
    names = [win.accounts.item(r, 0).text() for r in range(win.accounts.rowCount())]  # type: ignore[union-attr]
    assert "rina" in names
    assert hub_users.login(keyed_hub, "rina", "rahasia-rina").role == "clerk"

    win.save_public_key([tmp_path / "kunci-kabupaten.jamkey"])
    info = keys.key_info(keyed_hub)
    assert (tmp_path / "kunci-kabupaten.jamkey").read_bytes() == info.public_file
    assert info.fingerprint in boxes.shown[-1][2]

    win.sign_out()
    assert win.actor is None and win.stack.currentIndex() == 0 and win._keys is None
    win.username.setText("rina")
    win.password.setText("rahasia-rina")
    win.sign_in()
    assert win.actor is not None and win.actor.username == "rina"
    assert not win.add_user_button.isEnabled()  # a clerk adds no accounts
