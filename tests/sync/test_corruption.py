"""Damaged, foreign and replayed files: each is refused with the right reason and nothing changes."""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import delete

from jamsos_desktop.services import keys, sync
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.sync import container, errors, keyfile
from jamsos_desktop.sync import district_return as dr
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.format import FORMAT_VERSION, MEMBERS, canonical_json, seal
from jamsos_desktop.sync.village_export import VillageExport

from .conftest import District, db_dump, export_bytes


@dataclass
class Scene:
    ws: Workspace
    actor: Actor
    district: District
    export: VillageExport
    export_data: bytes
    ret1: bytes
    ret2: bytes


@pytest.fixture
def scene(village: Workspace, operator: Actor, district: District, out_dir: Path) -> Scene:
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    first = [n["id"] for n in x.tables["nominations"].records()[:3]]
    return Scene(village, operator, district, x, data, district.answer(x, only=first), district.answer(x))


def regions(data: bytes) -> Iterator[tuple[str, int, int]]:
    """(part, start, end) of every part of the canonical archive: headers, names, data, directory."""
    pos = 0
    for name in MEMBERS:
        nlen, elen = struct.unpack_from("<2H", data, pos + 26)
        csize = struct.unpack_from("<L", data, pos + 18)[0]
        yield f"{name}:header", pos, pos + 30 + nlen + elen
        yield f"{name}:data", pos + 30 + nlen + elen, pos + 30 + nlen + elen + csize
        pos += 30 + nlen + elen + csize
    yield "central-directory", pos, len(data) - 22
    yield "end-record", len(data) - 22, len(data)


def flip(data: bytes, i: int, bit: int = 0) -> bytes:
    b = bytearray(data)
    b[i] ^= 1 << bit
    return bytes(b)


def members(data: bytes) -> dict[str, bytes]:
    return container.read(data, MEMBERS)


def repack(parts: dict[str, bytes]) -> bytes:
    """Writes members again with correct CRCs: damage that a ZIP check alone would miss."""
    return container.write([(n, parts[n]) for n in MEMBERS])


def refused(scene: Scene, data: bytes, *codes: str) -> errors.SyncRefused:
    with pytest.raises(errors.SyncRefused) as e:
        sync.import_return(scene.ws, scene.actor, data)
    assert e.value.code in codes, (e.value.code, e.value.message())
    assert e.value.message().startswith("Berkas sinkronisasi")
    return e.value


def read(scene: Scene, data: bytes) -> dr.DistrictReturn:
    return sync.read_return_file(scene.ws, data)


# -- the pure reader, exhaustively ----------------------------------------------------------------


def test_every_truncation_is_refused(scene: Scene) -> None:
    data = scene.ret2
    ctx = (keys.device_keys(scene.ws), scene.district.keys.public, scene.export.village_code, scene.export.device_id)
    for n in range(len(data)):
        with pytest.raises(errors.SyncRefused) as e:
            dr.read_return(data[:n], device_keys=ctx[0], district=ctx[1], village_code=ctx[2], device_id=ctx[3])
        assert e.value.code in (errors.DAMAGED, errors.NOT_SYNC), n


def test_every_flipped_byte_is_refused(scene: Scene) -> None:
    data = scene.ret2
    ctx = (keys.device_keys(scene.ws), scene.district.keys.public, scene.export.village_code, scene.export.device_id)
    for i in range(len(data)):
        bad = flip(data, i, i % 8)
        with pytest.raises(errors.SyncRefused) as e:
            dr.read_return(bad, device_keys=ctx[0], district=ctx[1], village_code=ctx[2], device_id=ctx[3])
        assert e.value.code in (errors.DAMAGED, errors.NOT_SYNC), i


# -- through the service: refused, and the database unchanged ------------------------------------


def test_truncated_and_flipped_files_change_nothing(scene: Scene) -> None:
    before = db_dump(scene.ws)
    data = scene.ret2
    for n in (0, 1, 4, 29, 30, 100, len(data) // 2, len(data) - 23, len(data) - 22, len(data) - 1):
        e = refused(scene, data[:n], errors.DAMAGED, errors.NOT_SYNC)
        assert "rusak atau terpotong" in e.message() or "bukan berkas" in e.message()
    for part, start, end in regions(data):
        for i in sorted({start, (start + end) // 2, end - 1}):
            for bit in (0, 7):
                refused(scene, flip(data, i, bit), errors.DAMAGED, errors.NOT_SYNC)
        assert part
    assert db_dump(scene.ws) == before


def test_flipped_bits_behind_a_correct_crc(scene: Scene) -> None:
    """Damage that passes the ZIP checks is caught by the signature or the payload hash."""
    before = db_dump(scene.ws)
    parts = members(scene.ret2)
    for i in (0, 31, 63):
        e = refused(scene, repack({**parts, "manifest.sig": flip(parts["manifest.sig"], i)}), errors.BAD_SIGNATURE)
        assert "tanda tangan tidak sah" in e.message()
    for i in (0, len(parts["payload.bin"]) // 2, len(parts["payload.bin"]) - 1):
        refused(scene, repack({**parts, "payload.bin": flip(parts["payload.bin"], i)}), errors.PAYLOAD_MISMATCH)
    # A byte inside the manifest's JSON text, kept canonical: the signature no longer matches.
    manifest = json.loads(parts["manifest.json"])
    manifest["answers_export_seq"] = 1 if manifest["answers_export_seq"] != 1 else 2
    manifest["counts"]["registered"] += 1
    refused(scene, repack({**parts, "manifest.json": canonical_json(manifest)}), errors.BAD_SIGNATURE)
    # A manifest that is no longer canonical JSON.
    refused(scene, repack({**parts, "manifest.json": parts["manifest.json"] + b" "}), errors.DAMAGED)
    # A payload whose hash was "fixed" in the manifest: still the signature.
    bad_payload = flip(parts["payload.bin"], 5)
    manifest = json.loads(parts["manifest.json"])
    manifest["payload"]["sha256"] = hashlib.sha256(bad_payload).hexdigest()
    refused(
        scene,
        repack({**parts, "manifest.json": canonical_json(manifest), "payload.bin": bad_payload}),
        errors.BAD_SIGNATURE,
    )
    # Wrong mimetype, members in another order.
    refused(scene, repack({**parts, "mimetype": b"application/zip"}), errors.DAMAGED)
    refused(scene, container.write([(n, parts[n]) for n in reversed(MEMBERS)]), errors.DAMAGED)
    assert db_dump(scene.ws) == before


def test_swapped_manifests(scene: Scene) -> None:
    before = db_dump(scene.ws)
    a, b = members(scene.ret1), members(scene.ret2)
    e = refused(scene, repack({**a, "payload.bin": b["payload.bin"]}), errors.PAYLOAD_MISMATCH)
    assert "tidak cocok dengan manifesnya" in e.message()
    refused(scene, repack({**b, "payload.bin": a["payload.bin"]}), errors.PAYLOAD_MISMATCH)
    # The manifest of one file with the signature of another.
    refused(scene, repack({**a, "manifest.sig": b["manifest.sig"]}), errors.BAD_SIGNATURE)
    # The village's own export handed in as a return file.
    e = refused(scene, scene.export_data, errors.WRONG_KIND)
    assert "bukan berkas hasil dari kabupaten" in e.message()
    assert db_dump(scene.ws) == before


def test_replay_and_reorder_change_nothing(scene: Scene) -> None:
    assert sync.import_return(scene.ws, scene.actor, scene.ret2).status == sync.APPLIED
    before = db_dump(scene.ws)
    assert sync.import_return(scene.ws, scene.actor, scene.ret2).status == sync.ALREADY_APPLIED
    assert sync.import_return(scene.ws, scene.actor, scene.ret1).status == sync.OLDER
    # The same results re-signed under the same number (a re-sent file with a new timestamp).
    again = scene.district.answer(scene.export, seq=2)
    assert sync.import_return(scene.ws, scene.actor, again).status == sync.OLDER
    assert db_dump(scene.ws) == before


def _return(scene: Scene, *, signer: KeySet | None = None, **over: object) -> bytes:
    """A well-formed, correctly signed return file with some fields changed."""
    x = scene.export
    noms = x.tables["nominations"].records()
    wv = {w["id"]: w["version"] for w in x.tables["workers"].records()}
    results = over.pop(
        "results",
        [
            dr.Result(
                n["id"], n["worker_id"], dr.REJECTED, n["version"], wv[n["worker_id"]], n["export_seq"], reason="x"
            )
            for n in noms
        ],
    )
    args: dict[str, object] = {
        "district_keys": signer or scene.district.keys,
        "district_name": "Disnaker",
        "village_code": x.village_code,
        "device_id": x.device_id,
        "device_key": x.device_key,
        "return_seq": 7,
        "answers_export_seq": x.seq,
        "results": results,
        "app_version": "hub",
    }
    args.update(over)
    return dr.write_return(**args).data  # type: ignore[arg-type]


def test_foreign_files(scene: Scene) -> None:
    before = db_dump(scene.ws)
    e = refused(scene, _return(scene, village_code="32.04.05.2006"), errors.OTHER_VILLAGE)
    assert "untuk desa lain (kode 32.04.05.2006)" in e.message()
    refused(scene, _return(scene, device_id="0190f3c2-7a1b-7c3d-8e4f-123456789abc"), errors.OTHER_DEVICE)
    e = refused(scene, _return(scene, signer=keyfile.make_district_keys()), errors.WRONG_SIGNER)
    assert "tidak ditandatangani oleh kabupaten yang terdaftar" in e.message()
    # Encrypted to another device's key: cannot be opened here.
    refused(scene, _return(scene, device_key=KeySet.generate().public), errors.CANNOT_DECRYPT)
    e = refused(scene, _return(scene, answers_export_seq=99), errors.UNKNOWN_EXPORT)
    assert "nomor 99" in e.message()
    stranger = dr.Result(
        "0190f3c2-7a1b-7c3d-8e4f-00000000abcd", "0190f3c2-7a1b-7c3d-8e4f-00000000dcba", dr.REJECTED, 1, 1, 1, reason="x"
    )
    refused(scene, _return(scene, results=[stranger]), errors.BAD_CONTENT)
    assert db_dump(scene.ws) == before


def test_newer_format_is_refused(scene: Scene) -> None:
    before = db_dump(scene.ws)
    x = scene.export
    manifest = {
        "format": "jamsos-sync",
        "format_version": FORMAT_VERSION + 1,
        "kind": "district-return",
        "app_version": "9.0",
        "village_code": x.village_code,
        "device_id": x.device_id,
        "signer": {
            "role": "district",
            "name": "D",
            "signing_key": base64.b64encode(scene.district.keys.public.signing).decode(),
            "encryption_key": base64.b64encode(scene.district.keys.public.encryption).decode(),
            "fingerprint": scene.district.keys.public.fingerprint,
        },
        "seq": 9,
        "answers_export_seq": 1,
        "counts": {},
        "created_at": "2030-01-01T00:00:00Z",
    }
    data = seal(manifest, {"kind": "district-return"}, signer=scene.district.keys, recipients=[x.device_key]).data
    e = refused(scene, data, errors.NEWER_FORMAT)
    assert "perbarui aplikasi" in e.message() and f"versi {FORMAT_VERSION + 1}" in e.message()
    assert db_dump(scene.ws) == before


def test_bad_content_inside_a_valid_signature(scene: Scene) -> None:
    """A district bug (not an attacker): signed and encrypted, but the rows make no sense."""
    before = db_dump(scene.ws)
    x = scene.export
    from jamsos_desktop.sync.format import signer_entry

    def forged(results: list[list[object]], counts: dict[str, int]) -> bytes:
        manifest = {
            "format": "jamsos-sync",
            "format_version": 1,
            "kind": "district-return",
            "app_version": "hub",
            "village_code": x.village_code,
            "device_id": x.device_id,
            "signer": signer_entry("district", scene.district.keys.public, "D"),
            "seq": 5,
            "answers_export_seq": 1,
            "counts": counts,
            "created_at": "2026-11-21T00:00:00Z",
        }
        payload = {"kind": "district-return", "columns": list(dr.COLUMNS), "results": results}
        return seal(manifest, payload, signer=scene.district.keys, recipients=[x.device_key]).data

    n = x.tables["nominations"].records()[0]
    zero = {"registered": 0, "rejected": 0, "duplicate": 0}
    row = [n["id"], n["worker_id"], "registered", n["version"], 1, 1, "12X", "2027-01-01", "2027-12-31", ""]
    refused(scene, forged([row], {**zero, "registered": 1}), errors.BAD_CONTENT)
    row = [n["id"], n["worker_id"], "registered", n["version"], 1, 1, "26000000001", "2027-12-31", "2027-01-01", ""]
    refused(scene, forged([row], {**zero, "registered": 1}), errors.BAD_CONTENT)
    row = [n["id"], n["worker_id"], "paid", n["version"], 1, 1, "", None, None, ""]
    refused(scene, forged([row], zero), errors.BAD_CONTENT)
    ok = [n["id"], n["worker_id"], "rejected", n["version"], 1, 1, "", None, None, "alasan"]
    refused(scene, forged([ok, ok], {**zero, "rejected": 2}), errors.BAD_CONTENT)  # the same nomination twice
    refused(scene, forged([ok], zero), errors.BAD_CONTENT)  # counts disagree with the rows
    assert db_dump(scene.ws) == before


def test_no_district_key(scene: Scene) -> None:
    with scene.ws.unit_of_work(scene.actor) as uow:
        uow.session.execute(delete(models.KeyPair).where(models.KeyPair.name == keys.DISTRICT))
    before = db_dump(scene.ws)
    e = refused(scene, scene.ret2, errors.NO_DISTRICT_KEY)
    assert "kunci kabupaten belum diimpor" in e.message()
    assert db_dump(scene.ws) == before


def test_unreadable_path(scene: Scene, tmp_path: Path) -> None:
    with pytest.raises(errors.SyncRefused):
        sync.import_return(scene.ws, scene.actor, tmp_path / "hilang.jamsync")


def test_messages_in_english_too(scene: Scene) -> None:
    e = refused(scene, scene.ret2[:-5], errors.DAMAGED)
    assert e.message("en").startswith("Sync file: is damaged or truncated")
