from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsos_desktop.domain import issues
from jamsos_desktop.domain.worker import HEIR_RELATIONS, heir_relation_kind, validate_worker

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


# -- every issue of a record, each with its code ----------------------------------------------------


#: One mistake per field: (field, value, the code it must give).
MISTAKES: list[tuple[str, object, str]] = [
    ("name", "Siti 2", issues.NAME_CHARACTERS),
    ("birth_place", "", issues.FIELD_REQUIRED),
    ("rt", "0", issues.RT_RW_RANGE),
    ("rw", "abc", issues.RT_RW_RANGE),
    ("occupation", "astronot", issues.OCCUPATION_UNKNOWN),
    ("category", "astronot", issues.CATEGORY_UNKNOWN),
    ("income", "1,500", issues.AMOUNT_AMBIGUOUS),
    ("phone", "12345", issues.PHONE_INVALID),
    ("heir_phone", "999", issues.PHONE_INVALID),
    ("kk", "3204053202150007", issues.KK_DATE_INVALID),
    ("kpj", "12ab", issues.KPJ_FORMAT),
    ("heir_relation", "Tetangga", issues.HEIR_NOT_FAMILY),
    ("dusun", " ", issues.FIELD_REQUIRED),
]


@settings(deadline=None)
@given(st.lists(st.sampled_from(range(len(MISTAKES))), min_size=1, unique=True))
def test_every_mistake_of_a_record_is_reported_with_its_code(chosen: list[int]) -> None:
    values = dict(GOOD)
    for n in chosen:
        field, value, _code = MISTAKES[n]
        values[field] = value
    r = validate_worker(values, home_regency="32.04", reference=REF)
    assert r.data is None
    got = {(i.field, i.code) for i in r.issues}
    assert got == {(MISTAKES[n][0], MISTAKES[n][2]) for n in chosen}
    for i in r.issues:
        assert i.code in issues.CODES and i.value == values[i.field]


def test_nik_cross_checks_and_a_blank_field_together() -> None:
    r = validate_worker(GOOD | {"birth_date": "1995-08-06", "sex": "L", "rt": ""}, reference=REF)
    assert [(i.field, i.code, i.severity) for i in r.issues] == [
        ("rt", "field.required", "error"),
        ("birth_date", "nik.birth_mismatch", "error"),
        ("sex", "nik.sex_mismatch", "error"),
        ("heir_relation", "heir.relation_sex", "warning"),  # Suami for a man, as the sex now says
    ]
    assert r.issues[1].value == "1995-08-06" and r.issues[2].value == "L"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Rp 900.000,00", 900_000),
        ("900.000", 900_000),
        ("900000", 900_000),
        ("1,5 juta", 1_500_000),
        (750_000, 750_000),
    ],
)
def test_income_as_people_write_it(typed: object, stored: int) -> None:
    r = validate_worker(GOOD | {"income": typed}, reference=REF)
    assert r.data is not None and r.data.income == stored, r.issues


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("900000,50", issues.AMOUNT_FRACTION),
        ("900000.50", issues.AMOUNT_FRACTION),
        ("900.00", issues.AMOUNT_AMBIGUOUS),
        ("-5", issues.AMOUNT_NEGATIVE),
        ("2.000.000.000", issues.INCOME_RANGE),
    ],
)
def test_income_that_cannot_be_read_exactly_is_refused_naming_the_value(typed: str, code: str) -> None:
    from jamsos_desktop.domain.text import ValidationError

    r = validate_worker(GOOD | {"income": typed}, reference=REF)
    assert r.data is None
    [i] = r.errors
    assert (i.field, i.code, i.value) == ("income", code, typed)
    message = ValidationError(r.issues, GOOD | {"income": typed}).message("id")
    assert message.startswith(f"Penghasilan per bulan '{typed}': ")


# -- heirs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sex", ["L", "P"])
@pytest.mark.parametrize(
    ("relation", "spouse_of"),
    [("Istri", "L"), ("isteri", "L"), ("Janda", "L"), ("SUAMI", "P"), ("Duda", "P"), ("Istri (kedua)", "L")],
)
def test_a_spouse_contradicting_the_workers_sex_is_a_warning(relation: str, spouse_of: str, sex: str) -> None:
    nik = GOOD["nik"] if sex == "P" else "3204050508950001"
    r = validate_worker(GOOD | {"nik": nik, "sex": sex, "heir_relation": relation}, reference=REF)
    assert r.data is not None, r.issues
    codes = [i.code for i in r.warnings]
    if sex == spouse_of:
        assert codes == []
    else:
        assert codes == [issues.HEIR_RELATION_SEX]
        assert relation in r.warnings[0].text.id and relation in r.warnings[0].text.en


@pytest.mark.parametrize(
    "relation", ["Tetangga", "  teman ", "Teman kerja", "Rekan kerja", "Majikan", "Pacar", "orang lain", "Sahabat"]
)
def test_someone_outside_the_family_is_no_heir(relation: str) -> None:
    r = validate_worker(GOOD | {"heir_relation": relation}, reference=REF)
    assert r.data is None
    assert [(i.field, i.code) for i in r.errors] == [("heir_relation", issues.HEIR_NOT_FAMILY)]
    assert "ahli waris JKM" in r.errors[0].text.id and "JKM heir" in r.errors[0].text.en


@pytest.mark.parametrize(
    ("relation", "kind"),
    [
        ("Anak", "by_law"),
        ("anak angkat", "by_law"),
        ("Cucu", "by_law"),
        ("Orang tua", "by_law"),
        ("Ibu", "by_law"),
        ("Ayah kandung", "by_law"),
        ("Kakek/Nenek", "by_law"),
        ("Saudara kandung", "by_law"),
        ("Adik", "by_law"),
        ("Ibu mertua", "by_law"),
        ("Adik ipar", "relative"),
        ("Anak tiri", "relative"),
        ("Menantu", "relative"),
        ("Keponakan", "relative"),
        ("Lainnya", "relative"),
        ("Kerabat jauh", "relative"),
    ],
)
def test_heirs_by_law_and_relatives(relation: str, kind: str) -> None:
    assert heir_relation_kind(relation) == kind
    r = validate_worker(GOOD | {"heir_relation": relation}, reference=REF)
    assert r.data is not None
    assert [i.code for i in r.warnings] == ([] if kind == "by_law" else [issues.HEIR_NOT_BY_LAW])


def test_the_forms_choices_are_family() -> None:
    kinds = {rel: heir_relation_kind(rel) for rel in HEIR_RELATIONS}
    assert "not_family" not in kinds.values()
    assert kinds["Istri"] == "spouse_of_man" and kinds["Suami"] == "spouse_of_woman"


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("Kp. Sukasari", "Kp. Sukasari RT 003/RW 002"),
        ("Kp. Cibeureum RT 009/RW 006", "Kp. Cibeureum RT 009/RW 006"),  # as typed, not twice
        ("Jl. Merdeka No. 5 RT.03 RW.02", "Jl. Merdeka No. 5 RT.03 RW.02"),
        ("Dusun Krajan rt 3 rw 2", "Dusun Krajan rt 3 rw 2"),
        ("Perum Griya Asri RT/RW 03/02", "Perum Griya Asri RT/RW 03/02"),
        ("Kp. Babakan RT 008", "Kp. Babakan RT 008 RW 002"),
        ("Kp. Babakan RW 02", "Kp. Babakan RW 02 RT 003"),
        ("Jl. RTM  5", "Jl. RTM 5 RT 003/RW 002"),  # RTM is a street, not the RT
        ("", "RT 003/RW 002"),
    ],
)
def test_an_address_gets_its_rt_and_rw_once(address: str, expected: str) -> None:
    from jamsos_desktop.domain.worker import full_address

    assert full_address(address, "003", "002") == expected
    assert full_address(address, "", "") == " ".join(address.split())


def test_every_field_lands_in_its_own_attribute() -> None:
    """validate_worker builds WorkerData positionally (for speed): a form whose every field has
    a distinct value must come back with each value under its own name."""
    form = GOOD | {
        "address": "Jalan Kenanga 7",
        "phone": "081234567890",
        "heir_phone": "085711112222",
        "dtks": True,
        "bpjs_active": False,
        "resident": False,
        "notes": "catatan khusus",
        "consent_date": "01-11-2026",
    }
    r = validate_worker(form, home_regency="32.04", reference=REF)
    assert r.data is not None, r.issues
    d = r.data
    assert (d.nik, d.kk, d.name, d.birth_place, d.birth_date, d.sex) == (
        "3204054508950001",
        "3204051203150007",
        "Siti Aminah",
        "Bandung",
        dt.date(1995, 8, 5),
        "P",
    )
    assert (d.dusun, d.rt, d.rw, d.occupation_code, d.category) == ("Babakan", "003", "012", 9, "petani")
    assert (d.address, d.phone, d.heir_phone, d.income) == (
        "Jalan Kenanga 7",
        "081234567890",
        "085711112222",
        1_500_000,
    )
    assert (d.heir_name, d.heir_relation, d.dtks, d.bpjs_active, d.kpj) == ("Asep", "Suami", True, False, "")
    assert (d.resident, d.notes, d.consent_date) == (False, "catatan khusus", dt.date(2026, 11, 1))
