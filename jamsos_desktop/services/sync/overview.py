"""What the Sinkronisasi page shows in one read, and what a sync file is without opening it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...storage import models
from ...sync.format import open_file
from ..context import Workspace
from ..keys import DEVICE, KeysInfo, district_key, read_info
from .conflicts import ConflictRow, conflicts_in
from .exports import ExportRow, export_history_in
from .files import file_bytes
from .returns import ImportRow, import_row, imports_oldest_first


@dataclass(frozen=True, slots=True)
class SyncOverview:
    """Everything the Sinkronisasi page shows, read in one transaction (so the parts agree)."""

    keys: KeysInfo | None  # None: this device has no key yet (an older database); keys.device_keys makes it
    exports: list[ExportRow]  # newest first, as export_history
    imports: list[ImportRow]  # newest first, as import_history
    conflicts: list[ConflictRow]  # as list_conflicts


def overview(ws: Workspace) -> SyncOverview:
    """Keys, export history, import history and open conflicts; reads only (unlike
    ``keys.keys_info``, which makes a missing device key), so it may run beside the write queue."""
    with ws.reading() as s:
        imports = imports_oldest_first(s)
        return SyncOverview(
            keys=read_info(s),
            exports=export_history_in(s),
            imports=[import_row(i) for i in sorted(imports, key=lambda i: i.return_seq, reverse=True)],
            conflicts=conflicts_in(s),
        )


# -- what is this file? ---------------------------------------------------------------------------


def describe_file(ws: Workspace, path_or_data: Path | bytes) -> dict[str, Any]:
    """What a sync file is, without decrypting it: kind, village, number, counts, who signed it
    and whether that is this device or the configured district. Refusals raise as on import."""
    data = file_bytes(path_or_data)
    opened = open_file(data)
    signer = opened.signer
    opened.verify_signature(signer)
    opened.check_payload()
    m = opened.manifest
    with ws.reading() as s:
        dev = s.get(models.KeyPair, DEVICE)
        district = district_key(s)
        known = s.execute(select(models.SyncExport.seq).where(models.SyncExport.file_sha256 == opened.sha256)).scalar()
        applied = s.execute(
            select(models.SyncImport.return_seq).where(models.SyncImport.file_sha256 == opened.sha256)
        ).scalar()
        village = s.execute(select(models.Village.code, models.Village.device_id)).first()
    return {
        "kind": m["kind"],
        "format_version": m["format_version"],
        "village_code": m["village_code"],
        "device": m["device_id"][-8:],
        "seq": m["seq"],
        "created_at": m["created_at"],
        "counts": m["counts"],
        "signer_name": m["signer"].get("name", ""),
        "signer_fingerprint": signer.fingerprint,
        "signed_by_this_device": dev is not None and signer.to_bytes() == bytes(dev.public),
        "signed_by_configured_district": district is not None and signer.signing == district.signing,
        "for_this_village": village is not None and m["village_code"] == village[0],
        "for_this_device": village is not None and m["device_id"] == village[1],
        "written_here_as_export": known,
        "applied_as_return": applied,
        "sha256": opened.sha256,
    }
