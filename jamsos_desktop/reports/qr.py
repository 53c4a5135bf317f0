"""The QR code that ties a printed form to its record: worker id, version and a short content hash.

The hash covers exactly what the form prints about the person and the money, so a scan can
tell whether the paper still matches the record. The version is the worker record's version
when printed; it only tells an older paper from one that was never issued (status changes,
such as marking the form printed, raise the version without changing what is on paper).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import segno
from reportlab.pdfgen.canvas import Canvas

from ..domain import records
from .base import NominationRow, WorkerRow

PREFIX = "JAMSOS1"
_PAYLOAD = re.compile(r"^JAMSOS1\|([0-9a-f-]{36})\|(\d{1,9})\|([0-9a-f]{10})$")


# (record, attribute) in hash order: the definition's hash positions (domain/records.py).
_HASHED = tuple((r.name, f.attr) for r, f in records.content_hash_fields())


def content_hash(worker: WorkerRow, nomination: NominationRow, program_year: int) -> str:
    """10 hex digits of SHA-256 over the printed fields (enough to detect an edit, short enough to read).

    The fields and their order are the definition's hash positions; dates as ISO text. Papers
    already printed carry this hash, so neither may change (tests/test_records.py holds fixed
    records to their hashes).
    """
    source: dict[str, Any] = {"worker": worker, "nomination": nomination, "program": _Year(program_year)}
    data = [_plain(getattr(source[record], attr)) for record, attr in _HASHED]
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class _Year:
    """The program as the hash reads it: of the program, the hash covers only the year."""

    year: int


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def payload(worker: WorkerRow, nomination: NominationRow, program_year: int) -> str:
    return f"{PREFIX}|{worker.id}|{worker.version}|{content_hash(worker, nomination, program_year)}"


@dataclass(frozen=True, slots=True)
class Parsed:
    worker_id: str
    version: int
    digest: str


def parse(text: str) -> Parsed | None:
    """The parts of a payload, or None when it is not one of ours."""
    m = _PAYLOAD.match(text.strip().replace(" ", "").lower().replace("jamsos1", PREFIX, 1))
    if m is None:
        return None
    return Parsed(m.group(1), int(m.group(2)), m.group(3))


_TYPED = re.compile(r"^(?:id\W*)?([0-9a-f]{8,36})\W+(?:versi|v)?\W*(\d{1,9})\W+(?:kode\W*)?([0-9a-f]{10})$")


def parse_typed(text: str) -> tuple[str, int, str] | None:
    """The line under the form, typed by hand when there is no scanner: 'ID 1a2b3c4d · versi 3 · kode 9ce46733f2'.

    Returns (the id or its last characters, version, digest), or None.
    """
    m = _TYPED.match(" ".join(text.lower().replace("·", " ").split()))
    if m is None:
        return None
    return m.group(1), int(m.group(2)), m.group(3)


def draw(c: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draws the QR symbol (no quiet zone) as ONE filled path: each run of dark modules is a rectangle.

    The path is written in module units under one transform, as literal PDF operators: ReportLab's
    QR widget draws every module as its own shape and costs several times more. The mask is fixed
    (any of the eight is valid) because choosing the "best" one is most of segno's encoding time.
    """
    matrix = segno.make_qr(data, error="m", mask=2).matrix
    n = len(matrix)
    ops: list[str] = []
    for r, row in enumerate(matrix):
        start = -1
        for col in range(n + 1):
            dark = col < n and row[col]
            if dark and start < 0:
                start = col
            elif not dark and start >= 0:
                # 1.05 high: a hair of overlap keeps viewers from showing seams between rows.
                ops.append(f"{start} {r} {col - start} 1.05 re")
                start = -1
    m = size / n
    c.saveState()
    c.transform(m, 0, 0, -m, x, y + size)
    c.addLiteral(" ".join(ops) + " f")
    c.restoreState()
