"""Files on a stick: atomic writes, reading back, the target folder, reading a file given by path or bytes; driving a job."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from ...domain.text import Text, UserError
from ...sync import errors
from ...sync.format import MAX_FILE
from ..readers import FileRefused, read_limited

ProgressFn = Callable[[int, int, str], None]
Step = tuple[int, int, str]


def folder_error(path: Path, exc: OSError) -> UserError:
    return errors.SyncUserError(
        errors.FOLDER,
        Text(
            f"tidak bisa ditulis ({exc.strerror or exc}); periksa flashdisk/folder dan ruang kosongnya",
            f"cannot be written ({exc.strerror or exc}); check the drive/folder and its free space",
        ),
        str(path),
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, fsync, rename, fsync the folder: the name either holds
    the whole file or the previous state, even if the stick is pulled or the power fails."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        if os.name == "posix":
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise folder_error(path.parent, exc) from exc


def read_back(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise folder_error(path.parent, exc) from exc


def check_folder(out_dir: Path) -> Path:
    out = Path(out_dir)
    if not out.is_dir():
        raise errors.SyncUserError(
            errors.FOLDER, Text("tidak ada atau bukan folder", "does not exist or is not a folder"), str(out)
        )
    return out


def file_bytes(path_or_data: Path | bytes) -> bytes:
    if isinstance(path_or_data, bytes):
        return path_or_data
    try:
        path = Path(path_or_data)
        if path.stat().st_size > MAX_FILE:
            raise errors.SyncRefused(
                errors.NOT_SYNC, Text("terlalu besar untuk berkas sinkronisasi", "is too large"), path.name
            )
        try:  # a regular file only: /dev/zero or a pipe would be read for ever
            return read_limited(path, MAX_FILE)
        except FileRefused as refused:
            raise errors.SyncRefused(errors.NOT_SYNC, refused.text, str(path)) from None
    except OSError as exc:
        raise errors.SyncRefused(
            errors.NOT_SYNC,
            Text(f"tidak bisa dibaca ({exc.strerror or exc})", f"cannot be read ({exc.strerror or exc})"),
            str(path_or_data),
        ) from exc


def run_job(job: Generator[Step, None, Any], progress: ProgressFn | None = None) -> Any:
    """Drives a job generator to its end (for the command line and tests)."""
    while True:
        try:
            step = next(job)
        except StopIteration as stop:
            return stop.value
        if progress is not None:
            progress(*step)
