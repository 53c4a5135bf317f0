"""The Sinkronisasi page driven offscreen: key import with fingerprint, export, history, write
again, a return file applied, a damaged one refused, and a conflict resolved."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, sync, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.sync import keyfile
from jamsos_desktop.ui.pages.sync import SyncPage
from tests.sync.conftest import District, sign_nominations

from .conftest import Boxes

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot: QtBot, demo_workspace: Workspace, operator: Actor, head: Actor) -> SyncPage:
    sign_nominations(demo_workspace, operator, head, 4)
    p = SyncPage(demo_workspace, lambda: operator)
    qtbot.addWidget(p)
    p.show()
    return p


def test_sync_page_round_trip(
    page: SyncPage, demo_workspace: Workspace, boxes: Boxes, input_text: list[str], tmp_path: Path
) -> None:
    district = District(keyfile.make_district_keys())
    usb = tmp_path / "usb"
    usb.mkdir()
    assert "belum diimpor" in page.district_label.text()
    assert page.use_passphrase.isChecked()  # no district key yet: passphrase mode offered
    assert len(page.device_label.text().split()) == 6

    # District key: a wrong fingerprint is refused, the right one stored.
    key_file = tmp_path / "kunci.jamkey"
    key_file.write_bytes(district.public_file)
    input_text.append("12345 12345 12345 12345 12345 12345")
    page.import_district_key(key_file)
    assert boxes.shown[-1][0] == "warning" and "tidak cocok" in boxes.shown[-1][2]
    assert "belum diimpor" in page.district_label.text()
    input_text.append(district.keys.public.fingerprint)
    page.import_district_key(key_file)
    assert district.keys.public.fingerprint in page.district_label.text()
    assert not page.use_passphrase.isChecked()

    # Export to the chosen folder.
    page.folder.setText(str(usb))
    page.export()
    result = page.last_result
    assert isinstance(result, sync.ExportResult) and result.path.exists()
    assert "Kiriman nomor 1" in page.export_status.text() and "4 usulan" in page.export_status.text()
    assert page.history.rowCount() == 1 and page.history.item(0, 5).text() == result.path.name
    assert nominations.status_counts(demo_workspace)[statuses.EXPORTED] == 4

    # Write again to another stick: identical bytes.
    other = tmp_path / "usb2"
    other.mkdir()
    page.history.selectRow(0)
    page.write_again(other)
    assert (other / result.path.name).read_bytes() == result.path.read_bytes()

    # A worker changes after the export; the return file then holds one conflict.
    export = district.open(result.path.read_bytes())
    changed = export.tables["nominations"].records()[0]
    workers.edit_worker(demo_workspace, page.actor(), changed["worker_id"], {"address": "Jl. Koreksi 1"})
    ret = tmp_path / "hasil.jamsync"
    ret.write_bytes(district.answer(export))

    # A damaged copy is refused first, with "nothing changed".
    damaged = tmp_path / "rusak.jamsync"
    damaged.write_bytes(ret.read_bytes()[:-7])
    page.import_return(damaged)
    kind, title, text = boxes.shown[-1]
    assert kind == "warning" and title == "Berkas ditolak" and "rusak atau terpotong" in text
    assert "Tidak ada data yang diubah" in text
    assert page.imports.rowCount() == 0

    page.import_return(ret)
    assert "3 terdaftar" in boxes.shown[-1][2] and "1 konflik" in boxes.shown[-1][2]
    assert page.imports.rowCount() == 1 and page.imports.item(0, 3).text() == "3"
    assert page.conflicts.rowCount() == 1 and page.accept_button.isVisible()
    assert "data pekerja diubah" in page.conflicts.item(0, 3).text()

    page.conflicts.selectRow(0)
    page.resolve(accept=True)
    assert page.conflicts.rowCount() == 0 and "Tidak ada konflik" in page.conflict_label.text()
    assert nominations.status_counts(demo_workspace)[statuses.REGISTERED] == 4


def test_export_without_folder_or_key(page: SyncPage, boxes: Boxes, tmp_path: Path) -> None:
    page.folder.setText("")
    page.export()
    assert "Pilih dulu folder" in boxes.shown[-1][2]
    page.folder.setText(str(tmp_path))
    page.use_passphrase.setChecked(False)
    page.export()
    assert "kunci kabupaten belum diimpor" in boxes.shown[-1][2]
    page.use_passphrase.setChecked(True)
    page.passphrase.setText("sandi kabupaten desa")
    page.passphrase_again.setText("sandi kabupaten desa")  # asked twice (issue 13)
    page.export()
    assert isinstance(page.last_result, sync.ExportResult)
    assert page.passphrase.text() == ""  # not kept on screen


def test_main_window_loads_the_page(qtbot: QtBot, workspace: Workspace, operator: Actor, settings: object) -> None:
    from jamsos_desktop.ui.main_window import MainWindow

    w = MainWindow(workspace, operator, settings)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    assert isinstance(w.page("sync"), SyncPage)
