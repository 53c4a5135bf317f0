"""Hypothesis over record contents: any Unicode, empty and huge fields survive export and return."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamsos_desktop.services import sync
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models
from jamsos_desktop.sync import district_return as dr
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.village_export import Table, read_export, write_export

from .conftest import District

DEVICE, DISTRICT = KeySet.generate(), KeySet.generate()
# Huge: a random piece repeated to about 100,000 characters (Hypothesis will not draw that much itself).
HUGE = st.text(min_size=1, max_size=20).map(lambda s: s * (100_000 // len(s)))
ANY_TEXT = st.one_of(st.just(""), st.text(max_size=200), HUGE)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    ANY_TEXT,
    st.dates(),
    st.datetimes(),
)
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)


def _plain(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.isoformat(timespec="microseconds")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(SCALAR, SCALAR, JSONISH), max_size=6),
    name=st.text(max_size=50),
)
def test_any_table_contents_round_trip(rows: list[tuple[Any, Any, Any]], name: str) -> None:
    sealed = write_export(
        device_keys=DEVICE,
        village_code="32.04.05.2005",
        village_name=name,
        device_id="0190f3c2-7a1b-7c3d-8e4f-123456789abc",
        seq=1,
        full=True,
        change_from=0,
        change_to=len(rows),
        tables={"things": Table(("a", "b", "c"), [list(r) for r in rows])},
        district=DISTRICT.public,
        app_version="t",
        schema_version="s",
    )
    x = read_export(sealed.data, district_keys=DISTRICT)
    assert x.manifest["village_name"] == name
    assert x.tables["things"].rows == [[_plain(a), _plain(b), c] for a, b, c in rows]


_serial = itertools.count(1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(min_size=1, max_size=120),
    notes=ANY_TEXT,
    address=st.one_of(st.just(""), st.text(max_size=250)),
    heir=st.text(max_size=120),
)
def test_any_worker_contents_survive_export(
    village: Workspace,
    operator: Actor,
    district: District,
    out_dir: Path,
    name: str,
    notes: str,
    address: str,
    heir: str,
) -> None:
    """Stored straight into the table (the form's rules are not the format's business)."""
    n = next(_serial)
    with village.unit_of_work(operator) as uow:
        w = models.Worker(
            nik=f"3204{n:012d}",
            kk=f"3204{n:012d}",
            name=name,
            name_key=name.lower(),
            birth_place="",
            birth_date=dt.date(1990, 1, 1),
            sex="L",
            address=address,
            dusun="",
            rt="",
            rw="",
            occupation_code=9,
            category="petani",
            income=None,
            heir_name=heir,
            notes=notes,
        )
        uow.session.add(w)
        uow.session.flush()
        wid = w.id
    r = sync.export(village, operator, out_dir)
    x = district.open(r.path.read_bytes())
    got = {rec["id"]: rec for rec in x.tables["workers"].records()}
    assert got[wid]["name"] == name and got[wid]["notes"] == notes
    assert got[wid]["address"] == address and got[wid]["heir_name"] == heir
    r.path.unlink()


@settings(max_examples=40, deadline=None)
@given(
    reason=st.text(min_size=1, max_size=dr.MAX_REASON).filter(str.strip),
    outcome=st.sampled_from([dr.REJECTED, dr.DUPLICATE]),
)
def test_any_reason_round_trips(reason: str, outcome: str) -> None:
    device = DEVICE
    res = dr.Result(
        "0190f3c2-7a1b-7c3d-8e4f-000000000001", "0190f3c2-7a1b-7c3d-8e4f-000000000002", outcome, 1, 1, 1, reason=reason
    )
    data = dr.write_return(
        district_keys=DISTRICT,
        district_name=reason[:40],
        village_code="32.04.05.2005",
        device_id="d",
        device_key=device.public,
        return_seq=1,
        answers_export_seq=1,
        results=[res],
        app_version="hub",
    ).data
    got = dr.read_return(
        data, device_keys=device, district=DISTRICT.public, village_code="32.04.05.2005", device_id="d"
    )
    assert got.results == (res,)
