"""storage/status.py: the one status engine. Its single path (ORM) and bulk path (set-based, on
SQLite's driver or through SQLAlchemy Core for any engine) must do the same four things to a
nomination, its worker, its history and the counter, under one audit rule."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import Any

import pytest
from sqlalchemy import select

from jamsos_desktop.domain import statuses
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver, models, status
from tests.sync.conftest import sign_nominations


def _state(ws: Workspace, nid: str) -> dict[str, Any]:
    with ws.reading() as s:
        n = s.get_one(models.Nomination, nid)
        w = s.get_one(models.Worker, n.worker_id)
        ev = n.events[-1]
        return {
            "status": n.status,
            "version": n.version,
            "seq": n.change_seq,
            "by": n.updated_by,
            "kpj": n.kpj,
            "coverage_start": n.coverage_start,
            "worker_status": w.status,
            "worker_version": w.version,
            "worker_seq": w.change_seq,
            "worker_by": w.updated_by,
            "worker_kpj": w.kpj,
            "event": (ev.from_status, ev.to_status, ev.user_id, ev.username, ev.note),
            "event_seq": ev.change_seq,
            "events": len(n.events),
        }


def _counter(ws: Workspace) -> int:
    with ws.reading() as s:
        return int(s.execute(select(models.Counter.value).where(models.Counter.name == "change")).scalar_one())


def _last_audit(ws: Workspace, n: int = 1) -> list[tuple[Any, ...]]:
    with ws.reading() as s:
        rows = s.execute(select(models.AuditEntry).order_by(models.AuditEntry.seq.desc()).limit(n)).scalars().all()
        return [(a.action, a.entity, a.entity_id, a.before, a.after) for a in reversed(rows)]


def _delta(before: dict[str, Any], after: dict[str, Any], counter: int) -> dict[str, Any]:
    """What a move changed, independent of which row it was."""
    return {
        "status": after["status"],
        "version": after["version"] - before["version"],
        "stamped": min(after["seq"], after["worker_seq"], after["event_seq"]) > counter,
        "by": after["by"],
        "kpj": after["kpj"],
        "coverage_start": after["coverage_start"],
        "worker_status": after["worker_status"],
        "worker_version": after["worker_version"] - before["worker_version"],
        "worker_by": after["worker_by"],
        "worker_kpj": after["worker_kpj"],
        "event": after["event"],
        "events": after["events"] - before["events"],
    }


def _single(ws: Workspace, actor: Actor, nid: str, new: str, note: str, **columns: Any) -> None:
    with ws.unit_of_work(actor) as uow:
        n = uow.session.get_one(models.Nomination, nid)
        status.move_one(uow.session, uow.actor, n, new, note, audit=uow.audit, **columns)


def _bulk(ws: Workspace, actor: Actor, moves: list[status.Move]) -> None:
    with ws.unit_of_work(actor) as uow:
        status.move_many(uow.session, uow.actor, moves, audit=uow.audit)


@pytest.fixture
def signed(demo_workspace: Workspace, operator: Actor, head: Actor) -> list[str]:
    return sign_nominations(demo_workspace, operator, head, 6)


def _worker(ws: Workspace, nid: str) -> str:
    with ws.reading() as s:
        return s.get_one(models.Nomination, nid).worker_id


def _paths(monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    if not fast:  # the engine-neutral path, as on PostgreSQL
        monkeypatch.setattr(status, "_sqlite", lambda _s: None)


@pytest.mark.parametrize("fast", [True, False], ids=["sqlite-driver", "sqlalchemy-core"])
def test_both_paths_make_the_same_move(
    demo_workspace: Workspace, operator: Actor, signed: list[str], monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    ws = demo_workspace
    _paths(monkeypatch, fast)
    deltas, audits = [], []
    for nid, path in zip(signed[:2], ("single", "bulk"), strict=True):
        before, counter = _state(ws, nid), _counter(ws)
        if path == "single":
            _single(ws, operator, nid, statuses.PRINTED, "dicetak ulang")
        else:
            _bulk(
                ws, operator, [status.Move(nid, _worker(ws, nid), statuses.SIGNED, statuses.PRINTED, "dicetak ulang")]
            )
        deltas.append(_delta(before, _state(ws, nid), counter))
        (entry,) = _last_audit(ws)
        audits.append(
            (
                *entry[:2],
                entry[2] == nid,
                entry[3],
                {**entry[4], "worker_id": entry[4]["worker_id"] == _worker(ws, nid)},
            )
        )
    assert deltas[0] == deltas[1]
    assert deltas[0]["version"] == 1 and deltas[0]["worker_version"] == 1 and deltas[0]["stamped"]
    assert deltas[0]["worker_status"] == statuses.PRINTED and deltas[0]["by"] == operator.id
    assert (
        audits[0]
        == audits[1]
        == (
            "nomination.printed",
            "nomination",
            True,
            {"status": "signed"},
            {"status": "printed", "worker_id": True, "note": "dicetak ulang"},
        )
    )


@pytest.mark.parametrize("fast", [True, False], ids=["sqlite-driver", "sqlalchemy-core"])
def test_columns_come_with_the_move_and_are_stored_alike(
    demo_workspace: Workspace, operator: Actor, signed: list[str], monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    """Dates, texts and the worker's columns: the bulk path stores them as the ORM does."""
    ws = demo_workspace
    _bulk(
        ws,
        operator,
        [status.Move(n, _worker(ws, n), statuses.SIGNED, statuses.EXPORTED, "", {"export_seq": 1}) for n in signed[:2]],
    )
    _paths(monkeypatch, fast)
    a, b = signed[:2]
    cols = {
        "kpj": "26000000001",
        "coverage_start": dt.date(2027, 1, 1),
        "coverage_end": dt.date(2027, 12, 31),
        "result_reason": "",
    }
    _single(ws, operator, a, statuses.REGISTERED, "hasil", **cols)
    with ws.unit_of_work(operator) as uow:
        uow.session.get_one(models.Worker, _worker(ws, a)).kpj = "26000000001"
    _bulk(
        ws,
        operator,
        [status.Move(b, _worker(ws, b), statuses.EXPORTED, statuses.REGISTERED, "hasil", cols, {"kpj": "26000000001"})],
    )
    sa, sb = _state(ws, a), _state(ws, b)
    assert (sa["kpj"], sa["coverage_start"], sa["worker_kpj"]) == (sb["kpj"], sb["coverage_start"], sb["worker_kpj"])
    with driver.connect(ws.db.path, ws.db.key) as c:
        stored = {
            nid: c.execute(
                "SELECT typeof(coverage_start), coverage_start, coverage_end, length(updated_at), typeof(export_seq)"
                " FROM nominations WHERE id = ?",
                (nid,),
            ).fetchone()
            for nid in (a, b)
        }
    assert stored[a] == stored[b] == ("text", "2027-01-01", "2027-12-31", 26, "integer")


def test_illegal_moves_are_refused_by_both_paths_and_change_nothing(
    demo_workspace: Workspace, operator: Actor, signed: list[str]
) -> None:
    ws = demo_workspace
    nid = signed[0]
    before = _state(ws, nid)
    for old, new in itertools.product(statuses.NOMINATION_STATUSES, repeat=2):
        if statuses.can_move(old, new):
            continue
        if old == statuses.SIGNED:
            with pytest.raises(status.IllegalMove):
                _single(ws, operator, nid, new, "")
        with pytest.raises(status.IllegalMove):
            _bulk(ws, operator, [status.Move(nid, _worker(ws, nid), old, new)])
    assert _state(ws, nid) == before


def test_one_audit_rule_one_entry_per_transition(demo_workspace: Workspace, operator: Actor, signed: list[str]) -> None:
    ws = demo_workspace
    moves = [
        status.Move(n, _worker(ws, n), statuses.SIGNED, statuses.EXPORTED, "", {"export_seq": 1}) for n in signed[:4]
    ]
    moves.append(status.Move(signed[4], _worker(ws, signed[4]), statuses.SIGNED, statuses.PRINTED, "ulang"))
    _bulk(ws, operator, moves)
    many, one = _last_audit(ws, 2)
    ids = [m.nomination_id for m in moves[:4]]
    assert many == (
        "nomination.exported",
        "nomination",
        None,
        {"status": "signed"},
        {
            "status": "exported",
            "count": 4,
            "first_id": ids[0],
            "last_id": ids[-1],
            "ids_sha256": hashlib.sha256("\n".join(ids).encode()).hexdigest(),
        },
    )
    assert one == (
        "nomination.printed",
        "nomination",
        signed[4],
        {"status": "signed"},
        {"status": "printed", "worker_id": moves[4].worker_id, "note": "ulang"},
    )
    assert status.audit_entries([]) == []


def test_a_move_that_keeps_the_status_leaves_the_worker_alone(
    demo_workspace: Workspace, operator: Actor, signed: list[str]
) -> None:
    ws = demo_workspace
    nid = signed[0]
    _single(ws, operator, nid, statuses.PRINTED, "")
    for path in ("single", "bulk"):
        before = _state(ws, nid)
        if path == "single":
            _single(ws, operator, nid, statuses.PRINTED, "lagi")
        else:
            _bulk(ws, operator, [status.Move(nid, _worker(ws, nid), statuses.PRINTED, statuses.PRINTED, "lagi")])
        after = _state(ws, nid)
        assert after["worker_version"] == before["worker_version"] and after["events"] == before["events"] + 1


def test_states_read_for_the_bulk_path(demo_workspace: Workspace, operator: Actor, signed: list[str]) -> None:
    ws = demo_workspace
    with ws.reading() as s:
        got = status.nomination_states(s, signed)
        w = status.worker_states(s, {g.worker_id for g in got.values()})
    assert set(got) == set(signed) and all(g.status == statuses.SIGNED and not g.deleted for g in got.values())
    assert all(x.status == statuses.SIGNED for x in w.values())


@pytest.mark.parametrize("chunk", [900, 1], ids=["in-lists", "table-scan"])
def test_states_are_the_same_on_every_read_path(
    demo_workspace: Workspace, operator: Actor, signed: list[str], monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """A few ids are looked up in IN lists; most of a table is one scan, on SQLite the driver's."""
    ws = demo_workspace
    cols = {"kpj": "26000000001", "coverage_start": dt.date(2027, 1, 1), "coverage_end": dt.date(2027, 12, 31)}
    _bulk(ws, operator, [status.Move(signed[0], _worker(ws, signed[0]), statuses.SIGNED, statuses.EXPORTED, "")])
    _bulk(
        ws, operator, [status.Move(signed[0], _worker(ws, signed[0]), statuses.EXPORTED, statuses.REGISTERED, "", cols)]
    )
    with ws.reading() as s:
        wids = [s.get_one(models.Nomination, n).worker_id for n in signed]
        plain = (status.nomination_states(s, signed), status.worker_states(s, wids))
    monkeypatch.setattr(status, "_CHUNK", chunk)
    with ws.reading() as s:
        assert (status.nomination_states(s, signed), status.worker_states(s, wids)) == plain
    assert plain[0][signed[0]].coverage_start == dt.date(2027, 1, 1) and plain[0][signed[0]].status == "registered"
