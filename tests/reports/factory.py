"""Plain rows for report tests: no database needed to lay out 250 workers."""

from __future__ import annotations

import datetime as dt

from jamsos_desktop.reports.base import Entry, Setup
from jamsos_desktop.services.rows import NominationRow, VillageRow, WorkerRow
from jamsos_desktop.services.village import new_program, program_row

PRINT_DATE = dt.date(2026, 11, 21)
NAMES = (
    "Siti Nurhaliza",
    "Asep Saepudin",
    "Ujang Komarudin bin Haji Abdurrahman Wahid Sastrawidjaja",
    "Dédé Rohaéti",
    "Ni Luh Putu Ayu Ðurga",
)


def village(head_title: str = "Kepala Desa") -> VillageRow:
    return VillageRow(
        id="v",
        code="32.04.05.2005",
        name="Cibiru Hilir",
        kind="desa",
        district_name="Cileunyi",
        regency_name="Kabupaten Bandung",
        province_name="Jawa Barat",
        postal_code="40626",
        head_title=head_title,
        head_name="H. Dadang Suherman",
        operator_name="Rina Marlina",
        office_address="Jl. Raya Cibiru No. 1",
        emblem_sha256=None,
        device_id="d",
        version=1,
    )


def setup(paper: str = "a4", head_title: str = "Kepala Desa", print_date: dt.date = PRINT_DATE) -> Setup:
    p = new_program(2026, "Cibiru Hilir")
    p.id, p.version = "p", 1
    return Setup(village=village(head_title), program=program_row(p), print_date=print_date, paper=paper)


def nik(i: int) -> str:
    return f"320405{(i % 28) + 1:02d}0895{i + 1:04d}"


def entries(n: int) -> list[Entry]:
    now = dt.datetime(2026, 11, 1, 8, 0)
    out = []
    for i in range(n):
        wid = f"0190a1b2-c3d4-7e5f-8a9b-{i:012x}"
        w = WorkerRow(
            id=wid,
            nik=nik(i),
            kk=f"32040512{i + 1:04d}0001",
            name=NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}"),
            birth_place="Bandung",
            birth_date=dt.date(1980 + i % 20, 1 + i % 12, 1 + i % 28),
            sex="LP"[i % 2],
            address=f"Kp. Cibiru Tonggoh No. {i}",
            dusun=("Dusun I", "Sukamaju", "Cibiru Tonggoh")[i % 3],
            rt=f"{1 + i % 9:03d}",
            rw=f"{1 + i % 4:03d}",
            phone="081234567890",
            occupation_code=(9, 19, 20, 11)[i % 4],
            category=("petani", "buruh_tani", "pedagang_kecil", "tukang_ojek")[i % 4],
            income=1_500_000,
            heir_name="Ahmad Fauzi",
            heir_relation="Suami" if i % 2 else "Istri",
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
            consent_date=dt.date(2026, 10, 15),
        )
        nom = NominationRow(
            id=f"n-{i}",
            worker_id=wid,
            program_id="p",
            status="approved",
            months=12,
            monthly_contribution=16_800,
            score=1,
            rank=i + 1,
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


def pdf_pages(data: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def page_sizes_mm(data: bytes) -> list[tuple[int, int]]:
    import io

    from pypdf import PdfReader

    return [
        (round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4))
        for p in PdfReader(io.BytesIO(data)).pages
    ]
