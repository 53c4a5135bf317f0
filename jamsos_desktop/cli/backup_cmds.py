"""`jamsos backup`, `jamsos restore FILE`, `jamsos audit verify|list`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import paths
from ..domain import times
from ..domain.actors import AUDIT_ROLES, shown_text
from ..domain.text import Text, UserError
from ..services import audit, backup, village
from ..services.integrity import DamagedDatabase
from .common import acting_username, actor, open_workspace, positive_int, print_json, read_password, say, table


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help="buat cadangan basis data sekarang (diperiksa sebelum disimpan)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_backup)
    bsub = p.add_subparsers(dest="backup_command", metavar="PERINTAH")
    s = bsub.add_parser("list", help="daftar cadangan, terbaru dulu")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_list)
    s = bsub.add_parser("settings", help="lihat atau ubah berapa cadangan disimpan dan folder cerminnya")
    s.add_argument("--keep-daily", type=positive_int, metavar="N", help="cadangan harian yang disimpan (bawaan 7)")
    s.add_argument("--keep-weekly", type=positive_int, metavar="N", help="cadangan mingguan yang disimpan (bawaan 4)")
    s.add_argument("--mirror", metavar="FOLDER", help="folder kedua, mis. flashdisk ('' = tanpa cermin)")
    s.set_defaults(func=_settings)

    p = sub.add_parser("restore", help="pulihkan basis data dari berkas cadangan (yang lama tetap disimpan)")
    p.add_argument("file", metavar="BERKAS")
    p.add_argument("--yes", action="store_true", help="jangan bertanya lagi")
    p.set_defaults(func=_restore)

    p = sub.add_parser("audit", help="jejak audit: periksa rantainya atau lihat isinya")
    asub = p.add_subparsers(dest="audit_command", metavar="PERINTAH")
    asub.required = True
    s = asub.add_parser("verify", help="periksa bahwa tidak ada entri audit yang diubah, disisipkan, atau dihapus")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_verify)
    s = asub.add_parser("list", help="siapa melakukan apa pada data mana, kapan")
    s.add_argument("--who", metavar="AKUN", help="hanya tindakan akun ini")
    s.add_argument("--record", metavar="ID", help="hanya data dengan ID ini (atau 8 angka terakhirnya)")
    s.add_argument("--limit", type=positive_int, default=50, help="paling banyak N baris (bawaan 50)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_audit_list)


def _backup(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        made = backup.make_backup(ws, "manual")
    finally:
        ws.close()
    if args.json:
        print_json(made.to_dict())
    else:
        print(say("Cadangan dibuat dan diperiksa:", "Backup made and checked:"))
        print(made.path)
    return 0


def _list(args: argparse.Namespace, data_dir: Path) -> int:
    found = backup.list_backups(paths.backup_dir(data_dir))
    if args.json:
        print_json([b.to_dict() for b in found])
        return 0
    rows = [
        [times.local(b.created, seconds=True), b.label, f"{b.size:,}".replace(",", "."), b.path.name] for b in found
    ]
    print(
        table(
            rows, [say("Waktu (UTC)", "Time (UTC)"), say("Jenis", "Kind"), say("Bita", "Bytes"), say("Berkas", "File")]
        )
    )
    return 0


def _settings(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        who = actor(ws, args)
        if args.keep_daily is not None:
            village.put_setting(ws, who, backup.SETTING_DAILY, _bounded(args.keep_daily, "--keep-daily"))
        if args.keep_weekly is not None:
            village.put_setting(ws, who, backup.SETTING_WEEKLY, _bounded(args.keep_weekly, "--keep-weekly"))
        if args.mirror is not None:
            mirror = args.mirror.strip()
            if mirror and not Path(mirror).expanduser().is_dir():
                raise UserError("--mirror", Text("bukan folder yang ada", "is not an existing folder"), mirror)
            village.put_setting(
                ws, who, backup.SETTING_MIRROR, str(Path(mirror).expanduser().resolve()) if mirror else ""
            )
        current = backup.backup_settings(ws)
    finally:
        ws.close()
    print_json(current)
    return 0


def _bounded(n: int, flag: str) -> int:
    if not 1 <= n <= 1000:
        raise UserError(flag, Text("harus 1 sampai 1000", "must be 1 to 1000"), n)
    return n


def confirm(question: str) -> bool:
    """Asks on the terminal; without one (a script) the answer is no."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [y/T] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "ya", "yes")


def _restore_key(args: argparse.Namespace, data_dir: Path) -> bytes | None:
    """The database key from the acting person's password, read from the key file alone: the
    database being replaced may be too damaged to open (None: an old plain database)."""
    from ..services import accounts

    if not accounts.has_key_file(data_dir):
        return None
    username = acting_username(args)
    return accounts.database_key(data_dir, username, read_password(args, username))


def _restore(args: argparse.Namespace, data_dir: Path) -> int:
    file = Path(args.file).expanduser()
    key = _restore_key(args, data_dir)
    problems = backup.check_backup(file, key)
    if problems:
        raise backup.backup_error(
            Text("berkas cadangan tidak utuh; tidak dipulihkan", "the backup file is not sound; nothing restored"),
            problems[0],
        )
    if not args.yes and not confirm(
        say(
            f"Ganti basis data dengan cadangan {file.name}? (yang sekarang disimpan di folder cadangan)",
            f"Replace the database with the backup {file.name}? (the current one is kept in the backups folder)",
        )
    ):
        print(
            say(
                "jamsos: tidak dipulihkan (tambahkan --yes dalam skrip)", "jamsos: not restored (add --yes in scripts)"
            ),
            file=sys.stderr,
        )
        return 1
    result = backup.restore(data_dir, file, key=key)
    print(say("Dipulihkan dari:", "Restored from:"), result.restored.path)
    if result.replaced is not None:
        print(say("Basis data sebelumnya disimpan di:", "The previous database was kept at:"), result.replaced)
    return 0


def offer_restore(exc: DamagedDatabase, data_dir: Path) -> bool:
    """At the terminal, a damaged database is reported and, if the person agrees, restored."""
    for p in exc.problems[:5]:
        print(f"  - {p}", file=sys.stderr)
    if exc.backup is None or not confirm(
        say(
            f"Basis data rusak. Pulihkan dari {exc.backup.name}?",
            f"The database is damaged. Restore {exc.backup.name}?",
        )
    ):
        return False
    result = backup.restore(data_dir, exc.backup, key=exc.key)
    print(say("Dipulihkan dari:", "Restored from:"), result.restored.path, file=sys.stderr)
    return True


def _verify(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir, check=False)  # what it checks is what opening would refuse
    try:
        rep = audit.verify(ws, backup.known_heads(data_dir))
    finally:
        ws.close()
    if args.json:
        print_json(rep.to_dict())
    elif rep.ok:
        print(
            say(
                f"Jejak audit utuh: {rep.entries} entri, kepala #{rep.head.seq} {rep.head.hash[:16]}",
                f"Audit trail sound: {rep.entries} entries, head #{rep.head.seq} {rep.head.hash[:16]}",
            )
        )
    else:
        for p in rep.problems:
            print(f"jamsos: {p.message()}", file=sys.stderr)
    return 0 if rep.ok else 1


def _shown(role: str, value: Any) -> Any:
    """A value of ``audit list --json`` as ``role`` may see it (``actors.shown_text``)."""
    return shown_text(role, value) if isinstance(value, str) else value


def _audit_list(args: argparse.Namespace, data_dir: Path) -> int:
    ws = open_workspace(data_dir)
    try:
        who = actor(ws, args)
        who.require(*AUDIT_ROLES)  # the village head and the admin read the trail
        rows = audit.entries(ws, username=args.who, record=args.record, limit=max(1, min(args.limit, 10_000)))
    finally:
        ws.close()
    if args.json:
        print_json([{k: _shown(who.role, v) for k, v in r.to_dict().items()} for r in rows])
        return 0
    out = [
        [
            str(r.seq),
            times.local(r.at, seconds=True),
            r.username,
            r.action,
            r.record(who.role),
            ", ".join(r.fields),
        ]
        for r in rows
    ]
    print(
        table(
            out,
            [
                "#",
                say("Waktu (UTC)", "Time (UTC)"),
                say("Akun", "Account"),
                say("Tindakan", "Action"),
                say("Data", "Record"),
                say("Isian diubah", "Fields changed"),
            ],
        )
    )
    return 0
