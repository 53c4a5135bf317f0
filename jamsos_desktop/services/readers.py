"""Reading a file a person names: only a regular file, and never more than a limit.

``/dev/zero`` reports a size of 0 and never ends; a FIFO blocks the first read until someone
writes to it; a 40 GB file named by mistake fills the memory. Every reader of a file someone
chose (sync and return files, key files, scans, emblems, settings) goes through ``read_limited``:
the file is opened without blocking, checked to be a regular file on the open descriptor (no race
between a check and the open), and read up to its limit plus one byte.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..domain.text import Text, UserError

KB, MB = 1024, 1024 * 1024


class FileRefused(UserError):
    """The named file is missing, not a regular file, unreadable, or larger than allowed."""


def _size(n: int) -> str:
    return f"{n // MB} MB" if n >= MB else f"{max(1, n // KB)} kB"


def read_limited(path: Path | str, limit: int, field: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them (else ``FileRefused``)."""
    p = Path(path).expanduser()
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise FileRefused(field, Text("berkas tidak ditemukan", "file not found"), str(p)) from None
    except IsADirectoryError:
        raise FileRefused(field, Text("adalah folder, bukan berkas", "is a folder, not a file"), str(p)) from None
    except OSError as exc:
        raise FileRefused(
            field, Text(f"tidak bisa dibuka ({exc.strerror})", f"cannot be opened ({exc.strerror})"), str(p)
        ) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FileRefused(field, Text("adalah folder, bukan berkas", "is a folder, not a file"), str(p))
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(
                field,
                Text(
                    "bukan berkas biasa (perangkat, pipa, atau soket); pilih berkas yang tersimpan",
                    "is not a regular file (a device, pipe or socket); choose a saved file",
                ),
                str(p),
            )
        if st.st_size > limit:
            raise FileRefused(field, _too_large(limit), str(p))
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            part = os.read(fd, min(MB, limit + 1 - got))
            if not part:
                break
            chunks.append(part)
            got += len(part)
        if got > limit:  # it grew while being read
            raise FileRefused(field, _too_large(limit), str(p))
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(
            field, Text(f"tidak bisa dibaca ({exc.strerror})", f"cannot be read ({exc.strerror})"), str(p)
        ) from None
    finally:
        os.close(fd)


def _too_large(limit: int) -> Text:
    return Text(f"terlalu besar (paling besar {_size(limit)})", f"is too large (at most {_size(limit)})")
