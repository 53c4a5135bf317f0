"""Pages of the worker list for a lazily-filled table: the first page with the count, then any page.

An OFFSET makes SQLite walk every row before the page. For a page past the middle we ask
for the reverse order instead (a smaller offset from the other end) and flip the rows back:
scrolling to the end of 100,000 names then costs about the same as the start. Only the public
``workers.list_workers`` / ``count_workers`` are used, so their query planning applies.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .context import Workspace
from .rows import WorkerRow
from .workers import SORTABLE, WorkerQuery, count_workers, list_workers


@dataclass(frozen=True, slots=True)
class FirstPage:
    total: int
    rows: list[WorkerRow]


def page(ws: Workspace, q: WorkerQuery, offset: int, limit: int, total: int) -> list[WorkerRow]:
    """Rows ``offset`` … ``offset + limit`` of the query's order, knowing the ``total``."""
    if q.order_by not in SORTABLE:
        q = replace(q, order_by="name")
    limit = max(0, min(limit, total - offset))
    if limit == 0:
        return []
    from_end = total - offset - limit
    if from_end < offset:
        rows = list_workers(ws, replace(q, descending=not q.descending, offset=from_end, limit=limit))
        rows.reverse()
        return rows
    return list_workers(ws, replace(q, offset=offset, limit=limit))


def first_page(ws: Workspace, q: WorkerQuery, limit: int) -> FirstPage:
    """The count and the first page, for a new search or filter."""
    rows = list_workers(ws, replace(q, offset=0, limit=limit))
    total = len(rows) if len(rows) < limit else count_workers(ws, replace(q, offset=0, limit=None))
    return FirstPage(total, rows)
