"""A district return file applied set-based: each result decided against the current state in SQL.

The results are staged in a temporary table by one executemany; one ``UPDATE … FROM`` joining
nominations, workers and ``sync_results`` decides each of them (:data:`KINDS`); the moves are then
written by one statement per table (nominations, workers, events, ``sync_results``). Python never
holds the state of a hundred thousand nominations, and no statement runs per row. Both SQLite
(3.33+) and PostgreSQL run the same statements; only the event keys' hex formatting differs. On
SQLite a move rewriting a quarter of a table or more rebuilds the indexes it changes entries of
(:meth:`ReturnImport._rebuilt`); a worker two of whose nominations move in one file takes the
status engine's per-row statements (``UPDATE … FROM`` would write it once).

``ReturnImport.timings`` holds the CPU seconds of each step (the service logs them): what a
figure of the import is made of, statement by statement.

A move is what :mod:`.status` means by one (the status engine's rules for the district:
``statuses.district_may_move``): the nomination's new status and result columns, the worker's
mirrored status and KPJ (only when they differ), a history event, each changed row stamped with a
change number, version, time and author; and the same audit rule (``status.audit_entries``).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TextClause,
    bindparam,
    text,
)
from sqlalchemy.orm import Session

from ..domain import statuses
from ..domain.actors import Actor
from . import models, status
from .changes import reserve_change_seqs
from .ids import new_id

log = logging.getLogger(__name__)

#: How each result was decided.
ALREADY = 1  # the same outcome is in place, and a file at least this new is on record for it
ALREADY_NEWER = 2  # the same outcome is in place; this file is the newest to say so
SUPERSEDED_EXPORT = 3  # answers an older export: the nomination was sent again since
SUPERSEDED_NEWER = 4  # a higher-numbered file already decided the same export
CONFLICT = 5  # the nomination or its worker changed here since, or its status takes no result
MOVE = 6  # applied
KINDS = (ALREADY, ALREADY_NEWER, SUPERSEDED_EXPORT, SUPERSEDED_NEWER, CONFLICT, MOVE)

#: One result as the caller stages it: nomination id, worker id, outcome, the nomination's and the
#: worker's versions the district saw, the export answered, KPJ, coverage start and end, the
#: reason, and the history note its move writes.
Staged = tuple[str, str, str, int, int, int, str, dt.date | None, dt.date | None, str, str]

_STAGE = "return_results"  # a temporary table, private to the writing connection

#: The indexes a move changes entries of (its status and change number), and the share of a
#: table a move must rewrite for rebuilding them to be cheaper than moving their entries.
_NOMINATION_INDEXES = ("ix_nominations_status", "ix_nominations_change_seq")
_WORKER_INDEXES = ("ix_workers_status_live", "ix_workers_change_seq")
_REBUILD_SHARE = 0.25


def _rows(raw: Any, table: str) -> int:
    return int(raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _stage_table() -> Table:
    return Table(
        _STAGE,
        MetaData(),
        # Its place in nomination order: the key, so that every statement walks the nominations'
        # key index in order rather than jumping about it; and its event's key.
        Column("pos", Integer, primary_key=True),
        Column("ord", Integer),  # the result's place in the file
        Column("nomination_id", String(36)),
        Column("worker_id", String(36)),
        Column("outcome", String(12)),
        Column("nv", Integer),
        Column("wv", Integer),
        Column("export_seq", Integer),
        Column("kpj", String(13)),
        Column("cstart", Date),
        Column("cend", Date),
        Column("reason", Text),
        Column("note", Text),
        # Filled by the decision: how, and the state it was decided against.
        Column("kind", Integer),
        Column("old", String(12)),
        Column("nver", Integer),
        Column("wver", Integer),
        Column("wkpj", String(13)),  # the worker's KPJ after the move
        Column("wwrite", Integer),  # 1: the worker's mirror (status, KPJ) changes
        prefixes=["TEMPORARY"],
    )


@dataclass(frozen=True, slots=True)
class ConflictState:
    """A result not applied, with the state here it was decided against (the caller says why)."""

    ord: int
    nomination_id: str
    worker_id: str
    outcome: str
    nomination_version: int
    worker_version: int
    export_seq: int
    kpj: str
    coverage_start: dt.date | None
    coverage_end: dt.date | None
    reason: str
    local_status: str
    local_versions: tuple[int, int]
    deleted: bool
    # The district's earlier result in place for the same export, if any: (return seq, versions).
    previous: tuple[int, int, int] | None


#: One move: nomination id, worker id, from, to, note (as ``status.audit_entries`` takes them).
Moved = tuple[str, str, str, str, str]


def _fmt_day(v: Any) -> dt.date | None:
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


class ReturnImport:
    """One return file's results, staged and decided inside the caller's write transaction.

    ``counts`` holds the results per (kind, outcome); nothing is written to the village's tables
    until :meth:`apply`. Use it as a context manager: leaving drops the staging table (a rollback
    drops it too) and gives the connection its page cache back."""

    def __init__(self, session: Session, return_seq: int, results: Sequence[Staged]) -> None:
        self.session, self.return_seq, self.n = session, return_seq, len(results)
        self.dialect = session.get_bind().dialect.name
        self.stage = _stage_table()
        self.timings: dict[str, float] = {}
        raw = status._sqlite(session)
        self._cache = status._big_cache(raw) if raw is not None else None
        if self._cache is not None:
            self._cache.__enter__()
        with self._timed("stage"):
            self._load(results)
        with self._timed("decide"):
            self._decide()
            rows = session.execute(text(f"SELECT kind, outcome, count(*) FROM {_STAGE} GROUP BY kind, outcome"))
            self.counts: dict[tuple[int | None, str], int] = {(k, o): int(c) for k, o, c in rows}

    @contextmanager
    def _timed(self, what: str) -> Iterator[None]:
        t0 = time.process_time()  # CPU time: on a shared machine steadier than the clock
        yield
        self.timings[what] = time.process_time() - t0

    def count(self, *kinds: int) -> int:
        return sum(c for (k, _), c in self.counts.items() if k in kinds)

    def applied(self) -> dict[str, int]:
        out = dict.fromkeys(statuses.RESULTS, 0)
        for (k, o), c in self.counts.items():
            if k == MOVE:
                out[o] = out.get(o, 0) + c
        return out

    # -- staging and deciding ----------------------------------------------------------------

    def _load(self, results: Sequence[Staged]) -> None:
        """One executemany, in nomination order (the stage's key)."""
        order = sorted(enumerate(results), key=lambda p: p[1][0])
        conn = self.session.connection()
        self.stage.drop(conn, checkfirst=True)
        self.stage.create(conn)
        raw = status._sqlite(self.session)
        if raw is not None:
            # The driver's executemany spares SQLAlchemy's per-row work; dates as SQLAlchemy stores
            # them (a file holds a handful of distinct dates: each is written out once).
            distinct = {r[7] for r in results} | {r[8] for r in results}
            days = {d: status._sql_value(d) for d in distinct}
            raw.executemany(
                f"INSERT INTO {_STAGE} (pos, ord, nomination_id, worker_id, outcome, nv, wv, export_seq, kpj, "
                "cstart, cend, reason, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(j, i, *r[:7], days[r[7]], days[r[8]], *r[9:]) for j, (i, r) in enumerate(order)],
            )
        else:
            names = ("nomination_id", "worker_id", "outcome", "nv", "wv", "export_seq", "kpj", "cstart", "cend")
            self.session.execute(
                self.stage.insert(),
                [
                    {"pos": j, "ord": i, **dict(zip(names, r, strict=False)), "reason": r[9], "note": r[10]}
                    for j, (i, r) in enumerate(order)
                ],
            )

    def _decide(self) -> None:
        """Every result against the nomination, its worker, the result in place and newer conflicts."""
        results = ", ".join(f"'{o}'" for o in statuses.RESULTS)
        same = (
            "n.deleted_at IS NULL AND n.status = rs.outcome AND (CASE WHEN rs.outcome = 'registered' "
            "THEN n.kpj = rs.kpj AND n.coverage_start = rs.cstart AND n.coverage_end = rs.cend "
            "ELSE n.result_reason = rs.reason END)"
        )
        newer_conflict = (
            "EXISTS (SELECT 1 FROM sync_conflicts c JOIN sync_imports i ON i.id = c.import_id "
            "WHERE c.nomination_id = rs.nomination_id AND c.export_seq = rs.export_seq AND i.return_seq > :seq)"
        )
        # The first answer to an export: the versions the district saw are still the ones here.
        # A newer decision over the district's own earlier one: nothing changed here since it applied.
        movable = (
            f"n.deleted_at IS NULL AND ((n.status = '{statuses.EXPORTED}' AND n.version = rs.nv AND w.version = rs.wv)"
            f" OR (n.status IN ({results}) AND sr.export_seq = rs.export_seq AND sr.return_seq < :seq"
            " AND n.version = sr.nomination_version AND w.version = sr.worker_version))"
        )
        # The worker's KPJ: a registration's; withdrawn with the registration it came from when a
        # newer decision replaces that (whatever order the files came in, the same KPJ remains).
        wkpj = (
            f"CASE WHEN rs.outcome = '{statuses.REGISTERED}' THEN rs.kpj "
            f"WHEN n.status = '{statuses.REGISTERED}' AND w.kpj = n.kpj THEN '' ELSE w.kpj END"
        )
        sql = f"""
            UPDATE {_STAGE} SET
              kind = CASE
                WHEN {same} THEN CASE
                  WHEN sr.nomination_id IS NULL OR sr.export_seq <> rs.export_seq OR sr.return_seq < :seq
                  THEN {ALREADY_NEWER} ELSE {ALREADY} END
                WHEN n.export_seq IS NOT NULL AND rs.export_seq < n.export_seq THEN {SUPERSEDED_EXPORT}
                WHEN sr.export_seq = rs.export_seq AND sr.return_seq > :seq THEN {SUPERSEDED_NEWER}
                WHEN {newer_conflict} THEN {SUPERSEDED_NEWER}
                WHEN {movable} THEN {MOVE}
                ELSE {CONFLICT} END,
              old = n.status, nver = n.version, wver = w.version,
              wkpj = {wkpj},
              wwrite = CASE WHEN w.status <> rs.outcome OR w.kpj <> {wkpj} THEN 1 ELSE 0 END
            FROM nominations n JOIN workers w ON w.id = n.worker_id
              LEFT JOIN sync_results sr ON sr.nomination_id = n.id
            WHERE n.id = {_STAGE}.nomination_id AND n.worker_id = {_STAGE}.worker_id
        """
        rs_sql = sql.replace("rs.", f"{_STAGE}.")
        self.session.execute(text(rs_sql), {"seq": self.return_seq})

    # -- what the caller reads before deciding to go on ------------------------------------------

    def unknown(self) -> tuple[int, str | None]:
        """Results naming a nomination (with its worker) this village does not have: how many, the first."""
        n = sum(c for (k, _), c in self.counts.items() if k is None)
        if not n:
            return 0, None
        first = self.session.execute(
            text(f"SELECT nomination_id FROM {_STAGE} WHERE kind IS NULL ORDER BY ord LIMIT 1")
        ).scalar()
        return n, first

    def conflicts(self) -> list[ConflictState]:
        if not self.count(CONFLICT):
            return []
        rows = self.session.execute(
            text(
                f"SELECT rs.ord, rs.nomination_id, rs.worker_id, rs.outcome, rs.nv, rs.wv, rs.export_seq, rs.kpj, "
                "rs.cstart, rs.cend, rs.reason, rs.old, rs.nver, rs.wver, n.deleted_at IS NOT NULL, "
                "sr.return_seq, sr.nomination_version, sr.worker_version "
                f"FROM {_STAGE} rs JOIN nominations n ON n.id = rs.nomination_id "
                "LEFT JOIN sync_results sr ON sr.nomination_id = rs.nomination_id AND sr.export_seq = rs.export_seq "
                f"WHERE rs.kind = {CONFLICT} ORDER BY rs.ord"
            ).columns()
        ).all()
        return [
            ConflictState(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                _fmt_day(r[8]),
                _fmt_day(r[9]),
                r[10],
                r[11],
                (r[12], r[13]),
                bool(r[14]),
                None if r[15] is None else (r[15], r[16], r[17]),
            )
            for r in rows
        ]

    # -- writing -----------------------------------------------------------------------------

    def apply(self, actor: Actor, *, audit: status.AuditFn) -> list[Moved]:
        """Writes the moves and the results' bookkeeping; returns the moves in the file's order."""
        s = self.session
        moved = self._moved()
        per_row = len({m[1] for m in moved}) < len(moved)
        with self._timed("write"):
            if per_row:
                self._apply_per_row(actor, moved)
            elif moved:
                self._apply_set(actor, len(moved))
        with self._timed("bookkeeping"):
            self._record(per_row)
        if moved:
            s.expire_all()  # ORM objects loaded before now must not hide these changes
            for action, entity, entity_id, before, after in status.audit_entries(moved):
                audit(action, entity, entity_id, before, after)
        return moved

    def _moved(self) -> list[Moved]:
        if not self.count(MOVE):
            return []
        sql = f"SELECT nomination_id, worker_id, old, outcome, note FROM {_STAGE} WHERE kind = {MOVE} ORDER BY ord"
        raw = status._sqlite(self.session)
        # A hundred thousand rows: the driver's fetchall spares SQLAlchemy's per-row work.
        rows = raw.execute(sql).fetchall() if raw is not None else self.session.execute(text(sql)).all()
        return [tuple(r) for r in rows]

    def _apply_set(self, actor: Actor, n_moved: int) -> None:
        s, n = self.session, self.n
        first = reserve_change_seqs(s, 3 * n)
        stamp = {"now": models.utcnow(), "uid": actor.id, "uname": actor.username, "first": first, "n": n}
        registered = f"{_STAGE}.outcome = '{statuses.REGISTERED}'"
        t = self._timed
        with t("nominations"), self._rebuilt(s, "nominations", _NOMINATION_INDEXES, n_moved):
            s.execute(
                _stamped(
                    f"""UPDATE nominations SET status = {_STAGE}.outcome,
                  kpj = CASE WHEN {registered} THEN {_STAGE}.kpj ELSE '' END,
                  coverage_start = CASE WHEN {registered} THEN {_STAGE}.cstart END,
                  coverage_end = CASE WHEN {registered} THEN {_STAGE}.cend END,
                  result_reason = CASE WHEN {registered} THEN '' ELSE {_STAGE}.reason END,
                  change_seq = :first + {_STAGE}.pos, version = nominations.version + 1,
                  updated_at = :now, updated_by = :uid
                FROM {_STAGE} WHERE nominations.id = {_STAGE}.nomination_id AND {_STAGE}.kind = {MOVE}"""
                ),
                stamp,
            )
        with t("workers"), self._rebuilt(s, "workers", _WORKER_INDEXES, n_moved):
            s.execute(
                _stamped(
                    f"""UPDATE workers SET status = {_STAGE}.outcome,
                  kpj = {_STAGE}.wkpj,
                  change_seq = :first + :n + {_STAGE}.pos, version = workers.version + 1,
                  updated_at = :now, updated_by = :uid
                FROM {_STAGE}
                WHERE workers.id = {_STAGE}.worker_id AND {_STAGE}.kind = {MOVE} AND {_STAGE}.wwrite = 1"""
                ),
                stamp,
            )
        # Event keys: one UUIDv7 prefix (this moment, random bits) and the nomination order as the
        # counter part, so they ascend with nomination order and land at the end of their index.
        counter = "printf('%012x', pos)" if self.dialect == "sqlite" else "lpad(to_hex(pos), 12, '0')"
        with t("events"):
            s.execute(
                _stamped(
                    f"""INSERT INTO nomination_events
                  (id, nomination_id, from_status, to_status, at, user_id, username, note, change_seq)
                SELECT :prefix || {counter}, nomination_id, old, outcome, :now, :uid, :uname, note,
                  :first + 2 * :n + pos
                FROM {_STAGE} WHERE kind = {MOVE} ORDER BY pos"""
                ),
                {**stamp, "prefix": new_id()[:24]},
            )
        log.debug("return %s: %s moves set-based", self.return_seq, n_moved)

    @contextmanager
    def _rebuilt(self, s: Session, table: str, indexes: tuple[str, ...], n_moved: int) -> Iterator[None]:
        """On SQLite, when a move rewrites a good part of a table: the indexes of the columns it
        changes (status, change number) dropped first and built again after, inside the same
        transaction. Moving an entry of the workers' status index (status, category, dusun) is
        a search and a page edit at a random place; a rebuild is one sort. Measured on 100,000 of
        100,000 workers: 1.45 s CPU with the indexes kept, 0.89 s with both rebuilt. Readers
        keep seeing their snapshot (WAL), and a rollback brings the indexes back."""
        raw = status._sqlite(s) if self.dialect == "sqlite" else None
        if raw is None or n_moved < _REBUILD_SHARE * _rows(raw, table):
            yield
            return
        marks = ", ".join("?" * len(indexes))
        sqls = raw.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name IN ({marks})",
            (table, *indexes),
        ).fetchall()
        for name, _ in sqls:
            raw.execute(f'DROP INDEX "{name}"')
        yield
        for _, sql in sqls:
            raw.execute(sql)

    def _apply_per_row(self, actor: Actor, moved: list[Moved]) -> None:
        """A worker moved twice by one file (two of its nominations): the status engine's per-row
        statements write it once per move, in order."""
        rows = self.session.execute(
            text(
                f"SELECT rs.kpj, rs.cstart, rs.cend, rs.reason, rs.wkpj, w.kpj FROM {_STAGE} rs "
                f"JOIN workers w ON w.id = rs.worker_id WHERE rs.kind = {MOVE} ORDER BY rs.ord"
            )
        ).all()
        moves = []
        for m, (kpj, start, end, reason, wkpj, worker_kpj) in zip(moved, rows, strict=True):
            ncols: dict[str, Any]
            if m[3] == statuses.REGISTERED:
                ncols = {"kpj": kpj, "coverage_start": _fmt_day(start), "coverage_end": _fmt_day(end)}
                ncols["result_reason"] = ""
            else:
                ncols = {"kpj": "", "coverage_start": None, "coverage_end": None, "result_reason": reason}
            wcols = {"kpj": wkpj} if worker_kpj != wkpj else {}
            moves.append(status.Move(*m, ncols, wcols, district=True))
        status.move_many(self.session, actor, moves, audit=lambda *_: None)  # audited by apply()

    def _record(self, per_row: bool) -> None:
        """``sync_results``: a moved result with the versions it left; a result found in place
        takes this file's number when it is the newest to say so (keeping the versions of the
        result that applied, when it answered the same export)."""
        s = self.session
        if self.count(MOVE) and per_row:
            # A worker written once per move: its version read back, not counted.
            s.execute(
                text(
                    f"""UPDATE {_STAGE} SET wwrite = 0, wver = (SELECT w.version FROM workers w
                      WHERE w.id = {_STAGE}.worker_id) WHERE kind = {MOVE}"""
                )
            )
        if self.count(MOVE):
            s.execute(
                text(
                    f"""INSERT INTO sync_results (nomination_id, export_seq, return_seq, nomination_version,
                      worker_version)
                    SELECT nomination_id, export_seq, :seq, nver + 1, wver + wwrite FROM {_STAGE}
                    WHERE kind = {MOVE} ORDER BY pos
                    ON CONFLICT (nomination_id) DO UPDATE SET export_seq = excluded.export_seq,
                      return_seq = excluded.return_seq, nomination_version = excluded.nomination_version,
                      worker_version = excluded.worker_version"""
                ),
                {"seq": self.return_seq},
            )
        if self.count(ALREADY_NEWER):
            s.execute(
                text(
                    f"""INSERT INTO sync_results (nomination_id, export_seq, return_seq, nomination_version,
                      worker_version)
                    SELECT nomination_id, export_seq, :seq, nver, wver FROM {_STAGE} WHERE kind = {ALREADY_NEWER}
                    ORDER BY pos
                    ON CONFLICT (nomination_id) DO UPDATE SET return_seq = excluded.return_seq,
                      nomination_version = CASE WHEN sync_results.export_seq = excluded.export_seq
                        THEN sync_results.nomination_version ELSE excluded.nomination_version END,
                      worker_version = CASE WHEN sync_results.export_seq = excluded.export_seq
                        THEN sync_results.worker_version ELSE excluded.worker_version END,
                      export_seq = excluded.export_seq"""
                ),
                {"seq": self.return_seq},
            )

    def __enter__(self) -> ReturnImport:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        try:
            if exc_type is None:
                self.stage.drop(self.session.connection())
        finally:
            if self._cache is not None:
                self._cache.__exit__(None, None, None)
                self._cache = None


def _stamped(sql: str) -> TextClause:
    """A statement whose ``:now`` is bound as the ORM stores a time on either engine."""
    return text(sql).bindparams(bindparam("now", type_=DateTime))


def record_result(session: Session, nomination_id: str, return_seq: int) -> None:
    """Records the result of ``return_seq`` in place for a nomination moved one by one (a conflict
    a person accepted), with the versions it left."""
    session.flush()
    session.execute(
        text(
            """INSERT INTO sync_results (nomination_id, export_seq, return_seq, nomination_version, worker_version)
            SELECT n.id, COALESCE(n.export_seq, 0), :seq, n.version, w.version
            FROM nominations n JOIN workers w ON w.id = n.worker_id WHERE n.id = :nid
            ON CONFLICT (nomination_id) DO UPDATE SET export_seq = excluded.export_seq,
              return_seq = excluded.return_seq, nomination_version = excluded.nomination_version,
              worker_version = excluded.worker_version"""
        ),
        {"seq": return_seq, "nid": nomination_id},
    )
