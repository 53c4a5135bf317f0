"""assess, nominate, approve, decline, quota."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..domain import money, statuses
from ..domain.actors import shown_number
from ..domain.text import Text, UserError, language
from ..services import assessment, nominations, workers
from .common import actor, open_workspace, positive_int, print_json, say, table


def register(sub: Any) -> None:
    p = sub.add_parser("assess", help="nilai kelayakan semua pekerja dan urutkan dalam kuota")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser("nominate", help="usulkan pekerja")
    p.add_argument("refs", nargs="*", metavar="ID|NIK")
    p.add_argument("--ranked", action="store_true", help="usulkan peringkat teratas sampai kuota penuh")
    p.add_argument("--limit", type=positive_int, help="dengan --ranked: paling banyak N orang")
    p.set_defaults(func=cmd_nominate)

    p = sub.add_parser("approve", help="setujui usulan (kepala desa)")
    p.add_argument("refs", nargs="*", metavar="ID|NIK")
    p.add_argument("--all", action="store_true", help="setujui semua usulan")
    p.set_defaults(func=cmd_approve)

    p = sub.add_parser("decline", help="tolak usulan (kepala desa)")
    p.add_argument("refs", nargs="+", metavar="ID|NIK")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_decline)

    p = sub.add_parser("quota", help="kuota dan anggaran terpakai")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_quota)


def cmd_assess(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        who = actor(ws, args)
        rep = assessment.assess(ws, who)
        rows = workers.list_workers(ws, workers.WorkerQuery(limit=None))
    finally:
        ws.close()
    by_id = {r.id: r for r in rows}
    if args.json:
        print_json(
            [
                {
                    "id": a.worker_id,
                    "nik": shown_number(who.role, by_id[a.worker_id].nik),
                    "name": by_id[a.worker_id].name,
                }
                | a.to_dict()
                for a in rep.rows
            ]
        )
        return 0
    ranked = sorted((a for a in rep.rows if a.rank), key=lambda a: a.rank or 0)
    ref = f"{rep.reference_date:%d-%m-%Y}"
    print(
        say(
            f"{len(rep.rows)} pekerja dinilai (aturan v{rep.rule_set_version}, acuan {ref}): "
            f"{rep.eligible} memenuhi syarat, {rep.ineligible} tidak",
            f"{len(rep.rows)} workers assessed (rules v{rep.rule_set_version}, reference date {ref}): "
            f"{rep.eligible} eligible, {rep.ineligible} not",
        )
    )
    no_consent = sum(1 for a in rep.rows for r in a.rules if r.rule == "consent" and not r.passed)
    if no_consent:
        print(
            say(
                f"{no_consent} pekerja belum menyetujui pemrosesan data pribadi (UU 27/2022) [consent.missing]: "
                "catat tanggal persetujuannya agar bisa diusulkan",
                f"{no_consent} workers have not consented to the processing of personal data (UU 27/2022) "
                "[consent.missing]: record the date of consent so that they can be nominated",
            )
        )
    shown = ranked[: max(rep.quota, 0) + 5]
    print(
        table(
            [
                [
                    str(a.rank),
                    workers.short_id(a.worker_id),
                    by_id[a.worker_id].name,
                    str(a.score),
                    say("dalam kuota", "within quota") if a.within_quota else say("cadangan", "reserve"),
                ]
                for a in shown
            ],
            ["#", "id", say("nama", "name"), say("skor", "score"), say("kuota", "quota")],
        )
    )
    if len(ranked) > len(shown):
        more = len(ranked) - len(shown)
        print(say(f"... dan {more} calon lain", f"... and {more} more candidates"))
    return 0


def cmd_nominate(args: argparse.Namespace, data_dir: Path) -> int:
    if not args.refs and not args.ranked:
        raise UserError("worker", Text("sebutkan ID/NIK atau --ranked", "name an id/NIK or use --ranked"))
    ws = open_workspace(data_dir)
    try:
        who = actor(ws, args)
        if args.ranked:
            ch = nominations.nominate_ranked(ws, who, args.limit)
        else:
            ch = nominations.nominate(ws, who, args.refs)
        q = nominations.quota_summary(ws)
    finally:
        ws.close()
    n, used = len(ch.worker_ids), money.rupiah(q.budget_used, language())
    print(
        say(
            f"{n} diusulkan; kuota {q.counted}/{q.quota}, anggaran {used}",
            f"{n} proposed; quota {q.counted}/{q.quota}, budget {used}",
        )
        + (
            say(
                f"; pagu {money.rupiah(q.budget_ceiling, language())}",
                f"; ceiling {money.rupiah(q.budget_ceiling, language())}",
            )
            if q.budget_ceiling is not None
            else ""
        )
    )
    if ch.skipped:
        k = len(ch.skipped)
        print(
            say(
                f"{k} pekerja dilewati [consent.missing]: belum ada persetujuan pemrosesan data pribadi "
                "(UU 27/2022) atau sudah dicabut",
                f"{k} workers passed over [consent.missing]: no consent to the processing of personal data "
                "(UU 27/2022), or it was withdrawn",
            ),
            file=sys.stderr,
        )
    return 0


def cmd_approve(args: argparse.Namespace, data_dir: Path) -> int:
    if not args.refs and not args.all:
        raise UserError("worker", Text("sebutkan ID/NIK atau --all", "name an id/NIK or use --all"))
    ws = open_workspace(data_dir)
    try:
        ch = nominations.approve(ws, actor(ws, args, approving=True), None if args.all else args.refs)
    finally:
        ws.close()
    print(say(f"{len(ch.worker_ids)} disetujui", f"{len(ch.worker_ids)} approved"))
    return 0


def cmd_decline(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        ch = nominations.decline(ws, actor(ws, args, approving=True), args.refs, args.reason)
    finally:
        ws.close()
    print(say(f"{len(ch.worker_ids)} ditolak", f"{len(ch.worker_ids)} declined"))
    return 0


def cmd_quota(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        q = nominations.quota_summary(ws)
    finally:
        ws.close()
    if args.json:
        print_json(q.to_dict())
        return 0
    print(f"{q.text()} ({say(f'{q.months} bulan', f'{q.months} months')})")
    for st in statuses.NOMINATION_STATUSES:
        if q.by_status.get(st):
            print(f"  {statuses.label(st)}: {q.by_status[st]}")
    return 0
