"""Logging to a file in the data directory, with personal data kept out.

A filter masks anything shaped like a NIK or No. KK (16 digits) and phone numbers, in case a
message ever carries one; code should log ids, not people. A traceback keeps its frames and
exception types, but the exceptions' own messages lose their quoted values as well (a name
in a ``KeyError('Siti Aminah')`` or a ``ValueError`` about a field): those say who, not where.
SQL parameters never reach an exception: the engines are made with ``hide_parameters``.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import traceback
from pathlib import Path
from types import TracebackType

from . import paths

_SIXTEEN = re.compile(r"(?<!\d)(\d{4})\d{10}(\d{2})(?!\d)")
_PHONE = re.compile(r"(?<!\d)(0|\+?62)8\d{7,11}(?!\d)")


def scrub(message: str) -> str:
    return _PHONE.sub("08**********", _SIXTEEN.sub(r"\1**********\2", message))


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_LONG_DIGITS = re.compile(r"\d{6,}")


def scrub_exception_text(text: str) -> str:
    """An exception's message without the values it quotes, and without long runs of digits."""
    return _LONG_DIGITS.sub("######", _QUOTED.sub("'***'", scrub(text)))


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def format_exception(ei: ExcInfo) -> str:
    """The traceback as ``logging`` writes it, with every exception's message scrubbed (the
    causes and contexts too)."""
    if ei[0] is None:
        return ""
    te = traceback.TracebackException(ei[0], ei[1], ei[2], compact=True)
    todo = [te]
    while todo:
        t = todo.pop()
        t._str = scrub_exception_text(str(getattr(t, "_str", "")))  # type: ignore[attr-defined]  # 3.11 field
        todo += [x for x in (t.__cause__, t.__context__) if x is not None]
        todo += list(getattr(t, "exceptions", None) or [])
    return "".join(te.format()).rstrip("\n")


class ScrubbingFormatter(logging.Formatter):
    def formatException(self, ei: ExcInfo) -> str:
        return format_exception(ei)

    def formatStack(self, stack_info: str) -> str:
        return scrub(stack_info)


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        return True


def setup(data_dir: Path, level: int = logging.INFO) -> Path:
    """Logs to <data dir>/logs/jamsos.log (rotated); returns the path for crash messages."""
    directory = paths.log_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "jamsos.log"
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_jamsos", False):
            root.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    handler._jamsos = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return path
