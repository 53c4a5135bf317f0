"""`make bench` runs from start to end: every module, on a sliver of its rows (JAMSOS_BENCH_SCALE).

A baseline that opened the encrypted register with plain sqlite3 once stopped `make bench` with
"file is not a database" and nothing noticed. The figures at this scale mean nothing; what is
checked is that every module runs, prints its figures, and that none of them is left out of the
scaling (a module that ignores it would take minutes here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import MODULES

ROOT = Path(__file__).resolve().parents[1]
FIGURE = re.compile(r" ours +\S+ .* baseline +\S+ +ratio ")


def test_every_bench_module_scales() -> None:
    for name in MODULES:
        text = (ROOT / "bench" / f"{name}.py").read_text(encoding="utf-8")
        assert "scaled(" in text, f"bench/{name}.py does not use common.scaled for its sizes"


@pytest.mark.parametrize("name", MODULES)
def test_the_bench_module_runs_to_the_end(name: str, tmp_path: Path) -> None:
    env = dict(os.environ, JAMSOS_BENCH_SCALE="0.002", QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    got = subprocess.run(
        [sys.executable, "-m", "bench", name],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert got.returncode == 0, got.stderr[-3000:]
    figures = [line for line in got.stdout.splitlines() if FIGURE.search(line)]
    assert figures, got.stdout[-2000:]
    assert "Traceback" not in got.stderr
