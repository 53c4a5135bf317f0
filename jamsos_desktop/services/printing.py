"""Printing the nomination documents, marking them printed and signed, and checking a form's QR code."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import eligibility, money, statuses
from ..domain.text import Text, UserError
from ..domain.village_words import words_for
from ..reports import qr
from ..reports.base import A4, PAPERS, Built, DecreeInfo, Entry, Setup, Steps, check_paper, drain, emblem_missing
from ..storage import models
from .assessment import facts_query
from .context import ROLE_ADMIN, ROLE_APPROVER, ROLE_OPERATOR, Actor, UnitOfWork, Workspace
from .nominations import set_status
from .readers import read_limited
from .rows import NominationRow, ProgramRow
from .village import (
    active_program,
    current_village,
    document_settings,
    program_row,
    put_setting,
    setting_value,
    village_row,
    village_words,
)
from .workers import nomination_row, resolve, short_id, worker_row

#: Nominations whose worker is on the list and in the decree (approved by the head, not declined).
ON_PAPER = (statuses.APPROVED, statuses.PRINTED, statuses.SIGNED, statuses.EXPORTED, statuses.REGISTERED)
PAPER_SETTING = "print.paper"
MAX_SCAN_BYTES = 20 * 1024 * 1024
#: An emblem is a small picture on the letterhead; a bigger file is a photo or a scan by mistake.
MAX_EMBLEM_BYTES = 5 * 1024 * 1024

FORM = "form"
LIST = "list"
LIST_MASKED = "list_masked"
DECREE = "decree"
DOCUMENTS = (FORM, LIST, LIST_MASKED, DECREE)


# -- gathering ------------------------------------------------------------------------------


def _sort_key(e: Entry) -> tuple[str, str, str, str, str]:
    w = e.worker
    return (w.dusun.lower(), w.rw, w.rt, w.name.lower(), w.nik)


def _entries(s: Session, program_id: str, worker_ids: Iterable[str] | None = None) -> list[Entry]:
    stmt = (
        select(models.Nomination, models.Worker)
        .join(models.Worker, models.Worker.id == models.Nomination.worker_id)
        .where(
            models.Nomination.program_id == program_id,
            models.Nomination.deleted_at.is_(None),
            models.Worker.deleted_at.is_(None),
        )
    )
    if worker_ids is None:
        stmt = stmt.where(models.Nomination.status.in_(ON_PAPER))
    else:
        stmt = stmt.where(models.Nomination.worker_id.in_(list(worker_ids)))
    return [Entry(worker_row(w), nomination_row(n, with_events=False)) for n, w in s.execute(stmt).all()]


def _emblem(s: Session, sha256: str | None) -> bytes | None:
    if not sha256:
        return None
    a = s.get(models.Attachment, sha256)
    return a.data if a is not None else None


def setup(
    ws: Workspace, *, paper: str | None = None, print_date: dt.date | None = None, document: str | None = None
) -> Setup:
    """The village, program, emblem and paper for a document. ``print_date`` defaults to today.
    ``document`` (None: any) limits the settings read to what that document prints."""
    with ws.reading() as s:
        v = s.execute(select(models.Village).where(models.Village.deleted_at.is_(None))).scalar()
        if v is None:
            raise UserError("village", Text("belum disiapkan; jalankan 'jamsos init'", "not set up; run 'jamsos init'"))
        program = program_row(active_program(s))
        chosen = check_paper(paper) if paper else _default_paper(s)
        docs = document_settings(
            s,
            program.year,
            regulation=document in (None, DECREE),
            nip=words_for(v.code, v.kind, v.head_title, v.name).kelurahan,
        )
        return Setup(
            village=village_row(v),
            program=program,
            print_date=print_date or dt.date.today(),
            paper=chosen,
            emblem=_emblem(s, v.emblem_sha256),
            regulation_number=docs.regulation_number,
            head_nip=docs.head_nip,
        )


def form_entries(
    ws: Workspace, refs: Sequence[str] = (), *, all_approved: bool = False, all_listed: bool = False
) -> list[Entry]:
    """The nominees whose forms to print: the given workers (ID or NIK, looked up one by one),
    every approved one not printed yet, or (``all_listed``) everyone on the list, in its order, in one query:
    the same people as the list and the decree, whatever was printed before."""
    if all_listed:
        return list_entries(ws)
    with ws.reading() as s:
        program = active_program(s)
        if all_approved:
            entries = [e for e in _entries(s, program.id) if e.nomination.status == statuses.APPROVED]
            if not entries:
                raise UserError(
                    "nomination",
                    Text(
                        "tidak ada usulan berstatus Disetujui yang belum dicetak; untuk mencetak formulir semua "
                        "peserta di daftar (juga yang sudah Dicetak) pakai --all",
                        "there are no approved nominations left unprinted; to print the forms of everyone on "
                        "the list (printed ones too) use --all",
                    ),
                )
            return sorted(entries, key=_sort_key)
        if not refs:
            raise UserError(
                "worker",
                Text(
                    "sebutkan ID/NIK pekerja, --all-approved atau --all",
                    "give worker ids/NIKs, --all-approved or --all",
                ),
            )
        ids = [resolve(s, r).id for r in refs]
        found = {e.worker.id: e for e in _entries(s, program.id, ids)}
        out = []
        for wid in dict.fromkeys(ids):
            e = found.get(wid)
            if e is None or e.nomination.status not in ON_PAPER:
                now = statuses.label(e.nomination.status) if e else statuses.label(statuses.RECORDED)
                raise UserError(
                    "worker",
                    Text(
                        f"belum disetujui kepala desa (status: {now}); formulir hanya untuk usulan yang disetujui",
                        f"is not approved by the village head (status: {now})",
                    ),
                    short_id(wid),
                )
            out.append(e)
        return out


def list_entries(ws: Workspace) -> list[Entry]:
    """Everyone approved (and later statuses) in the active program, by dusun, RW, RT and name."""
    with ws.reading() as s:
        entries = _entries(s, active_program(s).id)
    if not entries:
        raise UserError(
            "nomination",
            Text("belum ada usulan yang disetujui kepala desa", "no nomination has been approved yet"),
        )
    return sorted(entries, key=_sort_key)


# -- building -------------------------------------------------------------------------------


def build(
    ws: Workspace,
    document: str,
    out: BinaryIO,
    *,
    refs: Sequence[str] = (),
    all_approved: bool = False,
    all_listed: bool = False,
    paper: str | None = None,
    print_date: dt.date | None = None,
    decree: DecreeInfo | None = None,
) -> Built:
    """Writes one document to ``out``; nothing is marked (see :func:`mark_printed`)."""
    return drain(
        build_steps(
            ws,
            document,
            out,
            refs=refs,
            all_approved=all_approved,
            all_listed=all_listed,
            paper=paper,
            print_date=print_date,
            decree=decree,
        )
    )


def build_steps(
    ws: Workspace,
    document: str,
    out: BinaryIO,
    *,
    refs: Sequence[str] = (),
    all_approved: bool = False,
    all_listed: bool = False,
    paper: str | None = None,
    print_date: dt.date | None = None,
    decree: DecreeInfo | None = None,
) -> Steps:
    """:func:`build` step by step, for the UI's progress: yields (pages done, pages in all).

    Stopping it half way is safe: nothing is written to the database, only to ``out``.
    """
    from ..reports.decree import decree_steps
    from ..reports.forms import form_steps
    from ..reports.nominee_list import list_steps

    if document == DECREE:
        if decree is None:
            raise UserError("decree_number", Text("wajib diisi", "is required"))
        print_date = decree.date
    st = setup(ws, paper=paper, print_date=print_date, document=document)
    if document == FORM:
        entries = form_entries(ws, refs, all_approved=all_approved, all_listed=all_listed)
        return (yield from form_steps(out, st, entries))
    if document in (LIST, LIST_MASKED):
        return (yield from list_steps(out, st, list_entries(ws), masked=document == LIST_MASKED))
    if document == DECREE:
        assert decree is not None
        return (yield from decree_steps(out, st, list_entries(ws), decree))
    raise ValueError(f"unknown document {document}")


EMBLEM_MISSING = Text(
    "lambang daerah belum diatur: kop surat memuat lambang contoh bertanda CONTOH; simpan lambang yang asli "
    "dengan 'jamsos print emblem BERKAS' (atau di Pengaturan)",
    "the regional emblem is not set: the letterhead shows a sample emblem marked CONTOH; store the real one "
    "with 'jamsos print emblem FILE' (or in Settings)",
)
REGULATION_MISSING = Text(
    "nomor peraturan APB desa/nagari belum diisi: Mengingat butir terakhir memuat titik-titik untuk diisi "
    "tangan; isi dengan --regulation-number",
    "the village budget regulation's number is not set: the last Mengingat item has dots to fill in by hand; "
    "set it with --regulation-number",
)


def notices(ws: Workspace, document: str) -> list[Text]:
    """What a person should know before printing ``document``: placeholders the paper would
    carry, approved people who no longer pass a rule, and a decree that charges more than the pagu."""
    st = setup(ws, document=document)
    out = []
    if emblem_missing(st.emblem):
        out.append(EMBLEM_MISSING)
    if document == DECREE and not st.regulation_number:
        out.append(REGULATION_MISSING)
    with ws.reading() as s:
        program = program_row(active_program(s))
        decided = _decided_since(s, program.id)
        failing = _no_longer_eligible(s, program, decided)
        total = sum(months * monthly for _wid, _name, months, monthly in decided)
    if failing:
        out.append(_failing_notice(failing))
    if document == DECREE and program.budget_ceiling is not None and total > program.budget_ceiling:
        over, ceiling, charged = (
            money.rupiah(x) for x in (total - program.budget_ceiling, program.budget_ceiling, total)
        )
        out.append(
            Text(
                f"keputusan ini membebankan {charged}, melebihi pagu {ceiling} sebesar {over}; turunkan jumlah "
                "peserta atau naikkan pagu sebelum ditandatangani",
                f"this decree charges {charged}, {over} above the budget ceiling of {ceiling}; reduce the "
                "participants or raise the ceiling before it is signed",
            )
        )
    return out


def _decided_since(s: Session, program_id: str) -> list[tuple[str, str, int, int]]:
    """(worker id, name, months, monthly contribution) of everyone on the paper (approved and later)."""
    rows = s.execute(
        select(models.Worker.id, models.Worker.name, models.Nomination.months, models.Nomination.monthly_contribution)
        .join(models.Worker, models.Worker.id == models.Nomination.worker_id)
        .where(
            models.Nomination.program_id == program_id,
            models.Nomination.deleted_at.is_(None),
            models.Worker.deleted_at.is_(None),
            models.Nomination.status.in_(ON_PAPER),
        )
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def _no_longer_eligible(
    s: Session, program: ProgramRow, decided: list[tuple[str, str, int, int]]
) -> list[tuple[str, Text]]:
    """The approved (and later) people whom the rules, as they are now, would not let through,
    each with the first rule they fail. Only their households are assessed: every rule needs no more."""
    if not decided:
        return []
    ids = {wid for wid, *_ in decided}
    kks = set(s.execute(select(models.Worker.kk).where(models.Worker.id.in_(ids))).scalars())
    facts = [f for f, _ in facts_query(s, program.id, kk=kks)]
    results = eligibility.assess_all(
        facts,
        program.rules,
        program.weights,
        reference=program.reference_date,
        quota=program.quota,
        words=village_words(current_village(s)),
    )
    names = {wid: name for wid, name, *_ in decided}
    out = []
    for a in results:
        if a.worker_id in ids and not a.eligible:
            why = next(o for o in a.outcomes if not o.passed)
            out.append((names[a.worker_id], why.reason))
    return sorted(out, key=lambda x: x[0].lower())


def _failing_notice(failing: list[tuple[str, Text]]) -> Text:
    shown = failing[:3]
    more = len(failing) - len(shown)
    listed_id = "; ".join(f"{name} ({why.id})" for name, why in shown) + (f"; dan {more} lainnya" if more else "")
    listed_en = "; ".join(f"{name} ({why.en})" for name, why in shown) + (f"; and {more} more" if more else "")
    return Text(
        f"{len(failing)} orang yang sudah disetujui tidak lagi memenuhi aturan program: {listed_id}. "
        "Periksa datanya, atau tolak usulannya, sebelum dicetak dan ditandatangani",
        f"{len(failing)} approved {'person no longer passes' if len(failing) == 1 else 'people no longer pass'} "
        f"the program's rules: {listed_en}. Check the records, or decline them, before printing and signing",
    )


def build_bytes(ws: Workspace, document: str, **options: Any) -> tuple[bytes, Built]:
    buf = io.BytesIO()
    built = build(ws, document, buf, **options)
    return buf.getvalue(), built


def build_bytes_steps(
    ws: Workspace, document: str, **options: Any
) -> Generator[tuple[int, int], None, tuple[bytes, Built]]:
    """:func:`build_bytes` step by step (the UI runs it off the GUI thread with a progress bar)."""
    buf = io.BytesIO()
    built = yield from build_steps(ws, document, buf, **options)
    return buf.getvalue(), built


def write_file(path: Path, data: bytes) -> None:
    """Writes a PDF next to its final name first, so a failed write never leaves half a file."""
    path = path.expanduser()
    if path.suffix.lower() != ".pdf":
        raise UserError("out", Text("harus berakhiran .pdf", "must end in .pdf"), str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError("out", Text("foldernya tidak ada", "its folder does not exist"), str(path))
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".jamsos-", suffix=".pdf", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        Path(tmp).replace(path)
        tmp = None
    except PermissionError:
        raise UserError(
            "out",
            Text(
                "tidak bisa ditulis; tutup berkas itu bila sedang dibuka di penampil PDF, atau pilih folder lain",
                "cannot be written; close it if a PDF viewer has it open, or choose another folder",
            ),
            str(path),
        ) from None
    except OSError as exc:
        raise UserError(
            "out",
            Text(f"tidak bisa ditulis ({exc.strerror})", f"cannot be written ({exc.strerror})"),
            str(path),
        ) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def record_output(ws: Workspace, actor: Actor, document: str, built: Built, *, paper: str, target: str) -> None:
    """Audits that a document with personal data left the database (printed or saved): what, how many, where to.

    ``target`` is "printer" or "file"; no names, NIKs or paths go into the trail.
    """
    with ws.unit_of_work(actor) as uow:
        uow.audit(
            "document.output",
            "document",
            None,
            None,
            {
                "document": document,
                "pages": built.pages,
                "nominations": len(built.nomination_ids),
                "paper": paper,
                "target": target,
            },
        )


# -- marking --------------------------------------------------------------------------------


def mark_printed(
    ws: Workspace, actor: Actor, nomination_ids: Iterable[str], what: str = "formulir"
) -> list[NominationRow]:
    """Marks the nominations printed (time and user in their history), all in one transaction.

    Approved ones become printed; printed ones are re-marked (a reprint is recorded too); later
    statuses (signed, exported, ...) are left as they are, since a list reprint does not undo a signature.
    """
    actor.require(ROLE_OPERATOR, ROLE_ADMIN, ROLE_APPROVER)
    out: list[NominationRow] = []
    with ws.unit_of_work(actor) as uow:
        for nid in dict.fromkeys(nomination_ids):
            n = uow.session.get_one(models.Nomination, nid)
            if n.status in (statuses.APPROVED, statuses.PRINTED):
                n = set_status(uow, nid, statuses.PRINTED, f"dicetak: {what}")
            out.append(nomination_row(n, with_events=False))
    return out


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def store_attachment(uow: UnitOfWork, data: bytes, filename: str) -> str:
    """Stores a file once by its SHA-256 and returns the hash (audited: it holds personal data)."""
    s, actor = uow.session, uow.actor
    if len(data) > MAX_SCAN_BYTES:
        raise UserError("scan", Text("lebih dari 20 MB; perkecil resolusinya", "larger than 20 MB"), filename)
    mime = _sniff(data)
    if mime is None:
        raise UserError("scan", Text("bukan berkas PDF, JPG atau PNG", "is not a PDF, JPG or PNG file"), filename)
    digest = hashlib.sha256(data).hexdigest()
    if s.get(models.Attachment, digest) is None:
        s.add(
            models.Attachment(
                sha256=digest,
                mime=mime,
                size=len(data),
                filename=Path(filename).name[:200],
                data=data,
                created_by=actor.id,
            )
        )
        uow.audit("attachment.add", "attachment", digest, None, {"mime": mime, "size": len(data)})
    return digest


def mark_signed(
    ws: Workspace, actor: Actor, ref: str, *, scan: bytes | None = None, filename: str = ""
) -> NominationRow:
    """Marks a worker's printed nomination signed, optionally keeping the scan or photo of the paper."""
    actor.require(ROLE_OPERATOR, ROLE_ADMIN, ROLE_APPROVER)
    with ws.unit_of_work(actor) as uow:
        s = uow.session
        w = resolve(s, ref)
        n = s.execute(
            select(models.Nomination).where(
                models.Nomination.worker_id == w.id,
                models.Nomination.program_id == active_program(s).id,
                models.Nomination.deleted_at.is_(None),
            )
        ).scalar()
        if n is None:
            raise UserError("worker", Text("belum diusulkan", "has not been proposed"), short_id(w.id))
        if n.status != statuses.PRINTED:
            raise UserError(
                "nomination",
                Text(
                    f"berstatus {statuses.label(n.status, 'id')}; yang bisa ditandai ditandatangani hanya yang "
                    "sudah Dicetak",
                    f"is {statuses.label(n.status, 'en')}; only printed nominations can be marked signed",
                ),
                short_id(w.id),
            )
        digest = store_attachment(uow, scan, filename or "pindaian") if scan is not None else None
        note = f"pindaian {digest[:12]}" if digest else ""
        extra = {"signed_scan_sha256": digest} if digest else {}
        n = set_status(uow, n.id, statuses.SIGNED, note, **extra)
        s.flush()
        return nomination_row(n, with_events=False)


@dataclass(frozen=True, slots=True)
class Scan:
    sha256: str
    mime: str
    filename: str
    data: bytes


def get_scan(ws: Workspace, sha256: str) -> Scan:
    with ws.reading() as s:
        a = s.get(models.Attachment, sha256)
        if a is None:
            raise UserError("scan", Text("tidak ditemukan", "not found"), sha256[:12])
        return Scan(a.sha256, a.mime, a.filename, a.data)


def scan_of(ws: Workspace, ref: str) -> Scan:
    """The stored scan of a worker's signed nomination (ID or NIK)."""
    with ws.reading() as s:
        w = resolve(s, ref)
        sha = s.execute(
            select(models.Nomination.signed_scan_sha256).where(
                models.Nomination.worker_id == w.id,
                models.Nomination.program_id == active_program(s).id,
                models.Nomination.deleted_at.is_(None),
            )
        ).scalar()
        sid = short_id(w.id)
    if not sha:
        raise UserError("scan", Text("belum ada untuk pekerja ini", "none stored for this worker"), sid)
    return get_scan(ws, sha)


def read_emblem(path: str | Path) -> bytes:
    """The emblem file read (a regular file, at most :data:`MAX_EMBLEM_BYTES`) and checked, for
    the wizard and the settings page alike: a wrong file is refused naming the field and the file."""
    data = read_limited(path, MAX_EMBLEM_BYTES, "emblem")
    check_emblem(data, str(path))
    return data


def check_emblem(data: bytes, filename: str) -> None:
    """Refuses what cannot be the letterhead's emblem (not a PNG/JPG picture, or too large),
    naming the field and the file; checked before anything is written."""
    if len(data) > MAX_EMBLEM_BYTES:
        raise UserError(
            "emblem",
            Text(
                f"lebih dari {MAX_EMBLEM_BYTES // (1024 * 1024)} MB; perkecil ukuran gambarnya",
                f"is larger than {MAX_EMBLEM_BYTES // (1024 * 1024)} MB; use a smaller picture",
            ),
            filename,
        )
    if _sniff(data) not in ("image/png", "image/jpeg"):
        raise UserError("emblem", Text("harus berkas PNG atau JPG", "must be a PNG or JPG file"), filename)
    try:
        from PIL import Image  # ReportLab's own image reader
    except ImportError:  # pragma: no cover - ReportLab requires Pillow; without it, the bytes' type is all we know
        return
    try:  # the right first bytes on a broken file would only fail when a letterhead is drawn
        with Image.open(io.BytesIO(data)) as im:
            im.verify()
    except Exception:
        raise UserError(
            "emblem",
            Text("rusak atau tidak bisa dibaca sebagai gambar", "is damaged or not a readable picture"),
            filename,
        ) from None


def set_emblem(ws: Workspace, actor: Actor, data: bytes, filename: str) -> str:
    """Stores the village emblem (PNG or JPG) for the letterhead."""
    from .village import update_village

    check_emblem(data, filename)
    with ws.unit_of_work(actor) as uow:
        digest = store_attachment(uow, data, filename)
    update_village(ws, actor, emblem_sha256=digest)
    return digest


def default_paper(ws: Workspace) -> str:
    with ws.reading() as s:
        return _default_paper(s)


def _default_paper(s: Session) -> str:
    value = setting_value(s, PAPER_SETTING)
    return value if isinstance(value, str) and value in PAPERS else A4


def set_default_paper(ws: Workspace, actor: Actor, paper: str) -> str:
    actor.require(ROLE_OPERATOR, ROLE_ADMIN)
    chosen = check_paper(paper)
    put_setting(ws, actor, PAPER_SETTING, chosen)
    return chosen


# -- QR verification ------------------------------------------------------------------------

QR_CURRENT = "current"
QR_OLDER = "older"
QR_UNKNOWN = "unknown"
QR_INVALID = "invalid"

#: The CLI's exit status for each answer: only a paper that matches the record is a success.
QR_EXIT = {QR_CURRENT: 0, QR_OLDER: 3, QR_UNKNOWN: 4, QR_INVALID: 5}


@dataclass(frozen=True, slots=True)
class QrCheck:
    """What a form's code says. ``message`` is in the language in use; ``text`` carries both."""

    state: str  # current | older | unknown | invalid
    text: Text
    worker_id: str | None = None
    printed_version: int | None = None
    current_version: int | None = None

    @property
    def message(self) -> str:
        return self.text.get()

    @property
    def ok(self) -> bool:
        return self.state == QR_CURRENT

    def to_dict(self) -> dict[str, object]:
        return {
            "state": self.state,
            "message": self.message,
            "worker_id": self.worker_id,
            "printed_version": self.printed_version,
            "current_version": self.current_version,
        }


def verify_qr(ws: Workspace, payload: str) -> QrCheck:
    """Does a printed form's QR code match the current record, an older version of it, or nothing?

    Also takes the line under the form typed by hand ("ID 1a2b3c4d · versi 3 · kode 9ce46733f2").
    A code whose version is the record's current one but whose content hash differs was never printed
    by this app from that record: it is not valid (forged or mistyped), not an older version.
    """
    parsed = qr.parse(payload)
    typed = qr.parse_typed(payload) if parsed is None else None
    if parsed is None and typed is None:
        return QrCheck(QR_UNKNOWN, Text("Kode QR ini bukan formulir JAMSOS.", "This QR code is not a JAMSOS form."))
    with ws.reading() as s:
        if parsed is None:
            assert typed is not None
            try:
                found = resolve(s, typed[0])
            except UserError:
                return QrCheck(
                    QR_UNKNOWN,
                    Text("Tidak ada data pekerja untuk kode ini.", "No worker record matches this code."),
                    typed[0],
                )
            parsed = qr.Parsed(found.id, typed[1], typed[2])
        w = s.get(models.Worker, parsed.worker_id)
        if w is None or w.deleted_at is not None:
            return QrCheck(
                QR_UNKNOWN,
                Text("Tidak ada data pekerja untuk kode QR ini.", "No worker record matches this QR code."),
                parsed.worker_id,
            )
        program = active_program(s)
        n = s.execute(
            select(models.Nomination).where(
                models.Nomination.worker_id == w.id,
                models.Nomination.program_id == program.id,
                models.Nomination.deleted_at.is_(None),
            )
        ).scalar()
        row = worker_row(w)
        sid = short_id(w.id)
        versions = (w.id, parsed.version, row.version)
        if parsed.version > row.version:
            return QrCheck(
                QR_UNKNOWN,
                Text(
                    f"Versi {parsed.version} tidak pernah ada untuk pekerja {sid}: formulir ini bukan cetakan "
                    "aplikasi ini.",
                    f"Version {parsed.version} never existed for worker {sid}: this form was not printed by this app.",
                ),
                *versions,
            )
        if n is not None and qr.content_hash(row, nomination_row(n, with_events=False), program.year) == parsed.digest:
            return QrCheck(
                QR_CURRENT,
                Text(
                    f"Cocok: formulir ini sesuai dengan data pekerja {sid} saat ini.",
                    f"Match: this form agrees with worker {sid}'s current record.",
                ),
                *versions,
            )
        if parsed.version == row.version:
            return QrCheck(
                QR_INVALID,
                Text(
                    f"Tidak sah: kode isi {parsed.digest} tidak cocok dengan data pekerja {sid} versi "
                    f"{row.version}; formulir ini bukan cetakan asli dari data ini, atau kodenya salah ketik.",
                    f"Not valid: content code {parsed.digest} does not match worker {sid}'s record at version "
                    f"{row.version}; this form was not printed from this record, or the code was mistyped.",
                ),
                *versions,
            )
        return QrCheck(
            QR_OLDER,
            Text(
                f"Versi lama: data pekerja {sid} sudah berubah sejak formulir ini dicetak (versi cetak "
                f"{parsed.version}, versi sekarang {row.version}); cetak ulang formulirnya.",
                f"Older version: worker {sid}'s record has changed since this form was printed (printed version "
                f"{parsed.version}, current version {row.version}); print the form again.",
            ),
            *versions,
        )
