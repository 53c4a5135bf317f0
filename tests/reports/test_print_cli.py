"""`jamsos print ...`, `jamsos sign`, `jamsos verify-qr` end to end in a temporary data directory."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from jamsos_desktop.cli.main import main
from jamsos_desktop.reports import qr
from jamsos_desktop.services import printing

from ..conftest import open_as
from .factory import page_sizes_mm, pdf_pages


@pytest.fixture
def village_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    base = ["--data-dir", str(d)]
    assert (
        main(
            [
                *base,
                "init",
                "--village",
                "32.04.05.2005",
                "--head",
                "H. Dadang Suherman",
                "--operator",
                "Rina Marlina",
                "--year",
                "2026",
            ]
        )
        == 0
    )
    assert main([*base, "demo", "--workers", "60", "--seed", "3"]) == 0
    assert main([*base, "nominate", "--ranked", "--limit", "5"]) == 0
    assert main([*base, "approve", "--all"]) == 0
    return d


def run(d: Path, *args: str) -> int:
    return main(["--data-dir", str(d), "--lang", "id", *args])


def test_print_everything_on_f4_and_a4(village_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = village_dir
    capsys.readouterr()
    forms = tmp_path / "formulir.pdf"
    assert run(d, "print", "form", "--all-approved", "--out", str(forms), "--paper", "f4", "--date", "2026-11-21") == 0
    assert "5 halaman" in capsys.readouterr().out
    assert set(page_sizes_mm(forms.read_bytes())) == {(215, 330)}
    assert all("21 November 2026" in p for p in pdf_pages(forms.read_bytes()))

    lst = tmp_path / "daftar.pdf"
    assert run(d, "print", "list", "--out", str(lst), "--paper", "a4") == 0
    text = "\n".join(pdf_pages(lst.read_bytes()))
    assert "Jumlah peserta: 5 (lima) orang" in text and "Rp1.008.000" in text
    assert "satu juta delapan ribu rupiah" in text
    assert set(page_sizes_mm(lst.read_bytes())) == {(297, 210)}

    masked = tmp_path / "umum.pdf"
    assert run(d, "print", "list", "--masked", "--out", str(masked)) == 0
    assert "NIK disamarkan" in "\n".join(pdf_pages(masked.read_bytes()))

    decree = tmp_path / "sk.pdf"
    args = ("print", "decree", "--number", "141/5/KPTS/2026", "--date", "2026-11-21", "--out", str(decree))
    assert run(d, *args, "--paper", "f4") == 0
    first = decree.read_bytes()
    assert "141/5/KPTS/2026" in pdf_pages(first)[0]
    assert run(d, *args, "--paper", "f4") == 0
    assert decree.read_bytes() == first  # reproducible end to end


def test_print_marks_then_sign_and_verify(
    village_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = village_dir
    out = tmp_path / "f.pdf"
    assert run(d, "print", "form", "--all-approved", "--out", str(out)) == 0
    assert "5 usulan ditandai Dicetak" in capsys.readouterr().out
    ws = open_as(d)
    try:
        entry = printing.list_entries(ws)[0]
        payload = qr.payload(entry.worker, entry.nomination, 2026)
        assert entry.nomination.status == "printed"
    finally:
        ws.close()
    assert run(d, "verify-qr", payload) == 0
    assert capsys.readouterr().out.startswith("current:")
    assert run(d, "verify-qr", "sembarang") == printing.QR_EXIT[printing.QR_UNKNOWN] != 0
    assert capsys.readouterr().out.startswith("unknown:")

    scan = tmp_path / "scan.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "JPEG")
    scan.write_bytes(buf.getvalue())
    assert run(d, "sign", entry.worker.nik, "--scan", str(scan)) == 0
    assert "pindaian" in capsys.readouterr().out
    copy = tmp_path / "salinan.jpg"
    assert run(d, "print", "scan", entry.worker.nik, "--out", str(copy)) == 0
    assert copy.read_bytes() == scan.read_bytes()
    assert run(d, "sign", entry.worker.nik) == 1  # already signed
    assert "Dicetak" in capsys.readouterr().err


def test_bad_input_is_one_clear_line(village_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = village_dir
    capsys.readouterr()
    cases = [
        (("print", "list", "--out", str(tmp_path / "nope" / "x.pdf")), "foldernya tidak ada"),
        (("print", "list", "--out", str(tmp_path / "x.txt")), ".pdf"),
        (("print", "form", "1234", "--out", str(tmp_path / "x.pdf")), "'1234'"),
        (("print", "form", "--out", str(tmp_path / "x.pdf")), "--all-approved"),
        (
            ("print", "decree", "--number", " ", "--date", "2026-11-21", "--out", str(tmp_path / "x.pdf")),
            "Nomor keputusan",
        ),
        (("sign", "3204050101900001", "--scan", str(tmp_path / "missing.jpg")), "tidak ditemukan"),
        (("print", "scan", "3204050101900001", "--out", str(tmp_path / "s.jpg")), "3204050101900001"),
    ]
    for args, expected in cases:
        assert run(d, *args) == 1, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and expected in err, (args, err)
        assert "Traceback" not in err
    assert run(d, "print", "list", "--out", str(tmp_path / "x.pdf"), "--paper", "letter") == 1
    assert "Kertas 'letter': pilih a4 atau f4" in capsys.readouterr().err
    assert run(d, "print", "paper", "legal") == 1
    assert "Kertas 'legal'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
