"""`audit verify`: an edited, inserted or deleted entry is found, through the raw driver as an attacker would."""

from __future__ import annotations

import pytest

from jamsos_desktop.services import audit, backup, workers
from jamsos_desktop.services.context import GENESIS_HASH, Actor, Workspace, audit_hash, canonical
from jamsos_desktop.storage import driver

from .test_workers import SITI


@pytest.fixture
def trail(workspace: Workspace, operator: Actor) -> Workspace:
    wid = workers.add_worker(workspace, operator, SITI).id
    for d in ("Sukasari", "Cibiru", "Babakan"):
        workers.edit_worker(workspace, operator, wid, {"dusun": d})
    assert audit.verify(workspace).ok
    return workspace


def _raw(ws: Workspace, sql: str, *params: object) -> None:
    conn = driver.connect(ws.db.path, ws.db.key)  # the driver itself, as someone with the file (and key) could
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


def _codes(ws: Workspace, **kw: object) -> set[str]:
    return {p.code for p in audit.verify(ws, **kw).problems}  # type: ignore[arg-type]


def test_an_edited_entry(trail: Workspace) -> None:
    _raw(
        trail,
        "update audit_log set after = json_set(after, '$.dusun', 'Lain') where action = 'worker.edit' and seq = (select min(seq) from audit_log where action = 'worker.edit')",
    )
    assert audit.EDITED in _codes(trail)


def test_a_deleted_entry_in_the_middle(trail: Workspace) -> None:
    _raw(trail, "delete from audit_log where seq = (select min(seq) from audit_log where action = 'worker.edit')")
    assert {audit.GAP, audit.LINK} <= _codes(trail)


def test_an_inserted_entry(trail: Workspace) -> None:
    # An entry squeezed in with a hash of its own, renumbering what follows.
    _raw(trail, "update audit_log set seq = seq + 1000")
    _raw(trail, "update audit_log set seq = seq - 999 where seq > 1001")
    _raw(
        trail,
        "insert into audit_log (seq, at, user_id, username, action, entity, entity_id, before, after, prev_hash, hash)"
        " values (1, '2026-01-01 00:00:00.000000', null, 'x', 'worker.add', 'worker', 'w', null, null, ?, ?)",
        GENESIS_HASH,
        audit_hash(GENESIS_HASH, {"x": canonical(1)}),
    )
    assert _codes(trail) & {audit.LINK, audit.EDITED}


def test_entries_cut_off_at_the_end_are_found_against_a_backup(trail: Workspace) -> None:
    backup.make_backup(trail, "manual")
    _raw(trail, "delete from audit_log where seq = (select max(seq) from audit_log)")
    assert audit.verify(trail).ok  # the chain alone cannot tell
    assert audit.HEAD in _codes(trail, known_heads=backup.known_heads(trail.data_dir))


def test_a_sound_trail_and_the_view(trail: Workspace, operator: Actor) -> None:
    rep = audit.verify(trail, backup.known_heads(trail.data_dir))
    assert rep.ok and rep.entries >= 4
    rows = audit.entries(trail, username="operator")
    assert rows and rows[0].action == "worker.edit" and rows[0].fields == ("dusun",)
    wid = rows[0].entity_id
    assert {r.entity_id for r in audit.entries(trail, record=wid[-8:])} == {wid}
    assert audit.entries(trail, username="nobody") == []
    assert "operator" in audit.usernames(trail)
