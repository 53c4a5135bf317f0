from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jamsos_desktop.domain import money

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
