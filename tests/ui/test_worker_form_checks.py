"""The worker form's check as the person types: one round of look-ups, on a pool thread, one
check in flight at most, and answers for values or a form that changed since are dropped."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import identity
from jamsos_desktop.services import workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.services.rows import WorkerRow
from jamsos_desktop.services.workers import WorkerQuery
from jamsos_desktop.ui import tasks

from .conftest import Boxes, Held, sql_statements
from .test_workers import GOOD_NIK, page, type_into

pytestmark = pytest.mark.gui

BAD_NIK = "3204051508950000"  # serial 0000: not a NIK


def first_worker(ws: Workspace) -> WorkerRow:
    return workers.list_workers(ws, WorkerQuery(limit=1))[0]


def test_a_typed_check_runs_no_sql_on_the_gui_thread(
    qtbot: QtBot, demo_workspace: Workspace, thread_pool: list[BaseException]
) -> None:
    existing = first_worker(demo_workspace)
    p = page(qtbot, demo_workspace)
    p.new_worker()
    f = p.form
    qtbot.waitUntil(lambda: not tasks.running(), timeout=5000)
    with sql_statements(demo_workspace) as seen:
        type_into(qtbot, p, "nik", existing.nik)  # the check follows the typing pause
        qtbot.waitUntil(lambda: f.duplicate.isVisibleTo(f), timeout=5000)
        qtbot.waitUntil(lambda: not tasks.running(), timeout=5000)
    assert seen and not any(on_gui for on_gui, _ in seen), seen
    assert thread_pool == []
    # The link names the record already holding that NIK, once: not the message again.
    assert f"<a href='worker:{existing.id}'>buka data {existing.name}</a>" in f.duplicate.text()
    assert existing.name not in f.messages["nik"].text()
    assert "Dari NIK: lahir" in f.nik_info.text()


def test_one_round_of_look_ups_per_check(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = first_worker(demo_workspace)
    p = page(qtbot, demo_workspace)
    p.new_worker()
    f = p.form
    f.set_values(f.row_values(existing))  # a second record of the same person
    type_into(qtbot, p, "notes", "lagi")
    checks: list[str] = []
    real_check = identity.check_nik
    monkeypatch.setattr(identity, "check_nik", lambda raw, **kw: (checks.append(raw), real_check(raw, **kw))[1])
    looked_up: list[str] = []
    monkeypatch.setattr(workers, "get_worker", lambda _ws, ref: looked_up.append(ref))
    with sql_statements(demo_workspace) as seen:
        f.check_soon()
    # One session: the village, the record with that NIK, the same name and birth date.
    assert len(seen) == 4
    assert checks == [existing.nik] and looked_up == []
    assert f"worker:{existing.id}" in f.duplicate.text() and f.duplicate.isVisibleTo(f)
    assert existing.name in f.duplicate.text()


def test_an_answer_for_text_typed_over_is_dropped_and_the_newest_is_checked(qtbot: QtBot, workspace: Workspace) -> None:
    p = page(qtbot, workspace)
    p.new_worker()
    f = p.form
    held = Held()
    tasks.set_runner(held)
    type_into(qtbot, p, "nik", BAD_NIK)
    f.check_soon()
    assert [exclusive for *_job, exclusive in held.jobs] == [False]  # a read: not the write queue
    f.fields["nik"].setText(GOOD_NIK)
    f.check_soon()
    assert len(held.jobs) == 1  # one in flight at most: the newest waits for it
    held.step()  # the answer for the NIK typed over: nothing of it shows
    assert f.messages["nik"].text() == "" and f.nik_info.text() == ""
    assert len(held.jobs) == 1  # ... and the newest text is asked for next
    held.step()
    assert f.messages["nik"].text() == ""
    assert "Cileunyi" in f.nik_info.text() and "15-08-1995" in f.nik_info.text()
    assert f.use_nik.isVisibleTo(f)
    assert held.jobs == []
    # Typed over before its own pause: the answer is dropped, and the pause will ask again.
    f.check_soon()
    f.fields["nik"].setText(BAD_NIK)
    held.step()
    assert "Cileunyi" in f.nik_info.text() and f.messages["nik"].text() == ""
    assert held.jobs == [] and f._check_timer.isActive()
    f._check_timer.timeout.emit()
    held.step()
    assert "0000" in f.messages["nik"].text()


def test_enter_checks_at_once_and_a_check_still_in_flight_changes_nothing_after(
    qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes
) -> None:
    existing = first_worker(demo_workspace)
    p = page(qtbot, demo_workspace)
    p.new_worker()
    f = p.form
    held = Held()
    tasks.set_runner(held)
    type_into(qtbot, p, "nik", GOOD_NIK)
    f.check_soon()  # in flight with a NIK nobody has ...
    f.fields["nik"].setText(existing.nik)
    f.save()  # ... while Enter checks the one already recorded, at once, and refuses
    assert boxes.shown and boxes.shown[-1][1] == "Belum bisa disimpan"
    assert existing.name in f.duplicate.text() and f.duplicate.isVisibleTo(f)
    assert [exclusive for *_job, exclusive in held.jobs] == [False]  # no write asked for
    f.fields["nik"].setText(GOOD_NIK)
    f.fields["nik"].setText(existing.nik)  # the same text again, but checked since by Enter
    held.step()
    assert existing.name in f.duplicate.text() and f.duplicate.isVisibleTo(f)
    assert workers.count_workers(demo_workspace) == 200


def test_answers_for_a_form_reloaded_or_put_away_change_nothing(qtbot: QtBot, demo_workspace: Workspace) -> None:
    existing = first_worker(demo_workspace)
    p = page(qtbot, demo_workspace)
    p.new_worker()
    f = p.form
    held = Held()
    tasks.set_runner(held)
    type_into(qtbot, p, "nik", existing.nik)
    f.check_soon()
    # Reloaded: the record itself opens while the new form's check is in flight.
    p.open_worker(existing.id)  # (the typed form is kept as a draft, through the write queue)
    held.step()  # the new form's answer (a duplicate of this very record): dropped
    assert not f.duplicate.isVisibleTo(f) and f.messages["nik"].text() == ""
    held.run_all()  # the draft, and the record's own check
    assert not f.duplicate.isVisibleTo(f) and "Dari NIK" in f.nik_info.text()
    # Put away (another page, a sign-out) with a check in flight: its answer changes nothing.
    f.fields["nik"].setText(BAD_NIK)
    f.check_soon()
    p.hide()
    held.step()
    assert f.messages["nik"].text() == "" and "Dari NIK" in f.nik_info.text()
    assert held.jobs == []  # nothing more asked while nobody sees it
    # Shown again, it checks what it holds.
    p.show()
    held.run_all()
    assert "0000" in f.messages["nik"].text()
    # Closed (back to the list) before the answer: nothing changes, nothing breaks.
    f.fields["nik"].setText(existing.nik)
    f.check_soon()
    p.show_list()
    held.run_all()
    assert "0000" in f.messages["nik"].text()


def test_a_failed_check_goes_to_the_crash_report(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = page(qtbot, workspace)
    p.new_worker()
    reported: list[BaseException] = []
    monkeypatch.setattr(tasks, "report_unexpected", reported.append)

    def broken(*_args: Any, **_kw: Any) -> Any:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(workers, "check_form", broken)
    p.form.fields["nik"].setText(GOOD_NIK)
    p.form.check_soon()
    assert [type(e) for e in reported] == [RuntimeError]
    monkeypatch.undo()
    p.form.check_soon()  # the next check is asked for as usual
    assert "Cileunyi" in p.form.nik_info.text()
