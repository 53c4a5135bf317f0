"""``hub duplicates`` on both engines: found from the hub's rows, stored with rule and score, decided
by a clerk (attributed, audited), never merged; a second run keeps decisions."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from jamsos_desktop.cli.main import main
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.hub import duplicates
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models
from jamsos_desktop.hub.storage.db import HEAD_REVISION, current_revision
from jamsos_desktop.hub.storage.outcome_models import HubDuplicate, HubResult

from .conftest import PASSWORD
from .outcome_rows import Rows, add_villages, add_worker

A, B, C = "32.04.05.2005", "32.04.05.2006", "32.04.13.2001"
D1, D2 = dt.date(1985, 2, 10), dt.date(1990, 7, 1)


def _scene(hub: Hub) -> Rows:
    rows = add_villages(hub)
    # one NIK in three villages
    for v in (A, B, C):
        add_worker(hub, rows, v, nik="3204055002850001", name="Siti Aminah", birth=D1)
    # one person under two NIKs, same KK and birth date
    add_worker(hub, rows, A, nik="3204054107900002", name="Euis Kurniasih", birth=D2, kk="3204050101100077")
    add_worker(hub, rows, B, nik="3204054107900099", name="Euis Kurniasih", birth=D2, kk="3204050101100077")
    # a similar name, same birth date and sex, nothing else shared
    add_worker(hub, rows, A, nik="3204051505800003", name="Asep Sunandar", birth=dt.date(1980, 5, 15), sex="L")
    add_worker(hub, rows, C, nik="3204131505800004", name="Asep Sunandar S", birth=dt.date(1980, 5, 15), sex="L")
    # a temporary NIK shared: never a key
    add_worker(hub, rows, A, nik="0204050101010001", name="Ujang", birth=dt.date(1970, 1, 1), sex="L")
    add_worker(hub, rows, B, nik="0204050101010001", name="Dadang", birth=dt.date(1971, 1, 1), sex="L")
    # not nominated, or deleted: not the district's question
    add_worker(
        hub, rows, B, nik="3204051505800003", name="Asep Sunandar", birth=dt.date(1980, 5, 15), sex="L", status=None
    )
    add_worker(hub, rows, C, nik="3204054107900002", name="Euis", birth=D2, deleted=True)
    return rows


def test_the_three_rules_are_found_stored_and_a_temporary_nik_is_no_key(hub: Hub, clerk: Actor) -> None:
    _scene(hub)
    res = duplicates.detect(hub, clerk)
    assert res.by_rule == {"same_nik": 3, "same_kk_birth": 1, "similar_name": 1}
    assert res.new == res.candidates == res.open == 5
    found = duplicates.list_duplicates(hub)
    assert {(d.rule, d.village_a, d.village_b) for d in found} == {
        ("same_nik", A, B),
        ("same_nik", A, C),
        ("same_nik", B, C),
        ("same_kk_birth", A, B),
        ("similar_name", A, C),
    }
    assert all(not d.nik_a.startswith("0") for d in found)
    kk = next(d for d in found if d.rule == "same_kk_birth")
    assert kk.score == 100 and kk.name_a == kk.name_b == "Euis Kurniasih" and kk.village_name_a == "Cibiru Hilir"
    assert next(d for d in found if d.rule == "similar_name").score >= 90


def test_a_decision_is_the_clerk_s_audited_and_kept_by_the_next_run(hub: Hub, clerk: Actor) -> None:
    _scene(hub)
    duplicates.detect(hub, clerk)
    found = duplicates.list_duplicates(hub)
    ab = next(d for d in found if d.rule == "same_nik" and (d.village_a, d.village_b) == (A, B))
    sim = next(d for d in found if d.rule == "similar_name")
    done = duplicates.resolve(hub, clerk, ab.id, keep=A)
    assert done.status == "kept" and done.kept_village == A and done.decided_by == "clerk"
    with pytest.raises(UserError, match="wajib diisi untuk mengubah keputusan"):
        duplicates.resolve(hub, clerk, ab.id, keep=B)
    with pytest.raises(UserError, match="alasan"):
        duplicates.resolve(hub, clerk, sim.id, not_duplicate=True)
    with pytest.raises(UserError, match="bukan salah satu"):
        duplicates.resolve(hub, clerk, sim.id, keep=B)
    duplicates.resolve(hub, clerk, sim.id, not_duplicate=True, reason="kakak beradik, KTP dicek")
    with hub.reading() as s:
        answers = s.execute(select(HubResult)).scalars().all()
        # B's nomination of the person is answered "duplicate", naming A; nothing else changed
        assert [(r.village_code, r.outcome) for r in answers] == [(B, "duplicate")]
        assert "Cibiru Hilir (32.04.05.2005)" in answers[0].reason and answers[0].returned_seq is None
        assert s.execute(select(models.workers.c.id)).all()  # nothing merged or deleted
        audit = s.execute(select(models.HubAudit.action, models.HubAudit.username)).all()
    assert audit.count(("hub.duplicates.resolve", "clerk")) == 2
    again = duplicates.detect(hub, clerk)
    assert again.new == 0 and again.open == 3
    states = {d.id: d.status for d in duplicates.list_duplicates(hub)}
    assert states[ab.id] == "kept" and states[sim.id] == "not_duplicate"


def test_an_undecided_candidate_no_longer_found_is_dropped(hub: Hub, clerk: Actor) -> None:
    rows = add_villages(hub)
    add_worker(hub, rows, A, nik="3204055002850001", name="Siti", birth=D1)
    _, nid = add_worker(hub, rows, B, nik="3204055002850001", name="Siti", birth=D1)
    assert duplicates.detect(hub, clerk).new == 1
    with hub.store.write(None) as s:
        s.execute(models.nominations.update().where(models.nominations.c.id == nid).values(status="declined"))
    res = duplicates.detect(hub, clerk)
    assert (res.dropped, res.open) == (1, 0)
    with hub.reading() as s:
        assert s.execute(select(HubDuplicate)).first() is None


def test_the_command_line_lists_resolves_and_says_what_it_did(
    hub_url: str,
    hub: Hub,
    clerk: Actor,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("JAMSOS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JAMSOS_HUB_PASSWORD", PASSWORD)
    _scene(hub)
    assert main(["hub", "--db", hub_url, "--user", "clerk", "duplicates", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["detection"]["candidates"] == 5 and len(out["candidates"]) == 5
    first = out["candidates"][0]
    assert first["rule"] == "same_nik" and first["rule_label"] == "NIK sama"
    assert (
        main(["hub", "--db", hub_url, "--user", "clerk", "resolve", str(first["id"]), "--keep", first["village_b"]])
        == 0
    )
    assert "dipertahankan" in capsys.readouterr().out
    assert main(["hub", "--db", hub_url, "--user", "clerk", "resolve", "999", "--not-duplicate", "--reason", "x"]) == 1
    assert "999" in capsys.readouterr().err


def test_a_hub_of_the_first_schema_upgrades_to_the_one_with_duplicates(tmp_path: Path) -> None:
    src = Path(__file__).parents[1] / "fixtures" / "hub" / "hub_schema_h0001.sqlite"
    db = tmp_path / "old.sqlite"
    shutil.copy(src, db)
    hub = Hub.open(f"sqlite:///{db}")
    try:
        assert current_revision(hub.store.engine) == HEAD_REVISION  # h0002 and every later one
        with hub.reading() as s:
            assert s.execute(select(models.HubUser.username)).scalars().all() == ["clerk"]
            assert s.execute(select(HubDuplicate)).first() is None
    finally:
        hub.close()
    assert list((tmp_path / "backups").iterdir())
