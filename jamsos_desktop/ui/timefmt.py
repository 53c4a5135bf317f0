"""Times as the office reads them: ``domain.times.local``, for the screens.

The database stores UTC without a zone (``storage.models.utcnow``); every screen shows the
laptop's own clock (WIB, WITA or WIT), never UTC.
"""

from __future__ import annotations

from ..domain.times import local

__all__ = ["local"]
