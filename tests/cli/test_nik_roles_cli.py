"""The command line shows full NIKs only to the roles that need them (``actors.sees_full_nik``):
the village head's lists, records, assessments and exports carry masked numbers, the operator's
whole ones; the audit trail is listed for the head and the admin only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .test_cli import SITI, VILLAGE, Cli

NIK, KK = "3204054508950001", "3204051203150007"
MASKED = "3204**********01"
HEAD = ("--user", "kepala")
SIXTEEN = re.compile(r"(?<!\d)\d{16}(?!\d)")


@pytest.fixture
def village(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    cli = Cli(tmp_path / "data", capsys)
    cli("init", "--village", VILLAGE, "--head", "H. Dadang Suherman", "--operator", "Rina Marlina", "--year", "2026")
    return cli


def test_the_head_sees_masked_niks_and_the_operator_whole_ones(village: Cli, tmp_path: Path) -> None:
    cli = village
    wid = cli("worker", "add", *SITI)[0].strip()
    cli("assess")
    outputs: list[str] = []
    for args in (
        ("worker", "list"),
        ("worker", "list", "--json"),
        ("worker", "list", "--search", NIK),
        ("worker", "list", "--search", NIK, "--json"),
        ("worker", "show", NIK),
        ("worker", "show", wid, "--json"),
        ("assess",),
        ("assess", "--json"),
        ("audit", "list"),
        ("audit", "list", "--json"),
    ):
        out, err = cli(*HEAD, *args)
        outputs.append(out + err)
    head_text = "\n".join(outputs)
    assert SIXTEEN.findall(head_text) == []
    assert MASKED in head_text and "Siti Aminah" in head_text  # the record is there, masked
    shown = json.loads(cli(*HEAD, "worker", "show", NIK, "--json")[0])
    assert (shown["nik"], shown["kk"]) == (MASKED, "3204**********07")

    # One record's numbers, asked for on purpose, are shown whole, and that is in the audit trail.
    out, _ = cli(*HEAD, "worker", "show", NIK, "--full-nik")
    assert f"NIK {NIK}   KK {KK}" in out
    last = json.loads(cli(*HEAD, "audit", "list", "--limit", "1", "--json")[0])[0]
    assert (last["action"], last["username"], last["entity_id"]) == ("worker.show_nik", "kepala", wid)

    # The operator who enters and checks KTPs sees the whole numbers.
    out = cli("worker", "list")[0] + cli("worker", "show", NIK)[0] + cli("assess", "--json")[0]
    assert NIK in out and KK in out
    assert json.loads(cli("worker", "list", "--json")[0])[0]["nik"] == NIK

    # An export by the head is the masked one, whatever was asked.
    out_file = tmp_path / "daftar.csv"
    cli(*HEAD, "export-register", "--out", str(out_file))
    written = out_file.read_text(encoding="utf-8-sig")
    assert MASKED in written and "Siti Aminah" in written and SIXTEEN.findall(written) == []


def test_the_audit_list_is_for_the_head_and_the_admin(village: Cli) -> None:
    cli = village
    cli("worker", "add", *SITI)
    _, err = cli("audit", "list", code=1)
    assert "kepala desa (approver) atau admin" in err and "Traceback" not in err
    out, _ = cli(*HEAD, "audit", "list")
    assert "worker.add" in out
    cli("audit", "verify")  # shows no entries: open to everyone
