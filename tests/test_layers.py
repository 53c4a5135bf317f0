"""The dependency direction of ARCHITECTURE.md: domain ← storage ← services ← {reports, sync, hub, cli, ui}.

Only ui/ (and app.py) imports PySide6; domain/ imports neither Qt nor SQLAlchemy; sync/ and
reports/ take plain data, so they import no SQLAlchemy either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).parents[1] / "jamsos_desktop"


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = path.relative_to(PKG.parent).with_suffix("").parts[: -node.level]
                found.add(".".join((*base, node.module or "")).rstrip("."))
            elif node.module:
                found.add(node.module)
    return found


def files(sub: str) -> list[Path]:
    return sorted((PKG / sub).rglob("*.py"))


def offenders(paths: list[Path], banned: tuple[str, ...]) -> list[str]:
    out = []
    for p in paths:
        for mod in imports(p):
            if mod.startswith(banned):
                out.append(f"{p.relative_to(PKG.parent)} imports {mod}")
    return out


def test_only_ui_imports_qt() -> None:
    outside = [p for p in PKG.rglob("*.py") if "ui" not in p.relative_to(PKG).parts[:1] and p.name != "app.py"]
    assert offenders(outside, ("PySide6", "shiboken6")) == []


@pytest.mark.parametrize(
    ("layer", "banned"),
    [
        ("domain", ("PySide6", "sqlalchemy", "alembic", "jamsos_desktop.storage", "jamsos_desktop.services")),
        ("storage", ("jamsos_desktop.services", "jamsos_desktop.ui", "jamsos_desktop.cli")),
        ("services", ("jamsos_desktop.ui", "jamsos_desktop.cli")),
        ("sync", ("sqlalchemy", "jamsos_desktop.storage", "jamsos_desktop.services", "jamsos_desktop.ui")),
        ("reports", ("sqlalchemy", "jamsos_desktop.storage", "jamsos_desktop.services", "jamsos_desktop.ui")),
    ],
)
def test_dependency_direction(layer: str, banned: tuple[str, ...]) -> None:
    assert offenders(files(layer), banned) == []
