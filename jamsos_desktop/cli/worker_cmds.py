"""worker add | edit | show | list | delete."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..domain import history_notes, money, statuses, times
from ..domain.actors import ROLE_OPERATOR, sees_full_nik, shown_number
from ..domain.occupations import category_label
from ..domain.text import Text, ValidationError, language
from ..services import privacy, village, workers
from ..services.workers import WorkerQuery
from .common import actor, open_workspace, positive_int, print_json, say, table, warn

FIELDS = (
    ("nik", "--nik", "N", "NIK, 16 digit"),
    ("kk", "--kk", "N", "No. KK, 16 digit"),
    ("name", "--name", "NAMA", "nama lengkap sesuai KTP"),
    ("birth_place", "--birth-place", "TEMPAT", "tempat lahir"),
    ("birth_date", "--birth-date", "TTTT-BB-HH", "tanggal lahir"),
    ("sex", "--sex", "L|P", "jenis kelamin"),
    ("dusun", "--dusun", "DUSUN", "dusun/jorong/banjar"),
    ("rt", "--rt", "N", "RT"),
    ("rw", "--rw", "N", "RW"),
    ("occupation", "--occupation", "PEKERJAAN", "pekerjaan di KTP (kode 1-89 atau nama)"),
    ("category", "--category", "KATEGORI", "kategori pekerja desa (petani, tukang_ojek, ...)"),
    ("income", "--income", "RUPIAH", "penghasilan per bulan"),
    ("phone", "--phone", "NOMOR", "no. HP"),
    ("address", "--address", "ALAMAT", "alamat"),
    ("heir_name", "--heir-name", "NAMA", "nama ahli waris"),
    ("heir_relation", "--heir-relation", "HUBUNGAN", "hubungan ahli waris"),
    ("heir_phone", "--heir-phone", "NOMOR", "no. HP ahli waris"),
    ("kpj", "--kpj", "NOMOR", "nomor KPJ bila sudah peserta"),
    ("notes", "--notes", "TEKS", "catatan"),
    (
        "consent_date",
        "--consent-date",
        "TTTT-BB-HH",
        "tanggal pekerja menyetujui pemrosesan data pribadinya (UU 27/2022); tanpa itu tidak bisa diusulkan",
    ),
)
FLAGS = (
    ("dtks", "--dtks", "terdaftar di DTKS/P3KE"),
    ("bpjs_active", "--bpjs-active", "sudah peserta aktif BPJS Ketenagakerjaan"),
    ("resident", "--resident", "berdomisili di desa ini (bawaan: ya)"),
)


def _add_fields(p: argparse.ArgumentParser) -> None:
    for dest, flag, metavar, help_ in FIELDS:
        p.add_argument(flag, dest=dest, metavar=metavar, help=help_)
    for dest, flag, help_ in FLAGS:
        p.add_argument(flag, dest=dest, action=argparse.BooleanOptionalAction, default=None, help=help_)
    p.add_argument(
        "--consent", action="store_true", help="pekerja menyetujui pemrosesan data pribadinya hari ini (UU 27/2022)"
    )


def register(sub: Any) -> None:
    p = sub.add_parser("worker", help="data pekerja")
    wsub = p.add_subparsers(dest="action", metavar="AKSI")
    wsub.required = True

    s = wsub.add_parser("add", help="catat pekerja baru (mencetak ID-nya)")
    _add_fields(s)
    s.set_defaults(func=cmd_add)

    s = wsub.add_parser("edit", help="ubah data pekerja")
    s.add_argument("ref", metavar="ID|NIK")
    _add_fields(s)
    s.set_defaults(func=cmd_edit)

    s = wsub.add_parser("show", help="tampilkan satu pekerja")
    s.add_argument("ref", metavar="ID|NIK")
    s.add_argument("--json", action="store_true")
    s.add_argument(
        "--full-nik",
        action="store_true",
        help="tampilkan NIK dan No. KK lengkap (bagi yang melihatnya disamarkan: tercatat di jejak audit)",
    )
    s.set_defaults(func=cmd_show)

    s = wsub.add_parser("list", help="daftar pekerja")
    s.add_argument("--search", default="", metavar="Q", help="cari nama, NIK, KK atau dusun")
    s.add_argument("--status", choices=statuses.WORKER_STATUSES)
    s.add_argument("--category")
    s.add_argument("--dusun")
    s.add_argument("--sort", default="name", choices=sorted(workers.SORTABLE))
    s.add_argument("--desc", action="store_true")
    s.add_argument("--limit", type=positive_int, default=None, help="paling banyak N baris (bawaan: semua)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_list)

    s = wsub.add_parser(
        "withdraw-consent",
        help="pekerja mencabut persetujuan pemrosesan data: usulan ditarik, data pribadi dihapus dalam 3x24 jam",
    )
    s.add_argument("ref", metavar="ID|NIK")
    s.add_argument("--reason", required=True, help="alasan atau cara pencabutan (surat, lisan di kantor desa)")
    s.set_defaults(func=cmd_withdraw_consent)

    s = wsub.add_parser("delete", help="hapus pekerja (tetap tercatat di jejak audit)")
    s.add_argument("ref", metavar="ID|NIK")
    s.add_argument("--reason", default="")
    s.set_defaults(func=cmd_delete)


def _values(args: argparse.Namespace) -> dict[str, Any]:
    out = {dest: getattr(args, dest) for dest, *_ in FIELDS if getattr(args, dest) is not None}
    out |= {dest: getattr(args, dest) for dest, *_ in FLAGS if getattr(args, dest) is not None}
    if getattr(args, "consent", False) and "consent_date" not in out:
        out["consent_date"] = dt.date.today().isoformat()
    return out


def _raise_with_warnings(exc: ValidationError) -> None:
    warn([i for i in exc.issues if not i.is_error])
    raise exc


def _say_income_read(args: argparse.Namespace) -> None:
    """An income written other than as plain digits ("Rp 900.000,00", "1,5 juta") was read by
    rules; saying the amount read lets the person catch a reading they did not mean."""
    typed = args.income
    if typed is not None and not typed.strip().isdigit():
        read = money.rupiah(money.parse_rupiah(typed), language())
        print(Text(f"penghasilan dibaca sebagai {read}", f"income read as {read}").get(), file=sys.stderr)


def _numbers_as_seen(role: str, d: dict[str, Any]) -> dict[str, Any]:
    """A worker's dict with its NIK and KK number as ``role`` may see them (``actors.shown_number``)."""
    for key in ("nik", "kk"):
        if isinstance(d.get(key), str):
            d[key] = shown_number(role, d[key])
    return d


def cmd_add(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        try:
            r = workers.add_worker(ws, actor(ws, args), _values(args))
        except ValidationError as exc:
            _raise_with_warnings(exc)
            raise
    finally:
        ws.close()
    warn(r.warnings)
    _say_income_read(args)
    print(r.id)
    return 0


def cmd_edit(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        try:
            r = workers.edit_worker(ws, actor(ws, args), args.ref, _values(args))
        except ValidationError as exc:
            _raise_with_warnings(exc)
            raise
    finally:
        ws.close()
    warn(r.warnings)
    for notice in r.notices:
        print(f"{say('perhatian', 'note')}: {notice.get()}", file=sys.stderr)
    _say_income_read(args)
    print(r.id)
    return 0


def cmd_show(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        who = actor(ws, args)
        d = workers.get_worker(ws, args.ref)
        hamlet = village.village_words(village.get_village(ws)).hamlet  # Dusun, Jorong, Banjar, Lingkungan...
        # The role's rule, or this record's numbers whole when asked for (recorded for those
        # who see them masked).
        role = who.role if not args.full_nik else ROLE_OPERATOR
        if args.full_nik and not sees_full_nik(who.role):
            privacy.show_full_nik(ws, who, d.worker.id)
    finally:
        ws.close()
    w = d.worker
    if args.json:
        out = _numbers_as_seen(role, w.to_dict())
        out["nomination"] = d.nomination.to_dict() if d.nomination else None
        out["assessment"] = d.assessment.to_dict() if d.assessment else None
        print_json(out)
        return 0
    sex = say("Laki-laki", "Male") if w.sex == "L" else say("Perempuan", "Female")
    print(f"{w.name}  (ID {w.id})")
    print(f"NIK {shown_number(role, w.nik)}   KK {shown_number(role, w.kk)}")
    print(f"{w.birth_place}, {w.birth_date:%d-%m-%Y}; {sex}")
    print(f"{hamlet} {w.dusun} RT {w.rt}/RW {w.rw}  {w.address}")
    income = money.rupiah(w.income, language()) if w.income is not None else "-"
    print(
        say(
            f"Pekerjaan: {w.occupation}; kategori: {category_label(w.category)}; penghasilan: {income}",
            f"Occupation: {w.occupation}; category: {category_label(w.category)}; income: {income}",
        )
    )
    print(say("Ahli waris", "Heir") + f": {w.heir_name or '-'} ({w.heir_relation or '-'})")
    print(f"Status: {statuses.label(w.status)}")
    if w.consent_withdrawn_at is not None:
        print(
            say(
                f"Persetujuan pemrosesan data pribadi: dicabut pada {w.consent_withdrawn_at:%d-%m-%Y}",
                f"Consent to the processing of personal data: withdrawn on {w.consent_withdrawn_at:%d-%m-%Y}",
            )
        )
    elif w.consent_date is not None:
        print(
            say(
                f"Persetujuan pemrosesan data pribadi: diberikan pada {w.consent_date:%d-%m-%Y}",
                f"Consent to the processing of personal data: given on {w.consent_date:%d-%m-%Y}",
            )
        )
    else:
        print(say("Persetujuan pemrosesan data pribadi: belum ada", "Consent to the processing of personal data: none"))
    if d.assessment:
        a = d.assessment
        verdict = say("MEMENUHI SYARAT", "ELIGIBLE") if a.eligible else say("TIDAK MEMENUHI", "NOT ELIGIBLE")
        print(
            say(f"Penilaian (aturan v{a.rule_set_version})", f"Assessment (rules v{a.rule_set_version})")
            + f": {verdict}, "
            + say(f"skor {a.score}", f"score {a.score}")
            + (say(f", peringkat {a.rank}", f", rank {a.rank}") if a.rank else "")
        )
        for r in a.rules:
            print(f"  {'✓' if r.passed else '✗'} {r.reason()}")
    if d.nomination:
        for e in d.nomination.events:
            print(
                f"  {times.local(e.at)} {statuses.label(e.to_status)} {say('oleh', 'by')} {e.username}"
                + (f": {history_notes.shown(e.note)}" if e.note else "")
            )
    return 0


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    q = WorkerQuery(
        search=args.search,
        status=args.status,
        category=args.category,
        dusun=args.dusun,
        order_by=args.sort,
        descending=args.desc,
        limit=args.limit,
    )
    ws = open_workspace(data_dir)
    try:
        role = actor(ws, args).role
        rows = workers.list_workers(ws, q)
    finally:
        ws.close()
    if args.json:
        print_json([_numbers_as_seen(role, r.to_dict()) for r in rows])
        return 0
    print(
        table(
            [
                [
                    workers.short_id(r.id),
                    shown_number(role, r.nik),
                    r.name,
                    f"{r.birth_date:%d-%m-%Y}",
                    r.sex,
                    r.dusun,
                    category_label(r.category),
                    statuses.label(r.status),
                ]
                for r in rows
            ],
            [
                "id",
                "nik",
                say("nama", "name"),
                say("lahir", "born"),
                say("jk", "sex"),
                "dusun",
                say("kategori", "category"),
                "status",
            ],
        )
    )
    print(say(f"{len(rows)} pekerja", f"{len(rows)} workers"))
    return 0


def cmd_withdraw_consent(args: argparse.Namespace, data_dir: Path) -> int:
    from ..services import privacy

    ws = open_workspace(data_dir)
    try:
        r = privacy.withdraw_consent(ws, actor(ws, args), args.ref, args.reason)
    finally:
        ws.close()
    print(r.text().get())
    return 0


def cmd_delete(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        wid = workers.delete_worker(ws, actor(ws, args), args.ref, args.reason)
    finally:
        ws.close()
    print(wid)
    return 0
