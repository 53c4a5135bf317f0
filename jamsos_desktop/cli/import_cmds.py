"""import FILE | export-register --out FILE."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..domain import import_mapping, statuses
from ..services import importing, register_export
from ..services.workers import WorkerQuery
from .common import actor, open_workspace, say


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="impor pekerja dari Excel (.xlsx, .xls) atau CSV")
    p.add_argument("file", metavar="BERKAS", type=Path)
    p.add_argument("--sheet", metavar="LEMBAR", help="nama lembar (bawaan: yang paling mirip daftar pekerja)")
    p.add_argument(
        "--mapping",
        metavar="M.json",
        type=Path,
        help='pemetaan kolom: {"header_row": 4, "columns": {"nik": "NIK", "name": "C", ...}}',
    )
    p.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan apa pun")
    p.add_argument("--json", action="store_true", help="satu objek JSON per baris: nomor baris, hasil, alasan")
    p.add_argument("--report", metavar="OUT.xlsx", type=Path, help="simpan laporan per baris (kolom asli + alasan)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-register", help="ekspor daftar pekerja ke .xlsx atau .csv")
    p.add_argument("--out", metavar="BERKAS", type=Path, required=True, help="berkas .xlsx atau .csv")
    p.add_argument("--masked", action="store_true", help="samarkan NIK, No. KK dan nomor HP (3204**********01)")
    p.add_argument("--search", default="", metavar="Q", help="cari nama, NIK, KK atau dusun")
    p.add_argument("--status", choices=statuses.WORKER_STATUSES)
    p.add_argument("--category")
    p.add_argument("--dusun")
    p.set_defaults(func=cmd_export)


def _summary(plan: importing.Plan) -> str:
    c = plan.counts
    return say(
        f"{c['new']} baru, {c['update']} diperbarui, {c['unchanged']} tidak berubah, {c['duplicate']} ganda, "
        f"{c['skipped']} dilewati, {c['error']} salah; {plan.warned} dengan peringatan",
        f"{c['new']} new, {c['update']} updates, {c['unchanged']} unchanged, {c['duplicate']} duplicates, "
        f"{c['skipped']} skipped, {c['error']} errors; {plan.warned} with warnings",
    )


def cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        source = importing.open_source(ws, args.file, args.sheet)
        mapping = importing.mapping_from_file(source, args.mapping) if args.mapping else source.mapping
        plan = importing.dry_run(ws, source, mapping)
        if args.mapping and not args.dry_run:
            # A mapping written for this sheet serves its fixed report too (a dry run writes nothing).
            importing.remember_mapping(ws, actor(ws, args), plan.mapping)
        if args.report:
            importing.save_report(plan, args.report)
        if args.json:
            for r in plan.rows:
                sys.stdout.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        else:
            assert plan.mapping is not None
            cols = ", ".join(
                f"{import_mapping.TARGET_LABELS[k].get()}={plan.mapping.headers_name(c)}"
                for k, c in plan.mapping.columns.items()
            )
            print(
                say(
                    f"lembar {source.sheet}, judul kolom di baris {plan.mapping.header_row}",
                    f"sheet {source.sheet}, headers on row {plan.mapping.header_row}",
                ),
                file=sys.stderr,
            )
            print(say(f"kolom: {cols}", f"columns: {cols}"), file=sys.stderr)
            for r in plan.rows:
                if r.outcome in (importing.NEW, importing.UNCHANGED) and not r.issues:
                    continue
                print(f"{say('baris', 'row')} {r.row}: {r.label()}")
                for reason in r.reasons():
                    print(f"    {reason}")
        print(_summary(plan), file=sys.stderr)
        if plan.count(importing.ERROR):
            if not args.dry_run:
                print(
                    say(
                        "tidak ada yang diimpor: perbaiki baris yang salah dulu",
                        "nothing imported: fix the rows with errors first",
                    ),
                    file=sys.stderr,
                )
            return 1
        if args.dry_run:
            return 0
        result = importing.run_import(ws, actor(ws, args), plan)
    finally:
        ws.close()
    print(
        say(
            f"diimpor: {result.added} baru, {result.updated} diperbarui, {result.unchanged} tidak berubah",
            f"imported: {result.added} new, {result.updated} updated, {result.unchanged} unchanged",
        ),
        file=sys.stderr,
    )
    for notice in result.notices:
        print(f"{say('perhatian', 'note')}: {notice.get()}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    q = WorkerQuery(search=args.search, status=args.status, category=args.category, dusun=args.dusun, limit=None)
    ws = open_workspace(data_dir)
    try:
        n = register_export.export_register(ws, actor(ws, args), q, args.out, masked=args.masked)
    finally:
        ws.close()
    print(say(f"{n} pekerja ditulis ke {args.out}", f"{n} workers written to {args.out}"), file=sys.stderr)
    return 0
