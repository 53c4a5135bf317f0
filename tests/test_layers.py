"""The dependency direction as the code has it (docs/architecture.md, "Layers"):

    domain ← storage ← services ← {cli, ui, hub}
    domain ← {reports, sync, tabular} ← services

domain/ is the bottom and imports nothing of ours; storage/ only the domain; reports/ (PDF
builders) and sync/ (file format, crypto, the contract) take plain data and import only the
domain; services/ call storage, reports and sync; cli/ and ui/ call services (and may use the
plain-data libraries reports/ and sync/ directly) but never storage/; cli/ also calls the district
hub's services (hub/, whose own SQL lives in hub/storage/). Only ui/ (and app.py)
imports PySide6; only storage/, services/ and hub/ import SQLAlchemy.
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
        ("tabular", ("sqlalchemy", "jamsos_desktop.storage", "jamsos_desktop.services", "jamsos_desktop.ui")),
    ],
)
def test_dependency_direction(layer: str, banned: tuple[str, ...]) -> None:
    assert offenders(files(layer), banned) == []


#: Which of our packages each layer may import (top-level modules such as paths, logs and the
#: package's own __init__ are shared by all). Anything else is a reach the wrong way.
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "storage": {"domain"},
    "reports": {"domain"},
    "sync": {"domain"},
    "tabular": {"domain"},
    "services": {"domain", "storage", "reports", "sync", "tabular"},
    "hub": {"domain", "storage", "services", "reports", "sync", "tabular"},
    "cli": {"domain", "services", "reports", "sync", "hub", "tabular"},
    "ui": {"domain", "services", "reports", "sync", "tabular", "hub"},  # hub: the district mode's window
}
LAYERS = set(ALLOWED)


def reached(layer: str, paths: list[Path] | None = None) -> dict[str, set[str]]:
    """For each file of ``layer`` (or each of ``paths``), the other layers it imports."""
    out: dict[str, set[str]] = {}
    for p in files(layer) if paths is None else paths:
        others = {m.split(".")[1] for m in imports(p) if m.startswith("jamsos_desktop.")}
        out[str(p.relative_to(PKG.parent)) if p.is_relative_to(PKG.parent) else p.name] = (others & LAYERS) - {layer}
    return out


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    wrong = {f: sorted(used - ALLOWED[layer]) for f, used in reached(layer).items() if used - ALLOWED[layer]}
    assert wrong == {}


def test_the_allowed_imports_have_no_cycle() -> None:
    """The matrix itself is a direction: following it never comes back to where it started."""
    seen: set[str] = set()

    def visit(layer: str, path: tuple[str, ...]) -> None:
        assert layer not in path, " -> ".join((*path, layer))
        for below in ALLOWED[layer]:
            visit(below, (*path, layer))
        seen.add(layer)

    for layer in ALLOWED:
        visit(layer, ())
    assert seen == LAYERS


@pytest.mark.parametrize("layer", ["domain", "reports", "sync", "tabular", "cli", "ui"])
def test_only_storage_services_and_hub_import_sqlalchemy(layer: str) -> None:
    assert offenders(files(layer), ("sqlalchemy", "alembic", "sqlite3")) == []


def test_the_checks_catch_a_reach_the_wrong_way(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from jamsos_desktop.storage import models\nimport sqlalchemy.orm\n", encoding="utf-8")
    assert reached("ui", [probe]) == {"probe.py": {"storage"}}
    assert [m for m in imports(probe) if m.startswith(("sqlalchemy",))] == ["sqlalchemy.orm"]
