"""Exports through the service: full and incremental, marking, history, write again, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import keys, sync, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.sync import exports
from jamsos_desktop.storage import models
from jamsos_desktop.sync import errors
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.village_export import read_export

from .conftest import District, db_dump, export_bytes


def test_full_then_incremental(village: Workspace, operator: Actor, district: District, out_dir: Path) -> None:
    r1, data1 = export_bytes(village, operator, out_dir)
    assert r1.path.name.startswith("JAMSOS_3204052005_") and r1.path.name.endswith("_000001.jamsync")
    assert r1.export.full and r1.export.from_change == 0 and r1.export.exported_nominations == 10
    x1 = district.open(data1)
    assert len(x1.tables["workers"].rows) == 200
    noms = x1.tables["nominations"].records()
    assert len(noms) == 10 and all(n["status"] == "exported" and n["export_seq"] == 1 for n in noms)
    # The device key is the one shown to people, and it can be pinned.
    assert x1.device_key.fingerprint == keys.keys_info(village).device_fingerprint
    # Secrets never leave the device.
    users = x1.tables["users"]
    assert "password_hash" not in users.columns

    # Nothing changed: an empty incremental file continues the chain.
    r2, data2 = export_bytes(village, operator, out_dir)
    x2 = district.open(data2)
    assert r2.export.seq == 2 and not r2.export.full
    assert x2.manifest["change_from"] == x1.manifest["change_to"]
    assert sum(x2.manifest["counts"].values()) == 0

    # One edit and one deletion: only those travel, the deletion as a snapshot with deleted_at.
    w = [x for x in workers.list_workers(village) if x.status == statuses.RECORDED][:2]
    workers.edit_worker(village, operator, w[0].id, {"address": "Jl. Baru No. 2"})
    workers.delete_worker(village, operator, w[1].id, "pindah")
    r3, data3 = export_bytes(village, operator, out_dir)
    x3 = district.open(data3)
    got = {r["id"]: r for r in x3.tables["workers"].records()}
    assert set(got) == {w[0].id, w[1].id}
    assert got[w[0].id]["address"] == "Jl. Baru No. 2" and got[w[0].id]["version"] == 2
    assert got[w[1].id]["deleted_at"] is not None
    assert r3.export.from_change == r2.export.to_change

    # A full re-export carries everything again under a new number.
    r4, data4 = export_bytes(village, operator, out_dir, full=True)
    x4 = district.open(data4)
    assert r4.export.seq == 4 and r4.export.full and len(x4.tables["workers"].rows) == 200
    assert [e.seq for e in sync.export_history(village)] == [4, 3, 2, 1]


def test_nominations_marked_exported_with_history(village: Workspace, operator: Actor, out_dir: Path) -> None:
    export_bytes(village, operator, out_dir)
    with village.reading() as s:
        noms = s.execute(select(models.Nomination)).scalars().all()
        assert {n.status for n in noms} == {statuses.EXPORTED}
        assert {n.export_seq for n in noms} == {1}
        assert all(n.events[-1].to_status == statuses.EXPORTED and "nomor 1" in n.events[-1].note for n in noms)
        ws = {w.status for w in s.execute(select(models.Worker).where(models.Worker.status != "recorded")).scalars()}
        assert ws == {statuses.EXPORTED}


def test_only_the_district_can_open_it(village: Workspace, operator: Actor, district: District, out_dir: Path) -> None:
    _, data = export_bytes(village, operator, out_dir)
    with pytest.raises(errors.SyncRefused) as e:
        read_export(data, district_keys=KeySet.generate())
    assert e.value.code == errors.CANNOT_DECRYPT
    with pytest.raises(errors.SyncRefused) as e:
        read_export(data, district_keys=keys.device_keys(village))
    assert e.value.code == errors.CANNOT_DECRYPT


def test_passphrase_export_without_district_key(demo_workspace: Workspace, operator: Actor, out_dir: Path) -> None:
    with pytest.raises(errors.SyncUserError, match="kunci kabupaten belum diimpor"):
        sync.export(demo_workspace, operator, out_dir)
    assert list(out_dir.iterdir()) == []
    r = sync.export(demo_workspace, operator, out_dir, passphrase="kata sandi kabupaten")
    assert r.export.encrypted_for == "passphrase"
    x = read_export(r.path.read_bytes(), passphrase="kata sandi kabupaten")
    assert len(x.tables["workers"].rows) == 200


def test_write_again_is_byte_identical(village: Workspace, operator: Actor, out_dir: Path, tmp_path: Path) -> None:
    r, data = export_bytes(village, operator, out_dir)
    other = tmp_path / "stick2"
    other.mkdir()
    path = sync.write_again(village, operator, 1, other)
    assert path.name == r.path.name and path.read_bytes() == data
    with pytest.raises(errors.SyncUserError):
        sync.write_again(village, operator, 99, other)


def test_failed_write_changes_nothing(
    village: Workspace, operator: Actor, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_dump(village)

    def broken(path: Path, data: bytes) -> None:
        path.write_bytes(data[: len(data) // 2])  # a stick pulled out half-way

    monkeypatch.setattr(exports, "write_atomically", broken)
    with pytest.raises(errors.SyncRefused) as e:
        sync.export(village, operator, out_dir)
    assert e.value.code == errors.DAMAGED
    assert db_dump(village) == before
    assert list(out_dir.iterdir()) == []  # the half file that was not verified is gone


def test_atomic_write_leaves_no_temporary_file(village: Workspace, operator: Actor, out_dir: Path) -> None:
    sync.export(village, operator, out_dir)
    assert [p.name for p in out_dir.iterdir()] == [sync.export_history(village)[0].file_name]


def test_missing_folder(village: Workspace, operator: Actor, tmp_path: Path) -> None:
    with pytest.raises(errors.SyncUserError, match="Folder tujuan"):
        sync.export(village, operator, tmp_path / "nope")


def test_older_database_gets_a_device_key(village: Workspace, operator: Actor, out_dir: Path) -> None:
    with village.unit_of_work(operator) as uow:
        uow.session.execute(delete(models.KeyPair).where(models.KeyPair.name == keys.DEVICE))
    r, _ = export_bytes(village, operator, out_dir)
    assert r.export.seq == 1
    assert keys.keys_info(village).device_fingerprint


def test_export_progress_is_a_generator(village: Workspace, operator: Actor, out_dir: Path) -> None:
    steps: list[tuple[int, int, str]] = []
    r = sync.export(village, operator, out_dir, progress=lambda d, t, m: steps.append((d, t, m)))
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
    assert r.path.exists()


def test_cancelled_export_changes_nothing(village: Workspace, operator: Actor, out_dir: Path) -> None:
    before = db_dump(village)
    job = sync.export_job(village, operator, out_dir)
    for _ in range(4):
        next(job)
    job.close()
    assert db_dump(village) == before
    assert list(out_dir.iterdir()) == []


def test_old_file_bytes_are_not_kept_forever(
    village: Workspace, operator: Actor, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "KEEP_CONTENT", 2)
    for _ in range(4):
        sync.export(village, operator, out_dir)
    rows = {e.seq: e.can_write_again for e in sync.export_history(village)}
    assert rows == {4: True, 3: True, 2: False, 1: False}
    with pytest.raises(errors.SyncUserError, match="tidak disimpan"):
        sync.write_again(village, operator, 1, out_dir)


def test_large_export_streams_in_chunks(
    village: Workspace, operator: Actor, district: District, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "_EXPORT_CHUNK", 7)
    steps: list[tuple[int, int, str]] = []
    r = sync.export(village, operator, out_dir, progress=lambda d, t, m: steps.append((d, t, m)))
    x = district.open(r.path.read_bytes())
    assert len(x.tables["workers"].rows) == 200 and len({row[0] for row in x.tables["workers"].rows}) == 200
    worker_steps = [d for d, _t, m in steps if "pekerja" in m]
    assert len(worker_steps) > 200 // 7  # progress per chunk
    assert all(a <= b for a, b in zip([d for d, *_ in steps], [d for d, *_ in steps][1:], strict=False))
