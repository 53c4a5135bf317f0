"""Times as the office reads them.

The database stores UTC without a zone (``storage.models.utcnow``); every screen shows the
laptop's own clock (WIB, WITA or WIT), never UTC.
"""

from __future__ import annotations

import datetime as dt


def local(at: dt.datetime) -> str:
    """``at`` (stored UTC) as dd-mm-yyyy hh:mm on this laptop's clock."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%d-%m-%Y %H:%M")
