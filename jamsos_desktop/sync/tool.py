"""[DISTRICT SIDE] A small tool for the district office until the hub exists, and for testing.

    python -m jamsos_desktop.sync.tool open   EXPORT --key PRIVATE.json --csv RESULTS.csv
    python -m jamsos_desktop.sync.tool answer EXPORT --key PRIVATE.json --csv RESULTS.csv --seq N --out DIR

``open`` verifies and decrypts a village export and writes a CSV with one row per exported
nomination, to be filled in (outcome registered/rejected/duplicate, KPJ, coverage dates,
reason). ``answer`` reads the filled CSV and writes the signed return file for that village
device. Qt-free and database-free, like the rest of this package.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from . import district_return as dr
from . import errors, keyfile
from .crypto import KeySet
from .village_export import VillageExport, read_export

CSV_COLUMNS = (
    "nomination_id",
    "worker_id",
    "name",
    "nik",
    "export_seq",
    "nomination_version",
    "worker_version",
    "outcome",
    "kpj",
    "coverage_start",
    "coverage_end",
    "reason",
)


KEY_PASSPHRASE_ENV = "JAMSOS_DISTRICT_KEY_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret


def _open(export_path: Path, key_path: Path) -> tuple[VillageExport, keyfile.DistrictPublicKey, KeySet]:
    data = key_path.read_bytes()
    secret = None
    if keyfile.is_protected(data):
        secret = os.environ.get(KEY_PASSPHRASE_ENV) or getpass.getpass("Kata sandi kunci rahasia kabupaten: ")
    info, keys = keyfile.read_private_key_file(data, secret)
    return read_export(export_path.read_bytes(), district_keys=keys), info, keys


def template_rows(export: VillageExport) -> list[dict[str, object]]:
    """One row per exported nomination, outcome left empty."""
    wt, nt = export.tables.get("workers"), export.tables.get("nominations")
    workers = {w["id"]: w for w in wt.records()} if wt else {}
    rows: list[dict[str, object]] = []
    for n in nt.records() if nt else []:
        if n.get("status") != "exported" or n.get("deleted_at"):
            continue
        w = workers.get(n["worker_id"], {})
        rows.append(
            {
                "nomination_id": n["id"],
                "worker_id": n["worker_id"],
                "name": w.get("name", ""),
                "nik": w.get("nik", ""),
                "export_seq": n.get("export_seq") or export.seq,
                "nomination_version": n["version"],
                "worker_version": w.get("version", 1),
                "outcome": "",
                "kpj": "",
                "coverage_start": "",
                "coverage_end": "",
                "reason": "",
            }
        )
    return rows


def results_from_csv(text: str) -> list[dr.Result]:
    """Filled rows become results; rows with an empty outcome are skipped (not answered yet)."""
    out = []
    for i, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        outcome = (row.get("outcome") or "").strip().lower()
        if not outcome:
            continue
        try:
            r = dr.Result(
                nomination_id=row["nomination_id"].strip(),
                worker_id=row["worker_id"].strip(),
                outcome=outcome,
                nomination_version=int(row["nomination_version"]),
                worker_version=int(row["worker_version"]),
                export_seq=int(row["export_seq"]),
                kpj=(row.get("kpj") or "").strip(),
                coverage_start=dt.date.fromisoformat(row["coverage_start"]) if row.get("coverage_start") else None,
                coverage_end=dt.date.fromisoformat(row["coverage_end"]) if row.get("coverage_end") else None,
                reason=(row.get("reason") or "").strip(),
            )
        except (KeyError, ValueError) as exc:
            raise ValueError(f"line {i}: {exc}") from None
        problem = dr.check_result(r)
        if problem:
            raise ValueError(f"line {i}: {problem}")
        out.append(r)
    return out


def cmd_open(args: argparse.Namespace) -> int:
    export, _info, _keys = _open(Path(args.export), Path(args.key))
    m = export.manifest
    print(f"Desa {m.get('village_name', '')} ({export.village_code}), perangkat {export.device_id[-8:]}")
    print(f"Kiriman nomor {export.seq} ({'lengkap' if m['full'] else 'perubahan'}), dibuat {m['created_at']}")
    print(f"Sidik jari perangkat: {export.device_key.fingerprint}")
    rows = template_rows(export)
    with Path(args.csv).open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} usulan berstatus Dikirim ditulis ke {args.csv}")
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    export, info, keys = _open(Path(args.export), Path(args.key))
    results = results_from_csv(Path(args.csv).read_text(encoding="utf-8-sig"))
    sealed = dr.write_return(
        district_keys=keys,
        district_name=info.name,
        village_code=export.village_code,
        device_id=export.device_id,
        device_key=export.device_key,
        return_seq=args.seq,
        answers_export_seq=export.seq,
        results=results,
        app_version=__version__,
    )
    out = Path(args.out) / dr.return_file_name(export.village_code, export.device_id, args.seq)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(sealed.data)
    tmp.replace(out)
    print(f"{len(results)} hasil ditandatangani.")
    print(out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="jamsos-district", description="[SISI KABUPATEN] buka kiriman desa, tulis berkas hasil"
    )
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("open", help="periksa dan buka kiriman desa; tulis CSV untuk diisi")
    s.add_argument("export")
    s.add_argument("--key", required=True, help="kunci RAHASIA kabupaten")
    s.add_argument("--csv", required=True)
    s.set_defaults(func=cmd_open)
    s = sub.add_parser("answer", help="tulis berkas hasil bertanda tangan dari CSV yang sudah diisi")
    s.add_argument("export")
    s.add_argument("--key", required=True)
    s.add_argument("--csv", required=True)
    s.add_argument("--seq", required=True, type=int, help="nomor berkas hasil untuk perangkat ini (naik terus)")
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_answer)
    args = p.parse_args(argv)
    try:
        code: int = args.func(args)
    except (errors.SyncRefused, errors.SyncUserError) as exc:
        print(f"jamsos-district: {exc.message()}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"jamsos-district: {exc}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
