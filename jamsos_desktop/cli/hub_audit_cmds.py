"""`jamsos hub accept-audit VILLAGE --reason ...`: the head of office accepts a village's audit
trail that went back or was rewritten (``hub/audit_chain.py``), once the village explained it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..hub import audit_chain
from .common import say
from .hub_cmds import open_hub, sign_in


def register(hsub: Any) -> None:
    s = hsub.add_parser(
        "accept-audit",
        help="terima jejak audit desa yang mundur atau ditulis ulang, setelah desa menjelaskannya (kepala dinas)",
    )
    s.add_argument("village", metavar="KODE_DESA")
    s.add_argument("--reason", required=True, metavar="ALASAN", help="penjelasan desa (tercatat di jejak audit hub)")
    s.set_defaults(func=cmd_accept_audit)


def cmd_accept_audit(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        who = sign_in(hub, args)
        n = audit_chain.forget_heads(hub, who, args.village, args.reason)
    finally:
        hub.close()
    print(
        say(
            f"desa {args.village}: kepala jejak audit {n} perangkat dilepas; kiriman berikutnya diperiksa dari awal",
            f"village {args.village}: the audit head of {n} device(s) dropped; its next file is checked afresh",
        )
    )
    return 0
