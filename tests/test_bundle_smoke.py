"""The bundle's smoke test (jamsos_desktop/smoke.py), run from the source tree.

CI runs the same test on the built bundle (.ci/run); here it runs from the virtual environment,
and each kind of missing piece (a module, a font, a translation, a migration, a data file) is
shown to fail it, so that a bundle short of one cannot pass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jamsos_desktop import paths, smoke
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.storage import db

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_smoke_test_passes_from_the_source_tree(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "JAMSOS_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "jamsos_desktop", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1].startswith(smoke.MARKER)
    steps = [line.split(":")[0].strip() for line in lines[1:-1]]
    assert steps == ["modules", "resources", "migrations", "database", "worker", "pdf", "sync", "window"]
    assert list(tmp_path.iterdir()) == []  # a temporary folder of its own, not the person's data


def test_a_failing_step_fails_the_run_and_names_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    def short() -> str:
        raise smoke.SmokeFailure("fonts missing")

    monkeypatch.setattr(smoke, "step_resources", short)
    lines: list[str] = []
    assert smoke.run(lines.append) == 1
    assert lines[-1] == "SMOKE TEST FAILED at resources: SmokeFailure: fonts missing"
    assert not any(smoke.MARKER in line for line in lines)


def test_a_missing_module_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(smoke, "LAZY_MODULES", (*smoke.LAZY_MODULES, "jamsos_no_such_module"))
    with pytest.raises(ModuleNotFoundError):
        smoke.step_modules()


def copy_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    res = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), res)
    monkeypatch.setattr(paths, "resources_dir", lambda: res)
    return res


@pytest.mark.parametrize("missing", ["fonts/DejaVuSerif-Bold.ttf", "fonts/DejaVuSans.ttf", "emblem/placeholder.png"])
def test_a_missing_font_or_data_file_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    smoke.step_resources()  # complete: passes
    (copy_resources(tmp_path, monkeypatch) / missing).unlink()
    with pytest.raises(smoke.SmokeFailure):
        smoke.step_resources()


def test_missing_region_tables_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    from jamsos_desktop.domain import regions

    monkeypatch.setattr(regions, "village", lambda code: None)
    with pytest.raises(smoke.SmokeFailure, match="region tables"):
        smoke.step_resources()


def test_a_missing_translation_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    from jamsos_desktop.ui import i18n

    res = copy_resources(tmp_path, monkeypatch)
    for qm in (res / "translations").glob("*.qm"):
        qm.unlink()
    assert not i18n.apply_language("en")  # what check_window asks of every language
    i18n.apply_language("id")


def test_missing_migrations_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "storage:" + db.HEAD_REVISION in smoke.step_migrations()
    pkg = tmp_path / "jamsos_desktop"
    shutil.copytree(db.MIGRATIONS, pkg / "storage" / "migrations")
    monkeypatch.setattr(db, "MIGRATIONS", pkg / "storage" / "migrations")
    smoke.step_migrations()  # a complete copy passes
    newest = sorted((pkg / "storage" / "migrations" / "versions").glob(f"{db.HEAD_REVISION}_*.py"))
    assert newest
    newest[0].unlink()
    with pytest.raises(smoke.SmokeFailure, match="head"):
        smoke.step_migrations()
    shutil.rmtree(pkg / "storage" / "migrations")
    with pytest.raises(smoke.SmokeFailure, match="migrations are missing"):
        smoke.step_migrations()


def test_the_command_line_says_its_version(capsys: pytest.CaptureFixture[str]) -> None:
    from jamsos_desktop import __version__
    from jamsos_desktop.cli.main import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"jamsos {__version__}"  # what scripts/bundle_smoke.sh expects


def test_the_schema_revision_is_the_head(workspace: Workspace) -> None:
    from jamsos_desktop.services import doctor

    assert doctor.schema_revision(workspace) == db.HEAD_REVISION


def test_without_stdout_the_lines_go_to_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A windowed Windows program has no stdout: the smoke test's lines must still be readable."""
    monkeypatch.setattr(smoke, "report_file", lambda: tmp_path / "smoke.txt")
    monkeypatch.setattr(sys, "stdout", None)
    smoke._say("line one")
    smoke._say("line two")
    assert (tmp_path / "smoke.txt").read_text(encoding="utf-8") == "line one\nline two\n"
