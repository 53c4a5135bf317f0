"""The village's export file: written by the village app, read by the district hub."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.text import Text
from . import contract, errors
from .crypto import KeySet, PublicKeySet
from .format import (
    FORMAT,
    FORMAT_VERSION,
    KIND_EXPORT,
    Opened,
    PayloadWriter,
    Sealed,
    check_deflate,
    file_name,
    open_file,
    seal,
    signer_entry,
    utc_stamp,
)

PREFIX = "JAMSOS"


@dataclass(frozen=True, slots=True)
class Table:
    """Snapshots of one entity: column names once, then one list of values per record."""

    columns: tuple[str, ...]
    rows: Sequence[Sequence[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The newest entry of the village's audit trail when the file was written: its sequence
    number and its hash (the manifest's optional ``audit_head``, §3 of docs/sync-format.md).
    ``seq`` 0 with the genesis hash is a trail not begun."""

    seq: int
    hash: str

    def to_manifest(self) -> dict[str, Any]:
        return {"hash": self.hash, "seq": self.seq}


def _audit_head(manifest: Mapping[str, Any]) -> AuditHead | None:
    """The manifest's ``audit_head``, checked; None in a file from before it was written."""
    raw = manifest.get("audit_head")
    if raw is None:
        return None
    seq = raw.get("seq") if isinstance(raw, dict) else None
    digest = raw.get("hash") if isinstance(raw, dict) else None
    if (
        not isinstance(seq, int)
        or isinstance(seq, bool)
        or seq < 0
        or not isinstance(digest, str)
        or len(digest) != 64
        or digest.strip("0123456789abcdef")
    ):
        raise errors.damaged("manifes tidak lengkap: audit_head")
    return AuditHead(seq, digest)


def export_file_name(village_code: str, device_id: str, seq: int) -> str:
    return file_name(PREFIX, village_code, device_id, seq)


def write_export(
    *,
    device_keys: KeySet,
    village_code: str,
    village_name: str,
    device_id: str,
    seq: int,
    full: bool,
    change_from: int,
    change_to: int,
    tables: Mapping[str, Table] | None = None,
    payload: PayloadWriter | None = None,
    attachments: Sequence[Mapping[str, Any]] = (),
    exported_nominations: int = 0,
    district: PublicKeySet | None = None,
    passphrase: str | None = None,
    app_version: str,
    schema_version: str,
    created_at: dt.datetime | None = None,
    audit_head: AuditHead | None = None,
) -> Sealed:
    """Seals the changed records (full snapshots, soft deletions included) for the district.

    The records come as ``tables``, or already streamed into ``payload`` (``new_payload()``,
    then ``begin_table`` / ``add_rows`` / ``end_table`` per table) for large exports.
    ``audit_head`` (the village's audit trail's newest entry) goes into the signed manifest, so
    that the district can see the trail only grow from one file to the next.
    """
    if payload is None:
        payload = new_payload()
        for name, t in (tables or {}).items():
            payload.begin_table(name, t.columns)
            payload.add_rows(t.rows)
            payload.end_table()
    elif tables is not None:
        raise ValueError("give tables or payload, not both")
    plain = payload.finish(attachments)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": KIND_EXPORT,
        "app_version": app_version,
        "schema_version": schema_version,
        "village_code": village_code,
        "village_name": village_name,
        "device_id": device_id,
        "signer": signer_entry("device", device_keys.public),
        "seq": seq,
        "full": full,
        "change_from": change_from,
        "change_to": change_to,
        "counts": dict(payload.counts),
        "exported_nominations": exported_nominations,
        "attachments": len(attachments),
        "created_at": utc_stamp(created_at),
    }
    if audit_head is not None:
        manifest["audit_head"] = audit_head.to_manifest()
    return seal(manifest, plain, signer=device_keys, recipients=[district] if district else [], passphrase=passphrase)


def new_payload() -> PayloadWriter:
    return PayloadWriter(KIND_EXPORT)


@dataclass(frozen=True, slots=True)
class VillageExport:
    """An export the district opened: the verified manifest and the records."""

    manifest: dict[str, Any]
    sha256: str
    tables: dict[str, Table]
    attachments: list[dict[str, Any]]

    @property
    def village_code(self) -> str:
        return str(self.manifest["village_code"])

    @property
    def device_id(self) -> str:
        return str(self.manifest["device_id"])

    @property
    def seq(self) -> int:
        return int(self.manifest["seq"])

    @property
    def audit_head(self) -> AuditHead | None:
        """The village's audit trail's head when it wrote the file (None in older files)."""
        return _audit_head(self.manifest)

    @property
    def contract(self) -> contract.Contract:
        """The field lists of the version this file declares."""
        return contract.contract(int(self.manifest["format_version"]))

    def missing_fields(self) -> dict[str, tuple[str, ...]]:
        """Per entity, the fields of the file's version that its table lacks (a hub merging the
        records refuses such a file; entities and extra fields the version does not know are
        passed on, since a newer writer may add them)."""
        out = {}
        for r in self.contract.records:
            t = self.tables.get(r.name)
            if t is not None:
                gone = tuple(n for n in r.names if n not in t.columns)
                if gone:
                    out[r.name] = gone
        return out

    @property
    def device_key(self) -> PublicKeySet:
        from .crypto import unb64

        s = self.manifest["signer"]
        return PublicKeySet(unb64(s["encryption_key"], size=32), unb64(s["signing_key"], size=32))


def check_export(data: bytes, *, expected_device: PublicKeySet | None = None) -> Opened:
    """Verifies everything that needs no decryption: container, version, signature, payload hash.

    ``expected_device`` pins the device's key (the hub remembers the first key it saw for a
    device); without it the file is only checked to be self-consistent.
    """
    opened = open_file(data)
    opened.require_kind(KIND_EXPORT)
    for key, kind in (("change_from", int), ("change_to", int), ("full", bool)):
        if not isinstance(opened.manifest.get(key), kind):
            raise errors.damaged(f"manifes tidak lengkap: {key}")
    _audit_head(opened.manifest)  # optional; when there, well-formed
    signer = opened.signer
    if expected_device is not None and signer != expected_device:
        raise errors.SyncRefused(
            errors.WRONG_SIGNER,
            Text(
                f"ditandatangani kunci lain ({signer.fingerprint}), bukan kunci perangkat yang dikenal "
                f"({expected_device.fingerprint})",
                f"is signed by another key ({signer.fingerprint}), not the known device key "
                f"({expected_device.fingerprint})",
            ),
        )
    opened.verify_signature(signer)
    opened.check_payload()
    return opened


def read_export(
    data: bytes,
    *,
    district_keys: KeySet | None = None,
    passphrase: str | None = None,
    expected_device: PublicKeySet | None = None,
) -> VillageExport:
    """District side: verifies and decrypts a village export."""
    opened = check_export(data, expected_device=expected_device)
    payload = opened.decrypt(keys=district_keys, passphrase=passphrase)
    return _parse(opened, payload)


def verify_written(data: bytes, sealed: Sealed) -> None:
    """Village side, after writing: the bytes on disk are the file we sealed, and it opens."""
    opened = check_export(data, expected_device=sealed_signer(sealed))
    if opened.sha256 != sealed.sha256:
        raise errors.damaged("berkas yang tertulis berbeda dari yang dibuat")
    check_deflate(opened.plaintext(content_key=sealed.content_key))


def sealed_signer(sealed: Sealed) -> PublicKeySet:
    from .crypto import unb64

    s = sealed.manifest["signer"]
    return PublicKeySet(unb64(s["encryption_key"], size=32), unb64(s["signing_key"], size=32))


def _parse(opened: Opened, payload: dict[str, Any]) -> VillageExport:
    tables: dict[str, Table] = {}
    raw = payload.get("tables")
    if payload.get("kind") != KIND_EXPORT or not isinstance(raw, dict):
        raise errors.SyncRefused(errors.BAD_CONTENT, Text("isi bukan kiriman desa", "the contents are not an export"))
    contract.contract(int(opened.manifest["format_version"]))  # a version this code has the field lists of
    for name, t in raw.items():
        cols, rows = (t.get("columns"), t.get("rows")) if isinstance(t, dict) else (None, None)
        if (
            not isinstance(cols, list)
            or not isinstance(rows, list)
            or any(not isinstance(r, list) or len(r) != len(cols) for r in rows)
        ):
            raise errors.SyncRefused(errors.BAD_CONTENT, Text(f"tabel {name} tidak sah", f"table {name} is invalid"))
        tables[name] = Table(tuple(cols), rows)
    if {n: len(t.rows) for n, t in tables.items()} != opened.manifest["counts"]:
        raise errors.SyncRefused(
            errors.BAD_CONTENT, Text("jumlah data tidak cocok dengan manifes", "the counts do not match the manifest")
        )
    att = payload.get("attachments", [])
    if not isinstance(att, list):
        raise errors.SyncRefused(errors.BAD_CONTENT, Text("daftar lampiran tidak sah", "invalid attachments"))
    return VillageExport(opened.manifest, opened.sha256, tables, att)


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """How a device's new export fits after the last one the district applied."""

    repeated: bool  # this number (or an older one) was seen already: ignore it
    missing: tuple[int, ...]  # export numbers that never arrived
    range_gap: bool  # the change range does not continue the last one (and it is not full)

    @property
    def ok(self) -> bool:
        return not self.repeated and not self.missing and not self.range_gap


def check_chain(manifest: Mapping[str, Any], last_seq: int, last_change_to: int) -> ChainCheck:
    """District side: gap detection per device. ``last_*`` describe the last applied export
    (0, 0 before the first). A full export closes any gap in the change range, but the missing
    numbers are still reported so the district can ask for them ("write again")."""
    seq = int(manifest["seq"])
    if seq <= last_seq:
        return ChainCheck(True, (), False)
    missing = tuple(range(last_seq + 1, seq))
    full = bool(manifest.get("full"))
    gap = not full and int(manifest["change_from"]) != last_change_to
    return ChainCheck(False, missing, gap)
