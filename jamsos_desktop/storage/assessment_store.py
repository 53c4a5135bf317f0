"""Storing a program's assessment: only what differs from the stored one is written, in sets."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from . import models
from .changes import reserve_change_seqs
from .ids import new_id


class Outcome(NamedTuple):
    """One worker's outcome of the rules, as ``save`` stores it.

    ``outcomes`` and ``score_parts`` are JSON text, exactly as ``json.dumps`` writes it by
    default (the form SQLAlchemy's JSON type stores on SQLite), so that a stored outcome and a
    new one compare as text without reading either back."""

    worker_id: str
    rule_set_version: int
    worker_version: int
    eligible: bool
    score: int
    rank: int | None
    within_quota: bool
    outcomes: str
    score_parts: str

    def stored(self) -> tuple[Any, ...]:
        """The columns as SQLite stores them (flags as 0/1), in ``_VALUES``' order."""
        return (
            self.rule_set_version,
            self.worker_version,
            int(self.eligible),
            self.score,
            self.rank,
            int(self.within_quota),
            self.outcomes,
            self.score_parts,
        )


class Saved(NamedTuple):
    """How many rows ``save`` inserted, updated and deleted (all zero: nothing had changed)."""

    inserted: int
    updated: int
    deleted: int


_STAMPS = (
    "id",
    "program_id",
    "assessed_at",
    "created_at",
    "updated_at",
    "version",
    "change_seq",
    "created_by",
    "updated_by",
)
COLUMNS = (*Outcome._fields, *_STAMPS)
_INSERT_SQL = f"INSERT INTO assessments ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
_VALUES = Outcome._fields[1:]  # what an outcome says, beside whose it is
_UPDATE_SQL = (
    f"UPDATE assessments SET {', '.join(f'{c} = ?' for c in _VALUES)}, assessed_at = ?, updated_at = ?,"
    " version = version + 1, change_seq = ?, updated_by = ? WHERE id = ?"
)
_STORED_SQL = f"SELECT worker_id, id, {', '.join(_VALUES)} FROM assessments WHERE program_id = ?"
_DELETE_SQL = "DELETE FROM assessments WHERE id = ?"


def save(s: Session, program_id: str, rows: Sequence[Outcome], *, actor_id: str | None) -> Saved:
    """Makes the program's stored assessment ``rows`` (one per worker; a stored worker not in
    ``rows`` loses theirs) on the session's connection and transaction, writing only the
    differences: a new worker's row is inserted, a changed one updated in place (a new version
    and change number, as the write hook stamps an edit), an unchanged one left as it is (it
    keeps its ``assessed_at``: when that outcome was reached). An assessment where nothing
    changed writes nothing.

    On SQLite the rows go to the driver's executemany with their JSON and times already in the
    stored form: SQLAlchemy's per-row parameter processing cost more than the SQL (1.2 s of
    10,000 rows). Other engines take the table's own statements as executemany.
    """
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        return _save_portable(s, program_id, rows, actor_id=actor_id)
    stored = {r[0]: r[1:] for r in conn.exec_driver_sql(_STORED_SQL, (program_id,)).fetchall()}
    new, changed, gone = _split(stored, rows, lambda old, r: old[1:] == r.stored())
    if gone:
        conn.exec_driver_sql(_DELETE_SQL, [(i,) for i in gone])
    if not new and not changed:
        return Saved(0, 0, len(gone))
    first = reserve_change_seqs(s, len(new) + len(changed))
    stamp = models.utcnow().isoformat(sep=" ", timespec="microseconds")  # as SQLAlchemy's DateTime stores it
    if changed:
        conn.exec_driver_sql(
            _UPDATE_SQL,
            [(*r.stored(), stamp, stamp, first + i, actor_id, row_id) for i, (row_id, r) in enumerate(changed)],
        )
    if new:
        first += len(changed)
        conn.exec_driver_sql(
            _INSERT_SQL,
            [(r.worker_id, *r.stored(), *_stamps(program_id, stamp, first + i, actor_id)) for i, r in enumerate(new)],
        )
    return Saved(len(new), len(changed), len(gone))


def _split(
    stored: dict[str, Any], rows: Sequence[Outcome], same: Callable[[Any, Outcome], bool]
) -> tuple[list[Outcome], list[tuple[str, Outcome]], list[str]]:
    """The rows with no stored outcome (new), those whose stored one differs (with its row id),
    and the stored ids of workers no longer assessed (gone). ``stored`` maps a worker id to
    (row id, values ...) and is emptied of the matched ones; ``same`` compares one stored row
    with a new outcome."""
    new: list[Outcome] = []
    changed: list[tuple[str, Outcome]] = []
    for r in rows:
        old = stored.pop(r.worker_id, None)
        if old is None:
            new.append(r)
        elif not same(old, r):
            changed.append((old[0], r))
    return new, changed, [old[0] for old in stored.values()]


def _save_portable(s: Session, program_id: str, rows: Sequence[Outcome], *, actor_id: str | None) -> Saved:
    """``save`` through the table's own statements (the JSON compared as values)."""
    a = models.Assessment
    table = a.__table__
    assert isinstance(table, Table)
    stored = {
        r[0]: r[1:]
        for r in s.execute(
            select(a.worker_id, a.id, *(getattr(a, c) for c in _VALUES)).where(a.program_id == program_id)
        ).all()
    }

    def values(r: Outcome) -> tuple[Any, ...]:
        return (*r[1:7], json.loads(r.outcomes), json.loads(r.score_parts))

    new, changed, gone = _split(stored, rows, lambda old, r: tuple(old[1:]) == values(r))
    if gone:
        s.execute(delete(a).where(a.id.in_(gone)))
    if not new and not changed:
        return Saved(0, 0, len(gone))
    first = reserve_change_seqs(s, len(new) + len(changed))
    now = models.utcnow()
    if changed:
        c = table.c
        s.connection().execute(
            update(table)
            .where(c.id == bindparam("row_id"))
            .values(
                {name: bindparam(f"v_{name}") for name in _VALUES}
                | {
                    "assessed_at": bindparam("v_at"),
                    "updated_at": bindparam("v_at"),
                    "version": c.version + 1,
                    "change_seq": bindparam("v_seq"),
                    "updated_by": bindparam("v_by"),
                }
            ),
            [
                {f"v_{name}": v for name, v in zip(_VALUES, values(r), strict=True)}
                | {"row_id": row_id, "v_at": now, "v_seq": first + i, "v_by": actor_id}
                for i, (row_id, r) in enumerate(changed)
            ],
        )
    if new:
        first += len(changed)
        s.execute(
            insert(table),
            [
                dict(zip(Outcome._fields, (r.worker_id, *values(r)), strict=True))
                | dict(zip(_STAMPS, _stamps(program_id, now, first + i, actor_id), strict=True))
                for i, r in enumerate(new)
            ],
        )
    return Saved(len(new), len(changed), len(gone))


def _stamps(program_id: str, when: dt.datetime | str, seq: int, actor_id: str | None) -> tuple[Any, ...]:
    return (new_id(), program_id, when, when, when, 1, seq, actor_id, actor_id)
