"""The bundle's measuring scripts: the size table and zip, the Windows estimate, the start timer."""

from __future__ import annotations

import hashlib
import os
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bundle_report  # noqa: E402
import bundle_start  # noqa: E402
import windows_estimate  # noqa: E402

ELF = b"\x7fELF" + b"\0" * 60


def write(path: Path, data: bytes = b"x" * 100) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("linux", "windows", "part"),
    [
        ("_internal/PySide6/Qt/lib/libQt6Core.so.6", "_internal/PySide6/Qt6Core.dll", "Qt libraries"),
        ("_internal/PySide6/QtWidgets.abi3.so", "_internal/PySide6/QtWidgets.pyd", "PySide6 and Shiboken bindings"),
        (
            "_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
            "_internal/PySide6/Qt/plugins/platforms/qwindows.dll",
            "Qt plugins",
        ),
        (
            "_internal/sqlalchemy/engine/_row_cy.cpython-311-x86_64-linux-gnu.so",
            "_internal/sqlalchemy/engine/_row_cy.cp311-win_amd64.pyd",
            "SQLAlchemy, Alembic, Mako",
        ),
        (
            "_internal/python3.11/lib-dynload/_decimal.cpython-311-x86_64-linux-gnu.so",
            "_internal/_decimal.pyd",
            "Python runtime (libpython, extension modules)",
        ),
        ("jamsos-desktop", "jamsos-desktop.exe", "the two programs (launchers)"),
    ],
)
def test_a_part_is_the_same_on_linux_and_windows(linux: str, windows: str, part: str) -> None:
    assert bundle_report.part_of(linux) == bundle_report.part_of(windows) == part


def test_the_table_adds_up_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "jamsos"
    write(folder / "jamsos-desktop", ELF)
    write(folder / "_internal" / "resources" / "fonts" / "DejaVuSans.ttf", b"f" * 5000)
    write(folder / "_internal" / "jamsos_desktop" / "app.pyc", os.urandom(3000))
    parts = bundle_report.measure(folder)
    assert sum(n for n, _size, _packed in parts.values()) == 3
    assert parts["fonts"][1] == 5000 and parts["fonts"][2] < 100  # repetitive: compresses well
    assert parts["the app's code"][2] > 2900  # random: does not
    text = bundle_report.table(parts)
    assert text.splitlines()[2].startswith("| fonts |")  # largest first: the font is 5 kB
    assert f"| **total** | 3 | **{(64 + 5000 + 3000) / 1e6:.1f}** |" in text


def test_the_zip_holds_the_folder_and_its_sha256_is_the_file_s(tmp_path: Path) -> None:
    folder = tmp_path / "jamsos"
    write(folder / "_internal" / "libfoo.so.1", ELF)
    (folder / "_internal" / "libfoo.so").symlink_to("libfoo.so.1")
    write(folder / "jamsos", ELF)
    size, sha = bundle_report.write_zip(folder, tmp_path / "out" / "b.zip")
    data = (tmp_path / "out" / "b.zip").read_bytes()
    assert size == len(data) and sha == hashlib.sha256(data).hexdigest()
    with zipfile.ZipFile(tmp_path / "out" / "b.zip") as z:
        names = set(z.namelist())
        assert {"jamsos/jamsos", "jamsos/_internal/libfoo.so.1", "jamsos/_internal/libfoo.so"} <= names
        link = z.getinfo("jamsos/_internal/libfoo.so")
        assert (link.external_attr >> 16) & 0o170000 == 0o120000 and z.read(link) == b"libfoo.so.1"


def fake_wheel(path: Path, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)


def test_the_windows_estimate_keeps_what_the_spec_keeps(tmp_path: Path) -> None:
    linux = tmp_path / "jamsos"
    write(linux / "_internal" / "PIL" / "_imaging.cpython-311-x86_64-linux-gnu.so", ELF)
    write(linux / "_internal" / "PIL" / "Image.pyc", b"pyc" * 100)
    write(linux / "_internal" / "libxcb.so.1", ELF)  # Linux-only: not in the estimate
    write(linux / "_internal" / "libpython3.11.so.1.0", ELF)  # stands in for python311.dll
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    fake_wheel(
        wheels / "pyside6_essentials-6.11.3-cp310-abi3-win_amd64.whl",
        {
            "PySide6/Qt6Core.dll": b"q" * 1000,
            "PySide6/opengl32sw.dll": b"o" * 2000,
            "PySide6/Qt6Quick.dll": b"k" * 2000,
            "PySide6/translations/qtbase_de.qm": b"t" * 2000,
        },
    )
    fake_wheel(
        wheels / "pillow-13.0.0-cp311-cp311-win_amd64.whl",
        {"PIL/_imaging.cp311-win_amd64.pyd": b"i" * 700, "PIL/_avif.cp311-win_amd64.pyd": b"a" * 5000},
    )
    parts, notes = windows_estimate.estimate(wheels, linux)
    sizes = {name: size for name, (_n, size, _p) in parts.items()}
    assert sizes["Qt libraries"] == 1000  # not Quick, not the software OpenGL, not Qt's translations
    assert sizes["Pillow"] == 700 + 300  # _imaging and the Linux .pyc; AVIF is excluded on Linux too
    assert sizes["Python runtime (libpython, extension modules)"] == len(ELF)
    assert "system libraries (X11/xcb, fontconfig, CUPS, OpenSSL, ...)" not in sizes
    assert notes == ["left out PySide6/opengl32sw.dll (0.0 MB)"]


def test_the_estimate_drops_what_the_spec_drops() -> None:
    import ast

    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    spec = {
        n.targets[0].id: ast.literal_eval(n.value)
        for n in tree.body
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name) and n.targets[0].id == "QT_DROP_FILES"
    }
    assert {p.rsplit("/", 1)[1] for p in windows_estimate.QT_DROPPED} == set(spec["QT_DROP_FILES"])
    assert not set(windows_estimate.QT_DROPPED) & set(windows_estimate.QT_KEEP)


def test_the_start_timer_waits_for_the_marker(tmp_path: Path) -> None:
    cmd = [sys.executable, "-c", f"import time; time.sleep(0.2); print({bundle_start.smoke.START_MARKER!r})"]
    assert 0.2 <= bundle_start.timed(cmd, dict(os.environ)) < 30
    with pytest.raises(SystemExit, match="did not reach"):
        bundle_start.timed([sys.executable, "-c", "print('no marker')"], dict(os.environ))
