"""English from the .ts/.qm translation, every source string translated, and the crash dialog."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jamsos_desktop import paths
from jamsos_desktop.domain.text import Text, UserError, language
from jamsos_desktop.services import users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import errors, i18n
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.settings import AppSettings

from .conftest import Boxes

TS = paths.resources_dir() / "translations" / "jamsos_en.ts"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def english() -> Iterator[None]:
    if not TS.with_suffix(".qm").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")], check=True)
    assert i18n.apply_language("en")
    yield
    i18n.apply_language("id")


def _translated(m: ET.Element) -> bool:
    """A translation's text, or for a message with plural forms (numerus) every one of them."""
    forms = [f.text or "" for f in m.iter("numerusform")]
    if forms:
        return all(f.strip() for f in forms)
    return bool((m.findtext("translation") or "").strip())


def test_every_source_string_has_an_english_translation() -> None:
    tree = ET.parse(TS)
    untranslated = [
        m.findtext("source")
        for m in tree.iter("message")
        if not _translated(m) or m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert untranslated == []


def _messages(ts: Path) -> set[tuple[str, str]]:
    return {
        (c.findtext("name") or "", m.findtext("source") or "")
        for c in ET.parse(ts).iter("context")
        for m in c.iter("message")
    }


def test_the_ts_file_has_every_string_the_code_asks_for(tmp_path: Path) -> None:
    """pyside6-lupdate over the ui code finds no string that jamsos_en.ts lacks (or keeps)."""
    import shutil

    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "jamsos_desktop" / "ui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh), "-locations", "none"], check=True, capture_output=True)
    assert _messages(fresh) == _messages(TS)


def test_english_main_window(
    qtbot: QtBot, demo_workspace: Workspace, settings: AppSettings, english: None, passwords: None
) -> None:
    assert language() == "en"
    win = MainWindow(demo_workspace, users.find_user(demo_workspace, "operator"), settings)
    qtbot.addWidget(win)
    assert [win.nav.item(i).text() for i in range(3)] == ["Overview", "Workers", "Nominations"]
    page = win.go("workers")
    assert page.add_button.text() == "+ Add worker"  # type: ignore[attr-defined]
    assert "User:" in win.user_status.text()


def test_user_error_is_a_message(boxes: Boxes) -> None:
    errors.handle(UserError("quota", Text("kuota penuh", "the quota is full")))
    assert boxes.shown[0][0] == "warning" and "Kuota" in boxes.shown[0][2]


def test_unexpected_error_shows_log_path_and_keeps_running(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    log_path = tmp_path / "logs" / "jamsos.log"
    old_hook = sys.excepthook
    try:
        errors.install(log_path)
        try:
            raise RuntimeError("boom 3204051508950001")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = old_hook
    assert len(shown) == 1
    box = shown[0]
    assert "RuntimeError" in box.text()
    assert str(log_path) in box.informativeText()
    assert "3204051508950001" not in box.detailedText()  # personal data scrubbed
