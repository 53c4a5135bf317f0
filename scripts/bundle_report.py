"""What is inside the built bundle and how big it is; optionally the zip to hand out and its SHA-256.

    .venv/bin/python scripts/bundle_report.py                    # the table for dist/jamsos
    .venv/bin/python scripts/bundle_report.py --zip dist/jamsos-0.1.0-linux.zip

Prints a Markdown table (docs/architecture.md "Packaging" quotes it): each part's size on disk
and compressed as a zip compresses it (deflate, level 6, file by file), largest first. With
``--zip`` it writes the zip (deflate level 6, the folder ``jamsos/`` at its root) and prints its
size and SHA-256, the release checklist's last step.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import os
import sys
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: (part, patterns on the path inside the bundle, "/" separated). The first match wins.
PARTS: list[tuple[str, tuple[str, ...]]] = [
    ("the two programs (launchers)", ("jamsos", "jamsos-desktop", "jamsos.exe", "jamsos-desktop.exe")),
    ("ICU (Unicode tables Qt links on Linux)", ("*libicu*", "icu*.dll")),
    ("Qt plugins", ("*/plugins/*",)),
    ("Qt libraries", ("*Qt6*", "*/Qt/lib/*")),
    ("PySide6 and Shiboken bindings", ("PySide6/*", "shiboken6/*", "*pyside6*", "*shiboken6*")),
    ("SQLCipher (sqlcipher3, with OpenSSL built in)", ("sqlcipher3/*",)),
    ("cryptography", ("cryptography/*",)),
    ("SQLAlchemy, Alembic, Mako", ("sqlalchemy/*", "alembic/*", "mako/*", "markupsafe/*")),
    ("ReportLab", ("reportlab/*", "rl_accel*", "_rl_accel*")),
    ("Pillow", ("PIL/*", "pillow.libs/*", "pillow*")),
    (
        "spreadsheets and matching (calamine, XlsxWriter, RapidFuzz)",
        ("python_calamine/*", "xlsxwriter/*", "rapidfuzz/*"),
    ),
    ("the app's code", ("jamsos_desktop/*",)),
    ("lokal (Kemendagri region tables)", ("lokal/*",)),
    ("fonts", ("resources/fonts/*",)),
    ("translations, emblem, icons, licence texts", ("resources/*", "LICENSE")),
    ("package metadata with licence files", ("*.dist-info/*",)),
    (
        "Python runtime (libpython, extension modules)",
        ("*libpython*", "python3*", "python3*/*", "*.pyd", "base_library.zip"),
    ),
    ("system libraries (X11/xcb, fontconfig, CUPS, OpenSSL, ...)", ("lib*.so*", "*.dll")),
    ("other Python modules", ("*",)),
]


def part_of(rel: str) -> str:
    rel = rel.replace("\\", "/")
    inner = rel.split("/", 1)[1] if rel.startswith("_internal/") else rel
    for name, patterns in PARTS:
        if any(fnmatch.fnmatchcase(inner, p) for p in patterns):
            return name
    return PARTS[-1][0]


def compressed_size(data: bytes) -> int:
    return len(zlib.compress(data, 6))


def files(folder: Path) -> Iterable[Path]:
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            yield p


def measure(folder: Path) -> dict[str, tuple[int, int, int]]:
    """part -> (files, bytes on disk, bytes compressed)."""
    out: dict[str, tuple[int, int, int]] = {}
    for p in files(folder):
        data = p.read_bytes()
        n, size, packed = out.get(part_of(p.relative_to(folder).as_posix()), (0, 0, 0))
        out[part_of(p.relative_to(folder).as_posix())] = (n + 1, size + len(data), packed + compressed_size(data))
    return out


def mb(n: int) -> str:
    return f"{n / 1e6:.1f}"


def table(parts: dict[str, tuple[int, int, int]]) -> str:
    rows = sorted(parts.items(), key=lambda kv: -kv[1][1])
    lines = ["| part | files | MB | MB compressed |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {n} | {mb(size)} | {mb(packed)} |" for name, (n, size, packed) in rows]
    total = [sum(v[i] for v in parts.values()) for i in range(3)]
    lines.append(f"| **total** | {total[0]} | **{mb(total[1])}** | **{mb(total[2])}** |")
    return "\n".join(lines)


def write_zip(folder: Path, out: Path) -> tuple[int, str]:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for p in sorted(folder.rglob("*")):
            arc = Path(folder.name) / p.relative_to(folder)
            if p.is_symlink():  # Linux library aliases: stored as links, as unzip restores them
                info = zipfile.ZipInfo(str(arc))
                info.create_system = 3
                info.external_attr = (0o120777 << 16) | 0
                z.writestr(info, os.readlink(p))
            elif p.is_file():
                z.write(p, arc)
    digest = hashlib.sha256()
    with out.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return out.stat().st_size, digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "dist" / "jamsos"))
    parser.add_argument("--zip", metavar="FILE", help="also write the zip and print its size and SHA-256")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    if not (folder / "_internal").is_dir():
        print(f"{folder}: not a built bundle (make bundle)", file=sys.stderr)
        return 1
    print(table(measure(folder)))
    if args.zip:
        size, sha = write_zip(folder, Path(args.zip))
        print(f"\n{args.zip}: {size:,} bytes ({size / 1e6:.1f} MB, {size / 2**20:.1f} MiB)")
        print(f"SHA-256 {sha}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
