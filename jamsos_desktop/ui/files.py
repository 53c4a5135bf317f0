"""Where to save a file: the one save dialog every page uses.

A name typed without its extension ("bpjs-kolektif") gets it (".xlsx"), as a person expects of a
Windows save dialog, instead of being refused by the writer afterwards; with several kinds
offered (Excel or CSV), the kind chosen in the dialog's list decides. A name with a dot of its
own ("laporan.v2") keeps it: the extension is added, not swapped in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

#: A kind of file offered: (its name in the dialog's list, its extension with the dot).
Kind = tuple[str, str]


def with_extension(name: str, kinds: Sequence[Kind], chosen_filter: str = "") -> Path:
    """``name`` ending in one of the kinds' extensions: as typed when it does, else with the
    extension of the kind chosen in the dialog (the first kind when none is known)."""
    path = Path(name)
    suffixes = [suffix for _, suffix in kinds]
    if path.suffix.lower() in suffixes:
        return path
    suffix = next((s for label, s in kinds if label and chosen_filter.startswith(label)), suffixes[0])
    return path.with_name(path.name + suffix)


def save_path(parent: QWidget | None, title: str, suggested: str | Path, kinds: Sequence[Kind]) -> Path | None:
    """Asks where to save (``suggested``: the name, or the whole path, offered); None when the
    person cancels."""
    filters = ";;".join(f"{label} (*{suffix})" for label, suffix in kinds)
    name, chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not name:
        return None
    return with_extension(name, kinds, chosen)


PDF: Kind = ("PDF", ".pdf")
EXCEL: Kind = ("Excel", ".xlsx")
CSV: Kind = ("CSV", ".csv")
