"""print form | list | decree | paper, sign, verify-qr."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..domain.text import Text, UserError, language
from ..reports.base import DecreeInfo, check_paper
from ..services import printing, village
from ..services.readers import read_limited
from .common import actor, date_arg, open_workspace, print_json


def _common(p: argparse.ArgumentParser, *, out: bool = True) -> None:
    if out:
        p.add_argument("--out", required=True, metavar="BERKAS.pdf", help="berkas PDF yang ditulis")
    p.add_argument("--paper", metavar="a4|f4", help="ukuran kertas (bawaan: pengaturan, A4)")


def register(sub: Any) -> None:
    p = sub.add_parser("print", help="cetak formulir usulan, daftar nominatif, atau keputusan kepala desa (PDF)")
    psub = p.add_subparsers(dest="action", metavar="DOKUMEN")
    psub.required = True

    s = psub.add_parser("form", help="formulir usulan, satu halaman per pekerja")
    s.add_argument("refs", nargs="*", metavar="ID|NIK")
    s.add_argument("--all-approved", action="store_true", help="semua usulan berstatus Disetujui yang belum dicetak")
    s.add_argument(
        "--all",
        dest="all_listed",
        action="store_true",
        help="semua peserta di daftar nominatif, juga yang sudah Dicetak (cetak ulang, urutan mana pun)",
    )
    _common(s)
    s.add_argument("--date", type=date_arg, metavar="TTTT-BB-HH", help="tanggal pada formulir (bawaan: hari ini)")
    s.add_argument("--no-mark", action="store_true", help="jangan tandai usulan sebagai Dicetak (pratinjau)")
    s.set_defaults(func=cmd_form)

    s = psub.add_parser("list", help="daftar nominatif peserta yang disetujui")
    _common(s)
    s.add_argument(
        "--masked",
        action="store_true",
        help="untuk diumumkan: NIK disamarkan, tanpa No. KK, tanggal lahir dan ahli waris",
    )
    s.add_argument("--date", type=date_arg, metavar="TTTT-BB-HH", help="tanggal pada daftar (bawaan: hari ini)")
    s.add_argument("--no-mark", action="store_true", help="jangan tandai usulan sebagai Dicetak")
    s.set_defaults(func=cmd_list)

    s = psub.add_parser("decree", help="keputusan kepala desa dengan daftar peserta sebagai lampiran")
    s.add_argument("--number", required=True, metavar="NOMOR", help="nomor keputusan, mis. 141/12/KPTS/2026")
    s.add_argument("--date", required=True, type=date_arg, metavar="TTTT-BB-HH", help="tanggal ditetapkan")
    s.add_argument(
        "--regulation-number",
        metavar="NOMOR",
        help="nomor peraturan desa/nagari tentang APB tahun ini, mis. '8 Tahun 2025' (disimpan untuk berikutnya)",
    )
    s.add_argument("--head-nip", metavar="NIP", help="NIP lurah (18 angka; disimpan untuk berikutnya)")
    _common(s)
    s.set_defaults(func=cmd_decree)

    s = psub.add_parser("paper", help="lihat atau ubah ukuran kertas bawaan")
    s.add_argument("paper", nargs="?", metavar="a4|f4")
    s.set_defaults(func=cmd_paper)

    s = psub.add_parser("emblem", help="simpan lambang daerah (PNG/JPG) untuk kop surat")
    s.add_argument("file", metavar="BERKAS")
    s.set_defaults(func=cmd_emblem)

    s = psub.add_parser("scan", help="salin pindaian formulir bertanda tangan yang tersimpan ke sebuah berkas")
    s.add_argument("ref", metavar="ID|NIK")
    s.add_argument("--out", required=True, metavar="BERKAS")
    s.set_defaults(func=cmd_scan)

    p = sub.add_parser("sign", help="tandai formulir yang sudah ditandatangani, dengan pindaian/foto bila ada")
    p.add_argument("ref", metavar="ID|NIK")
    p.add_argument("--scan", metavar="BERKAS", help="pindaian atau foto formulir bertanda tangan (PDF, JPG, PNG)")
    p.set_defaults(func=cmd_sign)

    p = sub.add_parser(
        "verify-qr",
        help="periksa kode QR pada formulir tercetak (status keluar: 0 cocok, 3 versi lama, 4 tidak dikenal, "
        "5 tidak sah)",
    )
    p.add_argument("payload", metavar="ISI_QR")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)


def _write(args: argparse.Namespace, data_dir: Path, document: str, mark: bool, **options: Any) -> int:
    out = Path(args.out)
    ws = open_workspace(data_dir)
    try:
        who = actor(ws, args)
        _keep_settings(ws, who, args)
        paper = check_paper(args.paper) if args.paper else printing.default_paper(ws)
        data, built = printing.build_bytes(ws, document, paper=paper, **options)
        printing.write_file(out, data)
        notices = printing.notices(ws, document)
        printing.record_output(ws, who, document, built, paper=paper, target="file")
        if mark:
            printing.mark_printed(ws, who, built.nomination_ids, "formulir" if document == printing.FORM else "daftar")
    finally:
        ws.close()
    marked = f"; {len(built.nomination_ids)} usulan ditandai Dicetak" if mark else ""
    print(f"{out} ({built.pages} halaman{marked})")
    for notice in notices:  # after the result, so that a failed print shows its one error line only
        print(f"Perhatian: {notice}" if language() == "id" else f"Note: {notice}", file=sys.stderr)
    return 0


def _keep_settings(ws: Any, who: Any, args: argparse.Namespace) -> None:
    """Options that are village settings are stored, so the next print needs them no more."""
    number = getattr(args, "regulation_number", None)
    if number is not None:
        village.set_regulation_number(ws, who, village.get_program(ws).year, number)
    nip = getattr(args, "head_nip", None)
    if nip is not None:
        village.set_head_nip(ws, who, nip)


def cmd_form(args: argparse.Namespace, data_dir: Path) -> int:
    if sum((bool(args.refs), args.all_approved, args.all_listed)) > 1:
        raise UserError(
            "worker",
            Text("pilih ID/NIK, --all-approved atau --all, satu saja", "give ids/NIKs, --all-approved or --all: one"),
        )
    return _write(
        args,
        data_dir,
        printing.FORM,
        not args.no_mark,
        refs=args.refs,
        all_approved=args.all_approved,
        all_listed=args.all_listed,
        print_date=args.date,
    )


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    document = printing.LIST_MASKED if args.masked else printing.LIST
    return _write(args, data_dir, document, not (args.no_mark or args.masked), print_date=args.date)


def cmd_decree(args: argparse.Namespace, data_dir: Path) -> int:
    date: dt.date = args.date
    return _write(args, data_dir, printing.DECREE, False, decree=DecreeInfo(args.number, date))


def cmd_paper(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        paper = (
            printing.set_default_paper(ws, actor(ws, args), args.paper) if args.paper else printing.default_paper(ws)
        )
    finally:
        ws.close()
    print(paper)
    return 0


def _read(path: str, field: str) -> bytes:
    return read_limited(path, printing.MAX_SCAN_BYTES, field)  # a regular file, never /dev/zero


def cmd_emblem(args: argparse.Namespace, data_dir: Path) -> int:
    data = _read(args.file, "Lambang")
    ws = open_workspace(data_dir)
    try:
        digest = printing.set_emblem(ws, actor(ws, args), data, args.file)
    finally:
        ws.close()
    print(digest)
    return 0


def cmd_sign(args: argparse.Namespace, data_dir: Path) -> int:
    scan = _read(args.scan, "Pindaian") if args.scan else None
    ws = open_workspace(data_dir)
    try:
        n = printing.mark_signed(ws, actor(ws, args), args.ref, scan=scan, filename=args.scan or "")
    finally:
        ws.close()
    extra = f"; pindaian {n.signed_scan_sha256[:12]}" if n.signed_scan_sha256 else ""
    print(f"ditandatangani{extra}")
    return 0


def cmd_scan(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        scan = printing.scan_of(ws, args.ref)
    finally:
        ws.close()
    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise UserError("out", Text("foldernya tidak ada", "its folder does not exist"), str(out))
    out.write_bytes(scan.data)
    print(f"{out} ({scan.mime}, {len(scan.data)} bita)")
    return 0


def cmd_verify(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        result = printing.verify_qr(ws, args.payload)
    finally:
        ws.close()
    if args.json:
        print_json(result.to_dict())
    else:
        print(f"{result.state}: {result.message}")
    return printing.QR_EXIT[result.state]
