"""Every save dialog adds the file's extension to a name typed without it (a person types
"bpjs-kolektif", not "bpjs-kolektif.xlsx"), through the one helper, ``ui.files.save_path``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from jamsos_desktop.ui import files

ROOT = Path(__file__).resolve().parents[2] / "jamsos_desktop"


@pytest.mark.parametrize(
    ("typed", "chosen", "expected"),
    [
        ("/tmp/bpjs-kolektif", "Excel (*.xlsx)", "/tmp/bpjs-kolektif.xlsx"),
        ("/tmp/bpjs-kolektif.xlsx", "Excel (*.xlsx)", "/tmp/bpjs-kolektif.xlsx"),
        ("/tmp/daftar.XLSX", "", "/tmp/daftar.XLSX"),
        ("/tmp/daftar", "CSV (*.csv)", "/tmp/daftar.csv"),  # the kind chosen in the list
        ("/tmp/daftar.csv", "Excel (*.xlsx)", "/tmp/daftar.csv"),  # typed wins over the list
        ("/tmp/laporan.v2", "", "/tmp/laporan.v2.xlsx"),  # added, not swapped in
    ],
)
def test_a_name_gets_its_extension_once(typed: str, chosen: str, expected: str) -> None:
    assert files.with_extension(typed, [files.EXCEL, files.CSV], chosen) == Path(expected)


def test_the_dialog_s_answer_is_completed_and_a_cancel_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [("/tmp/keputusan", "PDF (*.pdf)"), ("", "")]
    asked: list[tuple[str, str]] = []

    def dialog(_parent: object, _title: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append((suggested, filters))
        return answers.pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    assert files.save_path(None, "Simpan", "keputusan.pdf", [files.PDF]) == Path("/tmp/keputusan.pdf")
    assert files.save_path(None, "Simpan", "keputusan.pdf", [files.PDF]) is None
    assert asked[0] == ("keputusan.pdf", "PDF (*.pdf)")


def test_no_page_asks_qt_for_a_save_name_itself() -> None:
    """The class: a new save dialog that skipped the helper would refuse "bpjs-kolektif" again."""
    calls = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name == "files.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "getSaveFileName":
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert calls == []
