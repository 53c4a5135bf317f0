"""Pages of the worker list for a lazily-filled table: the first page with the count, then any page.

``workers.list_workers`` answers with OFFSET, which makes SQLite walk every row before the
page. For a page past the middle we walk from the other end instead (reverse order, smaller
offset) and flip the rows back: scrolling to the end of 100,000 names then costs the same as
the start.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import text

from .context import Workspace
from .rows import WorkerRow
from .workers import _COLUMNS, SORTABLE, WorkerQuery, _row, _where


@dataclass(frozen=True, slots=True)
class FirstPage:
    total: int
    rows: list[WorkerRow]


def _select(ws: Workspace, q: WorkerQuery, offset: int, limit: int, descending: bool) -> list[WorkerRow]:
    source, params, where = _where(q)
    order = SORTABLE[q.order_by]
    direction = "DESC" if descending else "ASC"
    sql = (
        f"SELECT {_COLUMNS} FROM {source} WHERE {where} "
        f"ORDER BY {order} {direction}, w.id {direction} LIMIT :limit OFFSET :offset"
    )
    with ws.reading() as s:
        return [_row(r) for r in s.execute(text(sql), params | {"limit": limit, "offset": offset}).all()]


def page(ws: Workspace, q: WorkerQuery, offset: int, limit: int, total: int) -> list[WorkerRow]:
    """Rows ``offset`` … ``offset + limit`` of the query's order, knowing the ``total``."""
    if SORTABLE.get(q.order_by) is None:
        q = replace(q, order_by="name")
    limit = max(0, min(limit, total - offset))
    if limit == 0:
        return []
    from_end = total - offset - limit
    if from_end < offset:
        rows = _select(ws, q, from_end, limit, not q.descending)
        rows.reverse()
        return rows
    return _select(ws, q, offset, limit, q.descending)


def first_page(ws: Workspace, q: WorkerQuery, limit: int) -> FirstPage:
    """The count and the first page in one read, for a new search or filter."""
    source, params, where = _where(q)
    with ws.reading() as s:
        total = int(s.execute(text(f"SELECT count(*) FROM {source} WHERE {where}"), params).scalar_one())
    return FirstPage(total, page(ws, q, 0, limit, total))
