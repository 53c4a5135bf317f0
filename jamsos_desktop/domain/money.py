"""Contributions for BPU participants (JKK, JKM, optional JHT) and the budget of a list.

All amounts are whole rupiah (int). The income bands are PP 44/2015 Lampiran II; the table is
data (programs keep their own copy) because it may change.
"""

from __future__ import annotations

from dataclasses import dataclass

JKM_MONTHLY = 6_800
JKK_RATE_PERMILLE = 10  # 1 % of the base
JHT_RATE_PERMILLE = 20  # 2 % of the base

CONTRIBUTION_LOWEST = "lowest_band"
CONTRIBUTION_BY_INCOME = "declared_income"
CONTRIBUTION_MODES = (CONTRIBUTION_LOWEST, CONTRIBUTION_BY_INCOME)


def _default_bands() -> list[tuple[int, int]]:
    bands = [(0, 1_000_000), (1_100_000, 1_200_000)]
    bands += [(lo, lo + 100_000) for lo in range(1_300_000, 2_500_001, 200_000)]
    bands += [(2_700_000, 2_950_000)]
    bands += [(lo, lo + 250_000) for lo in range(3_200_000, 7_700_001, 500_000)]
    bands += [(8_200_000, 8_700_000)]
    bands += [(lo, lo + 500_000) for lo in range(9_200_000, 19_200_001, 1_000_000)]
    bands += [(20_200_000, 20_700_000)]
    return bands


#: (income from, contribution base), ascending. 33 bands.
DEFAULT_BANDS: tuple[tuple[int, int], ...] = tuple(_default_bands())


@dataclass(frozen=True, slots=True)
class Contribution:
    base: int
    jkk: int
    jkm: int
    jht: int

    @property
    def monthly(self) -> int:
        return self.jkk + self.jkm + self.jht


def band_base(income: int, bands: tuple[tuple[int, int], ...] | list[tuple[int, int]] = DEFAULT_BANDS) -> int:
    """The contribution base for a declared monthly income: the band whose lower bound is ≤ income."""
    if income < 0:
        raise ValueError("income cannot be negative")
    base = bands[0][1]
    for lower, b in bands:
        if income >= lower:
            base = b
        else:
            break
    return base


def contribution(
    income: int | None,
    *,
    mode: str = CONTRIBUTION_LOWEST,
    include_jht: bool = False,
    bands: tuple[tuple[int, int], ...] | list[tuple[int, int]] = DEFAULT_BANDS,
) -> Contribution:
    """Monthly contribution: JKK 1 % of the base + JKM Rp6.800 (+ JHT 2 %)."""
    base = bands[0][1] if mode == CONTRIBUTION_LOWEST or income is None else band_base(income, bands)
    # Bases are multiples of Rp50.000, so the percentages are whole rupiah.
    jkk = base * JKK_RATE_PERMILLE // 1000
    jht = base * JHT_RATE_PERMILLE // 1000 if include_jht else 0
    return Contribution(base=base, jkk=jkk, jkm=JKM_MONTHLY, jht=jht)


def budget(workers: int, monthly: int, months: int) -> int:
    """Budget of a nomination list: workers × monthly contribution × months covered."""
    return workers * monthly * months


def rupiah(amount: int) -> str:
    """Rp1.234.567"""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def words(amount: int, lang: str = "id") -> str:
    """The amount in words, for documents: 'dua puluh juta seratus enam puluh ribu rupiah'."""
    if lang == "en":
        return _english_words(amount) + " rupiah"
    return _indonesian_words(amount) + " rupiah"


# Terbilang is written out here rather than taken from lokal: importing lokal compiles its
# personal-data detectors (half a second), which the dashboard would pay for one total in words.
# tests/domain/test_money.py checks these words against lokal's terbilang.
_SATUAN = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
_SKALA = ["", "ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"]


def _ratusan(n: int) -> list[str]:
    """1-999 in words: 'seratus', 'sebelas', 'dua puluh lima'."""
    out: list[str] = []
    ratus, sisa = divmod(n, 100)
    if ratus == 1:
        out.append("seratus")
    elif ratus:
        out += [_SATUAN[ratus], "ratus"]
    if sisa == 10:
        out.append("sepuluh")
    elif sisa == 11:
        out.append("sebelas")
    elif 11 < sisa < 20:
        out += [_SATUAN[sisa - 10], "belas"]
    elif sisa >= 20:
        out += [_SATUAN[sisa // 10], "puluh"]
        if sisa % 10:
            out.append(_SATUAN[sisa % 10])
    elif sisa:
        out.append(_SATUAN[sisa])
    return out


def _indonesian_words(amount: int) -> str:
    if amount == 0:
        return "nol"
    groups: list[int] = []
    n = abs(amount)
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    if len(groups) > len(_SKALA):
        raise ValueError(f"{amount} terlalu besar untuk terbilang")
    out = ["minus"] if amount < 0 else []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if not g:
            continue
        if i == 1 and g == 1:
            out.append("seribu")
        else:
            out += _ratusan(g) + ([_SKALA[i]] if i else [])
    return " ".join(out)


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _english_words(n: int) -> str:
    if n < 0:
        return "minus " + _english_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return _ONES[n // 100] + " hundred" + (" " + _english_words(n % 100) if n % 100 else "")
    for size, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            return _english_words(n // size) + " " + name + (" " + _english_words(rest) if rest else "")
    raise AssertionError("unreachable")
