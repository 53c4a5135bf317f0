"""Writes a PNG of every main screen, with demo data, to docs/screenshots/ (`make screenshots`).

It drives the real widgets on a throw-away database: the first-run wizard, the login, the
dashboard, the worker list and form (with a wrong NIK and a duplicate), nominations, the
documents and sync pages (when present), settings and the lock screen.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from jamsos_desktop.services import accounts, assessment, demo, nominations, users, workers  # noqa: E402
from jamsos_desktop.services.context import Workspace  # noqa: E402
from jamsos_desktop.services.workers import WorkerQuery  # noqa: E402
from jamsos_desktop.ui import (  # noqa: E402
    i18n,
    tasks,
    worker_model,
)
from jamsos_desktop.ui.main_window import MainWindow  # noqa: E402
from jamsos_desktop.ui.settings import AppSettings  # noqa: E402
from jamsos_desktop.ui.wizard import FirstRunWizard  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZED = OUT / "sizes"
SIZE = QSize(1280, 800)
PASSWORD = "contoh-sandi-1"  # noqa: S105  (a throw-away demo database)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shot(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    i18n.apply_language("id")
    tasks.set_runner(tasks.SyncRunner())
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        ws = Workspace.open(data, create=True)
        settings = AppSettings(data)

        # 1. First run
        wiz = FirstRunWizard(ws)
        wiz.resize(820, 560)
        wiz.show()
        wiz.village_page.search.setText("Cibiru")
        wiz.village_page.run_search()
        for row, text in enumerate(wiz.village_page.row_texts()):
            if "Cibiru Hilir" in text:
                wiz.village_page.choose(row)
        shot(app, wiz, "01-wizard-desa")
        wiz.next()
        wiz.people_page.head_title.setCurrentText("Kepala Desa")
        wiz.people_page.head_name.setText("H. Dadang Suherman")
        wiz.people_page.operator_name.setText("Rina Marlina")
        wiz.people_page.office.setText("Jl. Raya Cibiru No. 1")
        shot(app, wiz, "02-wizard-kepala-desa")
        wiz.next()
        shot(app, wiz, "03-wizard-program")
        wiz.next()
        a = wiz.account_page
        a.full_name.setText("Admin Desa Cibiru Hilir")
        for w in (a.password, a.confirm, a.operator_password, a.head_password):
            w.setText(PASSWORD)
        shot(app, wiz, "04-wizard-akun")
        if not wiz.validateCurrentPage():
            raise SystemExit("wizard refused the set-up")
        wiz.close()

        # Demo data: 200 workers, ranked; 100 proposed; the head decides on most.
        op = accounts.login(ws, "operator", PASSWORD)
        head = accounts.login(ws, "kepala", PASSWORD)
        demo.generate(ws, op, 200, seed=7, today=dt.date.today())
        assessment.assess(ws, op)
        nominations.nominate_ranked(ws, op, limit=89)
        proposed = [n.worker_id for n in nominations.list_nominations(ws, "proposed")]
        nominations.approve(ws, head, proposed[:60])
        nominations.decline(ws, head, proposed[60:62], "Sudah menjadi peserta lewat pemberi kerja")
        assessment.assess(ws, op)

        # 2. Signing in: the window comes first, the sign-in panel over it
        settings.last_user = "operator"  # as on any later start: the last name is filled in
        door = MainWindow(ws, None, settings)
        door.resize(SIZE)
        door.show()
        door.sign_in.password.setText("x" * 8)
        shot(app, door, "05-login")
        door.close()

        # 3. Main window as the operator
        win = MainWindow(ws, op, settings)
        win.resize(SIZE)
        win.show()
        shot(app, win, "06-ringkasan")
        page = win.go("workers")
        # The count of a long list follows once typing has paused: what a person sees a moment later.
        wait(app, (worker_model.SETTLE_MS + 100) / 1000)
        shot(app, win, "07-pekerja")
        page.search.setText("siti")  # type: ignore[attr-defined]
        page.apply_filters()  # type: ignore[attr-defined]
        shot(app, win, "08-pekerja-cari")
        page.search.clear()  # type: ignore[attr-defined]
        page.apply_filters()  # type: ignore[attr-defined]

        page.new_worker()  # type: ignore[attr-defined]
        form = page.form  # type: ignore[attr-defined]
        values = {
            "nik": "3204055508950000",
            "kk": "3204050101200001",
            "name": "Siti Rohmah",
            "birth_place": "Bandung",
            "birth_date": "15-08-1995",
            "sex": "P",
            "dusun": "Sukamaju",
            "rt": "2",
            "rw": "5",
            "occupation": "9",
            "category": "petani",
            "resident": True,
        }
        form.set_values(values)
        form._dirty = True
        form.validate()
        shot(app, win, "09-formulir-nik-salah")
        values["nik"] = "3204055508950003"
        form.set_values(values)
        form.validate()
        shot(app, win, "10-formulir-valid-kelayakan")
        existing = workers.list_workers(ws, WorkerQuery(limit=1))[0]
        form.set_values({**values, "nik": existing.nik})
        form.validate()
        shot(app, win, "11-formulir-nik-ganda")
        form._dirty = False
        form.closed.emit()

        noms = win.go("nominations")
        noms.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        shot(app, win, "12-nominasi-peringkat")
        for key, name in (("documents", "14-dokumen"), ("sync", "15-sinkronisasi"), ("settings", "16-pengaturan")):
            shown = win.go(key)
            preview = getattr(shown, "preview_button", None)
            if key == "documents" and preview is not None and preview.isEnabled():
                preview.click()  # the documents page's own preview, when that page is installed
                wait(app, 3.0)  # the PDF view renders its pages asynchronously
            shot(app, win, name)
        win.lock()
        shot(app, win, "17-terkunci")
        win.close()

        # 4. The village head decides
        head_win = MainWindow(ws, users.find_user(ws, "kepala"), settings)
        head_win.resize(SIZE)
        head_win.show()
        hn = head_win.go("nominations")
        hn.table.selectRow(0)  # type: ignore[attr-defined]
        shot(app, head_win, "13-nominasi-keputusan-kepala-desa")
        head_win.close()

        # 5. Every main screen on a netbook (1024×600) in both languages, and in English on the
        # common laptop (1366×768): nothing may be cut off (tests/ui/test_fits_small_screens.py).
        for lang, size in (("id", QSize(1024, 600)), ("en", QSize(1024, 600)), ("en", QSize(1366, 768))):
            sized(app, ws, settings, lang, size)
        i18n.apply_language("id")
        ws.close()
    return 0


def sized(app: QApplication, ws: Workspace, settings: AppSettings, lang: str, size: QSize) -> None:
    i18n.apply_language(lang)
    SIZED.mkdir(parents=True, exist_ok=True)
    win = MainWindow(ws, users.find_user(ws, "operator"), settings)
    win.resize(size)
    win.show()
    prefix = f"{size.width()}x{size.height()}-{lang}"
    for n, key in enumerate(MainWindow.PAGES, start=1):
        win.go(key)
        wait(app, 0.2)
        sized_shot(app, win, f"{prefix}-{n}-{key}")
    page = win.go("workers")
    existing = workers.list_workers(ws, WorkerQuery(limit=1))[0]
    page.open_worker(existing.id)  # type: ignore[attr-defined]
    sized_shot(app, win, f"{prefix}-7-worker-form")
    page.form.closed.emit()  # type: ignore[attr-defined]
    win.close()


def sized_shot(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    path = SIZED / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


if __name__ == "__main__":
    raise SystemExit(main())
