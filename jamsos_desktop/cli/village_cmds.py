"""village search: find a village's Kemendagri code (for `init --village`) without the app."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain import village_search
from ..domain.regions import Village
from .common import positive_int, print_json, say, table

KIND_WORDS = {"desa": ("desa", "village"), "kelurahan": ("kelurahan", "urban village")}


def register(sub: Any) -> None:
    p = sub.add_parser("village", help="cari desa/kelurahan dan kodenya")
    vsub = p.add_subparsers(dest="action", metavar="AKSI")
    vsub.required = True
    s = vsub.add_parser(
        "search",
        help="cari menurut nama desa, kecamatan, kabupaten/kota, provinsi atau kode Kemendagri",
    )
    s.add_argument("text", nargs="+", metavar="TEKS", help="mis. 'sukamaju luwu utara' atau 73.22.06.2005")
    s.add_argument("--limit", type=positive_int, default=50, help="paling banyak N baris (0 = semua; bawaan 50)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)


def _kind(v: Village) -> str:
    id_, en = KIND_WORDS.get(v.kind, (v.kind, v.kind))
    return say(id_, en)


def _as_dict(v: Village) -> dict[str, Any]:
    return {
        "code": v.code,
        "kind": v.kind,
        "name": v.name,
        "district": v.district,
        "regency": v.regency,
        "province": v.province,
        "postal_code": v.postal_code,
    }


def cmd_search(args: argparse.Namespace, _data_dir: Path) -> int:
    found = village_search.search(" ".join(args.text), limit=args.limit or None)
    if args.json:
        print_json({"total": found.total, "villages": [_as_dict(v) for v in found.villages]})
        return 0
    if found.villages:
        rows = [[v.code, _kind(v), v.name, v.district, v.regency, v.province] for v in found.villages]
        headers = [
            say("kode", "code"),
            say("jenis", "kind"),
            say("nama", "name"),
            say("kecamatan", "district"),
            say("kabupaten/kota", "regency/city"),
            say("provinsi", "province"),
        ]
        print(table(rows, headers))
    shown = len(found.villages)
    if shown < found.total:
        print(
            say(
                f"{found.total} desa/kelurahan cocok, {shown} ditampilkan; persempit dengan nama kecamatan atau "
                "kabupaten, atau --limit 0 untuk semua",
                f"{found.total} villages match, {shown} shown; narrow it with a district or regency name, "
                "or --limit 0 for all",
            )
        )
    else:
        print(say(f"{found.total} desa/kelurahan cocok", f"{found.total} villages match"))
    return 0
