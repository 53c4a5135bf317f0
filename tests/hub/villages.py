"""Real village sync files for the hub's tests, made by the village app's own export.

Three demo villages of Kabupaten Bandung (two in Kec. Cileunyi, one in Kec. Banjaran) trust one
district key; each records a few workers, nominates and signs some, and exports. Village A then
exports twice more (an edit and a deletion, then another edit), so files 1, 2 and 3 of one
device exist. A fourth village outside the region, and a file for another district's key, make
the foreign files. Built once per test session (``village_files`` in conftest.py).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jamsos_desktop import paths
from jamsos_desktop.domain import statuses
from jamsos_desktop.services import demo, keys, nominations, sync, users, village, workers
from jamsos_desktop.services.context import Workspace
from jamsos_desktop.storage import driver
from jamsos_desktop.sync import keyfile
from jamsos_desktop.sync.crypto import KeySet

TODAY = dt.date(2026, 11, 21)
REGION = "32.04"
A, B, C = "32.04.05.2005", "32.04.05.2006", "32.04.13.2001"  # Cibiru Hilir, Cibiru Wetan, Kamasan
OUTSIDE = "32.73.01.1001"  # Sukarasa, Kota Bandung: another regency
WORKERS = {A: 14, B: 10, C: 8, OUTSIDE: 4}
SIGNED = {A: 4, B: 3, C: 2, OUTSIDE: 1}
DISTRICT_NAME = "Disnaker Kabupaten Bandung"


@dataclass
class VillageFiles:
    """The district's keys and every file the villages wrote, by village code, in export order."""

    keys: KeySet
    private_file: bytes  # the district's private key file (unprotected), as make-district writes it
    files: dict[str, list[Path]] = field(default_factory=dict)
    foreign: Path | None = None  # A's export for another district's key
    replay: Path | None = None  # A's export number 2 again, made from a backup: other content
    data_dirs: dict[str, Path] = field(default_factory=dict)
    db_keys: dict[str, bytes] = field(default_factory=dict)  # each village's database key (encrypted)

    def connect(self, code: str) -> driver.Connection:
        """A raw connection to the village's own database file, with its key."""
        return driver.connect(paths.db_path(self.data_dirs[code]), self.db_keys[code])

    @property
    def public_file(self) -> bytes:
        return keyfile.public_key_file(self.keys.public, name=DISTRICT_NAME, region_code=REGION)

    def all_first(self) -> list[Path]:
        return [self.files[c][0] for c in (A, B, C)]


def _village(root: Path, code: str, district_public: bytes, seed: int) -> Workspace:
    ws = Workspace.open(root, create=True)
    village.init_village(ws, code=code, head_name="H. Kepala Desa", operator_name="Operator Desa", year=2026)
    op = users.default_actor(ws)
    head = users.default_actor(ws, approving=True)
    demo.generate(ws, op, WORKERS[code], seed=seed, today=TODAY)
    info = keys.read_district_key(district_public)
    keys.import_district_key(ws, op, district_public, info.fingerprint)
    changed = nominations.nominate_ranked(ws, op, limit=SIGNED[code] + 1)
    nominations.approve(ws, head)
    with ws.unit_of_work(op) as uow:
        for n in changed.nominations[: SIGNED[code]]:
            nominations.set_status(uow, n.id, statuses.PRINTED)
            nominations.set_status(uow, n.id, statuses.SIGNED)
    return ws


def build(root: Path) -> VillageFiles:
    district = keyfile.make_district_keys()
    out = VillageFiles(district, keyfile.private_key_file(district, name=DISTRICT_NAME, region_code=REGION))
    public = out.public_file
    for seed, code in enumerate((A, B, C, OUTSIDE), start=3):
        data = root / code
        usb = root / f"usb-{code}"
        usb.mkdir(parents=True)
        ws = _village(data, code, public, seed)
        assert ws.db.key is not None
        out.db_keys[code] = ws.db.key
        try:
            op = users.default_actor(ws)
            files = [sync.export(ws, op, usb).path]
            if code == A:
                ws.close()  # a copy of the database as it was before export 2 (a "backup")
                driver.checkpoint(paths.db_path(data), out.db_keys[code])
                shutil.copytree(data, root / "A-backup")
                ws = Workspace.open(data)
                op = users.default_actor(ws)
                recorded = [w for w in workers.list_workers(ws) if w.status == statuses.RECORDED]
                workers.edit_worker(ws, op, recorded[0].id, {"address": "Jl. Baru No. 2"})
                workers.delete_worker(ws, op, recorded[1].id, "pindah")
                files.append(sync.export(ws, op, usb).path)
                workers.edit_worker(ws, op, recorded[0].id, {"address": "Jl. Baru No. 3"})
                files.append(sync.export(ws, op, usb).path)
            out.files[code] = files
            out.data_dirs[code] = data
        finally:
            ws.close()
    # The backup restored and used: it writes export number 2 a second time, with other content.
    ws = Workspace.open(root / "A-backup")
    try:
        op = users.default_actor(ws)
        w = next(w for w in workers.list_workers(ws) if w.status == statuses.RECORDED)
        workers.edit_worker(ws, op, w.id, {"address": "Jl. Cadangan No. 1"})
        again = root / "usb-replay"
        again.mkdir()
        out.replay = sync.export(ws, op, again).path
        # ...and then, trusting another district's key by mistake, writes a file for that one.
        other = keyfile.make_district_keys()
        theirs = keyfile.public_key_file(other.public, name="Kabupaten Lain", region_code="32.05")
        keys.import_district_key(ws, op, theirs, other.public.fingerprint)
        far = root / "usb-foreign"
        far.mkdir()
        workers.edit_worker(ws, op, w.id, {"address": "Jl. Lain No. 9"})
        out.foreign = sync.export(ws, op, far).path
    finally:
        ws.close()
    return out
