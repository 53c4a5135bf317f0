"""Values of a spreadsheet row as village offices write them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jamsos_desktop.domain import import_values as iv
from jamsos_desktop.domain import issues as codes

TODAY = dt.date(2026, 6, 1)
MAY_12 = dt.date(1980, 5, 12)


@pytest.mark.parametrize(
    "written",
    [
        "12-05-1980",
        "12/05/1980",
        "12.05.1980",
        "12/5/80",
        "12-05-80",
        "1980-05-12",
        "1980-05-12 00:00:00",
        "1980/05/12",
        "12 Mei 1980",
        "12 mei 80",
        "12-Mei-1980",
        "12 May 1980",
        "12 MEI 1980",
        "12 Mei, 1980",
        "12051980",
        " 12-05-1980 ",
        29353,  # Excel's serial for 1980-05-12
        29353.0,
        dt.date(1980, 5, 12),
        dt.datetime(1980, 5, 12, 0, 0),
    ],
)
def test_a_date_is_read_however_it_is_written(written: object) -> None:
    assert iv.read_date(written, today=TODAY) == MAY_12


@pytest.mark.parametrize(
    ("month", "number"),
    [
        ("Januari", 1),
        ("Pebruari", 2),
        ("Maret", 3),
        ("Agustus", 8),
        ("Agt", 8),
        ("Okt", 10),
        ("Nopember", 11),
        ("Des", 12),
    ],
)
def test_indonesian_month_names_and_their_abbreviations(month: str, number: int) -> None:
    assert iv.read_date(f"3 {month} 1975", today=TODAY) == dt.date(1975, number, 3)


@pytest.mark.parametrize(
    "written", ["31-02-1980", "13/13/1980", "kemarin", "12 Bulan 1980", "", True, -5, float("nan")]
)
def test_what_is_no_date_is_not_guessed(written: object) -> None:
    assert iv.read_date(written, today=TODAY) is None


def test_a_two_digit_year_is_never_in_the_future() -> None:
    assert iv.read_date("01-01-26", today=TODAY) == dt.date(2026, 1, 1)
    assert iv.read_date("01-01-27", today=TODAY) == dt.date(1927, 1, 1)


@pytest.mark.parametrize(
    ("written", "sex"),
    [
        ("L", "L"),
        ("P", "P"),
        ("1", "L"),
        ("2", "P"),
        (1, "L"),
        (2.0, "P"),
        ("Laki-laki", "L"),
        ("PEREMPUAN", "P"),
        ("M", "L"),
        ("F", "P"),
        ("LK", "L"),
        ("Pr", "P"),
        ("wanita", "P"),
        ("3", None),
        ("x", None),
        (1.5, None),
    ],
)
def test_sex_codes_and_words(written: object, sex: str | None) -> None:
    assert iv.read_sex(written) == sex


@pytest.mark.parametrize(
    "cell",
    [
        3.20101e15,  # what "3.20101E+15" holds
        3201011508950000.0,  # a 16-digit number typed into Excel: the last digit became 0
        9201011508950001.0,  # above 2**53: not every integer exists as a double
        float(2**53 + 2),
        3201011508950001.5,
        "3201011508950000.0",
    ],
)
def test_a_nik_stored_as_a_number_that_may_have_lost_digits_is_refused_with_the_hint(cell: object) -> None:
    digits, issue = iv.read_identity(cell, "nik")
    assert digits == "" and issue is not None
    assert issue.code == codes.NIK_EXCEL_FLOAT and issue.is_error
    assert "Teks" in issue.text.id and "Text" in issue.text.en


def test_the_family_card_number_gets_its_own_code() -> None:
    assert iv.read_identity(3.20101e15, "kk")[1].code == codes.KK_EXCEL_FLOAT  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("cell", "digits"),
    [
        (3201011508950001, "3201011508950001"),  # an exact number a program wrote: nothing was lost
        ("3201011508950001", "3201011508950001"),
        ("'3201011508950001", "3201011508950001"),  # Excel's text mark
        ("\u200b3201011508950001\u00a0", "3201011508950001"),  # invisible characters from Dukcapil data
        ("3201 0115 0895 0001", "3201 0115 0895 0001"),  # separators are the NIK check's to drop
    ],
)
def test_a_nik_written_as_text_keeps_its_digits(cell: object, digits: str) -> None:
    assert iv.read_identity(cell, "nik") == (digits, None)


@pytest.mark.parametrize("cell", ["0", "0000000000000000", 0, 0.0, " 0 "])
@pytest.mark.parametrize("fld", ["nik", "kk"])
def test_opensid_s_zero_for_no_number_yet_is_said_so(cell: object, fld: str) -> None:
    """OpenSID writes 0 for a resident with no NIK or KK yet: refused saying that, not as a blank."""
    digits, issue = iv.read_identity(cell, fld)
    assert digits == "" and issue is not None and issue.is_error and issue.code == codes.FIELD_REQUIRED
    assert "tertulis 0" in issue.text.get("id") and "the file says 0" in issue.text.get("en")


def test_scientific_notation_as_text_is_left_to_the_nik_check_which_refuses_it() -> None:
    from jamsos_desktop.domain.identity import check_nik

    text, issue = iv.read_identity("3.20101E+15", "nik")
    assert issue is None
    assert [i.code for i in check_nik(text).issues] == [codes.NIK_EXCEL_FLOAT]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("  SITI   AMINAH ", "Siti Aminah"),
        ("siti aminah", "Siti Aminah"),
        ("MA\u2019RUF AL-AMIN", "Ma'ruf Al-Amin"),
        ("Ma`ruf", "Ma'ruf"),
        ("Siti binti Ahmad", "Siti binti Ahmad"),  # a mixed spelling is the person's own
        ("'Ahmad", "Ahmad"),
    ],
)
def test_names_are_trimmed_with_straight_apostrophes_and_a_consistent_case(written: str, name: str) -> None:
    assert iv.read_name(written) == name


@pytest.mark.parametrize(
    ("cell", "code", "issue"),
    [
        (9, 9, None),
        ("9", 9, None),
        (9.0, 9, None),
        ("PETANI/PEKEBUN", 9, None),
        ("petani", 9, None),
        ("Ibu Rumah Tangga", 2, None),
        ("Wiraswasta", 88, None),
        ("Nelayan/Perikanan", 11, None),
        ("WIRASWATSA", 88, codes.OCCUPATION_MATCHED),  # a typing slip
        ("Pembuat tempe", 89, codes.OCCUPATION_KEPT),
    ],
)
def test_occupations_by_code_name_word_or_near_spelling(cell: object, code: int, issue: str | None) -> None:
    occ = iv.read_occupation(cell)
    assert occ.code == code
    assert (occ.issue.code if occ.issue else None) == issue
    if issue == codes.OCCUPATION_KEPT:
        assert occ.kept == cell


def test_a_number_that_is_no_occupation_code_is_left_for_the_validation() -> None:
    assert iv.read_occupation("99").code is None


@pytest.mark.parametrize(
    ("cell", "phone"), [(8123456789, "08123456789"), (8123456789.0, "08123456789"), ("+62 812-345", "+62 812-345")]
)
def test_a_phone_number_cell_gets_its_leading_zero_back(cell: object, phone: str) -> None:
    assert iv.read_phone(cell) == phone


def test_a_whole_row_is_read_for_the_validation_and_validates() -> None:
    from jamsos_desktop.domain.worker import validate_worker

    row = iv.read_row(
        {
            "nik": "3204011205800003",
            "kk": "3204010101100001",
            "name": "BUDI SANTOSO",
            "birth_place_date": "BANDUNG, 12 Mei 1980",
            "sex": 1,
            "dusun": "SUKAMAJU",
            "rt_rw": "001/002",
            "occupation": "petani",
            "heir_name": "siti",
            "heir_relation": "Istri",
            "dtks": "Ya",
            "phone": 81234567890,
            "income": 900000.0,
            "notes": None,
        },
        known_dusun=["Sukamaju"],
        today=TODAY,
    )
    assert row.issues == []
    v = row.values
    assert (v["birth_place"], v["birth_date"], v["sex"], v["dusun"], v["rt"], v["rw"]) == (
        "Bandung",
        MAY_12,
        "L",
        "Sukamaju",
        "001",
        "002",
    )
    v["category"] = "petani"
    result = validate_worker(v, reference=TODAY)
    assert result.data is not None, result.issues
    assert (result.data.name, result.data.phone, result.data.income, result.data.dtks) == (
        "Budi Santoso",
        "081234567890",
        900000,
        True,
    )


def test_an_unreadable_flag_is_an_error_naming_the_field() -> None:
    row = iv.read_row({"dtks": "mungkin"})
    assert [(i.code, i.field) for i in row.issues] == [(codes.IMPORT_FLAG_INVALID, "dtks")]


def test_a_category_is_derived_from_the_occupation_with_a_warning() -> None:
    key, issue = iv.derived_category(20)
    assert key == "buruh_tani" and issue.code == codes.CATEGORY_DERIVED and not issue.is_error
    assert iv.derived_category(None)[0] == "lainnya"
    other = iv.derived_category(None)[1]
    assert "(Lainnya)" in other.text.get("id") and "(Other)" in other.text.get("en")  # each language's name


@given(st.integers(min_value=10**15, max_value=10**16 - 1))
@example(2**53 + 1)  # read as the double 2**53, which is another number that ends in 2: refused
@example(2**53 - 1)
def test_a_number_cell_gives_the_nik_s_own_digits_or_is_refused_never_other_digits(n: int) -> None:
    """Whatever a spreadsheet did to a 16-digit number, the digits read are the person's or none."""
    for cell in (float(n), float(f"{n:.15g}"), float(f"{n:.6g}")):
        digits, issue = iv.read_identity(cell, "nik")
        assert (digits == "" and issue is not None) or digits == str(n), (n, cell, digits)


@pytest.mark.parametrize(
    ("typed", "known", "expected"),
    [
        ("Dsn 3", ["Dusun 3"], "Dusun 3"),
        ("DSN. 3", ["Dusun 3"], "Dusun 3"),
        ("dusun  3", ["Dusun 3"], "Dusun 3"),
        ("Kp. Babakan", ["Kampung Babakan"], "Kampung Babakan"),
        ("Lingk. II", ["Lingkungan II"], "Lingkungan II"),
        ("SUKAMAJU", ["Sukamaju"], "Sukamaju"),
        ("Dsn 4", ["Dusun 3"], "Dsn 4"),  # a hamlet the register does not have stays as typed
        ("Dusunan", ["Dusun 3"], "Dusunan"),  # a name that only starts like the word
    ],
)
def test_a_hamlet_is_matched_to_the_register_s_spelling(typed: str, known: list[str], expected: str) -> None:
    assert iv.match_known(typed, known) == expected
    assert iv.match_known(typed, iv.folded_values(known)) == expected


def test_one_new_hamlet_spelled_two_ways_in_a_sheet_is_one_hamlet() -> None:
    reader = iv.RowReader(known_dusun=iv.folded_values(["Dusun 1"]))
    cols = (("dusun", 0),)
    got = [reader.read_columns((cell,), cols).values["dusun"] for cell in ("DUSUN 3", "Dsn 3", "dusun 1")]
    assert got == ["Dusun 3", "Dusun 3", "Dusun 1"]


def test_every_date_of_the_record_is_read_in_every_shape_a_date_takes() -> None:
    from jamsos_desktop.domain.records import WORKER, Kind

    dates = [f.input for f in WORKER.fields if f.kind is Kind.DATE and f.input]
    assert {"birth_date", "consent_date"} <= set(dates)
    serial = (dt.date(1980, 5, 12) - dt.date(1899, 12, 30)).days
    for key in dates:
        for written in ("12 Mei 1980", "12/05/80", "12.05.1980", "1980-05-12", serial, dt.datetime(1980, 5, 12, 8)):
            assert iv.read_row({key: written}, today=dt.date(2026, 12, 3)).values[key] == dt.date(1980, 5, 12), (
                key,
                written,
            )
