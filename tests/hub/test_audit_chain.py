"""The hub checks that a village's audit trail only grows (issue 15, item 5): each export's
``audit_head`` against the head of the device's highest export applied (``hub_audit_heads``,
migration h0003), on both engines; a refused file names itself and its village and changes
nothing."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.hub import imports
from jamsos_desktop.hub.audit_chain import AUDIT_REWOUND, AUDIT_REWRITTEN
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.storage import models
from jamsos_desktop.hub.storage.audit_heads import HubAuditHead
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.village_export import AuditHead, export_file_name, read_export, write_export

from .villages import REGION, A, B, VillageFiles

DEVICE = str(uuid.UUID(int=0xA0D17))
DEVICE_KEYS = KeySet.generate()


def _hash(n: int, variant: str = "") -> str:
    """A made-up entry hash: 64 hex digits from ``n`` (or all ``variant``)."""
    return ((variant or f"{n:02x}") * 64)[:64]


class Village:
    """One village device writing exports straight with the sync package (no records: only the
    manifest matters here)."""

    def __init__(self, root: Path, district: KeySet, code: str = A) -> None:
        self.root, self.district, self.code = root, district, code

    def export(self, seq: int, head: AuditHead | None, tag: str = "") -> Path:
        sealed = write_export(
            device_keys=DEVICE_KEYS,
            village_code=self.code,
            village_name="Cibiru Wetan",
            device_id=DEVICE,
            seq=seq,
            full=True,
            change_from=0,
            change_to=seq,
            tables={},
            district=self.district.public,
            app_version="test",
            schema_version="0007",
            audit_head=head,
        )
        path = self.root / tag / export_file_name(self.code, DEVICE, seq)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sealed.data)
        return path


def run(hub: Hub, clerk: Actor, keys: KeySet, *files: Path) -> list[imports.FileOutcome]:
    return imports.import_files(hub, clerk, list(files), keys, region=REGION)


def stored(hub: Hub) -> tuple[int, int, str] | None:
    with hub.reading() as s:
        h = s.get(HubAuditHead, DEVICE)
        return None if h is None else (h.export_seq, h.audit_seq, h.audit_hash)


def files_held(hub: Hub) -> int:
    with hub.reading() as s:
        return int(s.execute(select(func.count()).select_from(models.HubFile)).scalar_one())


def test_a_growing_trail_is_imported_and_its_newest_head_kept(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, tmp_path: Path
) -> None:
    v = Village(tmp_path, district_keys)
    out = run(keyed_hub, clerk, district_keys, v.export(1, AuditHead(5, _hash(5))), v.export(2, AuditHead(9, _hash(9))))
    assert [o.outcome for o in out] == [imports.IMPORTED] * 2
    assert stored(keyed_hub) == (2, 9, _hash(9))
    # A later export whose trail has not moved (nothing was done) is fine too.
    assert run(keyed_hub, clerk, district_keys, v.export(3, AuditHead(9, _hash(9))))[0].outcome == imports.IMPORTED
    assert stored(keyed_hub) == (3, 9, _hash(9))


def test_an_earlier_export_arriving_late_is_checked_against_the_later_one(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, tmp_path: Path
) -> None:
    v = Village(tmp_path, district_keys)
    assert run(keyed_hub, clerk, district_keys, v.export(3, AuditHead(20, _hash(20))))[0].outcome == imports.IMPORTED
    first = run(keyed_hub, clerk, district_keys, v.export(1, AuditHead(8, _hash(8))))[0]
    assert first.outcome == imports.IMPORTED
    assert stored(keyed_hub) == (3, 20, _hash(20))  # the newest export's head stays
    # Export 2 claims a longer trail than export 3 had: export 3 came from a trail cut back.
    second = run(keyed_hub, clerk, district_keys, v.export(2, AuditHead(25, _hash(25))))[0]
    assert (second.outcome, second.code) == (imports.REFUSED, AUDIT_REWOUND)


@pytest.mark.parametrize(
    ("head", "code", "words"),
    [
        (AuditHead(7, _hash(7)), AUDIT_REWOUND, "jejak audit desa mundur"),
        (AuditHead(9, _hash(0, "e")), AUDIT_REWRITTEN, "jejak audit desa ditulis ulang"),
    ],
)
def test_a_trail_gone_back_or_rewritten_is_refused_naming_the_file_and_the_village(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, tmp_path: Path, head: AuditHead, code: str, words: str
) -> None:
    v = Village(tmp_path, district_keys)
    run(keyed_hub, clerk, district_keys, v.export(1, AuditHead(5, _hash(5))), v.export(2, AuditHead(9, _hash(9))))
    before = files_held(keyed_hub)
    bad = v.export(3, head)
    out = run(keyed_hub, clerk, district_keys, bad)[0]
    assert (out.outcome, out.code) == (imports.REFUSED, code)
    assert out.reason is not None
    message = out.reason.get("id")
    assert words in message and bad.name in message and f"Cibiru Wetan ({A})" in message
    assert "#9" in message and "kiriman nomor 2" in message
    assert bad.name in out.reason.get("en") and "audit trail" in out.reason.get("en")
    # Nothing of it was kept: no file row, no records, the stored head unchanged.
    assert files_held(keyed_hub) == before and stored(keyed_hub) == (2, 9, _hash(9))
    # The next sound export is imported (its number 3 was never taken).
    assert run(keyed_hub, clerk, district_keys, v.export(3, AuditHead(12, _hash(12)), "next"))[0].outcome == (
        imports.IMPORTED
    )


def test_a_file_without_a_head_is_imported_and_changes_nothing_stored(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, tmp_path: Path
) -> None:
    v = Village(tmp_path, district_keys)
    assert run(keyed_hub, clerk, district_keys, v.export(1, None))[0].outcome == imports.IMPORTED
    assert stored(keyed_hub) is None
    run(keyed_hub, clerk, district_keys, v.export(2, AuditHead(4, _hash(4))))
    assert run(keyed_hub, clerk, district_keys, v.export(3, None))[0].outcome == imports.IMPORTED
    assert stored(keyed_hub) == (2, 4, _hash(4))


def test_real_village_exports_carry_growing_heads(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles
) -> None:
    files = village_files.files[A]
    heads = [read_export(p.read_bytes(), district_keys=district_keys).audit_head for p in files]
    assert all(h is not None for h in heads)
    seqs = [h.seq for h in heads if h is not None]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    # In any order: each file on its own merits, the newest export's head kept.
    out = run(keyed_hub, clerk, district_keys, files[2], files[0], files[1])
    assert [o.outcome for o in out] == [imports.IMPORTED] * 3
    with keyed_hub.reading() as s:
        (h,) = s.execute(select(HubAuditHead).where(HubAuditHead.village_code == A)).scalars()
        assert (h.export_seq, h.audit_seq, h.audit_hash, h.file_name) == (3, seqs[2], heads[2].hash, files[2].name)  # type: ignore[union-attr]


def test_a_hub_of_schema_h0002_gets_the_heads_table_and_checks_from_then_on(
    tmp_path: Path, clerk_keys: tuple[Actor, KeySet]
) -> None:
    path = tmp_path / "hub.sqlite"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "hub" / "hub_schema_h0002.sqlite", path)
    hub = Hub.open(f"sqlite:///{path}", create=False)
    try:
        assert "hub_audit_heads" in inspect(hub.store.engine).get_table_names()
        assert stored(hub) is None and files_held(hub) == 5  # the files of before, no heads
        clerk, keys = clerk_keys
        v = Village(tmp_path, keys, code=B)
        assert run(hub, clerk, keys, v.export(1, AuditHead(3, _hash(3))))[0].outcome == imports.IMPORTED
        assert stored(hub) == (1, 3, _hash(3))
        assert run(hub, clerk, keys, v.export(2, AuditHead(2, _hash(2))))[0].code == AUDIT_REWOUND
    finally:
        hub.close()


@pytest.fixture
def clerk_keys(village_files: VillageFiles) -> tuple[Actor, KeySet]:
    """The fixture hub's clerk (as every hub fixture makes it) and the district key its villages used."""
    from jamsos_desktop.hub.storage.models import ROLE_CLERK

    return Actor(None, "clerk", "Clerk Satu", ROLE_CLERK), village_files.keys


def test_the_head_of_office_accepts_a_trail_the_village_explained(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, tmp_path: Path
) -> None:
    from jamsos_desktop.domain.text import PermissionDenied, UserError
    from jamsos_desktop.hub import users
    from jamsos_desktop.hub.audit_chain import forget_heads
    from jamsos_desktop.hub.storage.models import HubAudit

    v = Village(tmp_path, district_keys)
    run(keyed_hub, clerk, district_keys, v.export(1, AuditHead(5, _hash(5))), v.export(2, AuditHead(9, _hash(9))))
    assert run(keyed_hub, clerk, district_keys, v.export(3, AuditHead(6, _hash(6))))[0].code == AUDIT_REWOUND
    with pytest.raises(PermissionDenied):
        forget_heads(keyed_hub, clerk, A, "dipulihkan dari cadangan")  # a clerk may not
    head = users.add_user(keyed_hub, clerk, username="kabid", full_name="Kepala Bidang", role="head", password="x" * 12)
    with pytest.raises(UserError):
        forget_heads(keyed_hub, head, A, "  ")
    with pytest.raises(UserError):
        forget_heads(keyed_hub, head, B, "tidak ada")  # nothing stored for B
    assert forget_heads(keyed_hub, head, A, "laptop dipulihkan dari cadangan 1 Des") == 1
    with keyed_hub.reading() as s:
        entry = s.execute(select(HubAudit).order_by(HubAudit.seq.desc()).limit(1)).scalar_one()
        assert (entry.action, entry.username, entry.entity_id) == ("hub.accept_audit", "kabid", DEVICE)
        assert entry.before == {"export_seq": 2, "audit_seq": 9, "audit_hash": _hash(9)}
    out = run(keyed_hub, clerk, district_keys, v.export(3, AuditHead(6, _hash(6)), "again"))[0]
    assert out.outcome == imports.IMPORTED and stored(keyed_hub) == (3, 6, _hash(6))


def test_accept_audit_on_the_command_line(
    keyed_hub: Hub,
    clerk: Actor,
    district_keys: KeySet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from jamsos_desktop.cli.main import main
    from jamsos_desktop.hub import users

    from .conftest import PASSWORD

    v = Village(tmp_path, district_keys)
    run(keyed_hub, clerk, district_keys, v.export(1, AuditHead(5, _hash(5))))
    users.add_user(keyed_hub, clerk, username="kabid", full_name="Kepala Bidang", role="head", password=PASSWORD)
    monkeypatch.setenv("JAMSOS_HUB_PASSWORD", PASSWORD)
    url = keyed_hub.store.engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["hub", "--db", url, "--user", "kabid", "accept-audit", A, "--reason", "dipulihkan"]) == 0
    assert f"desa {A}" in capsys.readouterr().out and stored(keyed_hub) is None
    assert main(["hub", "--db", url, "--user", "clerk", "accept-audit", A, "--reason", "lagi"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_village_trail_cut_back_with_the_raw_driver_is_caught_at_the_hub(
    keyed_hub: Hub, clerk: Actor, district_keys: KeySet, village_files: VillageFiles, tmp_path: Path
) -> None:
    """The attack the heads are for: entries deleted from the end of the village's trail with the
    database key (the village's own ``audit verify`` sees no break when no backup recorded them)."""
    from jamsos_desktop import paths
    from jamsos_desktop.services import audit, sync, users, workers
    from jamsos_desktop.services.context import Workspace
    from jamsos_desktop.storage import driver

    from .villages import _village

    data, usb = tmp_path / "desa", tmp_path / "usb"
    usb.mkdir()
    ws = _village(data, B, village_files.public_file, seed=11)
    try:
        op = users.default_actor(ws)
        first = sync.export(ws, op, usb).path
        cut_to = audit.head(ws).seq - 1  # before the export's own entry
        for i, w in enumerate(workers.list_workers(ws)[:3]):
            workers.edit_worker(ws, op, w.id, {"address": f"Jl. Baru No. {i}"})
        second = sync.export(ws, op, usb).path
        key = ws.db.key
    finally:
        ws.close()
    out = run(keyed_hub, clerk, district_keys, first, second)
    assert [o.outcome for o in out] == [imports.IMPORTED] * 2
    assert key is not None
    conn = driver.connect(paths.db_path(data), key)
    try:
        conn.execute("delete from audit_log where seq > ?", (cut_to,))
        conn.commit()
    finally:
        conn.close()
    ws = Workspace.open(data)
    try:
        assert audit.verify(ws).ok  # nothing the village itself can see
        third = sync.export(ws, users.default_actor(ws), usb).path
    finally:
        ws.close()
    refused = run(keyed_hub, clerk, district_keys, third)[0]
    assert (refused.outcome, refused.code) == (imports.REFUSED, AUDIT_REWOUND)
    assert refused.reason is not None and third.name in refused.reason.get("id") and B in refused.reason.get("id")
