"""The database key and its wrapped copies, in a small key file beside the database.

The village database is encrypted (SQLCipher 4) with one random 256-bit key. That key is never
stored as it is: each person's copy is wrapped (AES-256-GCM) by a key derived from their password
(Argon2id), one more copy by the recovery key the village head keeps on paper, and so any of them
unlocks the same database. The copies must be readable before the database is open, so they live
in ``jamsos.keys`` next to ``jamsos.sqlite``: JSON, versioned, written atomically, and closed by
an HMAC made with a key derived from the database key, which is checked after every unlock, so a
slot added, removed or swapped by someone without the key is detected.

A brand-new database (the first-run wizard has not finished) has a *set-up* slot, wrapped by a
fixed key: it holds nothing personal yet, and the first password wrapped removes the slot.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.text import NotFound, Text, UserError

FORMAT = "jamsos-keys"
VERSION = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
#: The largest key file read (a few hundred accounts fit in a fraction of it).
MAX_FILE_BYTES = 1_000_000
#: Recovery keys: 20 random bytes (160 bits), written as 8 groups of 4 base32 letters.
RECOVERY_BYTES = 20

SETUP_SLOT = "setup"
RECOVERY_SLOT = "recovery"
_USER_PREFIX = "user:"
_SETUP_SECRET = b"jamsos set-up slot: the database holds nothing yet"

#: For scripts and tests: "TIME:MEMORY_KIB:PARALLELISM" of the Argon2id that wraps new passwords.
COST_ENV = "JAMSOS_KDF_COST"


@dataclass(frozen=True, slots=True)
class KdfCost:
    """Argon2id's cost (above OWASP's minimum of 19 MiB, 2 passes). Measured with ``python -m bench
    crypto`` on the project's 2-core reference machine under load: deriving one key takes about
    0.25 s and the whole sign-in (derive, unwrap, open, record) about 0.4 s, under the 0.5 s
    target. 64 MiB took 0.5 s for the derivation alone there. Stored per wrapped copy, so a
    changed default applies to passwords set from then on and old copies still open."""

    time_cost: int = 2
    memory_kib: int = 32_768
    parallelism: int = 1

    def to_dict(self) -> dict[str, int]:
        return {"t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @classmethod
    def from_dict(cls, d: Any) -> KdfCost:
        try:
            cost = cls(int(d["t"]), int(d["m"]), int(d["p"]))
        except (KeyError, TypeError, ValueError):
            raise _damaged("kdf") from None
        # Bounds keep a forged file from asking for hours of work or gigabytes of memory.
        if not (1 <= cost.time_cost <= 50 and 8 <= cost.memory_kib <= 4_194_304 and 1 <= cost.parallelism <= 16):
            raise _damaged("kdf")
        return cost


def default_cost() -> KdfCost:
    raw = os.environ.get(COST_ENV, "")
    if raw:
        try:
            t, m, p = (int(x) for x in raw.split(":"))
            return KdfCost.from_dict({"t": t, "m": m, "p": p})
        except (ValueError, UserError):
            raise UserError(COST_ENV, Text("harus berbentuk T:M:P", "must look like T:M:P"), raw) from None
    return KdfCost()


def derive_password_key(password: str, salt: bytes, cost: KdfCost) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return bytes(
        hash_secret_raw(
            password.encode("utf-8"),
            salt,
            time_cost=cost.time_cost,
            memory_cost=cost.memory_kib,
            parallelism=cost.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
    )


def _hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


def derive_subkey(db_key: bytes, purpose: str) -> bytes:
    """A key for another purpose (the key file's MAC, files kept beside the database), derived
    from the database key so that it needs no storage of its own."""
    return _hkdf(db_key, b"jamsos", purpose.encode())


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, field_name: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (ValueError, TypeError):
        raise _damaged(field_name) from None


def _damaged(what: str) -> UserError:
    return UserError(
        "keys",
        Text(
            f"berkas kunci rusak atau diubah ({what}); pakai kunci pemulihan atau cadangan",
            f"the key file is damaged or was altered ({what}); use the recovery key or a backup",
        ),
    )


def wrong_password() -> UserError:
    return UserError("password", Text("nama pengguna atau kata sandi salah", "wrong username or password"))


def user_slot(username: str) -> str:
    return _USER_PREFIX + username


@dataclass(slots=True)
class KeyFile:
    """The key file as read: its id and the wrapped copies ("user:NAME", "recovery", "setup")."""

    file_id: str
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    mac: str = ""

    def body(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "file_id": self.file_id, "slots": self.slots}

    def usernames(self) -> list[str]:
        return sorted(s[len(_USER_PREFIX) :] for s in self.slots if s.startswith(_USER_PREFIX))

    @property
    def in_setup(self) -> bool:
        return SETUP_SLOT in self.slots and not self.usernames()

    def _aad(self, slot: str) -> bytes:
        return f"{FORMAT}/{VERSION}/{self.file_id}/{slot}".encode()

    def _compute_mac(self, db_key: bytes) -> str:
        canonical = json.dumps(self.body(), sort_keys=True, separators=(",", ":")).encode()
        return hmac.new(derive_subkey(db_key, "key file mac"), canonical, hashlib.sha256).hexdigest()

    def check(self, db_key: bytes) -> None:
        """The MAC over the whole file, with the key just unwrapped: any change is refused."""
        if not hmac.compare_digest(self.mac, self._compute_mac(db_key)):
            raise _damaged("mac")

    def seal(self, db_key: bytes) -> None:
        self.mac = self._compute_mac(db_key)

    def _wrap(self, slot: str, kind: str, wrapping: bytes, db_key: bytes, extra: dict[str, Any]) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = secrets.token_bytes(NONCE_BYTES)
        ct = AESGCM(wrapping).encrypt(nonce, db_key, self._aad(slot))
        self.slots[slot] = {"kind": kind, **extra, "nonce": _b64(nonce), "wrapped": _b64(ct)}

    def _unwrap(self, slot: str, wrapping: bytes) -> bytes | None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        s = self.slots[slot]
        try:
            key = AESGCM(wrapping).decrypt(
                _unb64(s["nonce"], "nonce"), _unb64(s["wrapped"], "wrapped"), self._aad(slot)
            )
        except (InvalidTag, KeyError, ValueError):
            return None
        return key if len(key) == KEY_BYTES else None

    # -- wrapping ---------------------------------------------------------------------------

    def wrap_password(self, username: str, password: str, db_key: bytes, cost: KdfCost | None = None) -> None:
        cost = cost or default_cost()
        salt = secrets.token_bytes(SALT_BYTES)
        wrapping = derive_password_key(password, salt, cost)
        extra = {"kdf": "argon2id", "cost": cost.to_dict(), "salt": _b64(salt)}
        self._wrap(user_slot(username), "password", wrapping, db_key, extra)
        self.slots.pop(SETUP_SLOT, None)

    def wrap_recovery(self, recovery: str, db_key: bytes) -> None:
        salt = secrets.token_bytes(SALT_BYTES)
        wrapping = _hkdf(parse_recovery_key(recovery), salt, b"jamsos recovery key")
        self._wrap(RECOVERY_SLOT, "recovery", wrapping, db_key, {"kdf": "hkdf-sha256", "salt": _b64(salt)})

    def wrap_setup(self, db_key: bytes) -> None:
        self._wrap(SETUP_SLOT, "setup", _setup_wrapping(self.file_id), db_key, {})

    def remove(self, username: str) -> None:
        self.slots.pop(user_slot(username), None)

    # -- unwrapping -------------------------------------------------------------------------

    def unlock_password(self, username: str, password: str) -> bytes:
        slot = user_slot(username)
        s = self.slots.get(slot)
        if s is None or s.get("kind") != "password":
            # The key file names its accounts in the clear, so saying so hides nothing.
            raise NotFound(
                "user", Text("tidak ada atau belum punya kata sandi", "does not exist or has no password"), username
            )
        cost = KdfCost.from_dict(s.get("cost"))
        key = self._unwrap(slot, derive_password_key(password, _unb64(s.get("salt"), "salt"), cost))
        if key is None:
            raise wrong_password()
        self.check(key)
        return key

    def unlock_recovery(self, recovery: str) -> bytes:
        s = self.slots.get(RECOVERY_SLOT)
        if s is None:
            raise UserError("recovery", Text("tidak ada kunci pemulihan", "there is no recovery key"))
        wrapping = _hkdf(parse_recovery_key(recovery), _unb64(s.get("salt"), "salt"), b"jamsos recovery key")
        key = self._unwrap(RECOVERY_SLOT, wrapping)
        if key is None:
            raise UserError("recovery", Text("kunci pemulihan salah", "wrong recovery key"))
        self.check(key)
        return key

    def unlock_setup(self) -> bytes:
        if not self.in_setup:
            raise UserError("password", Text("masuk dengan kata sandi", "sign in with a password"))
        key = self._unwrap(SETUP_SLOT, _setup_wrapping(self.file_id))
        if key is None:
            raise _damaged(SETUP_SLOT)
        self.check(key)
        return key


def _setup_wrapping(file_id: str) -> bytes:
    return _hkdf(_SETUP_SECRET, file_id.encode(), b"jamsos set-up slot")


# -- recovery keys ---------------------------------------------------------------------------


def new_recovery_key() -> str:
    """Eight groups of four letters and digits (base32: no 0, 1, 8 or 9 to mistake)."""
    letters = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def parse_recovery_key(text: str) -> bytes:
    """The key's bytes from what a person typed: any case, spaces or dashes, 0/1/8 read as O/I/B."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\n")
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raw = b""
    if len(raw) != RECOVERY_BYTES:
        raise UserError(
            "recovery",
            Text("bukan kunci pemulihan (8 kelompok 4 huruf)", "is not a recovery key (8 groups of 4 letters)"),
        )
    return raw


# -- the file --------------------------------------------------------------------------------


def key_path(db_path: Path) -> Path:
    return db_path.with_suffix(".keys")


def new_key_file() -> KeyFile:
    return KeyFile(file_id=secrets.token_hex(16))


def read(path: Path) -> KeyFile | None:
    """The key file at ``path``, None when there is none; a damaged one is a UserError."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    if len(data) > MAX_FILE_BYTES:
        raise _damaged("size")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged("json") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _damaged("format")
    if doc.get("version") != VERSION:
        raise UserError(
            "keys",
            Text(
                f"berkas kunci versi {doc.get('version')!s} tidak dikenal; perbarui aplikasi",
                f"key file version {doc.get('version')!s} is unknown; update the app",
            ),
        )
    slots = doc.get("slots")
    if not isinstance(slots, dict) or not all(isinstance(v, dict) for v in slots.values()):
        raise _damaged("slots")
    return KeyFile(file_id=str(doc.get("file_id", "")), slots=slots, mac=str(doc.get("mac", "")))


def write(path: Path, kf: KeyFile, db_key: bytes) -> None:
    """Seals and writes the key file atomically: the old one stays whole until the new one is."""
    kf.seal(db_key)
    data = json.dumps({**kf.body(), "mac": kf.mac}, sort_keys=True, indent=1).encode()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def update(path: Path, db_key: bytes, change: Any) -> KeyFile:
    """Reads the key file, checks it with ``db_key``, applies ``change(kf)`` and writes it back."""
    kf = read(path)
    if kf is None:
        raise _damaged("missing")
    kf.check(db_key)
    change(kf)
    write(path, kf, db_key)
    return kf
