"""What services/ may hold: no SQL text, no driver types, no other service's private names.

Engine-specific SQL lives in storage/ (docs/architecture.md, Layers); services speak in queries
and records, and share code through public names.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).parents[1] / "jamsos_desktop"
SERVICES = sorted((PKG / "services").rglob("*.py"))
#: Modules being rewritten around the one status engine; they leave this list when that lands.
SQL_PENDING: set[str] = set()

_SQL = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|INDEXED\s+BY|PRAGMA)\b|\browid\b")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def sql_offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            if _SQL.search(node.value):
                out.append(f"{path.name}:{node.lineno} SQL text {node.value[:40]!r}")
        elif isinstance(node, ast.Import):
            out += [f"{path.name}:{node.lineno} imports {a.name}" for a in node.names if a.name.startswith("sqlite3")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("sqlite3"):
                out.append(f"{path.name}:{node.lineno} imports {node.module}")
            if node.module.startswith("sqlalchemy"):
                out += [f"{path.name}:{node.lineno} imports text()" for a in node.names if a.name == "text"]
        elif isinstance(node, ast.Attribute) and node.attr in {"exec_driver_sql", "driver_connection", "executemany"}:
            out.append(f"{path.name}:{node.lineno} uses .{node.attr}")
    return out


def private_imports(path: Path) -> list[str]:
    """Underscore names taken from another service module (``from .village import _village``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        module = node.module or ""
        inside = node.level == 1 or module.startswith("jamsos_desktop.services")
        if not inside or module.rsplit(".", 1)[-1] == path.stem:
            continue
        out += [f"{path.name}:{node.lineno} imports {module}.{a.name}" for a in node.names if a.name.startswith("_")]
    return out


@pytest.mark.parametrize("path", [p for p in SERVICES if p.name not in SQL_PENDING], ids=lambda p: p.name)
def test_services_hold_no_sql_and_no_driver_types(path: Path) -> None:
    assert sql_offences(path) == []


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.name)
def test_services_take_no_private_names_from_each_other(path: Path) -> None:
    assert private_imports(path) == []


def test_the_checks_see_what_they_look_for(tmp_path: Path) -> None:
    """Each kind of offence, written out, is caught (or the checks above would pass vacuously)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        '"""SELECT in a docstring is prose."""\n'
        "import sqlite3\n"
        "from sqlalchemy import select, text\n"
        "from .village import _village, active_program\n"
        "from .bad import _mine\n"
        "def f(conn):\n"
        '    conn.exec_driver_sql("PRAGMA x")\n'
        '    return "SELECT w.rowid FROM workers AS w INDEXED BY ix"\n',
        encoding="utf-8",
    )
    found = sql_offences(bad)
    assert sorted(o.split(" ", 1)[1] for o in found) == [
        "SQL text 'PRAGMA x'",
        "SQL text 'SELECT w.rowid FROM workers AS w INDEXED'",
        "imports sqlite3",
        "imports text()",
        "uses .exec_driver_sql",
    ]
    assert private_imports(bad) == ["bad.py:4 imports village._village"]
