"""Wherever the quota is shown (Ringkasan, Nominasi), the pagu's bound is shown with it, and a warning
when the nominations cost more than the pagu, in both languages; by declared income without a pagu
the bar states what is committed, not the lowest band's cost of the quota."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import nominations, users, village
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import i18n
from jamsos_desktop.ui.chart import QuotaBar
from jamsos_desktop.ui.pages.dashboard import DashboardPage, quota_note, show_quota
from jamsos_desktop.ui.pages.nominations import NominationsPage

pytestmark = pytest.mark.gui

BOUND = {"id": "Pagu Rp15.000.000 cukup untuk 74 orang (kuota 100).", "en": "enough for 74 people (quota 100)"}
WARNING = {"id": "PERINGATAN: usulan melebihi pagu", "en": "WARNING: the nominations exceed the budget ceiling"}


@pytest.fixture(params=["id", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    assert i18n.apply_language(str(request.param))
    yield str(request.param)
    i18n.apply_language("id")


def test_both_pages_show_what_the_pagu_pays_for(qtbot: QtBot, workspace: Workspace, lang: str) -> None:
    admin = users.add_user(
        workspace,
        users.find_user(workspace, "operator"),
        username="admin",
        full_name="A",
        role="admin",
        password="rahasia-123",
    )
    # 15,000,000 at the lowest band (Rp16.800 × 12 months = Rp201.600 a place) pays for 74 of the 100.
    village.update_program(workspace, admin, budget_ceiling=15_000_000)
    dash = DashboardPage(workspace, lambda: admin)
    noms = NominationsPage(workspace, lambda: admin)
    for page in (dash, noms):
        qtbot.addWidget(page)
        page.show()
        assert BOUND[lang] in page.quota_note.text(), page  # type: ignore[attr-defined]
        assert WARNING[lang] not in page.quota_note.text()  # type: ignore[attr-defined]
    assert ("dari" in dash.quota_bar.text) == (lang == "id")


def test_over_the_pagu_is_a_warning_and_no_pagu_says_nothing(qtbot: QtBot, workspace: Workspace, lang: str) -> None:
    q = nominations.quota_summary(workspace)
    bar, note = QuotaBar(), quota_note()
    qtbot.addWidget(bar)
    qtbot.addWidget(note)
    show_quota(bar, q, note)
    assert note.isHidden() and note.text() == ""
    # A pagu that the nominations outgrew (e.g. months raised after approval): the committed money is above it.
    over = replace(q, counted=10, budget_used=2_016_000, budget_ceiling=1_000_000)
    show_quota(bar, over, note)
    assert (
        not note.isHidden()
        and WARNING[lang] in note.text()
        and ("Rp1.016.000" if lang == "id" else "Rp1,016,000") in note.text()
    )
    assert note.property("overBudget") is True


def test_by_declared_income_without_a_pagu_the_bar_says_what_is_committed(
    qtbot: QtBot, workspace: Workspace, lang: str
) -> None:
    q = replace(
        nominations.quota_summary(workspace), contribution_mode="declared_income", counted=3, budget_used=900_000
    )
    bar = QuotaBar()
    qtbot.addWidget(bar)
    show_quota(bar, q)
    assert bar.text == ("3 / 100 — terpakai Rp900.000" if lang == "id" else "3 / 100 — Rp900,000 committed")
