"""The first-run wizard asks for the regional emblem: given, the documents stop warning about the
sample marked CONTOH; left out, they keep warning; a wrong file is refused on the page, naming the
field and the file, and nothing typed is lost."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from jamsos_desktop.app import needs_setup
from jamsos_desktop.services import audit, printing
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import wizard as wizard_module
from jamsos_desktop.ui.settings import AppSettings
from jamsos_desktop.ui.wizard import FirstRunWizard

from .conftest import PASSWORD, Boxes

pytestmark = pytest.mark.gui


def picture(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 48), (200, 30, 30)).save(out, format=kind)
    return out.getvalue()


def filled(qtbot: QtBot, ws: Workspace) -> FirstRunWizard:
    wiz = FirstRunWizard(ws)
    qtbot.addWidget(wiz)
    wiz.village_page.code = "32.04.05.2005"
    wiz.people_page.head_name.setText("H. Dadang Suherman")
    wiz.people_page.office.setText("Jl. Raya Cibiru No. 1")
    a = wiz.account_page
    a.password.setText(PASSWORD)
    a.confirm.setText(PASSWORD)
    return wiz


def finish(wiz: FirstRunWizard) -> None:
    wiz.show()
    for _ in range(3):
        wiz.next()
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert wiz.actor is not None


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_an_emblem_given_in_the_wizard_ends_the_placeholder_warning(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    emblem = tmp_path / f"lambang.{kind.lower()}"
    emblem.write_bytes(picture(kind))
    monkeypatch.setattr(wizard_module.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(emblem), ""))
    ws = Workspace.open(tmp_path / "fresh", create=True)
    try:
        wiz = filled(qtbot, ws)
        assert "CONTOH" in wiz.people_page.emblem_note.text()
        wiz.people_page.choose_emblem_button.click()
        assert wiz.people_page.emblem_file.text() == emblem.name
        finish(wiz)
        assert boxes.shown == []
        for document in printing.DOCUMENTS:
            assert printing.EMBLEM_MISSING not in printing.notices(ws, document)
        # Stored as 'print emblem' stores it: attributed to the new admin, in the audit chain.
        done = {(e.action, e.username) for e in audit.entries(ws)}
        assert ("attachment.add", "admin") in done
    finally:
        ws.close()


def test_without_an_emblem_the_documents_keep_warning(qtbot: QtBot, tmp_path: Path, boxes: Boxes) -> None:
    ws = Workspace.open(tmp_path / "fresh", create=True)
    try:
        finish(filled(qtbot, ws))
        assert boxes.shown == []
        for document in printing.DOCUMENTS:
            assert printing.EMBLEM_MISSING in printing.notices(ws, document)
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("surat.png", b"bukan gambar sama sekali", "PNG atau JPG"),
        ("rusak.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "rusak"),
        ("besar.jpg", b"\xff\xd8\xff" + b"\x00" * (printing.MAX_EMBLEM_BYTES + 1), "5 MB"),
    ],
)
def test_a_wrong_emblem_file_is_refused_on_the_page_and_nothing_is_lost(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes, name: str, content: bytes, says: str
) -> None:
    good = tmp_path / "lambang.png"
    good.write_bytes(picture("PNG"))
    bad = tmp_path / name
    bad.write_bytes(content)
    ws = Workspace.open(tmp_path / "fresh", create=True)
    try:
        wiz = filled(qtbot, ws)
        page = wiz.people_page
        assert page.load_emblem(str(good))
        assert not page.load_emblem(str(bad))
        assert len(boxes.shown) == 1
        message = boxes.shown[0][2]
        assert message.startswith("Lambang") and name in message and says in message
        # The emblem chosen before, and what was typed, are kept.
        assert page.emblem_file.text() == "lambang.png" and page.emblem == good.read_bytes()
        assert page.head_name.text() == "H. Dadang Suherman"
        assert needs_setup(ws)  # nothing written
        finish(wiz)
        assert printing.EMBLEM_MISSING not in printing.notices(ws, printing.FORM)
    finally:
        ws.close()


def test_the_emblem_is_set_later_in_settings_as_the_notice_says(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, boxes: Boxes, passwords: None, tmp_path: Path
) -> None:
    from .test_settings_writes import settings_page

    s = settings_page(qtbot, workspace, settings)
    assert "CONTOH" in s.emblem_state.text()
    assert printing.EMBLEM_MISSING in printing.notices(workspace, printing.FORM)
    bad = tmp_path / "foto.jpg"
    bad.write_bytes(b"bukan gambar")
    s.store_emblem(str(bad))
    assert boxes.shown[-1][0] == "warning" and "foto.jpg" in boxes.shown[-1][2]
    assert printing.EMBLEM_MISSING in printing.notices(workspace, printing.FORM)
    good = tmp_path / "lambang.png"
    good.write_bytes(picture("PNG"))
    s.store_emblem(str(good))
    assert boxes.shown[-1] == ("information", "Pengaturan", "Lambang daerah disimpan.")
    assert printing.EMBLEM_MISSING not in printing.notices(workspace, printing.FORM)
    assert "CONTOH" not in s.emblem_state.text()
