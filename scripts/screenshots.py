"""Writes a PNG of every main screen, with demo data, to docs/screenshots/ (`make screenshots`).

It drives the real widgets on a throw-away database: the first-run wizard, the login, the
dashboard, the worker list and form (with a wrong NIK and a duplicate), nominations, the
documents and sync pages (when present), settings and the lock screen; then every main screen
again on a netbook (1024×600) in Indonesian and English and on the common laptop (1366×768)
in English, in docs/screenshots/sizes/.

Each pass runs in its own process on an offscreen screen of its size (the offscreen platform
takes its screens from a JSON file, ``offscreen:configfile=…``; its default screen is 800×600,
and the window, which fits itself to the screen, came out 796 px wide). The screen has no
window frame, so a window the size of the screen is shot at exactly that size.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402
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

#: Colours to a palette as they are (a UI has few): dithering would speckle flat areas and text.
_NO_DITHER = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
OUT = ROOT / "docs" / "screenshots"
SIZED = OUT / "sizes"
SIZE = QSize(1366, 768)  # the screen of the shots in the guides: the common village laptop
#: The passes of docs/screenshots/sizes/: (language, screen).
SIZED_PASSES = (("id", QSize(1024, 600)), ("en", QSize(1024, 600)), ("en", QSize(1366, 768)))
PASSWORD = "contoh-sandi-1"  # noqa: S105  (a throw-away demo database)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, path: Path) -> None:
    """The widget as a PNG of 256 colours at most (a screen of flat colours and text loses
    nothing visible, and the file is a third of the size), compressed as much as zlib can."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = image.convertToFormat(QImage.Format.Format_Indexed8, _NO_DITHER)
    if not colours.save(str(path), "PNG", 0):  # quality 0: the strongest compression
        raise SystemExit(f"could not write {path}")


def shot(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    path = OUT / f"{name}.png"
    save(widget, path)
    print(path.relative_to(ROOT), f"{widget.width()}x{widget.height()}")


def main(argv: list[str]) -> int:
    """Without arguments: every pass, each in its own process on a screen of its size."""
    if argv:
        return run_pass(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    SIZED.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        _child(Path(tmp), SIZE, ["docs", str(data)])
        for lang, size in SIZED_PASSES:
            _child(Path(tmp), size, ["sized", str(data), lang])
    return 0


def screen_env(tmp: Path, width: int, height: int) -> dict[str, str]:
    """The environment of a process whose (offscreen) screen is ``width`` x ``height``, frameless."""
    config = tmp / f"screen-{width}x{height}.json"
    screen = {"name": "shots", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}), encoding="utf-8")
    return dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")


def _child(tmp: Path, size: QSize, args: list[str]) -> None:
    env = screen_env(tmp, size.width(), size.height())
    subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], env=env, check=True)


def _app() -> QApplication:
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    tasks.set_runner(tasks.SyncRunner())
    return app


def run_pass(argv: list[str]) -> int:
    kind, data = argv[0], Path(argv[1])
    app = _app()
    screen = QGuiApplication.primaryScreen().availableGeometry().size()
    if kind == "docs":
        i18n.apply_language("id")
        docs(app, data, screen)
        return 0
    ws = accounts.unlock(data, "operator", PASSWORD)  # the database the docs pass set up
    try:
        sized(app, ws, AppSettings(data), argv[2], screen)
    finally:
        i18n.apply_language("id")
        ws.close()
    return 0


def docs(app: QApplication, data: Path, screen: QSize) -> None:
    """The numbered shots of the guides, in Indonesian; leaves the demo database in ``data``."""
    if screen != SIZE:
        raise SystemExit(f"the screen is {screen.width()}x{screen.height()}, not {SIZE.width()}x{SIZE.height()}")
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

    ws.close()


def sized(app: QApplication, ws: Workspace, settings: AppSettings, lang: str, size: QSize) -> None:
    """Every main screen on a screen of ``size``, the window filling it: nothing may be cut off
    (tests/ui/test_fits_small_screens.py)."""
    i18n.apply_language(lang)
    settings.language = lang  # as the person chose it in Pengaturan (the page shows the choice)
    prefix = f"{size.width()}x{size.height()}-{lang}"
    with tempfile.TemporaryDirectory() as tmp:  # the first run, on a database of its own
        fresh = Workspace.open(Path(tmp) / "data", create=True)
        wiz = FirstRunWizard(fresh)
        wiz.show()
        wiz.village_page.search.setText("sukamaju luwu utara")
        wiz.village_page.run_search()
        wait(app, 0.3)
        wiz.village_page.results.scrollToTop()  # the best match first, as the list opens
        sized_shot(app, wiz, f"{prefix}-0-wizard")
        wiz.close()
        fresh.close()
    win = MainWindow(ws, users.find_user(ws, "operator"), settings)
    win.show()
    win.resize(size)
    wait(app, 0.4)  # past the window's own late fitting to the screen
    win.resize(size)
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
    save(widget, path)
    print(path.relative_to(ROOT), f"{widget.width()}x{widget.height()}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
