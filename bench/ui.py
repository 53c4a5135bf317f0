"""Desktop figures on a 100,000-worker database, each beside a baseline measured in the same run.

1. Start to an interactive main window against a bare PySide6 window showing one empty
   QTableView: both are fresh processes, timed from spawn to the child's "ready" line,
   alternated, medians of several runs. Ours is the real start (``app.launch`` and
   ``AppController.start``): logs, translations, settings, the window with its sign-in panel
   taking keys, and the database opening on a thread behind it. Reported beside it: when the
   database is open, when the dashboard is filled if the password is typed at once, the wait
   from Enter to the filled dashboard when the password comes later (as it does: a person
   takes longer than a second to type it), key latency in the panel while the database opens,
   and the event loop's longest stall meanwhile.
2. Keystroke to updated results in the worker table: the real WorkersPage in a child process,
   real background threads, exactly as the app runs (there is no typing delay to switch off:
   every keystroke searches). Each keystroke is timed from the key event to the model holding
   the first rows for that text, and to the end of the table's next repaint; the next key
   follows 20 ms later, so counts of the text before are still running. Baseline: the same
   key events into a bare QLineEdit.
3. Peak RSS after scrolling the 100,000-row table from the first row to the last, a screenful at
   a time, against the bare window's peak RSS.

The heavy parts run in subprocesses (``python -m bench.ui <mode> <data dir>``) so each figure
starts from a clean process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import Figure, percentile, repeats, scaled

N = scaled(100_000, 200)
RUNS = repeats(5)
CODE = "32.04.05.2005"
BENCH_PASSWORD = "rahasia-desa-123"
TEXTS = ("siti rahayu", "sukamaju", "asep", "budi s", "3204051", "nining")
ROUNDS = repeats(3)  # the texts are typed three times: 120 keystrokes, for a steadier p95


def _build_db(data: Path) -> float:
    from jamsos_desktop.services import accounts, demo, users, village
    from jamsos_desktop.services.context import Workspace
    from jamsos_desktop.ui.settings import AppSettings

    t0 = time.perf_counter()
    ws = Workspace.open(data, create=True)
    village.init_village(ws, code=CODE, head_name="H. Dadang Suherman", operator_name="Rina Marlina", year=2026)
    demo.generate(ws, users.default_actor(ws), N, seed=11, today=dt.date(2026, 11, 21))
    operator = users.find_user(ws, "operator")
    accounts.set_password(ws, operator, "operator", BENCH_PASSWORD)  # everyone may set their own
    AppSettings(data).last_user = "operator"  # the name is filled in, as on any later start
    ws.close()
    return time.perf_counter() - t0


def _child(mode: str, data: Path) -> tuple[float, dict[str, Any]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    root = Path(__file__).resolve().parents[1]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.ui", mode, str(data)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    ready = None
    payload: dict[str, Any] = {}
    for line in proc.stdout:
        if line.startswith("ready") and ready is None:
            ready = time.perf_counter() - t0
        elif line.startswith("{"):
            payload = json.loads(line)
    if proc.wait() != 0:
        raise RuntimeError(f"bench child {mode} failed")
    return (ready if ready is not None else float("nan")), payload


def run() -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="jamsos-bench-ui-") as tmp:
        data = Path(tmp) / "data"
        built = _build_db(data)
        print(f"   ({N:,}-worker database built in {built:.1f} s)", flush=True)

        ours, bare, bare_rss, started, late = [], [], [], [], []
        for _ in range(RUNS):
            ready, payload = _child("bare", data)
            bare.append(ready)
            bare_rss.append(float(payload["peak_rss_mb"]))
            ready, payload = _child("start", data)
            ours.append(ready)
            started.append((ready, payload))
        for _ in range(3):
            late.append(_child("start-late", data)[1])
        o, b = statistics.median(ours), statistics.median(bare)
        figures.append(
            Figure(
                "start to the main window taking the password, 100k workers",
                o,
                b,
                "s",
                "<= 2.5x bare",
                o <= 2.5 * b,
            )
        )
        filled = statistics.median(r + float(p["filled_after_ready_s"]) for r, p in started)
        opened = statistics.median(r + float(p["db_open_after_ready_s"]) for r, p in started)
        enter = statistics.median(float(p["enter_to_filled_s"]) for p in late)
        keys_ms = [float(x) for _, p in started for x in p["key_ms"]]
        gaps = [float(x) for p in late for x in p["loop_gap_ms"]]
        print(
            f"   (database open behind the window at {opened:.2f} s; with the password typed at once, "
            f"the dashboard is filled at {filled:.2f} s = {filled / b:.1f}x bare; "
            f"when the password comes after the database is open, Enter to the dashboard filled: "
            f"{enter:.2f} s; while the database opens, keys in the sign-in panel take p95 "
            f"{percentile(keys_ms, 95):.1f} ms and the event loop's longest stall is {max(gaps):.0f} ms)",
            flush=True,
        )

        _, keys = _child("keys", data)
        _, bare_keys = _child("bare-keys", data)
        lat = [float(x) for x in keys["latencies_ms"]]
        bare_lat = [float(x) for x in bare_keys["latencies_ms"]]
        painted = [float(x) for x in keys["painted_ms"]]
        p95 = percentile(lat, 95)
        figures.append(
            Figure(
                f"keystroke to results in the table's model, p95 ({len(lat)} keys, no typing delay)",
                p95,
                percentile(bare_lat, 95),
                "ms",
                "<= 16 ms",
                p95 <= 16,
            )
        )
        print(
            f"   (keystroke to results: median {statistics.median(lat):.1f} ms, max {max(lat):.1f} ms; "
            f"to the table repainted with them: median {statistics.median(painted):.1f} ms, "
            f"p95 {percentile(painted, 95):.1f} ms; "
            f"GUI thread busy per key p95 {percentile([float(x) for x in keys['gui_ms']], 95):.1f} ms)",
            flush=True,
        )

        _, scroll = _child("scroll", data)
        rss = float(scroll["peak_rss_mb"])
        figures.append(
            Figure(
                f"peak RSS, {scroll['rows']} rows scrolled end to end",
                rss,
                statistics.median(bare_rss),
                "MB",
                "<= 250 MB",
                rss <= 250,
            )
        )
        print(
            f"   (scrolled {scroll['steps']} screens in {scroll['seconds']:.1f} s; "
            f"rows held in memory at the end: {scroll['cached_rows']})",
            flush=True,
        )
    return figures


# -- children ---------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    """VmHWM, the process's own peak. (ru_maxrss is not: on Linux it survives exec, so a child
    would report the bench runner's peak from building the database.)"""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _bare() -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    win = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 9))
    win.setCentralWidget(table)
    win.resize(1200, 760)
    win.show()
    app.processEvents()
    print("ready", flush=True)
    print(json.dumps({"peak_rss_mb": _peak_rss_mb()}), flush=True)


def _die(kind: type[BaseException], exc: BaseException, tb: object) -> None:
    import traceback

    traceback.print_exception(kind, exc, tb)
    sys.stderr.flush()
    os._exit(1)


def _main_window(data: Path):  # type: ignore[no-untyped-def]
    """What app.main does after the password: open, log, translate, build and show the window."""
    from PySide6.QtWidgets import QApplication

    from jamsos_desktop import logs
    from jamsos_desktop.services import users
    from jamsos_desktop.services.context import Workspace
    from jamsos_desktop.ui import errors, i18n
    from jamsos_desktop.ui.main_window import MainWindow
    from jamsos_desktop.ui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    errors.install(logs.setup(data))
    # A measuring child must fail loudly, not wait on a crash dialog nobody will see.
    sys.excepthook = _die
    settings = AppSettings(data)
    i18n.apply_language(settings.language)
    from jamsos_desktop.services import accounts

    # The encrypted database opens with the password, as at a sign-in; a plain one (the baseline
    # of bench.crypto) as it is.
    ws = accounts.unlock(data, "operator", BENCH_PASSWORD) if accounts.is_locked(data) else Workspace.open(data)
    win = MainWindow(ws, users.find_user(ws, "operator"), settings)
    win.show()
    app.processEvents()
    return app, ws, win


def _start(data: Path, *, late: bool = False) -> None:
    """The real start (``app.launch`` and ``AppController.start``, as ``python -m jamsos_desktop``).

    "ready" is printed once the window is on screen with the sign-in panel taking keys. Then a
    fast typist's password, one key every 20 ms, each key timed, with a 5 ms heartbeat timer
    measuring the longest time the event loop was held up while the database opened behind
    the window. ``late``: the password comes after the database is open (a person takes longer
    than a second to type it): the wait that is left is Enter to the dashboard filled.
    """
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from jamsos_desktop import app as desktop

    controller = desktop.launch(["jamsos", "--data-dir", str(data)])
    sys.excepthook = _die
    assert controller.start()
    app = QApplication.instance()
    win = controller.window
    assert win is not None and app is not None
    app.processEvents()
    t_ready = time.perf_counter()
    print("ready", flush=True)
    from PySide6.QtTest import QTest  # the bench's typing tool: after "ready", not part of the start

    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    opened_at: list[float] = []
    panel = win.sign_in
    if late:  # the loader has answered: the database is open, or (encrypted) ready to unlock
        _wait(app, lambda: win.ws is not None or panel.unlocker is not None)
        opened_at.append(time.perf_counter())
    keys = []
    for ch in BENCH_PASSWORD:
        t0 = time.perf_counter()
        QTest.keyClick(panel.password, ch)
        keys.append((time.perf_counter() - t0) * 1000)
        _settle(app, 0.02)
    assert panel.password.text() == BENCH_PASSWORD, "the sign-in panel lost keys"
    t_enter = time.perf_counter()
    QTest.keyClick(panel.password, Qt.Key.Key_Return)
    _wait(app, lambda: win.ws is not None)
    if not opened_at:
        opened_at.append(time.perf_counter())
    heartbeat.stop()
    _wait(app, lambda: win._actor is not None)
    from jamsos_desktop.ui.pages.dashboard import DashboardPage

    dash = win.page("dashboard")
    assert isinstance(dash, DashboardPage)
    _wait(app, lambda: dash.data is not None)
    t_filled = time.perf_counter()
    print(
        json.dumps(
            {
                "db_open_after_ready_s": opened_at[0] - t_ready,
                "filled_after_ready_s": t_filled - t_ready,
                "enter_to_filled_s": t_filled - t_enter,
                "key_ms": keys,
                "loop_gap_ms": gaps,
            }
        ),
        flush=True,
    )
    _finish(win, controller)


def _finish(win, owner) -> None:  # type: ignore[no-untyped-def]
    """Background jobs done, the window closed, the database closed (``owner.close()``)."""
    from jamsos_desktop.ui import tasks

    tasks.shutdown()
    win.close()
    owner.close()


def _wait(app, cond, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Runs Qt's event loop until ``cond()``, blocked between events as the app's loop is.

    Everything the bench waits for arrives as an event (a pool thread's answer, a paint, a
    timer). A polling loop (processEvents, sleep, repeat) would add up to its sleep to every
    hand-over and take the interpreter lock from the pool threads while they work, which the
    real app's idle event loop does not.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.perf_counter() + timeout
    tick = QTimer()  # a look at cond() now and then, even if nothing happens
    tick.setInterval(10)
    tick.timeout.connect(lambda: None)
    tick.start()
    try:
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        tick.stop()


def _keys(data: Path) -> None:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from jamsos_desktop.ui.pages import workers as workers_page

    app, ws, win = _main_window(data)
    page = win.go("workers")
    assert isinstance(page, workers_page.WorkersPage)
    _wait(app, lambda: not page.model.loading)
    model = page.model
    # When the first rows for a text are in the model: the results the table shows.
    arrived: dict[str, float] = {}
    model.resultsChanged.connect(lambda _n: arrived.setdefault(model.query.search, time.perf_counter()))

    class Painted(QObject):
        """The end of the table's next paint after the results arrived: what the eye sees."""

        def __init__(self) -> None:
            super().__init__()
            self.at: float | None = None
            self.busy = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or self.busy:
                return False
            self.busy = True
            QApplication.sendEvent(obj, event)  # paint now, inside the filter, then note the time
            self.busy = False
            if arrived and self.at is None:
                self.at = time.perf_counter()
            return True

    painted = Painted()
    page.table.viewport().installEventFilter(painted)
    latencies, paints, gui = [], [], []
    for text in TEXTS * ROUNDS:
        page.search.clear()
        _wait(app, lambda: model.exact and not model.loading)
        _settle(app, 0.3)  # counts and row numbers of the cleared list are in
        for n in range(1, len(text) + 1):
            want = text[:n].strip()
            typed_over = want == text[: n - 1].strip()  # a space between words asks nothing
            arrived.clear()
            painted.at = None
            t0 = time.perf_counter()
            QTest.keyClick(page.search, text[n - 1])
            gui.append((time.perf_counter() - t0) * 1000)
            if typed_over:
                continue
            _wait(app, lambda want=want: want in arrived and painted.at is not None)  # type: ignore[misc]
            latencies.append((arrived[want] - t0) * 1000)
            paints.append((float(painted.at or 0) - t0) * 1000)
            _settle(app, 0.02)  # a quick typist: 20 ms before the next key
        QTest.keyClick(page.search, Qt.Key.Key_Escape)
    print(json.dumps({"latencies_ms": latencies, "painted_ms": paints, "gui_ms": gui}), flush=True)
    _finish(win, ws)


def _settle(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Lets the event loop run for a while (timers, late answers)."""
    from PySide6.QtCore import QTimer

    over: list[bool] = []
    QTimer.singleShot(round(seconds * 1000), lambda: over.append(True))
    _wait(app, lambda: bool(over))


def _bare_keys(_data: Path) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    app = QApplication(sys.argv[:1])
    edit = QLineEdit()
    edit.show()
    changed: list[float] = []
    edit.textChanged.connect(lambda _t: changed.append(time.perf_counter()))
    latencies = []
    for text in TEXTS:
        edit.clear()
        for ch in text:
            changed.clear()
            t0 = time.perf_counter()
            QTest.keyClick(edit, ch)
            app.processEvents()
            latencies.append(((changed[-1] if changed else time.perf_counter()) - t0) * 1000)
    print(json.dumps({"latencies_ms": latencies}), flush=True)


def _scroll(data: Path) -> None:
    from jamsos_desktop.ui.pages import workers as workers_page

    app, ws, win = _main_window(data)
    page = win.go("workers")
    assert isinstance(page, workers_page.WorkersPage)
    _wait(app, lambda: not page.model.loading)
    # The row numbers come after the count, for a list longer than a page (the bench's is).
    from jamsos_desktop.ui.worker_model import PAGE_SIZE

    _wait(app, lambda: page.model.exact and (page.model.rowids is not None or page.model.total <= PAGE_SIZE))
    bar = page.table.verticalScrollBar()
    t0 = time.perf_counter()
    steps = 0
    value = 0
    while True:
        bar.setValue(value)
        app.processEvents()
        steps += 1
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + max(1, bar.pageStep()))
    # The last screen's rows come from the pool: a small table can get there before they do.
    _wait(app, lambda: bool(page.model.index(page.model.rowCount() - 1, 0).data()))
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "peak_rss_mb": _peak_rss_mb(),
                "rows": page.model.rowCount(),
                "steps": steps,
                "seconds": seconds,
                "cached_rows": page.model.cached_rows(),
            }
        ),
        flush=True,
    )
    _finish(win, ws)


def _start_plain(data: Path) -> None:
    """The real start on a plain database left plain (the baseline of bench.crypto)."""
    from jamsos_desktop import app as desktop

    desktop.AppController.convert_plain = False
    _start(data)


CHILDREN = {
    "bare": lambda _d: _bare(),
    "start": _start,
    "start-late": lambda d: _start(d, late=True),
    "start-plain": _start_plain,
    "keys": _keys,
    "bare-keys": _bare_keys,
    "scroll": _scroll,
}

if __name__ == "__main__":
    CHILDREN[sys.argv[1]](Path(sys.argv[2]))
