"""The one status engine: every change of a nomination's status goes through here.

Nominating, the village head's decision, print marking, signing, the export's marking
(*Dikirim*) and the district's results all move a nomination along ``domain.statuses``
(the rules live there). Whatever the path, a move means the same four things:

* the nomination takes the new status (and the columns that come with it: decision, print
  and sign times, export number, KPJ and coverage, reasons);
* a history event records it (from, to, when, who, a note);
* the worker's ``status`` mirrors the nomination's (denormalized for the list's filters and
  the dashboard's counts), and is written only when it differs or other worker columns come
  with the move;
* every changed row is stamped like any other write (``change_seq`` from the database-wide
  counter, ``version``, ``updated_at``, ``updated_by``), so the next export carries it;

and one audit rule (:func:`audit_entries`): one entry per transition in a call, naming the
nomination when the call moves one, and the count, first and last id and the SHA-256 of the id
list when it moves many (as the bulk writes of workers do).

:func:`move_one` takes a loaded ORM object (the single path, a few rows in a form's
transaction); :func:`move_many` takes plain :class:`Move` values (the bulk path, a hundred
thousand results at once). The bulk path is SQLAlchemy Core executemany, which any engine runs;
on SQLite it goes to the driver's own executemany, which spares SQLAlchemy's per-row work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Session

from ..domain import statuses
from ..domain.actors import Actor
from . import driver, models
from .changes import reserve_change_seqs
from .ids import new_ids

#: ``audit(action, entity, entity_id, before, after)``: the unit of work's audit, which chains
#: the entry in the same transaction.
AuditFn = Callable[[str, str, str | None, dict[str, Any] | None, dict[str, Any] | None], None]

_CHUNK = 900  # ids per IN (...) query, below SQLite's variable limit on any build


class IllegalMove(ValueError):
    """A move the transition rules do not allow (callers check first and tell people why)."""

    def __init__(self, old: str | None, new: str) -> None:
        super().__init__(f"status {old} cannot become {new}")
        self.old, self.new = old, new


@dataclass(frozen=True, slots=True)
class Move:
    """One nomination's move, for the bulk path. ``nomination`` and ``worker`` are the other
    columns that come with it, as Python values (dates as ``datetime.date``)."""

    nomination_id: str
    worker_id: str
    old: str
    new: str
    note: str = ""
    nomination: Mapping[str, Any] = field(default_factory=dict)
    worker: Mapping[str, Any] = field(default_factory=dict)
    district: bool = False  # a district result: its own rule (``statuses.district_may_move``)


def _check(old: str | None, new: str, district: bool = False) -> None:
    # A new nomination's first status has no "from"; every later one follows the rules.
    if old is None and new == statuses.PROPOSED:
        return
    if district and old is not None and statuses.district_may_move(old, new):
        return
    if old is None or not statuses.can_move(old, new):
        raise IllegalMove(old, new)


def audit_entries(
    moves: Sequence[tuple[str, str, str | None, str, str]],
) -> list[tuple[str, str, str | None, dict[str, Any] | None, dict[str, Any]]]:
    """The audit rule of both paths. ``moves`` are ``(nomination id, worker id, old, new, note)``;
    one entry per transition (old → new), in the order transitions first appear."""
    groups: dict[tuple[str | None, str], list[tuple[str, str, str | None, str, str]]] = {}
    for m in moves:
        groups.setdefault((m[2], m[3]), []).append(m)
    out: list[tuple[str, str, str | None, dict[str, Any] | None, dict[str, Any]]] = []
    for (old, new), ms in groups.items():
        before = {"status": old} if old else None
        if len(ms) == 1:
            nid, wid, *_, note = ms[0]
            out.append(
                (f"nomination.{new}", "nomination", nid, before, {"status": new, "worker_id": wid, "note": note})
            )
            continue
        ids = [m[0] for m in ms]
        after = {
            "status": new,
            "count": len(ids),
            "first_id": ids[0],
            "last_id": ids[-1],
            "ids_sha256": hashlib.sha256("\n".join(ids).encode()).hexdigest(),
        }
        out.append((f"nomination.{new}", "nomination", None, before, after))
    return out


def _audit(audit: AuditFn, moves: Sequence[tuple[str, str, str | None, str, str]]) -> None:
    for action, entity, entity_id, before, after in audit_entries(moves):
        audit(action, entity, entity_id, before, after)


# -- the single path -----------------------------------------------------------------------------


def move_one(
    session: Session,
    actor: Actor,
    n: models.Nomination,
    new: str,
    note: str = "",
    *,
    audit: AuditFn,
    old: str | None = "",
    **columns: Any,
) -> None:
    """Moves ``n`` (loaded in ``session``) to ``new``. ``old`` is the status it moves from: by
    default the one it has; ``None`` for a nomination just created. ``columns`` are set on the
    nomination with the move. Change stamping is the write session's flush hook's."""
    frm = n.status if old == "" else old
    _check(frm, new)
    # Both loads first: a load flushes what is pending, and a flush between the status and its
    # event would write (and version) the nomination twice for one move.
    events = n.events
    w = session.get_one(models.Worker, n.worker_id)
    n.status = new
    for k, v in columns.items():
        setattr(n, k, v)
    events.append(
        models.NominationEvent(
            from_status=frm, to_status=new, at=models.utcnow(), user_id=actor.id, username=actor.username, note=note
        )
    )
    if w.status != new:
        w.status = new
    session.flush()
    _audit(audit, [(n.id, n.worker_id, frm, new, note)])


def move_each(
    session: Session,
    actor: Actor,
    moves: Sequence[tuple[models.Nomination, str | None]],
    new: str,
    note: str = "",
    *,
    audit: AuditFn,
) -> None:
    """:func:`move_one` for several loaded nominations, each ``(nomination, old)`` (``old`` as
    there: ``""`` the status it has, ``None`` just created), moved to ``new`` in one flush and
    audited by the one rule for a call that moves many. A hundred proposals took a flush, two
    change-number reservations and an audit entry each."""
    if not moves:
        return
    ids = list({n.worker_id for n, _ in moves})
    workers = {w.id: w for w in session.execute(select(models.Worker).where(models.Worker.id.in_(ids))).scalars()}
    froms: list[str | None] = []
    with session.no_autoflush:
        for n, old in moves:
            frm = n.status if old == "" else old
            _check(frm, new)
            n.status = new
            n.events.append(
                models.NominationEvent(
                    from_status=frm,
                    to_status=new,
                    at=models.utcnow(),
                    user_id=actor.id,
                    username=actor.username,
                    note=note,
                )
            )
            w = workers[n.worker_id]
            if w.status != new:
                w.status = new
            froms.append(frm)
    session.flush()  # new nominations have their ids from here on
    _audit(audit, [(n.id, n.worker_id, frm, new, note) for (n, _), frm in zip(moves, froms, strict=True)])


# -- the bulk path -------------------------------------------------------------------------------


def move_many(session: Session, actor: Actor, moves: Sequence[Move], *, audit: AuditFn) -> None:
    """Moves many nominations at once: set-based, the same four things as :func:`move_one`.

    Change numbers: move ``i`` stamps its nomination ``first + i``, its worker ``first + n + i``
    and its event ``first + 2n + i``. Events are inserted in nomination order with ascending ids
    (the events' id and nomination_id indexes are then filled in order, not at random places)."""
    for m in moves:
        _check(m.old, m.new, m.district)
    if not moves:
        return
    session.flush()  # pending ORM changes first: they take their change numbers before these
    n = len(moves)
    first = reserve_change_seqs(session, 3 * n)
    now = models.utcnow()
    event_ids = sorted(new_ids(n))
    order = sorted(range(n), key=lambda i: moves[i].nomination_id)
    # The mirror: a move that keeps the status and brings no worker column leaves the worker alone.
    mirrored = [m.old != m.new or bool(m.worker) for m in moves]
    raw = _sqlite(session)
    if _each_row_once(moves, mirrored):
        _set_write(
            session,
            moves,
            raw=raw,
            mirrored=mirrored,
            order=order,
            event_ids=event_ids,
            first=first,
            now=now,
            actor=actor,
        )
    else:
        # A row named twice in one call is written once per move, in order: the per-row statements.
        nominations = [(m.nomination_id, {"status": m.new, **m.nomination}, first + i) for i, m in enumerate(moves)]
        workers = [
            (m.worker_id, {"status": m.new, **m.worker}, first + n + i) for i, m in enumerate(moves) if mirrored[i]
        ]
        events = [
            {
                "id": event_ids[j],
                "nomination_id": moves[i].nomination_id,
                "from_status": moves[i].old,
                "to_status": moves[i].new,
                "at": now,
                "user_id": actor.id,
                "username": actor.username,
                "note": moves[i].note,
                "change_seq": first + 2 * n + i,
            }
            for j, i in enumerate(order)
        ]
        if raw is not None:
            _sqlite_write(raw, now=now, actor_id=actor.id, nominations=nominations, workers=workers, events=events)
        else:
            _core_write(session, now=now, actor_id=actor.id, nominations=nominations, workers=workers, events=events)
    session.expire_all()  # ORM objects loaded before now must not hide these changes
    _audit(audit, [(m.nomination_id, m.worker_id, m.old, m.new, m.note) for m in moves])


def _each_row_once(moves: Sequence[Move], mirrored: Sequence[bool]) -> bool:
    """Whether every nomination, and every worker written, appears once: what ``UPDATE … FROM``
    needs (a row matched twice would be written once, by an unspecified one of its moves)."""
    written = [m.worker_id for m, w in zip(moves, mirrored, strict=True) if w]
    return len({m.nomination_id for m in moves}) == len(moves) and len(set(written)) == len(written)


_STAGE = "status_moves"  # a temporary table, private to the writing connection


def _stage_table(ncols: Sequence[str], wcols: Sequence[str]) -> Table:
    """The moves as a table: one row per move, the columns that come with them typed as their
    target columns (so both engines store dates and times as the ORM does)."""
    N, W = _table(models.Nomination), _table(models.Worker)
    return Table(
        _STAGE,
        MetaData(),
        Column("ord", Integer, primary_key=True),  # the move's index: its change numbers
        Column("pos", Integer),  # its place in nomination order: its event's
        Column("nomination_id", String(36)),
        Column("worker_id", String(36)),
        Column("old", String(12)),
        Column("new", String(12)),
        Column("note", Text),
        Column("event_id", String(36)),
        Column("nshape", Integer),
        Column("wshape", Integer),  # -1: the worker is left alone
        *(Column(f"n_{c}", N.c[c].type) for c in ncols),
        *(Column(f"w_{c}", W.c[c].type) for c in wcols),
        prefixes=["TEMPORARY"],
    )


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _set_write(
    session: Session,
    moves: Sequence[Move],
    *,
    raw: sqlite3.Connection | None,
    mirrored: Sequence[bool],
    order: Sequence[int],
    event_ids: Sequence[str],
    first: int,
    now: dt.datetime,
    actor: Actor,
) -> None:
    """The moves staged in a temporary table by one executemany, then applied by one
    ``UPDATE … FROM`` per table and shape and one ``INSERT … SELECT`` of the events (SQLite
    3.33+ and PostgreSQL alike): no statement per row."""
    n = len(moves)
    nshapes: dict[tuple[str, ...], int] = {}
    wshapes: dict[tuple[str, ...], int] = {}
    ncols = sorted({c for m in moves for c in m.nomination})
    wcols = sorted({c for m in moves for c in m.worker})
    stage = _stage_table(ncols, wcols)
    pos = [0] * n
    for j, i in enumerate(order):
        pos[i] = j
    # On the driver path, dates and flags as SQLAlchemy's types store them; Core binds them itself.
    converted = {c.name for c in stage.c if isinstance(c.type, _STORED_TYPES)} if raw is not None else set()
    nget = [(c, f"n_{c}" in converted) for c in ncols]
    wget = [(c, f"w_{c}" in converted) for c in wcols]
    seen: dict[tuple[Any, ...], int] = {}  # (which shapes, a mapping's keys as given) -> its shape

    def shape(cols: Mapping[str, Any], shapes: dict[tuple[str, ...], int]) -> int:
        key = (id(shapes), *cols)
        k = seen.get(key)
        if k is None:
            k = seen[key] = shapes.setdefault(tuple(sorted(cols)), len(shapes))
        return k

    rows = [
        (
            i,
            pos[i],
            m.nomination_id,
            m.worker_id,
            m.old,
            m.new,
            m.note,
            event_ids[pos[i]],
            shape(m.nomination, nshapes),
            shape(m.worker, wshapes) if mirrored[i] else -1,
            *(_sql_value(m.nomination.get(c)) if d else m.nomination.get(c) for c, d in nget),
            *(_sql_value(m.worker.get(c)) if d else m.worker.get(c) for c, d in wget),
        )
        for i, m in enumerate(moves)
    ]
    conn = session.connection()
    stage.drop(conn, checkfirst=True)
    stage.create(conn)
    if raw is not None:
        # The driver's executemany spares SQLAlchemy's per-row work.
        marks = ", ".join("?" * len(stage.c))
        raw.executemany(f"INSERT INTO {_STAGE} VALUES ({marks})", rows)
    else:
        names = [c.name for c in stage.c]
        session.execute(insert(stage), [dict(zip(names, r, strict=True)) for r in rows])
    t = stage.c
    stamp = {"updated_at": now, "updated_by": actor.id}
    for model, shapes, key, prefix, base in (
        (models.Nomination, nshapes, t.nomination_id, "n_", first),
        (models.Worker, wshapes, t.worker_id, "w_", first + n),
    ):
        table = _table(model)
        for cols, k in shapes.items():
            of_shape = t.nshape if prefix == "n_" else t.wshape
            stmt = (
                update(table)
                .where(table.c.id == key, of_shape == k)
                .values(
                    {
                        "status": t.new,
                        **{c: t[f"{prefix}{c}"] for c in cols},
                        "change_seq": t.ord + base,
                        "version": table.c.version + 1,
                        **stamp,
                    }
                )
            )
            session.execute(stmt, execution_options={"synchronize_session": False})
    E = _table(models.NominationEvent)
    events = select(
        t.event_id,
        t.nomination_id,
        t.old,
        t.new,
        literal(now, DateTime),
        literal(actor.id, String),
        literal(actor.username, String),
        t.note,
        t.ord + (first + 2 * n),
    ).order_by(t.pos)
    cols = ("id", "nomination_id", "from_status", "to_status", "at", "user_id", "username", "note", "change_seq")
    session.execute(insert(E).from_select([E.c[c] for c in cols], events))
    stage.drop(conn)  # on an error the rollback takes it away with the rest


Rows = list[tuple[str, dict[str, Any], int]]  # (key, columns to set, change_seq)


def _shapes(rows: Rows) -> dict[tuple[str, ...], list[tuple[str, dict[str, Any], int]]]:
    """Rows grouped by the columns they set, so each executemany has one statement; in key
    order, so the primary-key index is walked rather than jumped."""
    out: dict[tuple[str, ...], list[tuple[str, dict[str, Any], int]]] = {}
    for row in rows:
        out.setdefault(tuple(sorted(row[1])), []).append(row)
    for part in out.values():
        part.sort(key=lambda r: r[0])
    return out


def _core_write(
    session: Session, *, now: dt.datetime, actor_id: str | None, nominations: Rows, workers: Rows, events: list[Any]
) -> None:
    for table, rows in ((models.Nomination.__table__, nominations), (models.Worker.__table__, workers)):
        assert isinstance(table, Table)
        for cols, part in _shapes(rows).items():
            stmt = (
                update(table)
                .where(table.c.id == bindparam("k_id"))
                .values(
                    {
                        **{c: bindparam(f"v_{c}") for c in cols},
                        "change_seq": bindparam("v_change_seq"),
                        "updated_at": now,
                        "updated_by": actor_id,
                        "version": table.c.version + 1,
                    }
                )
            )
            params = [{"k_id": k, "v_change_seq": seq, **{f"v_{c}": v[c] for c in cols}} for k, v, seq in part]
            session.execute(stmt, params, execution_options={"synchronize_session": False})
    session.execute(insert(models.NominationEvent), events)


def _sqlite(session: Session) -> sqlite3.Connection | None:
    """The session's own SQLite connection (inside its write-locked transaction), if it is one:
    the village driver's (SQLCipher, encrypted or plain) or the standard library's."""
    conn = session.connection().connection.driver_connection
    return conn if isinstance(conn, sqlite3.Connection | driver.Connection) else None


#: The column types whose values the driver path writes as SQLAlchemy stores them (``_sql_value``).
_STORED_TYPES = (Date, DateTime, Boolean)


def _sql_value(v: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it (ISO text, a space before the time; a flag
    as 0/1, which the driver would otherwise reach only after two failed look-ups per bool)."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ", timespec="microseconds")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


#: The page cache a bulk move may use while it runs (the pool's connections keep 16 MB): a move
#: of a hundred thousand rows rewrites most pages of two tables and their indexes, and with the
#: small cache SQLite spills dirty pages to the WAL and reads them back mid-transaction.
BULK_CACHE_BYTES = 256 << 20


@contextmanager
def _big_cache(raw: sqlite3.Connection) -> Iterator[None]:
    # int(): SQLCipher answers some pragmas as text.
    before = int(raw.execute("PRAGMA cache_size").fetchone()[0])
    pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
    size = int(raw.execute("PRAGMA page_size").fetchone()[0])
    have = -before * 1024 if before < 0 else before * size  # negative: KiB, positive: pages
    want = min(BULK_CACHE_BYTES, pages * size)
    if want > have:
        raw.execute(f"PRAGMA cache_size=-{want // 1024}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size={before}")


def _sqlite_write(
    raw: sqlite3.Connection,
    *,
    now: dt.datetime,
    actor_id: str | None,
    nominations: Rows,
    workers: Rows,
    events: list[Any],
) -> None:
    stamp = _sql_value(now)
    with _big_cache(raw):
        for table, rows in ((models.Nomination.__table__, nominations), (models.Worker.__table__, workers)):
            assert isinstance(table, Table)
            for cols, part in _shapes(rows).items():
                sets = ", ".join(f"{c} = ?" for c in cols)
                # Each value as SQLAlchemy's types store it, converted as the row is made (one pass).
                get = [(c, isinstance(table.c[c].type, _STORED_TYPES)) for c in cols]
                params = [
                    (*[_sql_value(v[c]) if d else v[c] for c, d in get], seq, stamp, actor_id, k) for k, v, seq in part
                ]
                raw.executemany(
                    f"UPDATE {table.name} SET {sets}, change_seq = ?, updated_at = ?, updated_by = ?, "
                    "version = version + 1 WHERE id = ?",
                    params,
                )
        raw.executemany(
            "INSERT INTO nomination_events (id, nomination_id, from_status, to_status, at, user_id, username, note, "
            "change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e["id"],
                    e["nomination_id"],
                    e["from_status"],
                    e["to_status"],
                    stamp,
                    e["user_id"],
                    e["username"],
                    e["note"],
                    e["change_seq"],
                )
                for e in events
            ],
        )


# -- what the bulk path's callers read first -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class NominationState:
    id: str
    worker_id: str
    status: str
    version: int
    deleted: bool
    kpj: str
    coverage_start: dt.date | None
    coverage_end: dt.date | None
    result_reason: str
    export_seq: int | None


@dataclass(frozen=True, slots=True)
class WorkerState:
    id: str
    version: int
    kpj: str
    status: str


def _by_id(session: Session, model: Any, cols: Sequence[Any], ids: Iterable[str]) -> list[Any]:
    wanted = set(ids)
    raw = _sqlite(session) if len(wanted) > 20 * _CHUNK else None
    if raw is not None:
        # Most of a big table: one scan beats a hundred IN queries, and on SQLite the driver's rows
        # spare SQLAlchemy's per-value work (dates stay ISO text; the callers convert the few they keep).
        names = ", ".join(c.name for c in cols)
        return [r for r in raw.execute(f"SELECT id, {names} FROM {model.__tablename__}") if r[0] in wanted]
    if len(wanted) > 20 * _CHUNK:
        return [r for r in session.execute(select(model.id, *cols)) if r[0] in wanted]
    listed, out = sorted(wanted), list[Any]()
    for i in range(0, len(listed), _CHUNK):
        out.extend(session.execute(select(model.id, *cols).where(model.id.in_(listed[i : i + _CHUNK]))))
    return out


def _day(v: Any) -> dt.date | None:
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


def nomination_states(session: Session, ids: Iterable[str]) -> dict[str, NominationState]:
    """The status-related columns of these nominations (deleted ones included), by id."""
    N = models.Nomination
    cols = (
        N.worker_id,
        N.status,
        N.version,
        N.deleted_at,
        N.kpj,
        N.coverage_start,
        N.coverage_end,
        N.result_reason,
        N.export_seq,
    )
    return {
        r[0]: NominationState(r[0], r[1], r[2], r[3], r[4] is not None, r[5], _day(r[6]), _day(r[7]), r[8], r[9])
        for r in _by_id(session, N, cols, ids)
    }


def worker_states(session: Session, ids: Iterable[str]) -> dict[str, WorkerState]:
    W = models.Worker
    return {r[0]: WorkerState(*r) for r in _by_id(session, W, (W.version, W.kpj, W.status), ids)}
