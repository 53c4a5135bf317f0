"""Helpers shared by the sub-commands: opening the workspace, acting as a user, printing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.text import Issue, Text, UserError
from ..services.context import Actor, Workspace
from ..services.users import default_actor, find_user

Handler = Callable[[argparse.Namespace, Path], int]


def open_workspace(data_dir: Path, *, create: bool = False, check: bool = True) -> Workspace:
    from ..services import backup
    from ..services.integrity import DamagedDatabase

    try:
        ws = Workspace.open(data_dir, create=create, check=check)
    except DamagedDatabase as exc:  # reported, and restored only when the person says so
        from .backup_cmds import offer_restore

        if not offer_restore(exc, data_dir):
            raise
        ws = Workspace.open(data_dir, create=create)
    if not create:  # a village being set up has nothing to back up yet
        backup.automatic(ws, "daily")
    return ws


def actor(ws: Workspace, args: argparse.Namespace, *, approving: bool = False) -> Actor:
    if args.user:
        return find_user(ws, args.user)
    return default_actor(ws, approving=approving)


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
