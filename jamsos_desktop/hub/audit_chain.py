"""A village's audit trail only grows: each export's ``audit_head`` checked against the last one.

Every village export carries, in its signed manifest, the head of the village's audit trail
when it was written (``audit_head``: the newest entry's number and hash; docs/sync-format.md
§3). The hub keeps, per device, the head carried by the highest export number it applied
(``hub_audit_heads``, migration h0003). A file is refused, before any of its records is
stored, when

- it is a **later** export whose trail ends *before* the stored head (entries were cut off:
  the database was put back to an older copy, or entries were deleted), or ends at the same
  entry with another hash (the history was rewritten);
- it is an **earlier** export arriving late whose trail reaches *past* the stored head of a
  later export (so the later one came from a trail cut back), or the same entry with another
  hash.

Files may arrive in any order, so an earlier export with a shorter trail is simply older. A file
without ``audit_head`` (written before the field existed) is not checked and changes nothing
stored. What the hub cannot see from heads alone is a trail rewritten and then grown past the
stored head: the village's own ``jamsos audit verify`` (its backups' heads) covers that.

When the village explains a refusal (a laptop restored from a backup, say), the head of office
accepts it with ``jamsos hub accept-audit VILLAGE --reason ...`` (``forget_heads``): the stored
heads of that village are dropped, in the hub's own audit trail with what they were, and the
village's next file starts the check afresh.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.actors import Actor
from ..domain.text import Text, UserError
from ..sync import errors
from ..sync.village_export import VillageExport
from .context import Hub
from .storage.audit_heads import HubAuditHead
from .storage.models import ROLE_HEAD

#: Why a file is refused (stable codes, beside sync/errors.py's and hub/imports.py's).
AUDIT_REWOUND = "audit_rewound"  # the trail is shorter than a later (or earlier) file showed
AUDIT_REWRITTEN = "audit_rewritten"  # the same entry number with another hash


def check_audit_head(s: Session, export: VillageExport, file_name: str) -> None:
    """Refuses ``export`` (``errors.SyncRefused``) when its audit head shows the village's trail
    went back or was rewritten; otherwise records it when it is the device's newest export.
    Called in the file's transaction, before its records are stored: a refusal leaves nothing."""
    head = export.audit_head
    if head is None:
        return
    device, seq = export.device_id, export.seq
    code = export.village_code
    stored = s.get(HubAuditHead, device)
    if stored is None:
        s.add(
            HubAuditHead(
                device_id=device,
                village_code=code,
                export_seq=seq,
                audit_seq=head.seq,
                audit_hash=head.hash,
                file_name=file_name[:255],
            )
        )
        return
    place = _place(export, file_name)
    other = f"kiriman nomor {stored.export_seq} ({stored.file_name})"
    other_en = f"export number {stored.export_seq} ({stored.file_name})"
    if head.seq == stored.audit_seq and head.hash != stored.audit_hash:
        raise errors.SyncRefused(
            AUDIT_REWRITTEN,
            Text(
                f"{place[0]}: jejak audit desa ditulis ulang: entri #{head.seq} berbeda dari entri yang sama "
                f"di {other}. Tidak diimpor; minta desa menjalankan 'jamsos audit verify' dan "
                "menjelaskan apa yang terjadi (dipulihkan dari cadangan? diubah di luar aplikasi?)",
                f"{place[1]}: the village's audit trail was rewritten: entry #{head.seq} differs from the same "
                f"entry in {other_en}. Not imported; ask the village to run 'jamsos audit verify' and to explain "
                "what happened (restored from a backup? changed outside the app?)",
            ),
        )
    later = seq > stored.export_seq
    if (later and head.seq < stored.audit_seq) or (not later and head.seq > stored.audit_seq):
        newer, older = (head.seq, stored.audit_seq) if later else (stored.audit_seq, head.seq)
        raise errors.SyncRefused(
            AUDIT_REWOUND,
            Text(
                f"{place[0]}: jejak audit desa mundur: kiriman yang lebih baru berakhir di entri #{newer}, "
                f"padahal kiriman sebelumnya sudah sampai entri #{older} (berkas ini dibandingkan dengan "
                f"{other}). Entri audit hilang (dipulihkan dari cadangan lama, atau dihapus): tidak diimpor; "
                "minta desa menjalankan 'jamsos audit verify' dan menjelaskan apa yang terjadi",
                f"{place[1]}: the village's audit trail went back: the newer export ends at entry #{newer}, "
                f"though the earlier one already reached entry #{older} (this file compared with {other_en}). "
                "Audit entries are gone (an old backup restored, or entries deleted): not imported; ask the "
                "village to run 'jamsos audit verify' and to explain what happened",
            ),
        )
    if later:
        stored.export_seq, stored.audit_seq, stored.audit_hash = seq, head.seq, head.hash
        stored.file_name = file_name[:255]
        stored.village_code = code


def _place(export: VillageExport, file_name: str) -> tuple[str, str]:
    """ "Berkas X dari desa Y (kode)", in both languages."""
    name = str(export.manifest.get("village_name", "")).strip()
    village = f"{name} ({export.village_code})" if name else export.village_code
    return f"berkas {file_name} dari desa {village}", f"file {file_name} from village {village}"


def forget_heads(hub: Hub, actor: Actor, village_code: str, reason: str) -> int:
    """The head of office accepts that ``village_code``'s audit trail went back or was rewritten
    (``reason`` says why, as the village explained it): its stored heads are dropped, each in
    the hub's audit trail with what it was, so that the village's next file is checked afresh.
    Returns how many devices' heads were dropped."""
    actor.require(ROLE_HEAD)
    code, why = village_code.strip(), " ".join(reason.split())
    if not why:
        raise UserError(
            "reason", Text("tuliskan alasannya (penjelasan desa)", "give the reason (the village's account)")
        )
    with hub.unit_of_work(actor) as uow:
        s = uow.session
        heads = s.execute(select(HubAuditHead).where(HubAuditHead.village_code == code)).scalars().all()
        if not heads:
            raise UserError(
                "village",
                Text(
                    "tidak ada kepala jejak audit tersimpan untuk desa ini", "no audit head is stored for this village"
                ),
                code,
            )
        for h in heads:
            before = {"export_seq": h.export_seq, "audit_seq": h.audit_seq, "audit_hash": h.audit_hash}
            uow.audit("hub.accept_audit", "hub_audit_head", h.device_id, before, {"village_code": code, "reason": why})
            s.delete(h)
    return len(heads)
