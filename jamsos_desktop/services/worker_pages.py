"""The worker list for a lazily-filled table.

``first_page`` answers a new search at once: the first page and the count, through the
public ``workers.list_workers`` / ``count_workers`` (so their query planning applies).
``page`` reads any other page by OFFSET, walking from the nearer end.

Once the person stops typing, the table also asks ``find`` for the ordered list of matching
row numbers (SQLite rowids, 8 bytes each: under a megabyte for 100,000 workers), the way
Anki's browser holds card ids; from then on ``rows`` reads any page by those numbers, which
costs the same at row 50,000 as at row 0.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import text

from ..domain import identity
from .context import Workspace
from .rows import WorkerRow
from .workers import SORTABLE, WorkerQuery, count_workers, fts_query, list_workers

_NUMBER = re.compile(r"^[\d\s.\-]+$")
_FIELDS = (
    "id",
    "nik",
    "kk",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "dusun",
    "rt",
    "rw",
    "phone",
    "occupation_code",
    "category",
    "income",
    "heir_name",
    "heir_relation",
    "heir_phone",
    "dtks",
    "bpjs_active",
    "kpj",
    "resident",
    "notes",
    "status",
    "version",
    "created_at",
    "updated_at",
)
_SELECT = ", ".join(f"w.{f}" for f in _FIELDS)


@dataclass(frozen=True, slots=True)
class Found:
    """The rowids of the matching workers, in the query's order."""

    rowids: array[int]

    @property
    def total(self) -> int:
        return len(self.rowids)


def _where(q: WorkerQuery) -> tuple[str, dict[str, Any]]:
    clauses = ["w.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    for f in ("status", "category", "dusun"):
        v = getattr(q, f)
        if v:
            clauses.append(f"w.{f} = :{f}")
            params[f] = v
    search = q.search.strip()
    if search and _NUMBER.match(search) and any(c.isdigit() for c in search):
        # A NIK or KK typed from the start: a range on their indexes, no text search needed.
        lo = identity.normalize_number(search)
        hi = lo[:-1] + chr(ord(lo[-1]) + 1)
        clauses.append("((w.nik >= :lo AND w.nik < :hi) OR (w.kk >= :lo AND w.kk < :hi))")
        params |= {"lo": lo, "hi": hi}
    elif search and (match := fts_query(search)) is not None:
        clauses.append("w.rowid IN (SELECT rowid FROM workers_fts WHERE workers_fts MATCH :match)")
        params["match"] = match
    return " AND ".join(clauses), params


def find(ws: Workspace, q: WorkerQuery) -> Found:
    """Every match's rowid in order (``q.offset``/``q.limit`` are ignored: the table pages itself)."""
    where, params = _where(q)
    order = SORTABLE.get(q.order_by, SORTABLE["name"])
    direction = "DESC" if q.descending else "ASC"
    sql = f"SELECT w.rowid FROM workers AS w WHERE {where} ORDER BY {order} {direction}, w.id {direction}"
    with ws.reading() as s:
        rows = s.execute(text(sql), params).scalars().all()
    return Found(array("q", rows))


def _parse_dt(v: Any) -> dt.datetime:
    return v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(v)


def _row(r: Sequence[Any]) -> WorkerRow:
    d = dict(zip(_FIELDS, r, strict=True))
    bd = d["birth_date"]
    d["birth_date"] = bd if isinstance(bd, dt.date) else dt.date.fromisoformat(bd)
    for k in ("dtks", "bpjs_active", "resident"):
        d[k] = bool(d[k])
    d["created_at"] = _parse_dt(d["created_at"])
    d["updated_at"] = _parse_dt(d["updated_at"])
    return WorkerRow(**d)


def rows(ws: Workspace, rowids: Sequence[int]) -> list[WorkerRow]:
    """The workers with these rowids, in the same order (one indexed look-up per row)."""
    if not rowids:
        return []
    marks = ",".join(str(int(r)) for r in rowids)
    sql = f"SELECT w.rowid, {_SELECT} FROM workers AS w WHERE w.rowid IN ({marks})"
    with ws.reading() as s:
        found = {r[0]: _row(r[1:]) for r in s.execute(text(sql)).all()}
    return [found[r] for r in rowids if r in found]


@dataclass(frozen=True, slots=True)
class FirstPage:
    total: int
    rows: list[WorkerRow]


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


def first_page(ws: Workspace, q: WorkerQuery, limit: int) -> FirstPage:
    """The count and the first page, for a new search or filter."""
    found = list_workers(ws, replace(q, offset=0, limit=limit))
    total = len(found) if len(found) < limit else count_workers(ws, replace(q, offset=0, limit=None))
    return FirstPage(total, found)


def first_rows(ws: Workspace, q: WorkerQuery, limit: int) -> list[WorkerRow]:
    """The first page alone: fast even for a one-letter search (the count can follow)."""
    return list_workers(ws, replace(q, offset=0, limit=limit))


def count(ws: Workspace, q: WorkerQuery) -> int:
    return count_workers(ws, replace(q, offset=0, limit=None))
