"""``hub report`` on both engines: the figures agree with a count of the rows put in; the PDF is
Indonesian, laid out inside its margins, reproducible and signed; the spreadsheet types its cells."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path
from typing import Any

import pypdf
import pytest
from python_calamine import CalamineWorkbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from jamsos_desktop.cli.main import main
from jamsos_desktop.domain import statuses
from jamsos_desktop.domain.actors import Actor
from jamsos_desktop.domain.text import UserError
from jamsos_desktop.hub import report, report_pdf
from jamsos_desktop.hub.context import Hub
from jamsos_desktop.hub.report_pdf import build_pdf
from jamsos_desktop.hub.storage import outcomes

from ..reports.layout import problems, recording
from .conftest import PASSWORD
from .outcome_rows import VILLAGES, add_villages, add_worker

TODAY = dt.date(2026, 12, 2)
CATS = ["petani", "guru_ngaji", "linmas", "kader_pkk"]
STATES = ["exported", "registered", "rejected", "approved", "declined", "proposed", "signed", None]
SIGNER = report.Signer("Dr. H. Asep Kurnia, M.Si.", "Kepala Dinas Tenaga Kerja", "197001011995031001", "Soreang")


def _scene(hub: Hub, seed: int = 4, n: int = 45) -> list[dict[str, Any]]:
    """Random workers and nominations; some answered by the hub. Returns what was put in."""
    rows = add_villages(hub, quota=7)
    rng = random.Random(seed)
    put: list[dict[str, Any]] = []
    answers = []
    for i in range(n):
        v = rng.choice(list(VILLAGES))
        st = rng.choice(STATES)
        cat = rng.choice(CATS)
        wid, nid = add_worker(
            hub,
            rows,
            v,
            nik=f"3204054101{i:06d}",
            name=f"Orang {i}",
            birth=dt.date(1980, 1, 1),
            status=st,
            category=cat,
        )
        outcome = None
        if st == "exported" and rng.random() < 0.6:
            outcome = rng.choice(["registered", "rejected", "duplicate"])
            answers.append(
                {
                    "village_code": v,
                    "nomination_id": nid,
                    "worker_id": wid,
                    "outcome": outcome,
                    "kpj": "12345678901" if outcome == "registered" else "",
                    "reason": "" if outcome == "registered" else "alasan",
                }
            )
        put.append({"village": v, "status": st, "outcome": outcome, "category": cat})
    with hub.store.write(None) as s:
        outcomes.put_results(s, answers)
    return put


def _expected(put: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The report's counts per village, counted directly from what was put in."""
    out: dict[str, dict[str, int]] = {}
    for p in put:
        e = out.setdefault(
            p["village"],
            {"recorded": 0, "nominated": 0, "approved": 0, "registered": 0, "rejected": 0, "duplicate": 0, "budget": 0},
        )
        e["recorded"] += 1
        state = p["outcome"] or p["status"]
        if state is None:
            continue
        e["nominated"] += state != "declined"
        e["approved"] += state not in ("declined", "proposed")
        e["registered"] += state == "registered"
        e["rejected"] += state == "rejected"
        e["duplicate"] += state == "duplicate"
        e["budget"] += 12 * 16800 if state in statuses.COUNTS_IN_QUOTA else 0
    return out


def test_the_figures_are_the_rows_counted(hub: Hub, clerk: Actor) -> None:
    put = _scene(hub)
    fig = report.figures(hub, today=TODAY)
    want = _expected(put)
    assert fig.year == 2026 and fig.regency == "Kabupaten Bandung"
    for v in fig.villages:
        got = {k: getattr(v, k) for k in want[v.code]}
        assert got == want[v.code], v.code
        assert v.quota == 7 and v.kecamatan == VILLAGES[v.code][1]
    assert {k.name: k.recorded for k in fig.kecamatan} == {
        "Cileunyi": sum(1 for p in put if VILLAGES[p["village"]][1] == "Cileunyi"),
        "Cimenyan": sum(1 for p in put if VILLAGES[p["village"]][1] == "Cimenyan"),
    }
    assert fig.total.registered == sum(w["registered"] for w in want.values())
    assert sum(c.recorded for c in fig.categories) == len(put)
    assert [y.year for y in fig.years] == [2026] and fig.years[0].budget == fig.total.budget
    assert fig.target is None
    report.set_target(hub, clerk, 1000)
    assert report.figures(hub, today=TODAY).target_share() == fig.total.registered / 1000


def _plain_figures(villages: int = 40) -> report.Figures:
    """Figures as plain data, many villages over several kecamatan and years (the PDF takes nothing else)."""
    rng = random.Random(9)
    fig = report.Figures("Dinas Tenaga Kerja Kabupaten Bandung", "Kabupaten Bandung", "Jawa Barat", 2026, TODAY, None)
    for i in range(villages):
        rec = rng.randrange(20, 200)
        nom = rng.randrange(0, rec)
        reg = rng.randrange(0, nom + 1)
        v = report.Line(f"Sukamaju Nomor {i}", f"32.04.{i // 8:02d}.{2001 + i}", f"Kecamatan {i // 8}")
        v.recorded, v.nominated, v.approved, v.registered, v.quota, v.budget = rec, nom, nom, reg, 100, nom * 201600
        fig.villages.append(v)
        fig.total.add(v)
    for k in sorted({v.kecamatan for v in fig.villages}):
        line = report.Line(k)
        for v in fig.villages:
            if v.kecamatan == k:
                line.add(v)
        fig.kecamatan.append(line)
    fig.categories = [
        report.Line(n, n, recorded=50, nominated=20, registered=5) for n in ("Petani", "Kader PKK", "Linmas")
    ]
    fig.years = [
        report.YearLine(y, 100 * (y - 2023), 80 * (y - 2023), 2_000_000 * (y - 2023)) for y in (2024, 2025, 2026)
    ]
    return fig


def test_the_pdf_is_indonesian_inside_its_margins_reproducible_and_signed(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf_fig = _plain_figures()
    charts: list[tuple[float, float, float, float]] = []
    with recording(monkeypatch) as rec:
        draw = report_pdf.renderPDF.draw

        def chart(d: Any, c: Any, x: float, y: float) -> None:
            # a chart's strings are placed in the drawing's own coordinates: the box is what is checked
            page = rec.page(c)
            before = len(page.texts), len(page.lines)
            draw(d, c, x, y)
            del page.texts[before[0] :], page.lines[before[1] :]
            charts.append((x, y, x + d.width, y + d.height))

        monkeypatch.setattr(report_pdf.renderPDF, "draw", chart)
        data, pages = build_pdf(pdf_fig, SIGNER)
    margins = (15 * mm, 14 * mm, 14 * mm, 9 * mm)
    for page in rec.pages[-pages:]:
        found = problems(page, margins, allowed_on_images=set())
        assert found == [], found[:5]
    assert charts and all(x0 >= 18 * mm and x1 <= A4[0] - 15 * mm and y0 >= 18 * mm for x0, y0, x1, _ in charts)
    assert build_pdf(pdf_fig, SIGNER)[0] == data
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    for phrase in (
        "PEMERINTAH KABUPATEN BANDUNG",
        "LAPORAN CAKUPAN JAMINAN SOSIAL KETENAGAKERJAAN",
        "Inpres Nomor 2 Tahun 2021",
        "Paritrana Award",
        "Per kecamatan",
        "Per desa/kelurahan",
        "Per kategori pekerja",
        "Sukamaju Nomor 39",
        "Kader PKK",
        "Kecamatan 4",
        "Soreang, 2 Desember 2026",
        "Dr. H. Asep Kurnia, M.Si.",
        "NIP. 197001011995031001",
        f"Halaman {pages} dari {pages}",
    ):
        assert phrase in text, phrase
    assert "belum ditetapkan" in text  # no target yet


def test_the_longest_signer_stays_inside_the_margins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The class of the village documents' long names: a head of office with every title, and a
    long office, wrap within the signature block instead of running off the page."""
    longest = report.Signer(
        "Dr. H. Muhammad Ridwan Nugraha Prawiranegara, S.Sos., M.Si.",
        "Kepala Dinas Tenaga Kerja, Transmigrasi dan Perindustrian Kabupaten Padang Pariaman",
        "197805122005011003",
        "Parit Malintang",
    )
    with recording(monkeypatch) as rec:
        monkeypatch.setattr(report_pdf.renderPDF, "draw", lambda *_a: None)  # the charts are checked above
        _, pages = build_pdf(_plain_figures(), longest)
    for page in rec.pages[-pages:]:
        found = problems(page, (15 * mm, 14 * mm, 14 * mm, 9 * mm), allowed_on_images=set())
        assert found == [], found[:5]


def test_the_spreadsheet_has_every_table_with_numbers_as_numbers(hub: Hub, clerk: Actor, tmp_path: Path) -> None:
    _scene(hub)
    report.write_report(hub, clerk, tmp_path / "r.xlsx", target=300, today=TODAY)
    wb = CalamineWorkbook.from_path(str(tmp_path / "r.xlsx"))
    assert wb.sheet_names == ["Ringkasan", "Per tahun", "Per kecamatan", "Per desa", "Per kategori"]
    desa = wb.get_sheet_by_name("Per desa").to_python()
    fig = report.figures(hub, today=TODAY)
    assert desa[0][:4] == ["Kode", "Desa/Kelurahan", "Kecamatan", "Tercatat"]
    for row, v in zip(desa[1:], fig.villages, strict=True):
        assert row[0] == v.code and isinstance(row[0], str)
        assert row[3:] == [
            v.recorded,
            v.nominated,
            v.approved,
            v.registered,
            v.rejected,
            v.duplicate,
            v.quota,
            v.budget,
        ]
    summary = wb.get_sheet_by_name("Ringkasan").to_python()
    assert ["Target pekerja terlindungi kabupaten", 300] in [r[:2] for r in summary]
    with pytest.raises(UserError, match=r"pdf atau \.xlsx"):
        report.write_report(hub, clerk, tmp_path / "r.docx")


def test_the_command_line_writes_both_and_keeps_the_target(
    hub_url: str, hub: Hub, clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAMSOS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JAMSOS_HUB_PASSWORD", PASSWORD)
    _scene(hub, n=12)
    base = ["hub", "--db", hub_url, "--user", "clerk", "report"]
    assert main([*base, "--out", str(tmp_path / "l.pdf"), "--target", "250", "--signer", "Ibu Kepala"]) == 0
    assert main([*base, "--out", str(tmp_path / "l.xlsx")]) == 0
    assert (tmp_path / "l.pdf").read_bytes().startswith(b"%PDF") and (tmp_path / "l.xlsx").stat().st_size
    assert report.figures(hub, today=TODAY).target == 250
    # The signer given once is kept: the next report is signed alike without repeating it.
    assert report.stored_signer(hub).name == "Ibu Kepala"
    assert main([*base, "--out", str(tmp_path / "l2.pdf"), "--signer-title", "Kepala Dinas"]) == 0
    kept = report.stored_signer(hub)
    assert (kept.name, kept.title) == ("Ibu Kepala", "Kepala Dinas")
    assert main([*base, "--out", str(tmp_path / "l3.pdf"), "--signer-nip", "123"]) == 1  # NIP: 18 digits
    assert main([*base, "--out", str(tmp_path / "l.txt")]) == 1
