"""Shared fixtures: a village workspace in a temporary data directory, empty or with demo workers."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from jamsos_desktop.domain.text import set_language
from jamsos_desktop.services import demo, users, village
from jamsos_desktop.services.context import Actor, Workspace

VILLAGE = "32.04.05.2005"  # Cibiru Hilir, Kec. Cileunyi, Kabupaten Bandung
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _indonesian_messages() -> Iterator[None]:
    """The message language is process-wide (``--lang en`` sets it): every test starts in Indonesian."""
    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    ws = Workspace.open(data_dir, create=True)
    village.init_village(
        ws,
        code=VILLAGE,
        head_name="H. Dadang Suherman",
        operator_name="Rina Marlina",
        office_address="Jl. Raya Cibiru No. 1",
        year=2026,
    )
    yield ws
    ws.close()


@pytest.fixture
def operator(workspace: Workspace) -> Actor:
    return users.default_actor(workspace)


@pytest.fixture
def head(workspace: Workspace) -> Actor:
    return users.default_actor(workspace, approving=True)


@pytest.fixture
def demo_workspace(workspace: Workspace, operator: Actor) -> Workspace:
    """200 demo workers, deterministic."""
    demo.generate(workspace, operator, 200, seed=7, today=TODAY)
    return workspace
