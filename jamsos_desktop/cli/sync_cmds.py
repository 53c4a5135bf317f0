"""sync export | import-return | history | write-again | conflicts | resolve; keys show | import-district.

``keys make-district`` is for the district office (it makes the hub's key pair); a village never
needs it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from ..domain import statuses, times
from ..domain.text import Text
from ..services import keys, sync
from ..services.readers import FileRefused, read_limited
from ..sync import errors, keyfile
from ..sync.crypto import check_passphrase
from .common import actor, open_workspace, positive_int, print_json, table

KEY_FILE_LIMIT = 64 * 1024  # a public key file is a few hundred bytes
PASSPHRASE_ENV = "JAMSOS_SYNC_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
KEY_PASSPHRASE_ENV = "JAMSOS_DISTRICT_KEY_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="berkas sinkronisasi dengan kabupaten")
    ssub = p.add_subparsers(dest="action", metavar="AKSI")
    ssub.required = True

    s = ssub.add_parser("export", help="tulis kiriman ke kabupaten (mencetak path berkasnya di baris terakhir)")
    s.add_argument("--out", required=True, metavar="FOLDER", help="folder tujuan, mis. flashdisk")
    s.add_argument("--full", action="store_true", help="kirim ulang semua data, bukan hanya perubahan")
    s.add_argument(
        "--passphrase",
        action="store_true",
        help=f"enkripsi dengan kata sandi berkas (ditanyakan, atau dari {PASSPHRASE_ENV}); untuk kabupaten "
        "yang belum punya kunci",
    )
    s.set_defaults(func=cmd_export)

    s = ssub.add_parser("import-return", help="terapkan berkas hasil dari kabupaten")
    s.add_argument("file", metavar="BERKAS")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_import_return)

    s = ssub.add_parser(
        "inspect", help="periksa sebuah berkas .jamsync tanpa membukanya (jenis, desa, nomor, penanda tangan)"
    )
    s.add_argument("file", metavar="BERKAS")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_inspect)

    s = ssub.add_parser("history", help="riwayat kiriman dan berkas hasil")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_history)

    s = ssub.add_parser("write-again", help="tulis ulang kiriman lama (flashdisk hilang/rusak)")
    s.add_argument("seq", type=positive_int, metavar="NOMOR")
    s.add_argument("--out", required=True, metavar="FOLDER")
    s.set_defaults(func=cmd_write_again)

    s = ssub.add_parser("conflicts", help="hasil kabupaten yang belum diterapkan karena data berubah di desa")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_conflicts)

    s = ssub.add_parser("resolve", help="putuskan satu konflik")
    s.add_argument("nomination", metavar="ID_USULAN")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--accept", action="store_true", help="terapkan hasil kabupaten")
    g.add_argument("--keep", action="store_true", help="pertahankan data desa")
    s.set_defaults(func=cmd_resolve)

    p = sub.add_parser("keys", help="kunci perangkat dan kunci kabupaten")
    ksub = p.add_subparsers(dest="action", metavar="AKSI")
    ksub.required = True
    s = ksub.add_parser("show", help="sidik jari kunci perangkat dan kunci kabupaten")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_keys_show)
    s = ksub.add_parser("import-district", help="impor kunci publik kabupaten (cocokkan sidik jarinya lewat telepon)")
    s.add_argument("file", metavar="BERKAS")
    s.add_argument(
        "--fingerprint",
        metavar="ANGKA",
        help="sidik jari yang dibacakan petugas kabupaten (30 angka); tanpa ini akan ditanyakan",
    )
    s.add_argument(
        "--yes",
        action="store_true",
        help="terima sidik jari yang ditampilkan: HANYA bila sudah dicocokkan dengan kabupaten lewat telepon",
    )
    s.set_defaults(func=cmd_keys_import)
    s = ksub.add_parser("make-district", help="[SISI KABUPATEN] buat pasangan kunci kabupaten")
    s.add_argument("--out", required=True, metavar="FOLDER")
    s.add_argument(
        "--protect",
        action="store_true",
        help=f"lindungi kunci rahasia dengan kata sandi (ditanyakan, atau dari {KEY_PASSPHRASE_ENV})",
    )
    s.add_argument("--name", required=True, metavar="NAMA", help="mis. Disnaker Kabupaten Bandung")
    s.add_argument("--region", default="", metavar="KODE", help="kode wilayah, mis. 32.04")
    s.set_defaults(func=cmd_make_district)


def _passphrase(env_name: str = PASSPHRASE_ENV) -> str:
    env = os.environ.get(env_name)
    if env:
        return env
    if not sys.stdin.isatty():
        raise errors.SyncUserError(
            errors.PASSPHRASE,
            Text(
                f"tidak ada terminal untuk menanyakannya; isi {env_name}",
                f"no terminal to ask; set {env_name}",
            ),
        )
    first = getpass.getpass("Kata sandi berkas: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise errors.SyncUserError(errors.PASSPHRASE, Text("kedua isian tidak sama", "the two entries differ"))
    return first


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    passphrase = _passphrase() if args.passphrase else None
    ws = open_workspace(data_dir)
    try:
        who = actor(ws, args)

        def progress(done: int, total: int, message: str) -> None:
            if sys.stderr.isatty():
                print(f"\r[{done}/{total}] {message}…\x1b[K", end="", file=sys.stderr, flush=True)

        r = sync.export(ws, who, Path(args.out), full=args.full, passphrase=passphrase, progress=progress)
    finally:
        ws.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    e = r.export
    kind = "lengkap" if e.full else "perubahan"
    print(
        f"Kiriman nomor {e.seq} ({kind}): {e.records} data, {e.exported_nominations} usulan ditandai Dikirim, "
        f"{e.size:,} bita, diperiksa utuh."
    )
    print(f"SHA-256: {e.file_sha256}")
    print(r.path)
    return 0


def cmd_import_return(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        r = sync.import_return(ws, actor(ws, args), Path(args.file))
    finally:
        ws.close()
    if args.json:
        print_json(r.to_dict())
    else:
        print(r.message())
        if r.conflicts:
            print("Lihat konflik dengan: jamsos sync conflicts")
    return 0


def cmd_inspect(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        d = sync.describe_file(ws, Path(args.file))
    finally:
        ws.close()
    if args.json:
        print_json(d)
        return 0
    yes = {True: "ya", False: "tidak"}
    kind = {"village-export": "kiriman desa", "district-return": "berkas hasil dari kabupaten"}.get(
        d["kind"], d["kind"]
    )
    print(f"Jenis        : {kind} (format versi {d['format_version']}), nomor {d['seq']}, dibuat {d['created_at']}")
    print(f"Desa         : {d['village_code']} (desa ini: {yes[d['for_this_village']]}), perangkat {d['device']}")
    print("Isi          : " + ", ".join(f"{k} {v}" for k, v in d["counts"].items()))
    print(f"Ditandatangani: {d['signer_name'] or '-'} {d['signer_fingerprint']} (tanda tangan sah)")
    if d["kind"] == "district-return":
        print(f"Dari kabupaten yang terdaftar: {yes[d['signed_by_configured_district']]}")
        if d["applied_as_return"] is not None:
            print("Sudah pernah diterapkan.")
    elif d["written_here_as_export"] is not None:
        print(f"Dibuat oleh komputer ini: kiriman nomor {d['written_here_as_export']}")
    return 0


def cmd_history(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        exports = sync.export_history(ws)
        imports = sync.import_history(ws)
    finally:
        ws.close()
    if args.json:
        print_json({"exports": [e.to_dict() for e in exports], "imports": [i.to_dict() for i in imports]})
        return 0
    print("Kiriman ke kabupaten")
    rows = [
        [
            str(e.seq),
            times.local(e.created_at),
            "lengkap" if e.full else "perubahan",
            str(e.records),
            str(e.exported_nominations),
            e.encrypted_for.replace("district", "kabupaten").replace("passphrase", "kata sandi"),
            e.file_name,
        ]
        for e in exports
    ]
    print(table(rows, ["No", "Waktu (UTC)", "Jenis", "Data", "Usulan", "Untuk", "Berkas"]) if rows else "  (belum ada)")
    print()
    print("Berkas hasil dari kabupaten")
    irows = []
    for i in imports:
        d = i.to_dict()
        a = d["applied"]
        irows.append(
            [
                str(i.return_seq),
                times.local(i.applied_at),
                str(d["answers_export_seq"]),
                str(a.get("registered", 0)),
                str(a.get("rejected", 0)),
                str(a.get("duplicate", 0)),
                str(d["conflicts"]),
            ]
        )
    headers = ["No", "Diterapkan (UTC)", "Menjawab", "Terdaftar", "Ditolak", "Ganda", "Konflik"]
    print(table(irows, headers) if irows else "  (belum ada)")
    return 0


def cmd_write_again(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        path = sync.write_again(ws, actor(ws, args), args.seq, Path(args.out))
    finally:
        ws.close()
    print(path)
    return 0


def cmd_conflicts(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        rows = sync.list_conflicts(ws)
    finally:
        ws.close()
    if args.json:
        print_json([c.to_dict() for c in rows])
        return 0
    if not rows:
        print("Tidak ada konflik.")
        return 0
    for c in rows:
        district = statuses.label(c.outcome)
        if c.kpj:
            district += f" (KPJ {c.kpj}, {c.coverage_start} s.d. {c.coverage_end})"
        elif c.reason:
            district += f" ({c.reason})"
        print(f"{c.nomination_id}  {c.worker_name}")
        print(f"  desa     : {statuses.label(c.local_status)}")
        print(f"  kabupaten: {district}  [berkas hasil {c.return_seq}]")
        for why in c.why:
            print(f"  - {why}")
    return 0


def cmd_resolve(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        sync.resolve_conflict(ws, actor(ws, args), args.nomination, accept=args.accept)
    finally:
        ws.close()
    print("Hasil kabupaten diterapkan." if args.accept else "Data desa dipertahankan.")
    return 0


def cmd_keys_show(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        info = keys.keys_info(ws)
    finally:
        ws.close()
    d = info.district
    if args.json:
        print_json(
            {
                "device_fingerprint": info.device_fingerprint,
                "district": None
                if d is None
                else {
                    "name": d.name,
                    "region_code": d.region_code,
                    "fingerprint": d.fingerprint,
                    "imported_at": d.imported_at,
                },
            }
        )
        return 0
    print(f"Kunci perangkat ini : {info.device_fingerprint}")
    if d is None:
        print("Kunci kabupaten     : belum diimpor (jamsos keys import-district BERKAS)")
    else:
        print(f"Kunci kabupaten     : {d.fingerprint}  {d.name}")
    return 0


def cmd_keys_import(args: argparse.Namespace, data_dir: Path) -> int:
    path = Path(args.file)
    try:
        data = read_limited(path, KEY_FILE_LIMIT)
    except FileRefused as exc:
        raise errors.SyncUserError(errors.DISTRICT_KEY, exc.text, str(path)) from None
    key = keys.read_district_key(data)
    print(f"Kunci dari  : {key.name or '(tanpa nama)'} {key.region_code}")
    print(f"Sidik jari  : {key.fingerprint}")
    confirmed = args.fingerprint
    if confirmed is None and args.yes:
        confirmed = key.fingerprint  # the person says it was checked on the phone; audited as such
    if confirmed is None:
        print("Telepon petugas kabupaten dan minta dibacakan sidik jari kuncinya.")
        try:  # typed at the terminal, or one line piped in by a script
            confirmed = input("Ketik sidik jari yang dibacakan: ") if sys.stdin.isatty() else sys.stdin.readline()
        except (OSError, EOFError):
            confirmed = ""
        confirmed = confirmed.strip()
        if not confirmed:
            raise errors.SyncUserError(
                errors.FINGERPRINT,
                Text(
                    "belum dicocokkan: telepon petugas kabupaten, minta dibacakan sidik jarinya, lalu isi "
                    "--fingerprint",
                    "not confirmed: call the district, have them read the fingerprint, and pass --fingerprint",
                ),
            )
    ws = open_workspace(data_dir)
    try:
        row = keys.import_district_key(ws, actor(ws, args), data, confirmed)
    finally:
        ws.close()
    print(f"Kunci kabupaten disimpan: {row.fingerprint}")
    return 0


def cmd_make_district(args: argparse.Namespace, _data_dir: Path) -> int:
    out = Path(args.out)
    if not out.is_dir():
        raise errors.SyncUserError(
            errors.FOLDER, Text("tidak ada atau bukan folder", "does not exist or is not a folder"), str(out)
        )
    ks = keyfile.make_district_keys()
    public = out / f"kunci-kabupaten{keyfile.PUBLIC_SUFFIX}"
    private = out / "kunci-kabupaten-RAHASIA.json"
    if public.exists() or private.exists():
        raise errors.SyncUserError(
            errors.FOLDER,
            Text("sudah berisi kunci kabupaten; pakai folder lain", "already holds a district key"),
            str(out),
        )
    secret = _passphrase(KEY_PASSPHRASE_ENV) if args.protect else None
    if secret is not None:
        check_passphrase(secret)
    sync.write_atomically(
        private, keyfile.private_key_file(ks, name=args.name, region_code=args.region, passphrase=secret)
    )
    if os.name == "posix":
        private.chmod(0o600)
    sync.write_atomically(public, keyfile.public_key_file(ks.public, name=args.name, region_code=args.region))
    print("[SISI KABUPATEN] Kunci rahasia disimpan; jangan pernah dikirim ke desa.")
    print(f"Sidik jari: {ks.public.fingerprint}")
    print(f"Kunci rahasia: {private}")
    print(public)
    return 0
