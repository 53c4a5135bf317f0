"""Conflicts live in sync_conflicts (migration 0006): the ones kept inside import summaries by
earlier versions move there with their decisions, and the listing reads the table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command

from jamsos_desktop.services import sync, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver
from jamsos_desktop.storage.db import _alembic_config, current_revision, upgrade

from .conftest import District, export_bytes


def _three_conflicts(village: Workspace, operator: Actor, district: District, out_dir: Path) -> list[str]:
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    noms = x.tables["nominations"].records()[:3]
    for n in noms:
        workers.edit_worker(village, operator, n["worker_id"], {"address": "Jl. Koreksi 9"})
    assert sync.import_return(village, operator, district.answer(x)).conflicts == 3
    sync.resolve_conflict(village, operator, noms[0]["id"], accept=False)
    return [n["id"] for n in noms]


def _summaries(path: Path, key: bytes | None) -> list[Any]:
    import json

    with driver.connect(path, key) as c:
        return [json.loads(s) for (s,) in c.execute("SELECT summary FROM sync_imports ORDER BY return_seq")]


def test_conflicts_move_from_the_summaries_and_back(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    ids = _three_conflicts(village, operator, district, out_dir)
    shown = sync.list_conflicts(village)
    assert {c.nomination_id for c in shown} == set(ids[1:])
    history = [i.to_dict() for i in sync.import_history(village)]
    engine = village.db.engine
    # Back to 0005: the conflicts, decided or not, are JSON inside the summary again (as 0005 kept them).
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0005")
    assert current_revision(engine) == "0005"
    (summary,) = _summaries(village.db.path, village.db.key)
    kept = {c["nomination_id"]: c for c in summary["conflicts"]}
    assert set(kept) == set(ids)
    assert kept[ids[0]]["resolved"]["accepted"] is False and kept[ids[0]]["resolved"]["by"] == operator.username
    assert all("resolved" not in kept[i] for i in ids[1:])
    assert all(c["why"] and c["coverage_start"] == "2027-01-01" for c in kept.values())
    # Up again: the same conflicts are listed, the history counts them, the summary keeps only the count.
    upgrade(engine)
    assert sync.list_conflicts(village) == shown
    assert [i.to_dict() for i in sync.import_history(village)] == history
    assert _summaries(village.db.path, village.db.key)[0]["conflicts"] == 3
    # And they are decided in the table as before.
    sync.resolve_conflict(village, operator, ids[1], accept=True)
    assert [c.nomination_id for c in sync.list_conflicts(village)] == [ids[2]]


def test_the_summary_keeps_a_count_not_the_conflicts(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    _three_conflicts(village, operator, district, out_dir)
    (summary,) = _summaries(village.db.path, village.db.key)
    assert summary["conflicts"] == 3
    with driver.connect(village.db.path, village.db.key) as c:
        assert c.execute("SELECT count(*), count(resolved_at) FROM sync_conflicts").fetchone() == (3, 1)
