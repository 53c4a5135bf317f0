"""Applying a village file's records to the hub: the import's SQL, one path per engine.

Both engines apply the same rule: a row is written when the hub has none with its key
(village code + id), or when the file's copy is newer, i.e. its ``(version, updated_at,
change_seq)`` is greater than the stored one's. An older copy never overwrites a newer one, and
an identical copy (the same file again, or a record that travels in two files) rewrites nothing,
so nothing depends on the order in which the files arrive. Records without a version (the
nomination history) are written once.

- **PostgreSQL**: per table, ``COPY`` into a temporary staging table (no indexes, emptied at
  commit), then one set-based ``INSERT ... SELECT ... ON CONFLICT (village_code, id) DO UPDATE
  ... WHERE <the file's copy is newer>``. The ``WHERE`` of the upsert is what PostgreSQL's ``IS
  DISTINCT FROM`` guard is usually for (skip rows that would not change), in its stronger form:
  a row that is not *newer* is not touched, so neither an identical nor an older copy writes a
  new row version (no dead tuples, no WAL for a re-sent record).
- **SQLite**: one ``executemany`` of ``INSERT ... ON CONFLICT ... DO UPDATE ... WHERE`` (the same
  condition) per table, on the connection of the open write transaction.

Values arrive as the file's JSON has them (``sync/contract.py``: dates and times as ISO text,
JSON as lists and objects); each engine gets them in the form it stores.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from ...sync import contract
from . import models

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
    where = {c: i for i, c in enumerate(file_columns)}
    by_column = {f.column: where[f.name] for f in file_record.fields if f.name in where}
    hub_cols = columns(name)[2:-1]  # between (village_code, id) and file_id
    id_at = by_column.get("id")
    if id_at is None:
        raise ValueError(f"{name}: no id")
    idx = [id_at, *(by_column.get(c, -1) for c in hub_cols)]
    if -1 in idx:
        out = [[village_code, *(r[i] if i >= 0 else None for i in idx), file_id] for r in rows]
    elif len(idx) == 1:
        out = [[village_code, r[id_at], file_id] for r in rows]
    else:
        get = itemgetter(*idx)
        out = [[village_code, *get(r), file_id] for r in rows]
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


def _stage_name(table: Table) -> str:
    return f"hub_stage_{table.name}"


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
        return _apply_pg(raw, name, rows)
    cur = raw.cursor()
    try:
        before = raw.total_changes
        cur.executemany(upsert_sql(name, dialect), rows)
        return int(raw.total_changes - before)
    finally:
        cur.close()


def _apply_pg(raw: Any, name: str, rows: list[Row]) -> int:
    table = models.RECORD_TABLES[name]
    stage = _stage_name(table)
    cols = ", ".join(columns(name))
    with raw.cursor() as cur:
        # A staging table per connection, empty at every commit; no indexes, so COPY only appends.
        cur.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table.name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
        cur.execute(f"TRUNCATE {stage}")
        with cur.copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        cur.execute(upsert_sql(name, "postgresql", source=stage))
        return int(cur.rowcount)


def copy_sql(name: str) -> str:
    """A bare ``COPY`` of rows of ``name`` into its table (the benchmark's baseline)."""
    return f"COPY {models.RECORD_TABLES[name].name} ({', '.join(columns(name))}) FROM STDIN"


def insert_sql(name: str) -> str:
    """A bare ``INSERT`` of rows of ``name`` (the SQLite benchmark's baseline)."""
    cols = columns(name)
    return f"INSERT INTO {models.RECORD_TABLES[name].name} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
