"""`make screenshots` shoots each pass on an offscreen screen of its own size: the screen a
process gets from the script's environment is that size (the default offscreen screen is
800x600, and the window, fitted to it, came out 796 px wide)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"
PROBE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "s = app.primaryScreen().availableGeometry()\n"
    "w = QMainWindow(); w.resize(s.size()); w.show(); app.processEvents()\n"
    "print(s.width(), s.height(), w.grab().width(), w.grab().height())\n"
)


@pytest.mark.parametrize(("width", "height"), [(1024, 600), (1366, 768)])
def test_a_pass_gets_a_screen_of_its_size(tmp_path: Path, width: int, height: int) -> None:
    spec = importlib.util.spec_from_file_location("screenshots_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    env = script.screen_env(tmp_path, width, height)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == [str(width), str(height), str(width), str(height)]
