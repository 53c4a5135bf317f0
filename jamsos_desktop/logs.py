"""Logging to a file in the data directory, with personal data kept out.

A filter masks anything shaped like a NIK or No. KK (16 digits) and phone numbers, in case a
message ever carries one; code should log ids, not people.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from . import paths

_SIXTEEN = re.compile(r"(?<!\d)(\d{4})\d{10}(\d{2})(?!\d)")
_PHONE = re.compile(r"(?<!\d)(0|\+?62)8\d{7,11}(?!\d)")


def scrub(message: str) -> str:
    return _PHONE.sub("08**********", _SIXTEEN.sub(r"\1**********\2", message))


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
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    handler._jamsos = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return path
