"""Validation of a worker's record as a person types it (form, CLI, import)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, TypeVar

from . import identity, money
from . import issues as codes
from .occupations import CATEGORIES, KTP_OCCUPATIONS, category_key, occupation_code
from .text import Issue, Text

_NAME_OK = re.compile(r"^[^\W\d_]+(?:[ .,'\-][^\W\d_]*)*\.?$")
_RT = re.compile(r"^\d{1,3}$")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"0\d{8,13}")
_ISO_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # YYYY-MM-DD
_DMY_SHAPE = re.compile(r"[0-9]{2}([-/.])[0-9]{2}\1[0-9]{4}")  # DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY
_KPJ = re.compile(r"\d{8,13}")
MAX_INCOME = 1_000_000_000
MAX_AGE = 120

_SEX_WORDS = {
    "l": "L",
    "lk": "L",
    "laki-laki": "L",
    "laki laki": "L",
    "pria": "L",
    "m": "L",
    "male": "L",
    "p": "P",
    "pr": "P",
    "perempuan": "P",
    "wanita": "P",
    "f": "P",
    "female": "P",
    "w": "P",
}

_NONE: frozenset[str] = frozenset()
REQUIRED = ("nik", "kk", "name", "birth_place", "birth_date", "sex", "dusun", "rt", "rw", "occupation", "category")


@dataclass(slots=True)
class WorkerData:
    """A worker's record after validation: normalized, typed, ready to store."""

    nik: str
    kk: str
    name: str
    birth_place: str
    birth_date: dt.date
    sex: str
    dusun: str
    rt: str
    rw: str
    occupation_code: int
    category: str
    address: str = ""
    phone: str = ""
    income: int | None = None
    heir_name: str = ""
    heir_relation: str = ""
    heir_phone: str = ""
    dtks: bool = False
    bpjs_active: bool = False
    kpj: str = ""
    resident: bool = True
    notes: str = ""
    # The day the worker agreed to the processing of their personal data (UU 27/2022); None:
    # no consent recorded, and the worker cannot be nominated (eligibility rule "consent").
    consent_date: dt.date | None = None


@dataclass(slots=True)
class Validated:
    data: WorkerData | None
    issues: list[Issue] = field(default_factory=list)
    nik_check: identity.NikCheck | None = None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


def parse_date(raw: object) -> dt.date | None:
    """YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY; a date passes through."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    return _date_of_text(str(raw).strip())


@lru_cache(maxsize=4096)
def _date_of_text(s: str) -> dt.date | None:
    """``parse_date`` of a stripped text, kept per text: a sheet repeats its dates (consent)."""
    # The two shapes a sheet almost always holds, read without strptime (which is slow); any
    # doubt (no such day) goes the long way below, so the answer is strptime's.
    if len(s) == 10 and s.isascii():
        try:
            if _ISO_SHAPE.fullmatch(s):
                return dt.date(int(s[:4]), int(s[5:7]), int(s[8:]))
            if _DMY_SHAPE.fullmatch(s):
                return dt.date(int(s[6:]), int(s[3:5]), int(s[:2]))
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    return None


def clean_text(raw: object) -> str:
    """Collapses runs of white space (str.split() is several times faster than a regex here) and
    composes what was typed decomposed (NFC: "i" and a combining acute become one letter)."""
    if not raw:
        return ""
    text = " ".join(str(raw).split())
    return text if text.isascii() else unicodedata.normalize("NFC", text)


#: Characters no field may hold: they steer a terminal or reorder the text around them.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


#: The controls (Cc) that are not white space (\t-\r, \x1c-\x1f and \x85 are), the lone
#: surrogates (Cs) and ``_BIDI``, as one character class (a test holds it to the rule as written
#: character by character, over every code point).
_STEERING = re.compile(
    r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def has_steering(text: str) -> bool:
    """Control characters other than white space, bidirectional overrides, lone surrogates."""
    # Every one of them is unprintable (Unicode's "Other"; a test holds the two together), and
    # str.isprintable is several times faster than the search: a printable text is let through.
    return not text.isprintable() and _STEERING.search(text) is not None


# Free-text fields, whose only rule is their length (the others have formats of their own).
_FORMATTED = frozenset({"nik", "kk", "name", "sex", "rt", "rw", "phone", "heir_phone", "kpj"})


@lru_cache(maxsize=1)
def _free_text_lengths() -> tuple[tuple[str, int], ...]:
    """(input key, maximum length) of the free-text fields, from the record definition, once."""
    from .records import WORKER, Kind

    return tuple(
        (f.input, f.length)
        for f in WORKER.fields
        if f.input is not None and f.input not in _FORMATTED and f.kind is Kind.STRING and f.length is not None
    )


#: ``isinstance(x, str)`` as a C callable (``filter`` calls it without a Python frame).
_is_text = str.__instancecheck__


def _steering_rules(values: dict[str, Any], found: list[Issue]) -> None:
    """The character rule, text by text: each text holding a steering character is a finding."""
    for key, raw in values.items():
        if isinstance(raw, str) and has_steering(raw):
            found.append(
                Issue(
                    codes.FIELD_CHARACTERS,
                    key,
                    Text(
                        "memuat karakter kendali atau pembalik arah teks; ketik ulang isinya",
                        "holds a control or text-direction character; type it again",
                    ),
                    raw.encode("utf-8", "backslashreplace").decode("utf-8")[:80],
                )
            )


def _text_rules(values: dict[str, Any], found: list[Issue]) -> None:
    """Every field's character rule, and the free-text fields' lengths from the record
    definition: each finding is added to ``found``."""
    # Almost every text is printable (no steering character is): that is asked of them all at
    # once, in C (no loop of ours); only a record failing it looks at its texts one by one.
    if not all(map(str.isprintable, filter(_is_text, values.values()))):
        _steering_rules(values, found)
    for key, length in _free_text_lengths():
        text = values.get(key)
        # Cleaning an ASCII text only shortens it; NFC may lengthen other text (U+0958 → two).
        if isinstance(text, str) and (len(text) > length or not text.isascii()) and len(clean_text(text)) > length:
            found.append(
                Issue(
                    codes.FIELD_TOO_LONG,
                    key,
                    Text(f"terlalu panjang (maks. {length} huruf)", f"too long (max. {length} characters)"),
                    text[:80],
                )
            )


def normalize_sex(raw: object) -> str | None:
    return _SEX_WORDS.get(clean_text(raw).lower())


#: An address that already names its RT and its RW ("RT 009/RW 006", "rt.3 rw.2", "RT/RW 03/02").
_NAMES_RT = re.compile(r"\bRT\b\.?\s*(?:\d|/\s*RW\b)", re.IGNORECASE)
_NAMES_RW = re.compile(r"\bRW\b\.?\s*\d|\bRT\s*/\s*RW\b", re.IGNORECASE)


def full_address(address: str, rt: str, rw: str) -> str:
    """The address with its RT and RW, as one line for a form or a sheet: "Kp. Sukasari RT 003/RW
    002"; an address typed with them already ("Kp. Cibeureum RT 009/RW 006") is kept as typed,
    not given them twice."""
    address = " ".join(address.split())
    has_rt, has_rw = _NAMES_RT.search(address) is not None, _NAMES_RW.search(address) is not None
    if not (rt or rw) or (has_rt and has_rw):
        return address
    if has_rt:  # "Kp. Babakan RT 008": only the RW is missing
        return f"{address} RW {rw or '-'}"
    if has_rw:
        return f"{address} RT {rt or '-'}"
    return f"{address} RT {rt or '-'}/RW {rw or '-'}".strip()


def normalize_phone(raw: str) -> str | None:
    """Indonesian numbers to 08…; None when it cannot be a phone number."""
    if raw.isdigit() and raw.isascii() and raw[:1] == "0" and 9 <= len(raw) <= 14:
        return raw  # 08… already, as most are: what the rule below would give, a quarter of its time
    digits = _PHONE_SEPARATORS.sub("", raw)
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62"):
        digits = "0" + digits[2:]
    if not _PHONE.fullmatch(digits):
        return None
    return digits


def _bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    return clean_text(raw).lower() in {"1", "y", "ya", "yes", "true", "benar"}


# -- single-value rules, each answer kept: a register repeats these values row after row -------

_T = TypeVar("_T")


def _sex_of(raw: object) -> str | None:
    return normalize_sex(raw)


def _rt_of(raw: object) -> str | None:
    """RT or RW as three digits, None when it is no number from 1 to 999."""
    v = clean_text(raw)
    if not _RT.match(v) or int(v) == 0:
        return None
    return f"{int(v):03d}"


def _name_of(raw: object) -> tuple[str, Issue | None]:
    """The name cleaned, and the finding on its letters or length."""
    name = clean_text(raw)
    if name and not _NAME_OK.match(name):
        return name, Issue(
            codes.NAME_CHARACTERS,
            "name",
            Text(
                "hanya huruf, spasi, titik, koma, tanda hubung dan apostrof",
                "letters, spaces, dots, commas, hyphens and apostrophes only",
            ),
            raw,
        )
    if len(name) > 120:
        return name, Issue(
            codes.NAME_TOO_LONG,
            "name",
            Text("terlalu panjang (maks. 120 huruf)", "too long (max. 120 letters)"),
            raw,
        )
    return name, None


@lru_cache(maxsize=8192)
def _kk_checked(raw: str, today: dt.date) -> identity.KkCheck:
    """``identity.check_kk``, kept: the members of a family share their No. KK (only read here)."""
    return identity.check_kk(raw, reference=today)


def _occupation_of(raw: object) -> int | None:
    return occupation_code(str(raw))


def _category_of(raw: object) -> str | None:
    return category_key(str(raw))


#: Each rule's answers kept per value and type (1, 1.0 and True are equal but read differently);
#: a value that cannot be kept (unhashable: TypeError) is asked the rule itself.
_KEPT: dict[Callable[[Any], Any], Callable[[Any], Any]] = {
    rule: lru_cache(maxsize=1024, typed=True)(rule) for rule in (_sex_of, _rt_of, _occupation_of, _category_of)
}
_KEPT[_name_of] = lru_cache(maxsize=8192, typed=True)(_name_of)  # a village repeats its names too


def _answer(rule: Callable[[Any], _T], raw: object) -> _T:
    """``rule(raw)``, its answer kept (``_KEPT``); a value that cannot be kept is asked afresh."""
    try:
        kept: _T = _KEPT[rule](raw)
        return kept
    except TypeError:
        return rule(raw)


def _phone(raw: object, fld: str, issues: list[Issue]) -> str:
    """A phone number as 08…, or "" when none is given; a number that cannot be one adds its
    finding to ``issues``."""
    text = clean_text(raw)
    if not text:
        return ""
    number = normalize_phone(text)
    if number is None:
        issues.append(
            Issue(
                codes.PHONE_INVALID,
                fld,
                Text(
                    "bukan nomor HP Indonesia (contoh 0812xxxxxxxx)",
                    "not an Indonesian mobile number (e.g. 0812xxxxxxxx)",
                ),
                raw,
            )
        )
        return ""
    return number


def _rt_rw(raw: object, fld: str, issues: list[Issue]) -> str | None:
    """The RT or RW as three digits, or None with the finding added to ``issues``."""
    number = _answer(_rt_of, raw)
    if number is None:
        issues.append(Issue(codes.RT_RW_RANGE, fld, Text("angka 1 sampai 999", "a number from 1 to 999"), raw))
    return number


def validate_worker(
    values: dict[str, Any],
    *,
    home_regency: str | None = None,
    reference: dt.date | None = None,
) -> Validated:
    """Checks every field and returns the normalized record or the issues (errors and warnings).

    Every issue of the record is returned, each with its code (``domain.issues``), never only
    the first. ``values`` holds raw input by field name (see WorkerData); ``home_regency`` is the
    village's regency code ("32.04"), for the warning on NIKs issued elsewhere.
    """
    today = reference or dt.date.today()
    issues: list[Issue] = []
    get = values.get

    for f in REQUIRED:
        v = get(f)
        # Blank: nothing, or white space only (what strip() would empty, without making a copy).
        if v is None or (isinstance(v, str) and (not v or v.isspace())):
            issues.append(Issue(codes.FIELD_REQUIRED, f, Text("wajib diisi", "is required"), v))
    missing = {i.field for i in issues} if issues else _NONE
    _text_rules(values, issues)

    nik_check = None
    nik = kk = ""
    if "nik" not in missing:
        nik_check = identity.check_nik(str(get("nik")), home_regency=home_regency, reference=today)
        if nik_check.issues:
            issues += nik_check.issues
        nik = nik_check.nik or ""
    if "kk" not in missing:
        kk_check = _kk_checked(str(get("kk")), today)
        if kk_check.issues:
            issues += kk_check.issues
        kk = kk_check.kk or ""

    name, name_issue = _answer(_name_of, get("name"))
    if name_issue is not None:
        issues.append(name_issue)

    birth = None
    if "birth_date" not in missing:
        raw_birth = get("birth_date")
        birth = raw_birth if type(raw_birth) is dt.date else parse_date(raw_birth)
        if birth is None:
            issues.append(
                Issue(
                    codes.BIRTH_DATE_INVALID,
                    "birth_date",
                    Text(
                        "bukan tanggal yang ada (gunakan TTTT-BB-HH atau HH-BB-TTTT)",
                        "not a real date (use YYYY-MM-DD or DD-MM-YYYY)",
                    ),
                    raw_birth,
                )
            )
        elif birth > today:
            issues.append(
                Issue(
                    codes.BIRTH_DATE_FUTURE,
                    "birth_date",
                    Text("tanggal di masa depan", "a date in the future"),
                    raw_birth,
                )
            )
            birth = None
        elif today.year - birth.year > MAX_AGE:
            issues.append(
                Issue(
                    codes.BIRTH_DATE_TOO_OLD,
                    "birth_date",
                    Text(f"usia lebih dari {MAX_AGE} tahun", f"older than {MAX_AGE}"),
                    raw_birth,
                )
            )
            birth = None

    sex = None
    if "sex" not in missing:
        sex = _answer(_sex_of, get("sex"))
        if sex is None:
            issues.append(
                Issue(
                    codes.SEX_INVALID,
                    "sex",
                    Text("isi L (laki-laki) atau P (perempuan)", "use L (male) or P (female)"),
                    get("sex"),
                )
            )

    # The NIK's date and sex agree with those entered (the common case, tested inline) or not.
    if nik_check is not None and nik_check.nik and (nik_check.birth_date != birth or nik_check.sex != sex):
        # The value of a finding is what was typed ("1995-08-06", "laki-laki"), not what it was read as.
        crossed = identity.cross_check(nik_check, birth, sex)
        if crossed:
            issues.extend(replace(i, value=get(i.field)) for i in crossed)

    rt = rw = None
    if "rt" not in missing:
        rt = _rt_rw(get("rt"), "rt", issues)
    if "rw" not in missing:
        rw = _rt_rw(get("rw"), "rw", issues)

    occ = None
    if "occupation" not in missing:
        occ = _answer(_occupation_of, get("occupation"))
        if occ is None:
            issues.append(
                Issue(
                    codes.OCCUPATION_UNKNOWN,
                    "occupation",
                    Text(
                        "tidak ada di daftar pekerjaan KTP (isi kode 1-89 atau nama persisnya)",
                        "not in the ID-card occupation list (use a code 1-89 or its exact name)",
                    ),
                    get("occupation"),
                )
            )
    cat = None
    if "category" not in missing:
        cat = _answer(_category_of, get("category"))
        if cat is None:
            issues.append(
                Issue(
                    codes.CATEGORY_UNKNOWN,
                    "category",
                    Text(
                        "bukan kategori yang dikenal: " + ", ".join(CATEGORIES),
                        "not a known category: " + ", ".join(CATEGORIES),
                    ),
                    get("category"),
                )
            )

    income: int | None = None
    raw_income = get("income")
    if raw_income is not None and not (isinstance(raw_income, str) and not raw_income.strip()):
        try:
            income = money.parse_rupiah(raw_income)
        except money.AmountError as exc:
            issues.append(Issue(exc.code, "income", exc.text, raw_income))
        else:
            if income > MAX_INCOME:
                issues.append(
                    Issue(
                        codes.INCOME_RANGE,
                        "income",
                        Text("harus antara 0 dan 1.000.000.000", "must be between 0 and 1,000,000,000"),
                        raw_income,
                    )
                )
                income = None

    phone, heir_phone = _phone(get("phone"), "phone", issues), _phone(get("heir_phone"), "heir_phone", issues)

    heir_name, heir_relation = clean_text(get("heir_name")), clean_text(get("heir_relation"))
    if heir_name and not heir_relation:
        issues.append(
            Issue(
                codes.HEIR_RELATION_REQUIRED,
                "heir_relation",
                Text("wajib diisi bila ada ahli waris", "is required when an heir is named"),
                get("heir_relation"),
            )
        )
    if not heir_name:
        issues.append(
            Issue(
                codes.HEIR_MISSING,
                "heir_name",
                Text("belum diisi; klaim JKM memerlukan ahli waris", "not given; a JKM claim needs an heir"),
                get("heir_name"),
            )
        )
    if heir_relation and (found := _heir_relation_kept(heir_relation, sex)):
        issues.extend(replace(i, value=get("heir_relation")) for i in found)

    kpj = clean_text(get("kpj"))
    bpjs_active = _bool(get("bpjs_active", False))
    if kpj and not _KPJ.fullmatch(kpj):
        issues.append(Issue(codes.KPJ_FORMAT, "kpj", Text("harus 8-13 digit angka", "must be 8-13 digits"), get("kpj")))

    consent_date = None
    raw_consent = get("consent_date")
    if raw_consent is not None and not (isinstance(raw_consent, str) and not raw_consent.strip()):
        consent_date, consent_issue = consent_date_issue(raw_consent, today, birth)
        if consent_issue is not None:
            issues.append(consent_issue)

    if (
        (issues and any(i.is_error for i in issues))
        or birth is None
        or sex is None
        or rt is None
        or rw is None
        or occ is None
        or cat is None
    ):
        return Validated(None, issues, nik_check)
    return Validated(
        # Positional, in the order of WorkerData's fields (a third of the keyword call's time).
        WorkerData(
            nik,
            kk,
            name,
            clean_text(get("birth_place")),
            birth,
            sex,
            clean_text(get("dusun")),
            rt,
            rw,
            occ,
            cat,
            clean_text(get("address")),
            phone,
            income,
            heir_name,
            heir_relation,
            heir_phone,
            _bool(get("dtks", False)),
            bpjs_active,
            kpj,
            _bool(get("resident", True)),
            str(get("notes") or "").strip(),
            consent_date,
        ),
        issues,
        nik_check,
    )


def consent_date_issue(raw: object, today: dt.date, birth: dt.date | None) -> tuple[dt.date | None, Issue | None]:
    """The consent date read from ``raw``, or the finding that refuses it: not a date, a day still
    to come, or a day before the worker was born."""
    day = parse_date(raw)
    if day is None:
        return None, Issue(
            codes.CONSENT_DATE_INVALID,
            "consent_date",
            Text(
                "bukan tanggal yang ada (gunakan TTTT-BB-HH atau HH-BB-TTTT)",
                "not a real date (use YYYY-MM-DD or DD-MM-YYYY)",
            ),
            raw,
        )
    if day > today or (birth is not None and day < birth):
        return None, Issue(
            codes.CONSENT_DATE_RANGE,
            "consent_date",
            Text(
                "tanggal persetujuan tidak boleh di masa depan atau sebelum tanggal lahir",
                "the consent date cannot be in the future or before the date of birth",
            ),
            raw,
        )
    return day, None


# -- heirs ------------------------------------------------------------------------------------
# A JKM death benefit goes to the heirs the rules name (PP 44/2015 as amended by PP 82/2019):
# the widow or widower and the children; failing them, descendants and ancestors to the second
# degree (grandchildren, parents, grandparents); then siblings; then parents-in-law; and only
# then whoever the worker named in a will. So a neighbour or a friend is no heir, and a nephew
# or a child-in-law is one only by a will.

#: The relationships the form offers (an editable list: people may type another).
HEIR_RELATIONS = ("Istri", "Suami", "Anak", "Cucu", "Orang tua", "Kakek/Nenek", "Saudara kandung", "Mertua", "Lainnya")

# Words for the spouse, by the sex the worker must then have.
_WIFE_WORDS = {"istri": "wife", "isteri": "wife", "janda": "widow"}  # the worker is a man
_HUSBAND_WORDS = {"suami": "husband", "duda": "widower"}  # the worker is a woman
_SPOUSE_GLOSS = _WIFE_WORDS | _HUSBAND_WORDS
_BY_LAW_WORDS = frozenset(
    {
        *_WIFE_WORDS,
        *_HUSBAND_WORDS,
        "pasangan",
        "anak",
        "putra",
        "putri",
        "cucu",
        "ayah",
        "bapak",
        "bapa",
        "ibu",
        "ortu",
        "kakek",
        "nenek",
        "saudara",
        "kakak",
        "adik",
        "abang",
        "mertua",
    }
)
_BY_LAW_PHRASES = frozenset({"orang tua", "orangtua"})
# Relatives who are heirs only by a will; checked before the words above ("adik ipar", "anak tiri").
_RELATIVE_WORDS = frozenset(
    {
        "ipar",
        "menantu",
        "tiri",
        "paman",
        "pakde",
        "bude",
        "bibi",
        "om",
        "tante",
        "keponakan",
        "ponakan",
        "sepupu",
        "cicit",
        "buyut",
        "besan",
    }
)
_NOT_FAMILY_WORDS = frozenset(
    {
        "tetangga",
        "teman",
        "kawan",
        "sahabat",
        "kenalan",
        "rekan",
        "majikan",
        "atasan",
        "bos",
        "pacar",
        "kekasih",
        "tunangan",
        "pengasuh",
        "pembantu",
        "karyawan",
    }
)
_NOT_FAMILY_PHRASES = frozenset({"orang lain", "bukan keluarga", "rekan kerja", "tuan rumah"})
_WORDS = re.compile(r"[a-z]+")
_HEIRS_BY_LAW = Text(
    "suami/istri, anak, cucu, orang tua, kakek/nenek, saudara kandung, mertua",
    "spouse, child, grandchild, parent, grandparent, sibling, parent-in-law",
)


@lru_cache(maxsize=256)
def heir_relation_kind(relation: str) -> str:
    """ "spouse_of_man", "spouse_of_woman", "by_law", "relative" (an heir only by a will), or
    "not_family"; anything not recognised counts as "relative"."""
    words = _WORDS.findall(relation.lower())
    key = " ".join(words)
    if key in _NOT_FAMILY_PHRASES or _NOT_FAMILY_WORDS.intersection(words):
        return "not_family"
    if _RELATIVE_WORDS.intersection(words):
        return "relative"
    if any(w in _WIFE_WORDS for w in words):
        return "spouse_of_man"
    if any(w in _HUSBAND_WORDS for w in words):
        return "spouse_of_woman"
    if _BY_LAW_WORDS.intersection(words) or any(p in key for p in _BY_LAW_PHRASES):
        return "by_law"
    return "relative"


def heir_relation_issues(relation: str, sex: str | None) -> list[Issue]:
    """What the heir's relationship says against the rules: a spouse word contradicting the
    worker's ``sex`` ("L"/"P"; None: not known) is a warning, a tie outside the family an error,
    a relative outside the heirs by law a warning."""
    return list(_heir_relation_issues(relation, sex))


@lru_cache(maxsize=256)  # a village writes a few dozen relationships; a bulk add asks for each row
def _heir_relation_issues(relation: str, sex: str | None) -> tuple[Issue, ...]:
    kind = heir_relation_kind(relation)
    if kind == "not_family":
        return (
            Issue(
                codes.HEIR_NOT_FAMILY,
                "heir_relation",
                Text(
                    f"bukan keluarga, jadi bukan ahli waris JKM ({_HEIRS_BY_LAW.id})",
                    f"not family, so not a JKM heir ({_HEIRS_BY_LAW.en})",
                ),
                relation,
            ),
        )
    if kind == "relative":
        return (
            Issue(
                codes.HEIR_NOT_BY_LAW,
                "heir_relation",
                Text(
                    f"bukan ahli waris JKM menurut aturan ({_HEIRS_BY_LAW.id}) kecuali ditunjuk dalam wasiat",
                    f"not a JKM heir by law ({_HEIRS_BY_LAW.en}) unless named in the worker's will",
                ),
                relation,
            ),
        )
    if (kind == "spouse_of_man" and sex == "P") or (kind == "spouse_of_woman" and sex == "L"):
        gloss = next(_SPOUSE_GLOSS[w] for w in _WORDS.findall(relation.lower()) if w in _SPOUSE_GLOSS)
        said = ("perempuan", "female") if sex == "P" else ("laki-laki", "male")
        return (
            Issue(
                codes.HEIR_RELATION_SEX,
                "heir_relation",
                Text(
                    f"{relation} untuk pekerja {said[0]}? periksa hubungan ahli waris atau jenis kelamin",
                    f"{relation} ({gloss}) for a {said[1]} worker? check the heir's relationship or the sex",
                ),
                relation,
            ),
        )
    return ()


#: ``_heir_relation_issues`` kept per answer: a sheet holds a handful of relations.
_heir_relation_kept = lru_cache(maxsize=1024)(_heir_relation_issues)


def occupation_label(code: int | None) -> str:
    return KTP_OCCUPATIONS.get(code or 0, "")
