"""Why a sync file is refused: one code per reason, and a message a village officer can act on."""

from __future__ import annotations

from ..domain.text import Text, UserError

LABEL = Text("Berkas sinkronisasi", "Sync file")

# Codes (stable: tests, the hub and the UI match on them).
DAMAGED = "damaged"  # truncated, bit-flipped, not a zip we wrote
NOT_SYNC = "not_sync"  # some other file
NEWER_FORMAT = "newer_format"
WRONG_KIND = "wrong_kind"  # an export where a return file was expected, or the reverse
BAD_SIGNATURE = "bad_signature"
WRONG_SIGNER = "wrong_signer"  # validly signed, but not by the key we trust
NO_DISTRICT_KEY = "no_district_key"
OTHER_VILLAGE = "other_village"
OTHER_DEVICE = "other_device"
PAYLOAD_MISMATCH = "payload_mismatch"  # payload does not belong to this manifest
CANNOT_DECRYPT = "cannot_decrypt"
BAD_CONTENT = "bad_content"  # decrypted, but the records do not make sense
UNKNOWN_EXPORT = "unknown_export"  # a return file answering an export this device never wrote
BAD_KEY_FILE = "bad_key_file"


class SyncRefused(UserError):
    """A sync or key file that is refused; nothing has been changed when this is raised."""

    def __init__(self, code: str, text: Text, value: object | None = None) -> None:
        self.code = code
        super().__init__("sync_file", text, value)

    def message(self, lang: str | None = None) -> str:
        label = LABEL.get(lang)
        if self.value is None or self.value == "":
            return f"{label}: {self.text.get(lang)}"
        return f"{label} '{self.value}': {self.text.get(lang)}"


def damaged(detail: str) -> SyncRefused:
    return SyncRefused(
        DAMAGED,
        Text(
            f"rusak atau terpotong ({detail}); salin ulang berkasnya atau minta dikirim lagi",
            f"is damaged or truncated ({detail}); copy it again or ask for it to be sent again",
        ),
    )


FOLDER = Text("Folder tujuan", "Destination folder")
DISTRICT_KEY = Text("Kunci kabupaten", "District key")
FINGERPRINT = Text("Sidik jari kunci", "Key fingerprint")
PASSPHRASE = Text("Kata sandi berkas", "File passphrase")
EXPORT = Text("Kiriman", "Export")
CONFLICT = Text("Konflik", "Conflict")


class SyncUserError(UserError):
    """A fixable mistake around syncing (a folder, a key, a passphrase), named in both languages."""

    def __init__(self, label: Text, text: Text, value: object | None = None) -> None:
        self.label = label
        super().__init__("sync", text, value)

    def message(self, lang: str | None = None) -> str:
        if self.value is None or self.value == "":
            return f"{self.label.get(lang)}: {self.text.get(lang)}"
        return f"{self.label.get(lang)} '{self.value}': {self.text.get(lang)}"
