"""Formulir usulan: one page per nominee, any number in one PDF.

Everything that is the same on every page (letterhead, titles, labels, rules, the consent
statement, the signature boxes) is drawn once as a PDF form XObject and placed on each page;
only the worker's values, the QR code and the footer are drawn per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from ..domain import money
from ..domain.occupations import CATEGORIES, KTP_OCCUPATIONS
from . import qr
from .base import (
    SANS,
    SANS_BOLD,
    Built,
    Entry,
    NominationRow,
    Setup,
    Steps,
    WorkerRow,
    budget_law,
    cell_text,
    count_words,
    drain,
    ellipsize,
    emblem_image,
    fit_size,
    footer,
    head_office,
    letterhead,
    mm,
    new_canvas,
    paper_size,
    paragraph,
    programs_long,
    sex_label,
    tanggal,
    unit_name,
    unit_word,
    width,
)

STATIC = "jamsos_form_static"

SECTION_A = (
    "NIK",
    "Nomor KK",
    "Nama lengkap (sesuai KTP)",
    "Tempat, tanggal lahir",
    "Jenis kelamin",
    "Alamat",
    "Dusun / RT / RW",
    "Desa / Kecamatan",
    "Nomor HP",
    "Pekerjaan (sesuai KTP)",
    "Kategori pekerja",
    "Penghasilan per bulan",
    "Terdaftar DTKS / P3KE",
)
SECTION_B = ("Nama ahli waris", "Hubungan keluarga", "Nomor HP ahli waris")
SECTION_C = (
    "Program",
    "Kepesertaan",
    "Iuran per bulan",
    "Lama perlindungan",
    "Jumlah iuran",
    "Sumber dana",
)


def consent_text(setup: Setup) -> str:
    v = setup.village
    return (
        "Dengan menandatangani formulir ini, saya menyatakan bahwa data di atas benar dan sesuai dengan KTP dan "
        f"Kartu Keluarga saya, dan saya menyetujui Pemerintah {unit_name(v)}, Pemerintah {v.regency_name}, dan "
        "BPJS Ketenagakerjaan memproses data pribadi saya dan ahli waris saya hanya untuk pendaftaran, pembayaran "
        "iuran, dan pelayanan kepesertaan jaminan sosial ketenagakerjaan, sesuai Undang-Undang Nomor 27 Tahun 2022 "
        "tentang Pelindungan Data Pribadi. Saya dapat meminta perbaikan data atau menarik persetujuan ini kapan "
        f"saja melalui kantor {unit_word(v).lower()}."
    )


@dataclass(frozen=True, slots=True)
class _Geometry:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    row: float
    label_w: float
    qr_size: float

    @property
    def value_x(self) -> float:
        return self.left + self.label_w


def _geometry(paper: str) -> _Geometry:
    w, h = paper_size(paper)
    extra = h - 297 * mm  # F4 is 33 mm taller: roomier rows and signature boxes
    return _Geometry(
        width=w,
        height=h,
        left=20 * mm,
        right=w - 15 * mm,
        top=h - 11 * mm,
        bottom=10 * mm,
        row=5.2 * mm + extra * 0.012,
        label_w=50 * mm,
        qr_size=24 * mm,
    )


@dataclass(slots=True)
class _Slots:
    """Where the per-page values go (filled in while drawing the static form)."""

    title_bottom: float = 0.0
    rows: tuple[float, ...] = ()  # top y of each value row, A then B then C
    sign_name_y: float = 0.0
    sign_cx: float = 0.0
    footer_y: float = 0.0


def _section(
    c: Canvas, g: _Geometry, y: float, heading: str, labels: Sequence[str], *, fixed: dict[int, str]
) -> tuple[float, list[float]]:
    c.setFont(SANS_BOLD, 9)
    c.drawString(g.left, y - 4.2 * mm, heading)
    y -= 5.8 * mm
    tops = []
    c.setLineWidth(0.4)
    c.setFillGray(0.93)
    c.rect(g.left, y - g.row * len(labels), g.label_w, g.row * len(labels), stroke=0, fill=1)
    c.setFillGray(0)
    for i, label in enumerate(labels):
        tops.append(y)
        cell_text(c, label, (g.left, y, g.label_w, g.row), SANS, 8.3)
        if i in fixed:
            cell_text(c, fixed[i], (g.value_x, y, g.right - g.value_x, g.row), SANS, 8.8)
        c.line(g.left, y, g.right, y)
        y -= g.row
    c.line(g.left, y, g.right, y)
    c.line(g.left, y, g.left, tops[0])
    c.line(g.value_x, y, g.value_x, tops[0])
    c.line(g.right, y, g.right, tops[0])
    return y, tops


def _draw_static(c: Canvas, setup: Setup, g: _Geometry) -> _Slots:
    v, p = setup.village, setup.program
    slots = _Slots()
    y = letterhead(c, setup, (g.left, g.right, g.top), emblem_image(setup.emblem))
    title_cx = (g.left + g.right - g.qr_size - 3 * mm) / 2
    c.setFont(SANS_BOLD, 12.5)
    c.drawCentredString(title_cx, y - 8 * mm, "FORMULIR USULAN CALON PESERTA")
    c.setFont(SANS_BOLD, 10)
    c.drawCentredString(title_cx, y - 13 * mm, "JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN")
    c.setFont(SANS, 9)
    c.drawCentredString(title_cx, y - 18 * mm, f"Tahun Anggaran {p.year} · Sumber dana {p.funding_source}")
    slots.title_bottom = y - 2.5 * mm
    y -= 2.5 * mm + g.qr_size + 1 * mm
    fixed_a = {7: f"{unit_name(v)}, Kecamatan {v.district_name}, {v.regency_name}"}
    y, tops_a = _section(c, g, y, "A.  DATA CALON PESERTA", SECTION_A, fixed=fixed_a)
    y, tops_b = _section(c, g, y, "B.  AHLI WARIS", SECTION_B, fixed={})
    funding = budget_law(v, p)
    fixed_c = {
        0: programs_long(p),
        1: f"Bukan Penerima Upah (BPU); iuran dibayar Pemerintah {unit_name(v)}",
        5: funding,
    }
    y, tops_c = _section(c, g, y, "C.  PROGRAM DAN IURAN", SECTION_C, fixed=fixed_c)
    slots.rows = (*tops_a, *tops_b, *tops_c)

    c.setFont(SANS_BOLD, 9)
    c.drawString(g.left, y - 4.2 * mm, "D.  PERNYATAAN PERSETUJUAN PENGGUNAAN DATA PRIBADI")
    y = paragraph(c, consent_text(setup), (g.left, y - 8.6 * mm, g.right - g.left), SANS, 8.2, leading=10.4)

    # Signatures: place and date, then three columns; whatever height is left is room to sign.
    c.setFont(SANS, 9)
    col = (g.right - g.left) / 3
    c.drawCentredString(g.left + 2.5 * col, y - 2.5 * mm, f"{setup.place}, {tanggal(setup.print_date)}")
    head_y = y - 7.5 * mm
    footer_y = g.bottom
    name_y = footer_y + 9 * mm
    heads = (
        ("", "Calon Peserta,"),
        ("", f"Operator {unit_word(v)},"),
        ("Mengetahui,", f"{head_office(v)},"),
    )
    for i, (l1, l2) in enumerate(heads):
        cx = g.left + (i + 0.5) * col
        c.setFont(SANS, 9)
        if l1:
            c.drawCentredString(cx, head_y, l1)
        c.drawCentredString(cx, head_y - 4.2 * mm, l2)
    # Thumbprint box beside the worker's signature space, for those who cannot write.
    box = 16 * mm
    bx = g.left + col - box - 2 * mm
    by = name_y + 6 * mm
    c.setLineWidth(0.5)
    c.setDash(2, 2)
    c.rect(bx, by, box, box)
    c.setDash()
    c.setFont(SANS, 5.8)
    c.drawCentredString(bx + box / 2, by + box + 3.6 * mm, "cap jempol kiri bila")
    c.drawCentredString(bx + box / 2, by + box + 1.2 * mm, "tidak dapat menulis")
    # Stamp room: a faint circle where the office stamp goes, overlapping the head's signature.
    c.setStrokeGray(0.8)
    c.setDash(1, 2)
    c.circle(g.left + 2.5 * col - 14 * mm, (head_y + name_y) / 2 - 3 * mm, 12 * mm)
    c.setDash()
    c.setStrokeGray(0)
    c.setFont(SANS, 5.5)
    c.setFillGray(0.6)
    c.drawCentredString(g.left + 2.5 * col - 14 * mm, (head_y + name_y) / 2 - 3.8 * mm, "cap")
    c.setFillGray(0)
    for i, name in ((1, v.operator_name), (2, v.head_name)):
        cx = g.left + (i + 0.5) * col
        nm = name.upper() if i == 2 else name
        font = SANS_BOLD
        c.setFont(font, 9)
        c.drawCentredString(cx, name_y, nm)
        w = width(nm, font, 9)
        c.setLineWidth(0.6)
        c.line(cx - w / 2, name_y - 1.3, cx + w / 2, name_y - 1.3)
    slots.sign_name_y = name_y
    slots.sign_cx = g.left + 0.5 * col
    slots.footer_y = footer_y
    return slots


def _sign_name(c: Canvas, name: str, cx: float, y: float, avail: float) -> None:
    size = fit_size(name, SANS_BOLD, 9, avail, 6)
    text = ellipsize(name, SANS_BOLD, size, avail)
    c.setFont(SANS_BOLD, size)
    c.drawCentredString(cx, y, text)
    w = width(text, SANS_BOLD, size)
    c.setLineWidth(0.6)
    c.line(cx - w / 2, y - 1.3, cx + w / 2, y - 1.3)


def _values(w: WorkerRow, n: NominationRow) -> list[str | None]:
    """Per-page values in row order; None leaves a row's fixed text alone."""
    income = money.rupiah(w.income) if w.income is not None else "-"
    total = n.monthly_contribution * n.months
    occupation = KTP_OCCUPATIONS.get(w.occupation_code, str(w.occupation_code))
    return [
        w.nik,
        w.kk,
        w.name,
        f"{w.birth_place}, {tanggal(w.birth_date)}",
        sex_label(w.sex),
        w.address or "-",
        f"{w.dusun}, RT {w.rt} / RW {w.rw}",
        None,
        w.phone or "-",
        occupation,
        CATEGORIES.get(w.category, w.category),
        income,
        "Ya" if w.dtks else "Tidak",
        w.heir_name or "-",
        w.heir_relation or "-",
        w.heir_phone or "-",
        None,
        None,
        money.rupiah(n.monthly_contribution),
        f"{n.months} ({count_words(n.months)}) bulan",
        f"{money.rupiah(total)} ({money.words(total)})",
        None,
    ]


def build_forms(out: BinaryIO, setup: Setup, entries: Sequence[Entry]) -> Built:
    """Writes one formulir usulan per entry, in the given order, to ``out``."""
    return drain(form_steps(out, setup, entries))


def form_steps(out: BinaryIO, setup: Setup, entries: Sequence[Entry]) -> Steps:
    """:func:`build_forms` step by step: yields (pages done, pages in all) every few pages."""
    g = _geometry(setup.paper)
    c = new_canvas(out, (g.width, g.height), title="Formulir Usulan Calon Peserta", setup=setup)
    c.beginForm(STATIC)
    slots = _draw_static(c, setup, g)
    c.endForm()
    total = len(entries)
    value_w = g.right - g.value_x
    for page, e in enumerate(entries, start=1):
        w, n = e.worker, e.nomination
        c.doForm(STATIC)
        for top, value in zip(slots.rows, _values(w, n), strict=True):
            if value is not None:
                font = SANS_BOLD if top == slots.rows[2] else SANS
                cell_text(c, value, (g.value_x, top, value_w, g.row), font, 9.2, min_size=5.5)
        data = qr.payload(w, n, setup.program.year)
        qr.draw(c, data, g.right - g.qr_size, slots.title_bottom - g.qr_size, g.qr_size)
        _sign_name(c, w.name, slots.sign_cx, slots.sign_name_y, (g.right - g.left) / 3 - 4 * mm)
        digest = data.rsplit("|", 1)[1]
        note = f"Formulir usulan · ID {w.id[-8:]} · versi {w.version} · kode {digest}"
        footer(c, (g.left, g.right, slots.footer_y), note, page, total)
        c.showPage()
        if page % 20 == 0:
            yield page, total
    if not entries:
        c.showPage()
    c.save()
    return Built(pages=max(1, total), nomination_ids=tuple(e.nomination.id for e in entries))
