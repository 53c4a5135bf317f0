"""No personal data in the log folder: not after a forced database error, not after a realistic run."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from jamsos_desktop import logs
from jamsos_desktop.cli.main import main
from jamsos_desktop.storage import driver

from .cli.test_cli import SITI, VILLAGE

PERSONAL = ("3204054508950001", "3204051203150007", "Siti Aminah", "Asep Suryana", "081234567890", "1234567890")
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def _run(data: Path, *args: str) -> int:
    try:
        return main(["--data-dir", str(data), *args])
    except SystemExit as e:
        return int(e.code or 0)


def _log_text(data: Path) -> str:
    logging.shutdown()  # flush the file handlers
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (data / "logs").glob("*"))


def _assert_clean(text: str) -> None:
    for value in PERSONAL:
        assert value not in text, value
    assert not SIXTEEN_DIGITS.search(text)


@pytest.fixture
def village_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert _run(data, "init", "--village", VILLAGE, "--head", "H. Dadang Suherman", "--year", "2026") == 0
    return data


def test_a_forced_database_error_leaves_no_personal_data_in_the_log(village_dir: Path) -> None:
    from jamsos_desktop.services import accounts

    from .conftest import TEST_PASSWORD

    key = accounts.database_key(village_dir, "operator", TEST_PASSWORD)
    conn = driver.connect(village_dir / "jamsos.sqlite", key)
    conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON workers BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
    conn.close()
    assert _run(village_dir, "worker", "add", *SITI) == 3  # a bug, logged with its traceback
    text = _log_text(village_dir)
    assert "Traceback" in text and "IntegrityError" in text  # the log still says what failed, and where
    _assert_clean(text)


def test_an_exception_message_loses_its_quoted_values() -> None:
    name, nik, heir = PERSONAL[2], PERSONAL[0], PERSONAL[3]  # the source lines shown hold no value
    try:
        try:
            raise KeyError(name)
        except KeyError as inner:
            raise ValueError(f"bad value {nik} for {heir!r}") from inner
    except ValueError:
        import sys

        exc = sys.exc_info()
        assert exc[0] is not None
        text = logs.format_exception(exc)
    assert "ValueError" in text and "KeyError" in text and "test_privacy_logs.py" in text
    _assert_clean(text)


def test_the_log_folder_after_a_realistic_run(
    village_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jamsos_desktop.cli.sync_cmds import PASSPHRASE_ENV

    monkeypatch.setenv(PASSPHRASE_ENV, "kata sandi berkas yang panjang sekali")
    stick = tmp_path / "stick"
    stick.mkdir()
    steps = [
        ["worker", "add", *SITI],
        ["worker", "add", *SITI],  # a duplicate: a user error naming the NIK on the terminal only
        ["worker", "list", "--search", "Siti"],
        ["worker", "show", SITI[1]],
        ["worker", "edit", SITI[1], "--dusun", "Sukasari"],
        ["assess"],
        ["nominate", SITI[1]],
        ["approve", SITI[1]],
        ["print", "form", "--all-approved", "--out", str(tmp_path / "f.pdf")],
        ["sign", SITI[1]],
        ["sync", "export", "--out", str(stick), "--passphrase"],
        ["doctor"],
        ["backup"],
        ["audit", "verify"],
        ["--user", "kepala", "audit", "list"],  # the head reads the trail (the operator may not)
        ["worker", "delete", SITI[1], "--reason", "pindah"],
    ]
    for step in steps:
        assert _run(village_dir, *step) in ((0,) if "audit" in step else (0, 1)), step
    _assert_clean(_log_text(village_dir))
