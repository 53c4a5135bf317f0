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

from ..storage import worker_search
from .context import Workspace
from .rows import WorkerRow
from .workers import SORTABLE, WorkerQuery, count_workers, list_workers


@dataclass(frozen=True, slots=True)
class Found:
    """The rowids of the matching workers, in the query's order."""

    rowids: array[int]

    @property
    def total(self) -> int:
        return len(self.rowids)


def find(ws: Workspace, q: WorkerQuery) -> Found:
    """Every match's rowid in order (``q.offset``/``q.limit`` are ignored: the table pages itself)."""
    with ws.reading() as s:
        # The same search rules as the first page and the count, so they agree.
        return Found(array("q", worker_search.rowids(s, q)))


def rows(ws: Workspace, rowids: Sequence[int]) -> list[WorkerRow]:
    """The workers with these rowids, in the same order (one indexed look-up per row)."""
    if not rowids:
        return []
    with ws.reading() as s:
        return worker_search.rows(s, rowids, WorkerRow)


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
