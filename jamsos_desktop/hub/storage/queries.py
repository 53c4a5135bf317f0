"""The hub's read queries for the status figures: one grouped statement per figure, all villages at once.

Each runs over an index: the record tables' keys start with ``village_code``,
``ix_nominations_status`` covers the status counts of nominations, and ``hub_files`` is small
(one row per file). Soft-deleted records (``deleted_at`` set) count nowhere.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import String, and_, bindparam, case, func, literal, select, union_all
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
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


@functools.lru_cache(maxsize=8)
def _figures_query(in_quota: tuple[str, ...], covered: tuple[str, ...]) -> Any:
    """The three figures of one village (``:village``) in one statement (one round trip): rows
    ``(kind, key, a, b)``, ``s`` a worker status and its count, ``p`` an active program's id, year
    and quota, ``q`` the quota taken and the budget committed (the same statements as above, per
    village). Built once: every file applied runs it."""
    village = bindparam("village", type_=String())
    w = models.workers.c
    by_status = (
        select(literal("s").label("kind"), w.status.label("key"), func.count().label("a"), literal(0).label("b"))
        .where(w.deleted_at.is_(None), w.village_code == village)
        .group_by(w.status)
    )
    p = models.programs.c
    progs = select(literal("p"), p.id, p.year, p.quota).where(
        p.active.is_(True), p.deleted_at.is_(None), p.village_code == village
    )
    n = models.nominations.c
    quota_case = func.sum(case((n.status.in_(list(in_quota)), 1), else_=0))
    budget = func.sum(
        case(
            (n.status.in_(list(covered)), func.coalesce(n.months, 0) * func.coalesce(n.monthly_contribution, 0)),
            else_=0,
        )
    )
    taken = (
        select(literal("q"), literal(""), quota_case, budget)
        .join(models.programs, and_(p.village_code == n.village_code, p.id == n.program_id))
        .where(n.deleted_at.is_(None), p.active.is_(True), p.deleted_at.is_(None), n.village_code == village)
    )
    return union_all(by_status, progs, taken)


def refresh_figures(s: Session, village: str, in_quota: Iterable[str], covered: Iterable[str]) -> None:
    """Works ``village``'s row of ``hub_village_figures`` out again from its records (inside the
    transaction that changed them): its workers by status over ``ix_workers_status``, its active
    program (the newest year), the quota taken and the budget committed; one statement to read
    them and one to write the row."""
    query = _figures_query(tuple(sorted(in_quota)), tuple(sorted(covered)))
    values = figures_values(s.execute(query, {"village": village}))
    s.execute(_figures_upsert(s.get_bind().dialect.name), {"village_code": village, **values})


def figures_values(rows: Iterable[Sequence[Any]]) -> dict[str, Any]:
    """The row of ``hub_village_figures`` (but its key) from the rows of ``_figures_query``."""
    counts: dict[str, int] = {}
    prog: tuple[int, int] | None = None
    used = budget = 0
    for kind, key, a, b in rows:
        if kind == "s":
            counts[key or ""] = int(a)
        elif kind == "p":
            if prog is None or int(a or 0) >= prog[0]:
                prog = (int(a or 0), int(b or 0))
        else:
            used, budget = int(a or 0), int(b or 0)
    return {
        "counts": counts,
        "workers": sum(counts.values()),
        "program_year": prog[0] if prog else None,
        "quota": prog[1] if prog else 0,
        "quota_used": used,
        "budget_committed": budget,
        "updated_at": models.utcnow(),
    }


#: ``hub_village_figures``' columns but its key, in the order ``FIGURES_PG_UPSERT`` takes them.
FIGURE_COLUMNS = ("counts", "workers", "program_year", "quota", "quota_used", "budget_committed", "updated_at")
#: The same upsert as ``_figures_upsert``, as psycopg's SQL (the import's pipelined bookkeeping).
FIGURES_PG_UPSERT = (
    f"INSERT INTO hub_village_figures (village_code, {', '.join(FIGURE_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * (len(FIGURE_COLUMNS) + 1))}) ON CONFLICT (village_code) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in FIGURE_COLUMNS)
)


@functools.lru_cache(maxsize=4)
def figures_pg_sql(in_quota: tuple[str, ...], covered: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """``_figures_query`` as psycopg's SQL and its fixed parameters (``village`` to add)."""
    from sqlalchemy.dialects.postgresql import psycopg as pg_dialect

    compiled = _figures_query(in_quota, covered).compile(dialect=pg_dialect.dialect())  # type: ignore[no-untyped-call]
    state = compiled.construct_expanded_state({"village": ""})
    return state.statement, dict(state.parameters)


@functools.lru_cache(maxsize=4)
def _figures_upsert(dialect: str) -> Any:
    """``hub_village_figures``' row of one village, written whether or not it exists (built once)."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(models.HubVillageFigures)
    cols = ("counts", "workers", "program_year", "quota", "quota_used", "budget_committed", "updated_at")
    return stmt.on_conflict_do_update(index_elements=["village_code"], set_={c: stmt.excluded[c] for c in cols})


def figures(s: Session) -> dict[str, models.HubVillageFigures]:
    return {f.village_code: f for f in s.execute(select(models.HubVillageFigures)).scalars()}
