"""A clerk's decision on a duplicate candidate can be changed, with a reason, by the head of office
or by the clerk who made it; every decision stays in the audit trail and the newest one is what
the BPJS sheet and the return files follow. On both engines, by the service, the command line
and the district window."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from jamsos_desktop.cli.main import main
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.hub import duplicates
from jamsos_desktop.hub import users as hub_users
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models, outcomes
from jamsos_desktop.hub.storage.outcome_models import HubResult
from jamsos_desktop.ui.hub_window import HubWindow
from tests.ui.conftest import Boxes, boxes, sync_tasks  # noqa: F401  (tasks inline; message boxes recorded)

from .conftest import PASSWORD
from .outcome_rows import add_villages, add_worker

A, B = "32.04.05.2005", "32.04.05.2006"
NIK = "3204055002850001"


def _pair(hub: Hub, clerk: Actor) -> tuple[int, dict[str, str]]:
    """One person nominated by villages A and B: the candidate's id, and each village's nomination."""
    rows = add_villages(hub)
    noms = {}
    for v in (A, B):
        _, nid = add_worker(hub, rows, v, nik=NIK, name="Siti Aminah", birth=dt.date(1985, 2, 10))
        assert nid is not None
        noms[v] = nid
    duplicates.detect(hub, clerk)
    (cand,) = duplicates.list_duplicates(hub)
    return cand.id, noms


def _answers(hub: Hub) -> dict[str, str | None]:
    with hub.reading() as s:
        return {r.village_code: r.outcome for r in s.execute(select(HubResult)).scalars()}


def _sheet(hub: Hub) -> set[str]:
    with hub.reading() as s:
        return {r["village_code"] for r in outcomes.sheet_rows(s)}


def test_the_newest_decision_is_what_the_sheet_and_the_returns_follow(hub: Hub, clerk: Actor) -> None:
    cid, noms = _pair(hub, clerk)
    assert _sheet(hub) == set()  # undecided: neither is sent to BPJS
    duplicates.resolve(hub, clerk, cid, keep=A)
    assert _answers(hub) == {B: "duplicate"} and _sheet(hub) == {A}

    changed = duplicates.resolve(hub, clerk, cid, keep=B, reason="KTP asli dilihat: tinggal di desa B")
    assert (changed.status, changed.kept_village, changed.decided_by) == ("kept", B, "clerk")
    assert _answers(hub) == {A: "duplicate"} and _sheet(hub) == {B}
    with hub.reading() as s:
        (answer,) = s.execute(select(HubResult)).scalars()
        assert "(32.04.05.2006)" in answer.reason and "KTP asli" in answer.reason
        assert answer.returned_seq is None  # the next return file carries it

    duplicates.resolve(hub, clerk, cid, not_duplicate=True, reason="ternyata kembar, tanggal lahir sama")
    assert _answers(hub) == {} and _sheet(hub) == {A, B}

    history = duplicates.decision_history(hub, cid)
    assert [(h.status, h.kept_village) for h in history] == [("kept", A), ("kept", B), ("not_duplicate", None)]
    assert [h.withdrawn for h in history] == [0, 1, 1]
    assert history[-1].reason == "ternyata kembar, tanggal lahir sama"
    assert all(h.username == "clerk" for h in history)
    with hub.reading() as s:
        chain = s.execute(select(models.HubAudit).order_by(models.HubAudit.seq)).scalars().all()
    assert [e.prev_hash for e in chain[1:]] == [e.hash for e in chain[:-1]]
    assert noms  # the villages' nominations themselves were never touched


def test_only_the_head_or_the_same_clerk_changes_a_decision_and_with_a_reason(hub: Hub, clerk: Actor) -> None:
    cid, _ = _pair(hub, clerk)
    duplicates.resolve(hub, clerk, cid, keep=A)
    other = hub_users.add_user(hub, clerk, username="rina", full_name="Rina", role="clerk", password=PASSWORD)
    head = hub_users.add_user(hub, clerk, username="kepala", full_name="Kepala", role="head", password=PASSWORD)
    with pytest.raises(UserError, match="wajib diisi untuk mengubah keputusan") as no_reason:
        duplicates.resolve(hub, clerk, cid, keep=B)  # no reason
    assert "--" not in no_reason.value.message()  # the window shows it: no command-line option in it
    with pytest.raises(UserError, match="hanya dia atau kepala kantor"):
        duplicates.resolve(hub, other, cid, keep=B, reason="salah pilih")
    with pytest.raises(UserError, match="sudah diputuskan begitu"):
        duplicates.resolve(hub, clerk, cid, keep=A, reason="sama saja")
    assert _answers(hub) == {B: "duplicate"}  # nothing half-applied
    done = duplicates.resolve(hub, head, cid, keep=B, reason="diperiksa kepala kantor")
    assert done.decided_by == "kepala" and _answers(hub) == {A: "duplicate"}
    # the head's decision now: the first clerk is no longer its author
    with pytest.raises(UserError, match="hanya dia atau kepala kantor"):
        duplicates.resolve(hub, clerk, cid, keep=A, reason="kembali")


def test_an_answer_already_returned_is_taken_back_and_said_so(hub: Hub, clerk: Actor) -> None:
    """The village got "duplicate" already: the answer is taken back all the same (the newest
    decision wins), and the audit says that one had gone out."""
    cid, noms = _pair(hub, clerk)
    duplicates.resolve(hub, clerk, cid, keep=A)
    at = dt.datetime(2026, 11, 20, 9, 0)
    with hub.store.write(None) as s:
        s.execute(update(HubResult).values(returned_seq=1, bpjs_sheet_at=at))
    duplicates.resolve(hub, clerk, cid, not_duplicate=True, reason="dua orang")
    with hub.reading() as s:
        (row,) = s.execute(select(HubResult)).scalars()
        assert (row.village_code, row.outcome, row.bpjs_sheet_at) == (B, None, at)  # the sheet's mark stays
        last = s.execute(select(models.HubAudit).order_by(models.HubAudit.seq.desc()).limit(1)).scalar_one()
    assert last.after is not None and last.after["withdrawn_returned"] == 1 and last.after["changed"] is True
    assert noms[B] == row.nomination_id


def test_a_decision_whose_kept_person_bpjs_registered_stays(hub: Hub, clerk: Actor) -> None:
    """Once BPJS registered the kept village's person (a KPJ), the decision cannot move to the
    other village nor become "two people": the registered village would be told "duplicate" of
    a registered person. Refused, saying who registered them and what to do; nothing changes."""
    cid, noms = _pair(hub, clerk)
    cand = duplicates.resolve(hub, clerk, cid, keep=A)
    worker_of_a = cand.worker_a if cand.village_a == A else cand.worker_b
    kept_name = cand.village_name_a if cand.village_a == A else cand.village_name_b
    assert kept_name and cand.status_text() == f"ganda, dipertahankan di {kept_name}"  # the list says where
    assert cand.status_text("en") == f"duplicate, kept in {kept_name}"
    with hub.store.write(None) as s:
        outcomes.put_results(
            s,
            [
                {
                    "village_code": A,
                    "nomination_id": noms[A],
                    "worker_id": worker_of_a,
                    "outcome": "registered",
                    "kpj": "24000000023",
                    "coverage_start": dt.date(2027, 1, 1),
                    "coverage_end": dt.date(2027, 12, 31),
                    "reason": "",
                    "source": "hasil.xlsx",
                    "recorded_at": dt.datetime(2026, 12, 1, 9, 0),
                    "recorded_by": "clerk",
                }
            ],
        )
    before = _answers(hub)
    for change in ({"keep": B}, {"not_duplicate": True}):
        with pytest.raises(UserError, match="sudah terdaftar di BPJS") as refused:
            duplicates.resolve(hub, clerk, cid, reason="salah pilih", **change)  # type: ignore[arg-type]
        assert "24000000023" in refused.value.message() and "kantor cabang BPJS" in refused.value.message()
    assert _answers(hub) == before == {A: "registered", B: "duplicate"}
    assert [h.kept_village for h in duplicates.decision_history(hub, cid)] == [A]


def test_the_command_line_changes_a_decision_and_shows_its_history(
    hub_url: str,
    hub: Hub,
    clerk: Actor,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("JAMSOS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JAMSOS_HUB_PASSWORD", PASSWORD)
    cid, _ = _pair(hub, clerk)
    base = ["hub", "--db", hub_url, "--user", "clerk"]
    assert main([*base, "resolve", str(cid), "--keep", A]) == 0
    capsys.readouterr()
    assert main([*base, "resolve", str(cid), "--keep", B]) == 1
    assert "--reason" in capsys.readouterr().err
    assert main([*base, "resolve", str(cid), "--keep", B, "--reason", "salah desa"]) == 0
    assert B in capsys.readouterr().out
    assert main([*base, "duplicates", "--history", str(cid), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["candidate"]["kept_village"] == B
    assert [(d["kept_village"], d["reason"]) for d in out["decisions"]] == [(A, ""), (B, "salah desa")]
    assert main([*base, "duplicates", "--history", str(cid)]) == 0
    text = capsys.readouterr().out
    assert "salah desa" in text and "(berlaku)" in text.splitlines()[-1]
    assert main([*base, "duplicates", "--history", "999"]) == 1


@pytest.mark.gui
def test_the_window_changes_a_decision_with_its_reason_and_shows_the_history(
    qtbot: QtBot,
    hub: Hub,
    clerk: Actor,
    boxes: Boxes,  # noqa: F811
) -> None:
    cid, _ = _pair(hub, clerk)
    win = HubWindow(hub)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    win.enter(clerk)
    asked: list[str] = []
    answers = iter(["", "tinggal di desa B"])

    def reason(_title: str, label: str) -> str:
        asked.append(label)
        return next(answers)

    win.ask_reason = reason  # type: ignore[method-assign]
    confirmed: list[str] = []
    answers_yes = iter([False, True])

    def confirm(_title: str, text: str) -> bool:
        confirmed.append(text)
        return next(answers_yes)

    win.confirm = confirm  # type: ignore[method-assign]
    win.duplicates.selectRow(0)
    # The two people side by side: the same birth date and name, the villages named.
    shown = win.compare.text()
    assert "10-02-1985" in shown and "Siti Aminah" in shown and "sama" in shown
    assert NIK not in shown  # masked, as in the list
    win.resolve_selected(keep="a")  # a first decision is said in full and can be declined
    assert _answers(hub) == {} and "'ganda'" in confirmed[0] and "Siti Aminah" in confirmed[0]
    win.duplicates.selectRow(0)
    win.resolve_selected(keep="a")
    assert asked == []  # a first decision to keep one village needs no reason
    assert _answers(hub) == {B: "duplicate"}
    assert len(confirmed) == 2  # a change of decision asks its reason instead
    win.duplicates.selectRow(0)
    win.resolve_selected(keep="b")  # an empty reason: refused, said, nothing changed
    assert "clerk" in asked[0]
    assert any("alasan" in text.lower() for _k, _t, text in boxes.shown)
    assert _answers(hub) == {B: "duplicate"}
    win.duplicates.selectRow(0)
    win.resolve_selected(keep="b")
    assert _answers(hub) == {A: "duplicate"}
    win.duplicates.selectRow(0)
    win.show_history()
    text = boxes.shown[-1][2]
    assert "tinggal di desa B" in text and text.index(A) < text.index(B)
    assert len(duplicates.decision_history(hub, cid)) == 2
