"""The builders on plain rows: text read back, page sizes, the signature rule, reproducibility."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from jamsos_desktop.domain.identity import mask_nik
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.reports import qr
from jamsos_desktop.reports.base import DecreeInfo, Entry, head_office, paper_size, tanggal, unit_name
from jamsos_desktop.reports.decree import build_decree
from jamsos_desktop.reports.forms import build_forms
from jamsos_desktop.reports.nominee_list import NomineeList, build_list

from .factory import entries, page_sizes_mm, pdf_pages, setup, village

DECREE = DecreeInfo("141/12/KPTS/2026", dt.date(2026, 11, 21))


def _forms(n: int, paper: str = "a4") -> bytes:
    buf = io.BytesIO()
    build_forms(buf, setup(paper), entries(n))
    return buf.getvalue()


def _list(n: int, paper: str = "a4", *, masked: bool = False) -> bytes:
    buf = io.BytesIO()
    build_list(buf, setup(paper), entries(n), masked=masked)
    return buf.getvalue()


def _decree(n: int, paper: str = "a4", head_title: str = "Kepala Desa") -> bytes:
    buf = io.BytesIO()
    build_decree(buf, setup(paper, head_title), entries(n), DECREE)
    return buf.getvalue()


def test_forms_one_page_per_worker_with_their_data() -> None:
    es = entries(5)
    pages = pdf_pages(_forms(5))
    assert len(pages) == 5
    for i, (text, e) in enumerate(zip(pages, es, strict=True), start=1):
        w = e.worker
        assert w.nik in text
        assert w.kk in text
        assert w.name in text  # any Latin letter: é, Ð
        assert f"Halaman {i} dari 5" in text
        assert "FORMULIR USULAN CALON PESERTA" in text
        assert "PEMERINTAH KABUPATEN BANDUNG" in text
        assert "DESA CIBIRU HILIR" in text
        assert "Rp16.800" in text
        assert "Rp201.600 (dua ratus satu ribu enam ratus rupiah)" in text
        assert "12 (dua belas) bulan" in text
        assert "Undang-Undang Nomor 27 Tahun 2022" in text
        assert "Cibiru Hilir, 21 November 2026" in text
        assert "H. DADANG SUHERMAN" in text
        assert "Rina Marlina" in text
        assert "cap jempol" in text
        assert f"kode {qr.content_hash(w, e.nomination, 2026)}" in text


@pytest.mark.parametrize(("paper", "size"), [("a4", (210, 297)), ("f4", (215, 330))])
def test_paper_sizes(paper: str, size: tuple[int, int]) -> None:
    assert set(page_sizes_mm(_forms(2, paper))) == {size}
    landscape = (size[1], size[0])
    assert set(page_sizes_mm(_list(30, paper))) == {landscape}
    sizes = page_sizes_mm(_decree(30, paper))
    assert sizes[0] == size  # the decree is portrait, its Lampiran landscape
    assert sizes[-1] == landscape


def test_bad_paper_is_a_user_error() -> None:
    with pytest.raises(UserError) as e:
        paper_size("letter")
    assert "letter" in e.value.message("id") and "a4" in e.value.message("id")


@pytest.mark.parametrize("n", [1, 20, 21, 250])
@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_list_total_and_signatures_share_the_last_page_with_rows(n: int, paper: str) -> None:
    pages = pdf_pages(_list(n, paper))
    total = n * 16_800 * 12
    last = pages[-1]
    assert "Dibuat oleh" in last and "Mengetahui" in last
    assert f"Jumlah peserta: {n} (" in last
    assert f"Rp{total:,}".replace(",", ".") in last
    from jamsos_desktop.domain.money import words

    assert words(total) in last
    assert "RINA MARLINA" in last and "H. DADANG SUHERMAN" in last
    # The signatures never stand alone: the last worker is on that page too.
    assert entries(n)[-1].worker.nik in last
    for i, text in enumerate(pages, start=1):
        assert f"Halaman {i} dari {len(pages)}" in text
        assert "DAFTAR NOMINATIF CALON PESERTA" in text  # the header repeats on every page
        if i < len(pages):
            assert "Mengetahui" not in text and "Jumlah peserta" not in text
    # Every worker is on exactly one page.
    for e in entries(n):
        assert sum(e.worker.nik in t for t in pages) == 1


def test_list_plan_keeps_rows_with_the_tail() -> None:
    for n in range(1, 80):
        doc = NomineeList(setup(), entries(n))
        assert sum(doc.chunks) == n
        assert doc.chunks[-1] >= 1


def test_masked_list_hides_niks_and_kk() -> None:
    es = entries(21)
    text = "\n".join(pdf_pages(_list(21, masked=True)))
    for e in es:
        assert e.worker.nik not in text
        assert e.worker.kk not in text
        assert mask_nik(e.worker.nik) in text
        assert e.worker.name.split()[0] in text
    assert "NIK disamarkan" in text
    assert "Mengetahui" in text


def test_decree_uses_the_head_title_and_carries_the_lampiran() -> None:
    pages = pdf_pages(_decree(21, head_title="Wali Nagari"))
    body = "\n".join(pages)
    assert "KEPUTUSAN WALI NAGARI CIBIRU HILIR" in body
    assert "NOMOR 141/12/KPTS/2026" in body
    for word in ("TENTANG", "Menimbang", "Mengingat", "MEMUTUSKAN", "Menetapkan", "KESATU", "KEDUA", "KETIGA"):
        assert word in body
    assert "Undang-Undang Nomor 6 Tahun 2014 tentang Desa" in body
    assert "Instruksi Presiden Nomor 2 Tahun 2021" in body
    assert "Peraturan Pemerintah Nomor 44 Tahun 2015" in body
    assert "Ditetapkan di" in body and "21 November 2026" in body
    assert "Tembusan" in body and "Camat Cileunyi" in body
    assert "Rp4.233.600" in body and "empat juta dua ratus tiga puluh tiga ribu enam ratus rupiah" in body
    assert "sebanyak 21 (dua puluh satu) orang" in body
    lampiran = [p for p in pages if "LAMPIRAN" in p]
    assert lampiran, "the list is attached"
    assert all(e.worker.nik in body for e in entries(21))
    for i, text in enumerate(pages, start=1):
        assert f"Halaman {i} dari {len(pages)}" in text


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("Kepala Desa", "Kepala Desa Cibiru Hilir"),
        ("Wali Nagari", "Wali Nagari Cibiru Hilir"),
        ("Keuchik", "Keuchik Gampong Cibiru Hilir"),
        ("Perbekel", "Perbekel Desa Cibiru Hilir"),
        ("Kepala Kampung", "Kepala Kampung Cibiru Hilir"),
    ],
)
def test_head_office_follows_the_title(title: str, office: str) -> None:
    assert head_office(village(title)) == office


def test_unit_name() -> None:
    assert unit_name(village("Wali Nagari")) == "Nagari Cibiru Hilir"
    assert tanggal(dt.date(2026, 2, 3)) == "3 Februari 2026"


def test_decree_needs_a_number() -> None:
    with pytest.raises(UserError) as e:
        build_decree(io.BytesIO(), setup(), entries(2), DecreeInfo("  ", dt.date(2026, 1, 1)))
    assert "Nomor keputusan" in e.value.message("id")


def test_same_data_gives_the_same_bytes() -> None:
    assert _forms(3) == _forms(3)
    assert _list(25) == _list(25)
    assert _decree(25, "f4") == _decree(25, "f4")
    other_day = io.BytesIO()
    build_forms(other_day, setup(print_date=dt.date(2026, 11, 22)), entries(3))
    assert other_day.getvalue() != _forms(3)


def test_qr_payload_round_trip() -> None:
    e = entries(1)[0]
    text = qr.payload(e.worker, e.nomination, 2026)
    parsed = qr.parse(text)
    assert parsed is not None
    assert (parsed.worker_id, parsed.version) == (e.worker.id, e.worker.version)
    assert parsed.digest == qr.content_hash(e.worker, e.nomination, 2026)
    assert qr.parse("JAMSOS1|nonsense") is None
    assert qr.parse("") is None


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_render_to_png(tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "forms.pdf").write_bytes(_forms(2, "f4"))
    (tmp_path / "list.pdf").write_bytes(_list(21))
    for name, size in (("forms", (215, 330)), ("list", (297, 210))):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
            check=True,
            capture_output=True,
        )
        png = next(tmp_path.glob(f"{name}-*1.png"))
        with Image.open(png) as im:
            assert abs(im.width - size[0] / 25.4 * 60) <= 2
            assert abs(im.height - size[1] / 25.4 * 60) <= 2
            gray = im.convert("L")
            hist = gray.histogram()
            dark = sum(hist[:128]) / (im.width * im.height)
            assert 0.01 < dark < 0.4, dark  # ink on the page, not a blank or black sheet
            # The QR code (top right on the form) is drawn: dark modules in that corner.
            if name == "forms":
                corner = gray.crop((int(im.width * 0.8), int(im.height * 0.12), im.width - 10, int(im.height * 0.25)))
                assert corner.getextrema()[0] < 50


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("zbarimg") is None, reason="poppler-utils or zbar-tools missing"
)
def test_printed_qr_decodes_to_the_payload(tmp_path: Path) -> None:
    e = entries(1)[0]
    (tmp_path / "f.pdf").write_bytes(_forms(1))
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "f.pdf"), str(tmp_path / "f")], check=True)
    png = next(tmp_path.glob("f-*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], check=True, capture_output=True, text=True).stdout
    assert out.strip() == qr.payload(e.worker, e.nomination, 2026)


def test_builders_report_progress_and_give_the_same_pdf() -> None:
    from jamsos_desktop.reports.forms import form_steps
    from jamsos_desktop.reports.nominee_list import list_steps

    buf = io.BytesIO()
    steps = form_steps(buf, setup(), entries(45))
    seen = []
    while True:
        try:
            seen.append(next(steps))
        except StopIteration as stop:
            built = stop.value
            break
    assert seen == [(20, 45), (40, 45)]
    assert built.pages == 45 and buf.getvalue() == _forms(45)
    buf = io.BytesIO()
    pages = [p for p, _ in list_steps(buf, setup(), entries(40))]
    assert pages == list(range(1, len(pages) + 1)) and len(pages) >= 3


def test_kelurahan_documents_use_the_city_and_its_own_statutes() -> None:
    import dataclasses

    st = setup(head_title="Lurah")
    v = dataclasses.replace(st.village, kind="kelurahan", name="Sukaluyu", regency_name="Kota Bandung")
    st = dataclasses.replace(st, village=v, program=dataclasses.replace(st.program, funding_source="APBD"))
    buf = io.BytesIO()
    build_decree(buf, st, entries(3), DECREE)
    body = " ".join(" ".join(pdf_pages(buf.getvalue())).split())
    assert "PEMERINTAH KOTA BANDUNG" in body and "KELURAHAN SUKALUYU" in body
    assert "KEPUTUSAN LURAH SUKALUYU" in body
    assert "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah" in body
    assert "Tahun 2014 tentang Desa" not in body
    assert "(APBD) Kota Bandung" in body


def test_list_total_with_contributions_by_income() -> None:
    import dataclasses

    es = entries(3)
    es[1] = Entry(es[1].worker, dataclasses.replace(es[1].nomination, monthly_contribution=18_800))
    buf = io.BytesIO()
    build_list(buf, setup(), es)
    text = " ".join(" ".join(pdf_pages(buf.getvalue())).split())
    total = (16_800 * 2 + 18_800) * 12
    assert f"Rp{total:,}".replace(",", ".") in text
    assert "masing-masing" in text  # no single "count × contribution" when they differ
