"""`jamsos import` and `jamsos export-register`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..cli.test_cli import VILLAGE, Cli
from .files import xlsx
from .test_import_service import person


@pytest.fixture
def village(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    cli = Cli(tmp_path / "data", capsys)
    cli("init", "--village", VILLAGE, "--head", "H. Dadang Suherman", "--operator", "Rina Marlina", "--year", "2026")
    return cli


def test_dry_run_json_report_import_export_and_import_again(village: Cli, tmp_path: Path) -> None:
    bad = person(3)
    bad[1] = 3.20101e15
    path = xlsx(tmp_path / "a.xlsx", [person(1), person(2), bad])
    out, err = village("import", str(path), "--dry-run", "--json", "--report", str(tmp_path / "r.xlsx"), code=1)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["row"], r["outcome"]) for r in rows[:3]] == [(5, "new"), (6, "new"), (7, "error")]
    assert rows[2]["reasons"][0]["code"] == "nik.excel_float"
    assert "2 baru" in err and "1 salah" in err and (tmp_path / "r.xlsx").exists()

    _, err = village("import", str(path), code=1)
    assert "tidak ada yang diimpor" in err

    good = xlsx(tmp_path / "b.xlsx", [person(1), person(2)])
    _, err = village("import", str(good))
    assert "diimpor: 2 baru" in err
    _, err = village("export-register", "--out", str(tmp_path / "all.xlsx"))
    assert "2 pekerja" in err
    _, err = village("import", str(tmp_path / "all.xlsx"))
    assert "diimpor: 0 baru, 0 diperbarui, 2 tidak berubah" in err
    village("export-register", "--out", str(tmp_path / "m.csv"), "--masked")
    assert str(person(1)[1]) not in (tmp_path / "m.csv").read_text(encoding="utf-8-sig")


def test_a_mapping_file_and_a_wrong_one(village: Cli, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [person(1)])
    m = tmp_path / "m.json"
    m.write_text(json.dumps({"columns": {"nik": "B", "name": "Nama Lengkap"}}), encoding="utf-8")
    out, _ = village("import", str(path), "--dry-run", "--json", "--mapping", str(m), code=1)
    assert json.loads(out.splitlines()[0])["outcome"] == "error"  # only NIK and name mapped: the rest is missing
    m.write_text(json.dumps({"columns": {"nik": "Sepatu"}}), encoding="utf-8")
    _, err = village("import", str(path), "--mapping", str(m), code=1)
    assert "Sepatu" in err
    _, err = village("import", "/dev/zero", code=1)
    assert "bukan berkas biasa" in err
