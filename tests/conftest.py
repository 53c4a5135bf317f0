"""Shared fixtures: a village workspace in a temporary data directory, empty or with demo workers.

Migrating a database and setting the village up costs more than most tests that use it, so
each kind of workspace is built once per session (a template) and every test gets a copy of
the file of its own: what one test changes, no other test sees.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The databases are encrypted as in real use, with a cheap key derivation (the real cost is a
# setting measured in bench/), and the command line gets its passwords the scripted way; set for
# the subprocesses that tests start too.
os.environ.setdefault("JAMSOS_KDF_COST", "1:8:1")
os.environ.setdefault("JAMSOS_PASSWORD", "sandi-uji-2026")
os.environ.setdefault("JAMSOS_HEAD_PASSWORD", "sandi-uji-2026")

from jamsos_desktop import paths
from jamsos_desktop.domain.text import set_language
from jamsos_desktop.services import accounts, demo, users, village
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver, keyring

#: Every account the fixtures make has this password; the command line reads it as scripts do.
TEST_PASSWORD = "sandi-uji-2026"
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


def set_up_village(ws: Workspace) -> None:
    village.init_village(
        ws,
        code=VILLAGE,
        head_name="H. Dadang Suherman",
        operator_name="Rina Marlina",
        office_address="Jl. Raya Cibiru No. 1",
        year=2026,
    )


def add_demo(ws: Workspace) -> None:
    """200 demo workers, deterministic."""
    demo.generate(ws, users.default_actor(ws), 200, seed=7, today=TODAY)


def build_template(root: Path, *steps: Callable[[Workspace], None]) -> Path:
    """A database file made by ``steps`` on a fresh workspace, its log folded into the file.

    The file is encrypted as every new one is; its accounts have no passwords yet (the first-run
    wizard is still due), so the key file beside it still has its set-up slot, and the first
    password a test sets takes it away, as in real use."""
    ws = Workspace.open(root, create=True)
    try:
        for step in steps:
            step(ws)
        key = ws.db.key
    finally:
        ws.close()
    db = paths.db_path(root)
    driver.checkpoint(db, key)
    return db


def open_as(data_dir: Path, username: str = "operator", password: str = TEST_PASSWORD) -> Workspace:
    """The workspace in ``data_dir`` unlocked with a person's password, as the app and the command
    line do (a database still in its first-run set-up opens without one)."""
    if accounts.is_locked(data_dir):
        return accounts.unlock(data_dir, username, password)
    return Workspace.open(data_dir)


@pytest.fixture(scope="session")
def village_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("template-village"), set_up_village)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("template-demo"), set_up_village, add_demo)


def open_copy(template: Path, data_dir: Path) -> Workspace:
    """A workspace on a copy of the template: a file of its own, nothing shared with the template."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = paths.db_path(data_dir)
    shutil.copyfile(template, db)
    if keyring.key_path(template).exists():
        shutil.copyfile(keyring.key_path(template), keyring.key_path(db))
    return open_as(data_dir)


@pytest.fixture
def workspace(data_dir: Path, request: pytest.FixtureRequest) -> Iterator[Workspace]:
    # A test that asks for the demo workers (directly or through another fixture) gets them in
    # the same workspace that ``workspace``, ``operator`` and ``head`` hand out.
    name = "demo_template" if "demo_workspace" in request.fixturenames else "village_template"
    ws = open_copy(request.getfixturevalue(name), data_dir)
    yield ws
    ws.close()


@pytest.fixture
def operator(workspace: Workspace) -> Actor:
    return users.default_actor(workspace)


@pytest.fixture
def head(workspace: Workspace) -> Actor:
    return users.default_actor(workspace, approving=True)


@pytest.fixture
def demo_workspace(workspace: Workspace) -> Workspace:
    """200 demo workers, deterministic (copied with the workspace from the demo template)."""
    return workspace
