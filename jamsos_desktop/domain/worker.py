"""Validation of a worker's record as a person types it (form, CLI, import)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import identity
from .occupations import CATEGORIES, KTP_OCCUPATIONS, category_key, occupation_code
from .text import Issue, Text

_NAME_OK = re.compile(r"^[^\W\d_]+(?:[ .,'\-][^\W\d_]*)*\.?$")
_RT = re.compile(r"^\d{1,3}$")
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
    s = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    return None


def clean_text(raw: object) -> str:
    """Collapses runs of white space; str.split() is several times faster than a regex here."""
    return " ".join(str(raw).split()) if raw else ""


def normalize_sex(raw: object) -> str | None:
    return _SEX_WORDS.get(clean_text(raw).lower())


def normalize_phone(raw: str) -> str | None:
    """Indonesian numbers to 08…; None when it cannot be a phone number."""
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62"):
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0\d{8,13}", digits):
        return None
    return digits


def _bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    return clean_text(raw).lower() in {"1", "y", "ya", "yes", "true", "benar"}


def validate_worker(
    values: dict[str, Any],
    *,
    home_regency: str | None = None,
    reference: dt.date | None = None,
) -> Validated:
    """Checks every field and returns the normalized record or the issues (errors and warnings).

    ``values`` holds raw input by field name (see WorkerData); ``home_regency`` is the village's
    regency code ("32.04"), for the warning on NIKs issued elsewhere.
    """
    today = reference or dt.date.today()
    issues: list[Issue] = []
    get = values.get

    for f in REQUIRED:
        v = get(f)
        if v is None or (isinstance(v, str) and not v.strip()):
            issues.append(Issue(f, Text("wajib diisi", "is required")))
    missing = {i.field for i in issues}

    nik_check = None
    nik = kk = ""
    if "nik" not in missing:
        nik_check = identity.check_nik(str(get("nik")), home_regency=home_regency, reference=today)
        issues.extend(nik_check.issues)
        nik = nik_check.nik or ""
    if "kk" not in missing:
        kk_check = identity.check_kk(str(get("kk")), reference=today)
        issues.extend(kk_check.issues)
        kk = kk_check.kk or ""

    name = clean_text(get("name"))
    if name and not _NAME_OK.match(name):
        issues.append(
            Issue(
                "name",
                Text(
                    "hanya huruf, spasi, titik, koma, tanda hubung dan apostrof",
                    "letters, spaces, dots, commas, hyphens and apostrophes only",
                ),
            )
        )
    elif len(name) > 120:
        issues.append(Issue("name", Text("terlalu panjang (maks. 120 huruf)", "too long (max. 120 letters)")))

    birth = None
    if "birth_date" not in missing:
        birth = parse_date(get("birth_date"))
        if birth is None:
            issues.append(
                Issue(
                    "birth_date",
                    Text(
                        "bukan tanggal yang ada (gunakan TTTT-BB-HH atau HH-BB-TTTT)",
                        "not a real date (use YYYY-MM-DD or DD-MM-YYYY)",
                    ),
                )
            )
        elif birth > today:
            issues.append(Issue("birth_date", Text("tanggal di masa depan", "a date in the future")))
            birth = None
        elif today.year - birth.year > MAX_AGE:
            issues.append(Issue("birth_date", Text(f"usia lebih dari {MAX_AGE} tahun", f"older than {MAX_AGE}")))
            birth = None

    sex = None
    if "sex" not in missing:
        sex = normalize_sex(get("sex"))
        if sex is None:
            issues.append(Issue("sex", Text("isi L (laki-laki) atau P (perempuan)", "use L (male) or P (female)")))

    if nik_check is not None and nik_check.nik:
        issues.extend(identity.cross_check(nik_check, birth, sex))

    rt_rw: dict[str, str] = {}
    for f in ("rt", "rw"):
        if f in missing:
            continue
        v = clean_text(get(f))
        if not _RT.match(v) or int(v) == 0:
            issues.append(Issue(f, Text("angka 1 sampai 999", "a number from 1 to 999")))
        else:
            rt_rw[f] = f"{int(v):03d}"

    occ = None
    if "occupation" not in missing:
        occ = occupation_code(str(get("occupation")))
        if occ is None:
            issues.append(
                Issue(
                    "occupation",
                    Text(
                        "tidak ada di daftar pekerjaan KTP (isi kode 1-89 atau nama persisnya)",
                        "not in the ID-card occupation list (use a code 1-89 or its exact name)",
                    ),
                )
            )
    cat = None
    if "category" not in missing:
        cat = category_key(str(get("category")))
        if cat is None:
            issues.append(
                Issue(
                    "category",
                    Text(
                        "bukan kategori yang dikenal: " + ", ".join(CATEGORIES),
                        "not a known category: " + ", ".join(CATEGORIES),
                    ),
                )
            )

    income: int | None = None
    raw_income = get("income")
    if raw_income not in (None, ""):
        try:
            income = int(str(raw_income).replace(".", "").replace(",", "").replace("Rp", "").strip())
        except ValueError:
            issues.append(Issue("income", Text("harus berupa angka rupiah", "must be an amount in rupiah")))
        else:
            if income < 0 or income > MAX_INCOME:
                issues.append(
                    Issue("income", Text("harus antara 0 dan 1.000.000.000", "must be between 0 and 1,000,000,000"))
                )
                income = None

    phones: dict[str, str] = {}
    for f in ("phone", "heir_phone"):
        raw = clean_text(get(f))
        if raw:
            p = normalize_phone(raw)
            if p is None:
                issues.append(
                    Issue(
                        f,
                        Text(
                            "bukan nomor HP Indonesia (contoh 0812xxxxxxxx)",
                            "not an Indonesian mobile number (e.g. 0812xxxxxxxx)",
                        ),
                    )
                )
            else:
                phones[f] = p

    heir_name, heir_relation = clean_text(get("heir_name")), clean_text(get("heir_relation"))
    if heir_name and not heir_relation:
        issues.append(
            Issue("heir_relation", Text("wajib diisi bila ada ahli waris", "is required when an heir is named"))
        )
    if not heir_name:
        issues.append(
            Issue(
                "heir_name",
                Text("belum diisi; klaim JKM memerlukan ahli waris", "not given; a JKM claim needs an heir"),
                "warning",
            )
        )

    kpj = clean_text(get("kpj"))
    bpjs_active = _bool(get("bpjs_active", False))
    if kpj and not re.fullmatch(r"\d{8,13}", kpj):
        issues.append(Issue("kpj", Text("harus 8-13 digit angka", "must be 8-13 digits")))

    errors = [i for i in issues if i.is_error]
    if errors or birth is None or sex is None or occ is None or cat is None:
        return Validated(data=None, issues=issues, nik_check=nik_check)
    return Validated(
        data=WorkerData(
            nik=nik,
            kk=kk,
            name=name,
            birth_place=clean_text(get("birth_place")),
            birth_date=birth,
            sex=sex,
            dusun=clean_text(get("dusun")),
            rt=rt_rw["rt"],
            rw=rt_rw["rw"],
            occupation_code=occ,
            category=cat,
            address=clean_text(get("address")),
            phone=phones.get("phone", ""),
            income=income,
            heir_name=heir_name,
            heir_relation=heir_relation,
            heir_phone=phones.get("heir_phone", ""),
            dtks=_bool(get("dtks", False)),
            bpjs_active=bpjs_active,
            kpj=kpj,
            resident=_bool(get("resident", True)),
            notes=str(get("notes") or "").strip(),
        ),
        issues=issues,
        nik_check=nik_check,
    )


def occupation_label(code: int | None) -> str:
    return KTP_OCCUPATIONS.get(code or 0, "")
