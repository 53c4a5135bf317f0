"""Bantuan > Tentang: version, data folder, schema, the guide link and the licence notices, in both languages."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop import __version__, paths
from jamsos_desktop.services import users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.storage.db import HEAD_REVISION
from jamsos_desktop.ui import i18n
from jamsos_desktop.ui.about import COMPONENTS, GUIDE_ACTION, AboutDialog, licenses_dir
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.settings import AppSettings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def english() -> Iterator[None]:
    if not (paths.resources_dir() / "translations" / "jamsos_en.qm").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")], check=True)
    assert i18n.apply_language("en")
    yield
    i18n.apply_language("id")


def about(qtbot: QtBot, ws: Workspace | None) -> AboutDialog:
    dialog = AboutDialog(ws)
    qtbot.addWidget(dialog)
    return dialog


def test_it_says_version_data_folder_and_schema(qtbot: QtBot, workspace: Workspace) -> None:
    text = about(qtbot, workspace).text()
    assert f"Versi: {__version__}" in text
    assert f"Folder data: {workspace.data_dir}" in text
    assert f"Versi skema basis data: {HEAD_REVISION}" in text  # read through the ops layer (inline here)
    assert "Panduan pengguna" in text


def test_it_names_every_bundled_component_and_how_to_replace_qt(qtbot: QtBot, workspace: Workspace) -> None:
    text = about(qtbot, workspace).text()
    assert "Apache-2.0" in text
    for name, licence in COMPONENTS:
        assert name in text and licence in text
    assert "LGPL-3.0" in text and "_internal/PySide6" in text and "menggantinya" in text
    # The texts it points to are there (and build.spec ships the folder).
    assert {p.name for p in licenses_dir().glob("*.txt")} >= {"LGPL-3.0.txt", "GPL-3.0.txt"}
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_english_is_complete(qtbot: QtBot, workspace: Workspace, english: None) -> None:
    dialog = about(qtbot, workspace)
    text = dialog.text()
    assert dialog.windowTitle() == "About JAMSOS Desktop"
    assert f"Version: {__version__}" in text and f"Data folder: {workspace.data_dir}" in text
    assert f"Database schema version: {HEAD_REVISION}" in text
    assert "you may replace them" in text.lower() or "You may replace them" in text
    for indonesian in ("Versi:", "Versi skema", "Folder data", "Pustakanya", "berlisensi", "Komponen dan"):
        assert indonesian not in text


def test_before_the_database_is_open_it_names_the_default_folder(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JAMSOS_DATA_DIR", str(tmp_path))
    text = about(qtbot, None).text()
    assert f"Folder data: {tmp_path}" in text and "Versi skema basis data: -" in text


def test_the_help_menu_opens_it_and_its_link_opens_the_guide(
    qtbot: QtBot, workspace: Workspace, settings: AppSettings, passwords: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = MainWindow(workspace, users.find_user(workspace, "operator"), settings)
    qtbot.addWidget(win)
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    [about_action] = [a for a in win.help_menu.actions() if a.text() == "Tentang JAMSOS Desktop"]
    about_action.trigger()
    assert len(shown) == 1 and __version__ in shown[0].text()

    [guide] = [a for a in win.help_menu.actions() if a.objectName() == GUIDE_ACTION]  # the user guide's entry
    opened: list[bool] = []
    guide.triggered.connect(lambda: opened.append(True))
    shown[0].guide.linkActivated.emit("guide")
    assert opened == [True]


def test_screenshot(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    dialog = about(qtbot, workspace)
    dialog.show()
    qtbot.waitExposed(dialog)
    out = tmp_path / "about.png"
    assert dialog.grab().save(str(out))
    assert out.stat().st_size > 10_000
