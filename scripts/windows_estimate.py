"""The Windows bundle's contents and size, estimated on Linux from the Windows wheels.

    .venv/bin/python -m pip download --only-binary=:all: --platform win_amd64 --python-version 3.11 \\
        -d /tmp/winwheels -r <(python -c "import tomllib; print('\\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))")
    .venv/bin/python -m pip download --no-deps --only-binary=:all: --platform win_amd64 -d /tmp/winwheels pyinstaller
    .venv/bin/python scripts/windows_estimate.py /tmp/winwheels [dist/jamsos]

PyInstaller builds for the system it runs on, so the Windows folder cannot be built here. What
it will hold is known well enough to count: the compiled parts (.pyd, .dll) come from the
Windows wheels, kept by the same rules as build.spec (the Qt modules and plugins the app uses,
no opengl32sw.dll, no translations or tools); everything that is the same on both systems
(the modules as .pyc, resources, lokal's tables, the migrations, the metadata) is taken from the
Linux bundle as built; the Linux-only parts (ELF libraries, ICU, X11 and CUPS) are left out.
Python's own DLLs are not on PyPI: they are counted at the size of the Linux bundle's stripped
libpython and extension modules, plus OpenSSL and SQLite, which Windows' Python ships as DLLs.
Sizes compressed as the zip does (deflate level 6), so the zip figure is an estimate within a few %.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bundle_report import compressed_size, files, part_of, table

ROOT = Path(__file__).resolve().parents[1]

#: Qt's Windows files the app loads (the counterparts of what the Linux bundle carries).
QT_KEEP = [
    "PySide6/Qt6Core.dll", "PySide6/Qt6Gui.dll", "PySide6/Qt6Widgets.dll", "PySide6/Qt6PrintSupport.dll",
    "PySide6/Qt6Pdf.dll", "PySide6/Qt6PdfWidgets.dll", "PySide6/Qt6Network.dll", "PySide6/Qt6Svg.dll",
    "PySide6/QtCore.pyd", "PySide6/QtGui.pyd", "PySide6/QtWidgets.pyd", "PySide6/QtPrintSupport.pyd",
    "PySide6/QtPdf.pyd", "PySide6/QtPdfWidgets.pyd", "PySide6/pyside6.abi3.dll",
    "PySide6/msvcp140.dll", "PySide6/msvcp140_1.dll", "PySide6/msvcp140_2.dll", "PySide6/vcruntime140.dll",
    "PySide6/vcruntime140_1.dll",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms/qminimal.dll",
    "PySide6/plugins/platforms/qoffscreen.dll", "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/plugins/imageformats/qjpeg.dll", "PySide6/plugins/imageformats/qico.dll",
    "PySide6/plugins/imageformats/qgif.dll", "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/plugins/iconengines/qsvgicon.dll",
    "shiboken6/shiboken6.abi3.dll", "shiboken6/Shiboken.pyd",
]  # fmt: skip
#: Never in the Windows bundle (build.spec QT_DROP_FILES), named to say so in the output.
QT_DROPPED = ["PySide6/opengl32sw.dll", "PySide6/d3dcompiler_47.dll"]
#: The two launchers: PyInstaller's Windows bootloaders (console and windowed).
BOOTLOADERS = [
    "PyInstaller/bootloader/Windows-64bit-intel/run.exe",
    "PyInstaller/bootloader/Windows-64bit-intel/runw.exe",
]
#: Linux-bundle files that stand for Python's own Windows DLLs (see the docstring).
PYTHON_STAND_INS = ["_internal/libpython3.11.so*", "_internal/python3.11/lib-dynload/*",
                    "_internal/libssl.so*", "_internal/libcrypto.so*", "_internal/libsqlite3.so*",
                    "_internal/libffi.so*", "_internal/libbz2.so*", "_internal/liblzma.so*"]  # fmt: skip


def is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def stem(path: str) -> str:
    """``pkg/_mod.cp311-win_amd64.pyd`` and ``pkg/_mod.cpython-311-x86_64-linux-gnu.so`` -> ``pkg/_mod``."""
    folder, _, name = path.rpartition("/")
    return f"{folder}/{name.split('.', 1)[0]}"


def estimate(wheels: Path, linux: Path) -> tuple[dict[str, tuple[int, int, int]], list[str]]:
    parts: dict[str, tuple[int, int, int]] = {}
    notes: list[str] = []
    # Extension modules the Linux bundle carries: a Windows .pyd counts only if its Linux twin
    # is there (build.spec's exclusions, e.g. Pillow's AVIF and WebP codecs, apply to both).
    linux_modules = {
        stem(p.relative_to(linux / "_internal").as_posix()) for p in files(linux / "_internal") if is_elf(p)
    }

    def add(part: str, data: bytes) -> None:
        n, size, packed = parts.get(part, (0, 0, 0))
        parts[part] = (n + 1, size + len(data), packed + compressed_size(data))

    # 1. What is the same on both systems, from the Linux bundle.
    for p in files(linux):
        rel = p.relative_to(linux).as_posix()
        if any(fnmatch.fnmatchcase(rel, pat) for pat in PYTHON_STAND_INS):
            add("Python runtime (libpython, extension modules)", p.read_bytes())
        elif not is_elf(p):
            add(part_of(rel), p.read_bytes())
    # 2. The compiled parts, from the Windows wheels.
    for wheel in sorted(set(wheels.glob("*win_amd64.whl")) | set(wheels.glob("pyinstaller-*.whl"))):
        with zipfile.ZipFile(wheel) as z:
            for info in z.infolist():
                name = info.filename
                if name.startswith(("PySide6/", "shiboken6/")):
                    if name in QT_DROPPED:
                        notes.append(f"left out {name} ({info.file_size / 1e6:.1f} MB)")
                    if name not in QT_KEEP:
                        continue
                    part = part_of("_internal/" + name.replace("PySide6/plugins/", "PySide6/Qt/plugins/"))
                elif name.startswith("PyInstaller/"):
                    if name not in BOOTLOADERS:
                        continue
                    part = "the two programs (launchers)"
                elif name.endswith(".pyd") and stem(name) in linux_modules:
                    part = part_of("_internal/" + name)
                elif name.endswith(".dll") and name.split("/", 1)[0] in {stem(m).split("/")[0] for m in linux_modules}:
                    part = part_of("_internal/" + name)  # a library a kept package loads
                else:
                    continue
                add(part, z.read(info))
    return parts, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheels", type=Path)
    parser.add_argument("linux", nargs="?", type=Path, default=ROOT / "dist" / "jamsos")
    args = parser.parse_args(argv)
    if not any(args.wheels.glob("pyside6_essentials-*win_amd64.whl")):
        print(f"{args.wheels}: no PySide6 Windows wheel (see the pip download lines in this script)", file=sys.stderr)
        return 1
    parts, notes = estimate(args.wheels, args.linux)
    print(table(parts))
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
