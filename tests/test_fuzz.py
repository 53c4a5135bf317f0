"""Each fuzz target (scripts/fuzz.py) runs for a few seconds under atheris without a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fuzz.py"
TARGETS = (
    "sync_file",
    "export_file",
    "return_file",
    "key_file",
    "file_on_disk",
    "money_text",
    "nik_text",
    "worker_fields",
    "settings_file",
)


def test_the_script_lists_the_targets_tested_here() -> None:
    out = subprocess.run([sys.executable, str(SCRIPT), "--list"], capture_output=True, text=True, check=True).stdout
    assert out.split()[1:] == list(TARGETS)


@pytest.mark.parametrize("target", TARGETS)
def test_a_fuzz_target_finds_no_crash(target: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SCRIPT.parent.parent), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), target, "-max_total_time=2", "-rss_limit_mb=1024", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done" in done.stderr or "DONE" in done.stderr or "runs in" in done.stderr
