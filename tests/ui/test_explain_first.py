"""Explain before it surprises: the export says that only signed forms are sent and how many
wait for a signature; the file password is typed twice; Nominasi opens on what needs doing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import nominations, sync, users
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui.pages.nominations import NominationsPage
from jamsos_desktop.ui.pages.sync import SyncPage

from .conftest import Boxes

pytestmark = pytest.mark.gui


def _sync_page(qtbot: QtBot, ws: Workspace, actor: Actor) -> SyncPage:
    p = SyncPage(ws, lambda: actor)
    qtbot.addWidget(p)
    p.show()
    return p


def test_an_export_of_nothing_signed_says_why_and_what_waits(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor, head: Actor, boxes: Boxes, tmp_path: Path
) -> None:
    nominations.nominate_ranked(demo_workspace, operator, limit=5)
    nominations.approve(demo_workspace, head, None)
    nominations.nominate_ranked(demo_workspace, operator, limit=2)  # two more, not decided yet
    p = _sync_page(qtbot, demo_workspace, operator)
    assert "ditandatangani" in p.export_note.text()  # said before anything is sent
    p.folder.setText(str(tmp_path))
    p.use_passphrase.setChecked(True)
    p.passphrase.setText("sandi kabupaten desa")
    p.passphrase_again.setText("sandi kabupaten desa")
    p.export()
    assert isinstance(p.last_result, sync.ExportResult)
    status = p.export_status.text()
    assert "0 usulan ditandai Dikirim" in status
    assert "Hanya usulan yang formulirnya sudah ditandatangani" in status
    assert "5 usulan yang disetujui masih menunggu tanda tangan" in status
    assert "2 usulan belum diputuskan" in status


def test_the_file_password_is_asked_twice(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor, boxes: Boxes, tmp_path: Path
) -> None:
    p = _sync_page(qtbot, demo_workspace, operator)
    usb = tmp_path / "usb"
    usb.mkdir()
    p.folder.setText(str(usb))
    p.use_passphrase.setChecked(True)
    assert p.passphrase_again.isEnabled()
    p.passphrase.setText("sandi kabupaten desa")
    p.export()  # not repeated
    assert "sekali lagi" in boxes.shown[-1][2] and p.last_result is None
    p.passphrase_again.setText("sandi kabupaten dessa")
    p.export()  # repeated wrong
    assert "belum sama" in boxes.shown[-1][2] and p.last_result is None
    assert list(usb.iterdir()) == []  # nothing written with a password nobody knows
    p.passphrase_again.setText("sandi kabupaten desa")
    p.export()
    assert isinstance(p.last_result, sync.ExportResult)
    assert p.passphrase.text() == p.passphrase_again.text() == ""


@pytest.mark.parametrize(
    ("username", "proposed", "tab"),
    [("operator", 0, 1), ("operator", 100, 0), ("kepala", 0, 0), ("kepala", 5, 0)],
)
def test_nominasi_opens_on_what_needs_doing(
    qtbot: QtBot, demo_workspace: Workspace, username: str, proposed: int, tab: int
) -> None:
    if proposed:
        nominations.nominate_ranked(demo_workspace, users.find_user(demo_workspace, "operator"), limit=proposed)
    actor = users.find_user(demo_workspace, username)
    p = NominationsPage(demo_workspace, lambda: actor)
    qtbot.addWidget(p)
    assert p.tabs.currentIndex() == tab
