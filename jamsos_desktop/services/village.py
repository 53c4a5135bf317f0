"""The village profile and the program it runs."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import money, records, regions, statuses
from ..domain import village_words as words_of_villages
from ..domain.eligibility import RULE_SET_VERSION, RankingWeights, RuleSet
from ..domain.money import CONTRIBUTION_MODES, DEFAULT_BANDS
from ..domain.text import NotFound, Text, UserError
from ..domain.village_words import VillageWords, default_head_title, program_name, words_for
from ..storage import models
from .context import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR, Actor, Workspace
from .keys import ensure_device_key
from .rows import ProgramRow, VillageRow
from .users import create_user

#: The head titles the wizard and the settings page offer.
HEAD_TITLES = words_of_villages.HEAD_TITLES
FUNDING_SOURCES = ("APBDes", "APBD")


# The rows are their records' row fields in order (domain.records, checked by tests/test_records.py).
_VILLAGE_VALUES = operator.attrgetter(*(f.column for f in records.VILLAGE.row_fields))
_PROGRAM_VALUES = operator.attrgetter(*(f.column for f in records.PROGRAM.row_fields))
# Stored JSON → the row's typed values, by field name.
_PROGRAM_JSON: dict[str, Callable[[Any], Any]] = {
    "bands": lambda bands: tuple((int(a), int(b)) for a, b in bands),
    "rules": RuleSet.from_dict,
    "ranking_weights": RankingWeights.from_dict,
}
_PROGRAM_JSON_AT = tuple(
    (i, _PROGRAM_JSON[f.name]) for i, f in enumerate(records.PROGRAM.row_fields) if f.kind is records.Kind.JSON
)


def village_row(v: models.Village) -> VillageRow:
    return VillageRow(*_VILLAGE_VALUES(v))


def program_row(p: models.Program) -> ProgramRow:
    values = list(_PROGRAM_VALUES(p))
    for i, typed in _PROGRAM_JSON_AT:
        values[i] = typed(values[i])
    return ProgramRow(*values)


def _clean_name(field: str, value: str) -> str:
    v = " ".join(value.split())
    if not v:
        raise UserError(field, Text("wajib diisi", "is required"))
    if len(v) > 120:
        raise UserError(field, Text("terlalu panjang (maks. 120 huruf)", "too long (max. 120 letters)"), v[:20])
    return v


def init_village(
    ws: Workspace,
    *,
    code: str,
    head_name: str,
    head_title: str | None = None,
    operator_name: str = "",
    office_address: str = "",
    year: int | None = None,
    today: dt.date | None = None,
) -> VillageRow:
    """Sets up a new village database: the profile, the first program and the default accounts."""
    village = regions.village(code)
    if village is None:
        raise UserError(
            "village",
            Text(
                "tidak ada dalam daftar desa/kelurahan Kemendagri 2025 (contoh: 32.04.05.2005)",
                "is not a village in the 2025 Kemendagri list (e.g. 32.04.05.2005)",
            ),
            code,
        )
    head = _clean_name("head_name", head_name)
    # Not given: the title the region uses (Wali Nagari, Keuchik, Perbekel, Lurah ...), shown to confirm.
    title = " ".join((head_title or "").split()) or default_head_title(village.code, village.kind)
    words = words_for(village.code, village.kind, title, village.name)
    # No name: documents leave the line blank for a hand-written one, rather than print a placeholder.
    operator = " ".join(operator_name.split())
    with ws.reading() as s:
        if s.execute(select(models.Village.id)).first() is not None:
            existing = s.execute(select(models.Village)).scalar_one()
            raise UserError(
                "village",
                Text(
                    f"basis data ini sudah disiapkan untuk {village_words(existing).unit_name}",
                    f"this database is already set up for {existing.name}",
                ),
                code,
            )
    program_year = year or (today or dt.date.today()).year
    with ws.unit_of_work(Actor(None, "system", "Sistem", ROLE_ADMIN)) as uow:
        v = models.Village(
            code=village.code,
            name=village.name,
            kind=village.kind,
            district_name=village.district,
            regency_name=village.regency,
            province_name=village.province,
            postal_code=village.postal_code,
            head_title=title,
            head_name=head,
            operator_name=operator,
            office_address=office_address.strip(),
        )
        uow.session.add(v)
        funding = "APBD" if words.kelurahan else "APBDes"
        p = new_program(program_year, village.name, funding=funding, words=words)
        uow.session.add(p)
        create_user(uow, username="operator", full_name=operator or words.operator, role=ROLE_OPERATOR)
        create_user(uow, username="kepala", full_name=head, role=ROLE_APPROVER)
        ensure_device_key(uow.session)  # signs this device's sync files
        uow.session.flush()
        uow.audit("village.init", "village", v.id, None, village_row(v).to_dict())
        uow.audit("program.create", "program", p.id, None, program_row(p).to_dict())
        return village_row(v)


def new_program(
    year: int, village_name: str, *, funding: str = "APBDes", words: VillageWords | None = None
) -> models.Program:
    """A program of the village's (named with its own word: 'Nagari Muaro', not 'Desa Muaro')."""
    words = words or words_for("", "desa", "Kepala Desa", village_name)
    return models.Program(
        year=year,
        name=program_name(words, year),
        funding_source=funding,
        months=12,
        quota=100,
        contribution_mode="lowest_band",
        include_jht=False,
        bands=[list(b) for b in DEFAULT_BANDS],
        rules=RuleSet().to_dict(),
        ranking_weights=RankingWeights().to_dict(),
        rule_set_version=RULE_SET_VERSION,
        reference_date=dt.date(year, 1, 1),
        active=True,
    )


def village_words(v: models.Village | VillageRow) -> VillageWords:
    """The village's own words (head title, 'Nagari', hamlet word, budget name) for screens and documents."""
    return words_for(v.code, v.kind, v.head_title, v.name)


def get_village(ws: Workspace) -> VillageRow:
    with ws.reading() as s:
        return village_row(current_village(s))


def current_village(s: Session) -> models.Village:
    """The village record of this database (there is one), for services that need its code."""
    v = s.execute(select(models.Village).where(models.Village.deleted_at.is_(None))).scalar()
    if v is None:
        raise NotFound("village", Text("belum disiapkan; jalankan 'jamsos init'", "not set up; run 'jamsos init'"))
    return v


def update_village(ws: Workspace, actor: Actor, **changes: Any) -> VillageRow:
    """Changes the head, title, operator or office address (the code and names come from Kemendagri)."""
    actor.require(ROLE_ADMIN, ROLE_OPERATOR)
    allowed = {"head_name", "head_title", "operator_name", "office_address", "emblem_sha256"}
    with ws.unit_of_work(actor) as uow:
        v = current_village(uow.session)
        before = village_row(v).to_dict()
        for key, value in changes.items():
            if key not in allowed:
                raise ValueError(f"cannot change {key}")
            if value is None:
                continue
            clean = _clean_name(key, value) if key == "head_name" else value
            setattr(v, key, clean.strip() if isinstance(clean, str) else clean)
        uow.session.flush()
        after = village_row(v)
        uow.audit("village.update", "village", v.id, before, after.to_dict())
        return after


def active_program(s: Session) -> models.Program:
    p = s.execute(
        select(models.Program)
        .where(models.Program.active.is_(True), models.Program.deleted_at.is_(None))
        .order_by(models.Program.year.desc())
    ).scalar()
    if p is None:
        raise NotFound("year", Text("belum ada program aktif", "no active program"))
    return p


def get_program(ws: Workspace) -> ProgramRow:
    with ws.reading() as s:
        return program_row(active_program(s))


_RULE_KEYS = {
    "min_age",
    "max_age",
    "require_resident",
    "exclude_active_bpjs",
    "income_cap",
    "one_per_household",
    "require_dtks",
    "excluded_occupations",
    "allow_officials",
}
_WEIGHT_KEYS = {"dtks", "high_risk", "household_uncovered", "low_income", "income_reference", "high_risk_categories"}


def update_program(ws: Workspace, actor: Actor, **changes: Any) -> ProgramRow:
    """Changes the active program. A new ``year`` starts a new program (the old one is kept).

    Changing a rule bumps the rule-set version, so stored assessments show they are out of date.
    """
    actor.require(ROLE_ADMIN, ROLE_OPERATOR)
    _check_program_values(changes)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        p = active_program(s)
        year = changes.pop("year", None)
        if year is not None and year != p.year:
            p.active = False
            village = current_village(s)
            old = p
            p = new_program(year, village.name, funding=old.funding_source, words=village_words(village))
            for k in ("months", "quota", "contribution_mode", "include_jht", "rules", "ranking_weights"):
                setattr(p, k, getattr(old, k))
            s.add(p)
            s.flush()
            uow.audit("program.create", "program", p.id, None, program_row(p).to_dict())
        before = program_row(p).to_dict()
        rules = dict(p.rules)
        weights = dict(p.ranking_weights)
        for key, value in changes.items():
            if value is None:
                continue
            if key in _RULE_KEYS:
                rules[key] = list(value) if isinstance(value, tuple) else value
            elif key in _WEIGHT_KEYS:
                weights[key] = list(value) if isinstance(value, tuple) else value
            elif key in {
                "name",
                "funding_source",
                "months",
                "quota",
                "budget_ceiling",
                "contribution_mode",
                "include_jht",
                "reference_date",
            }:
                setattr(p, key, value)
            else:
                raise ValueError(f"unknown program setting {key}")
        # An optional amount is cleared by 0, as the settings page's spin boxes and the command
        # line write "none" (None in ``changes`` means "leave as it is").
        if "income_cap" in changes and changes["income_cap"] == 0:
            rules["income_cap"] = None
        if "budget_ceiling" in changes and changes["budget_ceiling"] == 0:
            p.budget_ceiling = None
        if rules != p.rules:
            p.rules = rules
            p.rule_set_version = p.rule_set_version + 1
        if weights != p.ranking_weights:
            p.ranking_weights = weights
            p.rule_set_version = p.rule_set_version + 1
        s.flush()
        after = program_row(p)
        if after.rules.min_age > after.rules.max_age:
            raise UserError(
                "min_age",
                Text(
                    f"lebih besar dari usia maksimum {after.rules.max_age}",
                    f"is above the maximum age {after.rules.max_age}",
                ),
                after.rules.min_age,
            )
        if "budget_ceiling" in changes and after.budget_ceiling is not None:
            _check_ceiling_covers_commitments(s, p.id, after.budget_ceiling)
        uow.audit("program.update", "program", p.id, before, after.to_dict())
        return after


def _check_ceiling_covers_commitments(s: Session, program_id: str, ceiling: int) -> None:
    """A pagu below what nominations already commit would let a decree charge more than the pagu."""
    count, committed = s.execute(
        select(
            func.count(), func.coalesce(func.sum(models.Nomination.monthly_contribution * models.Nomination.months), 0)
        ).where(
            models.Nomination.program_id == program_id,
            models.Nomination.deleted_at.is_(None),
            models.Nomination.status.in_(statuses.COUNTS_IN_QUOTA),
        )
    ).one()
    if int(committed) > ceiling:
        raise UserError(
            "budget_ceiling",
            Text(
                f"lebih kecil dari anggaran yang sudah terpakai {money.rupiah(int(committed))} untuk {count} usulan; "
                "tolak sebagian usulan terlebih dahulu",
                f"is below the {money.rupiah(int(committed), 'en')} already committed to {count} nominations; "
                "decline some nominations first",
            ),
            money.rupiah(ceiling),
        )


def _check_program_values(c: dict[str, Any]) -> None:
    def positive(field: str, top: int) -> None:
        v = c.get(field)
        if v is not None and not (1 <= v <= top):
            raise UserError(field, Text(f"harus antara 1 dan {top}", f"must be between 1 and {top}"), v)

    positive("months", 12)
    positive("quota", 100_000)
    year = c.get("year")
    if year is not None and not (2015 <= year <= 2100):
        raise UserError("year", Text("harus antara 2015 dan 2100", "must be between 2015 and 2100"), year)
    for f in ("min_age", "max_age"):
        v = c.get(f)
        if v is not None and not (0 <= v <= 120):
            raise UserError(f, Text("harus antara 0 dan 120", "must be between 0 and 120"), v)
    mode = c.get("contribution_mode")
    if mode is not None and mode not in CONTRIBUTION_MODES:
        raise UserError(
            "contribution", Text("pilih lowest_band atau declared_income", "use lowest_band or declared_income"), mode
        )
    fund = c.get("funding_source")
    if fund is not None and fund not in FUNDING_SOURCES:
        raise UserError("funding", Text("pilih APBDes atau APBD", "use APBDes or APBD"), fund)
    for f in ("budget_ceiling", "income_cap"):
        v = c.get(f)
        if v is not None and v < 0:
            raise UserError(
                "budget" if f == "budget_ceiling" else f, Text("tidak boleh negatif", "cannot be negative"), v
            )


# -- settings the documents need ---------------------------------------------------------------
# Kept in the settings table (key/value), not new columns: they are per village and rarely change.

REGULATION_SETTING = "documents.budget_regulation"  # {"2026": "8 Tahun 2025", ...}, by budget year
HEAD_NIP_SETTING = "documents.head_nip"  # a Lurah is a civil servant and signs with the NIP


def setting_value(s: Session, key: str) -> Any:
    """One setting's stored value, or None when it was never set (``put_setting`` writes it)."""
    row = s.get(models.Setting, key)
    return row.value if row is not None else None


def put_setting(ws: Workspace, actor: Actor, key: str, value: Any) -> None:
    """Writes one setting, audited with its value before and after (callers check the role)."""
    with ws.unit_of_work(actor) as uow:
        row = uow.session.get(models.Setting, key)
        before = row.value if row is not None else None
        if row is None:
            uow.session.add(models.Setting(key=key, value=value))
        else:
            row.value = value
        uow.audit("setting.update", "setting", key, {"value": before}, {"value": value})


def regulation_number(s: Session, year: int) -> str:
    """The number of the village budget regulation (Perdes/Peraturan Nagari APB...) of ``year``, or ""."""
    value = setting_value(s, REGULATION_SETTING)
    number = value.get(str(year), "") if isinstance(value, dict) else ""
    return number if isinstance(number, str) else ""


def set_regulation_number(ws: Workspace, actor: Actor, year: int, number: str) -> str:
    """Keeps the budget regulation's number for the decree's Mengingat ('8' or '8 Tahun 2025')."""
    clean = " ".join(number.split())
    if not clean:
        raise UserError("regulation_number", Text("wajib diisi", "is required"))
    if len(clean) > 60:
        raise UserError("regulation_number", Text("terlalu panjang (maks. 60 huruf)", "too long (max. 60)"), clean[:20])
    with ws.reading() as s:
        value = setting_value(s, REGULATION_SETTING)
    numbers = dict(value) if isinstance(value, dict) else {}
    numbers[str(year)] = clean
    actor.require(ROLE_ADMIN, ROLE_OPERATOR, ROLE_APPROVER)
    put_setting(ws, actor, REGULATION_SETTING, numbers)
    return clean


def head_nip(s: Session) -> str:
    value = setting_value(s, HEAD_NIP_SETTING)
    return value if isinstance(value, str) else ""


def check_nip(nip: str) -> str:
    """An NIP is 18 digits (birth date, appointment month, sex, serial); spaces and dots are dropped."""
    digits = "".join(ch for ch in nip if ch.isdigit())
    if not digits and not nip.strip():
        return ""
    if len(digits) != 18 or any(ch not in "0123456789 .-" for ch in nip.strip()):
        raise UserError("head_nip", Text("harus 18 angka", "must be 18 digits"), nip)
    return digits


def set_head_nip(ws: Workspace, actor: Actor, nip: str) -> str:
    """Keeps the head's NIP (printed under a Lurah's name); an empty value removes it."""
    clean = check_nip(nip)
    actor.require(ROLE_ADMIN, ROLE_OPERATOR, ROLE_APPROVER)
    put_setting(ws, actor, HEAD_NIP_SETTING, clean)
    return clean


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    regulation_number: str  # of the active program's year
    head_nip: str


def document_settings(s: Session, year: int, *, regulation: bool, nip: bool) -> DocumentSettings:
    """What a document prints besides the village row, read in one query and only what it needs
    (a desa head has no NIP; only the decree cites the budget regulation)."""
    keys = [k for k, wanted in ((REGULATION_SETTING, regulation), (HEAD_NIP_SETTING, nip)) if wanted]
    if not keys:
        return DocumentSettings("", "")
    values = {
        row.key: row.value for row in s.execute(select(models.Setting).where(models.Setting.key.in_(keys))).scalars()
    }
    numbers = values.get(REGULATION_SETTING)
    number = numbers.get(str(year), "") if isinstance(numbers, dict) else ""
    head = values.get(HEAD_NIP_SETTING)
    return DocumentSettings(number if isinstance(number, str) else "", head if isinstance(head, str) else "")
