"""The ranked candidates: a row's cells are made when it comes into view (10,000 assessed workers
make 2,000 rows, of which a screenful is seen), every row is still there to select and propose,
and proposing from a current assessment brings only the proposed rows up to date."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import assessment, overview
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui.pages.nominations import NominationsPage

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot, ws: Workspace, operator: Actor) -> NominationsPage:
    assessment.assess(ws, operator)
    page = NominationsPage(ws, lambda: operator)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    page.tabs.setCurrentIndex(1)
    qtbot.wait(10)
    return page


def test_rows_get_their_cells_as_they_come_into_view(qtbot: QtBot, demo_workspace: Workspace, operator: Actor) -> None:
    page = _page(qtbot, demo_workspace, operator)
    t = page.candidates
    ranked = overview.candidates(demo_workspace)
    assert t.rowCount() == len(ranked) > 60
    assert t.item(0, 1).text() == ranked[0].name
    last = t.rowCount() - 1
    assert t.item(last, 0) is None  # far out of view: not made
    t.scrollToBottom()
    qtbot.waitUntil(lambda: t.item(last, 0) is not None)
    assert t.item(last, 0).text() == str(ranked[last].rank)
    assert t.item(last, 1).text() == ranked[last].name


def test_every_row_can_be_selected_whether_seen_or_not(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor
) -> None:
    page = _page(qtbot, demo_workspace, operator)
    page.candidates.selectAll()
    assert page._selected(page.candidates) == [c.worker_id for c in overview.candidates(demo_workspace)]


def test_proposing_by_a_current_ranking_updates_only_the_proposed_rows(
    qtbot: QtBot, demo_workspace: Workspace, operator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, demo_workspace, operator)
    whole: list[int] = []
    real = page.refresh
    monkeypatch.setattr(page, "refresh", lambda: (whole.append(1), real())[1])
    page.fill_quota()
    assert whole == []  # the ranking was current: not read again
    proposed = statuses.label(statuses.PROPOSED)
    fresh = overview.candidates(demo_workspace)
    for r, c in enumerate(fresh):
        item = page.candidates.item(r, 6)
        if item is not None:
            assert item.text() == statuses.label(c.status), (r, c.status)
    assert page.candidates.item(0, 6).text() == proposed
    assert page.table.rowCount() == sum(c.status == statuses.PROPOSED for c in fresh)
    assert "pekerja diusulkan sesuai peringkat" in page.candidate_info.text()
