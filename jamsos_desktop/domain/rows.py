"""Plain rows the services hand out: the UI, CLI, reports and sync never see live ORM objects.

They live in the domain so that every layer above can name them (reports read them instead of
declaring look-alike Protocols). Their fields follow ``domain.records``: a row's fields are its
record's ``row_fields`` in order (``tests/test_records.py`` checks names and types), which is
what lets ``services.workers.worker_row`` and friends fill them positionally."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from . import money, statuses
from .eligibility import RankingWeights, RuleSet
from .occupations import CATEGORIES, KTP_OCCUPATIONS
from .text import Text


@dataclass(frozen=True, slots=True)
class VillageRow:
    id: str
    code: str
    name: str
    kind: str
    district_name: str
    regency_name: str
    province_name: str
    postal_code: str | None
    head_title: str
    head_name: str
    operator_name: str
    office_address: str
    emblem_sha256: str | None
    device_id: str
    version: int

    @property
    def regency_code(self) -> str:
        return self.code[:5]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ProgramRow:
    id: str
    year: int
    name: str
    funding_source: str
    months: int
    quota: int
    budget_ceiling: int | None
    contribution_mode: str
    include_jht: bool
    bands: tuple[tuple[int, int], ...]
    rules: RuleSet
    weights: RankingWeights
    rule_set_version: int
    reference_date: dt.date
    version: int

    def contribution_for(self, income: int | None) -> money.Contribution:
        return money.contribution(income, mode=self.contribution_mode, include_jht=self.include_jht, bands=self.bands)

    @property
    def lowest_monthly(self) -> int:
        return money.contribution(None, include_jht=self.include_jht, bands=self.bands).monthly

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["rules"] = self.rules.to_dict()
        d["weights"] = self.weights.to_dict()
        d["bands"] = [list(b) for b in self.bands]
        d["reference_date"] = self.reference_date.isoformat()
        d["monthly_contribution_lowest"] = self.lowest_monthly
        return d


@dataclass(frozen=True, slots=True)
class WorkerRow:
    id: str
    nik: str
    kk: str
    name: str
    birth_place: str
    birth_date: dt.date
    sex: str
    address: str
    dusun: str
    rt: str
    rw: str
    phone: str
    occupation_code: int
    category: str
    income: int | None
    heir_name: str
    heir_relation: str
    heir_phone: str
    dtks: bool
    bpjs_active: bool
    kpj: str
    resident: bool
    notes: str
    status: str
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    consent_date: dt.date | None = None
    consent_withdrawn_at: dt.datetime | None = None

    @property
    def occupation(self) -> str:
        return KTP_OCCUPATIONS.get(self.occupation_code, "")

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)

    @property
    def status_label(self) -> str:
        return statuses.label(self.status)

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["birth_date"] = self.birth_date.isoformat()
        d["created_at"] = self.created_at.isoformat(timespec="seconds")
        d["updated_at"] = self.updated_at.isoformat(timespec="seconds")
        d["consent_date"] = self.consent_date.isoformat() if self.consent_date else None
        d["consent_withdrawn_at"] = (
            self.consent_withdrawn_at.isoformat(timespec="seconds") if self.consent_withdrawn_at else None
        )
        d["occupation"] = self.occupation
        return d


@dataclass(frozen=True, slots=True)
class EventRow:
    at: dt.datetime
    from_status: str | None
    to_status: str
    username: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(timespec="seconds"),
            "from": self.from_status,
            "to": self.to_status,
            "user": self.username,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class NominationRow:
    id: str
    worker_id: str
    program_id: str
    status: str
    months: int
    monthly_contribution: int
    score: int
    rank: int | None
    decline_reason: str
    kpj: str
    coverage_start: dt.date | None
    coverage_end: dt.date | None
    result_reason: str
    export_seq: int | None
    printed_at: dt.datetime | None
    signed_at: dt.datetime | None
    signed_scan_sha256: str | None
    version: int
    events: tuple[EventRow, ...] = ()

    @property
    def total(self) -> int:
        return self.monthly_contribution * self.months

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "events"}
        for k in ("coverage_start", "coverage_end"):
            d[k] = d[k].isoformat() if d[k] else None
        for k in ("printed_at", "signed_at"):
            d[k] = d[k].isoformat(timespec="seconds") if d[k] else None
        d["events"] = [e.to_dict() for e in self.events]
        return d


@dataclass(frozen=True, slots=True)
class RuleRow:
    rule: str
    passed: bool
    reason_id: str
    reason_en: str

    def reason(self, lang: str | None = None) -> str:
        return Text(self.reason_id, self.reason_en).get(lang)


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    worker_id: str
    eligible: bool
    score: int
    rank: int | None
    within_quota: bool
    rules: tuple[RuleRow, ...]
    score_parts: tuple[tuple[str, int, str, str], ...]  # (code, points, reason_id, reason_en)
    rule_set_version: int
    worker_version: int
    assessed_at: dt.datetime | None = None

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "score": self.score,
            "rank": self.rank,
            "within_quota": self.within_quota,
            "rule_set_version": self.rule_set_version,
            "rules": [{"rule": r.rule, "passed": r.passed, "reason": r.reason(lang)} for r in self.rules],
            "score_parts": [
                {"criterion": c, "points": p, "reason": rid if lang != "en" else ren}
                for c, p, rid, ren in self.score_parts
            ],
        }


@dataclass(frozen=True, slots=True)
class WorkerDetail:
    worker: WorkerRow
    nomination: NominationRow | None
    assessment: AssessmentRow | None
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class QuotaSummary:
    quota: int
    counted: int  # nominations that take a place in the quota
    by_status: dict[str, int]
    months: int
    budget_used: int
    budget_ceiling: int | None
    budget_at_quota: int  # quota × lowest monthly contribution × months
    contribution_mode: str = "lowest_band"
    #: The cheapest place: the lowest band's contribution for the whole period.
    lowest_period_cost: int = 0

    @property
    def places(self) -> int:
        """How many nominations the quota and the pagu allow together (at the lowest band for
        the places not yet taken, so by declared income it is an upper bound)."""
        if self.budget_ceiling is None or self.lowest_period_cost <= 0:
            return self.quota
        left = max(0, self.budget_ceiling - self.budget_used)
        return min(self.quota, self.counted + left // self.lowest_period_cost)

    @property
    def remaining(self) -> int:
        return max(0, self.places - self.counted)

    @property
    def over_budget(self) -> bool:
        return self.budget_ceiling is not None and self.budget_used > self.budget_ceiling

    def text(self, lang: str | None = None) -> str:
        """The quota line people read wherever the quota is shown (CLI, dashboard, doctor)."""
        used, used_en = money.rupiah(self.budget_used), money.rupiah(self.budget_used, "en")
        if self.contribution_mode == "lowest_band":
            line = Text(
                f"Kuota {self.counted} / {self.quota} — {used} dari {money.rupiah(self.budget_at_quota)}",
                f"Quota {self.counted} / {self.quota} — {used_en} of {money.rupiah(self.budget_at_quota, 'en')}",
            ).get(lang)
        else:
            line = Text(
                f"Kuota {self.counted} / {self.quota} — terpakai {used} (iuran sesuai penghasilan)",
                f"Quota {self.counted} / {self.quota} — {used_en} committed (contributions by declared income)",
            ).get(lang)
        if self.budget_ceiling is not None:
            line += Text(
                f"; pagu {money.rupiah(self.budget_ceiling)}, cukup untuk {self.places} orang",
                f"; budget ceiling {money.rupiah(self.budget_ceiling, 'en')}, enough for {self.places} people",
            ).get(lang)
        if self.over_budget:
            line += Text(
                " — PERINGATAN: melebihi pagu, tolak sebagian usulan",
                " — WARNING: over the budget ceiling, decline some nominations",
            ).get(lang)
        return line

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["remaining"] = self.remaining
        d["places"] = self.places
        d["over_budget"] = self.over_budget
        return d
