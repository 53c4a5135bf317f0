"""The district's key pair in the hub: made by the sync package, locked by its passphrase."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.hub import keys
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models
from jamsos_desktop.sync import errors, keyfile

from .conftest import KEY_PASSPHRASE


def test_the_pair_is_made_locked_and_its_public_file_is_what_villages_import(hub: Hub, clerk: Actor) -> None:
    info = keys.init_keys(hub, clerk, name="Disnaker Kabupaten Bandung", region_code="32.04", passphrase=KEY_PASSPHRASE)
    public = keyfile.read_public_key_file(info.public_file)
    assert public.fingerprint == info.fingerprint == keys.key_info(hub).fingerprint
    assert (public.name, public.region_code) == ("Disnaker Kabupaten Bandung", "32.04")
    assert keys.needs_passphrase(hub)
    assert keys.district_keys(hub, KEY_PASSPHRASE).public.fingerprint == info.fingerprint
    with pytest.raises(errors.SyncUserError):
        keys.district_keys(hub, "bukan-kata-sandinya")
    with hub.reading() as s:
        row = s.execute(select(models.HubKey)).scalar_one()
        entry = s.execute(select(models.HubAudit).where(models.HubAudit.action == "hub.keys_init")).scalar_one()
    assert b"private" not in row.private_file.replace(b"district-private", b"")  # only the locked form
    assert entry.username == clerk.username and entry.after and entry.after["fingerprint"] == info.fingerprint


def test_the_keys_are_made_once(hub: Hub, clerk: Actor) -> None:
    keys.init_keys(hub, clerk, name="Disnaker", region_code="32.04", passphrase=KEY_PASSPHRASE)
    with pytest.raises(UserError, match="sudah punya kunci"):
        keys.init_keys(hub, clerk, name="Disnaker", region_code="32.04", passphrase=KEY_PASSPHRASE)


def test_a_key_pair_made_by_make_district_is_adopted(hub: Hub, clerk: Actor) -> None:
    made = keyfile.make_district_keys()
    for protected in (None, "kata-sandi-lama-kabupaten"):
        data = keyfile.private_key_file(made, name="Disnaker", region_code="32.04", passphrase=protected)
        if protected:
            with pytest.raises(errors.SyncUserError):  # the file's own passphrase opens it
                keys.init_keys(hub, clerk, name="Disnaker", region_code="32.04", passphrase=KEY_PASSPHRASE,
                               private_file=data)  # fmt: skip
    info = keys.init_keys(hub, clerk, name="Disnaker", region_code="32.04", passphrase=KEY_PASSPHRASE,
                          private_file=keyfile.private_key_file(made, name="Disnaker"))  # fmt: skip
    assert info.fingerprint == made.public.fingerprint
    assert keys.district_keys(hub, KEY_PASSPHRASE).to_bytes() == made.to_bytes()


def test_a_short_passphrase_and_no_keys_are_user_errors(hub: Hub, clerk: Actor) -> None:
    with pytest.raises(errors.SyncUserError):
        keys.init_keys(hub, clerk, name="Disnaker", region_code="32.04", passphrase="pendek")
    with pytest.raises(UserError, match="belum punya kunci"):
        keys.key_info(hub)
