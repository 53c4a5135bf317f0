"""Bad input, as a class: every user input ends in a clear message, never in "unexpected error" or a hang.

The command line is driven with what was tried by hand (huge numbers, a year of five digits,
bytes that are not UTF-8, terminal escapes, devices and pipes where files belong); Hypothesis
then draws input for every parser and validator and every file reader.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamsos_desktop.cli.main import main
from jamsos_desktop.domain import identity, money
from jamsos_desktop.domain import issues as codes
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.domain.worker import parse_date, validate_worker
from jamsos_desktop.services.readers import FileRefused, read_limited
from jamsos_desktop.sync import district_return, errors, keyfile
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.format import open_file
from jamsos_desktop.sync.village_export import read_export

from .cli.test_cli import SITI, VILLAGE
from .services.test_workers import SITI as SITI_VALUES

STEERING = ("\x1b[31m", "\u202e", "\x07", "\x00", "\u2066")


def run(data: Path, *args: str) -> int:
    try:
        return main(["--data-dir", str(data), *args])
    except SystemExit as e:  # argparse's own refusal: a usage line, exit 2
        return int(e.code or 0)


@pytest.fixture
def village(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert run(data, "init", "--village", VILLAGE, "--head", "H. Dadang Suherman", "--year", "2026") == 0
    return data


def test_a_five_digit_year_is_refused_before_any_file_is_made(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    assert run(data, "init", "--village", VILLAGE, "--head", "H. Dadang", "--year", "99999") == 2
    assert not (data / "jamsos.sqlite").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["program", "set", "--budget", "9" * 25],
        ["program", "set", "--income-cap", "1" * 40],
        ["program", "set", "--quota", "99999999999999999999"],
        ["program", "set", "--year", "99999"],
        ["worker", "list", "--limit", "99999999999999999999"],
        ["worker", "list", "--limit", "-5"],
        ["worker", "add", *[v if v != "Babakan" else "D" * 10_000 for v in SITI]],  # a 10 kB dusun
        ["worker", "add", *[v if v != "Bandung" else "B" * 61 for v in SITI]],  # birth place over 60
        ["worker", "add", *[v if v != "Siti Aminah" else "Siti\udcff" for v in SITI]],  # not UTF-8
        *(["worker", "add", *[v if v != "Siti Aminah" else f"Siti{s}Aminah" for v in SITI]] for s in STEERING),
        ["worker", "show", "\udcfe\udcff"],
        ["sync", "import-return", "/dev/zero"],
        ["sign", "whoever", "--scan", "/dev/zero"],
        ["keys", "import-district", "/dev/zero"],
        ["print", "emblem", "/dev/zero"],
        ["restore", "/dev/zero", "--yes"],
    ],
)
def test_bad_input_gets_a_message_not_a_crash(
    village: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(village, *args)
    out, err = capsys.readouterr()
    assert code in (1, 2), (code, err)
    assert "tak terduga" not in err and "unexpected" not in err
    for s in ("\x1b", "\u202e", "\x07", "\x00", "\u2066"):  # nothing steers the terminal
        assert s not in out and s not in err


def test_a_fifo_is_refused_without_waiting(village: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jamreturn"
    os.mkfifo(fifo)
    result: list[int] = []
    t = threading.Thread(target=lambda: result.append(run(village, "sync", "import-return", str(fifo))), daemon=True)
    t.start()
    t.join(timeout=20)
    if t.is_alive():  # unblock the reader so the test process can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert result == [1]


def test_a_steering_character_in_a_value_is_shown_not_obeyed(village: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(village, "worker", "show", "\x1b[2Jabc\u202e") == 1  # not found: the message names the value
    err = capsys.readouterr().err
    assert "\\u001b[2Jabc\\u202e" in err


def test_a_decomposed_diacritic_is_accepted_and_stored_composed() -> None:
    v = validate_worker(SITI_VALUES | {"name": "Siti Ami\u0301nah"})  # i + combining acute
    assert v.data is not None and v.data.name == "Siti Am\u00ednah"


def test_the_record_definitions_lengths_are_enforced() -> None:
    from jamsos_desktop.domain.records import WORKER, Kind

    for f in WORKER.fields:
        if f.input in ("birth_place", "dusun", "address", "heir_name", "heir_relation") and f.kind is Kind.STRING:
            assert f.length is not None
            long = validate_worker(SITI_VALUES | {f.input: "a" * (f.length + 1)})
            assert any(i.code == codes.FIELD_TOO_LONG and i.field == f.input for i in long.issues), f.input
            ok = validate_worker(SITI_VALUES | {f.input: "a" * f.length})
            assert not any(i.code == codes.FIELD_TOO_LONG for i in ok.issues), f.input


def test_a_file_reader_refuses_devices_and_what_is_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(FileRefused):
        read_limited(big, 1000)
    assert read_limited(big, 2000) == b"x" * 2000
    for bad in ("/dev/zero", str(tmp_path), str(tmp_path / "missing")):
        with pytest.raises(FileRefused):
            read_limited(bad, 1000)


# -- Hypothesis: every parser and validator -----------------------------------------------------

TEXT = st.one_of(st.text(max_size=300), st.text(alphabet="0123456789 .,-/", max_size=40))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_nik_and_kk_checks_never_crash(raw: str) -> None:
    n = identity.check_nik(raw, home_regency="32.04", reference=dt.date(2026, 11, 21))
    assert (n.nik is None) == any(i.is_error for i in n.issues) or n.nik is not None
    k = identity.check_kk(raw, reference=dt.date(2026, 11, 21))
    assert k.kk is None or len(k.kk) == 16


@FAST
@given(st.one_of(TEXT, st.integers(), st.floats(), st.booleans(), st.none()))
def test_money_is_read_exactly_or_refused_with_a_code(raw: Any) -> None:
    try:
        value = money.parse_rupiah(raw)
    except money.AmountError as exc:
        assert exc.code in codes.CODES and exc.text.id
    else:
        assert 0 <= value <= money.MAX_RUPIAH


@FAST
@given(st.one_of(TEXT, st.integers(), st.none()))
def test_dates_are_read_or_none(raw: Any) -> None:
    d = parse_date(raw)
    assert d is None or isinstance(d, dt.date)


FIELDS = ("nik", "kk", "name", "birth_place", "birth_date", "sex", "dusun", "rt", "rw", "occupation")
FIELDS += ("category", "income", "phone", "heir_name", "heir_relation", "heir_phone", "kpj", "address")


@FAST
@given(st.dictionaries(st.sampled_from(FIELDS), st.one_of(TEXT, st.none()), max_size=len(FIELDS)))
def test_a_worker_validates_to_data_or_coded_issues(changes: dict[str, Any]) -> None:
    v = validate_worker(SITI_VALUES | changes, home_regency="32.04", reference=dt.date(2026, 11, 21))
    assert all(i.code in codes.CODES for i in v.issues)
    if v.data is None:
        assert any(i.is_error for i in v.issues)
    else:
        from jamsos_desktop.domain.worker import has_steering

        assert not any(has_steering(x) for x in (v.data.name, v.data.dusun, v.data.birth_place))
        assert len(v.data.dusun) <= 60 and len(v.data.birth_place) <= 60


DEVICE, DISTRICT = KeySet.generate(), KeySet.generate()
REFUSED = (errors.SyncRefused, errors.SyncUserError, UserError)


@FAST
@given(st.binary(max_size=2000))
def test_sync_return_and_key_files_refuse_garbage_cleanly(data: bytes) -> None:
    for read in (
        lambda: open_file(data),
        lambda: read_export(data, district_keys=DISTRICT),
        lambda: district_return.read_return(
            data, device_keys=DEVICE, district=DISTRICT.public, village_code="32.04.05.2005", device_id="x"
        ),
        lambda: keyfile.read_public_key_file(data),
        lambda: keyfile.read_private_key_file(data, None),
    ):
        with contextlib.suppress(REFUSED):
            read()


@FAST
@given(st.binary(max_size=3000))
def test_a_settings_file_of_any_bytes_gives_usable_settings(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    from jamsos_desktop.ui.settings import MAX_IDLE_MINUTES, AppSettings

    d = tmp_path_factory.mktemp("settings")
    (d / "desktop.ini").write_bytes(data)
    s = AppSettings(d)
    assert s.language in ("id", "en") and 0 <= s.idle_minutes <= MAX_IDLE_MINUTES
    assert isinstance(s.last_user, str)


def test_doctor_reports_a_damaged_database_that_other_commands_refuse(
    village: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jamsos_desktop.services import accounts
    from jamsos_desktop.storage import driver

    from .conftest import TEST_PASSWORD

    conn = driver.connect(village / "jamsos.sqlite", accounts.database_key(village, "operator", TEST_PASSWORD))
    conn.execute("UPDATE audit_log SET username = 'someone'")
    conn.close()
    assert run(village, "worker", "list") == 1
    assert "rusak" in capsys.readouterr().err
    assert run(village, "doctor") == 1
    assert run(village, "audit", "verify") == 1
    assert "diubah" in capsys.readouterr().err
