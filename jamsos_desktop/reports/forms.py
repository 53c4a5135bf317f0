"""Formulir usulan: one page per nominee, any number in one PDF.

Everything that is the same on every page (letterhead, titles, labels, rules, the consent
statement, the signature boxes) is drawn once as a PDF form XObject and placed on each page;
only the worker's values, the QR code and the footer are drawn per page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
    centred_lines,
    count_words,
    drain,
    emblem_image,
    fit_lines,
    footer,
    funding_short,
    letterhead,
    letterhead_height,
    mm,
    new_canvas,
    operator_name,
    paper_size,
    paragraph,
    payer,
    programs_long,
    register_fonts,
    sex_label,
    signature_name,
    tanggal,
    unit_name,
    unit_word,
    upper_name,
    wrap,
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


def section_a(setup: Setup) -> tuple[str, ...]:
    """The labels of section A in the village's own words ('Jorong / RT / RW', 'Nagari / Kecamatan')."""
    w = setup.words
    labels = list(SECTION_A)
    labels[SECTION_A.index("Dusun / RT / RW")] = w.hamlet_label
    labels[SECTION_A.index("Desa / Kecamatan")] = f"{w.unit} / Kecamatan"
    return tuple(labels)


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
    # A kelurahan is an office of its city or regency, not a government of its own.
    village = unit_name(v) if setup.words.kelurahan else f"Pemerintah {unit_name(v)}"
    return (
        "Dengan menandatangani formulir ini, saya menyatakan bahwa data di atas benar dan sesuai dengan KTP dan "
        f"Kartu Keluarga saya, dan saya menyetujui {village}, Pemerintah {v.regency_name}, dan "
        "BPJS Ketenagakerjaan memproses data pribadi saya dan ahli waris saya hanya untuk pendaftaran, pembayaran "
        "iuran, dan pelayanan kepesertaan jaminan sosial ketenagakerjaan, sesuai Undang-Undang Nomor 27 Tahun 2022 "
        "tentang Pelindungan Data Pribadi. Saya dapat meminta perbaikan data atau menarik persetujuan ini kapan "
        f"saja melalui kantor {unit_word(v).lower()}."
    )


def consent_line(day: dt.date | None) -> str:
    """The worker's own consent, as recorded (UU 27/2022); without one, the place to give it."""
    if day is not None:
        return f"Persetujuan pemrosesan data pribadi: diberikan pada {tanggal(day)}"
    return (
        "Persetujuan pemrosesan data pribadi: belum tercatat; dengan tanda tangan di bawah diberikan pada "
        "tanggal ...................."
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


SECTION_HEAD = 5.8 * mm
CONSENT_SIZE, CONSENT_LEAD = 8.2, 10.4
SIGN_LEAD = 9 * 1.3  # a heading line of the signature columns
NAME_ROOM = 9 * 1.2 + 9 * 0.76 + 1 * mm  # a name of two lines, from its baseline up to its top
THUMB_W, THUMB_H = 25 * mm, 30 * mm  # room for an adult's thumb, rolled


def _geometry(setup: Setup) -> _Geometry:
    """The page's frame, with rows as tall as the page allows once the letterhead, the consent statement
    and the signatures (a thumbprint box of 25 × 30 mm) have their room."""
    register_fonts()
    w, h = paper_size(setup.paper)
    extra = h - 297 * mm  # F4 is 33 mm taller: roomier rows and signature boxes
    g = _Geometry(
        width=w,
        height=h,
        left=20 * mm,
        right=w - 15 * mm,
        top=h - 11 * mm,
        bottom=10 * mm,
        row=5.2 * mm + extra * 0.012,
        label_w=44 * mm,
        qr_size=24 * mm,
    )
    rows = len(SECTION_A) + len(SECTION_B) + len(SECTION_C)
    sections_top = g.top - letterhead_height(setup, (g.left, g.right, g.top)) - 3.5 * mm - g.qr_size
    lines = len(wrap(consent_text(setup), SANS, CONSENT_SIZE, g.right - g.left)) + 1  # + the consent line
    consent = 8.6 * mm + lines * CONSENT_LEAD
    signatures = _date_lines(setup, g) * SIGN_LEAD + 3.5 * mm + 2.5 * mm + THUMB_H + NAME_ROOM
    room = sections_top - 3 * SECTION_HEAD - consent - signatures - _name_y(setup, g)
    return replace(g, row=min(g.row, room / rows))


def _name_y(setup: Setup, g: _Geometry) -> float:
    """The baseline of the three signers' names (higher when the head's NIP goes under the name)."""
    return g.bottom + (12 if setup.head_nip.strip() else 8.5) * mm


def _date_lines(setup: Setup, g: _Geometry) -> int:
    return len(_date(setup, g)[1])


def _date(setup: Setup, g: _Geometry) -> tuple[float, list[str]]:
    """Place and date, right-aligned over the signatures, in one line if it fits two columns."""
    text = f"{setup.place}, {tanggal(setup.print_date)}"
    return fit_lines(text, SANS, 9, (g.right - g.left) * 2 / 3 - 4 * mm, min_size=8, max_lines=2)


@dataclass(slots=True)
class _Slots:
    """Where the per-page values go (filled in while drawing the static form)."""

    title_bottom: float = 0.0
    rows: tuple[float, ...] = ()  # top y of each value row, A then B then C
    sign_name_y: float = 0.0
    sign_cx: float = 0.0
    sign_avail: float = 0.0
    footer_y: float = 0.0
    consent_y: float = 0.0  # baseline of the worker's own consent line


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
    c.drawCentredString(title_cx, y - 18 * mm, f"Tahun Anggaran {p.year} · Sumber dana {funding_short(v, p)}")
    slots.title_bottom = y - 2.5 * mm
    y -= 2.5 * mm + g.qr_size + 1 * mm
    fixed_a = {7: f"{unit_name(v)}, Kecamatan {v.district_name}, {v.regency_name}"}
    y, tops_a = _section(c, g, y, "A.  DATA CALON PESERTA", section_a(setup), fixed=fixed_a)
    y, tops_b = _section(c, g, y, "B.  AHLI WARIS", SECTION_B, fixed={})
    funding = budget_law(v, p)
    fixed_c = {
        0: programs_long(p),
        1: f"Bukan Penerima Upah (BPU); iuran dibayar {payer(v, p)}",
        5: funding,
    }
    y, tops_c = _section(c, g, y, "C.  PROGRAM DAN IURAN", SECTION_C, fixed=fixed_c)
    slots.rows = (*tops_a, *tops_b, *tops_c)

    c.setFont(SANS_BOLD, 9)
    c.drawString(g.left, y - 4.2 * mm, "D.  PERNYATAAN PERSETUJUAN PENGGUNAAN DATA PRIBADI")
    y = paragraph(
        c, consent_text(setup), (g.left, y - 8.6 * mm, g.right - g.left), SANS, CONSENT_SIZE, leading=CONSENT_LEAD
    )
    slots.consent_y = y
    _signatures(c, setup, g, y - CONSENT_LEAD, slots)
    return slots


def _signatures(c: Canvas, setup: Setup, g: _Geometry, y: float, slots: _Slots) -> None:
    """Three columns (worker, operator, head): headings on top, names on one baseline at the bottom,
    whatever is between is room to sign. Every text is wrapped inside its own column."""
    v, words = setup.village, setup.words
    col = (g.right - g.left) / 3
    avail = col - 4 * mm
    name_y = _name_y(setup, g)
    cx = [g.left + (i + 0.5) * col for i in range(3)]
    size, lines = _date(setup, g)
    yy = y - 3.5 * mm
    c.setFont(SANS, size)
    for line in lines:
        c.drawRightString(g.right - 2 * mm, yy, line)
        yy -= SIGN_LEAD
    head_y = yy
    # Column 1: the worker signs on the left, the thumbprint box stands on the right, the name below both.
    bx = g.left + col - THUMB_W - 1 * mm
    sign_cx = (g.left + bx) / 2
    by = head_y - 2.5 * mm - THUMB_H
    c.setLineWidth(0.5)
    c.setDash(2, 2)
    c.rect(bx, by, THUMB_W, THUMB_H)
    c.setDash()
    c.setFillGray(0.55)
    thumb_note = "cap jempol kiri bila tidak dapat menulis"
    centred_lines(c, (bx + THUMB_W / 2, by + 5.5 * mm), thumb_note, THUMB_W - 2 * mm, size=5.5)
    c.setFillGray(0)
    centred_lines(c, (sign_cx, head_y), "Calon Peserta,", bx - g.left - 2 * mm)
    # Column 2: the operator.
    centred_lines(c, (cx[1], head_y), f"{words.operator},", avail)
    signature_name(c, (cx[1], name_y), operator_name(v), avail)
    # Column 3: the head; the stamp overlaps the head's signature.
    yy = centred_lines(c, (cx[2], head_y), "Mengetahui,", avail)
    yy = centred_lines(c, (cx[2], yy), f"{words.head_office},", avail)
    head = upper_name(v.head_name)
    top_of_name = signature_name(None, (cx[2], name_y), head, avail)
    signature_name(c, (cx[2], name_y), head, avail)
    nip = setup.head_nip.strip()
    if nip:
        centred_lines(c, (cx[2], name_y - 4 * mm), f"NIP. {nip}", avail, size=8.5)
    room_top = yy + SIGN_LEAD - 9 * 0.3
    room_mid = (room_top + top_of_name + 9) / 2
    c.setStrokeGray(0.8)
    c.setDash(1, 2)
    c.circle(cx[2] - 14 * mm, room_mid, min(12 * mm, max(4 * mm, (room_top - top_of_name - 9) / 2)))
    c.setDash()
    c.setStrokeGray(0)
    c.setFont(SANS, 5.5)
    c.setFillGray(0.6)
    c.drawCentredString(cx[2] - 14 * mm, room_mid - 0.8 * mm, "cap")
    c.setFillGray(0)
    slots.sign_name_y = name_y
    slots.sign_cx = cx[0]
    slots.sign_avail = avail
    slots.footer_y = g.bottom


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
    g = _geometry(setup)
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
        signature_name(c, (slots.sign_cx, slots.sign_name_y), w.name, slots.sign_avail)
        c.setFont(SANS_BOLD, CONSENT_SIZE)
        c.drawString(g.left, slots.consent_y, consent_line(w.consent_date))
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
