"""The encrypted database: the key file, the cipher, migrations, backups and the plain conversion."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from jamsos_desktop import paths
from jamsos_desktop.domain.text import NotFound, UserError
from jamsos_desktop.services import accounts, users, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver, keyring
from jamsos_desktop.storage.db import SQLITE_HEADER, current_revision, head_revision, open_database

from ..conftest import TEST_PASSWORD

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def locked(workspace: Workspace) -> Workspace:
    """The conftest village, its operator and head given passwords (the set-up slot is gone)."""
    for name in ("operator", "kepala"):
        accounts.set_password(workspace, users.find_user(workspace, name), name, TEST_PASSWORD)
    return workspace


def test_the_file_is_encrypted_with_the_stated_cipher(workspace: Workspace) -> None:
    assert workspace.db.encrypted
    assert workspace.db.path.read_bytes()[:16] != SQLITE_HEADER
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(workspace.db.path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    with workspace.db.plain() as conn:
        for name, value in driver.CIPHER_SETTINGS:
            assert str(conn.execute(f"PRAGMA {name}").fetchone()[0]) == value
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # temp tables in memory only


def test_a_wrong_key_is_a_clear_message(workspace: Workspace) -> None:
    workspace.close()
    with pytest.raises(driver.WrongKey):
        driver.connect(workspace.db.path, b"\1" * 32)
    with pytest.raises(UserError, match="tidak bisa dibuka dengan kunci ini"):
        open_database(workspace.db.path, key=b"\1" * 32)


def test_any_user_unlocks_and_a_password_change_rewraps_only_that_copy(locked: Workspace) -> None:
    data = locked.data_dir
    kpath = locked.db.key_path
    before = json.loads(kpath.read_text())["slots"]
    assert set(before) == {"user:operator", "user:kepala"}
    accounts.set_password(locked, users.find_user(locked, "kepala"), "kepala", "sandi-baru-kepala")
    after = json.loads(kpath.read_text())["slots"]
    assert after["user:operator"] == before["user:operator"] and after["user:kepala"] != before["user:kepala"]
    locked.close()
    for name, pw in (("operator", TEST_PASSWORD), ("kepala", "sandi-baru-kepala")):
        ws = accounts.unlock(data, name, pw)
        assert ws.db.key == locked.db.key
        ws.close()
    with pytest.raises(UserError, match="kata sandi salah"):
        accounts.unlock(data, "kepala", TEST_PASSWORD)
    with pytest.raises(NotFound):
        accounts.unlock(data, "siapa", TEST_PASSWORD)
    with pytest.raises(UserError, match="terkunci"):
        Workspace.open(data)  # no password: no database


def test_a_new_user_gets_a_copy(locked: Workspace) -> None:
    admin = users.add_user(locked, Actor(None, "t", "t", "admin"), username="admin", full_name="A", role="admin")
    assert "user:admin" not in keyring.read(locked.db.key_path).slots  # type: ignore[union-attr]
    accounts.set_password(locked, admin, "admin", "sandi-admin-1")
    users.add_user(locked, admin, username="dewi", full_name="Dewi", role="operator", password="sandi-dewi-1")
    locked.close()
    accounts.unlock(locked.data_dir, "dewi", "sandi-dewi-1").close()
    accounts.unlock(locked.data_dir, "admin", "sandi-admin-1").close()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["slots"].pop("user:kepala"),
        lambda d: d["slots"].__setitem__("user:mallory", dict(d["slots"]["user:operator"])),
        lambda d: d.__setitem__("file_id", "0" * 32),
        lambda d: d["slots"]["user:kepala"].__setitem__("cost", {"t": 1, "m": 8, "p": 2}),
        lambda d: d.__setitem__("mac", "0" * 64),
    ],
)
def test_any_change_to_the_key_file_is_detected(locked: Workspace, tamper: object) -> None:
    locked.close()
    kpath = locked.db.key_path
    doc = json.loads(kpath.read_text())
    tamper(doc)  # type: ignore[operator]
    kpath.write_text(json.dumps(doc))
    with pytest.raises(UserError) as err:
        accounts.unlock(locked.data_dir, "operator", TEST_PASSWORD)
    assert "berkas kunci rusak atau diubah" in err.value.message() or "kata sandi salah" in err.value.message()


@pytest.mark.parametrize(
    "content", [b"", b"{", b"[]", b'{"format": "x"}', b"\xff\xfe", b'{"format": "jamsos-keys", "version": 9}']
)
def test_a_damaged_key_file_is_a_clear_message(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "jamsos.keys"
    p.write_bytes(content)
    with pytest.raises(UserError):
        keyring.read(p)


def test_the_key_file_is_written_atomically_and_privately(locked: Workspace) -> None:
    kpath = locked.db.key_path
    assert kpath.stat().st_mode & 0o077 == 0
    assert [p.name for p in kpath.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_recovery_keys_are_read_as_people_type_them() -> None:
    k = keyring.new_recovery_key()
    assert len(k.split("-")) == 8 and all(len(g) == 4 for g in k.split("-"))
    assert keyring.parse_recovery_key(k.lower().replace("-", " ")) == keyring.parse_recovery_key(k)
    assert keyring.parse_recovery_key(k.replace("O", "0").replace("I", "1")) == keyring.parse_recovery_key(k)
    for bad in ("", "ABCD", k + "A", "!!!!-" * 8):
        with pytest.raises(UserError):
            keyring.parse_recovery_key(bad)


@pytest.mark.parametrize("fixture", ["schema_0001.sqlite", "schema_0005.sqlite"])
def test_an_old_encrypted_schema_is_backed_up_encrypted_and_upgraded(tmp_path: Path, fixture: str) -> None:
    plain = tmp_path / "plain.sqlite"
    shutil.copy(FIXTURES / fixture, plain)
    db_path = tmp_path / "data" / "jamsos.sqlite"
    db_path.parent.mkdir()
    key = keyring.new_database_key()
    driver.export_encrypted(plain, db_path, key)
    db = open_database(db_path, key=key, backup_dir=tmp_path / "data" / "backups")
    try:
        assert current_revision(db.engine) == head_revision()
        (saved,) = (tmp_path / "data" / "backups").glob("*.sqlite")
        assert saved.read_bytes()[:16] != SQLITE_HEADER
        c = driver.connect(saved, key)
        assert c.execute("select count(*) from workers").fetchone() == (3,)
        c.close()
    finally:
        db.close()


def test_a_plain_database_is_converted_at_the_first_sign_in(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "schema_0005.sqlite", paths.db_path(data))
    ws = Workspace.open(data)  # upgraded as a plain file, a plain backup made first
    assert not ws.db.encrypted
    accounts.set_password(ws, users.find_user(ws, "operator"), "operator", TEST_PASSWORD)
    ws.close()
    (plain_backup,) = paths.backup_dir(data).glob("*.sqlite")
    assert plain_backup.read_bytes()[:16] == SQLITE_HEADER
    signed = accounts.sign_in(data, "operator", TEST_PASSWORD)
    try:
        assert signed.ws.db.encrypted and signed.recovery_key
        assert workers.count_workers(signed.ws) == 3
        assert [w.name for w in workers.list_workers(signed.ws, workers.WorkerQuery(search="amin"))] == ["Siti Aminah"]
    finally:
        signed.ws.close()
    # No plain copy is left: the file, its backups, no leftovers beside it.
    for f in [*data.iterdir(), *paths.backup_dir(data).iterdir()]:
        if f.is_file():
            assert b"Siti Aminah" not in f.read_bytes(), f.name
    assert not [f.name for f in data.iterdir() if f.name.endswith((".plain", ".encrypting"))]
    assert len(list(paths.backup_dir(data).glob("*-encrypted.sqlite"))) == 1
    accounts.unlock_with_recovery(data, signed.recovery_key).close()
    # A wrong password on the plain file converts nothing.


def test_a_wrong_password_does_not_convert(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "schema_0005.sqlite", paths.db_path(data))
    ws = Workspace.open(data)
    accounts.set_password(ws, users.find_user(ws, "operator"), "operator", TEST_PASSWORD)
    ws.close()
    with pytest.raises(UserError):
        accounts.sign_in(data, "operator", "salah-sekali")
    assert paths.db_path(data).read_bytes()[:16] == SQLITE_HEADER
    assert keyring.read(keyring.key_path(paths.db_path(data))) is None


def test_the_cost_setting_is_read_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(keyring.COST_ENV, "2:1024:1")
    assert keyring.default_cost() == keyring.KdfCost(2, 1024, 1)
    for bad in ("x", "1:2", "0:8:1", "1:99999999:1"):
        monkeypatch.setenv(keyring.COST_ENV, bad)
        with pytest.raises(UserError):
            keyring.default_cost()
    monkeypatch.delenv(keyring.COST_ENV)
    assert keyring.default_cost() == keyring.KdfCost(2, 32_768, 1)
