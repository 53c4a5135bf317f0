"""Assessing workers against the active program's rules, and ranking them within the quota."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import eligibility, statuses
from ..domain.eligibility import Assessment, RuleOutcome, ScorePart, WorkerFacts
from ..storage import assessment_store, models
from .context import Actor, Workspace
from .rows import AssessmentRow, ProgramRow, RuleRow
from .village import active_program, current_village, program_row, village_words


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
            n.monthly_contribution,
            n.months,
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
                    committed_cost=r[14] * r[15] if r[10] in statuses.COUNTS_IN_QUOTA else None,
                ),
                r[11],
            )
        )
    return out


class AssessReport:
    """An assessment's outcome: the counts at once, each worker's row (``rows``, with every
    rule's explanation) made when first asked for (the Nominasi page and proposing by rank
    need only the stored assessment)."""

    __slots__ = ("_make", "_rows", "eligible", "ineligible", "quota", "reference_date", "rule_set_version")

    def __init__(
        self,
        rows: Callable[[], list[AssessmentRow]],
        *,
        eligible: int,
        ineligible: int,
        quota: int,
        reference_date: dt.date,
        rule_set_version: int,
    ) -> None:
        self._make = rows
        self._rows: list[AssessmentRow] | None = None
        self.eligible = eligible
        self.ineligible = ineligible
        self.quota = quota
        self.reference_date = reference_date
        self.rule_set_version = rule_set_version

    @property
    def rows(self) -> list[AssessmentRow]:
        if self._rows is None:
            self._rows = self._make()
        return self._rows


def period_cost(program: ProgramRow) -> eligibility.Cost:
    """One worker's contribution for the whole period: what a place in the pagu costs. A nomination
    already counted holds what it committed (the decree charges that), even after the program's
    contribution mode or months changed."""
    return lambda f: (
        f.committed_cost
        if f.committed_cost is not None
        else program.contribution_for(f.income).monthly * program.months
    )


def assess(ws: Workspace, actor: Actor, *, store: bool = True) -> AssessReport:
    """Assesses every live worker; stores the outcome of each rule (writing only what changed)."""
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
            words=village_words(current_village(s)),
        )
        versions = {f.id: v for f, v in facts}
        explained = _Explained(results, program.rule_set_version, versions)
        eligible = sum(1 for r in results if r.eligible)
        if store:
            saved = assessment_store.save(s, program.id, explained.records(), actor_id=s.info.get("actor_id"))
            uow.audit(
                "assessment.run",
                "program",
                program.id,
                None,
                {
                    "workers": len(results),
                    "eligible": eligible,
                    "rule_set_version": program.rule_set_version,
                    "changed": saved.inserted + saved.updated + saved.deleted,
                },
            )
    return AssessReport(
        explained.rows,
        eligible=eligible,
        ineligible=len(results) - eligible,
        quota=program.quota,
        reference_date=program.reference_date,
        rule_set_version=program.rule_set_version,
    )


class _Explained:
    """One assessment's rows, for the caller and for the store.

    The rules share one outcome object among the workers it explains alike (see
    ``eligibility``), so each outcome's row and JSON are made once per object here, and a
    worker's stored JSON is the join of their outcomes' (what ``json.dumps`` of the whole list
    writes, with its default separators)."""

    def __init__(self, results: list[Assessment], rule_set_version: int, versions: dict[str, int]) -> None:
        self._results = results
        self._rule_set_version = rule_set_version
        self._versions = versions
        # id(object) -> (the object, kept alive so that its id is not reused; its row; its JSON)
        self._rules: dict[int, tuple[RuleOutcome, RuleRow, str]] = {}
        self._parts: dict[int, tuple[ScorePart, tuple[str, int, str, str], str]] = {}

    def _rule(self, o: RuleOutcome) -> tuple[RuleOutcome, RuleRow, str]:
        made = self._rules.get(id(o))
        if made is None:
            r = o.reason
            made = (
                o,
                RuleRow(o.code, o.passed, r.id, r.en),
                json.dumps({"rule": o.code, "passed": o.passed, "id": r.id, "en": r.en}),
            )
            self._rules[id(o)] = made
        return made

    def _part(self, p: ScorePart) -> tuple[ScorePart, tuple[str, int, str, str], str]:
        made = self._parts.get(id(p))
        if made is None:
            r = p.reason
            made = (
                p,
                (p.code, p.points, r.id, r.en),
                json.dumps({"code": p.code, "points": p.points, "id": r.id, "en": r.en}),
            )
            self._parts[id(p)] = made
        return made

    def rows(self) -> list[AssessmentRow]:
        rule, part, version, versions = self._rule, self._part, self._rule_set_version, self._versions
        return [
            AssessmentRow(
                a.worker_id,
                a.eligible,
                a.score,
                a.rank,
                a.within_quota,
                tuple(rule(o)[1] for o in a.outcomes),
                tuple(part(p)[1] for p in a.score_parts),
                version,
                versions[a.worker_id],
            )
            for a in self._results
        ]

    def records(self) -> list[assessment_store.Outcome]:
        rule, part, version, versions = self._rule, self._part, self._rule_set_version, self._versions
        # Workers explained alike have the same list of shared outcomes: its JSON is joined once
        # (the ids are of objects kept alive in ``_rules`` and ``_parts``).
        rules_json: dict[tuple[int, ...], str] = {}
        parts_json: dict[tuple[int, ...], str] = {}
        out = []
        for a in self._results:
            key = tuple(map(id, a.outcomes))
            outcomes = rules_json.get(key)
            if outcomes is None:
                outcomes = rules_json[key] = "[" + ", ".join(rule(o)[2] for o in a.outcomes) + "]"
            key = tuple(map(id, a.score_parts))
            parts = parts_json.get(key)
            if parts is None:
                parts = parts_json[key] = "[" + ", ".join(part(p)[2] for p in a.score_parts) + "]"
            out.append(
                assessment_store.Outcome(
                    a.worker_id,
                    version,
                    versions[a.worker_id],
                    a.eligible,
                    a.score,
                    a.rank,
                    a.within_quota,
                    outcomes,
                    parts,
                )
            )
        return out


def fresh_ranking(s: Session, program_id: str) -> list[tuple[str, int | None, bool, int]] | None:
    """The stored assessment's (worker id, rank, within quota, score) of every live worker, when it is
    still the rules' answer: every live worker assessed at their current version under the
    current rule set, nobody else's outcome kept, and the program (quota, pagu, contribution)
    unchanged since the last assessment was run (its audit entry: a run that found nothing
    changed writes no outcome, so their times do not tell). None when anything changed: then
    only a new assessment says who comes first."""
    w, a, p = models.Worker, models.Assessment, models.Program
    program = s.get_one(p, program_id)
    last_run = s.execute(
        select(func.max(models.AuditEntry.at)).where(
            models.AuditEntry.entity_id == program_id, models.AuditEntry.action == "assessment.run"
        )
    ).scalar()
    if last_run is None or last_run < program.updated_at:
        return None
    live = s.execute(select(func.count()).select_from(w).where(w.deleted_at.is_(None))).scalar_one()
    kept = s.execute(select(func.count()).select_from(a).where(a.program_id == program_id)).scalar_one()
    if kept != live:
        return None
    rows = s.execute(
        select(a.worker_id, a.rank, a.within_quota, a.score)
        .join(w, w.id == a.worker_id)
        .where(
            a.program_id == program_id,
            w.deleted_at.is_(None),
            a.worker_version == w.version,
            a.rule_set_version == program.rule_set_version,
        )
    ).all()
    if not rows or len(rows) != live:
        return None
    return [(r[0], r[1], bool(r[2]), r[3]) for r in rows]


def assess_one(s: Session, program_id: str, worker_id: str) -> AssessmentRow:
    """One worker's outcome, computed with their household (enough for every rule; rank is not set)."""
    program = program_row(s.get_one(models.Program, program_id))
    kk = s.execute(select(models.Worker.kk).where(models.Worker.id == worker_id)).scalar_one()
    facts = facts_query(s, program_id, kk={kk})
    results = eligibility.assess_all(
        [f for f, _ in facts],
        program.rules,
        program.weights,
        reference=program.reference_date,
        quota=program.quota,
        words=village_words(current_village(s)),
    )
    versions = {f.id: v for f, v in facts}
    a = next(a for a in results if a.worker_id == worker_id)
    a.rank = None
    a.within_quota = False
    return outcome_row(a, program.rule_set_version, versions[worker_id])
