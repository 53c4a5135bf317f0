"""Issue codes: one list, documented, used by every check, and no code reacting to a message's text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from jamsos_desktop.domain import issues
from jamsos_desktop.domain.text import Issue, Text

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "jamsos_desktop"


def test_every_code_is_named_and_has_a_severity() -> None:
    assert issues.CODES
    for code, entry in issues.CODES.items():
        assert entry.code == code
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", code), code
        assert entry.severity in (issues.ERROR, issues.WARNING)
        assert entry.meaning.endswith("."), code


def test_an_issue_takes_its_severity_from_its_code_and_refuses_an_unknown_code() -> None:
    for code, entry in issues.CODES.items():
        i = Issue(code, "nik", Text("x", "x"), "v")
        assert i.severity == entry.severity and i.is_error == (entry.severity == issues.ERROR)
    with pytest.raises(ValueError, match="unknown issue code"):
        Issue("nik.wrong", "nik", Text("x", "x"))


def test_the_documentation_lists_exactly_the_codes() -> None:
    doc = (ROOT / "docs" / "issue-codes.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_.]+)` \| (error|warning) \| (.+) \|$", doc, re.M)
    assert [(c, s, m) for c, s, m in rows] == [(c.code, c.severity, c.meaning) for c in issues.CODES.values()]


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_every_code_is_used_by_a_check_and_every_check_names_a_known_one() -> None:
    constants = {
        name: value for name, value in vars(issues).items() if isinstance(value, str) and value in issues.CODES
    }
    assert set(constants.values()) == set(issues.CODES)
    used: set[str] = set()
    for path in _sources():
        if path.name == "issues.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.isupper() and node.attr in constants:
                used.add(constants[node.attr])
            if isinstance(node, ast.ImportFrom) and node.module and node.module.endswith("issues"):
                used.update(constants[a.name] for a in node.names if a.name in constants)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Issue" and node.args:
                first = node.args[0]
                assert not isinstance(first, ast.Constant), f"{path}:{node.lineno}: a code written as a string"
    # Every code has a producer; the amount codes come from money.parse_rupiah's AmountError.
    assert set(issues.CODES) - used == set(), set(issues.CODES) - used


# -- no code reacts to a message's text ----------------------------------------------------------


def _message_fragments() -> set[str]:
    """Every literal piece of every bilingual message in the package (Text(...) arguments)."""
    out: set[str] = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text":
                for arg in node.args:
                    for part in ast.walk(arg):
                        if isinstance(part, ast.Constant) and isinstance(part.value, str):
                            out.update(p.strip() for p in re.split(r"[{}]", part.value) if len(p.strip()) >= 6)
    return out


def _is_message(node: ast.AST) -> bool:
    """``x.text.id``, ``x.text.en``, ``x.text.get(...)``, ``x.message(...)``, ``str(exc)``."""
    if isinstance(node, ast.Attribute) and node.attr in {"id", "en"}:
        return isinstance(node.value, ast.Attribute) and node.value.attr == "text"
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "message":
            return True
        if isinstance(f, ast.Attribute) and f.attr == "get":
            return isinstance(f.value, ast.Attribute) and f.value.attr == "text"
        if isinstance(f, ast.Name) and f.id == "str" and node.args:
            arg = node.args[0]
            return isinstance(arg, ast.Name) and arg.id in {"e", "exc", "err", "error"}
    return False


def text_comparisons(source: str, fragments: set[str]) -> list[int]:
    """Line numbers where code compares a message's text: a comparison or a search (==, in,
    startswith, find …) on a message, or against a literal that is part of a known message."""
    found: list[int] = []

    def phrase(node: ast.AST) -> bool:
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return False
        v = node.value.strip()
        return " " in v and len(v) >= 6 and any(v in f for f in fragments)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_message(s) for s in sides) or any(phrase(s) for s in sides):
                found.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            searches = {"startswith", "endswith", "find", "index", "count", "search", "match", "fullmatch"}
            if node.func.attr in searches and (
                _is_message(node.func.value) or any(_is_message(a) or phrase(a) for a in node.args)
            ):
                found.append(node.lineno)
    return found


def test_the_scanner_finds_text_comparisons() -> None:
    fragments = {"wajib diisi", "sudah tercatat atas nama"}
    bad = [
        'ok = i.text.id == "wajib diisi"',
        'ok = "sudah tercatat" in str(exc)',
        'ok = exc.message().startswith("NIK")',
        'ok = issue.text.get("en") != label',
        'ok = "wajib diisi" in shown',
        'ok = re.search("tercatat", e.message())',
    ]
    for line in bad:
        assert text_comparisons(line, fragments) == [1], line
    good = [
        "ok = i.code == FIELD_REQUIRED",
        'ok = key == "nik"',
        "ok = actor.id == other.id",
        'ok = link.startswith("worker:")',
        "label.setText(i.text.get(lang))",
    ]
    for line in good:
        assert text_comparisons(line, fragments) == [], line


def test_no_code_in_the_package_compares_message_text() -> None:
    fragments = _message_fragments()
    assert "wajib diisi" in fragments and "sudah tercatat atas nama" in fragments
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in _sources()
        if (lines := text_comparisons(path.read_text(encoding="utf-8"), fragments))
    }
    assert offenders == {}
