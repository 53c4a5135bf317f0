"""init, program, demo, doctor, users."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import paths
from ..domain import eligibility, money, statuses
from ..domain.text import Text, UserError, language
from ..domain.village_words import VillageWords, account_role_label
from ..services import backup, demo, doctor, users, village
from .common import (
    acting_username,
    actor,
    date_arg,
    open_workspace,
    positive_int,
    print_json,
    read_password,
    say,
    secure_new_village,
    table,
    year_arg,
)


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="siapkan basis data desa")
    p.add_argument("--village", required=True, metavar="KODE", help="kode desa Kemendagri, mis. 32.04.05.2005")
    p.add_argument("--head", required=True, metavar="NAMA", help="nama kepala desa")
    p.add_argument(
        "--head-title",
        metavar="SEBUTAN",
        help="Kepala Desa, Lurah, Wali Nagari, Keuchik, Perbekel, ... (bawaan: sebutan yang lazim di wilayahnya)",
    )
    p.add_argument("--head-nip", metavar="NIP", help="NIP kepala (lurah), dicetak di bawah namanya")
    p.add_argument(
        "--operator", default="", metavar="NAMA", help="nama operator desa (kosong: baris nama ditulis tangan)"
    )
    p.add_argument("--address", default="", metavar="ALAMAT", help="alamat kantor desa")
    p.add_argument("--year", type=year_arg, help="tahun program (bawaan: tahun ini)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("program", help="lihat atau ubah program aktif")
    psub = p.add_subparsers(dest="action", metavar="AKSI")
    psub.required = True
    s = psub.add_parser("show", help="tampilkan program aktif")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_program_show)
    s = psub.add_parser("set", help="ubah program aktif (tahun baru = program baru)")
    s.add_argument("--year", type=year_arg)
    s.add_argument("--name")
    s.add_argument("--funding", dest="funding_source", metavar="APBDes|APBD")
    s.add_argument("--months", type=positive_int)
    s.add_argument("--quota", type=positive_int)
    s.add_argument(
        "--budget", dest="budget_ceiling", metavar="RUPIAH", help="pagu anggaran, mis. 15.000.000 (0 = tanpa pagu)"
    )
    s.add_argument("--contribution", dest="contribution_mode", metavar="lowest_band|declared_income")
    s.add_argument("--jht", dest="include_jht", action=argparse.BooleanOptionalAction, default=None)
    s.add_argument("--reference-date", type=date_arg, metavar="TTTT-BB-HH", help="tanggal acuan usia")
    s.add_argument("--min-age", type=positive_int)
    s.add_argument("--max-age", type=positive_int)
    s.add_argument("--income-cap", metavar="RUPIAH", help="batas penghasilan (0 = tanpa batas)")
    s.add_argument("--one-per-household", action=argparse.BooleanOptionalAction, default=None)
    s.add_argument("--require-dtks", action=argparse.BooleanOptionalAction, default=None)
    s.add_argument("--require-resident", action=argparse.BooleanOptionalAction, default=None)
    s.add_argument(
        "--allow-officials",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="kepala desa (wali nagari, lurah …), perangkat dan anggota BPD boleh diusulkan (bawaan: boleh, ditandai)",
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_program_set)

    p = sub.add_parser("demo", help="isi desa contoh dengan pekerja rekaan")
    p.add_argument("--workers", type=positive_int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=2026)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("doctor", help="periksa keutuhan basis data dan ringkasannya")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("user", help="akun pengguna")
    usub = p.add_subparsers(dest="action", metavar="AKSI")
    usub.required = True
    s = usub.add_parser("list", help="daftar akun")
    s.set_defaults(func=cmd_user_list)
    s = usub.add_parser("add", help="tambah akun")
    s.add_argument("--username", required=True)
    s.add_argument("--name", required=True)
    s.add_argument("--role", required=True, choices=("operator", "approver", "admin"))
    s.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin")
    s.set_defaults(func=cmd_user_add)
    s = usub.add_parser(
        "recover",
        help="semua kata sandi lupa: buka dengan kunci pemulihan (atau JAMSOS_RECOVERY_KEY) dan beri --user "
        "kata sandi baru (ditanyakan, --password-fd atau JAMSOS_PASSWORD)",
    )
    s.set_defaults(func=cmd_user_recover)
    s = usub.add_parser("recovery-key", help="[admin] buat kunci pemulihan baru; yang lama tidak berlaku lagi")
    s.set_defaults(func=cmd_user_recovery_key)


def cmd_init(args: argparse.Namespace, data_dir: Path) -> int:
    from ..domain import regions

    if regions.village(args.village) is None:  # before creating any file
        raise UserError(
            "village",
            Text(
                "tidak ada dalam daftar desa/kelurahan Kemendagri 2025 (contoh: 32.04.05.2005)",
                "is not a village in the 2025 Kemendagri list (e.g. 32.04.05.2005)",
            ),
            args.village,
        )
    nip = village.check_nip(args.head_nip) if args.head_nip else ""  # before creating any file
    made = not paths.db_path(data_dir).exists()
    ws = open_workspace(data_dir, create=True)
    try:
        v = village.init_village(
            ws,
            code=args.village,
            head_name=args.head,
            head_title=args.head_title,
            operator_name=args.operator,
            office_address=args.address,
            year=args.year,
        )
        recovery = secure_new_village(ws, args)
        if nip:
            village.set_head_nip(ws, actor(ws, args), nip)
        program = village.get_program(ws)
    except BaseException:
        ws.close()
        if made:  # a database this command began is not left half-made
            backup.discard_new_database(data_dir)
        raise
    finally:
        ws.close()
    words = village.village_words(v)
    en = language() == "en"
    print(f"{words.unit_name}, Kec. {v.district_name}, {v.regency_name}, {v.province_name} ({v.code})")
    print(f"{v.head_title}: {v.head_name}" + (f" (NIP {nip})" if nip else ""))
    if not args.head_title:
        print(
            f"  Head's title taken from the region: {v.head_title}; if the village says otherwise, set it with "
            "--head-title (or in Settings)."
            if en
            else f"  Sebutan kepala menurut wilayah: {v.head_title}; bila di desa ini lain, ubah dengan --head-title "
            "(atau di Pengaturan)."
        )
    operator = v.operator_name or ("(none: written by hand on paper)" if en else "(belum ada: ditulis tangan)")
    print(f"Operator: {operator}")
    print(f"Program: {program.name}")
    print(
        "Emblem not set yet: the letterhead shows a sample marked CONTOH until 'jamsos print emblem FILE'."
        if en
        else "Lambang daerah belum diatur: kop surat memuat contoh bertanda CONTOH sampai 'jamsos print emblem "
        "BERKAS' dijalankan."
    )
    print(f"Data: {ws.db.path}")
    print(
        say(
            "Basis data terenkripsi. KUNCI PEMULIHAN (tampil sekali; tulis dan simpan di tempat aman, dipegang "
            f"kepala desa; membuka data bila semua kata sandi lupa):\n  {recovery}",
            "The database is encrypted. RECOVERY KEY (shown once; write it down and keep it safe, with the village "
            f"head; it opens the data if every password is forgotten):\n  {recovery}",
        )
    )
    return 0


def _program_text(p: Any, words: VillageWords) -> str:
    c = p.lowest_monthly
    jht = " + JHT" if p.include_jht else ""
    lowest = money.rupiah(c, language())
    if p.contribution_mode == "lowest_band":
        full = money.rupiah(money.budget(p.quota, c, p.months), language())
        dues = say(
            f"Iuran: golongan terendah ({lowest}/bulan{jht}); anggaran pada kuota penuh {full}",
            f"Contribution: lowest band ({lowest}/month{jht}); budget at the full quota {full}",
        )
    else:
        dues = say(
            f"Iuran: sesuai penghasilan yang dilaporkan, paling sedikit {lowest}/bulan{jht}; "
            "anggaran dihitung per pekerja (lihat 'jamsos quota')",
            f"Contribution: by declared income, at least {lowest}/month{jht}; "
            "the budget is counted per worker (see 'jamsos quota')",
        )
    ref = f"{p.reference_date:%d-%m-%Y}"
    ages = f"{p.rules.min_age}-{p.rules.max_age}"
    lines = [
        p.name,
        say(
            f"Tahun {p.year}, sumber dana {p.funding_source}, {p.months} bulan, kuota {p.quota} orang",
            f"Year {p.year}, funded by {p.funding_source}, {p.months} months, quota {p.quota} people",
        ),
        dues,
        say(
            f"Tanggal acuan usia: {ref}; usia {ages}; versi aturan {p.rule_set_version}",
            f"Age reference date: {ref}; ages {ages}; rules version {p.rule_set_version}",
        ),
    ]
    if p.budget_ceiling is not None:
        places = min(p.quota, p.budget_ceiling // max(1, c * p.months))
        ceiling = money.rupiah(p.budget_ceiling, language())
        lines.append(
            say(
                f"Pagu: {ceiling} (cukup untuk {places} orang pada iuran terendah)",
                f"Budget ceiling: {ceiling} (enough for {places} people at the lowest band)",
            )
        )
        if places < p.quota:
            lines.append(
                say(
                    f"Peringatan: pagu lebih kecil dari kuota {p.quota} orang; yang diusulkan paling banyak {places}",
                    f"Warning: the ceiling is below the quota of {p.quota}; at most {places} can be proposed",
                )
            )
    # The rule's own sentence, in the village's words (what a worker's explanation says).
    officials = eligibility.officials_outcome(p.rules.allow_officials, words).reason
    lines.append(say(officials.id[:1].upper() + officials.id[1:], officials.en[:1].upper() + officials.en[1:]))
    return "\n".join(lines)


def cmd_program_show(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        p = village.get_program(ws)
        words = village.village_words(village.get_village(ws))
    finally:
        ws.close()
    print_json(p.to_dict()) if args.json else print(_program_text(p, words))
    return 0


def cmd_program_set(args: argparse.Namespace, data_dir: Path) -> int:
    keys = (
        "year",
        "name",
        "funding_source",
        "months",
        "quota",
        "budget_ceiling",
        "contribution_mode",
        "include_jht",
        "reference_date",
        "min_age",
        "max_age",
        "income_cap",
        "one_per_household",
        "require_dtks",
        "require_resident",
        "allow_officials",
    )
    changes = {k: getattr(args, k) for k in keys if getattr(args, k) is not None}
    for key, field in (("budget_ceiling", "budget"), ("income_cap", "income_cap")):
        if key in changes:
            changes[key] = _amount(changes[key], field)
    ws = open_workspace(data_dir)
    try:
        p = village.update_program(ws, actor(ws, args), **changes)
        words = village.village_words(village.get_village(ws))
    finally:
        ws.close()
    print_json(p.to_dict()) if args.json else print(_program_text(p, words))
    return 0


def _amount(text: str, field: str) -> int:
    """An amount typed as people write it (domain.money.parse_rupiah), or a one-line refusal that
    names the option and the value and says how it was read."""
    try:
        return money.parse_rupiah(text)
    except money.AmountError as exc:
        raise UserError(field, exc.text, text, issue_code=exc.code) from None


def cmd_demo(args: argparse.Namespace, data_dir: Path) -> int:
    if args.workers < 1 or args.workers > 500_000:
        raise UserError("workers", Text("harus antara 1 dan 500.000", "must be between 1 and 500,000"), args.workers)
    ws = open_workspace(data_dir)
    try:
        r = demo.generate(ws, actor(ws, args), args.workers, seed=args.seed)
    finally:
        ws.close()
    print(
        say(
            f"{r.added} pekerja ditambahkan; {r.duplicates_caught} NIK ganda ditolak; {r.warnings} peringatan",
            f"{r.added} workers added; {r.duplicates_caught} duplicate NIKs refused; {r.warnings} warnings",
        )
    )
    for m in r.rejected_messages:
        print(f"  {m}", file=sys.stderr)
    return 0


def cmd_doctor(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir, check=False)  # it reports what the opening check would refuse
    try:
        r = doctor.doctor(ws)
    finally:
        ws.close()
    if args.json:
        print_json(r.to_dict())
    else:
        size = f"{r.size_bytes / 1e6:.1f} MB"
        print(
            say(f"Basis data: {r.path} ({size}), skema {r.schema}", f"Database: {r.path} ({size}), schema {r.schema}")
        )
        print(
            say(
                f"Pekerja: {r.workers} (terhapus {r.deleted_workers}); jejak audit: {r.audit_entries} entri",
                f"Workers: {r.workers} (deleted {r.deleted_workers}); audit trail: {r.audit_entries} entries",
            )
        )
        print("Status: " + ", ".join(f"{statuses.label(k)} {v}" for k, v in sorted(r.by_status.items())))
        q = r.quota
        used, of = money.rupiah(q["budget_used"], language()), money.rupiah(q["budget_at_quota"], language())
        ceiling = q.get("budget_ceiling")
        print(
            say(
                f"Kuota: {q['counted']} / {q['quota']}; anggaran terpakai {used} dari {of}",
                f"Quota: {q['counted']} / {q['quota']}; budget used {used} of {of}",
            )
            + (
                say(f"; pagu {money.rupiah(ceiling, language())}", f"; ceiling {money.rupiah(ceiling, language())}")
                if ceiling is not None
                else ""
            )
        )
        if r.ok:
            print(say("Hasil: baik", "Result: good"))
        else:
            print(say("Masalah:", "Problems:") + "\n" + "\n".join(f"  - {p}" for p in r.problems))
    return 0 if r.ok else 1


def cmd_user_list(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        words = village.village_words(village.get_village(ws))
        lang = language()
        rows = [[u.username, u.full_name, account_role_label(u.role, words, lang)] for u in users.list_users(ws)]
    finally:
        ws.close()
    print(table(rows, [say("akun", "account"), say("nama", "name"), say("peran", "role")]))
    return 0


def cmd_user_add(args: argparse.Namespace, data_dir: Path) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    ws = open_workspace(data_dir)
    try:
        u = users.add_user(
            ws, actor(ws, args), username=args.username, full_name=args.name, role=args.role, password=password
        )
    finally:
        ws.close()
    print(u.id)
    return 0


RECOVERY_ENV = "JAMSOS_RECOVERY_KEY"


def cmd_user_recover(args: argparse.Namespace, data_dir: Path) -> int:
    import getpass
    import os

    from ..services import accounts

    recovery = os.environ.get(RECOVERY_ENV, "")
    if not recovery and sys.stdin is not None and sys.stdin.isatty():
        recovery = getpass.getpass(say("Kunci pemulihan: ", "Recovery key: "))
    if not recovery:
        raise UserError(
            "recovery",
            Text(
                f"kunci pemulihan diperlukan: ketik saat diminta, atau {RECOVERY_ENV}",
                f"the recovery key is needed: type it when asked, or {RECOVERY_ENV}",
            ),
        )
    username = acting_username(args)
    who = accounts.recover(data_dir, recovery, username, read_password(args, username))
    print(say(f"Kata sandi baru untuk '{who.username}' disimpan.", f"New password for '{who.username}' saved."))
    return 0


def cmd_user_recovery_key(args: argparse.Namespace, data_dir: Path) -> int:
    from ..services import keys

    ws = open_workspace(data_dir)
    try:
        recovery = keys.new_recovery_key(ws, actor(ws, args))
    finally:
        ws.close()
    print(
        say(
            f"KUNCI PEMULIHAN BARU (tampil sekali; yang lama tidak berlaku lagi):\n  {recovery}",
            f"NEW RECOVERY KEY (shown once; the old one no longer works):\n  {recovery}",
        )
    )
    return 0
