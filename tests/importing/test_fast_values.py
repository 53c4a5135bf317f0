"""The shortcuts the import's hot path takes give exactly the answers of the long way."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from jamsos_desktop.domain.worker import parse_date
from jamsos_desktop.storage.ids import new_id


def _strptime_reading(raw: str) -> dt.date | None:
    s = raw.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def test_parse_date_reads_as_strptime_does() -> None:
    r = random.Random(14)
    samples = ["2020-02-29", "2021-02-29", "00-01-2020", "31-04-2020", "0000-01-01", "0001-01-01", "05-06/2020"]
    for _ in range(20_000):
        sep = r.choice("-/.x")
        d, m, y = f"{r.randint(0, 40):02d}", f"{r.randint(0, 14):02d}", f"{r.randint(0, 2100):04d}"
        samples += [f"{d}{sep}{m}{sep}{y}", f"{y}{sep}{m}{sep}{d}", f" {d}{sep}{m}{sep}{y} ", f"{y}-{m}-{d}"]
    for s in samples:
        assert parse_date(s) == _strptime_reading(s), s


def test_new_id_is_a_time_ordered_uuid7_string() -> None:
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for i in ids:
        u = uuid.UUID(i)
        assert str(u) == i and u.version == 7 and u.variant == uuid.RFC_4122
    # The first 48 bits are the milliseconds: the ids of later calls never sort earlier.
    stamps = [int(i.replace("-", "")[:12], 16) for i in ids]
    assert stamps == sorted(stamps)


def test_kept_answers_give_each_row_its_own_findings() -> None:
    """The name, No. KK and date answers are kept between rows: a second row with the same
    values gets the same findings, with the value that row gave, and another reference date its own."""
    from jamsos_desktop.domain import issues as codes
    from jamsos_desktop.domain.worker import validate_worker
    from tests.domain.test_worker_validation import GOOD, REF

    bad = GOOD | {"name": "Siti 4minah", "kk": "3204053202150007", "consent_date": "01-12-2026"}
    first = validate_worker(dict(bad), reference=REF)
    again = validate_worker(dict(bad), reference=REF)
    assert first.issues == again.issues
    found = {(i.code, i.value) for i in first.issues}
    assert (codes.NAME_CHARACTERS, "Siti 4minah") in found
    assert (codes.KK_DATE_INVALID, "3204053202150007") in found
    assert (codes.CONSENT_DATE_RANGE, "01-12-2026") in found
    later = validate_worker(dict(bad), reference=dt.date(2026, 12, 5))
    assert (codes.CONSENT_DATE_RANGE, "01-12-2026") not in {(i.code, i.value) for i in later.issues}
    assert validate_worker(dict(GOOD), reference=REF).data is not None
