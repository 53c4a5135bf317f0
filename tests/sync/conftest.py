"""The district, played with the sync package itself, and a village with signed nominations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from jamsos_desktop.domain import statuses
from jamsos_desktop.services import keys, nominations, sync
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import driver
from jamsos_desktop.sync import district_return as dr
from jamsos_desktop.sync import keyfile
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.village_export import VillageExport, read_export


@dataclass
class District:
    """The district office: its keys, and the return files it writes."""

    keys: KeySet
    name: str = "Disnaker Kabupaten Bandung"
    return_seq: int = 0

    @property
    def public_file(self) -> bytes:
        return keyfile.public_key_file(self.keys.public, name=self.name, region_code="32.04")

    def open(self, data: bytes) -> VillageExport:
        return read_export(data, district_keys=self.keys)

    def answer(
        self,
        export: VillageExport,
        decide: Callable[[dict[str, object]], tuple[str, str]] | None = None,
        *,
        seq: int | None = None,
        only: Sequence[str] | None = None,
    ) -> bytes:
        """Answers every exported nomination in ``export``: registered unless ``decide`` says otherwise."""
        workers = {w["id"]: w for w in export.tables["workers"].records()}
        results = []
        for i, n in enumerate(export.tables["nominations"].records()):
            if n["status"] != statuses.EXPORTED or (only is not None and n["id"] not in only):
                continue
            outcome, reason = decide(n) if decide else (dr.REGISTERED, "")
            w = workers[n["worker_id"]]
            if outcome == dr.REGISTERED:
                extra = {
                    "kpj": f"{26000000000 + i:011d}",
                    "coverage_start": dt.date(2027, 1, 1),
                    "coverage_end": dt.date(2027, 12, 31),
                }
            else:
                extra = {"reason": reason}
            results.append(
                dr.Result(
                    nomination_id=n["id"],
                    worker_id=n["worker_id"],
                    outcome=outcome,
                    nomination_version=n["version"],
                    worker_version=w["version"],
                    export_seq=n["export_seq"],
                    **extra,  # type: ignore[arg-type]
                )
            )
        return self.write(export, results, seq=seq)

    def write(self, export: VillageExport, results: Sequence[dr.Result], *, seq: int | None = None) -> bytes:
        if seq is None:
            self.return_seq += 1
            seq = self.return_seq
        return dr.write_return(
            district_keys=self.keys,
            district_name=self.name,
            village_code=export.village_code,
            device_id=export.device_id,
            device_key=export.device_key,
            return_seq=seq,
            answers_export_seq=export.seq,
            results=results,
            app_version="hub-test",
        ).data


@pytest.fixture
def district() -> District:
    return District(keyfile.make_district_keys())


def trust(ws: Workspace, actor: Actor, district: District) -> None:
    info = keys.read_district_key(district.public_file)
    keys.import_district_key(ws, actor, district.public_file, info.fingerprint)


def sign_nominations(ws: Workspace, operator: Actor, head: Actor, count: int) -> list[str]:
    """Nominates the ``count`` best-ranked workers and takes them to *signed*; returns nomination ids."""
    changed = nominations.nominate_ranked(ws, operator, limit=count)
    nominations.approve(ws, head)
    ids = [n.id for n in changed.nominations]
    with ws.unit_of_work(operator) as uow:
        for nid in ids:
            nominations.set_status(uow, nid, statuses.PRINTED)
            nominations.set_status(uow, nid, statuses.SIGNED)
    return ids


@pytest.fixture
def village(demo_workspace: Workspace, operator: Actor, head: Actor, district: District) -> Workspace:
    """200 demo workers, 10 signed nominations, the district's key imported."""
    trust(demo_workspace, operator, district)
    sign_nominations(demo_workspace, operator, head, 10)
    return demo_workspace


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    d = tmp_path / "usb"
    d.mkdir()
    return d


def db_dump(ws: Workspace) -> list[str]:
    """Every row of every table, as SQL text: equal dumps mean nothing changed."""
    conn = driver.connect(ws.db.path, ws.db.key)
    try:
        # The driver has no iterdump: the schema and every row of every table, in a fixed order.
        master = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        out = [repr(m) for m in master]
        for _type, name, _sql in master:
            if _type == "table" and not name.startswith("sqlite_"):
                out += [f"{name}: {r!r}" for r in sorted(conn.execute(f'SELECT * FROM "{name}"'), key=repr)]
        return out
    finally:
        conn.close()


def export_bytes(ws: Workspace, actor: Actor, out: Path, **kw: object) -> tuple[sync.ExportResult, bytes]:
    r = sync.export(ws, actor, out, **kw)  # type: ignore[arg-type]
    return r, r.path.read_bytes()
