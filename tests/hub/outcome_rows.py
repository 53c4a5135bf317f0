"""Hub rows written straight into the record tables, for tests of what the hub does with them
(duplicates, the BPJS sheet, results, reports) without building village files for each case.

The end-to-end test (test_end_to_end.py) gets the same tables filled by real files through
``hub import``; these rows have the same columns, set as a village's export would set them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert

from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models
from jamsos_desktop.services.workers import name_key

NOW = dt.datetime(2026, 11, 20, 8, 0)
VILLAGES = {
    "32.04.05.2005": ("Cibiru Hilir", "Cileunyi"),
    "32.04.05.2006": ("Cibiru Wetan", "Cileunyi"),
    "32.04.13.2001": ("Kamasan", "Cimenyan"),
}


def _sync(**over: Any) -> dict[str, Any]:
    return {
        "created_at": NOW,
        "updated_at": NOW,
        "version": 1,
        "deleted_at": None,
        "change_seq": 1,
        "created_by": None,
        "updated_by": None,
        "file_id": 1,
        **over,
    }


@dataclass
class Rows:
    """What a test put in: per village, its program id; per worker, (village, worker id, nomination id)."""

    programs: dict[str, str] = field(default_factory=dict)
    people: list[tuple[str, str, str]] = field(default_factory=list)


def add_villages(hub: Hub, *, quota: int = 100, year: int = 2026) -> Rows:
    out = Rows()
    with hub.store.write(None) as s:
        for code, (name, district) in VILLAGES.items():
            s.execute(
                insert(models.villages),
                [
                    _sync(
                        village_code=code,
                        id=str(uuid.uuid4()),
                        code=code,
                        name=name,
                        kind="desa",
                        district_name=district,
                        regency_name="Kabupaten Bandung",
                        province_name="Jawa Barat",
                        postal_code="40625",
                        head_title="Kepala Desa",
                        head_name="H. Kepala",
                        operator_name="Operator",
                        office_address="Jl. Desa 1",
                        device_id=str(uuid.uuid4()),
                    )
                ],
            )
            pid = str(uuid.uuid4())
            s.execute(
                insert(models.programs),
                [
                    _sync(
                        village_code=code,
                        id=pid,
                        year=year,
                        name=f"Perlindungan {year}",
                        funding_source="APBDes",
                        months=12,
                        quota=quota,
                        contribution_mode="lowest",
                        include_jht=False,
                        rule_set_version=1,
                        reference_date=dt.date(year, 1, 1),
                        active=True,
                    )
                ],
            )
            out.programs[code] = pid
    return out


def add_worker(
    hub: Hub,
    rows: Rows,
    village: str,
    *,
    nik: str,
    name: str,
    birth: dt.date,
    sex: str = "P",
    kk: str | None = None,
    status: str | None = "exported",
    category: str = "petani",
    deleted: bool = False,
) -> tuple[str, str | None]:
    """A worker (and, with ``status``, its nomination); returns (worker id, nomination id)."""
    wid = str(uuid.uuid4())
    nid = str(uuid.uuid4()) if status else None
    with hub.store.write(None) as s:
        s.execute(
            insert(models.workers),
            [
                _sync(
                    village_code=village,
                    id=wid,
                    nik=nik,
                    kk=kk or f"3204{nik[4:6]}0101100001",
                    name=name,
                    name_key=name_key(name),
                    birth_place="Bandung",
                    birth_date=birth,
                    sex=sex,
                    address="Jl. Mawar 1",
                    dusun="Dusun 1",
                    rt="001",
                    rw="002",
                    phone="081234567890",
                    occupation_code=1,
                    category=category,
                    income=900000,
                    heir_name="Ahli Waris",
                    heir_relation="Anak",
                    heir_phone="",
                    dtks=True,
                    bpjs_active=False,
                    kpj="",
                    resident=True,
                    notes="",
                    status=status or "recorded",
                    deleted_at=NOW if deleted else None,
                )
            ],
        )
        if nid:
            s.execute(
                insert(models.nominations),
                [
                    _sync(
                        village_code=village,
                        id=nid,
                        worker_id=wid,
                        program_id=rows.programs[village],
                        status=status,
                        months=12,
                        monthly_contribution=16800,
                        score=1,
                        decline_reason="",
                        export_seq=1 if status == "exported" else None,
                        kpj="",
                        result_reason="",
                    )
                ],
            )
            rows.people.append((village, wid, nid))
    return wid, nid
