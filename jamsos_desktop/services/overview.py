"""Read-only views the screens need: dashboard counts, candidates with names, nominations with names."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select

from ..domain import statuses
from ..domain.identity import mask_nik
from ..domain.village_words import VillageWords
from ..domain.worker import WorkerData
from ..storage import models
from .common import summarize_quota
from .context import Workspace
from .rows import AssessmentRow, EventRow, QuotaSummary
from .village import active_program, current_village, program_row, village_words


@dataclass(frozen=True, slots=True)
class Dashboard:
    total: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_dusun: dict[str, int]
    quota: QuotaSummary
    program_year: int
    monthly_lowest: int
    words: VillageWords  # the village's own words (its hamlets' name heads the chart by them)


def dashboard(ws: Workspace) -> Dashboard:
    """Counts by status, category and dusun from one pass over the workers (not three)."""
    w = models.Worker
    with ws.reading() as s:
        rows = s.execute(
            select(w.status, w.category, w.dusun, func.count())
            .where(w.deleted_at.is_(None))
            .group_by(w.status, w.category, w.dusun)
        ).all()
        by_status: Counter[str] = Counter()
        by_category: Counter[str] = Counter()
        by_dusun: Counter[str] = Counter()
        for status, category, dusun, n in rows:
            by_status[str(status)] += int(n)
            by_category[str(category)] += int(n)
            by_dusun[str(dusun)] += int(n)
        program = active_program(s)
        p = program_row(program)
        return Dashboard(
            total=sum(by_status.values()),
            by_status=dict(by_status.most_common()),
            by_category=dict(by_category.most_common()),
            by_dusun=dict(by_dusun.most_common()),
            quota=summarize_quota(s, program),
            program_year=p.year,
            monthly_lowest=p.lowest_monthly,
            words=village_words(current_village(s)),
        )


@dataclass(frozen=True, slots=True)
class CandidateRow:
    worker_id: str
    name: str
    nik_masked: str
    dusun: str
    category: str
    status: str
    eligible: bool
    score: int
    rank: int | None
    within_quota: bool
    outdated: bool  # the record or the rules changed since it was assessed


def candidates(
    ws: Workspace, *, eligible_only: bool = True, limit: int = 2000, worker_ids: Collection[str] | None = None
) -> list[CandidateRow]:
    """The stored assessment of each worker, best rank first (run ``assessment.assess`` to refresh);
    with ``worker_ids``, of those workers only (a page bringing a few rows up to date)."""
    w, a = models.Worker, models.Assessment
    with ws.reading() as s:
        program = active_program(s)
        stmt = (
            select(
                w.id,
                w.name,
                w.nik,
                w.dusun,
                w.category,
                w.status,
                a.eligible,
                a.score,
                a.rank,
                a.within_quota,
                a.worker_version,
                w.version,
                a.rule_set_version,
            )
            .join(a, (a.worker_id == w.id) & (a.program_id == program.id))
            .where(w.deleted_at.is_(None))
        )
        if eligible_only:
            stmt = stmt.where(a.eligible.is_(True))
        if worker_ids is not None:
            stmt = stmt.where(w.id.in_(list(worker_ids)))
        stmt = stmt.order_by(a.rank.is_(None), a.rank, w.name_key).limit(limit)
        return [
            CandidateRow(
                worker_id=r[0],
                name=r[1],
                nik_masked=mask_nik(r[2]),
                dusun=r[3],
                category=r[4],
                status=r[5],
                eligible=bool(r[6]),
                score=int(r[7]),
                rank=r[8],
                within_quota=bool(r[9]),
                outdated=r[10] != r[11] or r[12] != program.rule_set_version,
            )
            for r in s.execute(stmt).all()
        ]


@dataclass(frozen=True, slots=True)
class NominationView:
    nomination_id: str
    worker_id: str
    name: str
    nik_masked: str
    dusun: str
    status: str
    score: int
    monthly_contribution: int
    months: int
    decline_reason: str
    updated_at: dt.datetime

    @property
    def total(self) -> int:
        return self.monthly_contribution * self.months


def nominations(ws: Workspace, status: str | None = None) -> list[NominationView]:
    w, n = models.Worker, models.Nomination
    with ws.reading() as s:
        program = active_program(s)
        stmt = (
            select(
                n.id,
                w.id,
                w.name,
                w.nik,
                w.dusun,
                n.status,
                n.score,
                n.monthly_contribution,
                n.months,
                n.decline_reason,
                n.updated_at,
            )
            .join(w, w.id == n.worker_id)
            .where(n.program_id == program.id, n.deleted_at.is_(None), w.deleted_at.is_(None))
        )
        if status:
            stmt = stmt.where(n.status == status)
        stmt = stmt.order_by(n.score.desc(), w.name_key)
        return [
            NominationView(r[0], r[1], r[2], mask_nik(r[3]), r[4], r[5], int(r[6]), int(r[7]), int(r[8]), r[9], r[10])
            for r in s.execute(stmt).all()
        ]


def history(ws: Workspace, worker_id: str) -> list[EventRow]:
    """Every status change of the worker's nominations, oldest first."""
    e, n = models.NominationEvent, models.Nomination
    with ws.reading() as s:
        rows = s.execute(
            select(e.at, e.from_status, e.to_status, e.username, e.note)
            .join(n, n.id == e.nomination_id)
            .where(n.worker_id == worker_id)
            .order_by(e.at)
        ).all()
        return [EventRow(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def preview_eligibility(ws: Workspace, data: WorkerData, worker_id: str | None = None) -> AssessmentRow:
    """The rules' outcome for a form's values (saved or not), with the household as recorded."""
    from ..domain import eligibility
    from ..domain.eligibility import WorkerFacts
    from .assessment import facts_query, outcome_row

    me = worker_id or "__form__"
    with ws.reading() as s:
        program = program_row(active_program(s))
        words = village_words(current_village(s))
        household = [f for f, _ in facts_query(s, program.id, kk={data.kk}) if f.id != me]
        status = statuses.RECORDED
        withdrawn = False
        if worker_id:
            row = s.execute(
                select(models.Worker.status, models.Worker.consent_withdrawn_at).where(models.Worker.id == worker_id)
            ).first()
            if row is not None:
                status, withdrawn = row[0] or status, row[1] is not None
    facts = WorkerFacts(
        id=me,
        name=data.name,
        kk=data.kk,
        birth_date=data.birth_date,
        occupation_code=data.occupation_code,
        category=data.category,
        income=data.income,
        resident=data.resident,
        dtks=data.dtks,
        bpjs_active=data.bpjs_active,
        nomination_status=status,
        order=len(household),
        consent_date=None if withdrawn else data.consent_date,
    )
    results = eligibility.assess_all(
        [*household, facts],
        program.rules,
        program.weights,
        reference=program.reference_date,
        quota=program.quota,
        words=words,
    )
    a = next(a for a in results if a.worker_id == me)
    a.rank = None
    a.within_quota = False
    return outcome_row(a, program.rule_set_version, 0)
