"""Importing real village files: every file on its own merits, in any order, never twice."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import imports
from jamsos_desktop.hub.context import GENESIS_HASH, Hub, audit_payload
from jamsos_desktop.hub.status import hub_status
from jamsos_desktop.hub.storage import models
from jamsos_desktop.services.context import audit_hash
from jamsos_desktop.sync import errors
from jamsos_desktop.sync.crypto import KeySet

from .villages import OUTSIDE, REGION, A, B, C, VillageFiles

ENTITIES_IGNORED = {"file_id"}


def hub_records(hub: Hub) -> dict[str, list[tuple[Any, ...]]]:
    """Every record row the hub holds (without the bookkeeping column file_id), sorted."""
    out = {}
    with hub.reading() as s:
        for name, t in models.RECORD_TABLES.items():
            cols = [c for c in t.c if c.name not in ENTITIES_IGNORED]
            out[name] = sorted(tuple(r) for r in s.execute(select(*cols)))
    return out


def run(hub: Hub, actor: Actor, keys: KeySet, files: list[Path]) -> list[imports.FileOutcome]:
    return imports.import_files(hub, actor, files, keys, region=REGION)


def village_rows(village_files: VillageFiles, code: str, table: str, cols: str) -> set[tuple[Any, ...]]:
    conn = village_files.connect(code)
    try:
        return set(conn.execute(f"select {cols} from {table}"))
    finally:
        conn.close()


def test_every_file_is_applied_and_the_hub_holds_each_village_s_newest_records(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    files = [p for c in (A, B, C) for p in village_files.files[c]]
    out = run(keyed_hub, clerk, district_keys, files)
    assert [o.outcome for o in out] == [imports.IMPORTED] * len(files)
    assert [(o.village_code, o.seq) for o in out] == [(A, 1), (A, 2), (A, 3), (B, 1), (C, 1)]
    with keyed_hub.reading() as s:
        w = models.workers.c
        for code in (A, B, C):
            held = set(
                s.execute(select(w.id, w.version, w.address, w.deleted_at.is_not(None)).where(w.village_code == code))
            )
            want = village_rows(village_files, code, "workers", "id, version, address, deleted_at is not null")
            assert {(i, v, a, bool(d)) for i, v, a, d in held} == {(i, v, a, bool(d)) for i, v, a, d in want}
        # the key is the village's: the same record ids never mix villages
        assert {r[0] for r in s.execute(select(w.village_code).distinct())} == {A, B, C}


def test_the_order_of_the_files_does_not_change_the_result(
    hub_url: str, keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    files = [p for c in (A, B, C) for p in village_files.files[c]]
    run(keyed_hub, clerk, district_keys, files)
    in_order = hub_records(keyed_hub)
    for seed in (1, 2):
        with keyed_hub.store.write() as s:
            for t in models.RECORD_TABLES.values():
                s.execute(t.delete())
            s.execute(models.HubFile.__table__.delete())
        shuffled = files[:]
        random.Random(seed).shuffle(shuffled)
        shuffled = [*reversed(village_files.files[A]), *(p for p in shuffled if p not in village_files.files[A])]
        out = run(keyed_hub, clerk, district_keys, shuffled)
        assert {o.outcome for o in out} == {imports.IMPORTED}
        assert hub_records(keyed_hub) == in_order


def test_an_older_copy_never_overwrites_a_newer_one(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    a1, a2, a3 = village_files.files[A]
    run(keyed_hub, clerk, district_keys, [a3])
    before = hub_records(keyed_hub)
    out = run(keyed_hub, clerk, district_keys, [a2])
    assert out[0].outcome == imports.IMPORTED
    # file 2's records are all older than or the same as file 3's: nothing it holds replaced them
    assert out[0].applied.get("workers") == 0 or hub_records(keyed_hub)["workers"] != before["workers"]
    with keyed_hub.reading() as s:
        addresses = set(s.execute(select(models.workers.c.address).where(models.workers.c.village_code == A)).scalars())
    assert "Jl. Baru No. 3" in addresses and "Jl. Baru No. 2" not in addresses
    run(keyed_hub, clerk, district_keys, [a1])
    with keyed_hub.reading() as s:
        w = models.workers.c
        deleted = s.execute(select(func_count()).where(w.village_code == A, w.deleted_at.is_not(None))).scalar()
    assert deleted == 1  # the deletion of file 2 stays, though file 1 holds that worker alive


def func_count() -> Any:
    from sqlalchemy import func

    return func.count()


def test_the_same_files_again_are_already_imported_and_change_nothing(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    files = village_files.all_first()
    run(keyed_hub, clerk, district_keys, files)
    state = hub_records(keyed_hub)
    with keyed_hub.reading() as s:
        audits = s.execute(select(func_count()).select_from(models.HubAudit)).scalar()
    again = run(keyed_hub, clerk, district_keys, [*files, files[0]])
    assert [o.outcome for o in again] == [imports.ALREADY] * 4
    assert all("sudah diimpor" in (o.reason.get("id") if o.reason else "") for o in again)
    assert hub_records(keyed_hub) == state
    with keyed_hub.reading() as s:
        assert s.execute(select(func_count()).select_from(models.HubAudit)).scalar() == audits


def _damaged(src: Path, tmp: Path, where: float) -> Path:
    data = bytearray(src.read_bytes())
    data[int(len(data) * where)] ^= 0x20
    out = tmp / f"rusak-{where}-{src.name}"
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("where", [0.01, 0.5, 0.99])
def test_a_damaged_file_is_refused_and_the_others_go_on(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles, tmp_path: Path, where: float
) -> None:
    bad = _damaged(village_files.files[B][0], tmp_path, where)
    out = run(keyed_hub, clerk, district_keys, [village_files.files[A][0], bad, village_files.files[C][0]])
    assert [o.outcome for o in out] == [imports.IMPORTED, imports.REFUSED, imports.IMPORTED]
    assert out[1].code in {errors.DAMAGED, errors.BAD_SIGNATURE, errors.PAYLOAD_MISMATCH}
    assert out[1].name == bad.name and out[1].reason is not None
    with keyed_hub.reading() as s:
        held = set(s.execute(select(models.workers.c.village_code).distinct()).scalars())
        files = set(s.execute(select(models.HubFile.village_code)).scalars())
    assert held == files == {A, C}


def test_foreign_files_are_refused_with_their_reason(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles, tmp_path: Path
) -> None:
    other = tmp_path / "catatan.jamsync"
    other.write_bytes(b"bukan berkas sinkronisasi")
    missing = tmp_path / "tidak-ada.jamsync"
    assert village_files.foreign is not None
    out = run(keyed_hub, clerk, district_keys, [village_files.foreign, village_files.files[OUTSIDE][0], other, missing])
    assert [o.outcome for o in out] == [imports.REFUSED] * 4
    assert [o.code for o in out] == [errors.CANNOT_DECRYPT, imports.OTHER_REGION, errors.NOT_SYNC, imports.UNREADABLE]
    assert "32.73.01.1001" in (out[1].reason.get("id") if out[1].reason else "")
    assert hub_records(keyed_hub) == {name: [] for name in models.RECORD_TABLES}


def test_a_second_file_under_a_number_already_imported_is_refused(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    assert village_files.replay is not None
    run(keyed_hub, clerk, district_keys, village_files.files[A][:2])
    state = hub_records(keyed_hub)
    out = run(keyed_hub, clerk, district_keys, [village_files.replay])
    assert out[0].outcome == imports.REFUSED and out[0].code == imports.SEQ_REUSED
    assert village_files.files[A][1].name in (out[0].reason.get("en") if out[0].reason else "")
    assert hub_records(keyed_hub) == state


def test_a_device_is_pinned_to_its_key_and_its_village(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    a1, a2, a3 = village_files.files[A]
    run(keyed_hub, clerk, district_keys, [a1])
    other = KeySet.generate().public
    with keyed_hub.store.write() as s:
        s.execute(update(models.HubDevice).values(public=other.to_bytes()))
    assert run(keyed_hub, clerk, district_keys, [a2])[0].code == errors.WRONG_SIGNER
    with keyed_hub.store.write() as s:
        dev = s.execute(select(models.HubDevice)).scalar_one()
        dev.public = KeySet.generate().public.to_bytes()  # replaced below by the real one
    with keyed_hub.store.write() as s:
        s.execute(update(models.HubDevice).values(village_code=B))
    # the right key again, but the device "moved" to another village
    from jamsos_desktop.sync.village_export import read_export

    real = read_export(a1.read_bytes(), district_keys=district_keys).device_key
    with keyed_hub.store.write() as s:
        s.execute(update(models.HubDevice).values(public=real.to_bytes()))
    out = run(keyed_hub, clerk, district_keys, [a3])
    assert out[0].code == imports.DEVICE_MOVED


def test_missing_numbers_are_listed_per_device_until_they_arrive(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    a1, a2, a3 = village_files.files[A]
    run(keyed_hub, clerk, district_keys, [a3, village_files.files[B][0]])
    st = {v.code: v for v in hub_status(keyed_hub).villages}
    assert st[A].missing == (1, 2) and st[B].missing == ()
    run(keyed_hub, clerk, district_keys, [a1])
    st = {v.code: v for v in hub_status(keyed_hub).villages}
    assert st[A].missing == (2,)
    assert [d.received for d in st[A].devices] == [(1, 3)]
    run(keyed_hub, clerk, district_keys, [a2])
    assert {v.code: v.missing for v in hub_status(keyed_hub).villages}[A] == ()


def test_every_import_is_attributed_and_audited(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    run(keyed_hub, clerk, district_keys, village_files.all_first())
    with keyed_hub.reading() as s:
        entries = s.execute(select(models.HubAudit).where(models.HubAudit.action == "hub.import")).scalars().all()
        f = s.execute(select(models.HubFile)).scalars().all()
    assert len(entries) == 3 and {e.username for e in entries} == {"clerk"}
    assert {e.entity_id for e in entries} == {x.sha256 for x in f}
    assert {x.imported_by for x in f} == {"clerk"}
    chain = [e.prev_hash for e in entries[1:]]
    assert chain == [e.hash for e in entries[:-1]]


def test_each_import_entry_hashes_what_is_stored(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    """The import's bookkeeping (on PostgreSQL written by psycopg's pipeline, not the ORM): every
    entry's hash covers what was stored, chained from the genesis; the file rows hold what was
    applied and the figures are there."""
    out = run(keyed_hub, clerk, district_keys, village_files.all_first())
    with keyed_hub.reading() as s:
        chain = s.execute(select(models.HubAudit).order_by(models.HubAudit.seq)).scalars().all()
        f = {x.sha256: x for x in s.execute(select(models.HubFile)).scalars()}
        figs = {x.village_code for x in s.execute(select(models.HubVillageFigures)).scalars()}
    prev = GENESIS_HASH
    for e in chain:
        assert (e.prev_hash, e.hash) == (prev, audit_hash(prev, audit_payload(e)))
        prev = e.hash
    imported = [e for e in chain if e.action == "hub.import"]
    assert len(imported) == 3
    for e in imported:
        assert e.after is not None and e.after["applied"] == f[str(e.entity_id)].applied
    assert sorted(sorted(o.applied.items()) for o in out) == sorted(sorted(x.applied.items()) for x in f.values())
    assert all(x.applied.get("workers") for x in f.values())
    assert figs == {A, B, C}


def test_two_clerks_importing_at_once_keep_one_audit_chain(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    import threading

    other = Hub.open(keyed_hub.store.url)
    outcomes: list[list[imports.FileOutcome]] = []

    def work(h: Hub, files: list[Path]) -> None:
        outcomes.append(run(h, clerk, district_keys, files))

    try:
        jobs = [
            threading.Thread(target=work, args=(keyed_hub, village_files.files[A])),
            threading.Thread(target=work, args=(other, [village_files.files[B][0], village_files.files[C][0]])),
        ]
        for j in jobs:
            j.start()
        for j in jobs:
            j.join()
    finally:
        other.close()
    assert sorted(o.outcome for out in outcomes for o in out) == [imports.IMPORTED] * 5
    with keyed_hub.reading() as s:
        chain = s.execute(select(models.HubAudit).order_by(models.HubAudit.seq)).scalars().all()
    assert [e.prev_hash for e in chain[1:]] == [e.hash for e in chain[:-1]]
    assert sum(1 for e in chain if e.action == "hub.import") == 5
