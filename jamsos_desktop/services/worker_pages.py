"""The worker list for a lazily-filled table.

``first_rows`` answers a new search at once and ``count`` follows, through the public
``workers.list_workers`` / ``count_workers`` (so their query planning applies).
``page`` reads any other page by OFFSET, walking from the nearer end.

Once the person stops typing, the table also asks ``find`` for the ordered list of matching
row numbers (SQLite rowids, 8 bytes each: under a megabyte for 100,000 workers), the way
Anki's browser holds card ids; from then on ``rows`` reads any page by those numbers, which
costs the same at row 50,000 as at row 0.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import text

from .context import Workspace
from .rows import WorkerRow
from .workers import ROW_COLUMNS, SORTABLE, WorkerQuery, count_workers, list_workers, query_plan, row_from_select


@dataclass(frozen=True, slots=True)
class Found:
    """The rowids of the matching workers, in the query's order."""

    rowids: array[int]

    @property
    def total(self) -> int:
        return len(self.rowids)


def find(ws: Workspace, q: WorkerQuery) -> Found:
    """Every match's rowid in order (``q.offset``/``q.limit`` are ignored: the table pages itself)."""
    order = SORTABLE.get(q.order_by, SORTABLE["name"])
    direction = "DESC" if q.descending else "ASC"
    with ws.reading() as s:
        # The same search rules as the first page and the count (query_plan), so they agree.
        plan = query_plan(s, q, for_count=True)
        sql = f"SELECT w.rowid FROM {plan.source} WHERE {plan.where} ORDER BY {order} {direction}, w.id {direction}"
        rows = s.execute(text(sql), plan.params).scalars().all()
    return Found(array("q", rows))


def rows(ws: Workspace, rowids: Sequence[int]) -> list[WorkerRow]:
    """The workers with these rowids, in the same order (one indexed look-up per row)."""
    if not rowids:
        return []
    marks = ",".join(str(int(r)) for r in rowids)
    sql = f"SELECT w.rowid, {ROW_COLUMNS} FROM workers AS w WHERE w.rowid IN ({marks})"
    with ws.reading() as s:
        found = {r[0]: row_from_select(r[1:]) for r in s.execute(text(sql)).all()}
    return [found[r] for r in rowids if r in found]


def page(ws: Workspace, q: WorkerQuery, offset: int, limit: int, total: int) -> list[WorkerRow]:
    """Rows ``offset`` … ``offset + limit`` of the query's order, by OFFSET from the nearer end."""
    if q.order_by not in SORTABLE:
        q = replace(q, order_by="name")
    limit = max(0, min(limit, total - offset))
    if limit == 0:
        return []
    from_end = total - offset - limit
    if from_end < offset:
        found = list_workers(ws, replace(q, descending=not q.descending, offset=from_end, limit=limit))
        found.reverse()
        return found
    return list_workers(ws, replace(q, offset=offset, limit=limit))


def first_rows(ws: Workspace, q: WorkerQuery, limit: int) -> list[WorkerRow]:
    """The first page alone: fast even for a one-letter search (the count can follow)."""
    return list_workers(ws, replace(q, offset=0, limit=limit))


def count(ws: Workspace, q: WorkerQuery) -> int:
    return count_workers(ws, replace(q, offset=0, limit=None))
