"""Compile Qt Linguist sources (resources/translations/*.ts) into .qm files beside them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sources = sorted((ROOT / "resources" / "translations").glob("*.ts"))
    if not sources:
        return 0
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        print("pyside6-lrelease not found; translations not built", file=sys.stderr)
        return 1
    for ts in sources:
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
