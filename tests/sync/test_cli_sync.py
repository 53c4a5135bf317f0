"""`jamsos sync ...` and `jamsos keys ...` end to end; the district is played with the sync package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jamsos_desktop.cli.main import main
from jamsos_desktop.services import accounts, users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.sync import keyfile
from jamsos_desktop.sync.crypto import KeySet

from ..conftest import TEST_PASSWORD, open_as
from .conftest import District, sign_nominations


def _with_passwords(ws: Workspace) -> Path:
    """The fixture village's accounts get passwords, as 'jamsos init' gives them: the command line
    opens only a database that a password unlocks."""
    for name in ("operator", "kepala"):
        accounts.set_password(ws, users.find_user(ws, name), name, TEST_PASSWORD)
    return ws.data_dir


class Cli:
    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data, self.capsys = data, capsys

    def __call__(self, *args: str, code: int = 0) -> tuple[str, str]:
        self.capsys.readouterr()
        try:
            got = main(["--data-dir", str(self.data), *args])
        except SystemExit as e:
            got = int(e.code or 0)
        out, err = self.capsys.readouterr()
        assert got == code, f"exit {got} != {code}\nstdout: {out}\nstderr: {err}"
        assert "Traceback" not in out + err
        return out, err


def test_sync_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = Cli(tmp_path / "data", capsys)
    usb, hub = tmp_path / "usb", tmp_path / "hub"
    usb.mkdir()
    hub.mkdir()
    cli("init", "--village", "32.04.05.2005", "--head", "H. Dadang Suherman", "--year", "2026")
    cli("demo", "--workers", "60")
    ws = open_as(tmp_path / "data")
    try:
        sign_nominations(ws, users.default_actor(ws), users.default_actor(ws, approving=True), 5)
    finally:
        ws.close()

    out, _ = cli("keys", "show")
    assert "Kunci perangkat ini" in out and "belum diimpor" in out
    _, err = cli("sync", "export", "--out", str(usb), code=1)
    assert err.count("\n") == 1 and "Kunci kabupaten: kunci kabupaten belum diimpor" in err

    # The district makes its keys (district side) and reads the fingerprint out on the phone.
    out, _ = cli(
        "keys", "make-district", "--out", str(hub), "--name", "Disnaker Kabupaten Bandung", "--region", "32.04"
    )
    assert out.startswith("[SISI KABUPATEN]")
    pub = Path(out.strip().splitlines()[-1])
    private = hub / "kunci-kabupaten-RAHASIA.json"
    info, district_keys = keyfile.read_private_key_file(private.read_bytes())
    assert district_keys.encryption_private.hex() not in out
    _, err = cli("keys", "import-district", str(pub), "--fingerprint", "11111 22222 33333 44444 55555 66666", code=1)
    assert "Sidik jari kunci" in err and "tidak cocok" in err
    out, _ = cli("keys", "import-district", str(pub), "--fingerprint", info.fingerprint.replace(" ", ""))
    assert info.fingerprint in out
    shown = json.loads(cli("keys", "show", "--json")[0])
    assert shown["district"]["fingerprint"] == info.fingerprint
    assert "private" not in json.dumps(shown)

    out, _ = cli("sync", "export", "--out", str(usb))
    path = Path(out.strip().splitlines()[-1])
    assert path.parent == usb and path.name.endswith("_000001.jamsync") and path.exists()
    assert "5 usulan ditandai Dikirim" in out
    out, _ = cli("sync", "export", "--out", str(usb))
    assert Path(out.strip().splitlines()[-1]).name.endswith("_000002.jamsync")

    district = District(district_keys)
    x = district.open(path.read_bytes())
    ret = hub / "hasil.jamsync"
    ret.write_bytes(district.answer(x))
    out, _ = cli("sync", "import-return", str(ret))
    assert "5 terdaftar" in out
    out, _ = cli("sync", "import-return", str(ret))
    assert "sudah pernah diterapkan" in out

    hist = json.loads(cli("sync", "history", "--json")[0])
    assert [e["seq"] for e in hist["exports"]] == [2, 1]
    assert hist["imports"][0]["applied"]["registered"] == 5
    out, _ = cli("sync", "history")
    assert "Kiriman ke kabupaten" in out and path.name in out and "kabupaten" in out

    again = tmp_path / "again"
    again.mkdir()
    out, _ = cli("sync", "write-again", "1", "--out", str(again))
    assert Path(out.strip()).read_bytes() == path.read_bytes()
    out, _ = cli("sync", "conflicts")
    assert "Tidak ada konflik" in out

    # A damaged file: exit 1, one line on stderr, in Indonesian.
    bad = hub / "rusak.jamsync"
    bad.write_bytes(ret.read_bytes()[:-10])
    _, err = cli("sync", "import-return", str(bad), code=1)
    assert err.count("\n") == 1 and "rusak atau terpotong" in err
    # A return signed by someone else.
    other = District(KeySet.generate())
    bad.write_bytes(other.answer(x))
    _, err = cli("sync", "import-return", str(bad), code=1)
    assert "tidak ditandatangani oleh kabupaten yang terdaftar" in err


def test_passphrase_export_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(tmp_path / "data", capsys)
    usb = tmp_path / "usb"
    usb.mkdir()
    cli("init", "--village", "32.04.05.2005", "--head", "H. Dadang Suherman", "--year", "2026")
    monkeypatch.setenv("JAMSOS_SYNC_PASSPHRASE", "sandi-kabupaten-2026")
    out, _ = cli("sync", "export", "--out", str(usb), "--passphrase")
    from jamsos_desktop.sync.village_export import read_export

    x = read_export(Path(out.strip().splitlines()[-1]).read_bytes(), passphrase="sandi-kabupaten-2026")
    assert x.seq == 1 and x.tables["village"].rows


def test_conflicts_from_the_command_line(
    village: Workspace, operator: object, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jamsos_desktop.services import sync as sync_service
    from jamsos_desktop.services import workers

    cli = Cli(_with_passwords(village), capsys)
    usb = tmp_path / "stick"
    usb.mkdir()
    path = Path(cli("sync", "export", "--out", str(usb))[0].strip().splitlines()[-1])
    x = district.open(path.read_bytes())
    first = x.tables["nominations"].records()[0]
    workers.edit_worker(village, operator, first["worker_id"], {"address": "Jl. Baru 3"})  # type: ignore[arg-type]
    ret = tmp_path / "hasil.jamsync"
    ret.write_bytes(district.answer(x))
    out = json.loads(cli("sync", "import-return", str(ret), "--json")[0])
    assert out["conflicts"] == 1 and out["applied"]["registered"] == 9
    out, _ = cli("sync", "conflicts")
    assert first["id"] in out and "data pekerja diubah" in out and "Terdaftar BPJS (KPJ" in out
    listed = json.loads(cli("sync", "conflicts", "--json")[0])
    assert [c["nomination_id"] for c in listed] == [first["id"]]
    _, err = cli("sync", "resolve", "0190ffff", "--keep", code=1)
    assert "Konflik" in err
    out, _ = cli("sync", "resolve", first["id"][-8:], "--keep")
    assert "Data desa dipertahankan" in out
    assert sync_service.list_conflicts(village) == []


def test_make_district_protected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(tmp_path / "data", capsys)
    hub = tmp_path / "hub"
    hub.mkdir()
    monkeypatch.setenv("JAMSOS_DISTRICT_KEY_PASSPHRASE", "sandi kunci kabupaten")
    cli("keys", "make-district", "--out", str(hub), "--name", "Disnaker", "--protect")
    data = (hub / "kunci-kabupaten-RAHASIA.json").read_bytes()
    assert keyfile.is_protected(data)
    assert keyfile.read_private_key_file(data, "sandi kunci kabupaten")[0].name == "Disnaker"


def test_inspect(village: Workspace, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = Cli(_with_passwords(village), capsys)
    usb = tmp_path / "stick"
    usb.mkdir()
    path = Path(cli("sync", "export", "--out", str(usb))[0].strip().splitlines()[-1])
    out, _ = cli("sync", "inspect", str(path))
    assert "kiriman desa" in out and "Dibuat oleh komputer ini: kiriman nomor 1" in out
    ret = tmp_path / "hasil.jamsync"
    ret.write_bytes(district.answer(district.open(path.read_bytes())))
    d = json.loads(cli("sync", "inspect", str(ret), "--json")[0])
    assert d["kind"] == "district-return" and d["signed_by_configured_district"] and d["for_this_device"]
    assert d["applied_as_return"] is None
    cli("sync", "import-return", str(ret))
    out, _ = cli("sync", "inspect", str(ret))
    assert "Dari kabupaten yang terdaftar: ya" in out and "Sudah pernah diterapkan" in out
    bad = tmp_path / "rusak.jamsync"
    bad.write_bytes(ret.read_bytes()[:100])
    _, err = cli("sync", "inspect", str(bad), code=1)
    assert "rusak atau terpotong" in err


def test_key_import_needs_a_confirmation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], district: District
) -> None:
    cli = Cli(tmp_path / "data", capsys)
    cli("init", "--village", "32.04.05.2005", "--head", "H. Dadang Suherman", "--year", "2026")
    pub = tmp_path / "kunci.jamkey"
    pub.write_bytes(district.public_file)
    out, err = cli("keys", "import-district", str(pub), code=1)  # no terminal, nothing typed
    assert district.keys.public.fingerprint in out and "belum dicocokkan" in err
    assert json.loads(cli("keys", "show", "--json")[0])["district"] is None
    out, _ = cli("keys", "import-district", str(pub), "--yes")
    assert "Kunci kabupaten disimpan" in out
    assert json.loads(cli("keys", "show", "--json")[0])["district"]["fingerprint"] == district.keys.public.fingerprint
