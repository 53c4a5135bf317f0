"""Applying a village file's records to the hub: the import's SQL, one path per engine.

Both engines apply the same rule: a row is written when the hub has none with its key
(village code + id), or when the file's copy is newer, i.e. its ``(version, updated_at,
change_seq)`` is greater than the stored one's. An older copy never overwrites a newer one, and
an identical copy (the same file again, or a record that travels in two files) rewrites nothing,
so nothing depends on the order in which the files arrive. Records without a version (the
nomination history) are written once.

- **PostgreSQL**: per table, the set-based ``INSERT ... ON CONFLICT (village_code, id) DO UPDATE
  ... WHERE <the file's copy is newer>``. The ``WHERE`` is what PostgreSQL's ``IS DISTINCT FROM``
  guard is usually for (skip rows that would not change), in its stronger form: a row that is not
  *newer* is not touched, so neither an identical nor an older copy writes a new row version (no
  dead tuples, no WAL for a re-sent record). Its rows come by one of three ways, the fewest round
  trips first (each round trip costs more than a thousand rows on a busy server):
  a few rows (``INLINE_ROWS``: a file's village record, its programs) inline in the statement;
  the rows of a table that holds none of the village's yet (its first file: the bulk of a first
  import) by ``COPY`` straight into the table (``_copy_direct``: nothing to compare with; a row
  there after all makes the file go again by staging); else ``COPY`` into a temporary staging
  table (no indexes, emptied at commit) and the upsert from there.
- **SQLite**: one ``executemany`` of ``INSERT ... ON CONFLICT ... DO UPDATE ... WHERE`` (the same
  condition) per table, on the connection of the open write transaction (files batched, see
  ``bulk_connection``).

Values arrive as the file's JSON has them (``sync/contract.py``: dates and times as ISO text,
JSON as lists and objects); each engine gets them in the form it stores.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.orm import Session

from ...sync import contract
from . import audit, models, queries

Row = list[Any]


def _sqlite_datetime(v: str) -> str:
    # SQLAlchemy's SQLite DateTime stores "YYYY-MM-DD HH:MM:SS.ffffff"; the file writes a "T".
    return v.replace("T", " ", 1)


def _json_text(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def columns(name: str) -> tuple[str, ...]:
    """The hub table's columns for contract record ``name``, in the order rows are built."""
    return tuple(c.name for c in models.RECORD_TABLES[name].c)


def build_rows(
    name: str,
    file_record: contract.Record,
    file_columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    village_code: str,
    file_id: int,
    dialect: str,
) -> list[Row]:
    """The file's rows of record ``name`` as rows of the hub table (``columns(name)`` order).

    ``file_record`` is the record as the file's own format version defines it: a field is
    matched to the hub's column by its stored column, so a renamed export field still lands in
    its column, and a field an older version lacks is null.
    """
    table = models.RECORD_TABLES[name]
    hub_cols = columns(name)[1:-1]  # between village_code and file_id: the contract's fields
    if tuple(file_columns) == tuple(f.name for f in file_record.fields) and file_record.columns == hub_cols:
        # The file is of the hub's own contract version: its rows are the table's rows but for
        # the two values at the ends (the usual case, and the import's hot loop).
        out = [[village_code, *r, file_id] for r in rows]
    else:
        where = {c: i for i, c in enumerate(file_columns)}
        by_column = {f.column: where[f.name] for f in file_record.fields if f.name in where}
        if "id" not in by_column:
            raise ValueError(f"{name}: no id")
        idx = [by_column.get(c, -1) for c in hub_cols]
        out = [[village_code, *(r[i] if i >= 0 else None for i in idx), file_id] for r in rows]
    kinds = models.COLUMN_KINDS[name]
    steps: list[tuple[int, Callable[[Any], Any]]] = []
    for pos, col in enumerate(table.c):
        kind = kinds.get(col.name)
        if kind == contract.JSON:
            steps.append((pos, _json_text))
        elif kind == contract.DATETIME and dialect == "sqlite":
            steps.append((pos, _sqlite_datetime))
    for pos, fn in steps:
        for r in out:
            v = r[pos]
            if v is not None:
                r[pos] = fn(v)
    return out


def _newer(table: str, excluded: str) -> str:
    """The upsert's condition: the file's copy (``excluded``) is newer than the stored one."""
    key = ("version", "updated_at", "change_seq")
    return f"({', '.join(f'{excluded}.{k}' for k in key)}) > ({', '.join(f'{table}.{k}' for k in key)})"


def upsert_sql(name: str, dialect: str, *, source: str | None = None) -> str:
    """The statement that applies rows of ``name``: from ``VALUES`` placeholders (SQLite), or
    from the staging table ``source`` (PostgreSQL)."""
    table = models.RECORD_TABLES[name]
    cols = columns(name)
    col_list = ", ".join(cols)
    if source is None:
        head = f"INSERT INTO {table.name} ({col_list}) VALUES ({', '.join('?' for _ in cols)})"
    else:
        head = f"INSERT INTO {table.name} ({col_list}) SELECT {col_list} FROM {source}"
    conflict = " ON CONFLICT (village_code, id)"
    if name in models.APPEND_ONLY:
        return head + conflict + " DO NOTHING"
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in {"village_code", "id"})
    # PostgreSQL needs the WHERE after a SELECT's ON CONFLICT to know which table it names.
    return head + f"{conflict} DO UPDATE SET {sets} WHERE {_newer(table.name, 'excluded')}"


#: SQLite: how long a run of imports keeps its files in one transaction before committing them.
BATCH_SECONDS = 1.0
_BATCH = "hub_batch_began"


@contextmanager
def bulk_connection(engine: Engine) -> Iterator[Connection]:
    """One connection for a run of imports, each file all-or-nothing on it.

    On PostgreSQL each file is a transaction of its own, committed with ``synchronous_commit``
    off. On SQLite the files of about a second (``BATCH_SECONDS``) share one transaction, each
    file inside a savepoint of its own (``Hub.unit_on``): a refused file rolls back to its
    savepoint and leaves nothing, as before, and the batch commits once. A commit per file wrote
    every index page it touched into the WAL again (the workers' indexes are keyed by random ids
    and NIKs, so a file of a thousand workers touches most of their pages): that cost more than
    the rows themselves. Other writers wait for a batch at most about a second.

    Both commit without waiting for the disk (SQLite ``synchronous=NORMAL``, PostgreSQL
    ``synchronous_commit`` off): a power cut may lose the last commits but never corrupts the
    database, and an import is repeatable: a file whose commit was lost left no trace (its
    ``hub_files`` row went with it) and is simply imported again. Set back before the connection
    returns to the pool. A run that fails rolls back the batch it was in.
    """
    with engine.execution_options(sqlite_immediate=True).connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            raw.execute("PRAGMA synchronous=NORMAL")
        else:
            _make_stages(conn)
        try:
            yield conn
            if conn.in_transaction():
                conn.commit()
        finally:
            conn.info.pop(_BATCH, None)
            if conn.in_transaction():
                conn.rollback()
            if sqlite:
                raw.execute("PRAGMA synchronous=FULL")
            else:
                with conn.begin():
                    conn.exec_driver_sql("RESET synchronous_commit")


def begin_file(conn: Connection) -> None:
    """Before each file of a run: on SQLite the batch's transaction, begun (``BEGIN IMMEDIATE``)
    when none is open, committed first when it has run ``BATCH_SECONDS``."""
    if conn.dialect.name != "sqlite":
        return
    began = conn.info.get(_BATCH)
    if began is not None and time.monotonic() - began >= BATCH_SECONDS and conn.in_transaction():
        conn.commit()
    if not conn.in_transaction():
        conn.begin()
        conn.info[_BATCH] = time.monotonic()


def end_run(conn: Connection) -> None:
    """After the last file: the batch committed (before the outcomes are reported)."""
    if conn.in_transaction():
        conn.commit()
    conn.info.pop(_BATCH, None)


def _stage_name(table: Table) -> str:
    return f"hub_stage_{table.name}"


_STAGES_MADE = "hub_stages_made"


def _stage_ddl(table: Table) -> str:
    # Emptied at every commit (a rollback takes its rows too); no indexes, so COPY only appends.
    return f"CREATE TEMP TABLE IF NOT EXISTS {_stage_name(table)} (LIKE {table.name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"


def _make_stages(conn: Connection) -> None:
    """Every staging table on this connection, in a transaction of their own: they live as long
    as the connection does, and no file's rollback can take them away."""
    with conn.begin():
        for t in models.RECORD_TABLES.values():
            conn.exec_driver_sql(_stage_ddl(t))
        # For the same reason as SQLite's NORMAL: a commit does not wait for the WAL flush, so a
        # crash may lose the last imports (their files are imported again), never half of one.
        conn.exec_driver_sql("SET synchronous_commit TO OFF")
    conn.info[_STAGES_MADE] = True


class DirectClash(Exception):
    """A direct ``COPY`` met a row that is there after all (see ``_copy_direct``): the file's
    transaction is rolled back and the file applied again, the staging table's way."""


#: ``conn.info`` key: set while a file is applied again after a ``DirectClash``.
NO_DIRECT = "hub_no_direct"
_FRESH = "hub_fresh_tables"


def apply_rows(session: Session, name: str, rows: list[Row]) -> int:
    """Applies ``rows`` (from ``build_rows``) inside the session's transaction; returns how many
    rows were inserted or replaced."""
    if not rows:
        return 0
    conn = session.connection()
    raw = conn.connection.driver_connection
    assert raw is not None
    dialect = conn.dialect.name
    if dialect == "postgresql":
        direct = (
            len(rows) > INLINE_ROWS and not conn.info.get(NO_DIRECT) and name in _fresh_tables(session, raw, rows[0][0])
        )
        return _apply_pg(raw, name, rows, stages_made=bool(conn.info.get(_STAGES_MADE)), direct=direct)
    cur = raw.cursor()
    try:
        before = raw.total_changes
        cur.executemany(upsert_sql(name, dialect), rows)
        return int(raw.total_changes - before)
    finally:
        cur.close()


RECORD_NAMES = tuple(models.RECORD_TABLES)


def _fresh_tables(session: Session, raw: Any, village_code: str) -> frozenset[str]:
    """The record tables holding no row of ``village_code`` yet, asked once per transaction (one
    round trip for all of them)."""
    known: dict[str, frozenset[str]] = session.info.setdefault(_FRESH, {})
    if village_code not in known:
        with raw.cursor() as cur:
            cur.execute(_FRESH_PROBE, {"v": village_code})
            found = cur.fetchone()
        _know_fresh(session, village_code, found)
    return known[village_code]


_FRESH_PROBE = "SELECT " + ", ".join(
    f"EXISTS (SELECT 1 FROM {models.RECORD_TABLES[n].name} WHERE village_code = %(v)s)" for n in RECORD_NAMES
)


def _know_fresh(session: Session, village_code: str, found: Sequence[bool] | None) -> None:
    assert found is not None
    known: dict[str, frozenset[str]] = session.info.setdefault(_FRESH, {})
    known[village_code] = frozenset(n for n, there in zip(RECORD_NAMES, found, strict=True) if not there)


def _insert_sql(table: Table, cols: Sequence[str], returning: str = "") -> str:
    tail = f" RETURNING {returning}" if returning else ""
    quoted = ", ".join(f'"{c}"' for c in cols)  # "full" is a keyword of PostgreSQL's
    return f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join(['%s'] * len(cols))}){tail}"


_DEVICE_COLS = ("device_id", "village_code", "public", "fingerprint", "first_seen_at")
_FILE_COLS = tuple(c.name for c in models.HubFile.__table__.c if c.name != "id")


def insert_file_pg(session: Session, device: models.HubDevice | None, row: models.HubFile) -> None:
    """On PostgreSQL, a file's first statements in one round trip of psycopg's pipeline: the new
    device's row (``device``, None for a known one), the file's row (``row.id`` set from it) and
    the probe of which record tables hold none of the village's rows yet (``_fresh_tables``).
    Both rows stay out of the session (no ORM flush on the import's path). A unique constraint
    that fails (another clerk's import meanwhile) raises SQLAlchemy's ``IntegrityError``, as the
    ORM's insert would."""
    from psycopg import IntegrityError as PgIntegrityError
    from psycopg.types.json import Jsonb
    from sqlalchemy.exc import IntegrityError

    now = models.utcnow()
    row.imported_at = now
    raw = session.connection().connection.driver_connection
    assert raw is not None
    file_sql = _insert_sql(models.HubFile.__table__, _FILE_COLS, returning="id")  # type: ignore[arg-type]
    values = [getattr(row, c) for c in _FILE_COLS]
    values = [Jsonb(v) if isinstance(v, dict) else v for v in values]
    try:
        with raw.pipeline(), raw.cursor() as dev, raw.cursor() as f, raw.cursor() as probe:
            if device is not None:
                device.first_seen_at = now
                dev.execute(
                    _insert_sql(models.HubDevice.__table__, _DEVICE_COLS),  # type: ignore[arg-type]
                    [getattr(device, c) for c in _DEVICE_COLS],
                )
            f.execute(file_sql, values)
            probe.execute(_FRESH_PROBE, {"v": row.village_code})
            got = f.fetchone()
            assert got is not None
            row.id = int(got[0])
            _know_fresh(session, row.village_code, probe.fetchone())
    except PgIntegrityError as exc:
        raise IntegrityError(file_sql, None, exc) from exc


#: PostgreSQL: up to this many rows (a file's village record, its programs) go in one
#: ``INSERT ... VALUES ... ON CONFLICT`` statement, one round trip, instead of a ``COPY`` into
#: staging and the upsert from there (three or four): the same statement and rule, its rows inline.
#: More rows cost more to send as parameters than ``COPY`` costs (measured: 50 nominations inline
#: took more of the client's time than their ``COPY``).
INLINE_ROWS = 10


def _apply_pg(raw: Any, name: str, rows: list[Row], *, stages_made: bool, direct: bool) -> int:
    table = models.RECORD_TABLES[name]
    cols = ", ".join(columns(name))
    with raw.cursor() as cur:
        if len(rows) <= INLINE_ROWS:
            cur.execute(_inline_upsert(name, len(rows)), [v for r in rows for v in r])
            return int(cur.rowcount)
        if direct:
            _copy_direct(cur, table, cols, rows)
            return len(rows)
        stage = _stage_name(table)
        if not stages_made:
            cur.execute(_stage_ddl(table))
        with cur.copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        cur.execute(upsert_sql(name, "postgresql", source=stage))
        return int(cur.rowcount)


@functools.lru_cache(maxsize=64)
def _inline_upsert(name: str, n: int) -> str:
    """``upsert_sql`` with ``n`` rows of placeholders in place of the staging table."""
    cols = columns(name)
    one = f"({', '.join('%s' for _ in cols)})"
    head = f"INSERT INTO {models.RECORD_TABLES[name].name} ({', '.join(cols)}) VALUES {', '.join([one] * n)}"
    return head + upsert_sql(name, "postgresql", source="-").split(" FROM -", 1)[1]


def _copy_direct(cur: Any, table: Table, cols: str, rows: list[Row]) -> None:
    """The first rows of a village in ``table`` (its first file: the bulk of a first import). The
    hub held none of its rows there when the transaction began, so every row is new and the
    upsert's rule has nothing to compare with: they are copied straight into the table. A row
    that is there after all (another clerk importing the same village at this moment, or an id
    twice in the file) fails the primary key: ``DirectClash``, and the file is applied again
    the staging table's way, which settles both cases as it always does."""
    from psycopg import errors as pg_errors

    try:
        with cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
    except pg_errors.UniqueViolation as exc:
        raise DirectClash(table.name) from exc


def copy_sql(name: str) -> str:
    """A bare ``COPY`` of rows of ``name`` into its table (the benchmark's baseline)."""
    return f"COPY {models.RECORD_TABLES[name].name} ({', '.join(columns(name))}) FROM STDIN"


def insert_sql(name: str) -> str:
    """A bare ``INSERT`` of rows of ``name`` (the SQLite benchmark's baseline)."""
    cols = columns(name)
    return f"INSERT INTO {models.RECORD_TABLES[name].name} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"


_LAST_AUDIT = "SELECT hash FROM hub_audit ORDER BY seq DESC LIMIT 1"
_FILE_APPLIED = "UPDATE hub_files SET applied = %s WHERE id = %s"
_AUDIT_INSERT = (
    "INSERT INTO hub_audit (at, user_id, username, action, entity, entity_id, before, after, prev_hash, hash) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


def finish_file_pg(
    session: Session,
    file_id: int,
    village_code: str,
    applied: dict[str, int],
    entry: Callable[[str | None], models.HubAudit],
    *,
    in_quota: Iterable[str],
    covered: Iterable[str],
) -> models.HubAudit:
    """A file's bookkeeping after its records, on PostgreSQL: what the SQLite path does with
    ``status.refresh``, ``HubUnit.audit`` and the file row's ``applied``, the same statements in
    two round trips of psycopg's pipeline instead of six. The first reads the village's figures,
    takes the audit chain's lock (``storage/audit.py``) and then reads the chain's last hash (a
    statement of its own, so that its snapshot comes after the lock); the second writes the
    figures, the file's counts and the audit entry ``entry(last hash)`` (``None`` for the
    first entry of the hub), which is returned."""
    from psycopg.types.json import Jsonb

    raw = session.connection().connection.driver_connection
    assert raw is not None
    fig_sql, fig_params = queries.figures_pg_sql(tuple(sorted(in_quota)), tuple(sorted(covered)))
    with raw.pipeline(), raw.cursor() as figs, raw.cursor() as lock, raw.cursor() as last:
        figs.execute(fig_sql, {**fig_params, "village": village_code})
        lock.execute("SELECT pg_advisory_xact_lock(%s)", (audit.CHAIN_LOCK,))
        last.execute(_LAST_AUDIT)
        values = queries.figures_values(figs.fetchall())
        prev = last.fetchone()
        e = entry(prev[0] if prev else None)
        values["counts"] = Jsonb(values["counts"])
        figs.execute(queries.FIGURES_PG_UPSERT, [village_code, *(values[c] for c in queries.FIGURE_COLUMNS)])
        lock.execute(_FILE_APPLIED, (Jsonb(applied), file_id))
        e_before = Jsonb(e.before) if e.before is not None else None
        e_after = Jsonb(e.after) if e.after is not None else None
        row = (e.at, e.user_id, e.username, e.action, e.entity, e.entity_id, e_before, e_after, e.prev_hash, e.hash)
        last.execute(_AUDIT_INSERT, row)
    return e
