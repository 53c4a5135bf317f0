"""The district's key pair, kept by the hub.

The pair and both key files are made by the sync package's own code (``sync/keyfile.py``, the
same that ``jamsos keys make-district`` uses): the public ``.jamkey`` that villages import,
and the private key file, which the hub keeps *inside its database* in the passphrase-protected
form. A copied hub database therefore opens no village file without the passphrase, and the
clerk has no second file to lose. A district that already made its keys with ``sync keys
make-district`` (and whose villages already trust that ``.jamkey``) adopts that private key
file instead of making a new pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.actors import Actor
from ..domain.text import Text, UserError
from ..sync import keyfile
from ..sync.crypto import KeySet, PublicKeySet, check_passphrase
from .context import Hub
from .storage import models
from .storage.models import ROLE_CLERK, ROLE_HEAD

DISTRICT = "district"


@dataclass(frozen=True, slots=True)
class HubKeyInfo:
    name: str
    region_code: str
    fingerprint: str
    public_file: bytes  # the .jamkey the villages import


def _info(row: models.HubKey) -> HubKeyInfo:
    pub = keyfile.public_key_file(
        PublicKeySet.from_bytes(row.public), name=row.district_name, region_code=row.region_code
    )
    return HubKeyInfo(row.district_name, row.region_code, row.fingerprint, pub)


def _no_keys() -> UserError:
    return UserError(
        "hub_keys",
        Text(
            "hub belum punya kunci; jalankan 'jamsos hub keys init'",
            "the hub has no keys yet; run 'jamsos hub keys init'",
        ),
    )


def init_keys(
    hub: Hub,
    actor: Actor,
    *,
    name: str,
    region_code: str,
    passphrase: str,
    private_file: bytes | None = None,
) -> HubKeyInfo:
    """Makes the district's key pair (or adopts ``private_file``, a key file of ``sync keys
    make-district``, opened with ``passphrase`` when it is protected) and keeps it protected by
    ``passphrase``. Refused when the hub has keys already: villages trust them."""
    actor.require(ROLE_CLERK, ROLE_HEAD)
    if not name.strip():
        raise UserError("name", Text("wajib diisi", "is required"))
    check_passphrase(passphrase)
    if private_file is not None:
        info, keys = keyfile.read_private_key_file(
            private_file, passphrase if keyfile.is_protected(private_file) else None
        )
        name = name or info.name
        region_code = region_code or info.region_code
    else:
        keys = keyfile.make_district_keys()
    protected = keyfile.private_key_file(keys, name=name, region_code=region_code, passphrase=passphrase)
    with hub.unit_of_work(actor) as uow:
        if uow.session.get(models.HubKey, DISTRICT) is not None:
            raise UserError(
                "hub_keys",
                Text(
                    "hub sudah punya kunci kabupaten; desa sudah memakainya, jadi tidak dibuat ulang",
                    "the hub already has the district keys; villages use them, so they are not made again",
                ),
            )
        row = models.HubKey(
            name=DISTRICT,
            district_name=name.strip(),
            region_code=region_code.strip(),
            fingerprint=keys.public.fingerprint,
            public=keys.public.to_bytes(),
            private_file=protected,
            created_by=actor.username,
        )
        uow.session.add(row)
        uow.session.flush()
        uow.audit(
            "hub.keys_init",
            "hub_keys",
            DISTRICT,
            None,
            {
                "fingerprint": row.fingerprint,
                "name": row.district_name,
                "region_code": row.region_code,
                "adopted": private_file is not None,
            },
        )
        return _info(row)


def key_info(hub: Hub) -> HubKeyInfo:
    with hub.reading() as s:
        row = s.get(models.HubKey, DISTRICT)
        if row is None:
            raise _no_keys()
        return _info(row)


def region_code(hub: Hub) -> str:
    """The region the hub serves ("" when its keys name none)."""
    return key_info(hub).region_code


def needs_passphrase(hub: Hub) -> bool:
    with hub.reading() as s:
        row = s.get(models.HubKey, DISTRICT)
        if row is None:
            raise _no_keys()
        return keyfile.is_protected(row.private_file)


def district_keys(hub: Hub, passphrase: str | None) -> KeySet:
    """The private keys, opened with the passphrase (a wrong one is a ``SyncUserError``)."""
    with hub.reading() as s:
        row = s.get(models.HubKey, DISTRICT)
        if row is None:
            raise _no_keys()
        data = bytes(row.private_file)
    _, keys = keyfile.read_private_key_file(data, passphrase)
    return keys


__all__ = ["DISTRICT", "HubKeyInfo", "district_keys", "init_keys", "key_info", "needs_passphrase", "region_code"]
