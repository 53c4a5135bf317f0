"""Times as the office reads them.

The databases store UTC without a zone (``storage.models.utcnow``, the hub's likewise); every
screen, message and listing shows the laptop's own clock (WIB, WITA or WIT), never UTC.
"""

from __future__ import annotations

import datetime as dt


def local(at: dt.datetime, *, seconds: bool = False) -> str:
    """``at`` (stored UTC, or aware) as dd-mm-yyyy hh:mm[:ss] on this laptop's clock."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    return aware.astimezone().strftime("%d-%m-%Y %H:%M:%S" if seconds else "%d-%m-%Y %H:%M")
