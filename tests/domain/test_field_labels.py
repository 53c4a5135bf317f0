"""Every message names its field in the person's words: "Kunci pemulihan: kunci pemulihan salah",
never "recovery: …". Each field name written into a UserError (or a subclass) has a label in
FIELD_LABELS, in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

from jamsos_desktop.domain.text import FIELD_LABELS

PACKAGE = Path(__file__).resolve().parents[2] / "jamsos_desktop"


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def _error_classes(trees: list[tuple[Path, ast.Module]]) -> set[str]:
    """UserError and every class derived from it (to any depth) in the package."""
    names, bases = {"UserError"}, {}
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    grew = True
    while grew:
        grew = False
        for name, of in bases.items():
            if name not in names and of & names:
                names.add(name)
                grew = True
    return names


def test_every_field_a_message_names_has_a_label() -> None:
    trees = _trees()
    errors = _error_classes(trees)
    unlabelled = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            first = node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if name in errors and literal and first.value not in FIELD_LABELS:  # type: ignore[attr-defined]
                unlabelled.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {first.value!r}")  # type: ignore[attr-defined]
    assert len(errors) > 5  # the scan sees the subclasses (ValidationError, NotFound, SyncRefused …)
    assert unlabelled == []


def test_every_label_is_in_both_languages() -> None:
    for field, label in FIELD_LABELS.items():
        assert label.id.strip() and label.en.strip(), field
