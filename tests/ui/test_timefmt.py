"""Stored times are UTC; screens show the laptop's clock (a village in Bandung reads WIB)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import assessment, nominations, overview, users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui import timefmt


@pytest.fixture
def wib(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Jakarta")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_is_the_laptops_clock(wib: None) -> None:
    assert timefmt.local(dt.datetime(2026, 11, 21, 1, 30)) == "21-11-2026 08:30"


def test_status_history_shows_local_time(qtbot: QtBot, demo_workspace: Workspace, wib: None) -> None:
    from jamsos_desktop.ui.pages.nominations import NominationsPage

    op = users.find_user(demo_workspace, "operator")
    assessment.assess(demo_workspace, op)
    first = overview.candidates(demo_workspace)[0].worker_id
    nominations.nominate(demo_workspace, op, [first])
    page = NominationsPage(demo_workspace, lambda: op)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    (event,) = overview.history(demo_workspace, first)
    assert page.history.toPlainText().startswith(timefmt.local(event.at))
    assert timefmt.local(event.at) != f"{event.at:%d-%m-%Y %H:%M}"  # WIB is UTC+7


def test_an_aware_time_and_seconds(wib: None) -> None:
    assert timefmt.local(dt.datetime(2026, 11, 21, 1, 30, 5, tzinfo=dt.UTC), seconds=True) == "21-11-2026 08:30:05"


def test_no_screen_message_or_listing_formats_a_stored_time_itself() -> None:
    """The class: a time written with strftime or an f-string format of its own shows UTC (the
    district's "sudah diimpor 15:26 UTC", the backup list, the audit trail); every one goes
    through ``domain.times.local``."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "jamsos_desktop"
    clock = re.compile(r"%H:%M")
    found = [
        f"{p.relative_to(root)}:{n}"
        for p in sorted(root.rglob("*.py"))
        if p.name != "times.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if clock.search(line)
    ]
    assert found == []
