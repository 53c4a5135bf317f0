"""A withdrawal of consent after the export reaches the district in the next sync file: the
nomination's history event says the district must stop, and the purged record travels blanked."""

from __future__ import annotations

from pathlib import Path

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import privacy
from jamsos_desktop.services.context import Actor, Workspace

from .conftest import District, export_bytes


def test_the_next_file_tells_the_district(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    _, first = export_bytes(village, operator, out_dir)
    x1 = district.open(first)
    sent = x1.tables["nominations"].records()[0]
    assert sent["status"] == statuses.EXPORTED
    wid = sent["worker_id"]
    nik = next(w["nik"] for w in x1.tables["workers"].records() if w["id"] == wid)
    r = privacy.withdraw_consent(village, operator, wid, "surat pencabutan")
    assert r.sent == (statuses.EXPORTED,)
    assert privacy.purge(village).purged == [(wid, privacy.WITHDRAWN)]
    _, second = export_bytes(village, operator, out_dir)
    x2 = district.open(second)
    events = [e for e in x2.tables["nomination_events"].records() if e["nomination_id"] == sent["id"]]
    assert events and "kabupaten harus" in events[-1]["note"]
    (worker,) = [w for w in x2.tables["workers"].records() if w["id"] == wid]
    assert worker["nik"] == "" and worker["name"] == "" and worker["deleted_at"] is not None
    assert nik not in repr(x2.tables["workers"].records())  # what the district reads
