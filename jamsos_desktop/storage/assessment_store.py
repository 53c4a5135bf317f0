"""Storing a program's assessment: every worker's outcome replaced in one set of statements."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Table, delete, insert
from sqlalchemy.orm import Session

from . import models
from .changes import reserve_change_seqs
from .ids import new_id


class Outcome(NamedTuple):
    """One worker's outcome of the rules, as ``replace`` stores it."""

    worker_id: str
    rule_set_version: int
    worker_version: int
    eligible: bool
    score: int
    rank: int | None
    within_quota: bool
    outcomes: list[dict[str, Any]]
    score_parts: list[dict[str, Any]]


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


def replace(s: Session, program_id: str, rows: Sequence[Outcome], *, actor_id: str | None) -> None:
    """Deletes the program's assessments and inserts ``rows`` on the session's connection and
    transaction, stamped as the write hook stamps single rows (change numbers in order, author,
    one time, version 1).

    On SQLite the rows go to the driver's executemany with their JSON and times already in the
    stored form: SQLAlchemy's per-row parameter processing cost more than the SQL (1.2 s of
    10,000 rows). Other engines take the table's own INSERT as one executemany.
    """
    s.execute(delete(models.Assessment).where(models.Assessment.program_id == program_id))
    if not rows:
        return
    first = reserve_change_seqs(s, len(rows))
    now = models.utcnow()
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        table = models.Assessment.__table__
        assert isinstance(table, Table)
        s.execute(
            insert(table),
            [
                r._asdict() | dict(zip(_STAMPS, _stamps(program_id, now, first + i, actor_id), strict=True))
                for i, r in enumerate(rows)
            ],
        )
        return
    stamp = now.isoformat(sep=" ", timespec="microseconds")  # as SQLAlchemy's DateTime stores it
    dumps = json.dumps  # as SQLAlchemy's JSON type serializes by default
    conn.exec_driver_sql(
        _INSERT_SQL,
        [
            (
                r.worker_id,
                r.rule_set_version,
                r.worker_version,
                int(r.eligible),
                r.score,
                r.rank,
                int(r.within_quota),
                dumps(r.outcomes),
                dumps(r.score_parts),
                *_stamps(program_id, stamp, first + i, actor_id),
            )
            for i, r in enumerate(rows)
        ],
    )


def _stamps(program_id: str, when: dt.datetime | str, seq: int, actor_id: str | None) -> tuple[Any, ...]:
    return (new_id(), program_id, when, when, when, 1, seq, actor_id, actor_id)
