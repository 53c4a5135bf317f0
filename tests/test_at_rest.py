"""Nothing readable at rest: after a realistic session, no name or NIK in any file the app keeps.

First run, three workers with known names and NIKs, nominations and the head's approval, printing,
a sync export, a password change and a schema upgrade (with its backup); then every file in the
data folder (the database, its -wal and -shm, the key file, backups, logs), the temp folder and
the sync file are searched for every name and NIK, as text and as UTF-16.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from jamsos_desktop import paths
from jamsos_desktop.cli.main import main
from jamsos_desktop.services import accounts

from .conftest import TEST_PASSWORD

PEOPLE = [
    ("3204054508950001", "3204051203150007", "Sulastri Wulandari", "1995-08-05", "P"),
    ("3204051708880002", "3204051203150008", "Bambang Hartono", "1988-08-17", "L"),
    ("3204056204900003", "3204051203150009", "Yuliani Rahmawati", "1990-04-22", "P"),
]
HEIR = "Darmawan Sukmajaya"
PHONE = "081298765432"


def _run(data: Path, *args: str) -> None:
    code = main(["--data-dir", str(data), *args])
    assert code == 0, args


def _secrets() -> list[bytes]:
    out: list[bytes] = []
    for nik, kk, name, _, _ in PEOPLE:
        for s in (nik, kk, name, name.upper(), name.split()[1]):
            out += [s.encode(), s.encode("utf-16-le")]
    return [*out, HEIR.encode(), PHONE.encode()]


def test_no_name_or_nik_is_readable_in_any_file_at_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, usb, prints, temp = (tmp_path / d for d in ("data", "usb", "prints", "tmp"))
    for d in (usb, prints, temp):
        d.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("JAMSOS_SYNC_PASSPHRASE", "frasa-kiriman-kabupaten-2026")
    _run(data, "init", "--village", "32.04.05.2005", "--head", "H. Dadang Suherman", "--year", "2026")
    for nik, kk, name, born, sex in PEOPLE:
        _run(
            data,
            "worker",
            "add",
            *("--nik", nik, "--kk", kk, "--name", name, "--birth-place", "Bandung", "--birth-date", born),
            *("--sex", sex, "--dusun", "Babakan", "--rt", "3", "--rw", "2", "--occupation", "9"),
            *("--category", "petani", "--income", "900000", "--phone", PHONE),
            *("--heir-name", HEIR, "--heir-relation", "Suami", "--consent"),
        )
    _run(data, "worker", "edit", PEOPLE[0][0], "--dusun", "Sukasari")  # an audit snapshot with before/after
    _run(data, "nominate", *(p[0] for p in PEOPLE))
    _run(data, "approve", "--all")
    _run(data, "print", "form", "--all-approved", "--out", str(prints / "formulir.pdf"))
    _run(data, "print", "list", "--out", str(prints / "daftar.pdf"))
    _run(data, "sync", "export", "--out", str(usb), "--passphrase")
    signed = accounts.sign_in(data, "operator", TEST_PASSWORD)
    accounts.set_password(signed.ws, signed.actor, "operator", "sandi-baru-operator")
    # A schema upgrade: back to the previous revision, then the next opening backs up and upgrades.
    from alembic import command

    from jamsos_desktop.storage.db import _alembic_config

    with signed.ws.db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0005")
    signed.ws.close()
    # Searched while the database is open (its -wal and -shm hold the latest writes) and after.
    signed = accounts.sign_in(data, "operator", "sandi-baru-operator")
    try:
        from jamsos_desktop.services import workers

        assert workers.count_workers(signed.ws) == 3
        _search(tmp_path, (data, temp, usb), expect={"jamsos.sqlite-wal", "jamsos.sqlite-shm"})
    finally:
        signed.ws.close()
    assert list(paths.backup_dir(data).glob("*rev0005.sqlite"))
    _search(tmp_path, (data, temp, usb), expect={"jamsos.sqlite", "jamsos.keys", "jamsos.log"})


def _search(top: Path, roots: tuple[Path, ...], expect: set[str]) -> None:
    files = [f for root in roots for f in root.rglob("*") if f.is_file()]
    assert {f.name for f in files} >= expect
    assert any(f.parent.name == "backups" for f in files) and any(f.parent.name == "usb" for f in files)
    found = {f.relative_to(top).as_posix(): s for f in files for s in _secrets() if s in f.read_bytes()}
    assert found == {}
