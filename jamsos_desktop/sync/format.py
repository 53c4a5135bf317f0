"""The sealed sync file, common to both directions (see docs/sync-format.md).

``seal`` builds a file: a canonical ZIP of ``mimetype``, ``manifest.json`` (canonical JSON),
``manifest.sig`` (Ed25519 over the manifest, which holds the payload's SHA-256) and
``payload.bin`` (deflated JSON, AES-256-GCM with a random content key, wrapped to each
recipient). ``open_file`` checks the container and the format version; the caller then checks
who signed it, for whom it is, and decrypts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.text import Text
from . import container, errors
from .crypto import (
    SIGN_PREFIX,
    KeySet,
    PublicKeySet,
    b64,
    decrypt,
    encrypt,
    new_content_key,
    unb64,
    unwrap_with_key,
    unwrap_with_passphrase,
    wrap_for_key,
    wrap_for_passphrase,
)

FORMAT = "jamsos-sync"
FORMAT_VERSION = 1
MIMETYPE = b"application/vnd.jamsos.sync+zip"
MEMBERS = ("mimetype", "manifest.json", "manifest.sig", "payload.bin")
KIND_EXPORT = "village-export"
KIND_RETURN = "district-return"
SUFFIX = ".jamsync"

MAX_FILE = 1 << 30  # 1 GiB: a whole regency fits many times over
MAX_MANIFEST = 1 << 20
MAX_PLAIN = 1 << 30  # decompressed payload limit (a "zip bomb" stops here); 100k workers take ~40 MB
COMPRESS_LEVEL = 6


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return b64(value)
    raise TypeError(f"cannot put {type(value).__name__} in a sync payload")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False, default=_json_default)


def encode_payload(payload: dict[str, Any]) -> bytes:
    return zlib.compress(_dumps(payload).encode("ascii"), COMPRESS_LEVEL)


class PayloadWriter:
    """Streams an export payload into deflate, table by table and chunk by chunk, so that a large
    export never holds all its records, or their JSON text, in memory at once.

    Produces the same JSON document as ``encode_payload`` of
    ``{"kind": ..., "tables": {name: {"columns": [...], "rows": [...]}}, "attachments": [...]}``.
    """

    def __init__(self, kind: str) -> None:
        self._z = zlib.compressobj(COMPRESS_LEVEL)
        self._out: list[bytes] = []
        self._tables = 0
        self._rows = 0
        self._current: str | None = None
        self.counts: dict[str, int] = {}
        self._write('{"kind":' + _dumps(kind) + ',"tables":{')

    def _write(self, text: str) -> None:
        self._out.append(self._z.compress(text.encode("ascii")))

    def begin_table(self, name: str, columns: Sequence[str]) -> None:
        if self._current is not None:
            raise ValueError("end the previous table first")
        self._write(("," if self._tables else "") + _dumps(name) + ':{"columns":' + _dumps(list(columns)) + ',"rows":[')
        self._current, self._rows = name, 0
        self._tables += 1
        self.counts[name] = 0

    def add_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        if self._current is None:
            raise ValueError("begin a table first")
        if not rows:
            return
        self._write(("," if self._rows else "") + _dumps(rows)[1:-1])
        self._rows += len(rows)
        self.counts[self._current] += len(rows)

    def end_table(self) -> None:
        self._write("]}")
        self._current = None

    def finish(self, attachments: Sequence[Any] = ()) -> bytes:
        if self._current is not None:
            self.end_table()
        self._write('},"attachments":' + _dumps(list(attachments)) + "}")
        self._out.append(self._z.flush())
        data = b"".join(self._out)
        self._out = []
        return data


def decode_payload(plain: bytes) -> dict[str, Any]:
    d = zlib.decompressobj()
    try:
        text = d.decompress(plain, MAX_PLAIN)
        if d.unconsumed_tail or not d.eof:
            raise errors.damaged("isi tidak lengkap")
        data = json.loads(text)
    except (zlib.error, ValueError, RecursionError):
        raise errors.damaged("isi tidak bisa dibaca") from None
    if not isinstance(data, dict):
        raise errors.damaged("isi tidak bisa dibaca")
    return data


def check_deflate(plain: bytes) -> None:
    """The deflate stream is whole, checked in pieces (a 100k-worker export would take hundreds of
    megabytes as parsed JSON; verifying the written file must not)."""
    d = zlib.decompressobj()
    try:
        for i in range(0, len(plain), 1 << 20):
            d.decompress(plain[i : i + (1 << 20)], 1 << 24)
            while d.unconsumed_tail:
                d.decompress(d.unconsumed_tail, 1 << 24)
        d.flush()
    except zlib.error:
        raise errors.damaged("isi tidak utuh") from None
    if not d.eof:
        raise errors.damaged("isi tidak lengkap")


def aad(kind: str, village_code: str, device_id: str, seq: int) -> bytes:
    """Binds the ciphertext and the wrapped keys to the file they were made for."""
    return f"{FORMAT}/{FORMAT_VERSION}|{kind}|{village_code}|{device_id}|{seq}".encode()


def utc_stamp(now: dt.datetime | None = None) -> str:
    t = now or dt.datetime.now(dt.UTC)
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC).replace(tzinfo=None)
    return t.isoformat(timespec="seconds") + "Z"


def signer_entry(role: str, keys: PublicKeySet, name: str = "") -> dict[str, Any]:
    return {
        "role": role,
        "name": name,
        "signing_key": b64(keys.signing),
        "encryption_key": b64(keys.encryption),
        "fingerprint": keys.fingerprint,
    }


@dataclass(frozen=True, slots=True)
class Sealed:
    """A file just written: its bytes, manifest, SHA-256 and the content key (to verify it)."""

    data: bytes
    manifest: dict[str, Any]
    sha256: str
    content_key: bytes

    def __repr__(self) -> str:
        return f"Sealed(sha256={self.sha256!r}, size={len(self.data)})"


def seal(
    manifest: dict[str, Any],
    payload: dict[str, Any] | bytes,
    *,
    signer: KeySet,
    recipients: Sequence[PublicKeySet] = (),
    passphrase: str | None = None,
) -> Sealed:
    """``manifest`` must hold format, kind, village_code, device_id and seq; payload and
    encryption entries are added here. ``payload`` is the document, or its deflated JSON
    already made (``PayloadWriter.finish``)."""
    if not recipients and not passphrase:
        raise ValueError("a sync file needs a recipient key or a passphrase")
    plain = payload if isinstance(payload, bytes) else encode_payload(payload)
    key = new_content_key()
    bound = aad(manifest["kind"], manifest["village_code"], manifest["device_id"], manifest["seq"])
    nonce, ciphertext = encrypt(key, plain, bound)
    wraps = [wrap_for_key(key, r, bound) for r in recipients]
    if passphrase:
        wraps.append(wrap_for_passphrase(key, passphrase, bound))
    full = {
        **manifest,
        "payload": {
            "member": "payload.bin",
            "sha256": hashlib.sha256(ciphertext).hexdigest(),
            "size": len(ciphertext),
            "encoding": "json",
            "compression": "deflate",
        },
        "encryption": {"cipher": "AES-256-GCM", "nonce": b64(nonce), "recipients": wraps},
    }
    manifest_bytes = canonical_json(full)
    signature = signer.sign(SIGN_PREFIX + manifest_bytes)
    data = container.write(
        [
            ("mimetype", MIMETYPE),
            ("manifest.json", manifest_bytes),
            ("manifest.sig", signature),
            ("payload.bin", ciphertext),
        ]
    )
    return Sealed(data, full, hashlib.sha256(data).hexdigest(), key)


@dataclass(frozen=True, slots=True)
class Opened:
    """A container that parsed and whose format this version reads; nothing trusted yet."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    ciphertext: bytes
    sha256: str

    @property
    def kind(self) -> str:
        return str(self.manifest.get("kind"))

    @property
    def signer(self) -> PublicKeySet:
        s = self.manifest["signer"]
        return PublicKeySet(unb64(s["encryption_key"], size=32), unb64(s["signing_key"], size=32))

    def require_kind(self, kind: str) -> None:
        if self.kind != kind:
            wanted = {KIND_EXPORT: "kiriman desa", KIND_RETURN: "berkas hasil dari kabupaten"}
            raise errors.SyncRefused(
                errors.WRONG_KIND,
                Text(
                    f"bukan {wanted.get(kind, kind)} (jenisnya: {wanted.get(self.kind, self.kind)})",
                    f"is not a {kind} file (it is: {self.kind})",
                ),
            )

    def verify_signature(self, key: PublicKeySet) -> None:
        if not key.verify(SIGN_PREFIX + self.manifest_bytes, self.signature):
            raise errors.SyncRefused(
                errors.BAD_SIGNATURE,
                Text(
                    "tanda tangan tidak sah; berkas telah diubah setelah ditandatangani",
                    "the signature is not valid; the file was changed after it was signed",
                ),
            )

    def check_payload(self) -> None:
        p = self.manifest["payload"]
        if p.get("size") != len(self.ciphertext) or p.get("sha256") != hashlib.sha256(self.ciphertext).hexdigest():
            raise errors.SyncRefused(
                errors.PAYLOAD_MISMATCH,
                Text(
                    "isi berkas tidak cocok dengan manifesnya (rusak, atau bagian dari berkas lain)",
                    "the contents do not match the manifest (damaged, or taken from another file)",
                ),
            )

    def decrypt(
        self, *, keys: KeySet | None = None, passphrase: str | None = None, content_key: bytes | None = None
    ) -> dict[str, Any]:
        return decode_payload(self.plaintext(keys=keys, passphrase=passphrase, content_key=content_key))

    def plaintext(
        self, *, keys: KeySet | None = None, passphrase: str | None = None, content_key: bytes | None = None
    ) -> bytes:
        """The deflated payload, authenticated by its GCM tag (not yet parsed)."""
        m = self.manifest
        bound = aad(m["kind"], m["village_code"], m["device_id"], m["seq"])
        enc = m["encryption"]
        key = content_key
        if key is None:
            for entry in enc["recipients"]:
                if not isinstance(entry, dict):
                    continue
                if keys is not None and entry.get("type") == "x25519":
                    key = unwrap_with_key(entry, keys, bound)
                elif passphrase and entry.get("type") == "scrypt":
                    key = unwrap_with_passphrase(entry, passphrase, bound)
                if key is not None:
                    break
        if key is None:
            raise errors.SyncRefused(
                errors.CANNOT_DECRYPT,
                Text(
                    "tidak bisa dibuka: bukan untuk kunci ini, atau kata sandinya salah",
                    "cannot be opened: not made for this key, or the passphrase is wrong",
                ),
            )
        try:
            nonce = unb64(enc["nonce"], size=12)
        except ValueError:
            raise errors.damaged("nonce") from None
        return decrypt(key, nonce, self.ciphertext, bound)


def _require(cond: bool, what: str) -> None:
    if not cond:
        raise errors.damaged(f"manifes tidak lengkap: {what}")


def open_file(data: bytes) -> Opened:
    """Parses the container and the manifest; refuses what is damaged, foreign or too new."""
    if not data:
        raise errors.damaged("berkas kosong")
    if len(data) > MAX_FILE:
        raise errors.SyncRefused(errors.NOT_SYNC, Text("terlalu besar untuk berkas sinkronisasi", "is too large"))
    if not data.startswith(b"PK\x03\x04"):
        raise errors.SyncRefused(
            errors.NOT_SYNC, Text("bukan berkas sinkronisasi JAMSOS (.jamsync)", "is not a JAMSOS sync file (.jamsync)")
        )
    members = container.read(data, MEMBERS)
    if members["mimetype"] != MIMETYPE:
        raise errors.damaged("jenis berkas")
    raw = members["manifest.json"]
    if len(raw) > MAX_MANIFEST:
        raise errors.damaged("manifes terlalu besar")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise errors.damaged("manifes tidak bisa dibaca") from None
    if not isinstance(manifest, dict):
        raise errors.damaged("manifes tidak bisa dibaca")
    if canonical_json(manifest) != raw:
        raise errors.damaged("manifes tidak baku")
    if manifest.get("format") != FORMAT:
        raise errors.SyncRefused(errors.NOT_SYNC, Text("bukan berkas sinkronisasi JAMSOS", "is not a JAMSOS sync file"))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise errors.damaged("manifes tidak lengkap: format_version")
    if version > FORMAT_VERSION:
        raise errors.SyncRefused(
            errors.NEWER_FORMAT,
            Text(
                f"dibuat dengan format versi {version}, lebih baru dari yang dikenal aplikasi ini "
                f"(versi {FORMAT_VERSION}); perbarui aplikasi JAMSOS",
                f"uses format version {version}, newer than this app knows (version {FORMAT_VERSION}); update JAMSOS",
            ),
            manifest.get("app_version"),
        )
    _require(version >= 1, "format_version")
    for key, kind in (
        ("kind", str),
        ("village_code", str),
        ("device_id", str),
        ("seq", int),
        ("signer", dict),
        ("payload", dict),
        ("encryption", dict),
        ("counts", dict),
        ("created_at", str),
    ):
        _require(isinstance(manifest.get(key), kind), key)
    _require(len(members["manifest.sig"]) == 64, "tanda tangan")
    opened = Opened(manifest, raw, members["manifest.sig"], members["payload.bin"], hashlib.sha256(data).hexdigest())
    try:
        opened.signer  # noqa: B018 - parses the keys now, so later steps can trust their shape
        enc = manifest["encryption"]
        _require(enc.get("cipher") == "AES-256-GCM" and isinstance(enc.get("recipients"), list), "enkripsi")
    except (KeyError, ValueError, TypeError):
        raise errors.damaged("manifes tidak lengkap: penanda tangan") from None
    return opened


def file_name(prefix: str, village_code: str, device_id: str, seq: int) -> str:
    """``JAMSOS_3204052005_1a2b3c4d_000007.jamsync``: village, device, sequence."""
    code = "".join(ch for ch in village_code if ch.isdigit())
    return f"{prefix}_{code}_{device_tag(device_id)}_{seq:06d}{SUFFIX}"


def device_tag(device_id: str) -> str:
    """The device's short name in file names: the last 8 hex digits of its id (the random part)."""
    return device_id.replace("-", "")[-8:]
