"""Keys, fingerprints, key wrapping and signatures of sync files.

A key set is two key pairs: X25519 (others encrypt to it) and Ed25519 (it signs). The village
device and the district each have one. Only ``cryptography`` primitives are used; nothing here
invents cryptography, it only fixes the parameters and the byte strings that are bound.
"""

from __future__ import annotations

import base64
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..domain.text import Text
from . import errors

KEY_BYTES = 32
NONCE_BYTES = 12
WRAP_INFO = b"JAMSOS-SYNC/1 key-wrap"
SIGN_PREFIX = b"JAMSOS-SYNC/1 manifest\x00"
FINGERPRINT_PREFIX = b"JAMSOS-KEY/1\x00"

# scrypt cost written by this version (32 MiB, ~0.1 s); readers accept up to the limits below so
# that a future writer may raise it, but a hostile file cannot make the reader allocate gigabytes.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SCRYPT_MAX_N, SCRYPT_MAX_R, SCRYPT_MAX_P = 2**20, 16, 4
MIN_PASSPHRASE = 10

_RAW = serialization.Encoding.Raw


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any, *, size: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if size is not None and len(data) != size:
        raise ValueError(f"expected {size} bytes, got {len(data)}")
    return data


def fingerprint(encryption_public: bytes, signing_public: bytes) -> str:
    """Six groups of five digits: easy to read aloud over the phone (about 99 bits)."""
    digest = hashlib.sha256(FINGERPRINT_PREFIX + encryption_public + signing_public).digest()
    groups = [int.from_bytes(digest[i * 5 : i * 5 + 5], "big") % 100_000 for i in range(6)]
    return " ".join(f"{g:05d}" for g in groups)


@dataclass(frozen=True, slots=True)
class PublicKeySet:
    """The public half of a device's or a district's keys."""

    encryption: bytes  # X25519, 32 bytes
    signing: bytes  # Ed25519, 32 bytes

    def __post_init__(self) -> None:
        if len(self.encryption) != KEY_BYTES or len(self.signing) != KEY_BYTES:
            raise ValueError("public keys are 32 bytes each")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.encryption, self.signing)

    def to_bytes(self) -> bytes:
        return self.encryption + self.signing

    @classmethod
    def from_bytes(cls, data: bytes) -> PublicKeySet:
        if len(data) != 2 * KEY_BYTES:
            raise ValueError("a public key set is 64 bytes")
        return cls(data[:KEY_BYTES], data[KEY_BYTES:])

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.signing).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True, slots=True)
class KeySet:
    """Both private keys (raw 32-byte seeds). Never printed, never logged."""

    encryption_private: bytes
    signing_private: bytes

    def __repr__(self) -> str:  # keep private bytes out of tracebacks and logs
        return f"KeySet(fingerprint={self.public.fingerprint!r})"

    @classmethod
    def generate(cls) -> KeySet:
        enc = X25519PrivateKey.generate().private_bytes(
            _RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        sig = Ed25519PrivateKey.generate().private_bytes(
            _RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return cls(enc, sig)

    def to_bytes(self) -> bytes:
        return self.encryption_private + self.signing_private

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySet:
        if len(data) != 2 * KEY_BYTES:
            raise ValueError("a private key set is 64 bytes")
        return cls(data[:KEY_BYTES], data[KEY_BYTES:])

    @property
    def public(self) -> PublicKeySet:
        enc = (
            X25519PrivateKey.from_private_bytes(self.encryption_private)
            .public_key()
            .public_bytes(_RAW, serialization.PublicFormat.Raw)
        )
        sig = (
            Ed25519PrivateKey.from_private_bytes(self.signing_private)
            .public_key()
            .public_bytes(_RAW, serialization.PublicFormat.Raw)
        )
        return PublicKeySet(enc, sig)

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.signing_private).sign(message)

    def exchange(self, peer_public: bytes) -> bytes:
        return X25519PrivateKey.from_private_bytes(self.encryption_private).exchange(
            X25519PublicKey.from_public_bytes(peer_public)
        )


# -- the content key and its wrappings ---------------------------------------------------------


def new_content_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def encrypt(content_key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(content_key).encrypt(nonce, plaintext, aad)


def decrypt(content_key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(content_key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        raise errors.damaged("isi terenkripsi tidak utuh") from None


def _kek_x25519(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=ephemeral_public + recipient_public, info=WRAP_INFO).derive(shared)


def wrap_for_key(content_key: bytes, recipient: PublicKeySet, aad: bytes) -> dict[str, Any]:
    """Wraps the content key to an X25519 public key (ephemeral-static ECDH, HKDF-SHA256, AES-GCM)."""
    eph = X25519PrivateKey.generate()
    eph_public = eph.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    kek = _kek_x25519(
        eph.exchange(X25519PublicKey.from_public_bytes(recipient.encryption)), eph_public, recipient.encryption
    )
    nonce = os.urandom(NONCE_BYTES)
    return {
        "type": "x25519",
        "key_fingerprint": recipient.fingerprint,
        "ephemeral": b64(eph_public),
        "nonce": b64(nonce),
        "wrapped_key": b64(AESGCM(kek).encrypt(nonce, content_key, aad)),
    }


def unwrap_with_key(entry: dict[str, Any], keys: KeySet, aad: bytes) -> bytes | None:
    """The content key, or None when this entry is not for ``keys`` (or was tampered with)."""
    try:
        eph_public = unb64(entry["ephemeral"], size=KEY_BYTES)
        nonce = unb64(entry["nonce"], size=NONCE_BYTES)
        wrapped = unb64(entry["wrapped_key"], size=KEY_BYTES + 16)
        own = keys.public.encryption
        kek = _kek_x25519(keys.exchange(eph_public), eph_public, own)
        key = AESGCM(kek).decrypt(nonce, wrapped, aad)
    except (KeyError, ValueError, InvalidTag):
        return None
    return key


def _passphrase_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise errors.SyncUserError(
            errors.PASSPHRASE,
            Text(
                f"kata sandi berkas minimal {MIN_PASSPHRASE} karakter",
                f"the file passphrase needs at least {MIN_PASSPHRASE} characters",
            ),
        )


def wrap_for_passphrase(content_key: bytes, passphrase: str, aad: bytes) -> dict[str, Any]:
    check_passphrase(passphrase)
    salt = os.urandom(16)
    kek = Scrypt(salt=salt, length=KEY_BYTES, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(_passphrase_bytes(passphrase))
    nonce = os.urandom(NONCE_BYTES)
    return {
        "type": "scrypt",
        "salt": b64(salt),
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "nonce": b64(nonce),
        "wrapped_key": b64(AESGCM(kek).encrypt(nonce, content_key, aad)),
    }


def unwrap_with_passphrase(entry: dict[str, Any], passphrase: str, aad: bytes) -> bytes | None:
    try:
        n, r, p = int(entry["n"]), int(entry["r"]), int(entry["p"])
        if not (2 <= n <= SCRYPT_MAX_N and n & (n - 1) == 0 and 1 <= r <= SCRYPT_MAX_R and 1 <= p <= SCRYPT_MAX_P):
            return None
        salt = unb64(entry["salt"])
        nonce = unb64(entry["nonce"], size=NONCE_BYTES)
        wrapped = unb64(entry["wrapped_key"], size=KEY_BYTES + 16)
        kek = Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(_passphrase_bytes(passphrase))
        key = AESGCM(kek).decrypt(nonce, wrapped, aad)
    except (KeyError, ValueError, TypeError, InvalidTag):
        return None
    return key
