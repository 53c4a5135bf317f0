"""The printing service on a real village database: gather, build, mark printed/signed, verify the QR."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.reports import qr
from jamsos_desktop.reports.base import DecreeInfo
from jamsos_desktop.services import nominations, printing, workers
from jamsos_desktop.services.context import Actor, Workspace
from jamsos_desktop.storage import models

from .factory import page_sizes_mm, pdf_pages

DAY = dt.date(2026, 11, 21)


@pytest.fixture
def approved(demo_workspace: Workspace, operator: Actor, head: Actor) -> list[str]:
    """Six approved nominations; returns their worker ids."""
    changed = nominations.nominate_ranked(demo_workspace, operator, limit=6)
    nominations.approve(demo_workspace, head)
    return list(changed.worker_ids)


def _qr_payload(ws: Workspace, worker_id: str) -> str:
    e = printing.form_entries(ws, [worker_id])[0]
    return qr.payload(e.worker, e.nomination, printing.setup(ws).program.year)


def test_forms_for_all_approved_then_marked_printed(
    demo_workspace: Workspace, operator: Actor, approved: list[str]
) -> None:
    ws = demo_workspace
    data, built = printing.build_bytes(ws, printing.FORM, all_approved=True, paper="f4", print_date=DAY)
    assert built.pages == 6
    pages = pdf_pages(data)
    assert set(page_sizes_mm(data)) == {(215, 330)}
    names = {workers.get_worker(ws, wid).worker.name for wid in approved}
    assert {n for n in names if any(n in p for p in pages)} == names
    rows = printing.mark_printed(ws, operator, built.nomination_ids)
    assert {r.status for r in rows} == {statuses.PRINTED}
    for wid in approved:
        n = workers.get_worker(ws, wid).nomination
        assert n is not None and n.status == statuses.PRINTED and n.printed_at is not None
        assert n.events[-1].username == operator.username
        assert n.events[-1].note == "dicetak: formulir"
    # Nothing approved is left to print.
    with pytest.raises(UserError):
        printing.build_bytes(ws, printing.FORM, all_approved=True)
    # A reprint of the printed forms by id is allowed and recorded.
    printing.build_bytes(ws, printing.FORM, refs=approved[:1])
    printing.mark_printed(ws, operator, built.nomination_ids[:1])


def test_form_for_a_worker_who_is_not_approved(demo_workspace: Workspace, approved: list[str]) -> None:
    ws = demo_workspace
    others = [w.id for w in workers.list_workers(ws) if w.id not in approved]
    with pytest.raises(UserError) as e:
        printing.build_bytes(ws, printing.FORM, refs=[others[0]])
    assert "belum disetujui" in e.value.message("id")
    with pytest.raises(UserError):
        printing.build_bytes(ws, printing.FORM, refs=["bukan-id"])


def test_list_and_decree_from_the_database(demo_workspace: Workspace, approved: list[str]) -> None:
    ws = demo_workspace
    data, built = printing.build_bytes(ws, printing.LIST, print_date=DAY, paper="a4")
    assert len(built.nomination_ids) == 6
    text = "\n".join(pdf_pages(data))
    assert "Jumlah peserta: 6 (enam) orang" in text
    assert "Rp1.209.600" in text  # 6 × 16.800 × 12
    masked, _ = printing.build_bytes(ws, printing.LIST_MASKED, print_date=DAY)
    for wid in approved:
        assert workers.get_worker(ws, wid).worker.nik not in "\n".join(pdf_pages(masked))
    decree, built = printing.build_bytes(ws, printing.DECREE, decree=DecreeInfo("1/KPTS/2026", DAY))
    body = "\n".join(pdf_pages(decree))
    assert "KEPUTUSAN KEPALA DESA CIBIRU HILIR" in body and "1/KPTS/2026" in body
    # The same data gives the same bytes, also through the service.
    again, _ = printing.build_bytes(ws, printing.DECREE, decree=DecreeInfo("1/KPTS/2026", DAY))
    assert again == decree


def test_empty_list_is_a_user_error(workspace: Workspace) -> None:
    with pytest.raises(UserError) as e:
        printing.build_bytes(workspace, printing.LIST)
    assert "disetujui" in e.value.message("id")


def test_sign_with_a_scan(demo_workspace: Workspace, operator: Actor, approved: list[str]) -> None:
    ws = demo_workspace
    wid = approved[0]
    with pytest.raises(UserError) as e:  # not printed yet
        printing.mark_signed(ws, operator, wid)
    assert "Dicetak" in e.value.message("id")
    _, built = printing.build_bytes(ws, printing.FORM, refs=approved[:2])
    printing.mark_printed(ws, operator, built.nomination_ids)
    with pytest.raises(UserError) as e:
        printing.mark_signed(ws, operator, wid, scan=b"not an image", filename="x.txt")
    assert "PDF, JPG atau PNG" in e.value.message("id")
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buf, "PNG")
    n = printing.mark_signed(ws, operator, wid, scan=buf.getvalue(), filename="/home/op/scan.png")
    assert n.status == statuses.SIGNED and n.signed_at is not None and n.signed_scan_sha256
    scan = printing.get_scan(ws, n.signed_scan_sha256)
    assert scan.data == buf.getvalue() and scan.mime == "image/png" and scan.filename == "scan.png"
    # Without a scan is fine too; the same scan twice is stored once.
    n2 = printing.mark_signed(ws, operator, approved[1], scan=buf.getvalue(), filename="scan.png")
    assert n2.signed_scan_sha256 == n.signed_scan_sha256
    with ws.reading() as s:
        assert len(s.execute(select(models.Attachment)).all()) == 1


def test_verify_qr_current_older_unknown(demo_workspace: Workspace, operator: Actor, approved: list[str]) -> None:
    ws = demo_workspace
    wid = approved[0]
    payload = _qr_payload(ws, wid)
    assert printing.verify_qr(ws, payload).state == printing.QR_CURRENT
    # Without a scanner, the line printed under the form can be typed instead.
    _, wid_, version, digest = payload.split("|")
    typed = f"ID {wid_[-8:]} · versi {version} · kode {digest}"
    assert printing.verify_qr(ws, typed).state == printing.QR_CURRENT
    assert printing.verify_qr(ws, f"{wid_[-8:]} {version} {digest}").state == printing.QR_CURRENT
    assert printing.verify_qr(ws, f"ID ffffffff versi {version} kode {digest}").state == printing.QR_UNKNOWN
    # Marking printed raises the record's version but not what is on paper: still current.
    _, built = printing.build_bytes(ws, printing.FORM, refs=[wid])
    printing.mark_printed(ws, operator, built.nomination_ids)
    assert printing.verify_qr(ws, payload).state == printing.QR_CURRENT
    workers.edit_worker(ws, operator, wid, {"heir_name": "Nama Baru Sekali", "heir_relation": "Anak"})
    older = printing.verify_qr(ws, payload)
    assert older.state == printing.QR_OLDER
    assert older.current_version is not None and older.printed_version is not None
    assert older.current_version > older.printed_version
    assert printing.verify_qr(ws, _qr_payload(ws, wid)).state == printing.QR_CURRENT
    parts = payload.split("|")
    assert printing.verify_qr(ws, "|".join([*parts[:2], "999", parts[3]])).state == printing.QR_UNKNOWN
    assert printing.verify_qr(ws, "halo").state == printing.QR_UNKNOWN
    ghost = "|".join([parts[0], "0190a1b2-c3d4-7e5f-8a9b-000000000000", *parts[2:]])
    assert printing.verify_qr(ws, ghost).state == printing.QR_UNKNOWN


def test_stored_emblem_is_used(demo_workspace: Workspace, operator: Actor, approved: list[str]) -> None:
    ws = demo_workspace
    before, _ = printing.build_bytes(ws, printing.LIST, print_date=DAY)
    with pytest.raises(UserError):
        printing.set_emblem(ws, operator, b"%PDF-1.4", "lambang.pdf")
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buf, "PNG")
    digest = printing.set_emblem(ws, operator, buf.getvalue(), "lambang.png")
    assert printing.setup(ws).emblem == buf.getvalue()
    after, _ = printing.build_bytes(ws, printing.LIST, print_date=DAY)
    assert after != before
    with ws.reading() as s:
        v = s.execute(select(models.Village)).scalar_one()
        assert v.emblem_sha256 == digest


def test_default_paper_setting(workspace: Workspace, operator: Actor) -> None:
    assert printing.default_paper(workspace) == "a4"
    printing.set_default_paper(workspace, operator, "F4")
    assert printing.default_paper(workspace) == "f4"
    assert printing.setup(workspace).paper == "f4"
    assert printing.setup(workspace, paper="a4").paper == "a4"
    with pytest.raises(UserError):
        printing.set_default_paper(workspace, operator, "legal")


def test_output_and_scans_are_audited_without_personal_data(
    demo_workspace: Workspace, operator: Actor, approved: list[str]
) -> None:
    ws = demo_workspace
    _, built = printing.build_bytes(ws, printing.FORM, all_approved=True)
    printing.record_output(ws, operator, printing.FORM, built, paper="f4", target="file")
    printing.mark_printed(ws, operator, built.nomination_ids)
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG")
    printing.mark_signed(ws, operator, approved[0], scan=buf.getvalue(), filename="scan.png")
    with ws.reading() as s:
        entries = s.execute(select(models.AuditEntry).order_by(models.AuditEntry.seq)).scalars().all()
        out = [e for e in entries if e.action == "document.output"]
        assert len(out) == 1 and out[0].username == operator.username
        assert out[0].after == {"document": "form", "pages": 6, "nominations": 6, "paper": "f4", "target": "file"}
        assert [e.action for e in entries if e.entity == "attachment"] == ["attachment.add"]
        nik = workers.get_worker(ws, approved[0]).worker.nik
        assert all(nik not in str(e.after) for e in out)


def test_write_file_is_atomic_and_explains_failures(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    printing.write_file(target, b"%PDF-1.4 one")
    printing.write_file(target, b"%PDF-1.4 two")
    assert target.read_bytes() == b"%PDF-1.4 two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]  # no temporary file left behind
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(UserError) as e:
        printing.write_file(tmp_path / "folder.pdf", b"%PDF")
    assert "folder.pdf" in e.value.message("id")
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["a.pdf", "folder.pdf"]
