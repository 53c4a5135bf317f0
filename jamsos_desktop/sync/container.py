"""The container: a plain, canonical ZIP archive (stored members, fixed headers).

Any ZIP tool can list and extract it, but this reader is stricter than a ZIP tool: it accepts a
file only when it is byte-for-byte the canonical encoding of its members (the members in the
expected order, no compression, no extra fields, no comment, fixed timestamps, matching
CRC-32s). So a flipped bit *anywhere* in the file, even in a header field that ordinary ZIP
readers ignore, is refused, and a truncated file never parses.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

from . import errors

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_LOCAL_SIG, _CENTRAL_SIG, _END_SIG = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
_VERSION = 20  # 2.0: plain stored members
_MADE_BY = 3 << 8 | _VERSION  # Unix
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00, as reproducible archives do
_EXT_ATTR = 0o100644 << 16
MAX_MEMBER = 0xFFFF_FFFE  # no ZIP64: a sync file stays far below 4 GiB


def write(members: Sequence[tuple[str, bytes]]) -> bytes:
    """The canonical archive of ``members`` (name, data), in that order."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in members:
        raw_name = name.encode("ascii")
        if len(data) > MAX_MEMBER:
            raise ValueError(f"member {name} too large")
        crc = zlib.crc32(data)
        head = _LOCAL.pack(
            _LOCAL_SIG, _VERSION, 0, 0, _DOS_TIME, _DOS_DATE, crc, len(data), len(data), len(raw_name), 0
        )
        central.append(
            _CENTRAL.pack(
                _CENTRAL_SIG,
                _MADE_BY,
                _VERSION,
                0,
                0,
                _DOS_TIME,
                _DOS_DATE,
                crc,
                len(data),
                len(data),
                len(raw_name),
                0,
                0,
                0,
                0,
                _EXT_ATTR,
                offset,
            )
            + raw_name
        )
        out += [head, raw_name, data]
        offset += len(head) + len(raw_name) + len(data)
    cd = b"".join(central)
    out.append(cd)
    out.append(_END.pack(_END_SIG, 0, 0, len(members), len(members), len(cd), offset, 0))
    return b"".join(out)


def read(blob: bytes, names: Sequence[str]) -> dict[str, bytes]:
    """The members of a canonical archive holding exactly ``names`` in that order.

    Raises ``SyncRefused`` (damaged) on anything else.
    """
    members: list[tuple[str, bytes]] = []
    pos = 0
    for expected in names:
        if pos + _LOCAL.size > len(blob):
            raise errors.damaged("berkas terpotong")
        sig, _v, _f, _m, _t, _d, crc, csize, _usize, nlen, elen = _LOCAL.unpack_from(blob, pos)
        if sig != _LOCAL_SIG:
            raise errors.damaged("struktur ZIP tidak dikenal")
        start = pos + _LOCAL.size
        name = blob[start : start + nlen]
        data_start = start + nlen + elen
        data = blob[data_start : data_start + csize]
        if len(data) != csize:
            raise errors.damaged("berkas terpotong")
        if name != expected.encode("ascii"):
            raise errors.damaged("isi arsip tidak lengkap atau tidak dikenal")
        if zlib.crc32(data) != crc:
            raise errors.damaged(f"CRC {expected} tidak cocok")
        members.append((expected, data))
        pos = data_start + csize
    canonical = write(members)
    if canonical != blob:
        raise errors.damaged("berkas terpotong" if len(blob) < len(canonical) else "struktur ZIP tidak baku")
    return dict(members)
