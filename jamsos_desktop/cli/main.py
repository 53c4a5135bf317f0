"""`jamsos`: the command line for people and scripts.

Exit codes: 0 success, 1 a user error (one line on stderr naming the field and the value),
2 wrong usage, 3 an unexpected error (the details go to the log, whose path is printed).
"""

from __future__ import annotations

import argparse
import importlib
import io
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__, logs, paths
from ..domain.text import Text, UserError, set_language
from . import argparse_words, common

log = logging.getLogger(__name__)

#: Modules that add sub-commands: each has ``register(subparsers)``. Later features append here.
COMMAND_MODULES = (
    "jamsos_desktop.cli.setup_cmds",
    "jamsos_desktop.cli.worker_cmds",
    "jamsos_desktop.cli.nomination_cmds",
    "jamsos_desktop.cli.print_cmds",
    "jamsos_desktop.cli.sync_cmds",
    "jamsos_desktop.cli.village_cmds",
    "jamsos_desktop.cli.hub_cmds",
    "jamsos_desktop.cli.import_cmds",
    "jamsos_desktop.cli.backup_cmds",
    "jamsos_desktop.cli.privacy_cmds",
)

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
_NOT_UTF8 = Text(
    "bukan teks UTF-8 yang sah (periksa pengaturan bahasa terminal)",
    "is not valid UTF-8 text (check the terminal's language setting)",
)


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jamsos",
        description="JAMSOS Desktop: pendataan pekerja rentan dan usulan BPJS Ketenagakerjaan desa.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"jamsos {__version__}",
        help=argparse_words.VERSION_HELP.get(lang, argparse_words.VERSION_HELP["en"]),
    )
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


#: Characters that steer a terminal rather than show: C0 and C1 controls (ANSI escapes begin
#: with ESC) and the bidirectional overrides and isolates that reorder what follows them.
_STEERING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(text: str) -> str:
    """``text`` with every steering character written as its escape (``\\u202e``), which JSON
    output reads back as the same character."""
    return _STEERING.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Shown(io.TextIOBase):
    """A terminal stream that shows steering characters instead of obeying them: a name typed
    with an ANSI escape or a right-to-left override cannot repaint or reorder the output."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(_visible(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return bool(self.inner.isatty())

    def fileno(self) -> int:
        return int(self.inner.fileno())


def _not_text(args: argparse.Namespace) -> tuple[str, str] | None:
    """The first argument that is not valid text (bytes that were not UTF-8 arrive as lone
    surrogates), as (option, shown value)."""
    for name, value in vars(args).items():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str):
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError:
                    return name, v.encode("utf-8", "backslashreplace").decode("ascii", "replace")[:40]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Shown(out), _Shown(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None = None) -> int:
    lang = argparse_words.language_of(sys.argv[1:] if argv is None else argv)
    # argparse's own words ("usage:", its errors) in the language asked for, as the commands' are.
    with argparse_words.words(lang):
        parser = build_parser(lang)
        args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    bad = _not_text(args)
    if bad is not None:
        print(f"jamsos: {bad[0]} '{bad[1]}': {_NOT_UTF8.get()}", file=sys.stderr)
        return EXIT_USER
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
