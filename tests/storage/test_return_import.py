"""The set-based return import on each engine (SQLite and PostgreSQL): every result decided in SQL
against the state here, the moves written by one statement per table, the newer decision kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.storage import models
from jamsos_desktop.storage import return_import as ri
from jamsos_desktop.storage.db import Store
from jamsos_desktop.storage.ids import new_id
from tests.storage import test_postgres

_worker = test_postgres._worker
pg, store = test_postgres.pg, test_postgres.store  # a migrated, empty database of either engine

ACTOR = Actor("actor-9", "operator1", "Operator Satu", "operator")
E, REG, REJ, DUP = statuses.EXPORTED, statuses.REGISTERED, statuses.REJECTED, statuses.DUPLICATE
START, END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)


def _exported(s: Session, n: int) -> list[tuple[str, str]]:
    p = models.Program(
        year=2026, name="BPU", bands=[], rules={}, ranking_weights={}, reference_date=dt.date(2026, 1, 1)
    )
    s.add(p)
    s.flush()
    out = []
    for i in range(n):
        w = _worker(f"320405450890{i:04d}", status=E)
        s.add(w)
        s.flush()
        nom = models.Nomination(
            id=new_id(), worker_id=w.id, program_id=p.id, status=E, months=12, monthly_contribution=16800, export_seq=1
        )
        s.add(nom)
        out.append((nom.id, w.id))
    return out


def _result(pair: tuple[str, str], outcome: str, said: str, nv: int = 1, wv: int = 1) -> ri.Staged:
    reg = outcome == REG
    return (
        *pair,
        outcome,
        nv,
        wv,
        1,
        said if reg else "",
        START if reg else None,
        END if reg else None,
        "" if reg else said,
        f"hasil: {said}",
    )


def _import(store: Store, seq: int, results: list[ri.Staged]) -> tuple[dict[tuple[int | None, str], int], list[Any]]:
    audits: list[Any] = []
    with store.write(ACTOR.id) as s, ri.ReturnImport(s, seq, results) as job:
        assert job.unknown() == (0, None)
        job.apply(ACTOR, audit=lambda *a: audits.append(a))
        return job.counts, audits


def _state(store: Store, pairs: list[tuple[str, str]]) -> list[Any]:
    out = []
    with store.read() as s:
        for nid, wid in pairs:
            n, w = s.get_one(models.Nomination, nid), s.get_one(models.Worker, wid)
            r = s.get(models.SyncResult, nid)
            events = s.execute(
                select(models.NominationEvent.to_status, models.NominationEvent.note)
                .where(models.NominationEvent.nomination_id == nid)
                .order_by(models.NominationEvent.seq)
            ).all()
            out.append(
                (
                    (n.status, n.kpj, n.coverage_start, n.coverage_end, n.result_reason, n.version),
                    (w.status, w.kpj, w.version),
                    [tuple(e) for e in events],
                    r and (r.return_seq, r.nomination_version, r.worker_version),
                )
            )
    return out


def test_results_decided_and_moved_in_sql(store: Store) -> None:
    with store.write(ACTOR.id) as s:
        pairs = _exported(s, 5)
    a, b, c, d, e = pairs
    first = [_result(a, REG, "26000000001"), _result(b, REG, "26000000002"), _result(c, REJ, "KK tidak cocok")]
    first.append(_result(d, DUP, "Desa lain", nv=9))  # the nomination changed here since: a conflict
    counts, audits = _import(store, 2, first)
    assert counts == {(ri.MOVE, REG): 2, (ri.MOVE, REJ): 1, (ri.CONFLICT, DUP): 1}
    assert [(x[0], x[4].get("count")) for x in audits] == [("nomination.registered", 2), ("nomination.rejected", None)]
    # File 3 (newer): b rejected after all, c registered after all, a the same again.
    newer = [_result(a, REG, "26000000001"), _result(b, REJ, "NIK ganda"), _result(c, REG, "26000000003")]
    counts, _ = _import(store, 3, newer)
    assert counts == {(ri.ALREADY_NEWER, REG): 1, (ri.MOVE, REJ): 1, (ri.MOVE, REG): 1}
    # File 1 (older, arriving last): its results for a, b, c are superseded; e only it speaks about.
    older = [_result(a, REJ, "x"), _result(b, REG, "26000000009"), _result(c, REJ, "y"), _result(e, REG, "26000000005")]
    counts, _ = _import(store, 1, older)
    assert counts == {(ri.SUPERSEDED_NEWER, REJ): 2, (ri.SUPERSEDED_NEWER, REG): 1, (ri.MOVE, REG): 1}
    got = _state(store, pairs)
    assert got[0][:2] == ((REG, "26000000001", START, END, "", 2), (REG, "26000000001", 2))
    assert got[0][3] == (3, 2, 2)  # file 3 found it in place: the newest to say so, versions kept
    # b: registered by file 2, rejected by file 3: the registration's KPJ goes with it.
    assert got[1][:2] == ((REJ, "", None, None, "NIK ganda", 3), (REJ, "", 3))
    assert got[1][2] == [(REG, "hasil: 26000000002"), (REJ, "hasil: NIK ganda")] and got[1][3] == (3, 3, 3)
    assert got[2][:2] == ((REG, "26000000003", START, END, "", 3), (REG, "26000000003", 3))
    assert got[3] == ((E, "", None, None, "", 1), (E, "", 1), [], None)
    assert got[4][0][:2] == (REG, "26000000005") and got[4][3] == (1, 2, 2)
    with store.read() as s:
        events = s.execute(select(models.NominationEvent.id).order_by(models.NominationEvent.seq)).scalars().all()
        assert len(set(events)) == len(events) == 6  # 3 + 2 + 1 moves, keys unique across imports


def test_unknown_nominations_are_counted_and_nothing_is_written(store: Store) -> None:
    with store.write(ACTOR.id) as s:
        (a,) = _exported(s, 1)
    ghost = (new_id(), a[1])
    with (
        store.write(ACTOR.id) as s,
        ri.ReturnImport(s, 1, [_result(a, REG, "26000000001"), _result(ghost, REJ, "x")]) as job,
    ):
        assert job.unknown() == (1, ghost[0])
    assert _state(store, [a])[0][0][0] == E


def test_a_worker_moved_twice_by_one_file_takes_the_per_row_statements(store: Store) -> None:
    """Two nominations of one worker (two programs) answered in one file: the worker written per
    move, in the file's order, and the bookkeeping holds the version it really has."""
    with store.write(ACTOR.id) as s:
        (a,) = _exported(s, 1)
        p2 = models.Program(
            year=2027, name="BPU", bands=[], rules={}, ranking_weights={}, reference_date=dt.date(2027, 1, 1)
        )
        s.add(p2)
        s.flush()
        b = (new_id(), a[1])
        s.add(
            models.Nomination(
                id=b[0], worker_id=a[1], program_id=p2.id, status=E, months=12, monthly_contribution=16800, export_seq=1
            )
        )
    counts, audits = _import(store, 1, [_result(a, REG, "26000000001"), _result(b, REJ, "KK tidak cocok")])
    assert counts == {(ri.MOVE, REG): 1, (ri.MOVE, REJ): 1} and len(audits) == 2
    got = _state(store, [a, b])
    assert got[0][1] == (REJ, "26000000001", 3)  # both moves, in order: the last one's status
    assert got[0][0][0] == REG and got[1][0][0] == REJ
    assert got[0][3] == (1, 2, 3) and got[1][3] == (1, 2, 3)
