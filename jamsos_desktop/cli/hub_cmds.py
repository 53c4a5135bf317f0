"""`jamsos hub ...`: the district hub on the command line.

    jamsos hub [--db URL] [--user NAME] [--password-fd N] [--passphrase-fd N] ACTION ...

``--db`` is a SQLAlchemy URL (``sqlite:///path/hub.sqlite`` or
``postgresql+psycopg://user@host/db``, the server's password from PostgreSQL's ``PGPASSWORD`` or
``pgpass`` file rather than in the URL); without it ``JAMSOS_HUB_DB``, else
``jamsos-hub.sqlite`` in the user data folder. Every action but the very first ``user add``
acts as a signed-in account (``--user``); its password comes from ``--password-fd N`` (one line
read from that file descriptor), else ``JAMSOS_HUB_PASSWORD``, else a prompt on the terminal.
The district key's passphrase (``import``) likewise: ``--passphrase-fd``, else
``JAMSOS_DISTRICT_KEY_PASSPHRASE`` (the variable ``keys make-district`` reads), else a prompt.

Other modules add sub-commands to ``hub``: each module named in ``HUB_COMMAND_MODULES`` has
``register(hub_subparsers)`` and uses this module's public helpers (``open_hub``, ``sign_in``,
``unlock_keys``). A module of that list that does not exist (yet) is left out; an error inside
one that exists is not.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from pathlib import Path
from typing import Any

from ..domain import statuses, times
from ..domain.actors import Actor
from ..domain.text import Text, UserError
from ..hub import imports, keys, status, users
from ..hub.context import Hub
from ..hub.storage import db as hub_db
from ..hub.storage.db import ENV_URL
from ..services.sync import TABLE_LABELS, write_atomically
from ..sync import errors, keyfile
from ..sync.crypto import KeySet
from .common import print_json, say, table

PASSWORD_ENV = "JAMSOS_HUB_PASSWORD"  # noqa: S105 - the name of a variable, not a secret
NEW_PASSWORD_ENV = "JAMSOS_HUB_NEW_PASSWORD"  # noqa: S105 - the name of a variable, not a secret
KEY_PASSPHRASE_ENV = "JAMSOS_DISTRICT_KEY_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret

#: Modules that add sub-commands to ``hub`` (``register(hub_subparsers)``).
HUB_COMMAND_MODULES: tuple[str, ...] = ("jamsos_desktop.cli.hub_results_cmds", "jamsos_desktop.cli.hub_audit_cmds")


def register(sub: Any) -> None:
    p = sub.add_parser("hub", help="[SISI KABUPATEN] hub kabupaten: gabungkan kiriman semua desa")
    p.add_argument(
        "--db",
        metavar="URL",
        help=f"basis data hub (sqlite:///BERKAS atau postgresql+psycopg://...; bawaan: {ENV_URL}, "
        "atau jamsos-hub.sqlite di folder data)",
    )
    p.add_argument("--user", dest="hub_user", metavar="NAMA", help="akun hub yang bertindak")
    p.add_argument(
        "--password-fd",
        type=int,
        metavar="N",
        help=f"baca kata sandi akun dari descriptor berkas N (bawaan: {PASSWORD_ENV}, atau ditanyakan)",
    )
    p.add_argument(
        "--passphrase-fd",
        type=int,
        metavar="N",
        help=f"baca kata sandi kunci kabupaten dari descriptor N (bawaan: {KEY_PASSPHRASE_ENV}, atau ditanyakan)",
    )
    hsub = p.add_subparsers(dest="hub_action", metavar="AKSI")
    hsub.required = True

    k = hsub.add_parser("keys", help="kunci kabupaten")
    ksub = k.add_subparsers(dest="keys_action", metavar="AKSI")
    ksub.required = True
    s = ksub.add_parser("init", help="buat pasangan kunci kabupaten dan tulis kunci publik .jamkey untuk desa")
    s.add_argument("--name", required=True, metavar="NAMA", help="mis. Disnaker Kabupaten Bandung")
    s.add_argument("--region", required=True, metavar="KODE", help="kode wilayah kabupaten, mis. 32.04")
    s.add_argument("--out", default=".", metavar="FOLDER", help="folder untuk kunci publik (bawaan: folder ini)")
    s.add_argument(
        "--from",
        dest="from_file",
        metavar="BERKAS",
        help="pakai kunci RAHASIA yang sudah ada (dari 'keys make-district'), bukan membuat baru",
    )
    s.set_defaults(func=cmd_keys_init)
    s = ksub.add_parser("show", help="sidik jari kunci kabupaten; tulis ulang kunci publiknya")
    s.add_argument("--out", metavar="FOLDER", help="tulis kunci publik .jamkey ke folder ini")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_keys_show)

    u = hsub.add_parser("user", help="akun petugas hub")
    usub = u.add_subparsers(dest="user_action", metavar="AKSI")
    usub.required = True
    s = usub.add_parser(
        "add", help=f"tambah akun (kata sandinya ditanyakan, atau dari {NEW_PASSWORD_ENV} / --new-password-fd)"
    )
    s.add_argument("username", metavar="NAMA_PENGGUNA")
    s.add_argument("--name", required=True, metavar="NAMA_LENGKAP")
    s.add_argument(
        "--role", choices=users.HUB_ROLES, default=users.ROLE_CLERK, help="clerk (petugas) atau head (kepala kantor)"
    )
    s.add_argument("--new-password-fd", type=int, metavar="N", help="baca kata sandi akun baru dari descriptor N")
    s.set_defaults(func=cmd_user_add)
    s = usub.add_parser("list", help="daftar akun hub")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_user_list)

    s = hsub.add_parser("import", help="impor kiriman desa (berkas atau folder, banyak sekaligus)")
    s.add_argument("paths", nargs="+", metavar="BERKAS_ATAU_FOLDER")
    s.add_argument("--json", action="store_true", help="hasil per berkas sebagai JSON")
    s.set_defaults(func=cmd_import)

    s = hsub.add_parser("status", help="per desa: kiriman terakhir, nomor yang belum tiba, jumlah per status, kuota")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)

    for name in HUB_COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(hsub)


# --- helpers for every hub sub-command ----------------------------------------------------------


def open_hub(args: argparse.Namespace, data_dir: Path, *, create: bool = True) -> Hub:
    """The hub of ``--db`` (or ``JAMSOS_HUB_DB``, or the data folder's file). A PostgreSQL server
    that asks for a password the address, ``PGPASSWORD`` and ``pgpass`` do not hold: asked on the
    terminal (three tries), else the refusal says where to put it."""

    def ask(exc: hub_db.PasswordNeeded) -> str | None:
        if sys.stdin is None or not sys.stdin.isatty():
            raise exc
        if exc.refused:
            print(exc.message(), file=sys.stderr)
        typed = getpass.getpass(say("Kata sandi server basis data: ", "Database server password: "))
        if not typed:
            raise exc
        return typed

    hub = Hub.open_asking(args.db, ask, data_dir=data_dir, create=create, tries=3)
    assert hub is not None  # ask raises rather than give none
    return hub


def read_secret(*, fd: int | None, env: str, prompt: str, confirm: bool = False) -> str:
    """A password: one line from file descriptor ``fd``, else the variable ``env``, else asked
    on the terminal (twice when ``confirm``). No terminal and neither given: a UserError."""
    if fd is not None:
        try:
            with os.fdopen(fd, "r", encoding="utf-8", closefd=False) as f:
                return f.readline().rstrip("\r\n")
        except OSError as exc:
            raise UserError(
                "fd", Text(f"tidak bisa dibaca ({exc.strerror})", f"cannot be read ({exc.strerror})"), fd
            ) from None
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserError(
            "password",
            Text(f"tidak ada terminal untuk menanyakannya; isi {env}", f"no terminal to ask; set {env}"),
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(say("Ulangi: ", "Again: ")) != first:
        raise UserError("password", Text("kedua isian tidak sama", "the two entries differ"))
    return first


def sign_in(hub: Hub, args: argparse.Namespace) -> Actor:
    """The account named by ``--user`` (hub's, or jamsos's own), signed in with its password."""
    name = getattr(args, "hub_user", None) or getattr(args, "user", None)
    if not name:
        raise UserError("user", Text("sebutkan akun hub dengan --user", "name the hub account with --user"))
    password = read_secret(
        fd=getattr(args, "password_fd", None), env=PASSWORD_ENV, prompt=say("Kata sandi: ", "Password: ")
    )
    return users.login(hub, name, password)


def unlock_keys(hub: Hub, args: argparse.Namespace) -> KeySet:
    """The district's private keys, opened with their passphrase."""
    secret = None
    if keys.needs_passphrase(hub):
        secret = read_secret(
            fd=getattr(args, "passphrase_fd", None),
            env=KEY_PASSPHRASE_ENV,
            prompt=say("Kata sandi kunci kabupaten: ", "District key passphrase: "),
        )
    return keys.district_keys(hub, secret)


def _public_path(out: Path) -> Path:
    return out / f"kunci-kabupaten{keyfile.PUBLIC_SUFFIX}"


def _folder(out: Path) -> Path:
    if not out.is_dir():
        raise errors.SyncUserError(
            errors.FOLDER, Text("tidak ada atau bukan folder", "does not exist or is not a folder"), str(out)
        )
    return out


# --- the sub-commands ---------------------------------------------------------------------------


def cmd_keys_init(args: argparse.Namespace, data_dir: Path) -> int:
    out = _folder(Path(args.out))
    private = Path(args.from_file).read_bytes() if args.from_file else None
    hub = open_hub(args, data_dir)
    try:
        who = sign_in(hub, args)
        secret = read_secret(
            fd=args.passphrase_fd,
            env=KEY_PASSPHRASE_ENV,
            prompt=say("Kata sandi kunci kabupaten: ", "District key passphrase: "),
            confirm=private is None,
        )
        info = keys.init_keys(
            hub, who, name=args.name, region_code=args.region, passphrase=secret, private_file=private
        )
    finally:
        hub.close()
    path = _public_path(out)
    write_atomically(path, info.public_file)
    print(
        say(
            "Kunci kabupaten dibuat; kunci rahasia disimpan di hub, terlindung kata sandi.",
            "District keys made; the private key is kept in the hub, protected by the passphrase.",
        )
    )
    print(f"{say('Sidik jari', 'Fingerprint')}: {info.fingerprint}")
    print(path)
    return 0


def cmd_keys_show(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        sign_in(hub, args)
        info = keys.key_info(hub)
    finally:
        hub.close()
    path = None
    if args.out:
        path = _public_path(_folder(Path(args.out)))
        write_atomically(path, info.public_file)
    if args.json:
        print_json(
            {
                "name": info.name,
                "region_code": info.region_code,
                "fingerprint": info.fingerprint,
                "public_file": str(path) if path else None,
            }
        )
        return 0
    print(f"{info.name} ({info.region_code})")
    print(f"{say('Sidik jari', 'Fingerprint')}: {info.fingerprint}")
    if path:
        print(path)
    return 0


def cmd_user_add(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir)
    try:
        who = sign_in(hub, args) if users.list_users(hub) else None
        password = read_secret(
            fd=args.new_password_fd,
            env=NEW_PASSWORD_ENV,
            prompt=say(f"Kata sandi untuk {args.username}: ", f"Password for {args.username}: "),
            confirm=True,
        )
        made = users.add_user(hub, who, username=args.username, full_name=args.name, role=args.role, password=password)
    finally:
        hub.close()
    print(say(f"Akun {made.username} ({made.role}) dibuat.", f"Account {made.username} ({made.role}) created."))
    return 0


def cmd_user_list(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        sign_in(hub, args)
        rows = users.list_users(hub)
    finally:
        hub.close()
    if args.json:
        print_json([{"username": u.username, "full_name": u.full_name, "role": u.role} for u in rows])
    else:
        print(
            table(
                [[u.username, u.full_name, users.role_label(u.role)] for u in rows],
                [say("akun", "account"), say("nama", "name"), say("peran", "role")],
            )
        )
    return 0


class _Bar:
    """A progress bar on stderr: redrawn in place on a terminal, one line per file elsewhere."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        if self.tty:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}")
            if done == total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(f"{done}/{total} {name}\n")
        sys.stderr.flush()


_OUTCOME = {
    imports.IMPORTED: Text("diimpor", "imported"),
    imports.ALREADY: Text("sudah ada", "already"),
    imports.REFUSED: Text("DITOLAK", "REFUSED"),
}


def cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    files = imports.collect(Path(p) for p in args.paths)
    if not files:
        raise UserError(
            "paths", Text("tidak ada berkas .jamsync di sana", "no .jamsync files there"), " ".join(args.paths)
        )
    hub = open_hub(args, data_dir, create=False)
    try:
        who = sign_in(hub, args)
        district = unlock_keys(hub, args)
        out = imports.import_files(hub, who, files, district, region=keys.region_code(hub), progress=_Bar())
        state = status.hub_status(hub)
    finally:
        hub.close()
    refused = sum(1 for o in out if o.outcome == imports.REFUSED)
    if args.json:
        print_json([o.as_json() for o in out])
        return 1 if refused else 0
    for o in out:
        label = _OUTCOME[o.outcome].get()
        if o.outcome == imports.REFUSED:
            print(f"{label:9} {o.name}: {o.reason.get() if o.reason else o.code}")
            continue
        what = ", ".join(f"{n} {_label(k)}" for k, n in o.applied.items() if n) if o.outcome == imports.IMPORTED else ""
        print(
            f"{label:9} {o.name}  {o.village_name} ({o.village_code}) {say('nomor', 'no.')} {o.seq}"
            + (f": {what}" if what else "")
        )
    done = sum(1 for o in out if o.outcome == imports.IMPORTED)
    already = sum(1 for o in out if o.outcome == imports.ALREADY)
    print(
        say(
            f"{done} diimpor, {already} sudah ada, {refused} ditolak.",
            f"{done} imported, {already} already there, {refused} refused.",
        )
    )
    touched = {o.village_code for o in out if o.village_code}
    for v in state.villages:
        if v.code in touched and v.missing:
            print(
                say(
                    f"Desa {v.name} ({v.code}): kiriman nomor {_numbers(v.missing)} belum tiba.",
                    f"Village {v.name} ({v.code}): exports {_numbers(v.missing)} have not arrived.",
                )
            )
    return 1 if refused else 0


def _label(entity: str) -> str:
    return say(TABLE_LABELS.get(entity, entity), entity.replace("_", " "))


def _numbers(ns: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in ns)


def _rupiah(n: int) -> str:
    return "Rp" + f"{n:,}".replace(",", ".")


def cmd_status(args: argparse.Namespace, data_dir: Path) -> int:
    hub = open_hub(args, data_dir, create=False)
    try:
        sign_in(hub, args)
        st = status.hub_status(hub)
    finally:
        hub.close()
    if args.json:
        print_json(st.as_json())
        return 0
    rows = []
    for v in st.villages:
        rows.append(
            [
                v.code,
                v.name,
                v.kecamatan,
                times.local(v.last_imported_at) if v.last_imported_at else "-",
                _numbers(v.missing) or "-",
                str(v.workers),
                " ".join(f"{statuses.label(k)} {n}" for k, n in v.counts.items()),
                f"{v.quota_used}/{v.quota}",
                _rupiah(v.budget_committed),
            ]
        )
    head = [
        say(h[0], h[1])
        for h in (
            ("kode", "code"),
            ("desa", "village"),
            ("kecamatan", "district"),
            ("impor terakhir", "last import"),
            ("belum tiba", "missing"),
            ("pekerja", "workers"),
            ("per status", "by status"),
            ("kuota", "quota"),
            ("anggaran", "budget"),
        )
    ]
    print(table(rows, head))
    print()
    krows = [
        [
            k.name or "-",
            str(k.villages),
            str(k.workers),
            f"{k.quota_used}/{k.quota}",
            _rupiah(k.budget_committed),
            str(k.villages_missing_files),
        ]
        for k in (*st.kecamatan, st.regency)
    ]
    krows[-1][0] = say(f"JUMLAH {st.regency.name}".strip(), f"TOTAL {st.regency.name}".strip())
    print(
        table(
            krows,
            [
                say(h[0], h[1])
                for h in (
                    ("kecamatan", "district"),
                    ("desa", "villages"),
                    ("pekerja", "workers"),
                    ("kuota", "quota"),
                    ("anggaran", "budget"),
                    ("desa kurang kiriman", "villages missing files"),
                )
            ],
        )
    )
    return 0
