"""UI fixtures: tasks run inline, message boxes are recorded instead of shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from jamsos_desktop.services import accounts
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.ui import tasks
from jamsos_desktop.ui.settings import AppSettings

PASSWORD = "rahasia-123"


@pytest.fixture(autouse=True)
def sync_tasks(monkeypatch: pytest.MonkeyPatch) -> Iterator[tasks.SyncRunner]:
    from jamsos_desktop.ui import worker_model

    # Inline tasks and no pause before counting: each search is complete when the call returns.
    # (tests/ui/test_workers.py checks the pause itself with a real timer.)
    monkeypatch.setattr(worker_model, "SETTLE_MS", 0)
    r = tasks.SyncRunner()
    tasks.set_runner(r)
    yield r
    tasks.set_runner(None)


class Boxes:
    """Every QMessageBox shown, with the answer the test chose."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Ok

    def record(self, kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
            self.shown.append((kind, title, text))
            return self.answer

        return show


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    b = Boxes()
    for kind in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(b.record(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(b.record("about")))
    return b


@pytest.fixture
def input_text(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers for QInputDialog.getText, in order."""
    answers: list[str] = []

    def get_text(*_args: Any, **_kwargs: Any) -> tuple[str, bool]:
        return (answers.pop(0), True) if answers else ("", False)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return answers


@pytest.fixture
def settings(data_dir: Path) -> AppSettings:
    data_dir.mkdir(parents=True, exist_ok=True)
    return AppSettings(data_dir)


@pytest.fixture
def passwords(workspace: Workspace) -> None:
    from jamsos_desktop.services import users

    admin = users.add_user(
        workspace,
        Actor(None, "t", "t", "admin"),
        username="admin",
        full_name="Admin Desa",
        role="admin",
        password=PASSWORD,
    )
    accounts.set_password(workspace, admin, "operator", PASSWORD)
    accounts.set_password(workspace, admin, "kepala", PASSWORD)
