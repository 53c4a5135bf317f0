"""The command line unlocks the encrypted register with the acting person's password, or not at all."""

from __future__ import annotations

import argparse
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jamsos_desktop.cli.main import build_parser, main

from ..conftest import TEST_PASSWORD

VILLAGE = "32.04.05.2005"
NIK = "3204054508950001"
NAME = "Siti Aminah"
SITI = ["--nik", NIK, "--kk", "3204051203150007", "--name", NAME, "--birth-place", "Bandung"]
SITI += ["--birth-date", "1995-08-05", "--sex", "P", "--dusun", "Babakan", "--rt", "3", "--rw", "2"]
SITI += ["--occupation", "9", "--category", "petani", "--income", "900000", "--phone", "081234567890"]
SITI += ["--heir-name", "Asep Suryana", "--heir-relation", "Suami", "--consent"]

#: One way to call every command that reads or writes the register.
REGISTER_COMMANDS: dict[str, list[str]] = {
    "program show": ["program", "show"],
    "program set": ["program", "set", "--quota", "5"],
    "demo": ["demo", "--workers", "1"],
    "doctor": ["doctor"],
    "user list": ["user", "list"],
    "user add": ["user", "add", "--username", "budi", "--name", "Budi", "--role", "admin"],
    "worker add": ["worker", "add", *SITI],
    "worker edit": ["worker", "edit", NIK, "--phone", "081200000000"],
    "worker show": ["worker", "show", NIK],
    "worker list": ["worker", "list"],
    "worker delete": ["worker", "delete", NIK],
    "worker withdraw-consent": ["worker", "withdraw-consent", NIK, "--reason", "surat"],
    "privacy purge": ["privacy", "purge"],
    "privacy retention": ["privacy", "retention", "--days", "30"],
    "assess": ["assess"],
    "nominate": ["nominate", NIK],
    "approve": ["approve", "--all"],
    "decline": ["decline", NIK, "--reason", "pindah"],
    "quota": ["quota"],
    "print form": ["print", "form", NIK, "--out", "f.pdf"],
    "print list": ["print", "list", "--out", "l.pdf"],
    "print decree": ["print", "decree", "--number", "1", "--date", "2026-11-21", "--out", "d.pdf"],
    "print paper": ["print", "paper"],
    "print emblem": ["print", "emblem", "emblem.png"],
    "print scan": ["print", "scan", NIK, "--out", "s.pdf"],
    "sign": ["sign", NIK],
    "verify-qr": ["verify-qr", "JAMSOS1:x"],
    "sync export": ["sync", "export", "--out", "usb"],
    "sync import-return": ["sync", "import-return", "r.jamsos"],
    "sync inspect": ["sync", "inspect", "r.jamsos"],
    "sync history": ["sync", "history"],
    "sync write-again": ["sync", "write-again", "1", "--out", "usb"],
    "sync conflicts": ["sync", "conflicts"],
    "sync resolve": ["sync", "resolve", "x", "--accept"],
    "keys show": ["keys", "show"],
    "keys import-district": ["keys", "import-district", "k.key", "--yes"],
    "user recovery-key": ["user", "recovery-key"],
    "backup": ["backup"],
    "backup settings": ["backup", "settings", "--keep-daily", "3"],
    "restore": ["restore", "b.sqlite", "--yes"],
    "audit verify": ["audit", "verify"],
    "audit list": ["audit", "list"],
    "import": ["import", "w.csv"],
    "export-register": ["export-register", "--out", "e.xlsx"],
}
#: Commands that never open the register ('backup list' reads the backups' names and dates only).
NO_REGISTER = {"init", "village search", "keys make-district", "user recover", "backup list"}
#: The district's commands: its own database, signed in with its own accounts' passwords (tests/hub).
HUB_COMMANDS = {
    "hub " + c
    for c in (
        "accept-audit",
        "duplicates",
        "export-bpjs",
        "import",
        "keys init",
        "keys show",
        "record-results",
        "report",
        "resolve",
        "return",
        "status",
        "user add",
        "user list",
    )
}


def _leaves(p: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[str]:
    subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs or (p.get_default("func") is not None and not subs[0].required):
        yield " ".join(path)  # a command of its own (``backup``), beside its sub-commands
    if not subs:
        return
    for name, sp in subs[0].choices.items():
        yield from _leaves(sp, (*path, name))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("pw") / "data"
    assert main(["--data-dir", str(data), "init", "--village", VILLAGE, "--head", "H. Dadang", "--year", "2026"]) == 0
    assert main(["--data-dir", str(data), "worker", "add", *SITI]) == 0
    # The files some commands read before they open the register.
    (data / "emblem.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (data / "r.jamsos").write_bytes(b"JAMSOS")
    (data / "w.csv").write_text("NIK;Nama\n3204054508950002;Asep\n", encoding="utf-8")
    (data / "b.sqlite").write_bytes(b"SQLite format 3\x00" + bytes(4080))
    district = data.parent / "district"
    district.mkdir()
    assert main(["keys", "make-district", "--out", str(district), "--name", "Kab. Bandung"]) == 0
    (public,) = (p for p in district.iterdir() if "RAHASIA" not in p.name)
    shutil.copyfile(public, data / "k.key")
    return data


@pytest.fixture
def data(template: Path, tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(template, d)
    return d


def run(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--data-dir", str(data), *args])
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_the_list_names_every_command_of_the_parser() -> None:
    assert set(_leaves(build_parser())) == set(REGISTER_COMMANDS) | NO_REGISTER | HUB_COMMANDS


@pytest.mark.parametrize("name", sorted(REGISTER_COMMANDS))
def test_every_register_command_refuses_without_a_password(
    name: str, data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JAMSOS_PASSWORD")
    monkeypatch.chdir(data)
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file() and not p.name.endswith("-shm")}
    code, out, err = run(data, capsys, *REGISTER_COMMANDS[name])
    assert code == 1, (out, err)
    assert "kata sandi" in err and "JAMSOS_PASSWORD" in err and "--password-fd" in err
    assert NIK not in out + err and NAME not in out + err
    after = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file() and not p.name.endswith("-shm")}
    assert after == before  # nothing written, not even a sign-in


def test_a_wrong_password_is_one_clear_line(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAMSOS_PASSWORD", "bukan-sandinya")
    code, out, err = run(data, capsys, "worker", "list")
    assert code == 1 and err.strip() == "jamsos: Kata sandi: nama pengguna atau kata sandi salah"
    assert NIK not in out


def test_the_head_acts_only_with_the_heads_password(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The head's own password differs from the operator's from here on.
    monkeypatch.setenv("JAMSOS_PASSWORD", TEST_PASSWORD)
    assert run(data, capsys, "nominate", NIK)[0] == 0
    r, w = os.pipe()
    os.write(w, b"kepala-baru-2026\n")
    os.close(w)
    # The head changes their password (acting as themself) ... through the service the GUI uses.
    from jamsos_desktop.services import accounts

    signed = accounts.sign_in(data, "kepala", TEST_PASSWORD)
    accounts.set_password(signed.ws, signed.actor, "kepala", "kepala-baru-2026")
    signed.ws.close()
    # The operator's password does not approve, neither as the head nor as the operator.
    code, _, err = run(data, capsys, "approve", "--all")
    assert code == 1 and "kata sandi salah" in err
    code, _, err = run(data, capsys, "--user", "operator", "approve", "--all")
    assert code == 1
    # The head's own password, read from a file descriptor, does.
    code, _, err = run(data, capsys, "--password-fd", str(r), "approve", "--all")
    os.close(r)
    assert code == 0, err


def test_no_admin_is_added_without_an_admins_password(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _Line("admin-baru-2026\n"))
    code, _, err = run(data, capsys, "--user", "kepala", "user", "add", "--username", "budi", "--name", "B")
    assert code == 2  # --role is required: usage
    code, out, err = run(
        data, capsys, "user", "add", "--username", "budi", "--name", "Budi", "--role", "admin", "--password-stdin"
    )
    assert code == 0, err  # the first admin, by a signed-in operator (as the wizard allows)
    monkeypatch.setattr("sys.stdin", _Line("admin-lain-2026\n"))
    code, _, err = run(
        data, capsys, "user", "add", "--username", "dewi", "--name", "Dewi", "--role", "admin", "--password-stdin"
    )
    assert code == 1  # from now on only an admin adds accounts
    monkeypatch.setenv("JAMSOS_PASSWORD", "salah-sekali")
    monkeypatch.setattr("sys.stdin", _Line("admin-lain-2026\n"))
    code, _, err = run(
        data,
        capsys,
        "--user",
        "budi",
        "user",
        "add",
        "--username",
        "dewi",
        "--name",
        "Dewi",
        "--role",
        "admin",
        "--password-stdin",
    )
    assert code == 1 and "kata sandi salah" in err
    monkeypatch.setenv("JAMSOS_PASSWORD", "admin-baru-2026")
    monkeypatch.setattr("sys.stdin", _Line("admin-lain-2026\n"))
    args = ["user", "add", "--username", "dewi", "--name", "Dewi", "--role", "admin", "--password-stdin"]
    code, _, err = run(data, capsys, "--user", "budi", *args)
    assert code == 0, err
    # The new admin's own password unlocks the register.
    monkeypatch.setenv("JAMSOS_PASSWORD", "admin-lain-2026")
    code, out, _ = run(data, capsys, "--user", "dewi", "worker", "list")
    assert code == 0 and NAME in out


def test_init_needs_both_passwords(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JAMSOS_HEAD_PASSWORD")
    code, _, err = run(tmp_path / "d", capsys, "init", "--village", VILLAGE, "--head", "H", "--year", "2026")
    assert code == 1 and "kepala" in err
    # The refusal names the variable the head's password is read from, and no --password-fd
    # (init reads only the operator's from it): following it must work.
    assert "JAMSOS_HEAD_PASSWORD" in err and "--password-fd" not in err
    assert not (tmp_path / "d" / "jamsos.sqlite").exists()  # asked before anything is made


class _Line:
    """A stand-in for stdin holding one line (not a terminal)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def readline(self) -> str:
        return self.text

    def isatty(self) -> bool:
        return False


def test_the_recovery_key_sets_a_forgotten_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    code, out, _ = run(data, capsys, "init", "--village", VILLAGE, "--head", "H", "--year", "2026")
    assert code == 0
    recovery = out.strip().splitlines()[-1].strip()
    assert len(recovery) == 39
    monkeypatch.setenv("JAMSOS_PASSWORD", "sandi-yang-baru-1")
    code, _, err = run(data, capsys, "user", "recover")
    assert code == 1 and "JAMSOS_RECOVERY_KEY" in err  # no recovery key: nothing
    monkeypatch.setenv("JAMSOS_RECOVERY_KEY", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    code, _, err = run(data, capsys, "user", "recover")
    assert code == 1 and "kunci pemulihan salah" in err
    monkeypatch.setenv("JAMSOS_RECOVERY_KEY", recovery)
    code, out, err = run(data, capsys, "user", "recover")
    assert code == 0, err
    assert run(data, capsys, "worker", "list")[0] == 0  # the new password opens it
    monkeypatch.setenv("JAMSOS_PASSWORD", TEST_PASSWORD)
    assert run(data, capsys, "worker", "list")[0] == 1  # the old one no longer does
    assert run(data, capsys, "--user", "kepala", "user", "recovery-key")[0] == 1  # admins only
