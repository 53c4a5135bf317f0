"""Success looks like success: the quota bar at exactly its goal is green, proposing leaves no
"outdated" warning behind, a decision says what it did, and a blank decline reason asks again."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import nominations, users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui.chart import QUOTA_FILLING, QUOTA_OVER, QUOTA_REACHED, QuotaBar
from jamsos_desktop.ui.pages.nominations import NominationsPage

from .conftest import Boxes

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("used", "quota", "state", "colour"),
    [
        (0, 60, "filling", QUOTA_FILLING),
        (59, 60, "filling", QUOTA_FILLING),
        (60, 60, "reached", QUOTA_REACHED),
        (1, 1, "reached", QUOTA_REACHED),
        (61, 60, "over", QUOTA_OVER),
        (200, 100, "over", QUOTA_OVER),
    ],
)
def test_the_quota_bar_is_red_only_beyond_the_quota(
    qtbot: QtBot, used: int, quota: int, state: str, colour: str
) -> None:
    bar = QuotaBar()
    qtbot.addWidget(bar)
    bar.resize(400, 30)
    bar.set_values(used, quota, f"{used} / {quota}")
    assert bar.state == state
    if used:
        painted = bar.grab().toImage().pixelColor(6, 15)
        assert painted == QColor(colour)
    red = QColor(QUOTA_OVER)
    assert (QColor(bar.colour) == red) is (used > quota)


def _page(qtbot: QtBot, ws: Workspace, username: str) -> NominationsPage:
    actor = users.find_user(ws, username)
    p = NominationsPage(ws, lambda: actor)
    qtbot.addWidget(p)
    p.show()
    return p


def test_proposing_to_the_quota_leaves_no_outdated_warning_and_decisions_say_what_they_did(
    qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes, input_text: list[str]
) -> None:
    op = _page(qtbot, demo_workspace, "operator")
    op.assess_all()
    op.fill_quota()
    q = nominations.quota_summary(demo_workspace)
    assert q.counted == q.quota
    assert op.quota_bar.state == "reached"
    op.refresh()
    assert "usang" not in op.candidate_info.text()

    head = _page(qtbot, demo_workspace, "kepala")
    head.table.selectRow(0)
    head.approve_selected()
    assert "1 usulan disetujui" in head.decision_note.text()
    boxes.answer = boxes.answer.Yes
    head.status_filter.setCurrentIndex(head.status_filter.findData(statuses.PROPOSED))
    head.approve_all()
    assert f"{q.quota - 1} usulan disetujui" in head.decision_note.text()


def test_a_blank_decline_reason_asks_again_with_the_message(
    qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes, input_text: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    nominations.nominate_ranked(demo_workspace, users.find_user(demo_workspace, "operator"), limit=3)
    head = _page(qtbot, demo_workspace, "kepala")
    labels: list[str] = []
    from PySide6.QtWidgets import QInputDialog

    answers = ["   ", "", "Pindah domisili"]

    def get_text(_parent: object, _title: str, label: str, *_a: object, **_k: object) -> tuple[str, bool]:
        labels.append(label)
        return answers.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    head.table.selectRow(0)
    head.decline_selected()
    # Asked three times: the two blank answers brought the question back, saying what was missing.
    assert len(labels) == 3
    assert "wajib" in labels[1].split("\n")[0].lower() and "wajib" in labels[2].split("\n")[0].lower()
    assert nominations.quota_summary(demo_workspace).by_status[statuses.DECLINED] == 1
    assert "1 usulan ditolak" in head.decision_note.text()


def test_reassessing_and_proposing_run_on_the_write_queue_with_progress(
    qtbot: QtBot, demo_workspace: Workspace, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither freezes the window: both run off the GUI thread on the one writer, with a
    progress window (after its delay) that names what is being done."""
    from jamsos_desktop.ui import tasks

    asked: list[tuple[bool, str, bool]] = []

    class Watching(tasks.SyncRunner):
        def run(self, fn: object, on_done: object, on_error: object, **kw: object) -> tasks.TaskHandle:
            asked.append((bool(kw.get("exclusive")), str(kw.get("title") or ""), bool(kw.get("quiet"))))
            return super().run(fn, on_done, on_error, **kw)  # type: ignore[arg-type]

    tasks.set_runner(Watching())
    op = _page(qtbot, demo_workspace, "operator")
    asked.clear()
    op.assess_all()
    op.fill_quota()
    writes = [a for a in asked if a[0]]
    assert len(writes) == 2
    assert all(title and not quiet for _w, title, quiet in writes)
    assert nominations.quota_summary(demo_workspace).counted == 100
