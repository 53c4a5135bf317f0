"""privacy purge | retention: the erasure of personal data the law requires (UU 27/2022)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain.text import Text
from ..services import privacy
from .common import actor, open_workspace, positive_int, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("privacy", help="perlindungan data pribadi: penghapusan dan masa simpan")
    psub = p.add_subparsers(dest="action", metavar="AKSI")
    psub.required = True

    s = psub.add_parser(
        "purge",
        help="hapus data pribadi yang jatuh tempo (persetujuan dicabut; ditolak/ditarik melewati masa simpan)",
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_purge)

    s = psub.add_parser("retention", help="lihat atau ubah masa simpan data pekerja yang ditolak atau ditarik")
    s.add_argument("--days", type=positive_int, metavar="N", help="simpan N hari setelah ditolak/ditarik")
    s.set_defaults(func=cmd_retention)


def cmd_purge(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        report = privacy.purge(ws, actor(ws, args))
    finally:
        ws.close()
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.text().get())
    return 0


def cmd_retention(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        if args.days is not None:
            days = privacy.set_retention_days(ws, actor(ws, args), args.days)
        else:
            days = privacy.retention_days(ws)
    finally:
        ws.close()
    print(
        Text(
            f"data pekerja yang ditolak atau ditarik dihapus {days} hari setelahnya",
            f"the data of declined or withdrawn workers are erased {days} days after",
        ).get()
    )
    return 0
