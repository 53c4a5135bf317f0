"""The audit trail's head travels in the signed manifest of each village export (optional field
``audit_head``, docs/sync-format.md §3): written by today's village, read when present, a file
without it still read, a malformed one refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from jamsos_desktop.services import audit, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.sync import errors
from jamsos_desktop.sync.crypto import KeySet
from jamsos_desktop.sync.village_export import AuditHead, check_export, read_export

from .conftest import District, export_bytes
from .test_format import _export


def test_each_export_carries_the_head_of_its_own_transaction(
    village: Workspace, operator: Actor, district: District, out_dir: Path
) -> None:
    _r1, data1 = export_bytes(village, operator, out_dir)
    x1 = district.open(data1)
    after1 = audit.head(village)
    h1 = x1.audit_head
    assert h1 is not None and 0 < h1.seq < after1.seq  # the export's own entry comes after the file
    entries = {e.seq: e for e in audit.entries(village, limit=10_000)}
    assert entries[h1.seq].action != "sync.export" and entries[h1.seq + 1].action == "sync.export"
    rep = audit.verify(village, [audit.Head(h1.seq, h1.hash)])  # the head is a real entry of the trail
    assert rep.ok
    w = workers.list_workers(village)[0]
    workers.edit_worker(village, operator, w.id, {"address": "Jl. Baru No. 2"})
    _r2, data2 = export_bytes(village, operator, out_dir)
    h2 = district.open(data2).audit_head
    assert h2 is not None and h2.seq == audit.head(village).seq - 1 and h2.seq > after1.seq
    assert audit.verify(village, [audit.Head(h1.seq, h1.hash), audit.Head(h2.seq, h2.hash)]).ok


def test_a_file_without_the_head_is_still_read() -> None:
    device, district = KeySet.generate(), KeySet.generate()
    x = read_export(_export(device, district), district_keys=district)
    assert "audit_head" not in x.manifest and x.audit_head is None
    head = AuditHead(7, "ab" * 32)
    x = read_export(_export(device, district, audit_head=head), district_keys=district)
    assert x.manifest["audit_head"] == {"hash": "ab" * 32, "seq": 7} and x.audit_head == head


@pytest.mark.parametrize("bad", [AuditHead(-1, "ab" * 32), AuditHead(3, "xyz"), AuditHead(3, "AB" * 32)])
def test_a_malformed_head_is_refused_before_decryption(bad: AuditHead) -> None:
    device, district = KeySet.generate(), KeySet.generate()
    with pytest.raises(errors.SyncRefused) as e:
        check_export(_export(device, district, audit_head=bad))
    assert e.value.code == errors.DAMAGED and "audit_head" in str(e.value.text.get("id"))
