"""The district-side tool: open an export to a CSV, fill it in, answer with a signed return file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from jamsos_desktop.services import sync
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.sync import keyfile, tool

from .conftest import District, export_bytes


def test_open_fill_answer(
    village: Workspace,
    operator: Actor,
    district: District,
    out_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    r, _ = export_bytes(village, operator, out_dir)
    key = tmp_path / "rahasia.json"
    key.write_bytes(keyfile.private_key_file(district.keys, name="Disnaker Kab. Bandung"))
    sheet = tmp_path / "hasil.csv"
    assert tool.main(["open", str(r.path), "--key", str(key), "--csv", str(sheet)]) == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert len(rows) == 10 and all(row["outcome"] == "" for row in rows)
    for i, row in enumerate(rows):
        if i < 6:
            row |= {
                "outcome": "registered",
                "kpj": f"2601234567{i}",
                "coverage_start": "2027-01-01",
                "coverage_end": "2027-12-31",
            }
        elif i < 8:
            row |= {"outcome": "rejected", "reason": "NIK tidak ditemukan"}
        # the last two are not answered yet
    with sheet.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=tool.CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    capsys.readouterr()
    assert (
        tool.main(["answer", str(r.path), "--key", str(key), "--csv", str(sheet), "--seq", "1", "--out", str(tmp_path)])
        == 0
    )
    ret = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert ret.name.startswith("JAMSOS-HASIL_3204052005_")
    res = sync.import_return(village, operator, ret)
    assert res.applied == {"registered": 6, "rejected": 2, "duplicate": 0}

    # A bad row is refused with its line number; the wrong key cannot open the export.
    rows[0]["kpj"] = "12AB"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=tool.CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    assert (
        tool.main(["answer", str(r.path), "--key", str(key), "--csv", str(sheet), "--seq", "2", "--out", str(tmp_path)])
        == 1
    )
    assert "line 2" in capsys.readouterr().err
    other = tmp_path / "lain.json"
    other.write_bytes(keyfile.private_key_file(keyfile.make_district_keys(), name="Lain"))
    assert tool.main(["open", str(r.path), "--key", str(other), "--csv", str(sheet)]) == 1
    assert "tidak bisa dibuka" in capsys.readouterr().err


def test_protected_key_from_the_environment(
    village: Workspace,
    operator: Actor,
    district: District,
    out_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    r, _ = export_bytes(village, operator, out_dir)
    key = tmp_path / "rahasia.json"
    key.write_bytes(keyfile.private_key_file(district.keys, name="Disnaker", passphrase="sandi kunci kabupaten"))
    monkeypatch.setenv("JAMSOS_DISTRICT_KEY_PASSPHRASE", "sandi kunci kabupaten")
    assert tool.main(["open", str(r.path), "--key", str(key), "--csv", str(tmp_path / "a.csv")]) == 0
    monkeypatch.setenv("JAMSOS_DISTRICT_KEY_PASSPHRASE", "salah salah salah")
    assert tool.main(["open", str(r.path), "--key", str(key), "--csv", str(tmp_path / "a.csv")]) == 1
