"""`jamsos hub duplicates | resolve | export-bpjs | record-results | return | report`: what the
district does with the villages' nominations once they are in the hub."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain import times
from ..domain.text import Text, UserError
from ..hub import bpjs, duplicates, returns
from .common import print_json, say
from .hub_cmds import open_hub, sign_in, unlock_keys


def register(hsub: Any) -> None:
    s = hsub.add_parser("duplicates", help="cari orang yang diusulkan dua kali (NIK sama, KK+tgl lahir, nama mirip)")
    s.add_argument("--status", choices=("open", "kept", "not_duplicate"), help="tampilkan hanya yang berstatus ini")
    s.add_argument("--no-detect", action="store_true", help="hanya tampilkan yang tersimpan, tanpa mencari ulang")
    s.add_argument(
        "--history", type=int, metavar="NOMOR", help="riwayat keputusan atas satu kandidat (yang terakhir berlaku)"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_duplicates)

    s = hsub.add_parser("resolve", help="catat keputusan atas satu kandidat ganda")
    s.add_argument("id", type=int, metavar="NOMOR")
    how = s.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--keep", metavar="KODE_DESA", help="pertahankan usulan desa ini; usulan desa lain dijawab 'ganda'"
    )
    how.add_argument("--not-duplicate", action="store_true", help="dua orang yang berbeda")
    s.add_argument(
        "--reason",
        default="",
        metavar="ALASAN",
        help="wajib untuk --not-duplicate, dan untuk mengubah keputusan yang sudah ada "
        "(oleh kepala kantor atau petugas yang memutuskannya)",
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_resolve)

    s = hsub.add_parser("export-bpjs", help="lembar pendaftaran kolektif untuk kantor cabang BPJS (.xlsx)")
    s.add_argument("--out", required=True, type=Path, metavar="BERKAS.xlsx")
    s.add_argument("--mapping", type=Path, metavar="PEMETAAN.json", help="kolom menurut kantor cabang")
    s.add_argument(
        "--again",
        action="store_true",
        help="tulis juga yang sudah dikirim di lembar sebelumnya dan belum dijawab BPJS",
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_export_bpjs)

    s = hsub.add_parser("record-results", help="catat jawaban BPJS (KPJ, periode, penolakan) dari .xlsx/.csv")
    s.add_argument("file", type=Path, metavar="BERKAS")
    s.add_argument("--mapping", type=Path, metavar="PEMETAAN.json")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_record_results)

    s = hsub.add_parser("return", help="tulis berkas hasil bertanda tangan untuk desa")
    s.add_argument("--village", metavar="KODE", help="hanya untuk desa ini")
    s.add_argument("--out", required=True, type=Path, metavar="FOLDER")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_return)

    s = hsub.add_parser("report", help="laporan cakupan per desa dan kecamatan (.pdf atau .xlsx)")
    s.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf|BERKAS.xlsx")
    s.add_argument("--target", type=int, metavar="N", help="target pekerja terlindungi kabupaten (disimpan)")
    s.add_argument("--year", type=int, metavar="TAHUN", help="tahun laporan (bawaan: tahun program terbaru)")
    s.add_argument("--signer", metavar="NAMA", help="nama kepala dinas/bidang yang menandatangani")
    s.add_argument("--signer-title", metavar="JABATAN", help="jabatan penanda tangan")
    s.add_argument("--signer-nip", metavar="NIP", help="NIP penanda tangan")
    s.add_argument("--place", metavar="TEMPAT", help="tempat penandatanganan (bawaan: nama kabupaten)")
    s.set_defaults(func=cmd_report)


def cmd_duplicates(args: argparse.Namespace, data_dir: Path) -> int:
    if args.history is not None:
        return _history(args, data_dir)
    hub = open_hub(args, data_dir, create=False)
    try:
        who = sign_in(hub, args)
        found = None if args.no_detect else duplicates.detect(hub, who)
        rows = duplicates.list_duplicates(hub, args.status)
    finally:
        hub.close()
    if args.json:
        print_json({"detection": found.to_dict() if found else None, "candidates": [r.to_dict() for r in rows]})
        return 0
    if found:
        print(
            say(
                f"{found.candidates} kandidat ganda ({found.new} baru, {found.open} belum diputuskan)",
                f"{found.candidates} duplicate candidates ({found.new} new, {found.open} undecided)",
            )
        )
    for r in rows:
        rule = duplicates.RULE_LABELS[r.rule].get()
        state = r.status_text()
        print(
            f"#{r.id:<5} {rule} ({r.score}) · {state}\n"
            f"       {r.village_a} {r.village_name_a}: {r.name_a} {r.nik_a}\n"
            f"       {r.village_b} {r.village_name_b}: {r.name_b} {r.nik_b}"
        )
    return 0


def _history(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        sign_in(hub, args)
        rows = [r for r in duplicates.list_duplicates(hub) if r.id == args.history]
        if not rows:
            raise UserError(
                "candidate",
                Text(f"kandidat ganda nomor {args.history} tidak ada", f"no duplicate candidate {args.history}"),
            )
        history = duplicates.decision_history(hub, args.history)
    finally:
        hub.close()
    if args.json:
        print_json({"candidate": rows[0].to_dict(), "decisions": [h.to_dict() for h in history]})
        return 0
    r = rows[0]
    print(f"#{r.id} {duplicates.RULE_LABELS[r.rule].get()} · {r.status_text()}")
    if not history:
        print(say("  belum ada keputusan", "  no decision yet"))
    for i, h in enumerate(history):
        state = duplicates.STATUS_LABELS[h.status].get()
        kept = f" {h.kept_village}" if h.kept_village else ""
        now = say(" (berlaku)", " (in force)") if i == len(history) - 1 else ""
        print(f"  {times.local(h.at)} {h.username}: {state}{kept}{now}" + (f" · {h.reason}" if h.reason else ""))
    return 0


def cmd_resolve(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        who = sign_in(hub, args)
        try:
            row = duplicates.resolve(
                hub, who, args.id, keep=args.keep, not_duplicate=args.not_duplicate, reason=args.reason
            )
        except UserError as exc:
            if exc.field == "reason":  # on the command line the reason is an option: say which
                exc.text = Text(f"{exc.text.id} (--reason)", f"{exc.text.en} (--reason)")
            raise
    finally:
        hub.close()
    if args.json:
        print_json(row.to_dict())
    elif row.kept_village:
        print(
            say(
                f"kandidat {row.id}: usulan {row.kept_village} dipertahankan; usulan desa lainnya dijawab 'ganda'",
                f"candidate {row.id}: {row.kept_village}'s nomination kept; the other village's answered 'duplicate'",
            )
        )
    else:
        print(say(f"kandidat {row.id}: bukan orang yang sama", f"candidate {row.id}: not the same person"))
    return 0


def cmd_export_bpjs(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        who = sign_in(hub, args)
        res = bpjs.export_sheet(hub, who, args.out, args.mapping, again=args.again)
    finally:
        hub.close()
    if args.json:
        print_json({"file": str(res.path), "rows": res.rows, "villages": res.villages})
    else:
        print(res.message())
    return 0


def cmd_record_results(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        who = sign_in(hub, args)
        rep = bpjs.record_results(hub, who, args.file, args.mapping)
    finally:
        hub.close()
    if args.json:
        print_json(rep.to_dict())
        return 0
    print(rep.message())
    for line in rep.details(limit=len(rep.rows)):
        print(f"  {line}")
    return 0


def cmd_return(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        who = sign_in(hub, args)
        keys = unlock_keys(hub, args)
        run = returns.write_returns(hub, who, keys, args.out, village=args.village)
    finally:
        hub.close()
    if args.json:
        print_json(run.to_dict())
    else:
        print(run.message())
    return 0


def cmd_report(args: argparse.Namespace, data_dir: Path) -> int:
    from ..hub import report

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UserError("out", Text("harus berkas .pdf atau .xlsx", "must be a .pdf or .xlsx file"), args.out.name)
    hub = open_hub(args, data_dir, create=False)
    try:
        who = sign_in(hub, args)
        res = report.write_report(
            hub,
            who,
            args.out,
            target=args.target,
            year=args.year,
            signer=report.Signer(args.signer or "", args.signer_title or "", args.signer_nip or "", args.place or ""),
        )
    finally:
        hub.close()
    print(res.message())
    return 0
