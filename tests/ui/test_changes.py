"""What a write changed reaches the pages that show it: the one on screen at once, the others
when they are shown again (once, with everything that changed meanwhile), the page that asked
once; a page that does not show it reads nothing."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from jamsos_desktop.services import users
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.ui.main_window import MainWindow
from jamsos_desktop.ui.ops import CollectionOp, OpChanges
from jamsos_desktop.ui.settings import AppSettings

from .conftest import Boxes

pytestmark = pytest.mark.gui


def _told(win: MainWindow, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[OpChanges]]:
    """Builds every page and notes what each is told."""
    told: dict[str, list[OpChanges]] = {}
    for key in win.PAGES:
        page: Any = win.page(key)
        real = page.on_changes
        told[key] = []

        def note(changes: OpChanges, key: str = key, real: Any = real) -> None:
            told[key].append(changes)
            real(changes)

        monkeypatch.setattr(page, "on_changes", note)
    return told


def test_the_page_on_screen_is_told_at_once_and_the_others_when_shown(
    qtbot: QtBot,
    demo_workspace: Workspace,
    settings: AppSettings,
    passwords: None,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win = MainWindow(demo_workspace, users.find_user(demo_workspace, "admin"), settings)
    qtbot.addWidget(win)
    win.show()
    told = _told(win, monkeypatch)
    win.go("settings")
    asker = win.page("nominations")
    CollectionOp(asker, lambda: None, changes=OpChanges(nominations=True)).run()
    CollectionOp(asker, lambda: None, changes=OpChanges(program=True)).run()
    assert told["nominations"] == [OpChanges(nominations=True), OpChanges(program=True)]  # the asker, once each
    assert told["settings"] == [OpChanges(nominations=True), OpChanges(program=True)]  # on screen
    assert told["dashboard"] == [] and told["sync"] == []  # not on screen: later
    win.go("dashboard")
    assert told["dashboard"] == [OpChanges(nominations=True, program=True)]  # both, in one
    win.go("settings")
    win.go("dashboard")
    assert len(told["dashboard"]) == 1  # nothing new since
    win.go("sync")
    assert told["sync"] == [OpChanges(nominations=True, program=True)]


def test_a_page_refreshes_only_for_what_it_shows(
    qtbot: QtBot,
    demo_workspace: Workspace,
    settings: AppSettings,
    passwords: None,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win = MainWindow(demo_workspace, users.find_user(demo_workspace, "admin"), settings)
    qtbot.addWidget(win)
    win.show()
    refreshed: dict[str, int] = {}
    for key in win.PAGES:
        page: Any = win.page(key)
        refreshed[key] = 0

        def counted(key: str = key) -> None:
            refreshed[key] += 1

        monkeypatch.setattr(page, "refresh", counted)
    shows = {
        "dashboard": {"workers", "nominations", "program", "village"},
        "workers": {"workers", "nominations"},
        "nominations": {"workers", "nominations", "assessments", "program"},
        "documents": {"workers", "nominations"},
        "sync": {"sync", "workers", "nominations"},
        "settings": {"village", "program", "users"},
    }
    for kind in ("workers", "nominations", "assessments", "program", "village", "users", "sync", "drafts"):
        for key in win.PAGES:
            before = dict(refreshed)
            win.page(key).on_changes(OpChanges(**{kind: True}))  # type: ignore[attr-defined]
            assert (refreshed[key] - before[key] == 1) is (kind in shows[key]), (key, kind)
