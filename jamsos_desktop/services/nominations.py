"""Nominating within the quota and budget, the village head's decision, and every later status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import issues as codes
from ..domain import money, statuses
from ..domain.text import Text, UserError
from ..storage import models
from ..storage import status as status_engine
from .assessment import assess, assess_one, fresh_ranking
from .common import summarize_quota
from .context import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR, Actor, UnitOfWork, Workspace
from .rows import NominationRow, QuotaSummary
from .village import active_program, program_row
from .workers import nomination_row, resolve, short_id


@dataclass(frozen=True, slots=True)
class Changed:
    """What a nomination action changed, so that screens can refresh just that."""

    worker_ids: tuple[str, ...]
    nominations: tuple[NominationRow, ...]
    #: Whether the action assessed everyone first (the ranking changed, not only these workers).
    assessed: bool = False
    #: Workers a ranked nomination passed over, with the issue code saying why
    #: (``consent.missing``: no consent to the processing of their data).
    skipped: tuple[tuple[str, str], ...] = ()


#: Why a worker without consent is not nominated (the rule's own words, ``eligibility.consent_outcome``).
CONSENT_MISSING_TEXT = Text(
    "tidak bisa diusulkan: belum ada persetujuan pemrosesan data pribadi (UU 27/2022) atau sudah dicabut; "
    "catat tanggal persetujuannya dulu [consent.missing]",
    "cannot be nominated: no consent to the processing of personal data recorded (UU 27/2022), or it was "
    "withdrawn; record the date of consent first [consent.missing]",
)


# The quota's use is shared with the dashboard and doctor (services/common.py).
_summary = summarize_quota


def quota_summary(ws: Workspace) -> QuotaSummary:
    with ws.reading() as s:
        return _summary(s, active_program(s))


def _move(uow: UnitOfWork, n: models.Nomination, new: str, note: str = "", **columns: Any) -> None:
    """One checked status change through the status engine (history, worker mirror, audit)."""
    _may_move(n, new)
    status_engine.move_one(uow.session, uow.actor, n, new, note, audit=uow.audit, **columns)


def _may_move(n: models.Nomination, new: str) -> None:
    old = n.status
    if not statuses.can_move(old, new):
        raise UserError(
            "nomination",
            Text(
                f"status {statuses.label(old, 'id')} tidak bisa menjadi {statuses.label(new, 'id')}",
                f"status {statuses.label(old, 'en')} cannot become {statuses.label(new, 'en')}",
            ),
            short_id(n.worker_id),
        )


def nominate(ws: Workspace, actor: Actor, refs: Iterable[str], *, scores: Mapping[str, int] | None = None) -> Changed:
    """Proposes workers; each must be eligible, and the quota and budget must have room.

    ``scores`` (worker id -> score) are workers the caller has just found eligible by an
    assessment of everyone that is still current (:func:`nominate_ranked`): they are not
    assessed again one by one."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    changed: list[models.Nomination] = []
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        program = active_program(s)
        p = program_row(program)
        summary = _summary(s, program)
        counted, used = summary.counted, summary.budget_used
        refs = list(refs)
        # Workers named by their full id (the pages and the ranking name them so) and their
        # nominations are read in two queries, not two per worker.
        full = [r for r in refs if len(r) == 36]
        known = {
            w.id: w
            for w in s.execute(
                select(models.Worker).where(models.Worker.id.in_(full), models.Worker.deleted_at.is_(None))
            ).scalars()
        }
        existing = {
            n.worker_id: n
            for n in s.execute(
                select(models.Nomination).where(
                    models.Nomination.worker_id.in_(list(known)), models.Nomination.program_id == program.id
                )
            ).scalars()
        }
        seen: set[str] = set()
        moves: list[tuple[models.Nomination, str | None]] = []
        for ref in refs:
            w = known.get(ref) or resolve(s, ref)
            if w.id in seen:
                continue
            seen.add(w.id)
            if w.id in known:
                n = existing.get(w.id)
            else:
                n = s.execute(
                    select(models.Nomination).where(
                        models.Nomination.worker_id == w.id, models.Nomination.program_id == program.id
                    )
                ).scalar()
            if n is not None and n.deleted_at is None and n.status in statuses.COUNTS_IN_QUOTA:
                raise UserError(
                    "worker",
                    Text(
                        f"sudah berstatus {statuses.label(n.status, 'id')}",
                        f"is already {statuses.label(n.status, 'en')}",
                    ),
                    f"{w.name} ({short_id(w.id)})",
                )
            if w.consent_date is None or w.consent_withdrawn_at is not None:
                raise UserError(
                    "worker", CONSENT_MISSING_TEXT, f"{w.name} ({short_id(w.id)})", issue_code=codes.CONSENT_MISSING
                )
            score = scores.get(w.id) if scores is not None else None
            if score is None:
                a = assess_one(s, program.id, w.id)
                if not a.eligible:
                    why = next(r for r in a.rules if not r.passed)
                    raise UserError(
                        "worker",
                        Text(f"tidak memenuhi syarat: {why.reason_id}", f"not eligible: {why.reason_en}"),
                        f"{w.name} ({short_id(w.id)})",
                    )
                score = a.score
            if counted + 1 > p.quota:
                raise UserError(
                    "quota",
                    Text(
                        f"kuota penuh ({counted} dari {p.quota}); {w.name} tidak bisa diusulkan",
                        f"the quota is full ({counted} of {p.quota}); {w.name} cannot be proposed",
                    ),
                    p.quota,
                )
            monthly = p.contribution_for(w.income).monthly
            if p.budget_ceiling is not None and used + monthly * p.months > p.budget_ceiling:
                raise UserError(
                    "budget",
                    Text(
                        f"pagu tidak cukup: terpakai {money.rupiah(used)}, {w.name} memerlukan "
                        f"{money.rupiah(monthly * p.months)}",
                        f"not enough budget: {money.rupiah(used, 'en')} used, "
                        f"{w.name} needs {money.rupiah(monthly * p.months, 'en')}",
                    ),
                    money.rupiah(p.budget_ceiling),
                )
            if n is None:
                n = models.Nomination(
                    worker_id=w.id,
                    program_id=program.id,
                    status=statuses.PROPOSED,
                    months=p.months,
                    monthly_contribution=monthly,
                    score=score,
                    # Known empty: the status engine appends the first event without loading the
                    # collection (the flush before it would make that one query per proposal).
                    events=[],
                )
                s.add(n)
                moves.append((n, None))
            else:
                _may_move(n, statuses.PROPOSED)
                n.deleted_at = None
                n.months, n.monthly_contribution, n.score = p.months, monthly, score
                n.decline_reason = ""
                moves.append((n, ""))
            counted += 1
            used += monthly * p.months
            changed.append(n)
        # One flush and one audit rule for the lot (the status engine's rule for a call that
        # moves many), as the bulk paths do.
        status_engine.move_each(s, actor, moves, statuses.PROPOSED, audit=uow.audit)
        return Changed(tuple(n.worker_id for n in changed), tuple(nomination_row(n) for n in changed))


def nominate_ranked(ws: Workspace, actor: Actor, limit: int | None = None) -> Changed:
    """Proposes the best-ranked eligible workers not yet nominated, up to the room left in the quota
    and in the budget ceiling (pagu)."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    with ws.reading() as s:
        ranking = fresh_ranking(s, active_program(s).id)
    assessed = ranking is None
    if ranking is None:  # something changed since the last assessment (or there is none)
        ranking = [(r.worker_id, r.rank, r.within_quota, r.score) for r in assess(ws, actor).rows]
    room = quota_summary(ws).remaining
    if limit is not None:
        room = min(room, limit)
    with ws.reading() as s:
        program = active_program(s)
        taken = set(
            s.execute(
                select(models.Nomination.worker_id).where(
                    models.Nomination.program_id == program.id,
                    models.Nomination.deleted_at.is_(None),
                    models.Nomination.status.in_(statuses.COUNTS_IN_QUOTA),
                )
            ).scalars()
        )
        # Workers without consent fail the consent rule, so a fresh assessment never ranks them;
        # a ranking stored before the rule existed might: they are passed over and named.
        no_consent = (
            set(
                s.execute(
                    select(models.Worker.id).where(
                        models.Worker.deleted_at.is_(None),
                        (models.Worker.consent_date.is_(None)) | (models.Worker.consent_withdrawn_at.is_not(None)),
                    )
                ).scalars()
            )
            - taken
        )
    # The assessment has already filled the quota and the pagu in rank order, committed
    # nominations first: the picks are the places it gave to workers not yet nominated.
    ranked = sorted(
        (r for r in ranking if r[2] and r[1] is not None and r[0] not in taken and r[0] not in no_consent),
        key=lambda r: r[1] or 0,
    )
    picks = {r[0]: r[3] for r in ranked[:room]}
    skipped = tuple((wid, codes.CONSENT_MISSING) for wid in sorted(no_consent))
    if not picks:
        return Changed((), (), assessed, skipped)
    done = nominate(ws, actor, list(picks), scores=picks)
    return Changed(done.worker_ids, done.nominations, assessed, skipped)


def _nominations(s: Session, program_id: str, refs: Iterable[str]) -> list[models.Nomination]:
    out = []
    for ref in refs:
        w = resolve(s, ref)
        n = s.execute(
            select(models.Nomination).where(
                models.Nomination.worker_id == w.id,
                models.Nomination.program_id == program_id,
                models.Nomination.deleted_at.is_(None),
            )
        ).scalar()
        if n is None:
            raise UserError("worker", Text("belum diusulkan", "has not been proposed"), f"{w.name} ({short_id(w.id)})")
        out.append(n)
    return out


def approve(ws: Workspace, actor: Actor, refs: Iterable[str] | None = None) -> Changed:
    """The village head approves proposals (``refs``, or every proposal when None)."""
    actor.require(ROLE_APPROVER)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        program = active_program(s)
        if refs is None:
            noms = list(
                s.execute(
                    select(models.Nomination).where(
                        models.Nomination.program_id == program.id,
                        models.Nomination.deleted_at.is_(None),
                        models.Nomination.status == statuses.PROPOSED,
                    )
                ).scalars()
            )
        else:
            noms = _nominations(s, program.id, refs)
        now = models.utcnow()
        for n in noms:
            _move(uow, n, statuses.APPROVED, decided_by=actor.id, decided_at=now)
        return Changed(tuple(n.worker_id for n in noms), tuple(nomination_row(n) for n in noms))


def decline(ws: Workspace, actor: Actor, refs: Iterable[str], reason: str) -> Changed:
    actor.require(ROLE_APPROVER)
    reason = " ".join(reason.split())
    if not reason:
        raise UserError("reason", Text("wajib diisi saat menolak usulan", "is required to decline"))
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        noms = _nominations(s, active_program(s).id, refs)
        now = models.utcnow()
        for n in noms:
            _move(uow, n, statuses.DECLINED, reason, decided_by=actor.id, decided_at=now, decline_reason=reason)
        return Changed(tuple(n.worker_id for n in noms), tuple(nomination_row(n) for n in noms))


def set_status(uow: UnitOfWork, nomination_id: str, new: str, note: str = "", **columns: Any) -> models.Nomination:
    """For printing and signing: one checked status change (with the print or sign time)."""
    n = uow.session.get_one(models.Nomination, nomination_id)
    now = models.utcnow()
    if new == statuses.PRINTED:
        columns.setdefault("printed_at", now)
    elif new == statuses.SIGNED:
        columns.setdefault("signed_at", now)
    _move(uow, n, new, note, **columns)
    return n


def list_nominations(ws: Workspace, status: str | None = None) -> list[NominationRow]:
    with ws.reading() as s:
        program = active_program(s)
        stmt = select(models.Nomination).where(
            models.Nomination.program_id == program.id, models.Nomination.deleted_at.is_(None)
        )
        if status:
            stmt = stmt.where(models.Nomination.status == status)
        return [nomination_row(n) for n in s.execute(stmt.order_by(models.Nomination.created_at)).scalars()]


def status_counts(ws: Workspace) -> dict[str, int]:
    with ws.reading() as s:
        rows = s.execute(
            select(models.Worker.status, func.count())
            .where(models.Worker.deleted_at.is_(None))
            .group_by(models.Worker.status)
        ).all()
    return dict(Counter({st: int(c) for st, c in rows}))
