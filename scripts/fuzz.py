"""Coverage-guided fuzzing (atheris) of the file readers and the parsers, for a bounded time.

    python scripts/fuzz.py TARGET [-max_total_time=SECONDS] [-runs=N] [CORPUS_DIR ...]
    python scripts/fuzz.py --list

A target reads bytes as its file would arrive (a sync file, a return file, a key file, a
settings file) or as text typed into a field (money, NIK, a worker). What it may raise is the
reader's own refusal (a user error with a message); anything else is a crash, and atheris
stops there with the input that caused it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["jamsos_desktop"]):
    from jamsos_desktop.domain import identity, money
    from jamsos_desktop.domain.text import UserError
    from jamsos_desktop.domain.worker import parse_date, validate_worker
    from jamsos_desktop.services.readers import FileRefused, read_limited
    from jamsos_desktop.sync import district_return, errors, keyfile
    from jamsos_desktop.sync.crypto import KeySet
    from jamsos_desktop.sync.format import open_file
    from jamsos_desktop.sync.village_export import read_export

DEVICE, DISTRICT = KeySet.generate(), KeySet.generate()
REFUSED = (errors.SyncRefused, errors.SyncUserError, UserError)
TODAY = dt.date(2026, 11, 21)
SITI = {
    "nik": "3204054508950001",
    "kk": "3204051203150007",
    "name": "Siti Aminah",
    "birth_place": "Bandung",
    "birth_date": "1995-08-05",
    "sex": "P",
    "dusun": "Babakan",
    "rt": "3",
    "rw": "2",
    "occupation": "9",
    "category": "petani",
}
_TMP = Path(tempfile.mkdtemp(prefix="fuzz-"))


def _text(data: bytes) -> str:
    return atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))


def sync_file(data: bytes) -> None:
    with contextlib.suppress(REFUSED):
        open_file(data)


def export_file(data: bytes) -> None:
    with contextlib.suppress(REFUSED):
        read_export(data, district_keys=DISTRICT)


def return_file(data: bytes) -> None:
    with contextlib.suppress(REFUSED):
        district_return.read_return(
            data, device_keys=DEVICE, district=DISTRICT.public, village_code="32.04.05.2005", device_id="x"
        )


def key_file(data: bytes) -> None:
    for read in (lambda: keyfile.read_public_key_file(data), lambda: keyfile.read_private_key_file(data, "sandi")):
        with contextlib.suppress(REFUSED):
            read()


def file_on_disk(data: bytes) -> None:
    path = _TMP / "input"
    path.write_bytes(data)
    try:
        assert read_limited(path, 512) == data
    except FileRefused:
        assert len(data) > 512


def money_text(data: bytes) -> None:
    try:
        value = money.parse_rupiah(_text(data))
    except money.AmountError:
        return
    assert 0 <= value <= money.MAX_RUPIAH


def nik_text(data: bytes) -> None:
    text = _text(data)
    identity.check_nik(text, home_regency="32.04", reference=TODAY)
    identity.check_kk(text, reference=TODAY)
    parse_date(text)


def worker_fields(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    values = dict(SITI)
    for key in ("name", "birth_place", "dusun", "birth_date", "income", "phone", "heir_name", "rt"):
        if fdp.ConsumeBool():
            values[key] = fdp.ConsumeUnicode(64)
    validate_worker(values, home_regency="32.04", reference=TODAY)


def settings_file(data: bytes) -> None:
    from jamsos_desktop.ui.settings import MAX_IDLE_MINUTES, AppSettings

    (_TMP / "desktop.ini").write_bytes(data)
    s = AppSettings(_TMP)
    assert s.language in ("id", "en") and 0 <= s.idle_minutes <= MAX_IDLE_MINUTES


TARGETS: dict[str, Callable[[bytes], None]] = {
    "sync_file": sync_file,
    "export_file": export_file,
    "return_file": return_file,
    "key_file": key_file,
    "file_on_disk": file_on_disk,
    "money_text": money_text,
    "nik_text": nik_text,
    "worker_fields": worker_fields,
    "settings_file": settings_file,
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help", "--list"):
        print("targets:", " ".join(TARGETS))
        raise SystemExit(0 if len(sys.argv) >= 2 else 2)
    name = sys.argv[1]
    if name not in TARGETS:
        print(f"unknown target {name!r}; targets: {' '.join(TARGETS)}", file=sys.stderr)
        raise SystemExit(2)
    atheris.Setup([sys.argv[0], *sys.argv[2:]], TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
