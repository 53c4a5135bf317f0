"""The worker search on SQLite: the plans behind the worker list, its counts and its pages.

Engine-specific by design (FTS5, ``INDEXED BY``, rowid paging); the services call ``page``,
``count``, ``rowids`` and ``rows`` with a ``WorkerQuery`` and never see the SQL. A PostgreSQL
hub would get its own module with the same functions (pg_trgm instead of FTS5).

Every plan answers the same question (``tests/services/test_workers.py`` compares them with a
plain scan of what a search means): each word of the search starts a word of the name or the
dusun, or the NIK or KK; a single letter lists the names starting with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..domain import identity
from . import driver
from .worker_store import ROW_COLUMNS, row_maker

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class WorkerQuery:
    search: str = ""
    status: str | None = None
    category: str | None = None
    dusun: str | None = None
    order_by: str = "name"
    descending: bool = False
    offset: int = 0
    limit: int | None = 100


#: The sort keys of the list and the column each sorts by.
SORTABLE = {
    "name": "w.name_key",
    "nik": "w.nik",
    "kk": "w.kk",
    "birth_date": "w.birth_date",
    "sex": "w.sex",
    "dusun": "w.dusun",
    "rt": "w.rt",
    "rw": "w.rw",
    "occupation": "w.occupation_code",
    "category": "w.category",
    "income": "w.income",
    "status": "w.status",
    "created_at": "w.created_at",
    "updated_at": "w.updated_at",
}
# Sort columns with an index of their own: a broad search walks that index in order and stops
# after one page, instead of sorting tens of thousands of matches.
ORDER_INDEX = {
    "name": "ix_workers_name_live",
    "kk": "ix_workers_kk_live",
    "dusun": "ix_workers_dusun",
    "category": "ix_workers_category",
    "status": "ix_workers_status_live",
}
#: A search matching at least this many records counts as broad (probed with a bounded count).
#: Measured on 100,000 demo workers: joining and sorting 4,000 matches takes ~8 ms and 8,700
#: matches ~20 ms, while walking the name index to matches that all sort late (first names
#: starting "Wa", 4,200 matches) takes ~30-50 ms. 6,000 gave the lowest worst case (17 ms).
BROAD = 6000
#: The same for NIK/KK prefixes, whose narrow plan (two index ranges) is cheap to probe and sort.
BROAD_NUMBER = 2000
_NUMBER = re.compile(r"^[\d\s.\-]+$")


@dataclass(frozen=True, slots=True)
class Plan:
    """A search as SQL: what it reads (``source``, the table aliased ``w``), its test and parameters."""

    source: str
    where: str
    params: dict[str, Any]


def _digits_range(digits: str) -> tuple[str, str]:
    """'320405' → ('320405', '320406'): every string with that prefix sorts in between."""
    return digits, digits[:-1] + chr(ord(digits[-1]) + 1)


def query_plan(s: Reader | None, q: WorkerQuery, *, for_count: bool = False) -> Plan:
    """The SQL for a query. With a session, a broad search is planned for what it is.

    For a page, a broad search walks the sort column's index and stops after the page; for a
    count, a broad number search scans the table once (cheaper than collecting 100,000 row ids).
    A single letter lists the names that start with it, straight from the name index.
    """
    clauses = ["w.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    for f in ("status", "category", "dusun"):
        v = getattr(q, f)
        if v:
            clauses.append(f"w.{f} = :{f}")
            params[f] = v
    source = "workers AS w"
    search = q.search.strip()
    order_index = None if for_count else ORDER_INDEX.get(q.order_by)
    letter = fold(search) if len(search) == 1 else ""  # "É" lists names starting "e", as name_key has them
    if len(letter) == 1 and letter.isalpha():
        params |= {"lo": letter, "hi": chr(ord(letter) + 1)}
        clauses.append("w.name_key >= :lo AND w.name_key < :hi")
    elif search and _NUMBER.match(search) and any(c.isdigit() for c in search):
        lo, hi = _digits_range(identity.normalize_number(search))
        params |= {"lo": lo, "hi": hi}
        by_nik = "SELECT rowid FROM workers WHERE nik >= :lo AND nik < :hi AND deleted_at IS NULL"
        if s is not None and (order_index or for_count) and _is_broad(s, by_nik, params, BROAD_NUMBER):
            # Most records match (a region prefix): test each row while walking the order index
            # (a page) or the table (a count); the unary + keeps SQLite off the nik/kk indexes.
            # A count reads the covering (kk, nik) index of living records instead of the table.
            source = f"workers AS w INDEXED BY {order_index or 'ix_workers_kk_live'}"
            clauses.append("((+w.nik >= :lo AND +w.nik < :hi) OR (+w.kk >= :lo AND +w.kk < :hi))")
        else:
            # Few match: two index ranges (SQLite will not combine an OR of ranges on its own).
            clauses.append(
                f"w.rowid IN ({by_nik} UNION ALL SELECT rowid FROM workers WHERE kk >= :lo AND kk < :hi AND deleted_at IS NULL)"
            )
    elif search and (terms := search_terms(search)):
        # Each word must match the start of a word of the name, NIK, KK or dusun. Dusun are
        # few and shared by thousands: a word naming one ("suka" → Sukamaju, Sukasari) is
        # matched against the dusun list here and becomes ``w.dusun IN (...)``; asking the
        # full-text index for it would collect every resident's row (15 ms per dusun).
        dusun_words = {d: search_terms(d) for d in dusun_names(s)} if s is not None else {}
        plain: list[str] = []
        for n, term in enumerate(terms):
            named = [d for d, words in dusun_words.items() if any(w.startswith(term) for w in words)]
            if len(term) == 1:
                # One letter beside other words ("budi s"): an initial. The index would list
                # every word starting with it, so each candidate row is tested instead.
                params[f"one{n}"] = term if term.isdigit() else f"% {term}%"
                if term.isdigit():
                    tests = [f"substr(w.nik, 1, 1) = :one{n}", f"substr(w.kk, 1, 1) = :one{n}"]
                else:
                    tests = [f"(' ' || w.name_key) LIKE :one{n}"]
            elif named and order_index and term.isalpha():
                # A page walks the order index through dense matches: testing each row's name
                # words (name_key holds them exactly as the index's tokenizer splits and folds
                # them) beats collecting every name with a word starting so ("su": 15,000 rows).
                # A count keeps the index (below): it must visit every row either way.
                params[f"word{n}"] = f"% {term}%"
                tests = [f"(' ' || w.name_key) LIKE :word{n}"]
            elif named:
                params[f"word{n}"] = f'{{name nik kk}} : "{term}"*'
                tests = [f"w.rowid IN (SELECT rowid FROM workers_fts WHERE workers_fts MATCH :word{n})"]
            else:
                plain.append(term)
                continue
            if named:
                marks = ", ".join(f":dusun{n}_{i}" for i in range(len(named)))
                params |= {f"dusun{n}_{i}": d for i, d in enumerate(named)}
                tests.append(f"w.dusun IN ({marks})")
            clauses.append("(" + " OR ".join(tests) + ")")
        if plain:
            params["match"] = "{name nik kk} : (" + " AND ".join(f'"{t}"*' for t in plain) + ")"
            broad = (
                order_index
                and s is not None
                and _is_broad(s, "SELECT 1 FROM workers_fts WHERE workers_fts MATCH :match", params)
            )
            if broad:
                source = f"workers AS w INDEXED BY {order_index}"
                clauses.append("w.rowid IN (SELECT rowid FROM workers_fts WHERE workers_fts MATCH :match)")
            else:
                source = "workers_fts JOIN workers AS w ON w.rowid = workers_fts.rowid"
                clauses.append("workers_fts MATCH :match")
        elif order_index:
            # Only dusun words and initials: matches are dense, so walk the order and stop early.
            source = f"workers AS w INDEXED BY {order_index}"
    return Plan(source, " AND ".join(clauses), params)


def fold(value: str) -> str:
    """Lower case without diacritics, as the full-text index's tokenizer (unicode61,
    remove_diacritics 2) sees it. NFD, not NFKD: the tokenizer keeps compatibility forms
    ('ﬁ', '²', full-width letters) as they are (tests/services/test_name_words.py)."""
    decomposed = unicodedata.normalize("NFD", value.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[^\W_]+")


def search_terms(search: str) -> list[str]:
    """The words of a search as the index has them: 'Ma'ruf  Siti' → ['ma', 'ruf', 'siti']."""
    return _WORD.findall(fold(search))


#: Where a search reads: a session, a connection, or a plain driver connection (``Database.plain``).
Reader = Session | Connection | driver.Connection


def _fetch(s: Reader, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    if isinstance(s, Session | Connection):
        return list(s.execute(text(sql), params or {}).all())
    return s.execute(sql, params or {}).fetchall()


def dusun_names(s: Reader) -> list[str]:
    """The dusun in use, by hopping along their index (one seek per dusun, not a scan)."""
    sql = (
        "WITH RECURSIVE d(v) AS (SELECT min(dusun) FROM workers "
        "UNION ALL SELECT (SELECT min(dusun) FROM workers WHERE dusun > d.v) FROM d WHERE d.v IS NOT NULL) "
        "SELECT v FROM d WHERE v IS NOT NULL"
    )
    return [str(r[0]) for r in _fetch(s, sql)]


def _is_broad(s: Reader, inner: str, params: dict[str, Any], limit: int | None = None) -> bool:
    # BROAD is read at each call, not bound as a default: tests lower it to run the broad plans.
    limit = BROAD if limit is None else limit
    n = _fetch(s, f"SELECT count(*) FROM ({inner} LIMIT {limit})", params)[0][0]
    return bool(n >= limit)


def _order(q: WorkerQuery, *, descending: bool | None = None) -> str:
    column = SORTABLE.get(q.order_by, SORTABLE["name"])
    direction = "DESC" if (q.descending if descending is None else descending) else "ASC"
    return f"ORDER BY {column} {direction}, w.id {direction}"


def page(conn: Reader, q: WorkerQuery, make: Callable[..., T]) -> list[T]:
    """The query's rows (``q.offset``/``q.limit``) as ``make(*ROW_FIELDS values)``."""
    plan = query_plan(conn, q)
    ordered = _order(q)
    sql = f"SELECT {ROW_COLUMNS} FROM {plan.source} WHERE {plan.where} {ordered}"
    params = dict(plan.params)
    if q.limit is not None:
        # Order and cut the row numbers first, then read the page's rows: sorting 1,500
        # matches carries two sort keys each instead of every column.
        cut = f"SELECT w.rowid AS r FROM {plan.source} WHERE {plan.where} {ordered} LIMIT :limit OFFSET :offset"
        sql = f"SELECT {ROW_COLUMNS} FROM ({cut}) AS p JOIN workers AS w ON w.rowid = p.r {ordered}"
        params |= {"limit": q.limit, "offset": q.offset}
    build = row_maker(make)
    return [build(r) for r in _fetch(conn, sql, params)]


def count(conn: Reader, q: WorkerQuery) -> int:
    plan = query_plan(conn, q, for_count=True)
    return int(_fetch(conn, f"SELECT count(*) FROM {plan.source} WHERE {plan.where}", plan.params)[0][0])


def rowids(conn: Reader, q: WorkerQuery) -> list[int]:
    """Every match's row number in the query's order (``q.offset``/``q.limit`` are ignored).

    Row numbers are SQLite rowids, 8 bytes each: a whole result fits in memory and any page
    is then read by number. The plan is the count's, so the two always agree."""
    plan = query_plan(conn, q, for_count=True)
    sql = f"SELECT w.rowid FROM {plan.source} WHERE {plan.where} {_order(q)}"
    return [int(r[0]) for r in _fetch(conn, sql, plan.params)]


def rows(conn: Reader, numbers: Sequence[int], make: Callable[..., T]) -> list[T]:
    """The workers with these row numbers, in the same order (one indexed look-up per row)."""
    if not numbers:
        return []
    marks = ",".join(str(int(r)) for r in numbers)  # integers only: nothing to bind or escape
    build = row_maker(make)
    sql = f"SELECT w.rowid, {ROW_COLUMNS} FROM workers AS w WHERE w.rowid IN ({marks})"
    found = {r[0]: build(r[1:]) for r in _fetch(conn, sql)}
    return [found[r] for r in numbers if r in found]
