"""The notes the app writes on a nomination's history, shown in the reader's language.

The notes are stored as written (in Indonesian): they travel to the district in the sync file and
sit in the audit chain, so they are never rewritten. What the app itself wrote has a known shape,
and :func:`shown` puts those into English; a person's own words (a reason for a decline, the
district's reason for a rejection) are left as they were typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .text import language

_DOCUMENTS = {"formulir": "form", "daftar": "list", "keputusan": "decree"}
_CONSENT_ID = "persetujuan pemrosesan data pribadi dicabut pekerja (UU 27/2022)"
_CONSENT_EN = "the worker withdrew consent to the processing of personal data (UU 27/2022)"
_DISTRICT_MUST_ID = "; kabupaten harus menghentikan dan menghapus datanya"
_DISTRICT_MUST_EN = "; the district must stop processing and erase the data"
_RESULT = r"Hasil dari kabupaten \(berkas hasil nomor (\d+)\)"


@cache
def _labels() -> dict[str, str]:
    """A worker field's Indonesian label → its English one (the fields changed after approval)."""
    from .records import WORKER

    return {f.label.id: f.label.en for f in WORKER.fields}


def _fields(text: str) -> str:
    labels = _labels()
    return ", ".join(labels.get(part, part) for part in text.split(", "))


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"dicetak: (\w+)"), lambda m: f"printed: {_DOCUMENTS.get(m[1], m[1])}"),
    (re.compile(r"data diubah setelah disetujui: (.+)"), lambda m: f"data changed after approval: {_fields(m[1])}"),
    (re.compile(r"pindaian ([0-9a-f]+)"), lambda m: f"scan {m[1]}"),
    (re.compile(re.escape(_CONSENT_ID + _DISTRICT_MUST_ID)), lambda m: _CONSENT_EN + _DISTRICT_MUST_EN),
    (re.compile(re.escape(_CONSENT_ID)), lambda m: _CONSENT_EN),
    (re.compile(r"Dikirim ke kabupaten dalam berkas nomor (\d+)"), lambda m: f"Sent to the district in file {m[1]}"),
    (
        re.compile(_RESULT + r": KPJ (\S+), berlaku (\S+) s\.d\. (\S+)"),
        lambda m: f"Result from the district (return file {m[1]}): KPJ {m[2]}, covered {m[3]} to {m[4]}",
    ),
    # The district's reason for a rejection is its own words.
    (re.compile(_RESULT + r": (.*)", re.DOTALL), lambda m: f"Result from the district (return file {m[1]}): {m[2]}"),
)


def shown(note: str, lang: str | None = None) -> str:
    """``note`` as the reader reads it: in English the app's own notes are translated, anything else
    is shown as it was written."""
    if (lang or language()) != "en" or not note:
        return note
    for pattern, english in _RULES:
        m = pattern.fullmatch(note)
        if m is not None:
            return english(m)
    return note


__all__ = ["shown"]
