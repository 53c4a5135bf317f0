"""Reading the values of a spreadsheet row as village offices write them.

A cell arrives as the file reader gives it (``str``, ``int``, ``float``, ``bool``, ``date``,
``datetime`` or ``None``); each reader here turns it into what ``domain.worker.validate_worker``
takes, or leaves it as written so that the validation names the problem. Findings that only a
spreadsheet can cause (a NIK stored as a number, an occupation read by approximation) are coded
issues like every other (``domain.issues``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from . import issues as codes
from .occupations import CATEGORIES, CATEGORIES_EN, KTP_OCCUPATIONS, category_key, occupation_code
from .records import WORKER, Kind
from .text import Issue, Text
from .worker import clean_text, normalize_sex, parse_date

#: Excel's day 0 in the 1900 date system, shifted by the leap day 1900 that Excel wrongly counts.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAX_EXACT = 2**53  # from here on a double holds every other integer only: 2**53 + 1 reads as 2**53
LAINNYA = 89

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agust": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nopember": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_WORD_DATE = re.compile(r"^(\d{1,2})[-/. ]*([a-z]+)\.?[-/., ]*(\d{2}|\d{4})$")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")  # 12051980, typed without separators
_INVISIBLE = re.compile(r"[\u00a0\u200b\u200c\u200d\u2060\ufeff\u202f\u2007\u2009]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\u2032": "'"})
_FLOAT_TEXT = re.compile(r"^(\d+)\.0+$")  # "3201011508950001.0": a number written out by a program
_RT_WORD = re.compile(r"^(?:rt|rw)[\s.:]*", re.I)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if type(value) is str:
        s = value.strip()
        return not s or s == "-"  # OpenSID writes "-" for "not known"
    return False


def cell_text(value: object) -> str:
    """A cell as text: a whole number without ".0", a date as DD-MM-YYYY, spaces collapsed."""
    if value is None:
        return ""
    if type(value) is str and value.isascii() and not value.startswith("'"):
        return " ".join(value.split())  # the common case, first
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    s = str(value)
    if not s.isascii():  # the invisible characters are all outside ASCII: most cells skip the regex
        s = _INVISIBLE.sub(" ", s)
    if s.startswith("'"):  # Excel's "this is text" mark, typed by people who know
        s = s[1:]
    return clean_text(s)


def _year(yy: str, today: dt.date) -> int:
    y = int(yy)
    if len(yy) == 4:
        return y
    return 2000 + y if 2000 + y <= today.year else 1900 + y


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def read_date(value: object, *, today: dt.date | None = None) -> dt.date | None:
    """A date as people write it: DD-MM-YYYY, DD/MM/YY, DD.MM.YYYY, "12 Mei 1980", "12-Agu-80",
    ISO (with or without a time), DDMMYYYY, a date cell, or an Excel serial number. Day first
    always: Indonesian offices write the day first, and a NIK cross-check catches a swap."""
    if type(value) is not str:  # a text is none of these: it goes straight to its reading
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            if math.isnan(value) or not 1 <= value < 2_958_466:  # beyond 9999-12-31
                return None
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    s = cell_text(value).lower()
    if not s:
        return None
    if len(s) == 10 and s[2] in "-/. " and s[5] in "-/. " and s.isascii():
        # DD-MM-YYYY, the shape almost every sheet writes, read without the patterns below (a
        # third of their time): what _NUMERIC_DATE reads of it (no ISO date has this shape).
        dd, mm, yyyy = s[:2], s[3:5], s[6:]
        if dd.isdigit() and mm.isdigit() and yyyy.isdigit():
            return _make(int(yyyy), int(mm), int(dd))
    if m := _ISO_DATE.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC_DATE.match(s):
        return _make(_year(m[3], today or dt.date.today()), int(m[2]), int(m[1]))
    if m := _WORD_DATE.match(s):
        month = _MONTHS.get(m[2])
        return _make(_year(m[3], today or dt.date.today()), month, int(m[1])) if month else None
    if m := _COMPACT_DATE.match(s):
        return _make(int(m[3]), int(m[2]), int(m[1]))
    return parse_date(s)


def read_sex(value: object) -> str | None:
    """L or P from L/P, LK/PR, 1/2 (OpenSID's codes), Laki-laki/Perempuan, M/F, Pria/Wanita."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {1: "L", 2: "P"}.get(int(value)) if float(value).is_integer() else None
    s = cell_text(value)
    return {"1": "L", "2": "P"}.get(s) or normalize_sex(s)


def _float_issue(fld: str, shown: str) -> Issue:
    return Issue(
        codes.KK_EXCEL_FLOAT if fld == "kk" else codes.NIK_EXCEL_FLOAT,
        fld,
        Text(
            "Excel menyimpan nomor ini sebagai angka, sehingga digit terakhirnya bisa hilang "
            "(Excel hanya menyimpan 15 digit); format kolom sebagai Teks lalu ketik ulang dari KTP/KK",
            "Excel stored this number as a number, so its last digits may be lost (Excel keeps only "
            "15 digits); format the column as Text and type it again from the card",
        ),
        shown,
    )


def _zero_issue(fld: str) -> Issue:
    """OpenSID writes 0 for a resident with no NIK (or KK) yet: said as such, not as a blank cell."""
    what = "NIK" if fld == "nik" else "No. KK"
    return Issue(
        codes.FIELD_REQUIRED,
        fld,
        Text(
            f"belum ada: di berkas tertulis 0 (belum punya {what}); isi {what} 16 angka, atau hapus barisnya",
            f"not there: the file says 0 (no {what} yet); fill in the 16-digit {what}, or delete the row",
        ),
        "0",
    )


def read_identity(value: object, fld: str) -> tuple[str, Issue | None]:
    """A NIK or No. KK as its digits, or the finding that the spreadsheet stored it as a number.

    A number cell is trusted only when it cannot have lost a digit: below 2**53 (every integer
    below it is exact in a double, while 2**53 itself is also what 2**53 + 1 becomes) and not ending in 0 (Excel keeps 15 significant digits, so
    a 16-digit number typed into Excel always ends in 0). Anything else is refused: the real
    number is unknowable, and a guessed NIK would be another person's."""
    if type(value) is str and value.isascii() and value.isdigit() and value.strip("0"):
        return value, None  # the common case: digits typed into a text cell
    if isinstance(value, bool):
        return str(value), None
    number: float | int | None = None
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str) and (m := _FLOAT_TEXT.match(value.strip())):
        number = int(m[1])
    if number is not None:
        if isinstance(number, float) and not number.is_integer():
            return "", _float_issue(fld, repr(number))
        n = int(number)
        if n == 0:
            return "", _zero_issue(fld)
        digits = str(n)
        if len(digits) >= 15 and (n >= _MAX_EXACT or n % 10 == 0):
            return "", _float_issue(fld, f"{number:.5E}" if isinstance(number, float) else digits)
        return digits, None
    text = _INVISIBLE.sub("", str(value if value is not None else "")).strip().lstrip("'")
    if text and not text.strip("0"):  # "0", "0000000000000000": OpenSID's "no NIK yet"
        return "", _zero_issue(fld)
    return text, None


def read_rt(value: object) -> str:
    """RT or RW as written: "001", 1, "RT 01" all give the digits; "-" gives nothing."""
    s = cell_text(value)
    return "" if s == "-" else _RT_WORD.sub("", s)


def read_phone(value: object) -> str:
    """A number cell lost the leading 0 (812… for 0812…); text is left to ``normalize_phone``."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        digits = str(int(value))
        if digits.startswith("8") and 8 <= len(digits) <= 13:
            return "0" + digits
        return digits
    return cell_text(value)


_YES = frozenset({"1", "y", "ya", "yes", "true", "benar", "v", "✓", "√", "x", "ada", "sudah"})
_NO = frozenset({"", "0", "t", "tidak", "tdk", "no", "n", "false", "salah", "belum", "bukan", "-"})


def read_flag(value: object, fld: str) -> tuple[bool | None, Issue | None]:
    if isinstance(value, bool):
        return value, None
    s = cell_text(value).lower()
    if s in _YES:
        return True, None
    if s in _NO:
        return False, None
    return None, Issue(
        codes.IMPORT_FLAG_INVALID, fld, Text("isi Ya atau Tidak", "use Ya (yes) or Tidak (no)"), cell_text(value)
    )


def _title_word(word: str) -> str:
    # "MA'RUF" → "Ma'ruf", "AL-AMIN" → "Al-Amin": str.title() would give "Ma'Ruf".
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def tidy_case(text: str) -> str:
    """All capitals or all small letters become Title Case; a mixed spelling is the person's own."""
    if text.isupper() or text.islower():
        return " ".join(_title_word(w) for w in text.split(" "))
    return text


def read_name(value: object) -> str:
    """Trimmed, Word's curly apostrophes made straight, all-capital names in Title Case."""
    text = cell_text(value)
    if not text.isascii() or "`" in text:  # the only apostrophe to straighten that is ASCII
        text = text.translate(_APOSTROPHES)  # (a translation by table looks up every letter)
    return tidy_case(text.strip(" -"))


# -- occupations -----------------------------------------------------------------------------

#: What people write for a KTP occupation besides its exact name (lower case).
OCCUPATION_WORDS: dict[str, int] = {
    "petani": 9,
    "pekebun": 9,
    "tani": 9,
    "peternak": 10,
    "nelayan": 11,
    "pedagang": 84,
    "dagang": 84,
    "buruh": 19,
    "buruh harian": 19,
    "buruh tani": 20,
    "buruh kebun": 20,
    "buruh nelayan": 21,
    "irt": 2,
    "ibu rumah tangga": 2,
    "mengurus rumah tangga": 2,
    "pelajar": 3,
    "mahasiswa": 3,
    "pns": 5,
    "tni": 6,
    "polri": 7,
    "polisi": 7,
    "swasta": 15,
    "karyawan": 15,
    "honorer": 18,
    "wiraswasta": 88,
    "wirausaha": 88,
    "tukang batu": 26,
    "tukang kayu": 27,
    "tukang jahit": 30,
    "penjahit": 30,
    "tukang cukur": 24,
    "tukang las": 29,
    "sopir": 81,
    "supir": 81,
    "ojek": 14,
    "tukang ojek": 14,
    "guru": 65,
    "ustadz": 45,
    "ustad": 45,
    "imam": 41,
    "marbot": 89,
    "bidan": 73,
    "perawat": 74,
    "tidak bekerja": 1,
    "belum bekerja": 1,
    "pensiunan": 4,
}
_CHOICES = {name.lower(): code for code, name in KTP_OCCUPATIONS.items()} | {
    part.lower(): code for code, name in KTP_OCCUPATIONS.items() for part in name.split("/")
}


@dataclass(frozen=True, slots=True)
class Occupation:
    code: int | None  # None: nothing given, or a number that is no code
    issue: Issue | None = None
    kept: str = ""  # the text as written, when no occupation matched (kept in the notes)


@lru_cache(maxsize=1024)
def _match_occupation(text: str) -> tuple[int | None, int]:
    """(code, score): 100 for an exact name, code or known word, less for a near spelling."""
    exact = occupation_code(text)
    if exact is not None:
        return exact, 100
    low = " ".join(text.lower().replace(".", " ").split())
    if low in OCCUPATION_WORDS:
        return OCCUPATION_WORDS[low], 100
    found = process.extractOne(low, _CHOICES.keys(), scorer=fuzz.ratio, score_cutoff=85)
    if found is not None:
        return _CHOICES[found[0]], int(found[1])
    return None, 0


def read_occupation(value: object) -> Occupation:
    """A KTP occupation by code (OpenSID's pekerjaan_id is the same list) or name; a near spelling
    is read with a warning; anything else becomes LAINNYA with the text kept."""
    if is_blank(value):
        return Occupation(None)
    text = cell_text(value)
    if text.isdigit():
        number = int(text)
        # a number that is no code: the validation says so
        return Occupation(number if number in KTP_OCCUPATIONS else None)
    code, score = _match_occupation(text)
    if code is not None and score == 100:
        return Occupation(code)
    if code is not None:
        return Occupation(
            code,
            Issue(
                codes.OCCUPATION_MATCHED,
                "occupation",
                Text(f"dibaca sebagai {KTP_OCCUPATIONS[code]}", f"read as {KTP_OCCUPATIONS[code]}"),
                text,
            ),
        )
    return Occupation(
        LAINNYA,
        Issue(
            codes.OCCUPATION_KEPT,
            "occupation",
            Text(
                "tidak ada di daftar pekerjaan KTP: dicatat LAINNYA, tulisan aslinya disimpan di catatan",
                "not in the ID-card occupation list: recorded as LAINNYA, the text kept in the notes",
            ),
            text,
        ),
        kept=text,
    )


#: The worker category an occupation suggests when the file names none.
CATEGORY_OF_OCCUPATION: dict[int, str] = {
    9: "petani",
    20: "buruh_tani",
    11: "nelayan",
    21: "nelayan",
    8: "pedagang_kecil",
    84: "pedagang_kecil",
    13: "tukang_bangunan",
    26: "tukang_bangunan",
    27: "tukang_bangunan",
    41: "tenaga_keagamaan",
    42: "tenaga_keagamaan",
    43: "tenaga_keagamaan",
    45: "tenaga_keagamaan",
    87: "tenaga_keagamaan",
    85: "perangkat_desa",
    86: "perangkat_desa",
}
assert set(CATEGORY_OF_OCCUPATION.values()) <= set(CATEGORIES)


def derived_category(occupation: int | None) -> tuple[str, Issue]:
    key = CATEGORY_OF_OCCUPATION.get(occupation or 0, "lainnya")
    label = CATEGORIES[key]
    label_en = CATEGORIES_EN.get(key, label)  # English mode names the category in English ("Other")
    return key, Issue(
        codes.CATEGORY_DERIVED,
        "category",
        Text(f"tidak diisi: diambil dari pekerjaan ({label})", f"not given: taken from the occupation ({label_en})"),
        label,
    )


#: The short forms a sheet writes a hamlet's kind in ("Dsn 3", "Kp. Babakan", "Lingk. II").
_HAMLET_SHORT = re.compile(r"^(dsn|dus|dsun|kp|kamp|lingk|ling|lkg)(?:\.\s*|\s+)(?=\S)")
_HAMLET_LONG = {"dsn": "dusun", "dus": "dusun", "dsun": "dusun", "kp": "kampung", "kamp": "kampung"}
_HAMLET_LONG |= {"lingk": "lingkungan", "ling": "lingkungan", "lkg": "lingkungan"}


def hamlet_key(text: str) -> str:
    """What two spellings of one hamlet share: no case, one space, the kind written out
    ("Dsn 3", "DUSUN  3" and "dusun 3" are one hamlet)."""
    folded = " ".join(text.casefold().split())
    return _HAMLET_SHORT.sub(lambda m: _HAMLET_LONG[m[1]] + " ", folded)


def match_known(text: str, known: Iterable[str] | Mapping[str, str]) -> str:
    """``text`` spelled as a value already in use when they differ only in case or in the short
    form of the hamlet's kind ("SUKAMAJU" → "Sukamaju", "Dsn 3" → "Dusun 3"), else in Title Case
    when written in capitals. ``known`` may be the values, or (for many rows)
    ``folded_values(values)`` made once."""
    key = hamlet_key(text)
    if isinstance(known, Mapping):
        found = known.get(key)
        return found if found is not None else tidy_case(text)
    for k in known:
        if hamlet_key(k) == key:
            return k
    return tidy_case(text)


def folded_values(values: Iterable[str]) -> dict[str, str]:
    """``hamlet_key`` → value, for ``match_known`` over many rows."""
    return {hamlet_key(v): v for v in values}


# -- a whole row ------------------------------------------------------------------------------

#: Columns that are not input fields but are split into two (``Tempat, Tanggal Lahir``, ``RT/RW``).
COMBINED = ("birth_place_date", "rt_rw")
_FLAGS = ("dtks", "bpjs_active", "resident")


@dataclass(slots=True)
class RowValues:
    """A row read for ``validate_worker``: the values given (blank cells left out), and what the
    reading found."""

    values: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    kept_occupation: str = ""
    filled: int = 0  # how many of the cells were filled in


#: The record's dates (birth, consent): each read by ``read_date``, in every shape it takes.
_DATE_KEYS = frozenset(f.input for f in WORKER.fields if f.kind is Kind.DATE and f.input is not None)

#: Keys whose reading depends only on the cell (and the row reader's dusun and today): a
#: village's sheet repeats them (dusun, RT, sex, occupation, flags, names: a family shares its
#: surname and a village its given names), so a reader keeps each answer; these keys' values are
#: mostly one per row, and only read.
_UNIQUE_KEYS = frozenset({"nik", "kk", "notes", "birth_date", "phone", "heir_phone"})
_CACHE_LIMIT = 4096  # answers kept per key: a column of distinct values stops being kept
_NOTHING = object()  # a cell that gives no value (a refused NIK, an empty RT)
#: (value or _NOTHING, issue or None, the occupation text kept)
_Read = tuple[object, Issue | None, str]


class _Odd(tuple[object, Issue | None, str]):  # (value or _NOTHING, issue or None, occupation kept)
    """A cell's reading that is more than its value (a finding, an occupation kept, no value,
    a blank cell). A reading that is only its value is kept as that value, which no reader
    gives as an ``_Odd``: most cells then cost one type test."""

    __slots__ = ()


_BLANK = _Odd((_NOTHING, None, ""))  # a blank cell: not read, not counted


def _answer(read: _Read) -> object:
    """What a reader keeps of a cell's reading: its value alone when that is all there is."""
    value, issue, kept = read
    return value if issue is None and not kept and value is not _NOTHING else _Odd(read)


class RowReader:
    """``read_row`` for many rows of one sheet: the same result, with each repeated cell read once."""

    __slots__ = ("_cache", "_columns", "_known", "_plan", "_today")

    def __init__(self, *, known_dusun: Iterable[str] | Mapping[str, str] = (), today: dt.date | None = None) -> None:
        # The register's hamlets, and each new one as the sheet first spells it: "DUSUN 3" on one
        # row and "Dsn 3" on the next are one new hamlet, not two.
        self._known: dict[str, str] = (
            dict(known_dusun) if isinstance(known_dusun, Mapping) else folded_values(known_dusun)
        )
        self._today = today
        self._cache: dict[str, dict[object, object]] = {}
        self._columns: Sequence[tuple[str, int]] = ()
        # (key, column, the answers kept for the key or None for a key of distinct values, the
        # key's reading of a cell: ``_reader``)
        self._plan: tuple[tuple[str, int, dict[object, object] | None, Callable[[object], object]], ...] = ()

    def _cell(self, key: str, raw: object) -> _Read:
        if key in ("nik", "kk"):
            digits, issue = read_identity(raw, key)
            return (digits if issue is None and digits else _NOTHING), issue, ""
        # The keys of distinct values next (each of their cells is read): then those kept.
        if key in _DATE_KEYS:
            return read_date(raw, today=self._today) or cell_text(raw), None, ""
        if key in ("phone", "heir_phone"):
            return read_phone(raw), None, ""
        if key == "notes":
            return str(raw).strip(), None, ""
        if key in ("name", "heir_name"):
            return read_name(raw), None, ""
        if key == "sex":
            return read_sex(raw) or cell_text(raw), None, ""
        if key in ("rt", "rw"):
            return (read_rt(raw) or _NOTHING), None, ""
        if key == "occupation":
            occ = read_occupation(raw)
            return (occ.code if occ.code is not None else cell_text(raw)), occ.issue, occ.kept
        if key == "dusun":
            text = cell_text(raw)
            hamlet = match_known(text, self._known)
            self._known.setdefault(hamlet_key(text), hamlet)  # a new one, as this sheet first spells it
            return hamlet, None, ""
        if key == "birth_place":
            return tidy_case(cell_text(raw)), None, ""
        if key == "category":
            text = cell_text(raw)
            return (category_key(text) or text), None, ""
        if key in _FLAGS:
            flag, issue = read_flag(raw, key)
            return (flag if issue is None and flag is not None else _NOTHING), issue, ""
        if key == "income":
            return (raw if isinstance(raw, int | float) and not isinstance(raw, bool) else cell_text(raw)), None, ""
        return cell_text(raw), None, ""

    def _reader(self, key: str) -> Callable[[object], object]:
        """A cell of ``key`` as a row keeps it: ``_BLANK`` when blank, else what ``_answer`` keeps
        of ``_cell``. The commonest cell of each key of distinct values (a NIK typed as text, a
        date cell, a phone number of digits) is answered without the dispatch, as the long way
        answers it (tests/importing/test_fast_path.py holds each to it)."""
        cell = self._cell

        def read(raw: object) -> object:
            return _BLANK if is_blank(raw) else _answer(cell(key, raw))

        if key in ("nik", "kk"):

            def number(raw: object) -> object:
                # ``read_identity``'s first case: digits typed into a text cell, kept as they are.
                if type(raw) is str and raw.isdigit() and raw.isascii() and raw.strip("0"):
                    return raw
                return read(raw)

            return number
        if key in _DATE_KEYS:

            def day(raw: object) -> object:
                return raw if type(raw) is dt.date else read(raw)  # a date cell is its date

            return day
        if key in ("phone", "heir_phone"):

            def phone(raw: object) -> object:
                # Digits alone: ``cell_text`` leaves them as they are, and so does ``read_phone``.
                return raw if type(raw) is str and raw.isdigit() and raw.isascii() else read(raw)

            return phone
        return read

    def read(self, cells: Mapping[str, object]) -> RowValues:
        """Reads the cells of one row by input key (``records.WORKER``'s inputs, plus ``COMBINED``)."""
        if "birth_place_date" in cells or "rt_rw" in cells:
            cells = dict(cells)
            if not is_blank(combined := cells.pop("birth_place_date", None)):
                place, _, when = cell_text(combined).rpartition(",")
                cells.setdefault("birth_place", place.strip() or None)
                cells.setdefault("birth_date", when.strip())
            if not is_blank(combined := cells.pop("rt_rw", None)):
                rt, _, rw = cell_text(combined).partition("/")
                cells.setdefault("rt", rt)
                cells.setdefault("rw", rw)
        return self.read_columns(tuple(cells.values()), tuple((k, i) for i, k in enumerate(cells)))

    def read_columns(self, cells: Sequence[object], columns: Sequence[tuple[str, int]]) -> RowValues:
        """Reads one row of a sheet: ``columns`` gives each input key's column (``COMBINED``
        ones too); a column beyond the row's last cell is empty."""
        if columns is not self._columns:
            if any(k in COMBINED for k, _ in columns):
                width = len(cells)
                return self.read({k: cells[c] if c < width else None for k, c in columns})
            self._columns = columns
            self._plan = tuple(
                (k, c, None if k in _UNIQUE_KEYS else self._cache.setdefault(k, {}), self._reader(k))
                for k, c in columns
            )
        out = RowValues()
        v = out.values
        width, unvalued = len(cells), 0
        for key, c, cache, read in self._plan:
            if c >= width or (raw := cells[c]) is None:
                continue
            if cache is None:
                got: object = read(raw)
            else:
                # A text is its own key; another value goes with its type (1, 1.0 and True are equal).
                at = raw if type(raw) is str else (type(raw), raw)
                try:
                    got = cache[at]
                except KeyError:  # not read yet
                    got = read(raw)
                    if len(cache) < _CACHE_LIMIT:
                        cache[at] = got
                except TypeError:  # a cell no reader gives (unhashable): read, not kept
                    got = read(raw)
            if type(got) is not _Odd:
                v[key] = got
                continue
            if got is _BLANK:
                continue
            value, issue, kept = got
            if issue is not None:
                out.issues.append(issue)
            if value is not _NOTHING:
                v[key] = value
            else:
                unvalued += 1
            if kept:
                out.kept_occupation = kept
        # Every key is read once (``columns`` names each once): the cells filled in are those that
        # gave a value and those that gave none (a refused NIK, an empty RT).
        out.filled = len(v) + unvalued
        return out


def read_row(
    cells: Mapping[str, object],
    *,
    known_dusun: Iterable[str] | Mapping[str, str] = (),
    today: dt.date | None = None,
) -> RowValues:
    """Reads the cells of one row by input key (``records.WORKER``'s inputs, plus ``COMBINED``)."""
    return RowReader(known_dusun=known_dusun, today=today).read(cells)
