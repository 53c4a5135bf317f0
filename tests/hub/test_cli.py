"""`jamsos hub ...` as a clerk types it (and as a script runs it), on both engines."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from jamsos_desktop.cli.main import main
from jamsos_desktop.sync import keyfile

from .conftest import KEY_PASSPHRASE, PASSWORD
from .villages import OUTSIDE, A, B, C, VillageFiles


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("JAMSOS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JAMSOS_HUB_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("JAMSOS_HUB_PASSWORD", PASSWORD)
    monkeypatch.setenv("JAMSOS_DISTRICT_KEY_PASSPHRASE", KEY_PASSPHRASE)
    monkeypatch.delenv("JAMSOS_HUB_DB", raising=False)
    return tmp_path


def hub(url: str, *args: str) -> int:
    return main(["hub", "--db", url, *args])


def set_up(url: str, tmp: Path, files: VillageFiles) -> Path:
    """The first account (head of office), then the district key adopted from its key file."""
    private = tmp / "kunci-kabupaten-RAHASIA.json"
    private.write_bytes(files.private_file)
    out = tmp / "kunci"
    out.mkdir()
    assert hub(url, "user", "add", "kepala", "--name", "Kepala Bidang", "--role", "head") == 0
    assert (
        hub(
            url,
            "--user",
            "kepala",
            "keys",
            "init",
            "--name",
            "Disnaker",
            "--region",
            "32.04",
            "--out",
            str(out),
            "--from",
            str(private),
        )
        == 0
    )
    return out


def test_a_clerk_imports_a_folder_and_reads_the_status(
    env: Path, hub_url: str, village_files: VillageFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    keys_out = set_up(hub_url, env, village_files)
    jamkey = keys_out / f"kunci-kabupaten{keyfile.PUBLIC_SUFFIX}"
    assert keyfile.read_public_key_file(jamkey.read_bytes()).fingerprint == village_files.keys.public.fingerprint
    inbox = env / "kiriman"
    inbox.mkdir()
    for code in (A, B, C):
        for p in village_files.files[code]:
            shutil.copy(p, inbox / p.name)
    shutil.copy(village_files.files[OUTSIDE][0], inbox / village_files.files[OUTSIDE][0].name)
    capsys.readouterr()
    assert hub(hub_url, "--user", "kepala", "import", str(inbox), "--json") == 1  # one file refused
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert sorted(o["outcome"] for o in out) == ["imported"] * 5 + ["refused"]
    refused = next(o for o in out if o["outcome"] == "refused")
    assert refused["code"] == "other_region" and refused["name"] == village_files.files[OUTSIDE][0].name
    assert "6/6" in captured.err  # the progress, on stderr
    # again: nothing new; the refused file is refused again, the rest is already there
    assert hub(hub_url, "--user", "kepala", "import", str(inbox)) == 1
    text = capsys.readouterr().out
    assert "5 sudah ada" in text and "1 ditolak" in text
    assert hub(hub_url, "--user", "kepala", "status", "--json") == 0
    st = json.loads(capsys.readouterr().out)
    assert [v["code"] for v in st["villages"]] == [A, B, C]
    assert st["regency"]["villages"] == 3 and st["regency"]["workers"] == sum(v["workers"] for v in st["villages"])
    assert {k["name"] for k in st["kecamatan"]} == {"Cileunyi", "Banjaran"}
    assert hub(hub_url, "--user", "kepala", "status") == 0
    assert "Cibiru Hilir" in capsys.readouterr().out


def test_the_password_comes_from_a_file_descriptor_and_a_wrong_one_is_refused(
    env: Path,
    hub_url: str,
    village_files: VillageFiles,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_up(hub_url, env, village_files)
    capsys.readouterr()
    monkeypatch.delenv("JAMSOS_HUB_PASSWORD")
    r, w = os.pipe()
    os.write(w, f"{PASSWORD}\n".encode())
    os.close(w)
    try:
        assert hub(hub_url, "--user", "kepala", "--password-fd", str(r), "user", "list", "--json") == 0
    finally:
        os.close(r)
    assert [u["username"] for u in json.loads(capsys.readouterr().out)] == ["kepala"]
    monkeypatch.setenv("JAMSOS_HUB_PASSWORD", "bukan-sandinya")
    assert hub(hub_url, "--user", "kepala", "status") == 1
    assert "kata sandi salah" in capsys.readouterr().err
    monkeypatch.delenv("JAMSOS_HUB_PASSWORD")
    assert hub(hub_url, "--user", "kepala", "status") == 1  # no terminal to ask on
    assert "JAMSOS_HUB_PASSWORD" in capsys.readouterr().err


def test_a_second_account_needs_the_head_of_office(
    env: Path, hub_url: str, village_files: VillageFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    set_up(hub_url, env, village_files)
    assert hub(hub_url, "user", "add", "petugas", "--name", "Petugas Satu") == 1  # nobody signed in
    assert hub(hub_url, "--user", "kepala", "user", "add", "petugas", "--name", "Petugas Satu") == 0
    assert hub(hub_url, "--user", "petugas", "user", "add", "lain", "--name", "Orang Lain") == 1
    assert "head" in capsys.readouterr().err


def test_the_default_hub_is_a_file_in_the_data_folder_or_jamsos_hub_db(
    env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert main(["hub", "user", "add", "kepala", "--name", "Kepala", "--role", "head"]) == 0
    assert (tmp_path / "data" / "jamsos-hub.sqlite").exists()
    monkeypatch.setenv("JAMSOS_HUB_DB", f"sqlite:///{tmp_path / 'lain.sqlite'}")
    assert main(["hub", "user", "add", "kepala", "--name", "Kepala", "--role", "head"]) == 0
    assert (tmp_path / "lain.sqlite").exists()


def test_hub_user_list_names_the_roles_in_the_language_in_use(
    env: Path, hub_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert hub(hub_url, "user", "add", "kepala", "--name", "Kepala Bidang", "--role", "head") == 0
    assert hub(hub_url, "--user", "kepala", "user", "add", "budi", "--name", "Budi", "--role", "clerk") == 0
    capsys.readouterr()
    assert main(["--lang", "en", "hub", "--db", hub_url, "--user", "kepala", "user", "list"]) == 0
    out = capsys.readouterr().out
    assert "Head of office (head)" in out and "Clerk (clerk)" in out and "account" in out
    assert not any(word in out for word in ("Kepala kantor", "Petugas", "akun", "peran")), out
    assert main(["--lang", "id", "hub", "--db", hub_url, "--user", "kepala", "user", "list"]) == 0
    out = capsys.readouterr().out
    assert "Kepala kantor (head)" in out and "Petugas (clerk)" in out


@pytest.mark.parametrize("engine_name", ["postgresql"], indirect=True)
def test_the_server_password_is_asked_on_a_terminal_and_said_without_one(
    hub_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An address without the server's password: on a terminal it is asked for (again after a
    wrong one), without one the refusal names PGPASSWORD and pgpass; never echoed or printed."""
    import argparse
    import sys

    from jamsos_desktop.cli import hub_cmds
    from jamsos_desktop.hub.storage import db as hub_db

    secret = hub_db.make_url(hub_url).password
    assert secret
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    bare = hub_db.without_password(hub_url)
    assert hub(bare, "status") == 1  # no terminal here
    err = capsys.readouterr().err
    assert "meminta kata sandi" in err and "PGPASSWORD" in err and f":{secret}@" not in err

    typed = ["bukan-sandinya", secret]
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(hub_cmds.getpass, "getpass", lambda prompt: typed.pop(0))
    opened = hub_cmds.open_hub(argparse.Namespace(db=bare), tmp_path)
    try:
        assert typed == [] and opened.store.dialect == "postgresql"
        assert "server menolak" in capsys.readouterr().err  # said before asking again
    finally:
        opened.close()
