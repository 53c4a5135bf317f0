"""sync.overview: what the Sinkronisasi page shows, in one read transaction, equal to the four
separate reads it replaces, and never a write (a missing device key is left to keys.device_keys)."""

from __future__ import annotations

from pathlib import Path

from jamsos_desktop import paths
from jamsos_desktop.services import keys, sync, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver
from tests.sync.conftest import District, db_dump, district, export_bytes, out_dir, village  # noqa: F401 - fixtures


def test_overview_equals_the_separate_reads(
    village: Workspace,  # noqa: F811 - the fixture
    operator: Actor,
    district: District,  # noqa: F811 - the fixture
    out_dir: Path,  # noqa: F811 - the fixture
) -> None:
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    workers.edit_worker(village, operator, x.tables["nominations"].records()[0]["worker_id"], {"address": "Jl. 9"})
    assert sync.import_return(village, operator, district.answer(x)).conflicts == 1
    export_bytes(village, operator, out_dir, full=True)
    seen = sync.overview(village)
    assert seen == sync.SyncOverview(
        keys=keys.keys_info(village),
        exports=sync.export_history(village),
        imports=sync.import_history(village),
        conflicts=sync.list_conflicts(village),
    )
    assert [e.seq for e in seen.exports] == [2, 1] and all(e.can_write_again for e in seen.exports)
    assert len(seen.imports) == 1 and len(seen.conflicts) == 1
    assert seen.keys is not None and seen.keys.district is not None


def test_overview_only_reads(workspace: Workspace) -> None:
    with driver.connect(paths.db_path(workspace.data_dir), workspace.db.key) as conn:  # a database from before the keys
        conn.execute("DELETE FROM keys WHERE name = 'device'")
    before = db_dump(workspace)
    seen = sync.overview(workspace)
    assert seen.keys is None and seen.exports == [] and seen.imports == [] and seen.conflicts == []
    assert db_dump(workspace) == before
