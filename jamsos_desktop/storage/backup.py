"""Copies of the village file: made with the driver's backup API, written whole or not at all.

A plain file copy of an open database misses what is still in its write-ahead log; the backup
API copies the database as a reader sees it, WAL included, and goes through ``driver`` like
every other connection (so an encrypted database gives an encrypted copy under the same key).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import driver
from .integrity import keyed

#: The files SQLite keeps beside a database in WAL mode.
SIDE_FILES = ("-wal", "-shm", "-journal")


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def copy_database(src: Path, dest: Path, key: bytes | None = None) -> list[str]:
    """A consistent copy of ``src`` at ``dest``, checked (``integrity_check``) before it takes
    the name: empty when sound, else the problems (and no file at ``dest``)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    remove_database(part)
    try:
        ok = keyed(driver.copy_file, src, part, key=key)  # the copy is encrypted with the same key
        if ok != "ok":
            return [f"integrity_check: {ok}"]
        keyed(driver.checkpoint, part, key=key)  # the copy alone, without a log beside it, holds everything
        remove_side_files(part)
        _fsync(part)
        os.replace(part, dest)
        _fsync_dir(dest.parent)
        return []
    finally:
        remove_database(part)


def fold_log(path: Path, key: bytes | None = None) -> None:
    """Folds the write-ahead log of a closed database into its file and drops the log files."""
    keyed(driver.checkpoint, path, key=key)
    remove_side_files(path)


def raw_copy(src: Path, dest: Path) -> None:
    """Byte copies of a file SQLite may not read (a damaged database) and its log, kept as found."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    for suffix in SIDE_FILES[:1]:
        side = Path(str(src) + suffix)
        if side.exists():
            shutil.copyfile(side, Path(str(dest) + suffix))


def remove_side_files(path: Path) -> None:
    for suffix in SIDE_FILES:
        Path(str(path) + suffix).unlink(missing_ok=True)


def remove_database(path: Path) -> None:
    path.unlink(missing_ok=True)
    remove_side_files(path)


def put_in_place(new: Path, path: Path) -> None:
    """``new`` (a checked copy in the same folder) becomes the database at ``path``.

    The old log goes first: a log left beside the new file would be replayed into it. Killed in
    between, the old file is there without its log, and the caller has kept a copy of it.
    """
    _fsync(new)
    remove_side_files(path)
    os.replace(new, path)
    _fsync_dir(path.parent)
