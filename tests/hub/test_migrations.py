"""The hub's migrations, as the village's: a committed hub of every schema before the newest
(tests/fixtures/hub/hub_schema_<rev>.sqlite: three villages imported, a clerk, the keys), each
opened by today's code, backed up first when it is older, and its villages still there."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jamsos_desktop.hub import keys
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.status import hub_status
from jamsos_desktop.hub.storage.db import HEAD_REVISION, VERSION_TABLE, current_revision, known_revisions

from .conftest import KEY_PASSPHRASE
from .villages import A, B, C

FIXTURES = Path(__file__).parents[1] / "fixtures" / "hub"
SCHEMAS = sorted(p.name for p in FIXTURES.glob("hub_schema_*.sqlite"))


def _rev(name: str) -> str:
    return name.removeprefix("hub_schema_").removesuffix(".sqlite")


def test_there_is_a_fixture_of_every_schema_before_the_newest() -> None:
    """A new migration needs the hub of the schema before it committed here (make it with the
    code of that revision: a SQLite hub with the three test villages imported)."""
    have = {_rev(n) for n in SCHEMAS}
    assert known_revisions() - {HEAD_REVISION} <= have
    assert have <= known_revisions()


@pytest.mark.parametrize("fixture", SCHEMAS)
def test_every_committed_schema_opens_with_its_villages(tmp_path: Path, fixture: str) -> None:
    rev = _rev(fixture)
    path = tmp_path / "hub.sqlite"
    shutil.copy(FIXTURES / fixture, path)
    hub = Hub.open(f"sqlite:///{path}", create=False)
    try:
        assert current_revision(hub.store.engine) == HEAD_REVISION
        if rev != HEAD_REVISION:
            backups = list((tmp_path / "backups").glob(f"*hub-{rev}.sqlite"))
            assert len(backups) == 1
            with sqlite3.connect(backups[0]) as old:
                assert old.execute(f"select version_num from {VERSION_TABLE}").fetchone() == (rev,)
        st = hub_status(hub)
        assert [v.code for v in st.villages] == [A, B, C]
        assert st.regency.workers > 0 and all(v.missing == () for v in st.villages)
        assert keys.district_keys(hub, KEY_PASSPHRASE).public.fingerprint == keys.key_info(hub).fingerprint
    finally:
        hub.close()
