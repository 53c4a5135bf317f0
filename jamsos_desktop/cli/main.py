"""`jamsos`: the command line for people and scripts.

Exit codes: 0 success, 1 a user error (one line on stderr naming the field and the value),
2 wrong usage, 3 an unexpected error (the details go to the log, whose path is printed).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__, logs, paths
from ..domain.text import UserError, set_language
from . import common

log = logging.getLogger(__name__)

#: Modules that add sub-commands: each has ``register(subparsers)``. Later features append here.
COMMAND_MODULES = (
    "jamsos_desktop.cli.setup_cmds",
    "jamsos_desktop.cli.worker_cmds",
    "jamsos_desktop.cli.nomination_cmds",
    "jamsos_desktop.cli.print_cmds",
    "jamsos_desktop.cli.sync_cmds",
    "jamsos_desktop.cli.village_cmds",
)

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jamsos",
        description="JAMSOS Desktop: pendataan pekerja rentan dan usulan BPJS Ketenagakerjaan desa.",
    )
    parser.add_argument("--version", action="version", version=f"jamsos {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="folder data (bawaan: folder data pengguna; atau JAMSOS_DATA_DIR)"
    )
    parser.add_argument(
        "--user",
        metavar="NAMA",
        help="akun yang bertindak, dengan kata sandinya (bawaan: operator; kepala untuk approve/decline)",
    )
    parser.add_argument(
        "--password-fd",
        type=int,
        metavar="N",
        help="untuk skrip: baca kata sandi akun yang bertindak dari deskriptor berkas N (atau JAMSOS_PASSWORD)",
    )
    parser.add_argument("--lang", choices=("id", "en"), help="bahasa pesan (bawaan: id)")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    data_dir = paths.data_dir(args.data_dir)
    log_path: Path | None = None
    try:
        log_path = logs.setup(data_dir)
        log.info("command %s", args.command)
        common.begin(args)
        code: int = args.func(args, data_dir)
        return code
    except UserError as exc:
        print(f"jamsos: {exc.message()}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("jamsos: dibatalkan", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # a bug: keep the traceback out of the terminal, in the log
        log.exception("unexpected error in %s", args.command)
        where = f" Rincian di log: {log_path}" if log_path else ""
        print(f"jamsos: kesalahan tak terduga saat menjalankan '{args.command}'.{where}", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    raise SystemExit(main())
