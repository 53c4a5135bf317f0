"""Reads that several services share: given public names here instead of borrowed private ones."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import money, statuses
from ..storage import models
from .rows import QuotaSummary
from .village import program_row


def summarize_quota(s: Session, program: models.Program) -> QuotaSummary:
    """How much of the program's quota and budget the living nominations take, by status."""
    rows = s.execute(
        select(
            models.Nomination.status,
            func.count(),
            func.sum(models.Nomination.monthly_contribution * models.Nomination.months),
        )
        .where(models.Nomination.program_id == program.id, models.Nomination.deleted_at.is_(None))
        .group_by(models.Nomination.status)
    ).all()
    by_status = {st: int(c) for st, c, _ in rows}
    counted = sum(c for st, c in by_status.items() if st in statuses.COUNTS_IN_QUOTA)
    used = sum(int(t or 0) for st, _, t in rows if st in statuses.COUNTS_IN_QUOTA)
    p = program_row(program)
    return QuotaSummary(
        quota=p.quota,
        counted=counted,
        by_status=by_status,
        months=p.months,
        budget_used=used,
        budget_ceiling=p.budget_ceiling,
        budget_at_quota=money.budget(p.quota, p.lowest_monthly, p.months),
        contribution_mode=p.contribution_mode,
        lowest_period_cost=p.lowest_monthly * p.months,
    )
