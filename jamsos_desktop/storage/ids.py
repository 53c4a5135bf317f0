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
