"""Helpers shared by the sub-commands: opening the workspace, acting as a user, printing.

The database is encrypted and only a person's password unlocks it, so opening the workspace *is*
signing in: the person named by ``--user`` (the operator by default, the head for approve and
decline) gives their password, from a prompt or, for scripts, from ``--password-fd N`` or the
``JAMSOS_PASSWORD`` environment variable, and every command then acts as that person.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from .. import paths
from ..domain.text import Issue, Text, UserError
from ..services.context import Actor, Workspace

Handler = Callable[[argparse.Namespace, Path], int]

PASSWORD_ENV = "JAMSOS_PASSWORD"  # noqa: S105 (a variable's name, not a password)
HEAD_PASSWORD_ENV = "JAMSOS_HEAD_PASSWORD"  # noqa: S105
#: Commands whose default actor is the village head (the approver), not the operator.
HEAD_COMMANDS = frozenset({"approve", "decline"})
#: The longest password line read from a file descriptor.
MAX_PASSWORD_BYTES = 4096

# The command being run and the person whose password opened the database.
_invocation: ContextVar[argparse.Namespace | None] = ContextVar("jamsos_cli_args", default=None)
_signed_in: ContextVar[Actor | None] = ContextVar("jamsos_cli_actor", default=None)
_new_passwords: ContextVar[dict[str, str] | None] = ContextVar("jamsos_cli_new_passwords", default=None)


def begin(args: argparse.Namespace) -> None:
    """Called by ``main`` before a command runs: nobody is signed in yet."""
    _invocation.set(args)
    _signed_in.set(None)
    _new_passwords.set(None)


def acting_username(args: argparse.Namespace) -> str:
    if getattr(args, "user", None):
        return str(args.user).strip().lower()
    return "kepala" if getattr(args, "command", "") in HEAD_COMMANDS else "operator"


def _no_password(username: str, env: str = PASSWORD_ENV, use_fd: bool = True) -> UserError:
    """The refusal names the ways this password is read: ``--password-fd`` only where it is
    (``init`` reads the head's from ``JAMSOS_HEAD_PASSWORD`` or a prompt), and the variable read."""
    fd_id, fd_en = ("--password-fd N atau ", "--password-fd N or ") if use_fd else ("", "")
    return UserError(
        "password",
        Text(
            f"kata sandi '{username}' diperlukan: ketik saat diminta, atau untuk skrip pakai {fd_id}"
            f"variabel lingkungan {env}",
            f"the password of '{username}' is needed: type it when asked, or for scripts use {fd_en}"
            f"the environment variable {env}",
        ),
    )


def read_password(args: argparse.Namespace, username: str, *, env: str = PASSWORD_ENV, use_fd: bool = True) -> str:
    """The password from ``--password-fd``, else the environment, else a prompt on a terminal."""
    fd = getattr(args, "password_fd", None) if use_fd else None
    if fd is not None:
        try:
            data = os.read(fd, MAX_PASSWORD_BYTES)
        except OSError:
            raise UserError("password-fd", Text("tidak bisa dibaca", "cannot be read"), fd) from None
        line = data.decode("utf-8", errors="strict").splitlines()
        if line and line[0]:
            return line[0]
        raise _no_password(username, env, use_fd)
    value = os.environ.get(env)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        typed = getpass.getpass(Text(f"Kata sandi {username}: ", f"Password of {username}: ").get())
        if typed:
            return typed
    raise _no_password(username, env, use_fd)


def open_workspace(data_dir: Path, *, create: bool = False, check: bool = True) -> Workspace:
    """The workspace, unlocked with the acting person's password (``create``: a new database for
    ``init``, which gives the first accounts their passwords itself). A damaged database is
    reported and restored only when the person says so (``check``: False for the commands that
    report what the opening check would refuse); a daily backup is made when due."""
    from ..services import accounts, backup
    from ..services.integrity import DamagedDatabase

    if create and not accounts.is_locked(data_dir):
        args = _invocation.get()
        if args is not None:  # asked before anything is made, so that a refusal leaves no file
            _new_passwords.set(
                {
                    "operator": read_password(args, "operator"),
                    "kepala": read_password(args, "kepala", env=HEAD_PASSWORD_ENV, use_fd=False),
                }
            )
        return Workspace.open(data_dir, create=True, check=check)

    args = _invocation.get()
    if args is None:
        raise RuntimeError("open_workspace outside a command")
    username = acting_username(args)
    if not accounts.is_locked(data_dir) and not paths.db_path(data_dir).exists():
        return Workspace.open(data_dir, check=check)  # says that 'jamsos init' comes first
    password = read_password(args, username)
    try:
        signed = accounts.sign_in(data_dir, username, password, say_unknown=True, check=check)
    except DamagedDatabase as exc:  # reported, and restored only when the person says so
        from .backup_cmds import offer_restore

        if not offer_restore(exc, data_dir):
            raise
        signed = accounts.sign_in(data_dir, username, password, say_unknown=True)
    _signed_in.set(signed.actor)
    if signed.recovery_key:
        _show_recovery_key(signed.recovery_key)
    backup.automatic(signed.ws, "daily")
    return signed.ws


def secure_new_village(ws: Workspace, args: argparse.Namespace) -> str:
    """``init``: the operator's and the head's passwords (the head's from a prompt or
    ``JAMSOS_HEAD_PASSWORD``) lock the new database; returns the recovery key to show once."""
    from ..services import firstrun

    passwords = _new_passwords.get() or {
        "operator": read_password(args, "operator"),
        "kepala": read_password(args, "kepala", env=HEAD_PASSWORD_ENV, use_fd=False),
    }
    who, recovery = firstrun.lock_new_village(ws, passwords)
    _signed_in.set(who)
    return recovery


def _show_recovery_key(recovery: str) -> None:
    print(
        say(
            "Basis data kini terenkripsi. KUNCI PEMULIHAN (tampil sekali; tulis dan simpan di tempat aman, "
            f"dipegang kepala desa):\n  {recovery}",
            "The database is now encrypted. RECOVERY KEY (shown once; write it down and keep it safe, "
            f"with the village head):\n  {recovery}",
        ),
        file=sys.stderr,
    )


def actor(ws: Workspace, args: argparse.Namespace, *, approving: bool = False) -> Actor:
    """The person whose password opened the workspace: nobody else can be acted as."""
    who = _signed_in.get()
    if who is None:
        raise RuntimeError("no one is signed in")
    return who


def say(id_: str, en: str) -> str:
    """A line of command-line output in the user's language (``--lang``)."""
    return Text(id_, en).get()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def warn(issues: tuple[Issue, ...] | list[Issue]) -> None:
    for i in issues:
        print(f"{say('peringatan', 'warning')}: {i.message()}", file=sys.stderr)


def positive_int(text: str) -> int:
    try:
        value = int(text.replace(".", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"tidak boleh negatif: {text!r}")
    if value > MAX_INT:  # beyond any count, and beyond what the database stores
        raise argparse.ArgumentTypeError(f"terlalu besar (paling banyak {MAX_INT}): {text[:30]!r}")
    return value


MAX_INT = 2**31 - 1


def year_arg(text: str) -> int:
    """A program year, refused before any file is made (``init --year 99999``)."""
    value = positive_int(text)
    if not 2015 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"tahun harus antara 2015 dan 2100: {text[:30]!r}")
    return value


def date_arg(text: str) -> Any:
    from ..domain.worker import parse_date

    d = parse_date(text)
    if d is None:
        raise argparse.ArgumentTypeError(f"bukan tanggal (TTTT-BB-HH): {text!r}")
    return d


def need(value: Any, field: str) -> Any:
    if value is None:
        raise UserError(field, Text("wajib diisi", "is required"))
    return value


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)
