"""The village profile and the program it runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import regions
from ..domain.eligibility import RULE_SET_VERSION, RankingWeights, RuleSet
from ..domain.money import CONTRIBUTION_MODES, DEFAULT_BANDS
from ..domain.text import NotFound, Text, UserError
from ..storage import models
from .context import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR, Actor, Workspace
from .keys import ensure_device_key
from .rows import ProgramRow, VillageRow
from .users import create_user

HEAD_TITLES = (
    "Kepala Desa",
    "Lurah",
    "Wali Nagari",
    "Keuchik",
    "Perbekel",
    "Kepala Kampung",
    "Pambakal",
    "Hukum Tua",
    "Kepala Pekon",
    "Kepala Tiyuh",
    "Kepala Gampong",
    "Petinggi",
    "Kuwu",
)
FUNDING_SOURCES = ("APBDes", "APBD")


def village_row(v: models.Village) -> VillageRow:
    return VillageRow(
        id=v.id,
        code=v.code,
        name=v.name,
        kind=v.kind,
        district_name=v.district_name,
        regency_name=v.regency_name,
        province_name=v.province_name,
        postal_code=v.postal_code,
        head_title=v.head_title,
        head_name=v.head_name,
        operator_name=v.operator_name,
        office_address=v.office_address,
        emblem_sha256=v.emblem_sha256,
        device_id=v.device_id,
        version=v.version,
    )


def program_row(p: models.Program) -> ProgramRow:
    return ProgramRow(
        id=p.id,
        year=p.year,
        name=p.name,
        funding_source=p.funding_source,
        months=p.months,
        quota=p.quota,
        budget_ceiling=p.budget_ceiling,
        contribution_mode=p.contribution_mode,
        include_jht=p.include_jht,
        bands=tuple((int(a), int(b)) for a, b in p.bands),
        rules=RuleSet.from_dict(p.rules),
        weights=RankingWeights.from_dict(p.ranking_weights),
        rule_set_version=p.rule_set_version,
        reference_date=p.reference_date,
        version=p.version,
    )


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
    title = " ".join((head_title or ("Lurah" if village.kind == "kelurahan" else "Kepala Desa")).split())
    operator = " ".join(operator_name.split()) or "Operator Desa"
    with ws.reading() as s:
        if s.execute(select(models.Village.id)).first() is not None:
            existing = s.execute(select(models.Village)).scalar_one()
            raise UserError(
                "village",
                Text(
                    f"basis data ini sudah disiapkan untuk Desa {existing.name}",
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
        p = new_program(program_year, village.name, funding="APBD" if village.kind == "kelurahan" else "APBDes")
        uow.session.add(p)
        create_user(uow, username="operator", full_name=operator, role=ROLE_OPERATOR)
        create_user(uow, username="kepala", full_name=head, role=ROLE_APPROVER)
        ensure_device_key(uow.session)  # signs this device's sync files
        uow.session.flush()
        uow.audit("village.init", "village", v.id, None, village_row(v).to_dict())
        uow.audit("program.create", "program", p.id, None, program_row(p).to_dict())
        return village_row(v)


def new_program(year: int, village_name: str, *, funding: str = "APBDes") -> models.Program:
    return models.Program(
        year=year,
        name=f"Perlindungan Jaminan Sosial Ketenagakerjaan Pekerja Rentan Desa {village_name} Tahun {year}",
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
            p = new_program(year, village.name, funding=old.funding_source)
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
        if "income_cap" in changes and changes["income_cap"] == 0:
            rules["income_cap"] = None
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
        uow.audit("program.update", "program", p.id, before, after.to_dict())
        return after


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
