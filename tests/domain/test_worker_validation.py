from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jamsos_desktop.domain.worker import validate_worker

REF = dt.date(2026, 11, 21)
GOOD: dict[str, Any] = {
    "nik": "3204054508950001",
    "kk": "3204051203150007",
    "name": "Siti  Aminah",
    "birth_place": "Bandung",
    "birth_date": "05-08-1995",
    "sex": "perempuan",
    "dusun": "Babakan",
    "rt": "3",
    "rw": "12",
    "occupation": "PETANI/PEKEBUN",
    "category": "Petani",
    "income": "1.500.000",
    "phone": "+62 812-3456-7890",
    "heir_name": "Asep",
    "heir_relation": "Suami",
}


def test_good_record_is_normalized() -> None:
    r = validate_worker(GOOD, home_regency="32.04", reference=REF)
    assert r.data is not None, r.issues
    d = r.data
    assert (d.name, d.birth_date, d.sex, d.rt, d.rw) == ("Siti Aminah", dt.date(1995, 8, 5), "P", "003", "012")
    assert (d.occupation_code, d.category, d.income, d.phone) == (9, "petani", 1_500_000, "081234567890")
    assert r.issues == []


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("name", "Siti 2", "hanya huruf"),
        ("birth_date", "1995-13-05", "bukan tanggal"),
        ("birth_date", "2030-01-01", "masa depan"),
        ("sex", "X", "isi L"),
        ("rt", "0", "1 sampai 999"),
        ("rw", "abc", "1 sampai 999"),
        ("occupation", "astronot", "daftar pekerjaan KTP"),
        ("category", "astronot", "bukan kategori"),
        ("income", "banyak", "angka rupiah"),
        ("phone", "12345", "nomor HP"),
        ("kk", "3.20405E+15", "Excel"),
        ("dusun", "  ", "wajib diisi"),
    ],
)
def test_each_mistake_names_its_field(field: str, value: str, needle: str) -> None:
    r = validate_worker(GOOD | {field: value}, home_regency="32.04", reference=REF)
    assert r.data is None
    assert any(i.field == field and needle in i.text.id for i in r.errors), [i.message() for i in r.issues]


def test_birth_date_and_sex_must_agree_with_the_nik() -> None:
    r = validate_worker(GOOD | {"birth_date": "1995-08-06", "sex": "L"}, reference=REF)
    assert {i.field for i in r.errors} == {"birth_date", "sex"}


def test_missing_heir_is_only_a_warning() -> None:
    r = validate_worker(GOOD | {"heir_name": "", "heir_relation": ""}, reference=REF)
    assert r.data is not None
    assert [i.field for i in r.warnings] == ["heir_name"]


def test_pns_by_short_name() -> None:
    r = validate_worker(GOOD | {"occupation": "pns"}, reference=REF)
    assert r.data is not None and r.data.occupation_code == 5
