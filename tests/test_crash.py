"""A bounded sample of the crash test (scripts/crash_test.py): real writers killed with SIGKILL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_test.py"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the writers are forked")
def test_killed_writers_lose_nothing_and_never_half_apply(tmp_path: Path) -> None:
    # A SIGKILL leaves the kernel's page cache as it was, so memory-backed files test the same
    # thing as a disk, without waiting for every fsync of synchronous=FULL.
    shm = Path("/dev/shm")
    work = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() and os.access(shm, os.W_OK) else tmp_path
    env = {**os.environ, "PYTHONPATH": str(SCRIPT.parent.parent)}
    env.pop("JAMSOS_DATA_DIR", None)
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--kills",
            "18",
            "--targeted",
            "3",
            "--calibration-runs",
            "1",
            "--seed",
            "7",
            "--work",
            str(work),
            "--json",
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    if work != tmp_path:
        shutil.rmtree(work, ignore_errors=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0, done.stdout + done.stderr
    assert figures["kills_total"] >= 18 + 3
    assert set(figures["kills"]) >= {"worker_add", "bulk_add", "nominate_approve", "print_mark", "sync_export"}
    assert figures["kills"]["export_after_write"] == 3
    for name in (
        "records_lost",
        "half_applied_batches",
        "integrity_failures",
        "audit_chain_failures",
        "refused_at_opening",
        "export_seq_reused",
    ):
        assert figures[name] == 0, (name, figures["notes"])
    assert sum(figures["commits_reported"].values()) > 0  # the check saw real commits
