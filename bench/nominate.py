"""Reassess everyone, then propose up to the quota: as the officer does it on the Nominasi page.

The figure is the page's two buttons ("Nilai ulang semua pekerja", then "Usulkan sesuai
peringkat sampai kuota penuh") from the first click until the page has shown the outcome,
in the real window (offscreen), against the same two service calls without the window
(``assessment.assess`` then ``nominations.nominate_ranked``, what ``jamsos assess`` and
``jamsos nominate --ranked`` run) on a copy of the same database in the same child. Each run
starts from the same copy: nobody nominated yet, nobody assessed yet.

The machine is shared: the note gives the median CPU time of both too (every thread of the
child, ``time.process_time``), which other programs' load does not inflate as it does the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import Figure, repeats, scaled

SIZES = ((scaled(500), 1.0), (scaled(10_000), 2.0))  # workers, target in seconds for the page
RUNS = repeats(3)
CODE = "32.04.05.2005"


def _build(data: Path, n: int) -> None:
    from jamsos_desktop.services import demo, users, village
    from jamsos_desktop.services.context import Workspace

    ws = Workspace.open(data, create=True)
    village.init_village(ws, code=CODE, head_name="H. Dadang Suherman", operator_name="Rina Marlina", year=2026)
    demo.generate(ws, users.default_actor(ws), n, seed=11, today=dt.date(2026, 11, 21))
    ws.close()


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def run() -> list[Figure]:
    figures: list[Figure] = []
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for n, target in SIZES:
        with tempfile.TemporaryDirectory(prefix="jamsos-bench-nominate-") as tmp:
            base = Path(tmp) / "base"
            _build(base, n)
            page, bare, page_cpu, bare_cpu = [], [], [], []
            for i in range(RUNS):
                a = _copy(base, Path(tmp) / f"ui{i}")
                b = _copy(base, Path(tmp) / f"svc{i}")
                out = subprocess.run(
                    [sys.executable, "-m", "bench.nominate", str(a), str(b)],
                    cwd=root,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                result = json.loads(out.strip().splitlines()[-1])
                page.append(result["page_s"])
                bare.append(result["services_s"])
                page_cpu.append(result["page_cpu_s"])
                bare_cpu.append(result["services_cpu_s"])
            ours, baseline = statistics.median(page), statistics.median(bare)
            cpu = f"CPU {statistics.median(page_cpu):.2f} s vs {statistics.median(bare_cpu):.2f} s"
            figures.append(
                Figure(
                    f"reassess all + propose to the quota, {n:,} workers (page)",
                    ours,
                    baseline,
                    "s",
                    f"target <= {target:g} s (baseline: the two service calls; {cpu})",
                    ours <= target,
                )
            )
    return figures


def _child(page_data: Path, service_data: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from jamsos_desktop.services import assessment, nominations, users
    from jamsos_desktop.services.context import Workspace
    from jamsos_desktop.ui import tasks
    from jamsos_desktop.ui.main_window import MainWindow
    from jamsos_desktop.ui.pages.nominations import NominationsPage
    from jamsos_desktop.ui.settings import AppSettings

    from .ui import _wait

    ws = Workspace.open(service_data)
    actor = users.find_user(ws, "operator")
    t0, c0 = time.perf_counter(), time.process_time()
    assessment.assess(ws, actor)
    nominations.nominate_ranked(ws, actor)
    services_s, services_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    ws.close()

    app = QApplication(sys.argv[:1])
    ws = Workspace.open(page_data)
    win = MainWindow(ws, users.find_user(ws, "operator"), AppSettings(page_data))
    win.show()
    win.go("workers")  # the officer comes from the worker list, as in the report
    app.processEvents()
    page = win.go("nominations")
    assert isinstance(page, NominationsPage)
    _wait(app, lambda: not page._busy)
    t0, c0 = time.perf_counter(), time.process_time()
    page.assess_all()
    _wait(app, lambda: not page._busy, 600)
    page.fill_quota()
    _wait(app, lambda: not page._busy, 600)
    app.processEvents()
    page_s, page_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    proposed = nominations.quota_summary(ws).counted
    assert proposed > 0, "nobody was proposed"
    tasks.shutdown()
    win.close()
    ws.close()
    result = {
        "page_s": page_s,
        "services_s": services_s,
        "page_cpu_s": page_cpu_s,
        "services_cpu_s": services_cpu_s,
        "proposed": proposed,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    _child(Path(sys.argv[1]), Path(sys.argv[2]))
