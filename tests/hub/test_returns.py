"""``hub return`` on both engines, over real village files: one file per device, numbered per
device, each answer sent once until it changes; a village reads its file with its own keys."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from jamsos_desktop.cli.main import main
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import imports, returns
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models, outcomes
from jamsos_desktop.hub.storage.outcome_models import HubResult, HubReturn
from jamsos_desktop.services import sync, users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.sync.crypto import KeySet

from .conftest import KEY_PASSPHRASE, PASSWORD
from .villages import REGION, A, B, C, VillageFiles


def _imported(hub: Hub, clerk: Actor, keys: KeySet, files: VillageFiles) -> dict[str, list[tuple[str, str]]]:
    """The hub holding the three villages; per village, its sent nominations (id, worker id)."""
    paths = [p for c in (A, B, C) for p in files.files[c]]
    assert all(o.outcome == imports.IMPORTED for o in imports.import_files(hub, clerk, paths, keys, region=REGION))
    n = models.nominations
    with hub.reading() as s:
        rows = s.execute(select(n.c.village_code, n.c.id, n.c.worker_id).where(n.c.status == "exported")).all()
    out: dict[str, list[tuple[str, str]]] = {}
    for code, nid, wid in rows:
        out.setdefault(code, []).append((nid, wid))
    return out


def _answer(hub: Hub, code: str, nid: str, wid: str, outcome: str, kpj: str = "") -> None:
    registered = outcome == "registered"
    with hub.store.write(None) as s:
        outcomes.put_results(
            s,
            [
                {
                    "village_code": code,
                    "nomination_id": nid,
                    "worker_id": wid,
                    "outcome": outcome,
                    "kpj": kpj,
                    "coverage_start": dt.date(2027, 1, 1) if registered else None,
                    "coverage_end": dt.date(2027, 12, 31) if registered else None,
                    "reason": "" if registered else "Data tidak lengkap",
                }
            ],
        )


def test_one_file_per_device_numbered_and_each_answer_sent_until_it_changes(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles, tmp_path: Path
) -> None:
    sent = _imported(keyed_hub, clerk, district_keys, village_files)
    (na, wa), (na2, wa2) = sent[A][:2]
    nb, wb = sent[B][0]
    _answer(keyed_hub, A, na, wa, "registered", "11111111111")
    _answer(keyed_hub, A, na2, wa2, "rejected")
    _answer(keyed_hub, B, nb, wb, "duplicate")
    run = returns.write_returns(keyed_hub, clerk, district_keys, tmp_path / "r1", village=A)
    assert [(w.village_code, w.seq, w.counts["registered"], w.counts["rejected"]) for w in run.written] == [
        (A, 1, 1, 1)
    ]
    run = returns.write_returns(keyed_hub, clerk, district_keys, tmp_path / "r1")
    assert [(w.village_code, w.seq) for w in run.written] == [(B, 1)]  # A had nothing new
    # the branch corrects A's KPJ: the answer goes out again, in A's file number 2
    _answer(keyed_hub, A, na, wa, "registered", "22222222222")
    run = returns.write_returns(keyed_hub, clerk, district_keys, tmp_path / "r2")
    assert [(w.village_code, w.seq, sum(w.counts.values())) for w in run.written] == [(A, 2, 1)]
    with keyed_hub.reading() as s:
        books = s.execute(select(HubReturn.village_code, HubReturn.seq, HubReturn.results)).all()
        assert sorted(books) == [(A, 1, 2), (A, 2, 1), (B, 1, 1)]
        assert s.execute(select(HubResult.returned_seq).where(HubResult.nomination_id == na)).scalar() == 2
        audit = s.execute(select(models.HubAudit.action).where(models.HubAudit.action == "hub.return.write")).all()
    assert len(audit) == 3

    # the village reads and applies its files with its own keys, by its own import
    data = Path(shutil.copytree(village_files.data_dirs[A], tmp_path / "desa-a"))
    ws = Workspace.open(data)
    try:
        op = users.default_actor(ws)
        first = sync.import_return(ws, op, next(p for p in (tmp_path / "r1").iterdir() if A.replace(".", "") in p.name))
        assert first.applied == {"registered": 1, "rejected": 1, "duplicate": 0}
    finally:
        ws.close()


def test_nothing_is_numbered_or_left_behind_when_writing_fails(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles, tmp_path: Path
) -> None:
    sent = _imported(keyed_hub, clerk, district_keys, village_files)
    for code in (A, B):
        nid, wid = sent[code][0]
        _answer(keyed_hub, code, nid, wid, "rejected")
    out = tmp_path / "hasil"
    calls = []
    real = outcomes.mark_returned

    def fail_second(s: object, keys: object, seq: int) -> None:
        calls.append(seq)
        if len(calls) == 2:
            raise OSError("disk full")
        real(s, keys, seq)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(outcomes, "mark_returned", fail_second)
        with pytest.raises(OSError):
            returns.write_returns(keyed_hub, clerk, district_keys, out)
    assert list(out.iterdir()) == []
    with keyed_hub.reading() as s:
        assert s.execute(select(HubReturn)).first() is None
    assert [w.seq for w in returns.write_returns(keyed_hub, clerk, district_keys, out).written] == [1, 1]


def test_the_command_line_writes_the_returns_with_the_key_s_passphrase(
    keyed_hub: Hub,
    clerk: Actor,
    district_keys: KeySet,
    village_files: VillageFiles,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("JAMSOS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JAMSOS_HUB_PASSWORD", PASSWORD)
    sent = _imported(keyed_hub, clerk, district_keys, village_files)
    nid, wid = sent[C][0]
    _answer(keyed_hub, C, nid, wid, "registered", "33333333333")
    base = ["hub", "--db", keyed_hub.store.url, "--user", "clerk", "return", "--out", str(tmp_path / "out")]
    monkeypatch.setenv("JAMSOS_DISTRICT_KEY_PASSPHRASE", "salah")
    assert main(base) == 1
    capsys.readouterr()
    monkeypatch.setenv("JAMSOS_DISTRICT_KEY_PASSPHRASE", KEY_PASSPHRASE)
    assert main([*base, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(w["village_code"], w["seq"], w["counts"]["registered"]) for w in out["written"]] == [(C, 1, 1)]
    assert main(base) == 0
    assert "tidak ada hasil baru" in capsys.readouterr().out
