"""The window comes before the database layer: nothing on the path to it imports SQLAlchemy.

Importing SQLAlchemy and the models takes most of a second on a village laptop; the window
and its sign-in panel must not wait for it (``app.py``). A fresh interpreter shows the window
and reports which heavy modules it loaded on the way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "argon2", "cryptography", "lokal", "reportlab")

CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from jamsos_desktop import app as desktop
from jamsos_desktop.ui.main_window import MainWindow

controller = desktop.launch(["jamsos", "--data-dir", sys.argv[1]])
win = MainWindow(None, None, controller.settings)
win.show()
QApplication.processEvents()
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2].split(",")))
print(json.dumps({"heavy": heavy, "covered": win.outer.currentWidget() is win.sign_in}))
"""


def test_the_window_and_sign_in_panel_load_no_database_layer(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "data"), ",".join(HEAVY)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"heavy": [], "covered": True}
