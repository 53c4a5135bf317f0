"""Start of the bundled app to the sign-in window, against the same start from the virtual environment.

    .venv/bin/python scripts/bundle_start.py [--runs 7] [dist/jamsos]

Both run the real start (``app.launch`` and ``AppController.start``, through ``--smoke-start``)
on the same data folder with a village set up, offscreen, and are timed from the moment the
process is started until it says the sign-in panel has been painted. Runs alternate between the
two so that the machine's load falls on both alike; medians, and their ratio (target <= 1.2).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jamsos_desktop import smoke  # noqa: E402


def prepare(data: Path) -> None:
    village = smoke.Village(data)
    try:
        village.open()
    finally:
        village.close()


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    ready = None
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(smoke.START_MARKER) and ready is None:
                ready = time.perf_counter() - started
        proc.wait(timeout=120)
    if proc.returncode != 0 or ready is None:
        raise SystemExit(f"{cmd[0]}: did not reach the sign-in window (exit {proc.returncode})")
    return ready


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "jamsos"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    exe = Path(args.bundle) / ("jamsos-desktop.exe" if sys.platform == "win32" else "jamsos-desktop")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="jamsos-start-") as tmp:
        data = Path(tmp) / "data"
        prepare(data)
        commands = {
            "bundle": [str(exe), smoke.START_FLAG, str(data)],
            "venv": [sys.executable, "-m", "jamsos_desktop", smoke.START_FLAG, str(data)],
        }
        for cmd in commands.values():  # once each, unmeasured: the disk cache and __pycache__ warm up
            timed(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for i in range(args.runs):
            order = list(commands) if i % 2 == 0 else list(reversed(commands))
            for name in order:
                times[name].append(timed(commands[name], env))
    med = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        print(f"{name:6} median {med[name] * 1000:6.0f} ms  (runs: {', '.join(f'{x * 1000:.0f}' for x in t)})")
    print(f"ratio bundle/venv {med['bundle'] / med['venv']:.2f} (target <= 1.2)")
    try:
        load = os.getloadavg()[0]
        print(f"load average {load:.1f} on {os.cpu_count()} CPUs")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
