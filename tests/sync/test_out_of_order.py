"""Return files in any order: each result applies on its own merits, the newer decision wins.

Three return files with overlapping and disjoint results (a registration the district later
rejects, a rejection it later registers, a KPJ it corrects, the same rejection said twice, results
only one file holds) are imported in every order, with a file repeated: the village ends in the
same state, shows the same history and the same (no) conflicts, and a replayed file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from jamsos_desktop import paths
from jamsos_desktop.domain import statuses
from jamsos_desktop.services import sync, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver, keyring, models
from jamsos_desktop.sync import district_return as dr
from jamsos_desktop.sync.village_export import VillageExport

from .conftest import District, db_dump, export_bytes

START, END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
REG, REJ, DUP = dr.REGISTERED, dr.REJECTED, dr.DUPLICATE

# Per return file: nomination index -> (outcome, KPJ or reason).
FILES: dict[int, dict[int, tuple[str, str]]] = {
    1: {0: (REG, "26000000100"), 1: (REG, "26000000101"), 2: (REG, "26000000102"), 3: (REG, "26000000103"),
        4: (REG, "26000000104"), 5: (REJ, "NIK tidak ditemukan"), 9: (DUP, "sudah diusulkan Desa Cileunyi Kulon")},
    2: {3: (REJ, "KK tidak cocok"), 4: (REJ, "KK tidak cocok"), 5: (REG, "26000000105"),
        6: (REG, "26000000106"), 7: (REG, "26000000107")},
    3: {0: (REG, "26000000200"), 4: (REJ, "KK tidak cocok"), 8: (DUP, "sudah diusulkan Desa Cibiru Wetan")},
}  # fmt: skip
#: What the newest file to speak about each nomination says.
WANT = {i: next(FILES[f][i] for f in (3, 2, 1) if i in FILES[f]) for i in range(10)}


def _file(district: District, x: VillageExport, seq: int) -> bytes:
    noms = x.tables["nominations"].records()
    wv = {w["id"]: w["version"] for w in x.tables["workers"].records()}
    results = []
    for i, (outcome, said) in FILES[seq].items():
        n = noms[i]
        reg = outcome == REG
        results.append(
            dr.Result(
                n["id"],
                n["worker_id"],
                outcome,
                n["version"],
                wv[n["worker_id"]],
                n["export_seq"],
                said if reg else "",
                START if reg else None,
                END if reg else None,
                "" if reg else said,
            )
        )
    return district.write(x, results, seq=seq)


@pytest.fixture
def scene(
    village: Workspace, operator: Actor, district: District, out_dir: Path, tmp_path: Path
) -> tuple[Path, VillageExport, dict[int, bytes]]:
    """The village right after its export (a database to copy), the export, and the three files."""
    _, data = export_bytes(village, operator, out_dir)
    x = district.open(data)
    pristine = tmp_path / "pristine.sqlite"
    assert driver.copy_file(village.db.path, pristine, village.db.key) == "ok"
    shutil.copyfile(keyring.key_path(village.db.path), keyring.key_path(pristine))  # the copy opens with it
    return pristine, x, {seq: _file(district, x, seq) for seq in FILES}


@pytest.fixture
def fresh(tmp_path: Path, scene: tuple[Path, VillageExport, dict[int, bytes]]) -> Iterator[Any]:
    """Opens a new copy of the village as it was after the export, as often as a test asks."""
    opened: list[Workspace] = []

    def open_copy(name: str) -> Workspace:
        data = tmp_path / name
        data.mkdir()
        shutil.copyfile(scene[0], paths.db_path(data))
        shutil.copyfile(keyring.key_path(scene[0]), keyring.key_path(paths.db_path(data)))
        ws = Workspace.open(data)
        opened.append(ws)
        return ws

    yield open_copy
    for ws in opened:
        ws.close()


def _state(ws: Workspace, x: VillageExport) -> dict[str, Any]:
    """What the village shows: each nomination's result and its worker's, the last history entry
    (without the number of the file that brought it: the first file to bring a decision writes
    it, a later one saying the same finds it in place), and the open conflicts."""
    ids = [n["id"] for n in x.tables["nominations"].records()]
    out: dict[str, Any] = {}
    with ws.reading() as s:
        for nid in ids:
            n = s.get_one(models.Nomination, nid)
            w = s.get_one(models.Worker, n.worker_id)
            last = s.execute(
                select(models.NominationEvent)
                .where(models.NominationEvent.nomination_id == nid)
                .order_by(models.NominationEvent.seq.desc())
            ).scalar()
            assert last is not None
            out[nid] = (
                (n.status, n.kpj, n.coverage_start, n.coverage_end, n.result_reason),
                (w.status, w.kpj),
                (last.to_status, re.sub(r" \(berkas hasil nomor \d+\)", "", last.note)),
            )
    out["conflicts"] = [c.to_dict() for c in sync.list_conflicts(ws)]
    return out


def _want(x: VillageExport) -> dict[str, Any]:
    kpj = {w["id"]: w["kpj"] for w in x.tables["workers"].records()}
    out: dict[str, Any] = {}
    for i, n in enumerate(x.tables["nominations"].records()):
        outcome, said = WANT[i]
        if outcome == REG:
            note = f"Hasil dari kabupaten: KPJ {said}, berlaku {START} s.d. {END}"
            out[n["id"]] = ((REG, said, START, END, ""), (REG, said), (REG, note))
        else:
            # A registration a newer decision replaced takes its KPJ with it.
            note = f"Hasil dari kabupaten: {said}"
            out[n["id"]] = ((outcome, "", None, None, said), (outcome, kpj[n["worker_id"]]), (outcome, note))
    out["conflicts"] = []
    return out


ORDERS = [(*p, p[0]) for p in itertools.permutations(FILES)]  # every order, the first file again at the end


def test_every_order_ends_in_the_newest_decisions(
    fresh: Any, scene: tuple[Path, VillageExport, dict[int, bytes]], operator: Actor
) -> None:
    _, x, files = scene
    want = _want(x)
    for k, order in enumerate(ORDERS):
        ws = fresh(f"v{k}")
        results = [sync.import_return(ws, operator, files[seq]) for seq in order]
        assert _state(ws, x) == want, order
        # The repeated file was recognised by its hash and changed nothing; so does any file again.
        assert results[-1].status == sync.ALREADY_APPLIED
        before = db_dump(ws)
        for seq in FILES:
            assert sync.import_return(ws, operator, files[seq]).status == sync.ALREADY_APPLIED
        assert db_dump(ws) == before
        # Every result is counted once in its file: applied, in place, superseded, or a conflict.
        for seq, r in zip(order[:-1], results[:-1], strict=True):
            assert sum(r.applied.values()) + r.already + r.superseded + r.newer + r.conflicts == len(FILES[seq])
            assert r.conflicts == 0, order


def test_an_older_file_arriving_late_applies_what_nobody_newer_decided(
    fresh: Any, scene: tuple[Path, VillageExport, dict[int, bytes]], operator: Actor
) -> None:
    """The reported bug: file 2 then file 1, and file 1's own results were never applied."""
    files = scene[2]
    ws = fresh("v")
    assert sync.import_return(ws, operator, files[3]).status == sync.APPLIED
    assert sync.import_return(ws, operator, files[2]).status == sync.APPLIED
    late = sync.import_return(ws, operator, files[1])
    assert late.status == sync.APPLIED
    # 1, 2 and 9 only file 1 speaks about; 0, 3, 4 and 5 a newer file decided: superseded, per result.
    assert late.applied == {REG: 2, REJ: 0, DUP: 1} and late.newer == 4 and late.conflicts == 0
    assert "4 hasil sudah digantikan keputusan yang lebih baru" in late.message()
    assert "4 results already replaced by a newer decision" in late.message("en")
    history = {i.return_seq: i.to_dict() for i in sync.import_history(ws)}
    assert set(history) == {1, 2, 3}


def test_a_newer_decision_over_a_record_changed_here_is_a_conflict(
    fresh: Any, scene: tuple[Path, VillageExport, dict[int, bytes]], operator: Actor
) -> None:
    """The district's earlier result applied, then the village corrected the worker: the
    district's newer decision is not written over it but kept for a person, as any conflict."""
    _, x, files = scene
    ws = fresh("v")
    sync.import_return(ws, operator, files[1])
    changed = x.tables["nominations"].records()[3]  # registered by file 1, rejected by file 2
    workers.edit_worker(ws, operator, changed["worker_id"], {"address": "Jl. Koreksi 9"})
    r = sync.import_return(ws, operator, files[2])
    assert r.conflicts == 1 and r.applied[REJ] == 1 and r.applied[REG] == 3
    (c,) = sync.list_conflicts(ws)
    assert c.nomination_id == changed["id"] and c.outcome == REJ and c.local_status == REG
    assert any("data pekerja diubah di desa setelah hasil sebelumnya diterapkan" in w for w in c.why)
    # Taken by a person: the newer decision applies over the registration, and counts as in place.
    sync.resolve_conflict(ws, operator, c.nomination_id, accept=True)
    with ws.reading() as s:
        n = s.get_one(models.Nomination, changed["id"])
        assert (n.status, n.result_reason) == (REJ, "KK tidak cocok")
    assert sync.list_conflicts(ws) == []
    # A newer file that does not speak about it leaves the person's decision as it is.
    assert sync.import_return(ws, operator, files[3]).conflicts == 0
    with ws.reading() as s:
        assert s.get_one(models.Nomination, changed["id"]).status == REJ


def test_status_rule_for_district_results() -> None:
    """A district result moves an exported nomination, or replaces the district's own earlier
    result; never anything the village still holds."""
    for old in statuses.NOMINATION_STATUSES:
        for new in statuses.NOMINATION_STATUSES:
            allowed = statuses.district_may_move(old, new)
            assert allowed == (new in statuses.RESULTS and old in (statuses.EXPORTED, *statuses.RESULTS))
