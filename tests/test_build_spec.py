"""build.spec, read without PyInstaller: what it bundles exists, and nothing the code imports is left out.

The bundle itself is built and run by hand (`make bundle`, docs/architecture.md "Packaging"); these
checks catch the cheap mistakes first: a renamed resource, a new Qt module, a new import in a
migration script that the frozen app would not have.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1]
PKG = ROOT / "jamsos_desktop"
MIGRATIONS = PKG / "storage" / "migrations"


def spec_literals() -> dict[str, Any]:
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in (
                "DATA_DIRS",
                "QT_UNUSED",
                "EXCLUDES",
                "MIGRATIONS_GLOB",
                "MIGRATION_FILES",
                "QT_DROP_FILES",
                "LAZY_MODULES",
                "LICENSED",
            ):
                found[name] = ast.literal_eval(node.value)
    return found


SPEC = spec_literals()


def absolute_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return found


@cache
def code_imports() -> list[tuple[Path, str]]:
    return [(path, mod) for path in sorted(PKG.rglob("*.py")) for mod in absolute_imports(path)]


def excluded(module: str) -> bool:
    return any(module == e or module.startswith(f"{e}.") for e in SPEC["EXCLUDES"])


def test_every_bundled_source_exists() -> None:
    assert SPEC["DATA_DIRS"], "DATA_DIRS not found in build.spec"
    missing = [f"{src}/{pattern}" for src, pattern, _dest in SPEC["DATA_DIRS"] if not any((ROOT / src).glob(pattern))]
    assert missing == [], f"build.spec names files that are not there (translations: make setup): {missing}"


def migration_folders() -> set[str]:
    """The folders build.spec's glob ships, relative to the project."""
    return {p.parent.relative_to(ROOT).as_posix() for p in ROOT.glob(SPEC["MIGRATIONS_GLOB"])}


def test_the_bundle_keeps_what_the_code_reads_at_run_time() -> None:
    dests = {dest for _src, _pattern, dest in SPEC["DATA_DIRS"]} | migration_folders()
    # paths.resources_dir(), reports/base.py (fonts, emblem), ui/i18n.py, storage/db.py (migrations)
    for needed in (
        "resources/translations",
        "resources/fonts",
        "resources/emblem",
        "jamsos_desktop/storage/migrations",
    ):
        assert needed in dests
    assert (MIGRATIONS / "script.py.mako").exists()
    # lokal's region tables, read through importlib.resources (the spec collects lokal/data/*)
    spec = importlib.util.find_spec("lokal")
    assert spec is not None and spec.submodule_search_locations
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    assert {p.name for p in data.glob("*.json.gz")} >= {"wilayah.json.gz", "desa.json.gz", "kodepos.json.gz"}


def test_no_qt_module_the_code_imports_is_excluded() -> None:
    used = {mod.split(".")[1] for _path, mod in code_imports() if mod.startswith("PySide6.Qt")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert used & set(SPEC["QT_UNUSED"]) == set()


def _postgresql_only(path: Path, module: str) -> bool:
    """psycopg, which the bundle leaves out, imported inside the hub's PostgreSQL paths: they run
    only on a PostgreSQL hub, which the bundle refuses by name (hub/storage/db.py _check_engine)."""
    return module.split(".", maxsplit=1)[0] == "psycopg" and path.is_relative_to(PKG / "hub")


def test_nothing_the_code_imports_is_excluded() -> None:
    hits = sorted(
        f"{path.relative_to(ROOT)}: {mod}"
        for path, mod in code_imports()
        if excluded(mod) and not _postgresql_only(path, mod)
    )
    assert hits == []


def test_psycopg_is_imported_only_when_a_postgresql_hub_runs() -> None:
    """No module imports it at its top: the village app and a SQLite hub start without it."""
    top = []
    for path in sorted((PKG / "hub").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            top += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".", maxsplit=1)[0] == "psycopg"]
    assert top == []  # (and without psycopg a PostgreSQL address is refused by name: tests/hub/test_store.py)


def test_migration_scripts_import_only_what_the_bundle_carries() -> None:
    """Alembic loads them from files, so PyInstaller never sees their imports."""
    allowed = {"__future__", "alembic", "sqlalchemy", "jamsos_desktop"} | set(sys.stdlib_module_names)
    odd = sorted(
        f"{path.name}: {mod}"
        for path in MIGRATIONS.rglob("*.py")
        for mod in absolute_imports(path)
        if mod.split(".")[0] not in allowed or excluded(mod)
    )
    assert odd == []


def test_every_migrations_folder_is_shipped_by_the_glob() -> None:
    """A new package with its own Alembic scripts (the hub's) comes along without editing the spec."""
    folders = {p.relative_to(ROOT).as_posix() for p in PKG.rglob("migrations") if p.is_dir()}
    assert "jamsos_desktop/storage/migrations" in folders
    assert folders == migration_folders(), "a migrations folder without env.py is not shipped"
    for folder in folders:
        shipped = {p for pattern in SPEC["MIGRATION_FILES"] for p in (ROOT / folder).glob(pattern)}
        scripts = {p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts}
        assert scripts <= shipped, f"{folder}: scripts outside {SPEC['MIGRATION_FILES']}"


def test_the_lazily_loaded_libraries_are_named_and_smoke_tested() -> None:
    from jamsos_desktop import smoke

    assert set(smoke.LAZY_MODULES) <= set(SPEC["LAZY_MODULES"])
    for name in SPEC["LAZY_MODULES"]:
        assert importlib.util.find_spec(name) is not None, name


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_ships_its_licence() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    named = {_norm(re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0]) for d in deps}
    licensed = {_norm(d) for d in SPEC["LICENSED"]}
    assert named <= licensed
    for dist in SPEC["LICENSED"]:
        assert distribution(dist).metadata["Name"], dist  # copy_metadata fails on a missing one


def test_no_software_opengl_and_no_upx() -> None:
    assert {"opengl32sw.dll", "d3dcompiler_47.dll"} <= set(SPEC["QT_DROP_FILES"])
    text = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "upx=True" not in text and "upx=False" in text


def test_the_windows_version_resource_and_icon() -> None:
    from PIL import Image

    from jamsos_desktop import __version__

    template = (ROOT / "resources" / "windows" / "version_info.txt").read_text(encoding="utf-8")
    numbers = (*tuple(int(n) for n in re.findall(r"\d+", __version__)[:3]), 0)
    filled = template
    for key, value in {"version": __version__, "numbers": repr(numbers), "name": "jamsos", "description": "x"}.items():
        filled = filled.replace("{" + key + "}", value)
    assert "{" + "version}" not in filled and f"'{__version__}'" in filled
    tree = ast.parse(filled, mode="eval")  # PyInstaller evaluates the file as one expression
    assert isinstance(tree.body, ast.Call) and getattr(tree.body.func, "id", "") == "VSVersionInfo"
    with Image.open(ROOT / "resources" / "icons" / "jamsos.ico") as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
