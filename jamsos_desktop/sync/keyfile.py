"""Key files: the district's public key for the villages, and its private key for the hub.

A small JSON file. The fingerprint inside is recomputed on reading (a typo or a damaged file is
refused); the person still confirms it by phone with the district before it is trusted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..domain.text import Text
from . import errors
from .crypto import (
    KeySet,
    PublicKeySet,
    b64,
    decrypt,
    encrypt,
    new_content_key,
    unb64,
    unwrap_with_passphrase,
    wrap_for_passphrase,
)

KEY_FORMAT = "jamsos-key"
KEY_FORMAT_VERSION = 1
PUBLIC_SUFFIX = ".jamkey"
MAX_KEY_FILE = 64 * 1024


@dataclass(frozen=True, slots=True)
class DistrictPublicKey:
    name: str
    region_code: str
    keys: PublicKeySet

    @property
    def fingerprint(self) -> str:
        return self.keys.fingerprint


def make_district_keys() -> KeySet:
    """District side: a new key pair for the hub."""
    return KeySet.generate()


def public_key_file(keys: PublicKeySet, *, name: str, region_code: str = "") -> bytes:
    data = {
        "format": KEY_FORMAT,
        "format_version": KEY_FORMAT_VERSION,
        "type": "district-public",
        "name": name,
        "region_code": region_code,
        "encryption_key": b64(keys.encryption),
        "signing_key": b64(keys.signing),
        "fingerprint": keys.fingerprint,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def private_key_file(keys: KeySet, *, name: str, region_code: str = "", passphrase: str | None = None) -> bytes:
    """District side only. Keep it on the hub's computer; never send it to a village.

    With ``passphrase`` the private keys are stored encrypted (scrypt, AES-256-GCM): a copied
    file alone then opens nothing.
    """
    fp = keys.public.fingerprint
    data: dict[str, object] = {
        "format": KEY_FORMAT,
        "format_version": KEY_FORMAT_VERSION,
        "type": "district-private",
        "name": name,
        "region_code": region_code,
        "fingerprint": fp,
    }
    if passphrase:
        file_key = new_content_key()
        bound = _private_aad(fp)
        nonce, sealed = encrypt(file_key, keys.to_bytes(), bound)
        data["protected"] = {
            "wrap": wrap_for_passphrase(file_key, passphrase, bound),
            "nonce": b64(nonce),
            "ciphertext": b64(sealed),
        }
    else:
        data["encryption_private"] = b64(keys.encryption_private)
        data["signing_private"] = b64(keys.signing_private)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _private_aad(fp: str) -> bytes:
    return f"{KEY_FORMAT}/{KEY_FORMAT_VERSION}|district-private|{fp}".encode()


def is_protected(data: bytes) -> bool:
    """Whether a private key file needs its passphrase."""
    try:
        return "protected" in json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, TypeError):
        return False


def _bad(detail: str) -> errors.SyncRefused:
    return errors.SyncRefused(
        errors.BAD_KEY_FILE,
        Text(f"bukan berkas kunci kabupaten yang utuh ({detail})", f"is not an intact district key file ({detail})"),
    )


def _load(data: bytes, kind: str) -> dict[str, Any]:
    if len(data) > MAX_KEY_FILE:
        raise _bad("terlalu besar")
    try:
        d = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad("tidak bisa dibaca") from None
    if not isinstance(d, dict) or d.get("format") != KEY_FORMAT:
        raise _bad("format")
    v = d.get("format_version")
    if not isinstance(v, int) or v < 1:
        raise _bad("versi")
    if v > KEY_FORMAT_VERSION:
        raise errors.SyncRefused(
            errors.NEWER_FORMAT,
            Text(
                f"berformat versi {v} yang lebih baru; perbarui aplikasi", f"has a newer format ({v}); update the app"
            ),
        )
    if d.get("type") != kind:
        if d.get("type") == "district-private":
            raise _bad("ini kunci RAHASIA kabupaten; desa hanya memerlukan kunci publik")
        raise _bad("jenis")
    return d


def read_public_key_file(data: bytes) -> DistrictPublicKey:
    d = _load(data, "district-public")
    try:
        keys = PublicKeySet(unb64(d["encryption_key"], size=32), unb64(d["signing_key"], size=32))
    except (KeyError, ValueError):
        raise _bad("kunci") from None
    if d.get("fingerprint") != keys.fingerprint:
        raise _bad("sidik jari tidak cocok dengan kuncinya")
    return DistrictPublicKey(str(d.get("name", "")), str(d.get("region_code", "")), keys)


def read_private_key_file(data: bytes, passphrase: str | None = None) -> tuple[DistrictPublicKey, KeySet]:
    d = _load(data, "district-private")
    fp = d.get("fingerprint")
    try:
        if "protected" in d:
            prot = d["protected"]
            if not passphrase:
                raise errors.SyncUserError(
                    errors.PASSPHRASE,
                    Text(
                        "kunci rahasia ini dilindungi kata sandi; isi kata sandinya",
                        "this private key needs its passphrase",
                    ),
                )
            bound = _private_aad(str(fp))
            file_key = unwrap_with_passphrase(prot["wrap"], passphrase, bound)
            if file_key is None:
                raise errors.SyncUserError(
                    errors.PASSPHRASE, Text("salah untuk kunci rahasia ini", "is wrong for this private key")
                )
            raw = decrypt(file_key, unb64(prot["nonce"], size=12), unb64(prot["ciphertext"]), bound)
            keys = KeySet.from_bytes(raw)
        else:
            keys = KeySet(unb64(d["encryption_private"], size=32), unb64(d["signing_private"], size=32))
    except (KeyError, ValueError, TypeError):
        raise _bad("kunci") from None
    if fp != keys.public.fingerprint:
        raise _bad("sidik jari tidak cocok dengan kuncinya")
    return DistrictPublicKey(str(d.get("name", "")), str(d.get("region_code", "")), keys.public), keys
