"""The hub's read queries for the status figures: one grouped statement per figure, all villages at once.

Each runs over an index: the record tables' keys start with ``village_code``,
``ix_nominations_status`` covers the status counts of nominations, and ``hub_files`` is small
(one row per file). Soft-deleted records (``deleted_at`` set) count nowhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from . import models


def village_names(s: Session) -> dict[str, tuple[str, str, str]]:
    """village code -> (name, kecamatan, regency), as the village's own record has them."""
    v = models.villages.c
    rows = s.execute(select(v.village_code, v.name, v.district_name, v.regency_name).where(v.deleted_at.is_(None)))
    return {r[0]: (r[1] or "", r[2] or "", r[3] or "") for r in rows}


def files(s: Session) -> list[tuple[str, str, int, bool, str, str, dt.datetime, dt.datetime]]:
    """Every applied file: (village code, device, seq, full, file name, village name, made at, imported at)."""
    f = models.HubFile
    rows = s.execute(
        select(f.village_code, f.device_id, f.seq, f.full, f.file_name, f.village_name, f.created_at, f.imported_at)
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def worker_status_counts(s: Session, village: str | None = None) -> list[tuple[str, str, int]]:
    """(village code, worker status, workers): the status is the worker's in the active program."""
    w = models.workers.c
    q = select(w.village_code, w.status, func.count()).where(w.deleted_at.is_(None))
    if village is not None:
        q = q.where(w.village_code == village)
    rows = s.execute(q.group_by(w.village_code, w.status))
    return [(r[0], r[1] or "", int(r[2])) for r in rows]


def active_programs(s: Session, village: str | None = None) -> dict[str, tuple[str, int, int]]:
    """village code -> (program id, year, quota) of its active program (the newest year if several)."""
    p = models.programs.c
    q = select(p.village_code, p.id, p.year, p.quota).where(p.active.is_(True), p.deleted_at.is_(None))
    if village is not None:
        q = q.where(p.village_code == village)
    rows = s.execute(q.order_by(p.village_code, p.year))
    return {r[0]: (r[1], int(r[2] or 0), int(r[3] or 0)) for r in rows}


def quota_and_budget(
    s: Session, in_quota: Iterable[str], covered: Iterable[str], village: str | None = None
) -> dict[str, tuple[int, int]]:
    """village code -> (nominations taking a place in the quota, budget committed in rupiah) for
    the active program: the budget of a nomination is its months x its monthly contribution."""
    n, p = models.nominations.c, models.programs.c
    quota_case = func.sum(case((n.status.in_(list(in_quota)), 1), else_=0))
    budget = func.sum(
        case(
            (n.status.in_(list(covered)), func.coalesce(n.months, 0) * func.coalesce(n.monthly_contribution, 0)),
            else_=0,
        )
    )
    q = (
        select(n.village_code, quota_case, budget)
        .join(models.programs, and_(p.village_code == n.village_code, p.id == n.program_id))
        .where(n.deleted_at.is_(None), p.active.is_(True), p.deleted_at.is_(None))
    )
    if village is not None:
        q = q.where(n.village_code == village)
    rows = s.execute(q.group_by(n.village_code))
    return {r[0]: (int(r[1] or 0), int(r[2] or 0)) for r in rows}


def counts(s: Session) -> dict[str, Any]:
    """How many rows each record table holds (for the import's summary and the benchmark)."""
    return {
        name: int(s.execute(select(func.count()).select_from(t)).scalar_one())
        for name, t in models.RECORD_TABLES.items()
    }


def refresh_figures(s: Session, village: str, in_quota: Iterable[str], covered: Iterable[str]) -> None:
    """Works ``village``'s row of ``hub_village_figures`` out again from its records (inside the
    transaction that changed them): its workers by status over ``ix_workers_status``, its active
    program, the quota taken and the budget committed."""
    counts = {status: n for _v, status, n in worker_status_counts(s, village)}
    prog = active_programs(s, village).get(village)
    used, budget = quota_and_budget(s, in_quota, covered, village).get(village, (0, 0))
    row = s.get(models.HubVillageFigures, village)
    if row is None:
        row = models.HubVillageFigures(village_code=village)
        s.add(row)
    row.counts = counts
    row.workers = sum(counts.values())
    row.program_year = prog[1] if prog else None
    row.quota = prog[2] if prog else 0
    row.quota_used = used
    row.budget_committed = budget
    row.updated_at = models.utcnow()


def figures(s: Session) -> dict[str, models.HubVillageFigures]:
    return {f.village_code: f for f in s.execute(select(models.HubVillageFigures)).scalars()}
