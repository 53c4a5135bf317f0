from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsos_desktop.domain import identity

REF = dt.date(2026, 11, 21)
births = st.dates(min_value=dt.date(1927, 1, 1), max_value=dt.date(2026, 11, 21))


@given(born=births, sex=st.sampled_from("LP"), serial=st.integers(1, 9999))
def test_nik_round_trip(born: dt.date, sex: str, serial: int) -> None:
    nik = identity.make_nik("320405", born, sex, serial)
    check = identity.check_nik(nik, home_regency="32.04", reference=REF)
    assert check.valid, check.issues
    assert check.nik == nik
    assert check.sex == sex
    assert check.birth_date is not None
    assert (check.birth_date.day, check.birth_date.month, check.birth_date.year % 100) == (
        born.day,
        born.month,
        born.year % 100,
    )
    assert not check.issues  # home region, known district: no warning either


@given(born=births, serial=st.integers(1, 9999))
def test_women_have_day_plus_40(born: dt.date, serial: int) -> None:
    nik = identity.make_nik("320405", born, "P", serial)
    assert int(nik[6:8]) == born.day + 40
    assert identity.check_nik(nik, reference=REF).sex == "P"


@pytest.mark.parametrize("sep", [" ", ".", "-"])
def test_separators_are_dropped(sep: str) -> None:
    nik = sep.join(["3204", "0545", "0895", "0001"])
    assert identity.check_nik(nik, reference=REF).nik == "3204054508950001"


@pytest.mark.parametrize(
    ("nik", "needle"),
    [
        ("320405450895000", "16 digit"),
        ("32040545089500011", "16 digit"),
        ("32040545A8950001", "16 digit"),
        ("9904054508950001", "kode provinsi 99"),
        ("3200054508950001", "tidak boleh 00"),
        ("3204057208950001", "tanggal lahir di NIK tidak ada: 72-08-95"),
        ("3204053102950001", "tanggal lahir di NIK tidak ada: 31-02-95"),
        ("3204050013950001", "tanggal lahir di NIK tidak ada"),
        ("3204051508950000", "nomor urut NIK tidak boleh 0000"),
        ("", "wajib diisi"),
    ],
)
def test_bad_niks_are_errors_that_say_why(nik: str, needle: str) -> None:
    check = identity.check_nik(nik, reference=REF)
    assert not check.valid
    assert any(needle in i.text.id for i in check.issues), [i.text.id for i in check.issues]


@pytest.mark.parametrize("raw", ["3.20101E+15", "3,20405E+15", "3.2040545089500E+15", "3e+15"])
def test_excel_floats_are_detected_never_imported(raw: str) -> None:
    check = identity.check_nik(raw, reference=REF)
    assert check.nik is None
    assert "Excel" in check.issues[0].text.id


def test_nik_from_another_regency_is_a_warning_naming_the_region() -> None:
    nik = identity.make_nik("337401", dt.date(1990, 1, 2), "L", 12)  # Kota Semarang
    check = identity.check_nik(nik, home_regency="32.04", reference=REF)
    assert check.valid
    [w] = check.issues
    assert w.severity == "warning"
    assert "Kota Semarang" in w.text.id and "Kabupaten Bandung" in w.text.id


def test_unknown_district_is_a_warning_not_an_error() -> None:
    nik = identity.make_nik("320499", dt.date(1990, 1, 2), "L", 12)
    check = identity.check_nik(nik, home_regency="32.04", reference=REF)
    assert check.valid
    assert check.issues[0].severity == "warning"
    assert "32.04.99" in check.issues[0].text.id


def test_cross_check_shows_both_values() -> None:
    check = identity.check_nik("3204054508950001", reference=REF)
    issues = identity.cross_check(check, dt.date(1995, 8, 6), "L")
    texts = {i.field: i.text.id for i in issues}
    assert texts["birth_date"] == "06-08-1995 tidak sesuai dengan NIK (05-08-95)"
    assert texts["sex"] == "laki-laki tidak sesuai dengan NIK (perempuan)"
    assert identity.cross_check(check, dt.date(1995, 8, 5), "P") == []


def test_cross_check_accepts_the_other_century() -> None:
    # A NIK holds a two-digit year: someone born in 1925 and a baby born in 2025 share "25".
    check = identity.check_nik(identity.make_nik("320405", dt.date(1925, 3, 4), "L", 1), reference=REF)
    assert identity.cross_check(check, dt.date(1925, 3, 4), "L") == []


@pytest.mark.parametrize(
    ("kk", "ok"),
    [
        ("3204051203150007", True),
        ("3204053202150007", False),  # 32 February
        ("3204051203150000", False),
        ("9904051203150007", False),
        ("320405120315", False),
    ],
)
def test_kk(kk: str, ok: bool) -> None:
    assert identity.check_kk(kk, reference=REF).valid is ok


def test_mask() -> None:
    assert identity.mask_nik("3204054508950001") == "3204**********01"


# -- two-digit years: never a birth date in the future -------------------------------------------

_DAYS_OF_A_LEAP_YEAR = [(d.day, d.month) for d in (dt.date(2024, 1, 1) + dt.timedelta(n) for n in range(366))]


def _is_the_latest_past_reading(got: dt.date, day: int, month: int, yy: int, ref: dt.date) -> bool:
    if not (got <= ref and (got.day, got.month, got.year % 100) == (day, month, yy)):
        return False
    if got.year < ref.year - 100:
        return False
    try:
        later = dt.date(got.year + 100, month, day)
    except ValueError:
        return True
    return later > ref


def test_every_day_of_the_year_around_today_reads_in_the_past() -> None:
    """For each reference day of the year around today, every day and month of a year written
    with this year's and next year's two digits: the latest date not after it."""
    today = dt.date.today()
    for offset in range(-183, 183):
        ref = today + dt.timedelta(offset)
        for yy in (ref.year % 100, (ref.year + 1) % 100):
            for day, month in _DAYS_OF_A_LEAP_YEAR:
                try:
                    got = identity.past_date(day, month, yy, ref)
                except ValueError:
                    # Only 29 February can lack a past reading (a century year that was no leap year).
                    assert (day, month) == (29, 2)
                    continue
                assert _is_the_latest_past_reading(got, day, month, yy, ref), (day, month, yy, ref, got)


@settings(deadline=None)
@given(
    ref=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    sex=st.sampled_from("LP"),
)
def test_a_nik_never_gives_a_birth_date_in_the_future(ref: dt.date, born: dt.date, sex: str) -> None:
    check = identity.check_nik(identity.make_nik("320405", born, sex, 7), reference=ref)
    if check.birth_date is None:
        assert [i.code for i in check.issues] == ["nik.birth_future"] and (born.day, born.month) == (29, 2)
        return
    assert check.valid and check.sex == sex
    assert _is_the_latest_past_reading(check.birth_date, born.day, born.month, born.year % 100, ref)


def test_the_brief_example_is_read_in_the_previous_century() -> None:
    ref = dt.date(2026, 12, 1)
    check = identity.check_nik("3201013112260001", reference=ref)
    assert check.valid and check.birth_date == dt.date(1926, 12, 31)
    assert identity.check_nik("3201013011260001", reference=ref).birth_date == dt.date(2026, 11, 30)
    assert identity.check_nik("3201010112260001", reference=ref).birth_date == dt.date(2026, 12, 1)  # today


@pytest.mark.parametrize(
    ("ddmmyy", "ref", "born", "code"),
    [
        ("290200", dt.date(2026, 11, 21), dt.date(2000, 2, 29), None),
        ("290224", dt.date(2024, 2, 28), dt.date(1924, 2, 29), None),  # tomorrow in 2024: 1924 was leap too
        ("290224", dt.date(2024, 2, 29), dt.date(2024, 2, 29), None),
        ("290200", dt.date(2000, 2, 28), None, "nik.birth_future"),  # 1900 was no leap year
        ("290225", dt.date(2026, 11, 21), None, "nik.birth_invalid"),
        ("690200", dt.date(2026, 11, 21), dt.date(2000, 2, 29), None),  # a woman: day + 40
    ],
)
def test_leap_days(ddmmyy: str, ref: dt.date, born: dt.date | None, code: str | None) -> None:
    check = identity.check_nik(f"320405{ddmmyy}0001", reference=ref)
    assert check.birth_date == born
    assert [i.code for i in check.issues if i.is_error] == ([code] if code else [])
    if code == "nik.birth_future":
        assert "29-02-2000" in check.issues[0].text.id and "29-02-2000" in check.issues[0].text.en


def test_a_kk_issued_in_the_future_is_read_in_the_past_too() -> None:
    check = identity.check_kk("3204053112260007", reference=dt.date(2026, 12, 1))
    assert check.valid and check.issued == dt.date(1926, 12, 31)
    assert [i.code for i in identity.check_kk("3204053202150007", reference=REF).issues] == ["kk.date_invalid"]


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("320405450895000", "nik.length"),
        ("9904054508950001", "nik.province_unknown"),
        ("3200054508950001", "nik.region_zero"),
        ("3204057208950001", "nik.birth_invalid"),
        ("3204051508950000", "nik.serial_zero"),
        ("", "field.required"),
        ("3.20101E+15", "nik.excel_float"),
    ],
)
def test_nik_findings_carry_their_code_and_the_value(nik: str, code: str) -> None:
    [issue] = [i for i in identity.check_nik(nik, reference=REF).issues if i.is_error]
    assert (issue.code, issue.field, issue.value) == (code, "nik", nik)


def test_region_warnings_in_english_have_no_indonesian_words() -> None:
    """The English text of every region warning names places, never Indonesian phrases."""
    import re

    from jamsos_desktop.domain import identity as ident

    indonesian = re.compile(
        r"\b(Kec\.|kecamatan|Kabupaten|Kota|Administrasi|tidak|dikenal|wilayah|diterbitkan|di luar|daftar|mungkin)\b"
    )
    # The village's own regency is named the English way too, whatever its kind: a regency, a
    # city, an administrative city or regency of Jakarta.
    for home in ("73.22", "13.71", "31.71", "31.01"):
        for nik in ("3204054508950001", "3299054508950001", "3204994508950001", "1371014508950001"):
            found = ident.check_nik(nik, home_regency=home).issues
            for issue in found:
                assert issue.text.en and not indonesian.search(issue.text.en), issue.text.en
            assert found or nik.startswith(home.replace(".", "")), (home, nik)
