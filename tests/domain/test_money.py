from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamsos_desktop.domain import issues, money

BANDS = money.DEFAULT_BANDS


def test_thirty_three_bands_as_in_pp_44_2015() -> None:
    assert len(BANDS) == 33
    assert BANDS[0] == (0, 1_000_000)
    assert BANDS[1] == (1_100_000, 1_200_000)
    assert (2_500_000, 2_600_000) in BANDS
    assert (2_700_000, 2_950_000) in BANDS
    assert (3_200_000, 3_450_000) in BANDS and (7_700_000, 7_950_000) in BANDS
    assert (8_200_000, 8_700_000) in BANDS
    assert (9_200_000, 9_700_000) in BANDS and (19_200_000, 19_700_000) in BANDS
    assert BANDS[-1] == (20_200_000, 20_700_000)
    assert [lo for lo, _ in BANDS] == sorted(lo for lo, _ in BANDS)


def test_lowest_band_is_16800_a_month() -> None:
    c = money.contribution(None)
    assert (c.base, c.jkk, c.jkm, c.jht, c.monthly) == (1_000_000, 10_000, 6_800, 0, 16_800)
    assert money.contribution(5_000_000, mode=money.CONTRIBUTION_LOWEST).monthly == 16_800


@given(i=st.integers(0, len(BANDS) - 1), offset=st.integers(0, 10_000_000))
def test_band_edges(i: int, offset: int) -> None:
    lower, base = BANDS[i]
    upper = BANDS[i + 1][0] if i + 1 < len(BANDS) else lower + 10_000_001
    income = min(lower + offset, upper - 1)
    assert money.band_base(income) == base
    assert money.band_base(lower) == base
    if i > 0:
        assert money.band_base(lower - 1) == BANDS[i - 1][1]


def test_contribution_by_declared_income_with_jht() -> None:
    c = money.contribution(3_300_000, mode=money.CONTRIBUTION_BY_INCOME, include_jht=True)
    assert c.base == 3_450_000
    assert (c.jkk, c.jkm, c.jht) == (34_500, 6_800, 69_000)


def test_budget_and_words() -> None:
    total = money.budget(100, 16_800, 12)
    assert total == 20_160_000
    assert money.rupiah(total) == "Rp20.160.000"
    assert money.words(total) == "dua puluh juta seratus enam puluh ribu rupiah"
    assert money.words(total, "en") == "twenty million one hundred sixty thousand rupiah"
    assert money.words(201_600, "en") == "two hundred one thousand six hundred rupiah"


@settings(deadline=None)  # the first example imports lokal
@given(st.integers(min_value=-(10**21) + 1, max_value=10**21 - 1))
def test_indonesian_words_agree_with_lokal(amount: int) -> None:
    from lokal import terbilang

    assert money.words(amount) == terbilang(amount, currency=True, case="lower")


def test_indonesian_words_at_the_awkward_places() -> None:
    expected = {
        0: "nol rupiah",
        10: "sepuluh rupiah",
        11: "sebelas rupiah",
        100: "seratus rupiah",
        1_000: "seribu rupiah",
        1_001_000: "satu juta seribu rupiah",
        111_000: "seratus sebelas ribu rupiah",
        2_000_000_000: "dua miliar rupiah",
    }
    assert {n: money.words(n) for n in expected} == expected


# -- amounts as people write them ----------------------------------------------------------------

AMOUNTS = st.integers(min_value=0, max_value=10**12)
NBSP, NARROW = "\u00a0", "\u202f"


def _refused(raw: object) -> money.AmountError:
    with pytest.raises(money.AmountError) as e:
        money.parse_rupiah(raw)
    return e.value


@given(AMOUNTS)
def test_indonesian_writing_reads_back_exactly(amount: int) -> None:
    g = money.grouped(amount)
    written = [
        money.rupiah(amount),
        g,
        str(amount),
        f"Rp {g},00",
        f"Rp. {g},-",
        f"Rp{NBSP}{g.replace('.', NBSP)}",
        f"{g.replace('.', NARROW)} rupiah",
        f"IDR {g},0",
        f"{amount},00",
        f"  {g}  ",
    ]
    for text in written:
        assert money.parse_rupiah(text) == amount, text


@given(AMOUNTS)
def test_english_writing_is_read_where_it_cannot_be_taken_for_indonesian(amount: int) -> None:
    if amount >= 1000 or amount == 0:
        assert money.parse_rupiah(f"{amount:,}.00") == amount
        assert money.parse_rupiah(f"IDR {amount:,}.00") == amount
        assert money.parse_rupiah(f"{amount}.00") == amount
    else:  # "900.00": 900 with an English point, or 900.000 typed a zero short?
        assert _refused(f"{amount}.00").code == issues.AMOUNT_AMBIGUOUS
    english = f"{amount:,}"
    if amount < 1000 or amount >= 1_000_000:
        assert money.parse_rupiah(english) == amount  # no comma, or two and more: only grouping
    else:
        e = _refused(english)  # "1,500": 1.500, or 1,5 the Indonesian way?
        assert e.code == issues.AMOUNT_AMBIGUOUS
        assert money.rupiah(amount) in e.text.id and money.rupiah(amount) in e.text.en


@given(AMOUNTS, st.integers(1, 99), st.sampled_from([",", "."]))
def test_cents_are_refused_saying_what_was_read(amount: int, cents: int, mark: str) -> None:
    text = f"{amount}{mark}{cents:02d}"
    e = _refused(text)
    if mark == "." and amount < 1000:
        assert e.code == issues.AMOUNT_AMBIGUOUS  # "900.50": a point, or a thousands dot typed short?
        return
    assert e.code == issues.AMOUNT_FRACTION
    assert f"terbaca Rp{money.grouped(amount)},{cents:02d}" in e.text.id
    assert f"read as Rp{money.grouped(amount)},{cents:02d}" in e.text.en
    assert _refused(f"Rp {money.grouped(amount)},{cents:02d}").code == issues.AMOUNT_FRACTION


@given(st.integers(0, 999_999), st.integers(0, 99), st.sampled_from([("ribu", 10**3), ("juta", 10**6), ("jt", 10**6)]))
def test_ribu_and_juta(whole: int, hundredths: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    expected = whole * factor + hundredths * factor // 100
    assert money.parse_rupiah(f"{whole},{hundredths:02d} {word}") == expected
    assert money.parse_rupiah(f"{whole}{word}") == whole * factor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 900.000,00", 900_000),
        ("900.000", 900_000),
        ("900.000,00", 900_000),
        ("900000", 900_000),
        ("Rp900.000,-", 900_000),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("900,000.00", 900_000),
        ("1,5 juta", 1_500_000),
        ("1.5 juta", 1_500_000),
        ("900 ribu", 900_000),
        ("900rb", 900_000),
        ("750k", 750_000),
        ("1,25 miliar", 1_250_000_000),
        (900_000, 900_000),
        (1.5e6, 1_500_000),
        ("0", 0),
    ],
)
def test_amounts_a_village_office_writes(text: object, expected: int) -> None:
    assert money.parse_rupiah(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "needle"),
    [
        ("900000,50", issues.AMOUNT_FRACTION, "terbaca Rp900.000,50"),
        ("900000.50", issues.AMOUNT_FRACTION, "terbaca Rp900.000,50"),
        ("Rp 900.000,5", issues.AMOUNT_FRACTION, "terbaca Rp900.000,5"),
        (900_000.5, issues.AMOUNT_FRACTION, "terbaca Rp900.000,5"),
        ("900.00", issues.AMOUNT_AMBIGUOUS, "bisa dibaca Rp900 atau Rp900.000"),
        ("1,500", issues.AMOUNT_AMBIGUOUS, "bisa dibaca Rp1.500 atau 1,5"),
        ("900,000", issues.AMOUNT_AMBIGUOUS, "bisa dibaca Rp900.000 atau Rp900"),
        ("1.500 juta", issues.AMOUNT_AMBIGUOUS, "Rp1.500.000.000 atau Rp1.500.000"),
        ("1.50.000", issues.AMOUNT_GROUPING, "titik memisahkan ribuan"),
        ("9000.000", issues.AMOUNT_GROUPING, "titik memisahkan ribuan"),
        ("1.000,000", issues.AMOUNT_GROUPING, "titik memisahkan ribuan"),
        ("-900.000", issues.AMOUNT_NEGATIVE, "terbaca -Rp900.000"),
        (-5, issues.AMOUNT_NEGATIVE, "negatif"),
        ("banyak", issues.AMOUNT_NOT_A_NUMBER, "angka rupiah"),
        ("Rp", issues.AMOUNT_NOT_A_NUMBER, "angka rupiah"),
        ("1e6", issues.AMOUNT_NOT_A_NUMBER, "angka rupiah"),
        (True, issues.AMOUNT_NOT_A_NUMBER, "angka rupiah"),
        (float("nan"), issues.AMOUNT_NOT_A_NUMBER, "angka rupiah"),
    ],
)
def test_what_cannot_be_read_exactly_is_refused_with_what_was_read(text: object, code: str, needle: str) -> None:
    e = _refused(text)
    assert e.code == code and needle in e.text.id, e.text.id
    assert e.text.en and e.text.en != e.text.id
    assert code in issues.CODES
