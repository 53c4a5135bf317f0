"""Contributions for BPU participants (JKK, JKM, optional JHT) and the budget of a list.

All amounts are whole rupiah (int). The income bands are PP 44/2015 Lampiran II; the table is
data (programs keep their own copy) because it may change.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from . import issues
from .text import Text

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


def rupiah(amount: int, lang: str = "id") -> str:
    """Rp1.234.567; in English text (``lang="en"``) Rp1,234,567. The one formatting of an amount
    for each language: documents and Indonesian messages keep the first."""
    sign = "-" if amount < 0 else ""
    text = f"{sign}Rp{abs(amount):,}"
    return text if lang == "en" else text.replace(",", ".")


def grouped(amount: int) -> str:
    """1.234.567: the Indonesian way, without "Rp"."""
    return f"{amount:,}".replace(",", ".")


class AmountError(ValueError):
    """An amount that cannot be read exactly; ``code`` is one of ``domain.issues``' amount codes
    and ``text`` says what was read and how to write it."""

    def __init__(self, code: str, text: Text) -> None:
        super().__init__(text.en)
        self.code = code
        self.text = text


# Spaces people and spreadsheets put into numbers: plain, non-breaking, narrow and thin ones.
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_CURRENCY_BEFORE = re.compile(r"^(?:rp\.?|idr)")
_CURRENCY_AFTER = re.compile(r"(?:rupiah|idr|rp)$")
_NO_CENTS = re.compile(r"[.,]?-+$")  # "Rp 900.000,-": the office way of saying "no cents"
_SCALES = (
    ("miliar", 10**9),
    ("milyar", 10**9),
    ("juta", 10**6),
    ("jt", 10**6),
    ("ribu", 10**3),
    ("rb", 10**3),
    ("k", 10**3),
)
_BODY = re.compile(r"\d[\d.,]*")
_NOT_A_NUMBER = Text("harus berupa angka rupiah", "must be an amount in rupiah")


def _grouping_error() -> AmountError:
    return AmountError(
        issues.AMOUNT_GROUPING,
        Text(
            "tanda pemisah tidak pada tempatnya: titik memisahkan ribuan (1.500.000), koma mengawali sen (,00)",
            "separators in the wrong places: dots group thousands (1.500.000), a comma starts the cents (,00)",
        ),
    )


def _ambiguous(first: str, second: str, write: str) -> AmountError:
    """Both readings named, and the unambiguous way to write the first (digits: no translation)."""
    return AmountError(
        issues.AMOUNT_AMBIGUOUS,
        Text(
            f"bisa dibaca {first} atau {second}; tulis {write}",
            f"could be read as {first} or {second}; write {write}",
        ),
    )


def _reading(whole: str, fraction: str) -> str:
    return f"Rp{grouped(int(whole))}" + (f",{fraction}" if fraction else "")


def _split(body: str, scale: int) -> tuple[str, str]:
    """The whole digits and the decimal digits of a number written with dots and commas."""
    dots, commas = body.count("."), body.count(",")
    if not dots and not commas:
        return body, ""
    if dots and commas:
        mark = "." if body.rfind(".") > body.rfind(",") else ","
        group = "," if mark == "." else "."
        whole, _, fraction = body.rpartition(mark)
        if mark in whole or group in fraction or len(fraction) > 2 or not _grouped_ok(whole, group):
            raise _grouping_error()
        return whole.replace(group, ""), fraction
    sep = "." if dots else ","
    if dots + commas > 1:  # the same sign twice can only group thousands
        if scale > 1 or not _grouped_ok(body, sep):
            raise _grouping_error()
        return body.replace(sep, ""), ""
    whole, _, tail = body.partition(sep)
    if len(tail) == 3:
        if scale > 1:
            # "1.500 juta": fifteen hundred million, or one and a half million?
            thousands = int(whole + tail) * scale
            decimal = Fraction(int(whole + tail), 1000) * scale
            second = rupiah(int(decimal)) if decimal.denominator == 1 else f"{whole},{tail} x {grouped(scale)}"
            raise _ambiguous(rupiah(thousands), second, f"{grouped(thousands)} / {second.removeprefix('Rp')}")
        if len(whole) > 3:
            raise _grouping_error()
        if sep == ",":
            # "1,500": English thousands, or the Indonesian decimal comma (1,5)?
            comma = f"{whole},{tail.rstrip('0')}" if tail.strip("0") else f"Rp{whole}"
            n = int(whole + tail)
            raise _ambiguous(f"Rp{grouped(n)}", comma, grouped(n) + ("" if tail.strip("0") else f" / {whole}"))
        return whole + tail, ""  # "900.000": the Indonesian thousands dot
    if len(tail) > 3:
        raise _grouping_error()
    if sep == "." and len(whole) <= 3 and scale == 1 and (whole + tail).strip("0"):
        # "900.00": an English decimal point, or a thousands dot a digit short (900.000)?
        point = f"Rp{whole}" + (f",{tail}" if tail.strip("0") else "")
        short = grouped(int(whole + tail.ljust(3, "0")))
        raise _ambiguous(point, f"Rp{short}", f"{whole} / {short}")
    return whole, tail  # a decimal comma, or a decimal point after more than three digits


def _grouped_ok(whole: str, sep: str) -> bool:
    parts = whole.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) and all(p.isdigit() for p in parts)


#: Above any budget or income a village writes, and far inside the database's 64-bit integers.
MAX_RUPIAH = 10**15


def parse_rupiah(raw: object) -> int:
    """An amount (``_parse_rupiah``), at most ``MAX_RUPIAH``: 25 digits are a typing accident."""
    value = _parse_rupiah(raw)
    if value > MAX_RUPIAH:
        raise AmountError(
            issues.AMOUNT_TOO_LARGE,
            Text(
                f"terlalu besar (paling banyak {grouped(MAX_RUPIAH)} rupiah)",
                f"is too large (at most {grouped(MAX_RUPIAH)} rupiah)",
            ),
        )
    return value


def _parse_rupiah(raw: object) -> int:
    """An amount of rupiah as people and spreadsheets write it, read exactly, or AmountError.

    The rules, as a village office writes money:

    - "Rp", "Rp.", "IDR" before and "rupiah" after are dropped, and so are spaces of every kind
      ("Rp 900 000", non-breaking spaces from a spreadsheet) and the trailing ",-" ("900.000,-").
    - Indonesian style is the default: dots group thousands ("900.000", "1.500.000"), a comma
      starts the cents ("900.000,00", "900000,00").
    - English style (commas group, a dot starts the cents) is read only where it cannot be taken
      for Indonesian: "1,500,000", "900,000.00", "900000.50".
    - Refused as ambiguous, with both readings in the message: one comma followed by three digits
      ("1,500" is 1.500 in English and 1,5 in Indonesian; "900,000" is 900.000 or 900), and one dot
      followed by one or two digits after at most three ("900.00" is 900 with an English point, or
      900.000 typed a zero short).
    - Rupiah are whole: cents that are not zero ("900.000,50", "900000.50") are refused, not
      rounded, because a rounded income could silently cross the income cap or a band.
    - "1,5 juta", "1.5 juta", "900 ribu", "900rb", "2 jt", "900k" multiply by a thousand, a million,
      a billion (miliar); the result must be whole rupiah. "1.500 juta" is ambiguous.
    - Negative amounts are refused. Separators in the wrong places ("1.50.000", "9000.000",
      more than two cents digits) are refused rather than guessed.
    """
    if isinstance(raw, bool):
        raise AmountError(issues.AMOUNT_NOT_A_NUMBER, _NOT_A_NUMBER)
    if isinstance(raw, int):
        if raw < 0:
            raise AmountError(issues.AMOUNT_NEGATIVE, Text("tidak boleh negatif", "cannot be negative"))
        return raw
    if type(raw) is float and raw >= 0 and raw.is_integer():  # the common number cell, exact as it is
        return int(raw)
    if isinstance(raw, float | Fraction):  # a spreadsheet's number cell
        if isinstance(raw, float) and not math.isfinite(raw):
            raise AmountError(issues.AMOUNT_NOT_A_NUMBER, _NOT_A_NUMBER)
        exact = Fraction(raw)
        if exact < 0:
            raise AmountError(issues.AMOUNT_NEGATIVE, Text("tidak boleh negatif", "cannot be negative"))
        if exact.denominator != 1:
            cents = str(raw).partition(".")[2] or "?"
            return _fraction_error(str(int(exact)), cents)
        return int(exact)
    text = _SPACES.sub("", str(raw)).lower()
    negative = text.startswith(("-", "\u2212"))
    text = text.lstrip("-\u2212")
    text = _CURRENCY_BEFORE.sub("", text)
    text = _CURRENCY_AFTER.sub("", text)
    text = _NO_CENTS.sub("", text)
    scale = 1
    for word, factor in _SCALES:
        if text.endswith(word) and text[: -len(word)][-1:].isdigit():
            text, scale = text[: -len(word)], factor
            break
    if len(text) > 40 or not _BODY.fullmatch(text) or not text[-1].isdigit():
        raise AmountError(issues.AMOUNT_NOT_A_NUMBER, _NOT_A_NUMBER)
    whole, fraction = _split(text, scale)
    # With ribu/juta/miliar the decimals have at most two digits, so the product is whole.
    value = Fraction(int(whole + fraction), 10 ** len(fraction)) * scale
    if negative and value:
        read = _reading(whole, fraction) if scale == 1 else rupiah(int(value))
        raise AmountError(
            issues.AMOUNT_NEGATIVE,
            Text(f"tidak boleh negatif (terbaca -{read})", f"cannot be negative (read as -{read})"),
        )
    if value.denominator != 1:
        return _fraction_error(whole, fraction)
    return int(value)


def _fraction_error(whole: str, fraction: str) -> int:
    low = int(whole)
    raise AmountError(
        issues.AMOUNT_FRACTION,
        Text(
            f"rupiah harus bulat, tanpa sen: terbaca {_reading(whole, fraction)}; tulis {grouped(low)} "
            f"atau {grouped(low + 1)}",
            f"rupiah are whole, without cents: read as {_reading(whole, fraction)}; write {grouped(low)} "
            f"or {grouped(low + 1)}",
        ),
    )


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
