"""The district's results applied to the village: statuses, history, idempotence, conflicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, sync, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.sync import district_return as dr

from .conftest import District, db_dump, export_bytes

_OUTCOMES = {
    dr.REGISTERED: "",
    dr.REJECTED: "NIK tidak ditemukan di Dukcapil",
    dr.DUPLICATE: "sudah diusulkan Desa Cileunyi Kulon",
}


def _decider(ids: list[str]) -> Callable[[dict[str, object]], tuple[str, str]]:
    """By position (ids are random): 4 registered, 3 rejected, 3 duplicate."""
    order = {nid: i for i, nid in enumerate(sorted(ids))}

    def decide(n: dict[str, object]) -> tuple[str, str]:
        i = order[str(n["id"])]
        outcome = dr.REGISTERED if i < 4 else dr.REJECTED if i < 7 else dr.DUPLICATE
        return outcome, _OUTCOMES[outcome]

    return decide


def test_results_update_statuses_and_history(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    _decide = _decider([n["id"] for n in x.tables["nominations"].records()])
    ret = district.answer(x, _decide)
    r = sync.import_return(village, operator, ret)
    assert r.status == sync.APPLIED and r.conflicts == 0
    assert r.applied == {dr.REGISTERED: 4, dr.REJECTED: 3, dr.DUPLICATE: 3}
    with village.reading() as s:
        for n in s.execute(select(models.Nomination)).scalars():
            want, reason = _decide({"id": n.id})
            assert n.status == want
            w = s.get_one(models.Worker, n.worker_id)
            assert w.status == want
            ev = n.events[-1]
            assert ev.from_status == statuses.EXPORTED and ev.to_status == want and "berkas hasil nomor 1" in ev.note
            if want == dr.REGISTERED:
                assert len(n.kpj) == 11 and w.kpj == n.kpj
                assert n.coverage_start == dt.date(2027, 1, 1) and n.coverage_end == dt.date(2027, 12, 31)
                assert n.kpj in ev.note
            else:
                assert n.result_reason == reason and reason in ev.note
    # The dashboard's counts see it.
    counts = nominations.status_counts(village)
    assert sum(counts.get(s, 0) for s in (dr.REGISTERED, dr.REJECTED, dr.DUPLICATE)) == 10
    # The worker's own page shows the history.
    reg = next(n for n in x.tables["nominations"].records() if _decide(n)[0] == dr.REGISTERED)
    detail = workers.get_worker(village, reg["worker_id"])
    assert detail.nomination is not None and detail.nomination.events[-1].to_status == dr.REGISTERED
    # History of imports.
    h = sync.import_history(village)
    assert len(h) == 1 and h[0].return_seq == 1 and h[0].to_dict()["applied"] == r.applied


def test_replay_and_older_files_change_nothing(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    first = district.answer(x, only=[x.tables["nominations"].records()[0]["id"]])
    second = district.answer(x)
    assert sync.import_return(village, operator, second).status == sync.APPLIED
    before = db_dump(village)
    r = sync.import_return(village, operator, second)
    assert r.status == sync.ALREADY_APPLIED and "sudah pernah diterapkan" in r.message()
    r = sync.import_return(village, operator, first)  # arrives late
    assert r.status == sync.OLDER and "lebih lama" in r.message()
    assert db_dump(village) == before


def test_cumulative_return_finds_results_in_place(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    half = [r["id"] for r in x.tables["nominations"].records()[:5]]
    assert sync.import_return(village, operator, district.answer(x, only=half)).applied[dr.REGISTERED] == 5
    r = sync.import_return(village, operator, district.answer(x))
    # The first five are already registered with the same KPJ: in place, not conflicts.
    assert r.already == 5 and r.applied[dr.REGISTERED] == 5 and r.conflicts == 0


def test_gap_in_return_numbers_is_reported(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    _, data = export_bytes(village, operator, out_dir)
    r = sync.import_return(village, operator, district.answer(district.open(data), seq=3))
    assert r.status == sync.APPLIED and r.missing_return_seqs == (1, 2)
    assert "nomor 1, 2 belum diterima" in r.message()


def test_conflict_is_kept_shown_and_resolved(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    noms = x.tables["nominations"].records()
    changed = noms[0]
    # The officer corrects the worker's address after the export was sent.
    workers.edit_worker(village, operator, changed["worker_id"], {"address": "Jl. Koreksi 9"})
    r = sync.import_return(village, operator, district.answer(x))
    assert r.conflicts == 1 and r.applied[dr.REGISTERED] == 9
    with village.reading() as s:
        n = s.get_one(models.Nomination, changed["id"])
        w = s.get_one(models.Worker, changed["worker_id"])
        assert n.status == statuses.EXPORTED and w.address == "Jl. Koreksi 9"  # nothing overwritten
    shown = sync.list_conflicts(village)
    assert len(shown) == 1
    c = shown[0]
    assert c.nomination_id == changed["id"] and c.outcome == dr.REGISTERED and c.kpj
    assert c.local_status == statuses.EXPORTED and any("data pekerja diubah" in why for why in c.why)
    # The person accepts the district's result: applied, with history, and the conflict closes.
    sync.resolve_conflict(village, operator, c.nomination_id, accept=True)
    with village.reading() as s:
        n = s.get_one(models.Nomination, changed["id"])
        assert n.status == dr.REGISTERED and n.kpj == c.kpj
        assert s.get_one(models.Worker, changed["worker_id"]).address == "Jl. Koreksi 9"
    assert sync.list_conflicts(village) == []


def test_conflict_kept_local(village: Workspace, operator: Actor, district: District, out_dir: Path) -> None:
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    first = x.tables["nominations"].records()[0]
    workers.edit_worker(village, operator, first["worker_id"], {"phone": "081311112222"})
    sync.import_return(village, operator, district.answer(x))
    sync.resolve_conflict(village, operator, first["id"], accept=False)
    assert sync.list_conflicts(village) == []
    with village.reading() as s:
        assert s.get_one(models.Nomination, first["id"]).status == statuses.EXPORTED
        audit = s.execute(select(models.AuditEntry).where(models.AuditEntry.action == "sync.conflict_resolve")).scalar()
        assert audit is not None and audit.after is not None and audit.after["accepted"] is False


def test_answer_to_an_older_export_is_superseded(
    village: Workspace, operator: Actor, head: Actor, district: District, out_dir: Path
) -> None:
    _, data = export_bytes(village, operator, out_dir)
    x1 = district.open(data)
    first = x1.tables["nominations"].records()[0]
    # The district rejects one; the village fixes it, proposes it again and sends it again.
    r = sync.import_return(village, operator, district.answer(x1, lambda n: (dr.REJECTED, "KK tidak cocok")))
    assert r.applied[dr.REJECTED] == 10
    nominations.nominate(village, operator, [first["worker_id"]])
    nominations.approve(village, head, [first["worker_id"]])
    with village.unit_of_work(operator) as uow:
        nominations.set_status(uow, first["id"], statuses.PRINTED)
        nominations.set_status(uow, first["id"], statuses.SIGNED)
    r2, _ = export_bytes(village, operator, out_dir)
    assert r2.export.exported_nominations == 1
    # A late cumulative return still carrying the old answer (to export 1) for that nomination.
    stale = dr.Result(
        first["id"], first["worker_id"], dr.REJECTED, first["version"], 1, 1, reason="KK tidak cocok (ulang)"
    )
    res = sync.import_return(village, operator, district.write(x1, [stale]))
    assert res.superseded == 1 and res.conflicts == 0 and "kiriman lama diabaikan" in res.message()
    with village.reading() as s:
        n = s.get_one(models.Nomination, first["id"])
        assert n.status == statuses.EXPORTED and n.export_seq == 2
    assert sync.list_conflicts(village) == []
