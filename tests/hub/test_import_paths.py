"""The import's fast paths keep its rules: a village's first rows copied straight into the tables
(PostgreSQL), files sharing one transaction with a savepoint each (SQLite), and the look-ups a
run makes once (the ledger), on both engines."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import imports
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import ingest, models
from jamsos_desktop.sync import errors
from jamsos_desktop.sync.crypto import KeySet

from .test_import import hub_records, run
from .villages import A, B, C, VillageFiles


def _chain_ok(hub: Hub) -> list[models.HubAudit]:
    with hub.reading() as s:
        chain = list(s.execute(select(models.HubAudit).order_by(models.HubAudit.seq)).scalars())
    assert [e.prev_hash for e in chain[1:]] == [e.hash for e in chain[:-1]]
    return chain


def test_a_direct_copy_that_meets_rows_is_applied_again_by_the_upsert(
    keyed_hub: Hub,
    clerk: Actor,
    district_keys: KeySet,
    village_files: VillageFiles,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every table claimed free of the village's rows, though the hub holds them: the copy meets
    them, the file is rolled back and applied the staging table's way, with the same result as
    the plain path (on SQLite nothing is copied directly: the same result anyway)."""
    files = [*village_files.files[A], village_files.files[B][0]]
    clashes: list[str] = []
    real = ingest._copy_direct

    def counted(*args: Any) -> None:
        try:
            real(*args)
        except ingest.DirectClash as exc:
            clashes.append(str(exc))
            raise

    monkeypatch.setattr(ingest, "INLINE_ROWS", 0)  # the test villages' tables are small: COPY them all
    monkeypatch.setattr(ingest, "_copy_direct", counted)
    monkeypatch.setattr(ingest, "_fresh_tables", lambda *_a: frozenset(models.RECORD_TABLES))
    out = run(keyed_hub, clerk, district_keys, files)
    assert [o.outcome for o in out] == [imports.IMPORTED] * 4
    if keyed_hub.store.dialect == "postgresql":
        assert clashes  # files 2 and 3 of village A met file 1's rows
    monkeypatch.undo()
    with keyed_hub.reading() as s:
        per_village = dict(
            s.execute(select(models.workers.c.village_code, func.count()).group_by(models.workers.c.village_code)).all()
        )
        w = models.workers.c
        addresses = set(s.execute(select(w.address).where(w.village_code == A)).scalars())
    assert set(per_village) == {A, B}
    assert "Jl. Baru No. 3" in addresses and "Jl. Baru No. 2" not in addresses  # file 3's, the newest
    _chain_ok(keyed_hub)


def test_a_file_refused_inside_a_run_leaves_nothing_and_the_run_goes_on(
    keyed_hub: Hub,
    clerk: Actor,
    district_keys: KeySet,
    village_files: VillageFiles,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file that fails after its first rows are written (SQLite: inside the batch's savepoint;
    PostgreSQL: its own transaction) leaves no record, device, file row or audit entry."""
    real = ingest.apply_rows

    def failing(session: Any, name: str, rows: list[list[Any]]) -> int:
        if rows and rows[0][0] == B and name == "workers":
            raise ValueError("a record the hub cannot store")
        return real(session, name, rows)

    monkeypatch.setattr(ingest, "apply_rows", failing)
    out = run(keyed_hub, clerk, district_keys, village_files.all_first())
    assert [(o.village_code, o.outcome) for o in out if o.outcome != imports.IMPORTED] == [("", imports.REFUSED)]
    assert [o.code for o in out if o.outcome == imports.REFUSED] == [errors.BAD_CONTENT]
    records = hub_records(keyed_hub)
    assert {r[0] for r in records["village"]} == {A, C}
    assert all(r[0] != B for rows in records.values() for r in rows)
    with keyed_hub.reading() as s:
        assert set(s.execute(select(models.HubFile.village_code)).scalars()) == {A, C}
        assert set(s.execute(select(models.HubDevice.village_code)).scalars()) == {A, C}
    assert sum(1 for e in _chain_ok(keyed_hub) if e.action == "hub.import") == 2
    monkeypatch.undo()
    again = run(keyed_hub, clerk, district_keys, village_files.all_first())
    assert sorted(o.outcome for o in again) == [imports.ALREADY, imports.ALREADY, imports.IMPORTED]


def test_two_clerks_importing_the_same_files_apply_each_once(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    """Both runs read their ledger before the other wrote: the second to apply a file fails a
    unique constraint, looks again in the database, and finds it imported."""
    files = [*village_files.files[A], village_files.files[C][0]]
    other = Hub.open(keyed_hub.store.url)
    outcomes: list[list[imports.FileOutcome]] = []
    start = threading.Barrier(2)

    def work(h: Hub) -> None:
        start.wait()
        outcomes.append(run(h, clerk, district_keys, files))

    try:
        jobs = [threading.Thread(target=work, args=(h,)) for h in (keyed_hub, other)]
        for j in jobs:
            j.start()
        for j in jobs:
            j.join()
    finally:
        other.close()
    assert len(outcomes) == 2
    for i in range(len(files)):
        assert sorted(out[i].outcome for out in outcomes) == [imports.ALREADY, imports.IMPORTED]
    with keyed_hub.reading() as s:
        assert s.execute(select(func.count()).select_from(models.HubFile)).scalar() == len(files)
    assert sum(1 for e in _chain_ok(keyed_hub) if e.action == "hub.import") == len(files)


@pytest.mark.parametrize("inline", [0, 1, 10_000])
def test_rows_copied_or_inline_give_the_same_hub(
    keyed_hub: Hub,
    clerk: Actor,
    district_keys: KeySet,
    village_files: VillageFiles,
    monkeypatch: pytest.MonkeyPatch,
    inline: int,
) -> None:
    """Tables applied by COPY (direct or staged) or by one inline statement: the same records,
    in any order of the files (on SQLite the setting is not used: the same result anyway)."""
    a1, a2, a3 = village_files.files[A]
    files = [a3, village_files.files[B][0], a1, a2, village_files.files[C][0]]
    run(keyed_hub, clerk, district_keys, files)
    expected = hub_records(keyed_hub)
    with keyed_hub.store.engine.begin() as conn:
        for t in models.RECORD_TABLES.values():
            conn.execute(t.delete())
        for name in ("hub_files", "hub_devices", "hub_village_figures"):
            conn.execute(models.metadata.tables[name].delete())
    monkeypatch.setattr(ingest, "INLINE_ROWS", inline)
    out = run(keyed_hub, clerk, district_keys, [a1, a2, a3, *files[1:2], files[4]])
    assert [o.outcome for o in out] == [imports.IMPORTED] * 5
    assert hub_records(keyed_hub) == expected
