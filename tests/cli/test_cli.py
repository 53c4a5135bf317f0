"""The command line end to end, in a temporary data directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jamsos_desktop.cli.main import main

VILLAGE = "32.04.05.2005"
SITI = [
    "--nik",
    "3204054508950001",
    "--kk",
    "3204051203150007",
    "--name",
    "Siti Aminah",
    "--birth-place",
    "Bandung",
    "--birth-date",
    "1995-08-05",
    "--sex",
    "P",
    "--dusun",
    "Babakan",
    "--rt",
    "3",
    "--rw",
    "2",
    "--occupation",
    "9",
    "--category",
    "petani",
    "--income",
    "900000",
    "--phone",
    "081234567890",
    "--heir-name",
    "Asep Suryana",
    "--heir-relation",
    "Suami",
    "--consent",
]


class Cli:
    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data, self.capsys = data, capsys

    def __call__(self, *args: str, code: int = 0) -> tuple[str, str]:
        self.capsys.readouterr()
        try:
            got = main(["--data-dir", str(self.data), *args])
        except SystemExit as e:  # argparse
            got = int(e.code or 0)
        out, err = self.capsys.readouterr()
        assert got == code, f"exit {got} != {code}\nstdout: {out}\nstderr: {err}"
        assert "Traceback" not in out + err
        return out, err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


@pytest.fixture
def village(cli: Cli) -> Cli:
    cli("init", "--village", VILLAGE, "--head", "H. Dadang Suherman", "--operator", "Rina Marlina", "--year", "2026")
    return cli


def test_readme_flow(village: Cli) -> None:
    cli = village
    out, _ = cli("demo", "--workers", "300")
    assert out.startswith("300 pekerja ditambahkan;")
    out, _ = cli("assess")
    assert "300 pekerja dinilai" in out and "dalam kuota" in out
    out, _ = cli("nominate", "--ranked")
    assert out.startswith("100 diusulkan; kuota 100/100, anggaran Rp20.160.000")
    out, _ = cli("approve", "--all")
    assert out.strip() == "100 disetujui"
    out, _ = cli("quota", "--json")
    q = json.loads(out)
    assert q["counted"] == 100 and q["by_status"] == {"approved": 100} and q["budget_used"] == 20_160_000
    out, _ = cli("doctor")
    assert "Hasil: baik" in out


def test_worker_commands(village: Cli) -> None:
    cli = village
    out, err = cli("worker", "add", *SITI)
    wid = out.strip()
    assert len(wid) == 36 and err == ""
    shown = json.loads(cli("worker", "show", "3204054508950001", "--json")[0])
    assert {k: shown[k] for k in ("id", "nik", "name", "birth_date", "sex", "status")} == {
        "id": wid,
        "nik": "3204054508950001",
        "name": "Siti Aminah",
        "birth_date": "1995-08-05",
        "sex": "P",
        "status": "recorded",
    }
    listed = json.loads(cli("worker", "list", "--search", "siti am", "--json")[0])
    assert [w["id"] for w in listed] == [wid]
    cli("worker", "edit", wid[-8:], "--dusun", "Sukasari")
    assert json.loads(cli("worker", "show", wid, "--json")[0])["dusun"] == "Sukasari"
    out = json.loads(cli("assess", "--json")[0])
    assert out[0]["id"] == wid and out[0]["nik"] == "3204054508950001" and out[0]["eligible"] is True
    assert {r["rule"] for r in out[0]["rules"]} >= {"age", "resident", "informal_sector", "not_participant"}
    assert all(r["reason"] for r in out[0]["rules"])
    cli("nominate", wid)
    cli("decline", wid, "--reason", "belum lengkap")
    out, _ = cli("worker", "show", wid)
    assert "Ditolak kepala desa oleh kepala: belum lengkap" in out
    cli("worker", "delete", wid)
    assert json.loads(cli("worker", "list", "--json")[0]) == []


def test_warnings_go_to_stderr_with_exit_0(village: Cli) -> None:
    args = list(SITI)
    i = args.index("--heir-name")
    del args[i : i + 4]
    out, err = village("worker", "add", *args)
    assert out.strip() and "peringatan: Nama ahli waris: belum diisi" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["worker", "add", *SITI[:1], "3204054508950000", *SITI[2:]],
            "NIK '3204054508950000': nomor urut NIK tidak boleh 0000",
        ),
        (["worker", "add", *SITI[:1], "3204057208950001", *SITI[2:]], "tanggal lahir di NIK tidak ada: 72-08-95"),
        (
            ["worker", "add", *SITI[:1], "3.20405E+15", *SITI[2:]],
            "NIK '3.20405E+15': angka ini telah diubah oleh Excel",
        ),
        (
            ["worker", "add", *[("1995-02-30" if a == "1995-08-05" else a) for a in SITI]],
            "Tanggal lahir '1995-02-30': bukan tanggal",
        ),
        (
            ["worker", "add", *[("1995-08-06" if a == "1995-08-05" else a) for a in SITI]],
            "Tanggal lahir '1995-08-06': 06-08-1995 tidak sesuai dengan NIK (05-08-95)",
        ),
        (
            ["worker", "add", *[("L" if a == "P" else a) for a in SITI]],
            "Jenis kelamin 'L': laki-laki tidak sesuai dengan NIK (perempuan)",
        ),
        (["worker", "show", "3204059999990001"], "Pekerja '3204059999990001': tidak ditemukan"),
        (["worker", "show", "siti"], "Pekerja 'siti': bukan NIK"),
        (["worker", "edit", "3204059999990001", "--dusun", "X"], "tidak ditemukan"),
        (["worker", "delete", "zzzz"], "bukan NIK"),
        (["nominate"], "sebutkan ID/NIK atau --ranked"),
        (["nominate", "3204059999990001"], "tidak ditemukan"),
        (["approve"], "sebutkan ID/NIK atau --all"),
        (["approve", "3204059999990001"], "tidak ditemukan"),
        (["decline", "3204059999990001", "--reason", "x"], "tidak ditemukan"),
        (["program", "set", "--months", "13"], "Jumlah bulan '13': harus antara 1 dan 12"),
        (["program", "set", "--contribution", "gratis"], "Aturan iuran 'gratis'"),
        (["program", "set", "--funding", "APBN"], "Sumber dana 'APBN'"),
        (["demo", "--workers", "0"], "Jumlah pekerja '0'"),
        (["init", "--village", VILLAGE, "--head", "X"], "sudah disiapkan untuk Desa Cibiru Hilir"),
        (["user", "add", "--username", "Budi!", "--name", "Budi", "--role", "operator"], "Nama pengguna 'Budi!'"),
        (["--user", "nobody", "assess"], "Pengguna 'nobody': tidak ada"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_1(village: Cli, args: list[str], message: str) -> None:
    _, err = village(*args, code=1)
    lines = [line for line in err.splitlines() if not line.startswith("peringatan:")]
    assert len(lines) == 1, err
    assert lines[0].startswith("jamsos: ") and message in lines[0], lines[0]


def test_duplicate_nik_names_the_existing_record(village: Cli) -> None:
    wid = village("worker", "add", *SITI)[0].strip()
    _, err = village("worker", "add", *SITI, code=1)
    assert f"NIK '3204054508950001': sudah tercatat atas nama Siti Aminah (ID {wid[-8:]})" in err


def test_operator_cannot_approve(village: Cli) -> None:
    wid = village("worker", "add", *SITI)[0].strip()
    village("nominate", wid)
    _, err = village("--user", "operator", "approve", wid, code=1)
    assert "hanya untuk kepala desa" in err


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["worker"],
        ["worker", "add", "--bogus"],
        ["demo"],
        ["demo", "--workers", "many"],
        ["worker", "list", "--status", "nonsense"],
        ["frobnicate"],
    ],
)
def test_wrong_usage_is_exit_2(village: Cli, args: list[str]) -> None:
    village(*args, code=2)


@pytest.mark.parametrize("code", ["9999", "32.04.05.9999", "32.04", "abc", ""])
def test_unknown_village(cli: Cli, code: str) -> None:
    _, err = cli("init", "--village", code, "--head", "X", code=1)
    assert f"Kode desa '{code}'" in err or "Kode desa:" in err
    assert not (cli.data / "jamsos.sqlite").exists()


def test_commands_need_init_first(cli: Cli) -> None:
    _, err = cli("worker", "list", code=1)
    assert "jamsos init" in err


def test_english_messages(village: Cli) -> None:
    _, err = village("--lang", "en", "worker", "show", "siti", code=1)
    assert "Worker 'siti': is not a NIK" in err


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("jamsos")
    env = os.environ | {"JAMSOS_DATA_DIR": str(tmp_path / "d")}
    r = subprocess.run([str(exe), "worker", "list"], capture_output=True, text=True, env=env, check=False)
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.startswith("jamsos: ")
    r = subprocess.run([str(exe), "--help"], capture_output=True, text=True, env=env, check=False)
    assert r.returncode == 0 and "init" in r.stdout


def test_no_personal_data_in_the_log(village: Cli) -> None:
    village("worker", "add", *SITI)
    village("worker", "show", "3204054508950001")
    village("worker", "add", *SITI, code=1)
    log = (village.data / "logs" / "jamsos.log").read_text()
    assert "3204054508950001" not in log and "Siti" not in log


def test_consent_withdrawal_and_purge_on_the_command_line(village: Cli) -> None:
    cli = village
    without = [a for a in SITI if a != "--consent"]
    wid = cli("worker", "add", *without)[0].strip()
    assert json.loads(cli("worker", "show", wid, "--json")[0])["consent_date"] is None
    assert "Persetujuan pemrosesan data pribadi: belum ada" in cli("worker", "show", wid)[0]
    _, err = cli("nominate", wid, code=1)
    assert "[consent.missing]" in err and "UU 27/2022" in err
    assert "1 pekerja belum menyetujui pemrosesan data pribadi" in cli("assess")[0]
    rules = json.loads(cli("assess", "--json")[0])[0]["rules"]
    assert {k: v for k, v in rules[-1].items() if k != "reason"} == {"rule": "consent", "passed": False}
    _, err = cli("worker", "edit", wid, "--consent-date", "2999-01-01", code=1)
    assert "Tanggal persetujuan" in err and "2999-01-01" in err
    cli("worker", "edit", wid, "--consent-date", "01-11-2026")
    shown = json.loads(cli("worker", "show", wid, "--json")[0])
    assert shown["consent_date"] == "2026-11-01"
    assert "diberikan pada 01-11-2026" in cli("worker", "show", wid)[0]
    cli("nominate", wid)
    out, _ = cli("worker", "withdraw-consent", "3204054508950001", "--reason", "surat pencabutan")
    assert "1 usulan ditarik" in out and "paling lambat" in out
    assert json.loads(cli("worker", "show", wid, "--json")[0])["status"] == "withdrawn"
    out, _ = cli("privacy", "purge", "--json")
    assert json.loads(out)["purged"] == [{"id": wid, "kind": "consent_withdrawn"}]
    assert "data pribadi 0 pekerja dihapus" in cli("privacy", "purge")[0]
    cli("worker", "show", "3204054508950001", code=1)  # gone from the register
    assert "365 hari" in cli("privacy", "retention")[0]
    assert "30 hari" in cli("privacy", "retention", "--days", "30")[0]
    assert "30 hari" in cli("privacy", "retention")[0]
    out, _ = cli("audit", "verify")
    assert "Hasil: baik" in cli("doctor")[0]  # the tombstone is a sound record
    logs = "".join(p.read_text(encoding="utf-8") for p in (cli.data / "logs").glob("*.log*"))
    assert "3204054508950001" not in logs and "Siti Aminah" not in logs


def test_worker_add_with_consent_today(village: Cli) -> None:
    import datetime as dt

    wid = village("worker", "add", *SITI)[0].strip()  # SITI ends with --consent
    assert json.loads(village("worker", "show", wid, "--json")[0])["consent_date"] == dt.date.today().isoformat()
