"""Dokumen says what the paper would carry in place of real data before anything is printed (the
sample emblem, the dots for the budget regulation's number), and takes those settings itself: the
regulation's number for every village, the NIP for a Lurah only, written through the operations
layer (the UI test guard fails a write on the GUI thread)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import printing, users, village
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui import i18n
from jamsos_desktop.ui.pages.documents import DocumentsPage

from ..conftest import build_template, open_copy
from .conftest import Boxes

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def kelurahan_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(
        tmp_path_factory.mktemp("kelurahan"),
        lambda ws: village.init_village(ws, code="32.73.01.1001", head_name="Drs. Asep Saepudin, M.Si.", year=2026),
    )


@pytest.fixture
def kelurahan(kelurahan_template: Path, data_dir: Path) -> Iterator[Workspace]:
    ws = open_copy(kelurahan_template, data_dir)
    yield ws
    ws.close()


def _page(qtbot: QtBot, ws: Workspace, actor: Actor, kind: str) -> DocumentsPage:
    p = DocumentsPage(ws, lambda: actor)
    qtbot.addWidget(p)
    p.show()
    p.document.setCurrentIndex(p.document.findData(kind))
    return p


def test_the_decree_s_notices_are_shown_and_go_once_the_number_is_given(
    qtbot: QtBot, workspace: Workspace, operator: Actor, no_ui_writes_off_the_ops_layer: Any
) -> None:
    p = _page(qtbot, workspace, operator, printing.DECREE)
    assert p.shown_notices == printing.notices(workspace, printing.DECREE)
    assert set(p.shown_notices) == {printing.EMBLEM_MISSING, printing.REGULATION_MISSING}
    assert p.notices.isVisible() and str(printing.REGULATION_MISSING) in p.notices.text()
    assert p.regulation_label.text() == "Nomor peraturan APBDes"
    assert not p.nip.isVisible()  # a desa head has no NIP

    p.regulation.setText("8 Tahun 2025")
    p.save_regulation.click()
    assert p.shown_notices == [printing.EMBLEM_MISSING]
    assert "8 Tahun 2025" in p.info.text()
    assert printing.setup(workspace, document=printing.DECREE).regulation_number == "8 Tahun 2025"
    assert no_ui_writes_off_the_ops_layer.found == []  # written on the write queue, not the GUI thread

    # The forms cite no regulation: only the emblem is left to say.
    p.document.setCurrentIndex(p.document.findData(printing.FORM))
    assert p.shown_notices == [printing.EMBLEM_MISSING]


def test_a_lurah_s_nip_is_asked_checked_and_kept(qtbot: QtBot, kelurahan: Workspace, boxes: Boxes) -> None:
    operator = users.find_user(kelurahan, "operator")
    p = _page(qtbot, kelurahan, operator, printing.DECREE)
    assert p.nip.isVisible() and p.nip_label.text() == "NIP Lurah"
    assert p.regulation_label.text() == "Nomor peraturan APBD"
    p.nip.setText("1234")
    p.save_nip.click()
    assert boxes.shown and "NIP" in boxes.shown[-1][2] and "18" in boxes.shown[-1][2]
    p.nip.setText("19700101 199003 1 005")
    p.save_nip.click()
    assert printing.setup(kelurahan, document=printing.DECREE).head_nip == "197001011990031005"
    assert p.nip.text() == "197001011990031005"


def test_the_notices_speak_english(qtbot: QtBot, workspace: Workspace, operator: Actor) -> None:
    assert i18n.apply_language("en")
    try:
        p = _page(qtbot, workspace, operator, printing.DECREE)
        text = p.notices.text()
        assert "Before printing:" in text and printing.EMBLEM_MISSING.en in text
        assert p.regulation_label.text() == "APBDes regulation no."
    finally:
        i18n.apply_language("id")
