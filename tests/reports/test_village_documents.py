"""The documents speak the village's own words (items 9-13): nagari, gampong, desa in Bali, kelurahan;
no silent placeholders; printing in any order; QR answers that say what they mean."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest

from jamsos_desktop.cli.main import main
from jamsos_desktop.domain.text import UserError, set_language
from jamsos_desktop.reports import base, qr
from jamsos_desktop.reports.base import DecreeInfo, upper_name
from jamsos_desktop.reports.decree import build_decree
from jamsos_desktop.reports.forms import build_forms
from jamsos_desktop.reports.nominee_list import build_list
from jamsos_desktop.services import printing, village

from ..conftest import open_as
from .factory import pdf_pages
from .villages import HEAD, kinds, long_entries, setup_for

DECREE = DecreeInfo("141/12/KPTS/2026", dt.date(2026, 11, 21))
KINDS = kinds()


def _text(data: bytes) -> str:
    return " ".join(" ".join(pdf_pages(data)).split())


def _all(kind: str, **setup: str) -> dict[str, str]:
    st = setup_for(KINDS[kind], **setup)
    es = long_entries(4)
    out = {}
    for name, build in (
        ("form", lambda b: build_forms(b, st, es[:1])),
        ("list", lambda b: build_list(b, st, es)),
        ("masked", lambda b: build_list(b, st, es, masked=True)),
        ("decree", lambda b: build_decree(b, st, es, DECREE)),
    ):
        buf = io.BytesIO()
        build(buf)
        out[name] = _text(buf.getvalue())
    return out


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_document_uses_the_village_word_and_hamlet_word(kind: str) -> None:
    v = KINDS[kind]
    w = setup_for(v).words
    docs = _all(kind)
    for name, text in docs.items():
        assert w.unit_name.upper() in text, name  # letterhead or title
        if w.unit != "Desa":
            assert f"DESA {v.name.upper()}" not in text and f"Desa {v.name}" not in text, name
        assert w.hamlet in text, name  # the column or row label says Jorong / Banjar / Lingkungan ...
    assert f"Sumber dana {'APBD' if w.kelurahan else w.budget_short}" in docs["form"]
    if not w.kelurahan:
        # KEDUA and Mengingat name the same budget, with the regulation's number.
        assert f"{w.budget_long} ({w.budget_short})" in docs["decree"]
        assert (
            f"Peraturan {w.unit_name} Nomor 8 Tahun 2025 tentang {w.budget_long} Tahun Anggaran 2026" in docs["decree"]
        )
        assert "APBDes" not in docs["decree"] or w.unit == "Desa"


def test_the_lampiran_repeats_the_decree_s_subject_and_speaks_of_peserta() -> None:
    from jamsos_desktop.reports.decree import subject

    st = setup_for(KINDS["nagari"])
    buf = io.BytesIO()
    build_decree(buf, st, long_entries(3), DECREE)
    pages = pdf_pages(buf.getvalue())
    lampiran = " ".join(" ".join(p for p in pages if "LAMPIRAN" in p).split())
    assert subject(st).upper() in lampiran
    assert "DAFTAR PESERTA JAMINAN SOSIAL" in lampiran and "CALON PESERTA" not in lampiran


def test_a_kelurahan_decree_is_the_city_s() -> None:
    v = KINDS["kelurahan"]
    st = setup_for(v, head_nip="198001012006041001")
    text = _all("kelurahan", head_nip="198001012006041001")["decree"]
    city = v.regency_name  # "Kota Padang"
    assert f"dibayarkan oleh Pemerintah {city}" in text
    assert f"(APBD) {city}" in text
    assert f"Ditetapkan di : {city.removeprefix('Kota ')}" in text
    assert f"Kepala Dinas Tenaga Kerja {city}" in text
    assert "Pemberdayaan Masyarakat dan Desa" not in text
    assert "NIP. 198001012006041001" in text
    assert "APBDes" not in text and "Pemerintah Kelurahan" not in text
    assert "Pemerintah Kelurahan" not in _all("kelurahan")["form"]
    assert st.place == city.removeprefix("Kota ")


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        (HEAD, "Dr. H. MUHAMMAD RIDWAN NUGRAHA PRAWIRANEGARA, S.Sos., M.Si."),
        ("H. Dadang Suherman", "H. DADANG SUHERMAN"),
        ("Ir. Hj. Siti Aminah, M.Kn.", "Ir. HJ. SITI AMINAH, M.Kn."),
        ("drs. i made  sudarta", "drs. I MADE SUDARTA"),
    ],
)
def test_academic_titles_keep_their_case(name: str, printed: str) -> None:
    assert upper_name(name) == printed
    text = _all("kelurahan")["decree"]
    assert upper_name(HEAD) in text and "M.SI." not in text and "S.SOS." not in text


def test_no_silent_placeholders() -> None:
    v = dataclasses.replace(KINDS["desa_jawa"], operator_name="Operator Desa")
    st = dataclasses.replace(setup_for(v), regulation_number="")
    docs = {}
    for name, build in (
        ("form", lambda b: build_forms(b, st, long_entries(1))),
        ("list", lambda b: build_list(b, st, long_entries(2))),
        ("decree", lambda b: build_decree(b, st, long_entries(2), DECREE)),
    ):
        buf = io.BytesIO()
        build(buf)
        docs[name] = _text(buf.getvalue())
    for name, text in docs.items():
        assert "OPERATOR DESA" not in text.replace("OPERATOR DESA,", ""), name
        assert "CONTOH" in text and "belum diatur" in text, name  # the placeholder emblem says so
    assert "Nomor ........ Tahun 2026" in docs["decree"]  # a blank to fill in, not an invented number
    stored = dataclasses.replace(st, emblem=_png())
    buf = io.BytesIO()
    build_forms(buf, stored, long_entries(1))
    assert "CONTOH" not in _text(buf.getvalue())
    assert base.emblem_missing(None) and base.emblem_missing(b"not an image") and not base.emblem_missing(_png())


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (30, 30), "red").save(buf, "PNG")
    return buf.getvalue()


# -- the services and the command line ------------------------------------------------------------


def run(d: Path, *args: str) -> int:
    return main(["--data-dir", str(d), "--lang", "id", *args])


@pytest.fixture
def nagari_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    d = tmp_path / "data"
    assert run(d, "init", "--village", "13.05.16.2006", "--head", HEAD, "--year", "2026") == 0
    out = capsys.readouterr().out
    assert "Wali Nagari" in out and "--head-title" in out  # the inferred title is shown to confirm
    assert "Nagari Kampuang Tanjuang Koto Mambang Sungai Durian" in out
    assert "Pekerja Rentan Nagari Kampuang" in out  # the program's name
    assert "CONTOH" in out and "print emblem" in out
    assert run(d, "demo", "--workers", "40", "--seed", "5") == 0
    assert run(d, "nominate", "--ranked", "--limit", "4") == 0
    assert run(d, "approve", "--all") == 0
    capsys.readouterr()
    return d


def test_init_infers_the_title_and_leaves_the_operator_blank(nagari_dir: Path) -> None:
    ws = open_as(nagari_dir)
    try:
        v = village.get_village(ws)
        assert (v.head_title, v.operator_name) == ("Wali Nagari", "")
        assert (
            village.get_program(ws).name.startswith("Perlindungan")
            and "Nagari Kampuang" in village.get_program(ws).name
        )
        data, _ = printing.build_bytes(ws, printing.FORM, all_listed=True)
    finally:
        ws.close()
    text = _text(data)
    assert "Operator Nagari," in text and "OPERATOR" not in text.replace("Operator Nagari,", "")
    assert "Korong / RT / RW" in text and "Sumber dana APB Nagari" in text


def test_forms_list_and_decree_print_in_any_order(
    nagari_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = nagari_dir
    pdf = str(tmp_path / "x.pdf")
    decree = ("print", "decree", "--number", "1/KPTS/2026", "--date", "2026-11-21", "--out", pdf)
    assert run(d, "print", "list", "--out", pdf) == 0  # marks everyone Dicetak
    assert "Perhatian: lambang daerah belum diatur" in capsys.readouterr().err
    assert run(d, "print", "form", "--all-approved", "--out", pdf) == 1
    assert "--all" in capsys.readouterr().err  # says how to print them anyway
    for _ in range(2):
        assert run(d, "print", "form", "--all", "--out", pdf) == 0
        assert "4 halaman" in capsys.readouterr().out
        assert run(d, *decree) == 0
        assert "peraturan" in capsys.readouterr().err  # its number is not known yet
        assert run(d, "print", "list", "--out", pdf) == 0
    assert run(d, *decree, "--regulation-number", "8 Tahun 2025") == 0
    assert "peraturan" not in capsys.readouterr().err
    assert run(d, *decree) == 0  # kept for next time
    assert "Nomor 8 Tahun 2025 tentang Anggaran Pendapatan dan Belanja Nagari" in _text(Path(pdf).read_bytes())
    assert run(d, "print", "form", "--all", "--all-approved", "--out", pdf) == 1


def test_a_lurah_s_nip_is_checked_kept_and_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "kota"
    code = KINDS["kelurahan"].code
    assert run(d, "init", "--village", code, "--head", "Budi", "--head-nip", "1980 0101 2006 04 1 01") == 1
    assert "NIP" in (err := capsys.readouterr().err) and "18 angka" in err
    assert run(d, "init", "--village", code, "--head", "Budi", "--head-nip", "198001012006041001") == 0
    out = capsys.readouterr().out
    assert "Lurah: Budi (NIP 198001012006041001)" in out and "Kelurahan Parak Laweh" in out
    assert run(d, "demo", "--workers", "30", "--seed", "2") == 0
    assert run(d, "nominate", "--ranked", "--limit", "2") == 0
    assert run(d, "approve", "--all") == 0
    pdf = tmp_path / "sk.pdf"
    assert run(d, "print", "decree", "--number", "5/2026", "--date", "2026-11-21", "--out", str(pdf)) == 0
    text = _text(pdf.read_bytes())
    assert "NIP. 198001012006041001" in text and "Ditetapkan di : Padang" in text
    with pytest.raises(UserError):
        village.check_nip("12345")


def test_qr_answers_say_what_they_mean(nagari_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = nagari_dir
    ws = open_as(d)
    try:
        e = printing.list_entries(ws)[0]
        payload = qr.payload(e.worker, e.nomination, 2026)
        flipped = "0" if payload[-10] != "0" else "1"  # always differs from the original
        forged = payload[:-10] + flipped + payload[-9:]
        assert forged != payload
        assert printing.verify_qr(ws, payload).state == printing.QR_CURRENT
        check = printing.verify_qr(ws, forged)
        assert check.state == printing.QR_INVALID and "Tidak sah" in check.message
        assert "Versi lama" not in check.message
        set_language("en")
        assert printing.verify_qr(ws, forged).message.startswith("Not valid")
        assert printing.verify_qr(ws, "hello").message == "This QR code is not a JAMSOS form."
    finally:
        set_language("id")
        ws.close()
    assert run(d, "verify-qr", payload) == 0
    assert run(d, "verify-qr", forged) == printing.QR_EXIT[printing.QR_INVALID] == 5
    assert capsys.readouterr().out.splitlines()[-1].startswith("invalid: Tidak sah")
    assert run(d, "verify-qr", "halo") == 4
    assert main(["--data-dir", str(d), "--lang", "en", "verify-qr", forged]) == 5
    assert "Not valid" in capsys.readouterr().out
    assert set(printing.QR_EXIT) == {printing.QR_CURRENT, printing.QR_OLDER, printing.QR_UNKNOWN, printing.QR_INVALID}
    assert [k for k, v in printing.QR_EXIT.items() if v == 0] == [printing.QR_CURRENT]
