"""Property: a district that applies every export in order holds exactly the village's records.

Random histories of adds, edits, deletions, incremental and full exports; after each one the
district's replica (newest version wins, as the spec says) must equal the village database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamsos_desktop.domain.text import UserError
from jamsos_desktop.services import demo, sync, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.services.village import get_village
from jamsos_desktop.sync.format import _json_default

from .conftest import District, trust

_STATE: dict[str, dict[str, Any]] = {}

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add")),
        st.tuples(st.just("edit"), st.integers(0, 10_000), st.text(max_size=40)),
        st.tuples(st.just("delete"), st.integers(0, 10_000)),
        st.tuples(st.just("export"), st.booleans()),
    ),
    min_size=1,
    max_size=6,
)


def _plain(rows: Any) -> Any:
    return json.loads(json.dumps(rows, default=_json_default))


def village_state(ws: Workspace) -> dict[str, dict[str, list[Any]]]:
    """Every record of every exported table, read the way the export reads them."""
    out = {}
    with ws.reading() as s:
        for name, model in sync.EXPORT_TABLES:
            cols, chunks = sync.snapshot(s, name, model, -1, 2**62)
            i = cols.index("id")
            out[name] = {r[i]: r for chunk in chunks for r in _plain(chunk)}
    return out


def apply(replica: dict[str, dict[str, list[Any]]], data: bytes, district: District) -> None:
    x = district.open(data)
    for name, table in x.tables.items():
        i, v = table.columns.index("id"), table.columns.index("version") if "version" in table.columns else None
        rows = replica.setdefault(name, {})
        for r in table.rows:
            old = rows.get(r[i])
            if old is None or v is None or r[v] >= old[v]:
                rows[r[i]] = r


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_replica_equals_village(
    workspace: Workspace, operator: Actor, district: District, out_dir: Path, ops: list[tuple[Any, ...]]
) -> None:
    # Hypothesis runs every example on the same workspace: the history simply grows.
    state = _STATE.setdefault(str(workspace.data_dir), {})
    if not state:
        trust(workspace, operator, district)
        state["replica"] = {}
        state["pool"] = list(demo.demo_rows(get_village(workspace).code, 400, seed=5))
    replica: dict[str, dict[str, list[Any]]] = state["replica"]
    pool: list[dict[str, Any]] = state["pool"]
    for op in ops:
        live = [w.id for w in workers.list_workers(workspace)]
        try:
            if op[0] == "add" and pool:
                workers.add_worker(workspace, operator, pool.pop())
            elif op[0] == "edit" and live:
                workers.edit_worker(workspace, operator, live[op[1] % len(live)], {"address": op[2]})
            elif op[0] == "delete" and live:
                workers.delete_worker(workspace, operator, live[op[1] % len(live)], "pindah")
            elif op[0] == "export":
                r = sync.export(workspace, operator, out_dir, full=op[1])
                apply(replica, r.path.read_bytes(), district)
        except UserError:
            pass  # a value the form refuses, a duplicate person: not this test's business
    r = sync.export(workspace, operator, out_dir)
    apply(replica, r.path.read_bytes(), district)
    assert replica == village_state(workspace)
