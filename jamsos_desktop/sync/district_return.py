"""The district's return file: written by the district hub, read by the village app.

One result per nomination: *registered* (KPJ number and coverage period), *rejected* (reason)
or *duplicate* (nominated elsewhere; reason names where). Each result repeats the versions of
the nomination and the worker that the district saw, so the village can tell whether the
record changed after the export that was answered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.text import Text
from . import contract, errors
from .crypto import KeySet, PublicKeySet
from .format import FORMAT, FORMAT_VERSION, KIND_RETURN, Sealed, file_name, open_file, seal, signer_entry, utc_stamp

PREFIX = "JAMSOS-HASIL"
REGISTERED, REJECTED, DUPLICATE = "registered", "rejected", "duplicate"
OUTCOMES = (REGISTERED, REJECTED, DUPLICATE)
_KPJ = re.compile(r"\d{8,13}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MAX_REASON = 2000


@dataclass(frozen=True, slots=True)
class Result:
    nomination_id: str
    worker_id: str
    outcome: str
    nomination_version: int
    worker_version: int
    export_seq: int
    kpj: str = ""
    coverage_start: dt.date | None = None
    coverage_end: dt.date | None = None
    reason: str = ""

    def to_list(self) -> list[Any]:
        return [
            self.nomination_id,
            self.worker_id,
            self.outcome,
            self.nomination_version,
            self.worker_version,
            self.export_seq,
            self.kpj,
            self.coverage_start.isoformat() if self.coverage_start else None,
            self.coverage_end.isoformat() if self.coverage_end else None,
            self.reason,
        ]


#: The columns of a result, as the file's contract lists them.
COLUMNS = contract.CONTRACTS[contract.CURRENT].result.names


def return_file_name(village_code: str, device_id: str, return_seq: int) -> str:
    return file_name(PREFIX, village_code, device_id, return_seq)


def write_return(
    *,
    district_keys: KeySet,
    district_name: str,
    village_code: str,
    device_id: str,
    device_key: PublicKeySet,
    return_seq: int,
    answers_export_seq: int,
    results: Sequence[Result],
    app_version: str,
    created_at: dt.datetime | None = None,
) -> Sealed:
    """District side: a signed return file, readable only by the village device it answers."""
    for r in results:
        problem = check_result(r)
        if problem:
            raise ValueError(f"result for {r.nomination_id}: {problem}")
    counts = {o: sum(1 for r in results if r.outcome == o) for o in OUTCOMES}
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": KIND_RETURN,
        "app_version": app_version,
        "village_code": village_code,
        "device_id": device_id,
        "signer": signer_entry("district", district_keys.public, district_name),
        "seq": return_seq,
        "answers_export_seq": answers_export_seq,
        "counts": counts,
        "created_at": utc_stamp(created_at),
    }
    payload = {"kind": KIND_RETURN, "columns": list(COLUMNS), "results": [r.to_list() for r in results]}
    return seal(manifest, payload, signer=district_keys, recipients=[device_key])


def check_result(r: Result) -> str:
    """Why a result is not acceptable, or '' when it is."""
    if r.outcome not in OUTCOMES:
        return f"outcome {r.outcome!r}"
    if not _UUID.fullmatch(r.nomination_id) or not _UUID.fullmatch(r.worker_id):
        return "id"
    if r.nomination_version < 1 or r.worker_version < 1 or r.export_seq < 1:
        return "version"
    if len(r.reason) > MAX_REASON:
        return "reason too long"
    if r.outcome == REGISTERED:
        if not _KPJ.fullmatch(r.kpj):
            return "KPJ must be 8-13 digits"
        if r.coverage_start is None or r.coverage_end is None or r.coverage_end < r.coverage_start:
            return "coverage period"
    elif r.kpj or r.coverage_start or r.coverage_end:
        return "KPJ and coverage only for registered"
    elif not r.reason.strip():
        return "reason required"
    return ""


@dataclass(frozen=True, slots=True)
class DistrictReturn:
    manifest: dict[str, Any]
    sha256: str
    results: tuple[Result, ...]

    @property
    def seq(self) -> int:
        return int(self.manifest["seq"])

    @property
    def answers_export_seq(self) -> int:
        return int(self.manifest["answers_export_seq"])

    @property
    def district_name(self) -> str:
        return str(self.manifest["signer"].get("name", ""))


def read_return(
    data: bytes,
    *,
    device_keys: KeySet,
    district: PublicKeySet | None,
    village_code: str,
    device_id: str,
) -> DistrictReturn:
    """Village side: refuses (``SyncRefused``) anything damaged, foreign, too new or not from
    the configured district; returns the verified, decrypted results."""
    opened = open_file(data)
    opened.require_kind(KIND_RETURN)
    if district is None:
        raise errors.SyncRefused(
            errors.NO_DISTRICT_KEY,
            Text(
                "kunci kabupaten belum diimpor, jadi berkas hasil tidak bisa diperiksa; impor dulu kunci dari kabupaten",
                "the district key has not been imported, so the return file cannot be checked; import it first",
            ),
        )
    signer = opened.signer
    if signer.signing != district.signing:
        raise errors.SyncRefused(
            errors.WRONG_SIGNER,
            Text(
                f"tidak ditandatangani oleh kabupaten yang terdaftar (sidik jari berkas {signer.fingerprint}, "
                f"yang terdaftar {district.fingerprint})",
                f"is not signed by the configured district (file {signer.fingerprint}, configured "
                f"{district.fingerprint})",
            ),
        )
    opened.verify_signature(district)
    m = opened.manifest
    if m["village_code"] != village_code:
        raise errors.SyncRefused(
            errors.OTHER_VILLAGE,
            Text(
                f"untuk desa lain (kode {m['village_code']}), bukan desa ini ({village_code})",
                f"is for another village (code {m['village_code']}), not this one ({village_code})",
            ),
        )
    if m["device_id"] != device_id:
        raise errors.SyncRefused(
            errors.OTHER_DEVICE,
            Text(
                "untuk komputer lain di desa ini; buka di komputer yang membuat kirimannya",
                "is for another computer of this village; open it on the computer that made the export",
            ),
            m["device_id"][-8:],
        )
    if not isinstance(m.get("answers_export_seq"), int) or m["seq"] < 1:
        raise errors.damaged("manifes tidak lengkap: answers_export_seq")
    opened.check_payload()
    payload = opened.decrypt(keys=device_keys)
    results = _parse_results(payload)
    counts = {o: sum(1 for r in results if r.outcome == o) for o in OUTCOMES}
    if counts != m["counts"]:
        raise errors.SyncRefused(
            errors.BAD_CONTENT, Text("jumlah hasil tidak cocok dengan manifes", "the counts do not match the manifest")
        )
    return DistrictReturn(m, opened.sha256, results)


def _bad(detail: str) -> errors.SyncRefused:
    return errors.SyncRefused(errors.BAD_CONTENT, Text(f"isi tidak sah: {detail}", f"invalid contents: {detail}"))


def _date(v: Any) -> dt.date | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise _bad("tanggal")
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise _bad(f"tanggal {v[:20]!r}") from None


def _parse_results(payload: dict[str, Any]) -> tuple[Result, ...]:
    if payload.get("kind") != KIND_RETURN or payload.get("columns") != list(COLUMNS):
        raise _bad("bukan berkas hasil")
    rows = payload.get("results")
    if not isinstance(rows, list):
        raise _bad("daftar hasil")
    out: list[Result] = []
    seen: set[str] = set()
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(COLUMNS):
            raise _bad(f"baris {i}")
        nid, wid, outcome, nv, wv, seq, kpj, start, end, reason = row
        if not (
            type(nid) is str
            and type(wid) is str
            and type(outcome) is str
            and type(kpj) is str
            and type(reason) is str
            and type(nv) is int
            and type(wv) is int
            and type(seq) is int
        ):
            raise _bad(f"baris {i}")
        r = Result(nid, wid, outcome, nv, wv, seq, kpj, _date(start), _date(end), reason)
        problem = check_result(r)
        if problem:
            raise _bad(f"baris {i}: {problem}")
        if nid in seen:
            raise _bad(f"baris {i}: nominasi ganda")
        seen.add(nid)
        out.append(r)
    return tuple(out)
