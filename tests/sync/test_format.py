"""The sync package alone (no database): both sides of the format, keys, the strict container."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest

from jamsos_desktop.sync import container, errors, keyfile
from jamsos_desktop.sync import district_return as dr
from jamsos_desktop.sync.crypto import KeySet, fingerprint
from jamsos_desktop.sync.format import FORMAT_VERSION, MEMBERS, open_file
from jamsos_desktop.sync.village_export import Table, check_export, read_export, verify_written, write_export

DEVICE_ID = "0190f3c2-7a1b-7c3d-8e4f-123456789abc"
NOM = "0190f3c2-7a1b-7c3d-8e4f-000000000001"
WRK = "0190f3c2-7a1b-7c3d-8e4f-000000000002"


def _export(device: KeySet, district: KeySet | None = None, passphrase: str | None = None, **kw: object) -> bytes:
    tables = {
        "workers": Table(("id", "name", "birth_date", "deleted_at"), [[WRK, "Siti Aminah", dt.date(1995, 8, 5), None]]),
        "nominations": Table(("id", "status"), [[NOM, "exported"]]),
    }
    args: dict[str, object] = {
        "device_keys": device,
        "village_code": "32.04.05.2005",
        "village_name": "Cibiru Hilir",
        "device_id": DEVICE_ID,
        "seq": 1,
        "full": True,
        "change_from": 0,
        "change_to": 9,
        "tables": tables,
        "district": district.public if district else None,
        "passphrase": passphrase,
        "app_version": "test",
        "schema_version": "0002",
    }
    args.update(kw)
    return write_export(**args).data  # type: ignore[arg-type]


def test_export_opens_only_with_the_district_key() -> None:
    device, district, other = KeySet.generate(), KeySet.generate(), KeySet.generate()
    data = _export(device, district)
    x = read_export(data, district_keys=district)
    assert x.tables["workers"].records() == [
        {"id": WRK, "name": "Siti Aminah", "birth_date": "1995-08-05", "deleted_at": None}
    ]
    assert x.device_key == device.public
    m = x.manifest
    for key in (
        "format_version",
        "app_version",
        "schema_version",
        "village_code",
        "device_id",
        "signer",
        "seq",
        "change_from",
        "change_to",
        "counts",
        "payload",
        "created_at",
    ):
        assert key in m
    assert m["format_version"] == FORMAT_VERSION
    assert m["counts"] == {"workers": 1, "nominations": 1}
    with pytest.raises(errors.SyncRefused) as e:
        read_export(data, district_keys=other)
    assert e.value.code == errors.CANNOT_DECRYPT
    with pytest.raises(errors.SyncRefused) as e:
        read_export(data, district_keys=device)
    assert e.value.code == errors.CANNOT_DECRYPT
    # The device key is pinned by the hub after the first file.
    with pytest.raises(errors.SyncRefused) as e:
        read_export(data, district_keys=district, expected_device=other.public)
    assert e.value.code == errors.WRONG_SIGNER


def test_passphrase_mode() -> None:
    device = KeySet.generate()
    data = _export(device, passphrase="sandi kabupaten 2026")
    assert read_export(data, passphrase="sandi kabupaten 2026").seq == 1
    with pytest.raises(errors.SyncRefused) as e:
        read_export(data, passphrase="sandi yang salah sekali")
    assert e.value.code == errors.CANNOT_DECRYPT
    with pytest.raises(errors.SyncUserError):
        _export(device, passphrase="pendek")


def test_no_personal_data_in_the_clear() -> None:
    data = _export(KeySet.generate(), KeySet.generate())
    assert b"Siti" not in data and b"Aminah" not in data and b"1995-08-05" not in data


def test_the_container_is_a_plain_zip() -> None:
    data = _export(KeySet.generate(), KeySet.generate())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == list(MEMBERS)
        assert z.testzip() is None
        assert json.loads(z.read("manifest.json"))["kind"] == "village-export"


def test_verify_written_catches_other_bytes() -> None:
    device, district = KeySet.generate(), KeySet.generate()
    args = {
        "device_keys": device,
        "village_code": "32.04.05.2005",
        "village_name": "X",
        "device_id": DEVICE_ID,
        "seq": 1,
        "full": True,
        "change_from": 0,
        "change_to": 1,
        "tables": {},
        "district": district.public,
        "app_version": "t",
        "schema_version": "s",
    }
    a = write_export(**args)  # type: ignore[arg-type]
    b = write_export(**args)  # type: ignore[arg-type]
    verify_written(a.data, a)
    with pytest.raises(errors.SyncRefused):
        verify_written(b.data, a)


def test_return_round_trip_and_validation() -> None:
    device, district = KeySet.generate(), KeySet.generate()
    results = [
        dr.Result(NOM, WRK, dr.REGISTERED, 3, 2, 1, "26012345678", dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
    ]
    sealed = dr.write_return(
        district_keys=district,
        district_name="Disnaker",
        village_code="32.04.05.2005",
        device_id=DEVICE_ID,
        device_key=device.public,
        return_seq=1,
        answers_export_seq=1,
        results=results,
        app_version="hub",
    )
    ret = dr.read_return(
        sealed.data, device_keys=device, district=district.public, village_code="32.04.05.2005", device_id=DEVICE_ID
    )
    assert ret.results == tuple(results)
    assert ret.district_name == "Disnaker"
    with pytest.raises(ValueError, match="KPJ"):
        dr.write_return(
            district_keys=district,
            district_name="D",
            village_code="32.04.05.2005",
            device_id=DEVICE_ID,
            device_key=device.public,
            return_seq=2,
            answers_export_seq=1,
            results=[dr.Result(NOM, WRK, dr.REGISTERED, 1, 1, 1, "12AB")],
            app_version="hub",
        )
    # An export is not a return file, and a return file is not an export.
    with pytest.raises(errors.SyncRefused) as e:
        check_export(sealed.data)
    assert e.value.code == errors.WRONG_KIND


def test_key_files() -> None:
    ks = keyfile.make_district_keys()
    pub = keyfile.public_key_file(ks.public, name="Disnaker Kab. Bandung", region_code="32.04")
    priv = keyfile.private_key_file(ks, name="Disnaker Kab. Bandung", region_code="32.04")
    k = keyfile.read_public_key_file(pub)
    assert k.keys == ks.public and k.name == "Disnaker Kab. Bandung"
    assert len(k.fingerprint.replace(" ", "")) == 30 and k.fingerprint.replace(" ", "").isdigit()
    assert keyfile.read_private_key_file(priv)[1] == ks
    assert ks.encryption_private.hex() not in repr(ks)
    with pytest.raises(errors.SyncRefused, match="RAHASIA"):
        keyfile.read_public_key_file(priv)
    tampered = json.loads(pub)
    tampered["signing_key"] = tampered["encryption_key"]  # one key swapped: the fingerprint no longer matches
    with pytest.raises(errors.SyncRefused) as e:
        keyfile.read_public_key_file(json.dumps(tampered).encode())
    assert e.value.code == errors.BAD_KEY_FILE
    newer = json.loads(pub)
    newer["format_version"] = 2
    with pytest.raises(errors.SyncRefused) as e:
        keyfile.read_public_key_file(json.dumps(newer).encode())
    assert e.value.code == errors.NEWER_FORMAT
    assert fingerprint(ks.public.encryption, ks.public.signing) == ks.public.fingerprint


def test_container_refuses_non_canonical_archives() -> None:
    members = [(n, n.encode() * 3) for n in MEMBERS]
    data = container.write(members)
    assert container.read(data, MEMBERS) == dict(members)
    # The same members written by zipfile (other timestamps, deflate) are not accepted.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, d in members:
            z.writestr(n, d)
    with pytest.raises(errors.SyncRefused):
        container.read(buf.getvalue(), MEMBERS)
    with pytest.raises(errors.SyncRefused):
        container.read(data + b"\x00", MEMBERS)
    with pytest.raises(errors.SyncRefused):
        container.read(container.write(members[::-1]), MEMBERS)


def test_not_a_sync_file() -> None:
    for data, code in ((b"", errors.DAMAGED), (b"%PDF-1.7 ...", errors.NOT_SYNC), (b"PK\x03\x04", errors.DAMAGED)):
        with pytest.raises(errors.SyncRefused) as e:
            open_file(data)
        assert e.value.code == code


def test_chain_check_finds_gaps() -> None:
    from jamsos_desktop.sync.village_export import check_chain

    assert check_chain({"seq": 1, "full": True, "change_from": 0}, 0, 0).ok
    assert check_chain({"seq": 2, "full": False, "change_from": 40}, 1, 40).ok
    c = check_chain({"seq": 4, "full": False, "change_from": 90}, 2, 60)
    assert c.missing == (3,) and c.range_gap and not c.ok
    assert check_chain({"seq": 2, "full": False, "change_from": 40}, 2, 40).repeated
    c = check_chain({"seq": 5, "full": True, "change_from": 0}, 3, 70)
    assert c.missing == (4,) and not c.range_gap


def test_protected_private_key_file() -> None:
    ks = keyfile.make_district_keys()
    data = keyfile.private_key_file(ks, name="Disnaker", passphrase="sandi kunci kabupaten")
    assert keyfile.is_protected(data)
    assert ks.encryption_private.hex() not in data.hex() and b"signing_private" not in data
    assert keyfile.read_private_key_file(data, "sandi kunci kabupaten")[1] == ks
    with pytest.raises(errors.SyncUserError, match="salah"):
        keyfile.read_private_key_file(data, "sandi yang salah sekali")
    with pytest.raises(errors.SyncUserError):
        keyfile.read_private_key_file(data)
    assert not keyfile.is_protected(keyfile.private_key_file(ks, name="Disnaker"))
