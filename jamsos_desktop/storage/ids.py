"""Record keys: UUIDv7 (time-ordered), so new rows land at the end of the primary-key index."""

from __future__ import annotations

import os
import time


def new_id() -> str:
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (
        (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | (rand >> 68 & 0xFFF) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
    )
    # str(uuid.UUID(int=value)) without building the object (the same 8-4-4-4-12 lowercase hex).
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


#: The hex digit of a key's variant byte (binary 10xx), by the random digit it is made from.
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def new_ids(n: int) -> list[str]:
    """``n`` keys of ``new_id``'s layout at once, from one clock reading and one read of the
    system's random source, cut from its hex (a bulk insert's keys: several times faster than
    ``n`` calls). Each takes 20 random hex digits: the first is dropped for the version (7),
    the fifth is narrowed to the variant, the rest are kept."""
    ms = f"{time.time_ns() // 1_000_000 & ((1 << 48) - 1):012x}"
    head = f"{ms[:8]}-{ms[8:]}-7"
    rnd = os.urandom(10 * n).hex()
    v = _VARIANT
    return [
        f"{head}{rnd[i + 1 : i + 4]}-{v[rnd[i + 4]]}{rnd[i + 5 : i + 8]}-{rnd[i + 8 : i + 20]}"
        for i in range(0, 20 * n, 20)
    ]
