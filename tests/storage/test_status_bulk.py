"""The status engine's bulk path on each engine (SQLite and PostgreSQL): the set-based write
(moves staged in a temporary table, one UPDATE … FROM per table and shape, one INSERT … SELECT
of the events) leaves the database exactly as the per-row statements do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.storage import models, status
from jamsos_desktop.storage.db import Store
from jamsos_desktop.storage.ids import new_id
from tests.storage import test_postgres

_worker = test_postgres._worker
# The same fixtures: a migrated, empty database of either engine.
pg, store = test_postgres.pg, test_postgres.store

ACTOR = Actor("actor-9", "operator1", "Operator Satu", "operator")
COLS = {"kpj": "26000000001", "coverage_start": dt.date(2027, 1, 1), "coverage_end": dt.date(2027, 12, 31)}
E, R = statuses.EXPORTED, statuses.REGISTERED


def _rows(s: Session, n: int, prefix: str) -> list[tuple[str, str]]:
    p = models.Program(
        year=2026, name="BPU", bands=[], rules={}, ranking_weights={}, reference_date=dt.date(2026, 1, 1)
    )
    s.add(p)
    s.flush()
    out = []
    for i in range(n):
        w = _worker(f"{prefix}{i:05d}", status=E)
        s.add(w)
        s.flush()
        nom = models.Nomination(
            id=new_id(), worker_id=w.id, program_id=p.id, status=E, months=12, monthly_contribution=16800
        )
        s.add(nom)
        out.append((nom.id, w.id))
    return out


def _moves(pairs: list[tuple[str, str]]) -> list[status.Move]:
    """Every kind one call can mix: columns of either table (dates too) in any key order, a
    reason only, and a move that keeps the status and brings no worker column."""
    result = {**COLS, "result_reason": ""}
    kinds = [
        lambda n, w: status.Move(n, w, E, R, "hasil", result, {"kpj": "26000000001"}),
        lambda n, w: status.Move(n, w, E, statuses.REJECTED, "ditolak", {"result_reason": "NIK tidak cocok"}),
        lambda n, w: status.Move(n, w, E, E, "dikirim lagi", {"export_seq": 7}),
        lambda n, w: status.Move(n, w, E, R, "", dict(reversed(list(result.items())))),
    ]
    return [kinds[i % len(kinds)](n, w) for i, (n, w) in enumerate(pairs)]


def _counter(s: Session) -> int:
    return int(s.execute(select(models.Counter.value).where(models.Counter.name == "change")).scalar_one())


def _move(db: Store, pairs: list[tuple[str, str]]) -> tuple[list[Any], list[Any]]:
    """Moves the rows; returns what each row looks like after (change numbers relative to the
    call's first) and the audit entries (ids replaced by positions)."""
    audits: list[Any] = []
    with db.write(ACTOR.id) as s:
        base = _counter(s)
        status.move_many(s, ACTOR, _moves(pairs), audit=lambda *a: audits.append(a))
    N, W, Ev = models.Nomination, models.Worker, models.NominationEvent
    pos = {nid: i for i, (nid, _) in enumerate(pairs)}
    out: list[Any] = []
    with db.read() as s:
        assert _counter(s) == base + 3 * len(pairs)
        for nid, wid in pairs:
            n, w = s.get_one(N, nid), s.get_one(W, wid)
            evs = s.execute(select(Ev).where(Ev.nomination_id == nid)).scalars().all()
            out.append(
                (
                    (n.status, n.kpj, n.coverage_start, n.coverage_end, n.result_reason, n.export_seq, n.version),
                    (n.change_seq - base, n.updated_by, n.updated_at is not None),
                    (w.status, w.kpj, w.version, w.change_seq - base if w.version > 1 else None, w.updated_by),
                    [(e.from_status, e.to_status, e.user_id, e.username, e.note, e.change_seq - base) for e in evs],
                )
            )
        events = s.execute(select(Ev.nomination_id, Ev.id).where(Ev.nomination_id.in_(pos)).order_by(Ev.seq)).all()
    # Inserted in nomination order, with ascending ids: both indexes are filled in order.
    assert [nid for nid, _ in events] == sorted(pos)
    assert [i for _, i in events] == sorted(i for _, i in events)
    named = [(a[0], a[1], a[2] and pos[a[2]], a[3], {**a[4], "worker_id": None}) for a in audits]
    return out, named


def test_the_set_based_write_equals_the_per_row_statements(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    with store.write(ACTOR.id) as s:
        one, two = _rows(s, 9, "32040545089"), _rows(s, 9, "32040545099")
    got, got_audit = _move(store, one)
    monkeypatch.setattr(status, "_each_row_once", lambda *_: False)
    want, want_audit = _move(store, two)
    assert got == want
    assert [(a[0], a[2], a[3], a[4].get("count"), a[4].get("note")) for a in got_audit] == [
        (a[0], a[2], a[3], a[4].get("count"), a[4].get("note")) for a in want_audit
    ]
    assert got[0][2][:2] == (R, "26000000001") and got[0][0][2] == dt.date(2027, 1, 1)  # mirror, KPJ, dates
    assert got[1][2][:3] == (statuses.REJECTED, "", 2)
    assert got[2][2][2:4] == (1, None)  # the status kept, no worker column: the worker is left alone
    assert got[2][0][5] == 7 and got[2][3][0][:2] == (E, E)


def test_a_worker_named_twice_takes_the_per_row_statements(store: Store) -> None:
    """UPDATE … FROM writes a row matched twice once; the per-row path writes it per move."""
    with store.write(ACTOR.id) as s:
        (a, wa), (b, _) = _rows(s, 2, "32040545089")
    audits: list[Any] = []
    with store.write(ACTOR.id) as s:
        moves = [status.Move(a, wa, E, R, "", COLS), status.Move(b, wa, E, statuses.REJECTED, "", {})]
        status.move_many(s, ACTOR, moves, audit=lambda *x: audits.append(x))
    with store.read() as s:
        w = s.get_one(models.Worker, wa)
        assert (w.version, w.status) == (3, statuses.REJECTED)  # both moves, in order
    assert len(audits) == 2
