"""Report figures: 1,000 nomination forms in one PDF, and a 250-worker list with its decree.

The baseline is a plain ReportLab ``canvas`` script, measured in the same run, that draws the
same page content straight-line: the same letterhead image, text (same embedded TTF fonts),
rules and cell lines, and the same QR symbol as one path. What the figure measures is the cost
of our builder's layout code against code that does nothing but draw.
"""

from __future__ import annotations

import datetime as dt
import io

import segno
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from jamsos_desktop.domain import money
from jamsos_desktop.reports import qr
from jamsos_desktop.reports.base import (
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    DecreeInfo,
    Entry,
    Setup,
    emblem_image,
    register_fonts,
    sex_label,
    tanggal,
)
from jamsos_desktop.reports.decree import build_decree
from jamsos_desktop.reports.forms import SECTION_A, SECTION_B, SECTION_C, build_forms, consent_text
from jamsos_desktop.reports.nominee_list import build_list
from jamsos_desktop.services.rows import NominationRow, VillageRow, WorkerRow
from jamsos_desktop.services.village import new_program, program_row

from .common import Figure, median_time, scaled

FORMS = scaled(1_000, 5)
LIST = scaled(250, 5)


def _setup(paper: str = "a4") -> Setup:
    v = VillageRow(
        id="v",
        code="32.04.05.2005",
        name="Cibiru Hilir",
        kind="desa",
        district_name="Cileunyi",
        regency_name="Kabupaten Bandung",
        province_name="Jawa Barat",
        postal_code="40626",
        head_title="Kepala Desa",
        head_name="H. Dadang Suherman",
        operator_name="Rina Marlina",
        office_address="Jl. Raya Cibiru No. 1",
        emblem_sha256=None,
        device_id="d",
        version=1,
    )
    p = new_program(2026, v.name)
    p.id, p.version = "p", 1
    return Setup(village=v, program=program_row(p), print_date=dt.date(2026, 11, 21), paper=paper)


def _entries(n: int) -> list[Entry]:
    now = dt.datetime(2026, 11, 1, 8)
    first = ("Siti", "Asep", "Ujang", "Dédé", "Ni Luh Putu", "Muhammad", "Euis", "Agus")
    last = ("Nurhaliza", "Saepudin", "Komarudin", "Rohaéti", "Ayu Ðurga", "Rizki", "Kurniasih", "Setiawan")
    out = []
    for i in range(n):
        wid = f"0190a1b2-c3d4-7e5f-8a9b-{i:012x}"
        w = WorkerRow(
            id=wid,
            nik=f"320405{(i % 28) + 1:02d}0895{i % 9999 + 1:04d}",
            kk=f"32040512{i % 9999 + 1:04d}0001",
            name=f"{first[i % 8]} {last[(i // 8) % 8]}",
            birth_place="Bandung",
            birth_date=dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
            sex="LP"[i % 2],
            address=f"Kp. Cibiru Tonggoh No. {i % 200}",
            dusun=("Dusun I", "Sukamaju", "Cibiru Tonggoh")[i % 3],
            rt=f"{1 + i % 9:03d}",
            rw=f"{1 + i % 4:03d}",
            phone="081234567890",
            occupation_code=(9, 19, 20, 11)[i % 4],
            category=("petani", "buruh_tani", "pedagang_kecil", "tukang_ojek")[i % 4],
            income=1_500_000,
            heir_name="Ahmad Fauzi",
            heir_relation="Istri",
            heir_phone="",
            dtks=bool(i % 2),
            bpjs_active=False,
            kpj="",
            resident=True,
            notes="",
            status="approved",
            version=3,
            created_at=now,
            updated_at=now,
        )
        nom = NominationRow(
            id=f"n-{i}",
            worker_id=wid,
            program_id="p",
            status="approved",
            months=12,
            monthly_contribution=16_800,
            score=0,
            rank=None,
            decline_reason="",
            kpj="",
            coverage_start=None,
            coverage_end=None,
            result_reason="",
            export_seq=None,
            printed_at=None,
            signed_at=None,
            signed_scan_sha256=None,
            version=2,
        )
        out.append(Entry(w, nom))
    return out


def raw_canvas_forms(setup: Setup, entries: list[Entry]) -> bytes:
    """The baseline: one straight-line canvas script per page, same content, no layout helpers."""
    buf = io.BytesIO()
    w_, h_ = 210 * mm, 297 * mm
    c = Canvas(buf, pagesize=(w_, h_), invariant=1, pageCompression=1)
    v, p = setup.village, setup.program
    emblem = emblem_image(None)
    left, right = 20 * mm, w_ - 15 * mm
    consent = simpleSplit(consent_text(setup), SANS, 8.2, right - left)
    row = 5 * mm
    for page, e in enumerate(entries, start=1):
        w, n = e.worker, e.nomination
        top = h_ - 11 * mm
        c.drawImage(emblem, left, top - 23 * mm, 23 * mm, 23 * mm, mask="auto")
        c.setFont(SERIF_BOLD, 13)
        c.drawCentredString(w_ / 2, top - 5 * mm, "PEMERINTAH KABUPATEN BANDUNG")
        c.drawCentredString(w_ / 2, top - 12 * mm, "KECAMATAN CILEUNYI")
        c.setFont(SERIF_BOLD, 16)
        c.drawCentredString(w_ / 2, top - 19 * mm, "DESA CIBIRU HILIR")
        c.setFont(SERIF, 9)
        c.drawCentredString(w_ / 2, top - 25 * mm, "Jl. Raya Cibiru No. 1, Kode Pos 40626")
        c.setLineWidth(2)
        c.line(left, top - 29 * mm, right, top - 29 * mm)
        c.setLineWidth(0.6)
        c.line(left, top - 30 * mm, right, top - 30 * mm)
        c.setFont(SANS_BOLD, 12.5)
        c.drawCentredString(w_ / 2 - 13 * mm, top - 38 * mm, "FORMULIR USULAN CALON PESERTA")
        c.setFont(SANS_BOLD, 10)
        c.drawCentredString(w_ / 2 - 13 * mm, top - 43 * mm, "JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN")
        c.setFont(SANS, 9)
        c.drawCentredString(
            w_ / 2 - 13 * mm, top - 48 * mm, f"Tahun Anggaran {p.year} · Sumber dana {p.funding_source}"
        )
        # QR: the same symbol, one path of run rectangles.
        matrix = segno.make_qr(qr.payload(w, n, p.year), error="m", mask=2).matrix
        size = 24 * mm
        m = size / len(matrix)
        path = c.beginPath()
        qx, qy = right - size, top - 57 * mm
        for r, bits in enumerate(matrix):
            start = -1
            for col in range(len(bits) + 1):
                dark = col < len(bits) and bits[col]
                if dark and start < 0:
                    start = col
                elif not dark and start >= 0:
                    path.rect(qx + start * m, qy + size - (r + 1) * m, (col - start) * m, m)
                    start = -1
        c.drawPath(path, stroke=0, fill=1)
        total = n.monthly_contribution * n.months
        values = [
            w.nik,
            w.kk,
            w.name,
            f"{w.birth_place}, {tanggal(w.birth_date)}",
            sex_label(w.sex),
            w.address,
            f"{w.dusun}, RT {w.rt} / RW {w.rw}",
            f"Desa {v.name}, Kecamatan {v.district_name}, {v.regency_name}",
            w.phone,
            "PETANI/PEKEBUN",
            w.category,
            money.rupiah(w.income or 0),
            "Ya" if w.dtks else "Tidak",
            w.heir_name,
            w.heir_relation,
            w.heir_phone or "-",
            "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)",
            f"Bukan Penerima Upah (BPU); iuran dibayar Pemerintah Desa {v.name}",
            money.rupiah(n.monthly_contribution),
            f"{n.months} bulan",
            f"{money.rupiah(total)} ({money.words(total)})",
            f"APBDes {v.name} Tahun Anggaran {p.year}",
        ]
        y = top - 62 * mm
        c.setLineWidth(0.4)
        for k, (label, value) in enumerate(zip((*SECTION_A, *SECTION_B, *SECTION_C), values, strict=True)):
            if k in (0, 13, 16):
                c.setFont(SANS_BOLD, 9)
                c.drawString(left, y - 4 * mm, "A. B. C."[k % 3])
                y -= 6 * mm
            c.line(left, y, right, y)
            c.line(left, y, left, y - row)
            c.line(left + 50 * mm, y, left + 50 * mm, y - row)
            c.line(right, y, right, y - row)
            c.setFont(SANS, 8.3)
            c.drawString(left + 1.2 * mm, y - 3.4 * mm, label)
            c.setFont(SANS, 9.2)
            c.drawString(left + 51.2 * mm, y - 3.4 * mm, value)
            y -= row
        c.line(left, y, right, y)
        c.setFont(SANS_BOLD, 9)
        c.drawString(left, y - 4 * mm, "D.  PERNYATAAN PERSETUJUAN PENGGUNAAN DATA PRIBADI")
        c.setFont(SANS, 8.2)
        y -= 8.6 * mm
        for line in consent:
            c.drawString(left, y, line)
            y -= 10.4
        c.setFont(SANS, 9)
        c.drawCentredString(left + 145 * mm, y - 3 * mm, f"{v.name}, {tanggal(setup.print_date)}")
        for i, head in enumerate(("Calon Peserta,", "Operator Desa,", "Kepala Desa Cibiru Hilir,")):
            c.drawCentredString(left + (i + 0.5) * 58 * mm, y - 12 * mm, head)
        c.rect(left + 40 * mm, 25 * mm, 16 * mm, 16 * mm)
        c.setFont(SANS_BOLD, 9)
        for i, name in enumerate((w.name, v.operator_name, v.head_name.upper())):
            c.drawCentredString(left + (i + 0.5) * 58 * mm, 19 * mm, name)
            c.line(left + (i + 0.2) * 58 * mm, 18.5 * mm, left + (i + 0.8) * 58 * mm, 18.5 * mm)
        c.setFont(SANS, 6.5)
        c.drawString(left, 10 * mm, f"Formulir usulan · ID {w.id[-8:]} · versi {w.version}")
        c.drawRightString(right, 10 * mm, f"Halaman {page} dari {len(entries)}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _ours(setup: Setup, entries: list[Entry]) -> bytes:
    buf = io.BytesIO()
    build_forms(buf, setup, entries)
    return buf.getvalue()


def run() -> list[Figure]:
    register_fonts()
    setup = _setup()
    entries = _entries(FORMS)
    _ours(setup, entries[:20])  # warm-up: font subsets, imports
    raw_canvas_forms(setup, entries[:20])
    repeat = 3
    # Alternate the two so that machine noise hits both alike.
    ours_t, base_t = [], []
    for _ in range(repeat):
        ours_t.append(median_time(lambda: _ours(setup, entries), repeat=1))
        base_t.append(median_time(lambda: raw_canvas_forms(setup, entries), repeat=1))
    ours_t.sort()
    base_t.sort()
    ours_pps = FORMS / ours_t[repeat // 2]
    base_pps = FORMS / base_t[repeat // 2]
    figures = [
        Figure(
            f"{FORMS:,} formulir usulan in one PDF (A4), pages/s",
            ours_pps,
            base_pps,
            "pages/s",
            ">= 0.8x raw canvas",
            ours_pps >= 0.8 * base_pps,
        )
    ]
    listed = _entries(LIST)
    decree = DecreeInfo("141/12/KPTS/2026", dt.date(2026, 11, 21))

    def both() -> None:
        build_list(io.BytesIO(), setup, listed)
        build_decree(io.BytesIO(), setup, listed, decree)

    list_only = median_time(lambda: build_list(io.BytesIO(), setup, listed), repeat=5)
    t = median_time(both, repeat=5)
    figures.append(
        Figure(
            f"{LIST}-worker list + decree with Lampiran (A4), s; baseline: list alone",
            t,
            list_only,
            "s",
            "report the time",
            True,
        )
    )
    figures.append(_from_database(decree))
    return figures


def _from_database(decree: DecreeInfo) -> Figure:
    """The same two documents as the app makes them: rows gathered from a village database, then built."""
    import shutil
    import tempfile
    from pathlib import Path

    from jamsos_desktop.services import demo, nominations, printing, users, village
    from jamsos_desktop.services.context import Workspace

    root = Path(tempfile.mkdtemp(prefix="jamsos-bench-reports-"))
    try:
        ws = Workspace.open(root / "data", create=True)
        village.init_village(ws, code="32.04.05.2005", head_name="H. Dadang Suherman", year=2026)
        operator = users.default_actor(ws)
        village.update_program(ws, operator, quota=LIST)
        demo.generate(ws, operator, 600, seed=11, today=dt.date(2026, 11, 21))
        nominations.nominate_ranked(ws, operator, limit=LIST)
        nominations.approve(ws, users.default_actor(ws, approving=True))
        n = len(printing.list_entries(ws))

        def gather_only() -> None:
            printing.list_entries(ws)
            printing.setup(ws)

        def both() -> None:
            printing.build_bytes(ws, printing.LIST)
            printing.build_bytes(ws, printing.DECREE, decree=decree)

        gather = median_time(gather_only, repeat=5)
        t = median_time(both, repeat=5)
        ws.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return Figure(
        f"{n}-worker list + decree from the database, s; baseline: gathering rows",
        t,
        gather,
        "s",
        "report the time",
        True,
    )


if __name__ == "__main__":
    for f in run():
        print(f.line())
