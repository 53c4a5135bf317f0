"""Workers in storage: how a worker row is read, and the bulk insert (demo, imports).

The conversions between stored and Python values are derived here, once, from the model's
column types (SQLite keeps dates as ISO text and booleans as 0/1; a plain driver connection
hands them back as such). The bulk insert has a SQLite path (one executemany of values already
in stored form, skipping SQLAlchemy's per-row bind processing: at 100,000 rows most of the
difference to a hand-written import) and a portable one for any other engine.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Boolean, Date, DateTime, func, insert, select
from sqlalchemy.orm import Session

from ..domain.worker import WorkerData
from . import models
from .changes import reserve_change_seqs

T = TypeVar("T")

_COLUMNS = models.Worker.__table__.c

#: The columns a worker row carries, in the order a row type is built from (services.rows.WorkerRow
#: has exactly these fields; a test and an import-time check hold the two together).
ROW_FIELDS: tuple[str, ...] = (
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
    "consent_date",
    "consent_withdrawn_at",
)
#: The SELECT list of a worker row, on the table aliased ``w``.
ROW_COLUMNS = ", ".join(f"w.{c}" for c in ROW_FIELDS)


def _to_date(v: Any) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(v)


def _to_datetime(v: Any) -> dt.datetime:
    return v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(v)


def _reader_of(type_: Any) -> Callable[[Any], Any] | None:
    if isinstance(type_, DateTime):
        return _to_datetime
    if isinstance(type_, Date):
        return _to_date
    if isinstance(type_, Boolean):
        return bool
    return None


#: ``date.isoformat``, each day's text kept: the C method formats through the generic
#: PyUnicode_FromFormat (about 3,400 instructions a day, 4 % of a 10,000-worker import's writing),
#: and a register's days repeat (consent days, birthdays). Bounded above the days of 120 years.
_day_text = lru_cache(maxsize=1 << 16)(dt.date.isoformat)


def _writer_of(type_: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect stores a value of this type (for the bulk fast path)."""
    if isinstance(type_, DateTime):
        return lambda v: v.isoformat(sep=" ", timespec="microseconds")
    if isinstance(type_, Date):
        return _day_text
    if isinstance(type_, Boolean):
        return int
    return None


def _conversions(
    names: Sequence[str], of: Callable[[Any], Callable[[Any], Any] | None]
) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    found = ((i, of(_COLUMNS[name].type)) for i, name in enumerate(names))
    return tuple((i, fn) for i, fn in found if fn is not None)


_READ = _conversions(ROW_FIELDS, _reader_of)


def row_maker(make: Callable[..., T]) -> Callable[[Sequence[Any]], T]:
    """Builds ``make(*values)`` from a SELECT of ``ROW_COLUMNS``, stored values converted by
    column type (a search page maps 50-100 rows per keystroke, hence positional)."""

    def build(r: Sequence[Any]) -> T:
        v = list(r)
        for i, fn in _READ:
            if v[i] is not None:
                v[i] = fn(v[i])
        return make(*v)

    return build


# -- bulk insert ---------------------------------------------------------------------------------


class NewWorker(NamedTuple):
    """One validated worker for ``insert_workers``."""

    id: str
    name_key: str
    data: WorkerData


_DATA_FIELDS = tuple(WorkerData.__dataclass_fields__)
_DATA_VALUES = operator.attrgetter(*_DATA_FIELDS)
_STAMPS = ("id", "name_key", "status", "created_at", "updated_at", "version", "created_by", "updated_by", "change_seq")
BULK_COLUMNS = (*_DATA_FIELDS, *_STAMPS)
#: The conversions the bulk path makes itself: dates to ISO text, flags to 0/1. A flag left to
#: the driver costs it two failed attribute look-ups each (``__adapt__``, ``__conform__``, for a
#: bool is not exactly an int): three flags a worker took the inserts from 45 ms to 80 ms per
#: 10,000 workers, several times what ``int`` costs here.
_STORE = _conversions(_DATA_FIELDS, _writer_of)
#: From this many rows on, the search index (migration 0009's FTS5 table) is filled in bulk.
_BULK_FTS_MIN = 200
_FTS_TRIGGER = "workers_fts_ai"
_DEFERRED = "worker_store.search_index_deferred"
_FTS_FILL = "INSERT INTO workers_fts(rowid, name, nik, kk) SELECT rowid, name, nik, kk FROM workers WHERE rowid > ?"
_INSERT_SQL = f"INSERT INTO workers ({', '.join(BULK_COLUMNS)}) VALUES ({', '.join('?' for _ in BULK_COLUMNS)})"


def insert_workers(
    s: Session, new: Sequence[NewWorker], *, status: str, actor_id: str | None, first_seq: int | None = None
) -> None:
    """Inserts the workers on the session's own connection and transaction, stamped as the
    write hook stamps single rows (change numbers in order, author, times, version 1). The
    change numbers are reserved here, or from ``first_seq`` on when the caller reserved them
    (``reserve_change_seqs``) for several calls at once."""
    if not new:
        return
    first = reserve_change_seqs(s, len(new)) if first_seq is None else first_seq
    now = models.utcnow()
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        conn.execute(
            insert(models.Worker),
            [
                dict(zip(_DATA_FIELDS, _DATA_VALUES(w.data), strict=True))
                | {
                    "id": w.id,
                    "name_key": w.name_key,
                    "status": status,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                    "created_by": actor_id,
                    "updated_by": actor_id,
                    "change_seq": first + n,
                }
                for n, w in enumerate(new)
            ],
        )
        return
    stamp = now.isoformat(sep=" ", timespec="microseconds")
    rows: list[tuple[Any, ...]] = []
    for n, (wid, key, data) in enumerate(new):
        v = list(_DATA_VALUES(data))
        for i, fn in _STORE:
            if v[i] is not None:
                v[i] = fn(v[i])
        rows.append((*v, wid, key, status, stamp, stamp, 1, actor_id, actor_id, first + n))
    if len(rows) < _BULK_FTS_MIN or s.info.get(_DEFERRED):
        conn.exec_driver_sql(_INSERT_SQL, rows)
        return
    with bulk_load(s, len(rows)):
        conn.exec_driver_sql(_INSERT_SQL, rows)


@contextmanager
def bulk_load(s: Session, rows: int) -> Iterator[None]:
    """For inserting about ``rows`` workers inside, in the session's transaction: the search
    index filled in one statement on the way out (``search_index_deferred``) and, when they at
    least double the table (a village's first import), its plain indexes built once from the
    rows rather than grown row by row (``indexes_rebuilt``)."""
    with search_index_deferred(s), indexes_rebuilt(s, rows):
        yield


@contextmanager
def indexes_rebuilt(s: Session, rows: int) -> Iterator[None]:
    """The workers' plain indexes dropped while about ``rows`` workers go in, and made again on
    the way out from their own SQL, in the session's transaction (SQLite's DDL is transactional:
    nothing commits without them, and a rollback brings them back). An index made from all its
    rows at once is a sort, and a smaller file than one grown in random order; below as many
    rows as the table holds, growing is cheaper. The unique indexes stay: they refuse a second
    living NIK row by row. SQLite only; elsewhere a no-op."""
    conn = s.connection()
    plain: list[tuple[str, str]] = []
    if conn.dialect.name == "sqlite" and rows >= _BULK_FTS_MIN:
        held = int(conn.exec_driver_sql("SELECT count(*) FROM workers").scalar_one())  # the deleted too
        if rows >= held:
            # Those made by a CREATE INDEX (not a key's own) that is not UNIQUE: dropping one for a
            # while loses no rule.
            found = conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'workers' "
                "AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%'"
            )
            plain = [(str(n), str(q)) for n, q in found]
    for name, _ in plain:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        for _, sql in plain:
            conn.exec_driver_sql(sql)


@contextmanager
def search_index_deferred(s: Session) -> Iterator[None]:
    """Workers inserted inside are put into the search index (migration 0009's FTS5 table) in
    one statement on the way out rather than by its insert trigger row by row (half an insert's
    time), in the session's transaction: the trigger is back before anything commits. Only
    inserts belong inside (an edit's trigger would take out of the index what is not in yet)."""
    conn = s.connection()
    trigger = None
    if conn.dialect.name == "sqlite" and not s.info.get(_DEFERRED):
        trigger = conn.exec_driver_sql(
            f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{_FTS_TRIGGER}'"
        ).scalar()
    if trigger is None:
        yield
        return
    last = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM workers").scalar_one()
    conn.exec_driver_sql(f"DROP TRIGGER {_FTS_TRIGGER}")
    s.info[_DEFERRED] = True
    try:
        yield
    finally:
        del s.info[_DEFERRED]
        conn.exec_driver_sql(_FTS_FILL, (last,))
        conn.exec_driver_sql(str(trigger))


# -- engine-neutral look-ups ---------------------------------------------------------------------

_LIVE = models.Worker.deleted_at.is_(None)
#: Columns whose values in use make a filter list.
FILTER_COLUMNS = ("dusun", "category", "status")


def live_count(s: Session) -> int:
    return int(s.execute(select(func.count()).select_from(models.Worker).where(_LIVE)).scalar_one())


def distinct_values(s: Session, column: str) -> list[str]:
    """The values in use of a filter column, sorted."""
    if column not in FILTER_COLUMNS:
        raise ValueError(column)
    col = getattr(models.Worker, column)
    return [str(r) for (r,) in s.execute(select(col).where(_LIVE).distinct().order_by(col)).all()]


def live_niks(s: Session) -> dict[str, str]:
    """NIK → id of every living worker (a bulk add's duplicate check)."""
    return {str(nik): str(wid) for nik, wid in s.execute(select(models.Worker.nik, models.Worker.id).where(_LIVE))}


def live_people(s: Session) -> dict[tuple[str, dt.date], tuple[str, str]]:
    """(name key, birth date) → (NIK, id) of every living worker: a bulk add's same-person
    warning names the person already recorded."""
    people = select(models.Worker.name_key, models.Worker.birth_date, models.Worker.nik, models.Worker.id)
    return {(k, b): (str(nik), str(wid)) for k, b, nik, wid in s.execute(people.where(_LIVE)).all()}


def last_change(s: Session) -> int:
    """The highest change number of any worker, living or deleted: a plan made at one value is
    still true while it stays the same (every insert, edit and deletion raises it)."""
    return int(s.execute(select(func.coalesce(func.max(models.Worker.change_seq), 0))).scalar_one())


def data_of(s: Session, ids: Sequence[str], chunk: int = 500) -> dict[str, dict[str, Any]]:
    """id → the entered fields (``WorkerData``'s) of these workers, read ``chunk`` ids at a time."""
    cols = [getattr(models.Worker, f) for f in _DATA_FIELDS]
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), chunk):
        part = list(ids[i : i + chunk])
        for wid, *values in s.execute(select(models.Worker.id, *cols).where(models.Worker.id.in_(part))).all():
            out[str(wid)] = dict(zip(_DATA_FIELDS, values, strict=True))
    return out


def update_workers(
    s: Session, changes: dict[str, dict[str, Any]], *, name_key: Callable[[str], str], chunk: int = 500
) -> None:
    """Sets the given fields of these workers through the ORM, so the write hook stamps each
    (change number, version, author) as it stamps an edit made in the form."""
    ids = list(changes)
    for i in range(0, len(ids), chunk):
        part = ids[i : i + chunk]
        for w in s.execute(select(models.Worker).where(models.Worker.id.in_(part))).scalars():
            for k, v in changes[w.id].items():
                setattr(w, k, v)
            if "name" in changes[w.id]:
                w.name_key = name_key(w.name)
        s.flush()
