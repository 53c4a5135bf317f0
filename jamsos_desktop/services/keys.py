"""This device's keys (made at init, or lazily for older databases) and the district's public key."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.text import Text, UserError
from ..storage import keyring, models
from ..sync import errors, keyfile
from ..sync.crypto import KeySet, PublicKeySet
from .context import ROLE_ADMIN, ROLE_OPERATOR, SYSTEM, Actor, UnitOfWork, Workspace

log = logging.getLogger(__name__)

DEVICE = "device"
DISTRICT = "district"
DEVICE_KIND = "x25519+ed25519"
DISTRICT_KIND = "district-public"


@dataclass(frozen=True, slots=True)
class DistrictKeyRow:
    name: str
    region_code: str
    fingerprint: str
    imported_at: dt.datetime
    imported_by: str


@dataclass(frozen=True, slots=True)
class KeysInfo:
    device_fingerprint: str
    device_created_at: dt.datetime
    district: DistrictKeyRow | None


def ensure_device_key(s: Session) -> KeySet:
    """The device's key set, created on first use (inside the caller's write transaction)."""
    row = s.get(models.KeyPair, DEVICE)
    if row is not None and row.private is not None:
        return KeySet.from_bytes(row.private)
    keys = KeySet.generate()
    public = keys.public
    s.add(
        models.KeyPair(
            name=DEVICE,
            kind=DEVICE_KIND,
            public=public.to_bytes(),
            private=keys.to_bytes(),
            fingerprint=public.fingerprint,
            created_at=models.utcnow(),
            meta={},
        )
    )
    s.flush()
    log.info("device key created, fingerprint %s", public.fingerprint)
    return keys


def device_keys(ws: Workspace) -> KeySet:
    """The device's keys; an older database without them gets them now."""
    with ws.reading() as s:
        row = s.get(models.KeyPair, DEVICE)
        if row is not None and row.private is not None:
            return KeySet.from_bytes(row.private)
    with ws.unit_of_work(SYSTEM) as uow:
        keys = ensure_device_key(uow.session)
        uow.audit("keys.device_create", "keys", DEVICE, None, {"fingerprint": keys.public.fingerprint})
        return keys


def district_key(s: Session) -> PublicKeySet | None:
    row = s.get(models.KeyPair, DISTRICT)
    return PublicKeySet.from_bytes(row.public) if row is not None else None


def _district_row(row: models.KeyPair) -> DistrictKeyRow:
    meta = row.meta or {}
    return DistrictKeyRow(
        name=str(meta.get("name", "")),
        region_code=str(meta.get("region_code", "")),
        fingerprint=row.fingerprint,
        imported_at=row.created_at,
        imported_by=str(meta.get("imported_by", "")),
    )


def read_info(s: Session) -> KeysInfo | None:
    """The keys as they are, reading only: None while this device has no key pair yet (an older
    database; ``keys_info`` makes it)."""
    k = models.KeyPair
    dev = s.execute(
        select(k.fingerprint, k.created_at).where(k.name == DEVICE, k.private.is_not(None))
    ).first()  # the private key itself stays in the database
    if dev is None:
        return None
    dis = s.get(k, DISTRICT)
    return KeysInfo(dev.fingerprint, dev.created_at, _district_row(dis) if dis is not None else None)


def keys_info(ws: Workspace) -> KeysInfo:
    device_keys(ws)
    with ws.reading() as s:
        info = read_info(s)
    assert info is not None
    return info


def read_district_key(data: bytes) -> keyfile.DistrictPublicKey:
    """Reads a district key file without saving it, so its fingerprint can be confirmed first."""
    return keyfile.read_public_key_file(data)


def same_fingerprint(a: str, b: str) -> bool:
    digits = "".join(ch for ch in a if ch.isdigit())
    return len(digits) == 30 and digits == "".join(ch for ch in b if ch.isdigit())


def import_district_key(ws: Workspace, actor: Actor, data: bytes, confirmed_fingerprint: str) -> DistrictKeyRow:
    """Saves the district's public key once the person has confirmed its fingerprint by phone.

    ``confirmed_fingerprint`` is what the district read out; it must match the key file.
    """
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    key = read_district_key(data)
    if not same_fingerprint(confirmed_fingerprint, key.fingerprint):
        raise errors.SyncUserError(
            errors.FINGERPRINT,
            Text(
                f"sidik jari tidak cocok dengan berkas kunci ({key.fingerprint}); jangan pakai kunci ini dan "
                "hubungi kabupaten",
                f"the fingerprint does not match the key file ({key.fingerprint}); do not use this key, call the district",
            ),
            confirmed_fingerprint,
        )
    with ws.unit_of_work(actor) as uow:
        ensure_device_key(uow.session)
        return _save_district(uow, key)


def _save_district(uow: UnitOfWork, key: keyfile.DistrictPublicKey) -> DistrictKeyRow:
    s = uow.session
    old = s.get(models.KeyPair, DISTRICT)
    before = {"fingerprint": old.fingerprint, "name": (old.meta or {}).get("name", "")} if old else None
    if old is not None:
        s.delete(old)
        s.flush()
    row = models.KeyPair(
        name=DISTRICT,
        kind=DISTRICT_KIND,
        public=key.keys.to_bytes(),
        private=None,
        fingerprint=key.fingerprint,
        created_at=models.utcnow(),
        meta={"name": key.name, "region_code": key.region_code, "imported_by": uow.actor.username, "confirmed": True},
    )
    s.add(row)
    s.flush()
    uow.audit("keys.district_import", "keys", DISTRICT, before, {"fingerprint": key.fingerprint, "name": key.name})
    return _district_row(row)


def new_recovery_key(ws: Workspace, actor: Actor) -> str:
    """A new recovery key, wrapping the database key (an older recovery key stops working). It is
    returned once, to be shown and printed; nothing keeps it but the key file's wrapped copy."""
    actor.require(ROLE_ADMIN)
    return make_recovery_key(ws, actor)


def make_recovery_key(ws: Workspace, actor: Actor) -> str:
    """``new_recovery_key`` without the role check, for the set-up of a new village."""
    db = ws.db
    if db.key is None:
        raise UserError("recovery", Text("basis data ini tidak terenkripsi", "this database is not encrypted"))
    key = db.key
    recovery = keyring.new_recovery_key()
    with ws.unit_of_work(actor) as uow:
        keyring.update(db.key_path, key, lambda kf: kf.wrap_recovery(recovery, key))
        uow.audit("keys.recovery_create", "keys", "recovery", None, {})
    return recovery


def has_recovery_key(ws: Workspace) -> bool:
    kf = keyring.read(ws.db.key_path)
    return kf is not None and keyring.RECOVERY_SLOT in kf.slots
