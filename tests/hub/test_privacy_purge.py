"""A village's erasure of personal data reaches the hub: the purged record arrives blanked and
deleted, the nomination's history says the district must stop, and the file is applied."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import imports
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models
from jamsos_desktop.services import demo, keys, nominations, privacy, sync, users, village
from jamsos_desktop.services.context import Workspace

from .villages import REGION, TODAY, A, VillageFiles


def test_a_purged_worker_arrives_blanked(hub: Hub, clerk: Actor, village_files: VillageFiles, tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "village", create=True)
    usb = tmp_path / "usb"
    usb.mkdir()
    try:
        village.init_village(ws, code=A, head_name="H. Kepala Desa", operator_name="Operator Desa", year=2026)
        op, head = users.default_actor(ws), users.default_actor(ws, approving=True)
        demo.generate(ws, op, 30, seed=11, today=TODAY)
        info = keys.read_district_key(village_files.public_file)
        keys.import_district_key(ws, op, village_files.public_file, info.fingerprint)
        changed = nominations.nominate_ranked(ws, op, limit=2)
        nominations.approve(ws, head)
        with ws.unit_of_work(op) as uow:
            for n in changed.nominations:
                nominations.set_status(uow, n.id, statuses.PRINTED)
                nominations.set_status(uow, n.id, statuses.SIGNED)
        first = sync.export(ws, op, usb).path
        wid = changed.worker_ids[0]
        privacy.withdraw_consent(ws, op, wid, "surat pencabutan")
        privacy.purge(ws)
        second = sync.export(ws, op, usb).path
    finally:
        ws.close()
    out = imports.import_files(hub, clerk, [first, second], village_files.keys, region=REGION)
    assert [o.outcome for o in out] == [imports.IMPORTED, imports.IMPORTED]
    with hub.reading() as s:
        w = models.workers.c
        row = s.execute(select(w.nik, w.name, w.deleted_at).where(w.id == wid)).one()
        assert row[0] == "" and row[1] == "" and row[2] is not None
