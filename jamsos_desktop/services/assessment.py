"""Assessing workers against the active program's rules, and ranking them within the quota."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import eligibility
from ..domain.eligibility import Assessment, WorkerFacts
from ..storage import assessment_store, models
from .context import Actor, Workspace
from .rows import AssessmentRow, ProgramRow, RuleRow
from .village import active_program, program_row


def assessment_row(a: models.Assessment) -> AssessmentRow:
    return AssessmentRow(
        worker_id=a.worker_id,
        eligible=a.eligible,
        score=a.score,
        rank=a.rank,
        within_quota=a.within_quota,
        rules=tuple(RuleRow(o["rule"], o["passed"], o["id"], o["en"]) for o in a.outcomes),
        score_parts=tuple((p["code"], p["points"], p["id"], p["en"]) for p in a.score_parts),
        rule_set_version=a.rule_set_version,
        worker_version=a.worker_version,
        assessed_at=a.assessed_at,
    )


def outcome_row(a: Assessment, rule_set_version: int, worker_version: int) -> AssessmentRow:
    """The row of a fresh outcome of the rules (not yet stored; ``assessment_row`` reads a stored one)."""
    return AssessmentRow(
        worker_id=a.worker_id,
        eligible=a.eligible,
        score=a.score,
        rank=a.rank,
        within_quota=a.within_quota,
        rules=tuple(RuleRow(o.code, o.passed, o.reason.id, o.reason.en) for o in a.outcomes),
        score_parts=tuple((p.code, p.points, p.reason.id, p.reason.en) for p in a.score_parts),
        rule_set_version=rule_set_version,
        worker_version=worker_version,
    )


def facts_query(s: Session, program_id: str, *, kk: set[str] | None = None) -> list[tuple[WorkerFacts, int]]:
    """Every live worker (or those in the given households) as rule facts, with the record version."""
    w, n = models.Worker, models.Nomination
    stmt = (
        select(
            w.id,
            w.name,
            w.kk,
            w.birth_date,
            w.occupation_code,
            w.category,
            w.income,
            w.resident,
            w.dtks,
            w.bpjs_active,
            n.status,
            w.version,
            w.consent_date,
            w.consent_withdrawn_at,
        )
        .outerjoin(n, (n.worker_id == w.id) & (n.program_id == program_id) & n.deleted_at.is_(None))
        .where(w.deleted_at.is_(None))
        .order_by(w.created_at, w.id)
    )
    if kk is not None:
        stmt = stmt.where(w.kk.in_(kk))
    out = []
    for order, r in enumerate(s.execute(stmt).all()):
        out.append(
            (
                WorkerFacts(
                    id=r[0],
                    name=r[1],
                    kk=r[2],
                    birth_date=r[3],
                    occupation_code=r[4],
                    category=r[5],
                    income=r[6],
                    resident=bool(r[7]),
                    dtks=bool(r[8]),
                    bpjs_active=bool(r[9]),
                    nomination_status=r[10] or "recorded",
                    order=order,
                    consent_date=r[12] if r[13] is None else None,  # a withdrawn consent is none
                ),
                r[11],
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class AssessReport:
    rows: list[AssessmentRow]
    eligible: int
    ineligible: int
    quota: int
    reference_date: dt.date
    rule_set_version: int


def period_cost(program: ProgramRow) -> eligibility.Cost:
    """One worker's contribution for the whole period: what a place in the pagu costs."""
    return lambda f: program.contribution_for(f.income).monthly * program.months


def assess(ws: Workspace, actor: Actor, *, store: bool = True) -> AssessReport:
    """Assesses every live worker; stores the outcome of each rule (replacing the previous one)."""
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        program = program_row(active_program(s))
        facts = facts_query(s, program.id)
        results = eligibility.assess_all(
            [f for f, _ in facts],
            program.rules,
            program.weights,
            reference=program.reference_date,
            quota=program.quota,
            budget=program.budget_ceiling,
            cost=period_cost(program),
        )
        versions = {f.id: v for f, v in facts}
        rows = [outcome_row(a, program.rule_set_version, versions[a.worker_id]) for a in results]
        if store:
            _store(s, program.id, rows)
            uow.audit(
                "assessment.run",
                "program",
                program.id,
                None,
                {
                    "workers": len(rows),
                    "eligible": sum(r.eligible for r in rows),
                    "rule_set_version": program.rule_set_version,
                },
            )
    eligible = sum(1 for r in rows if r.eligible)
    return AssessReport(
        rows, eligible, len(rows) - eligible, program.quota, program.reference_date, program.rule_set_version
    )


def fresh_ranking(s: Session, program_id: str) -> list[tuple[str, int | None, bool, int]] | None:
    """The stored assessment's (worker id, rank, within quota, score) of every live worker, when it is
    still the rules' answer: every live worker assessed at their current version under the
    current rule set, and the program (quota, pagu, contribution) unchanged since. None when
    anything changed: then only a new assessment says who comes first."""
    w, a, p = models.Worker, models.Assessment, models.Program
    program = s.get_one(p, program_id)
    live = s.execute(select(func.count()).select_from(w).where(w.deleted_at.is_(None))).scalar_one()
    rows = s.execute(
        select(a.worker_id, a.rank, a.within_quota, a.score, a.assessed_at)
        .join(w, w.id == a.worker_id)
        .where(
            a.program_id == program_id,
            w.deleted_at.is_(None),
            a.worker_version == w.version,
            a.rule_set_version == program.rule_set_version,
        )
    ).all()
    if not rows or len(rows) != live or min(r[4] for r in rows) < program.updated_at:
        return None
    return [(r[0], r[1], bool(r[2]), r[3]) for r in rows]


def _store(s: Session, program_id: str, rows: list[AssessmentRow]) -> None:
    assessment_store.replace(
        s,
        program_id,
        [
            assessment_store.Outcome(
                r.worker_id,
                r.rule_set_version,
                r.worker_version,
                r.eligible,
                r.score,
                r.rank,
                r.within_quota,
                [{"rule": o.rule, "passed": o.passed, "id": o.reason_id, "en": o.reason_en} for o in r.rules],
                [{"code": c, "points": p, "id": i_, "en": e} for c, p, i_, e in r.score_parts],
            )
            for r in rows
        ],
        actor_id=s.info.get("actor_id"),
    )


def assess_one(s: Session, program_id: str, worker_id: str) -> AssessmentRow:
    """One worker's outcome, computed with their household (enough for every rule; rank is not set)."""
    program = program_row(s.get_one(models.Program, program_id))
    kk = s.execute(select(models.Worker.kk).where(models.Worker.id == worker_id)).scalar_one()
    facts = facts_query(s, program_id, kk={kk})
    results = eligibility.assess_all(
        [f for f, _ in facts], program.rules, program.weights, reference=program.reference_date, quota=program.quota
    )
    versions = {f.id: v for f, v in facts}
    a = next(a for a in results if a.worker_id == worker_id)
    a.rank = None
    a.within_quota = False
    return outcome_row(a, program.rule_set_version, versions[worker_id])
