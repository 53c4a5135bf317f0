"""NIK and No. KK checks.

A NIK is ``PP KK CC DD MM YY SSSS``: province, regency and district codes at issue, the birth
day (plus 40 for women), month, two-digit year, and a serial that is never 0000. It has no
check digit, so the structure and the cross-checks below are all we can verify offline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import issues as codes
from .regions import PROVINCES, describe_district, regency_name, region_name
from .text import Issue, Text

_SEPARATORS = re.compile(r"[\s.\-]")
_EXCEL_FLOAT = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")
_ALL_DIGITS = re.compile(r"\d+")


def normalize_number(raw: str) -> str:
    """Drops spaces, dots and dashes, the separators people type into long numbers."""
    return _SEPARATORS.sub("", str(raw))


def looks_like_excel_float(raw: str) -> bool:
    """'3.20101E+15' or '3,20101E+15': a 16-digit number that went through Excel's float."""
    return bool(_EXCEL_FLOAT.match(str(raw).strip()))


def _excel_issue(fld: str, kind: str, raw: str) -> Issue:
    return Issue(
        codes.KK_EXCEL_FLOAT if kind == "kk" else codes.NIK_EXCEL_FLOAT,
        fld,
        Text(
            "angka ini telah diubah oleh Excel menjadi notasi ilmiah dan digit aslinya hilang; "
            "format kolom sebagai Teks lalu ketik ulang dari KTP/KK",
            "Excel turned this number into scientific notation and its digits are lost; "
            "format the column as Text and type it again from the card",
        ),
        raw,
    )


def sixteen_digits(raw: str, fld: str, kind: str = "nik") -> tuple[str, Issue | None]:
    """The 16 digits of a NIK (``kind`` "nik") or No. KK ("kk"), or the reason there are not 16
    (Excel, empty, length)."""
    if type(raw) is str and len(raw) == 16 and raw.isascii() and raw.isdigit():  # the common case
        return raw, None
    if looks_like_excel_float(raw):
        return "", _excel_issue(fld, kind, raw)
    d = normalize_number(raw)
    if not d:
        return d, Issue(codes.FIELD_REQUIRED, fld, Text("wajib diisi", "is required"), raw)
    if not _ALL_DIGITS.fullmatch(d) or len(d) != 16:
        return d, Issue(
            codes.KK_LENGTH if kind == "kk" else codes.NIK_LENGTH,
            fld,
            Text(f"harus 16 digit angka (terisi {len(d)} karakter)", f"must be 16 digits (got {len(d)} characters)"),
            raw,
        )
    return d, None


def past_date(day: int, month: int, yy: int, reference: dt.date) -> dt.date:
    """The date DD-MM-YY as a two-digit year means it: the latest such date on or before
    ``reference``, so never in the future (31-12-26 read on 1-12-2026 is 31-12-1926).

    Raises ValueError when no century gives a real date, or only a future one (29-02-00
    read before 29-02-2000: 1900 was no leap year).
    """
    year = reference.year - reference.year % 100 + yy
    if year > reference.year:
        year -= 100
    try:
        # Almost always the answer: this century's year, or the last one's when that is ahead.
        d = dt.date(year, month, day)
        if d <= reference:
            return d
    except ValueError:
        pass
    century = reference.year - reference.year % 100
    latest: dt.date | None = None
    for year in (century + yy, century + yy - 100):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if d <= reference:
            return d
        latest = latest or d
    if latest is not None:
        raise FutureDate(latest)
    raise ValueError(f"{day:02d}-{month:02d}-{yy:02d} is no date")


class FutureDate(ValueError):
    """A two-digit-year date that exists only after the reference date."""

    def __init__(self, date: dt.date) -> None:
        super().__init__(f"{date} lies in the future")
        self.date = date


@dataclass(slots=True)
class NikCheck:
    nik: str | None  # the 16 digits, when there are 16
    birth_date: dt.date | None = None  # century inferred against the reference date
    sex: str | None = None  # "L" | "P"
    district_code: str | None = None  # "32.04.05"
    region: str | None = None  # "Kec. Cileunyi, Kabupaten Bandung"
    issues: list[Issue] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.nik is not None and not any(i.is_error for i in self.issues)


def check_nik(
    raw: str,
    *,
    home_regency: str | None = None,
    reference: dt.date | None = None,
    fld: str = "nik",
) -> NikCheck:
    """Structure of a NIK, plus a warning when it was issued outside ``home_regency`` ("32.04")."""
    ref = reference or dt.date.today()
    if type(raw) is str and len(raw) == 16 and raw.isascii() and raw.isdigit():
        d = raw  # the common case, as sixteen_digits takes it (without its call)
    else:
        d, problem = sixteen_digits(raw, fld)
        if problem is not None:
            return NikCheck(nik=None, issues=[problem])
    before, district_code, region, after = _district_findings(d[:6], home_regency)
    found = [Issue(code, fld, text, raw) for code, text in before] if before else []
    out = NikCheck(d, None, None, district_code, region, found)
    day, month, yy = int(d[6:8]), int(d[8:10]), int(d[10:12])
    sex = "P" if day > 40 else "L"
    real_day = day - 40 if day > 40 else day
    born = None
    try:
        born = past_date(real_day, month, yy, ref)
    except FutureDate as future:
        out.issues.append(
            Issue(
                codes.NIK_BIRTH_FUTURE,
                fld,
                Text(
                    f"tanggal lahir di NIK ({d[6:8]}-{d[8:10]}-{d[10:12]}) hanya bisa dibaca {future.date:%d-%m-%Y}, "
                    "yang belum lewat",
                    f"the birth date in the NIK ({d[6:8]}-{d[8:10]}-{d[10:12]}) can only be read as "
                    f"{future.date:%d-%m-%Y}, which has not come yet",
                ),
                raw,
            )
        )
    except ValueError:
        out.issues.append(
            Issue(
                codes.NIK_BIRTH_INVALID,
                fld,
                Text(
                    f"tanggal lahir di NIK tidak ada: {d[6:8]}-{d[8:10]}-{d[10:12]} "
                    "(hari 01-31, atau 41-71 untuk perempuan)",
                    f"the birth date in the NIK does not exist: {d[6:8]}-{d[8:10]}-{d[10:12]} "
                    "(day 01-31, or 41-71 for women)",
                ),
                raw,
            )
        )
    if born is not None:
        out.birth_date, out.sex = born, sex
    if d[12:] == "0000":
        out.issues.append(
            Issue(codes.NIK_SERIAL_ZERO, fld, Text("nomor urut NIK tidak boleh 0000", "the serial cannot be 0000"), raw)
        )
    if after:
        out.issues += [Issue(code, fld, text, raw) for code, text in after]
    return out


_Finding = tuple[str, Text]  # (code, text): an issue before its field and value are known


@lru_cache(maxsize=4096)
def _district_findings(
    code6: str, home_regency: str | None
) -> tuple[tuple[_Finding, ...], str | None, str | None, tuple[_Finding, ...]]:
    """What a NIK's first six digits say, the same for every NIK of one district (a village's
    list has a few dozen): the findings before the birth date (province, zero codes), the
    district's dotted code and name, and the findings after it (a code not in the list, or one
    outside the village's regency)."""
    pp, kk, cc = code6[0:2], code6[2:4], code6[4:6]
    before: list[_Finding] = []
    if pp not in PROVINCES:
        before.append(
            (
                codes.NIK_PROVINCE_UNKNOWN,
                Text(f"kode provinsi {pp} tidak dikenal", f"province code {pp} does not exist"),
            )
        )
    if kk == "00" or cc == "00":
        before.append(
            (
                codes.NIK_REGION_ZERO,
                Text("kode kabupaten/kota dan kecamatan tidak boleh 00", "regency and district codes cannot be 00"),
            )
        )
    if before:
        return tuple(before), None, None, ()
    district_code = f"{pp}.{kk}.{cc}"
    region, region_en = describe_district(code6), describe_district(code6, "en")
    if region_name(district_code) is None:
        # Codes change after a region splits (pemekaran) and a NIK keeps the code it was issued with.
        after: _Finding = (
            codes.NIK_REGION_UNKNOWN,
            Text(
                f"kode wilayah {district_code} tidak ada di daftar Kemendagri 2025 "
                f"({region}); mungkin kode lama sebelum pemekaran",
                f"region code {district_code} is not in the 2025 Kemendagri list "
                f"({region_en}); possibly an old code from before a split",
            ),
        )
        return (), district_code, region, (after,)
    if home_regency and district_code[:5] != home_regency:
        home = region_name(home_regency) or home_regency
        after = (
            codes.NIK_REGION_OTHER,
            Text(
                f"NIK diterbitkan di {region}, di luar {home}",
                f"the NIK was issued in {region_en}, outside {regency_name(home, 'en')}",
            ),
        )
        return (), district_code, region, (after,)
    return (), district_code, region, ()


def cross_check(nik: NikCheck, birth_date: dt.date | None, sex: str | None) -> list[Issue]:
    """The entered birth date and sex must agree with the NIK; the message shows both values."""
    issues: list[Issue] = []
    # The same day is the common case; else only the NIK's two-digit year is compared.
    if nik.birth_date is not None and birth_date is not None and nik.birth_date != birth_date:
        same = (nik.birth_date.day, nik.birth_date.month, nik.birth_date.year % 100) == (
            birth_date.day,
            birth_date.month,
            birth_date.year % 100,
        )
        if not same:
            issues.append(
                Issue(
                    codes.NIK_BIRTH_MISMATCH,
                    "birth_date",
                    Text(
                        f"{birth_date:%d-%m-%Y} tidak sesuai dengan NIK ({nik.birth_date:%d-%m-%y})",
                        f"{birth_date:%d-%m-%Y} does not match the NIK ({nik.birth_date:%d-%m-%y})",
                    ),
                    birth_date,
                )
            )
    if nik.sex is not None and sex is not None and nik.sex != sex:
        said = {"L": ("laki-laki", "male"), "P": ("perempuan", "female")}
        issues.append(
            Issue(
                codes.NIK_SEX_MISMATCH,
                "sex",
                Text(
                    f"{said[sex][0]} tidak sesuai dengan NIK ({said[nik.sex][0]})",
                    f"{said[sex][1]} does not match the NIK ({said[nik.sex][1]})",
                ),
                sex,
            )
        )
    return issues


@dataclass(slots=True)
class KkCheck:
    kk: str | None
    issued: dt.date | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.kk is not None and not any(i.is_error for i in self.issues)


def check_kk(raw: str, *, reference: dt.date | None = None, fld: str = "kk") -> KkCheck:
    """No. KK: region code (6), issue date DDMMYY, serial (4)."""
    ref = reference or dt.date.today()
    d, problem = sixteen_digits(raw, fld, "kk")
    if problem is not None:
        return KkCheck(kk=None, issues=[problem])
    out = KkCheck(kk=d)
    if d[:2] not in PROVINCES:
        out.issues.append(
            Issue(
                codes.KK_PROVINCE_UNKNOWN,
                fld,
                Text(f"kode provinsi {d[:2]} tidak dikenal", f"province code {d[:2]} does not exist"),
                raw,
            )
        )
    try:
        out.issued = past_date(int(d[6:8]), int(d[8:10]), int(d[10:12]), ref)
    except ValueError:  # no such date, or one only in the future (FutureDate): not yet issued
        out.issues.append(
            Issue(
                codes.KK_DATE_INVALID,
                fld,
                Text(
                    f"tanggal terbit di No. KK tidak ada: {d[6:8]}-{d[8:10]}-{d[10:12]}",
                    f"the issue date in the family card no. does not exist: {d[6:8]}-{d[8:10]}-{d[10:12]}",
                ),
                raw,
            )
        )
    if d[12:] == "0000":
        out.issues.append(
            Issue(codes.KK_SERIAL_ZERO, fld, Text("nomor urut tidak boleh 0000", "the serial cannot be 0000"), raw)
        )
    return out


def mask_nik(nik: str) -> str:
    """'3204051508950001' → '3204**********01', for lists posted in public."""
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:] if len(nik) > 6 else "*" * len(nik)


_SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def mask_niks_in(text: str) -> str:
    """``text`` with every run of exactly 16 digits (a NIK or a KK number) masked as ``mask_nik`` does."""
    return _SIXTEEN_DIGITS.sub(lambda m: mask_nik(m.group(0)), text)


def make_nik(district6: str, birth: dt.date, sex: str, serial: int) -> str:
    """Builds a structurally valid NIK (for demo data and tests)."""
    day = birth.day + (40 if sex == "P" else 0)
    return f"{district6}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
