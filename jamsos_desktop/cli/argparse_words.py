"""argparse's own words in the command line's language.

The commands' help is the app's; what argparse writes itself ("usage:", "options", "show this help
message and exit", "error: argument X: invalid choice ...", "the following arguments are required")
is English. argparse asks ``gettext`` for each of them at the moment it writes or builds them, so
while the command line builds its parser and reads its arguments, ``argparse._`` and
``argparse.ngettext`` answer in Indonesian (the default language), and go back afterwards: the
process's other parsers (a test runner's) are left as they were.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

#: argparse 3.11-3.13's messages and their Indonesian.
INDONESIAN: dict[str, str] = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "the following arguments are required: %s": "argumen ini wajib diisi: %s",
    "one of the arguments %s is required": "salah satu argumen ini wajib diisi: %s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ignored explicit argument %r": "nilai %r diabaikan",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "invalid choice: %(value)r (choose from %(choices)s)": "bukan pilihan yang ada: %(value)r (pilih: %(choices)s)",
    "invalid %(type)s value: %(value)r": "bukan nilai %(type)s yang sah: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "pilihan %(option)s kurang jelas: bisa %(matches)s",
    "unexpected option string: %s": "pilihan tak terduga: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "tidak bisa membuka '%(filename)s': %(error)s",
}
_PLURALS = {("expected %s argument", "expected %s arguments"): "perlu %s nilai"}
VERSION_HELP = {"id": "tampilkan nomor versi lalu keluar", "en": "show the version number and exit"}


def language_of(argv: Sequence[str]) -> str:
    """The language the arguments ask for (``--lang en``), before they are parsed."""
    args = list(argv)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "id"


@contextmanager
def words(lang: str) -> Iterator[None]:
    """argparse speaking ``lang`` ("id": Indonesian; else its own English) inside the block."""
    if lang != "id":
        yield
        return
    module = vars(argparse)
    before = module["_"], module["ngettext"]

    def gettext(message: str) -> str:
        return INDONESIAN.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        said = _PLURALS.get((singular, plural))
        return said if said is not None else (singular if n == 1 else plural)

    module["_"], module["ngettext"] = gettext, ngettext
    try:
        yield
    finally:
        module["_"], module["ngettext"] = before
