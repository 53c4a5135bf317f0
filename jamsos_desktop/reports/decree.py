"""Keputusan Kepala Desa (or Wali Nagari, Keuchik, ...) naming the nominees, with the list as its Lampiran.

The body is a sequence of blocks measured first and then placed on pages, so the page count of
the whole document (decree plus Lampiran) is known before anything is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from ..domain import money
from ..domain.text import Text, UserError
from .base import (
    SERIF,
    SERIF_BOLD,
    Built,
    DecreeInfo,
    Entry,
    Setup,
    Steps,
    balance,
    budget_law,
    count_words,
    decree_subject,
    drain,
    emblem_image,
    footer,
    funded_by_region,
    head_office,
    letterhead,
    letterhead_height,
    mm,
    new_canvas,
    paper_size,
    paragraph,
    payer,
    programs_long,
    register_fonts,
    signature,
    tanggal,
    unit_name,
    wrap,
)
from .nominee_list import LAMPIRAN, NomineeList

SIZE = 10.5
LEAD = SIZE * 1.4


def subject(setup: Setup) -> str:
    return decree_subject(setup)


def considerations(setup: Setup) -> list[str]:
    v, p = setup.village, setup.program
    return [
        f"bahwa dalam rangka memberikan pelindungan jaminan sosial ketenagakerjaan kepada pekerja rentan di "
        f"{unit_name(v)}, {payer(v, p)} membayarkan iuran program {programs_long(p)} bagi pekerja "
        f"rentan yang memenuhi syarat;",
        "bahwa sesuai Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan "
        "Sosial Ketenagakerjaan, pemerintah daerah dan pemerintah desa didorong untuk mengikutsertakan pekerja "
        "rentan dalam program jaminan sosial ketenagakerjaan;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
        f"Keputusan {head_office(v)} tentang {subject(setup)};",
    ]


def legal_bases(setup: Setup) -> list[str]:
    v, p = setup.village, setup.program
    number = regulation_number(setup)
    if funded_by_region(v, p):
        budget = (
            f"Peraturan Daerah {v.regency_name} Nomor {number} tentang Anggaran Pendapatan dan Belanja Daerah "
            f"Tahun Anggaran {p.year}"
        )
    else:
        w = setup.words
        budget = f"Peraturan {w.unit_name} Nomor {number} tentang {w.budget_long} Tahun Anggaran {p.year}"
    if setup.words.kelurahan:
        # A kelurahan is part of the regional government, not a desa: its own statutes.
        government = [
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah beserta perubahannya;",
            "Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial;",
            "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi;",
            "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;",
        ]
    else:
        government = [
            "Undang-Undang Nomor 6 Tahun 2014 tentang Desa sebagaimana telah beberapa kali diubah, terakhir dengan "
            "Undang-Undang Nomor 3 Tahun 2024;",
            "Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial;",
            "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi;",
            "Peraturan Pemerintah Nomor 43 Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang Nomor 6 Tahun "
            "2014 tentang Desa beserta perubahannya;",
        ]
    return [
        *government,
        "Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan Kecelakaan Kerja dan "
        "Jaminan Kematian beserta perubahannya;",
        "Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial "
        "Ketenagakerjaan;",
        f"{budget};",
    ]


def decisions(setup: Setup, entries: Sequence[Entry]) -> list[tuple[str, str]]:
    v, p = setup.village, setup.program
    n = len(entries)
    total = sum(e.nomination.monthly_contribution * e.nomination.months for e in entries)
    months = sorted({e.nomination.months for e in entries}) or [p.months]
    span = f"{months[0]} ({count_words(months[0])}) bulan" if len(months) == 1 else "jumlah bulan masing-masing"
    return [
        (
            "KESATU",
            f"Menetapkan pekerja rentan sebanyak {n} ({count_words(n)}) orang sebagaimana tercantum dalam Lampiran "
            "yang merupakan bagian tidak terpisahkan dari Keputusan ini sebagai peserta program "
            f"{programs_long(p)} BPJS Ketenagakerjaan dengan kepesertaan Bukan Penerima Upah, yang iurannya "
            f"dibayarkan oleh {payer(v, p)}.",
        ),
        (
            "KEDUA",
            "Biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada "
            f"{budget_law(v, p)} sebesar {money.rupiah(total)} ({money.words(total)}) untuk iuran selama {span}.",
        ),
        ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ]


#: Written where the budget regulation's number is not known yet, to be filled in by hand.
NUMBER_BLANK = "........"


def regulation_number(setup: Setup) -> str:
    """'8 Tahun 2025' as given; a bare '8' is of the budget year; none leaves a blank to fill in by hand."""
    number = " ".join(setup.regulation_number.split())
    if not number:
        return f"{NUMBER_BLANK} Tahun {setup.program.year}"
    return number if "tahun" in number.lower() else f"{number} Tahun {setup.program.year}"


def copies(setup: Setup) -> list[str]:
    v = setup.village
    # A city or regency has no Dinas PMD business with a kelurahan: its labour office runs the program.
    office = (
        f"Kepala Dinas Tenaga Kerja {v.regency_name};"
        if setup.words.kelurahan
        else f"Kepala Dinas Pemberdayaan Masyarakat dan Desa {v.regency_name};"
    )
    return [
        f"Camat {v.district_name};",
        "Kepala Kantor Cabang BPJS Ketenagakerjaan setempat;",
        office,
        "Arsip.",
    ]


@dataclass(slots=True)
class _Block:
    height: float
    draw: Callable[[Canvas, float], None]
    keep_with_next: bool = False


class _Layout:
    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.w, self.h = paper_size(setup.paper)
        self.left, self.right = 25 * mm, self.w - 20 * mm
        self.top, self.bottom = self.h - 12 * mm, 16 * mm
        self.label_x = self.left
        self.colon_x = self.left + 27 * mm
        self.marker_x = self.left + 30 * mm
        self.text_x = self.left + 36 * mm

    def centred(self, lines: Sequence[tuple[str, str, float]], after: float = 0) -> _Block:
        cx = (self.left + self.right) / 2
        wrapped: list[tuple[str, str, float]] = []
        for text, font, size in lines:
            for line in balance(text, font, size, (self.right - self.left) * 0.88):
                wrapped.append((line, font, size))

        def draw(c: Canvas, y: float) -> None:
            for text, font, size in wrapped:
                c.setFont(font, size)
                c.drawCentredString(cx, y - size, text)
                y -= size * 1.45

        return _Block(sum(s * 1.45 for _, _, s in wrapped) + after, draw)

    def item(self, label: str, marker: str, text: str, *, bold_label: bool = False, after: float = 1.2 * mm) -> _Block:
        x = self.text_x if marker else self.marker_x
        w = self.right - x
        lines = round(-paragraph(None, text, (x, 0, w), SERIF, SIZE, leading=LEAD) / LEAD)
        height = SIZE * 1.3 + (lines - 1) * LEAD + after

        def draw(c: Canvas, y: float) -> None:
            base = y - SIZE
            c.setFont(SERIF_BOLD if bold_label else SERIF, SIZE)
            if label:
                c.drawString(self.label_x, base, label)
                c.drawString(self.colon_x, base, ":")
            c.setFont(SERIF, SIZE)
            if marker:
                c.drawString(self.marker_x, base, marker)
            paragraph(c, text, (x, base, w), SERIF, SIZE, leading=LEAD)

        return _Block(height, draw)

    def gap(self, h: float) -> _Block:
        return _Block(h, lambda c, y: None)


def _blocks(setup: Setup, entries: Sequence[Entry], decree: DecreeInfo, lay: _Layout) -> list[_Block]:
    v = setup.village
    office = head_office(v).upper()
    blocks = [
        lay.centred(
            [
                (f"KEPUTUSAN {office}", SERIF_BOLD, 12),
                (f"NOMOR {decree.number}", SERIF_BOLD, 11),
                ("", SERIF, 4),
                ("TENTANG", SERIF_BOLD, 11),
                (subject(setup).upper(), SERIF_BOLD, 11),
                ("", SERIF, 6),
                (f"{office},", SERIF_BOLD, 11),
            ],
            after=4 * mm,
        )
    ]
    for i, text in enumerate(considerations(setup)):
        blocks.append(lay.item("Menimbang" if i == 0 else "", f"{'abc'[i]}.", text))
    blocks.append(lay.gap(2 * mm))
    for i, text in enumerate(legal_bases(setup)):
        blocks.append(lay.item("Mengingat" if i == 0 else "", f"{i + 1}.", text))
    memutuskan = lay.centred([("MEMUTUSKAN:", SERIF_BOLD, 11)], after=2 * mm)
    memutuskan.keep_with_next = True
    blocks += [lay.gap(3 * mm), memutuskan]
    blocks.append(lay.item("Menetapkan", "", f"KEPUTUSAN {office} TENTANG {subject(setup).upper()}.", after=3 * mm))
    for label, text in decisions(setup, entries):
        blocks.append(lay.item(label, "", text, bold_label=True, after=3 * mm))

    sign_x = lay.left + (lay.right - lay.left) * 0.52
    sign_cx = (sign_x + lay.right) / 2
    sign_w = lay.right - sign_x
    value_x = sign_x + 28 * mm
    places = [
        ("Ditetapkan di", wrap(f": {setup.place}", SERIF, SIZE, lay.right - value_x)),
        ("pada tanggal", [f": {tanggal(decree.date)}"]),
    ]
    nip = f"NIP. {setup.head_nip.strip()}" if setup.head_nip.strip() else ""

    def sign(c: Canvas | None, y: float) -> float:
        yy = y - SIZE
        for label, lines in places:
            if c is not None:
                c.setFont(SERIF, SIZE)
                c.drawString(sign_x, yy, label)
            for line in lines:
                if c is not None:
                    c.drawString(value_x, yy, line)
                yy -= LEAD
        rule = yy + LEAD - 2 * mm
        if c is not None:
            c.setLineWidth(0.5)
            c.line(sign_x, rule, lay.right, rule)
        end = signature(
            c,
            sign_cx,
            rule - 1 * mm - SIZE,
            [f"{office},"],
            v.head_name,
            room=22 * mm,
            font=SERIF,
            size=SIZE,
            avail=sign_w,
            caption=nip,
        )
        return y - end

    sign_h = sign(None, 0.0) + 4 * mm

    def draw_sign(c: Canvas, y: float) -> None:
        sign(c, y)

    blocks.append(_Block(sign_h, draw_sign))

    cc_lines = [wrap(line, SERIF, 9, lay.right - lay.left - 5 * mm) for line in copies(setup)]

    def cc(c: Canvas, y: float) -> None:
        c.setFont(SERIF, 9)
        c.drawString(lay.left, y - 9, "Tembusan disampaikan kepada Yth.:")
        yy = y - 9 - 12
        for i, lines in enumerate(cc_lines, start=1):
            c.drawString(lay.left, yy, f"{i}.")
            for line in lines:
                c.drawString(lay.left + 5 * mm, yy, line)
                yy -= 12

    blocks.append(_Block(9 + 12 * (sum(len(x) for x in cc_lines) + 1), cc))
    return blocks


def _paginate(blocks: Sequence[_Block], first: float, other: float) -> list[list[_Block]]:
    pages: list[list[_Block]] = [[]]
    room = first
    i = 0
    while i < len(blocks):
        b = blocks[i]
        need = b.height + (blocks[i + 1].height if b.keep_with_next and i + 1 < len(blocks) else 0)
        if need > room and pages[-1]:
            pages.append([])
            room = other
        pages[-1].append(b)
        room -= b.height
        i += 1
    return pages


def check_decree(number: str, date_text: object) -> str:
    number = " ".join(number.split())
    if not number:
        raise UserError("decree_number", Text("wajib diisi", "is required"))
    if len(number) > 60:
        raise UserError("decree_number", Text("terlalu panjang (maks. 60 huruf)", "too long (max. 60)"), number[:20])
    return number


def build_decree(out: BinaryIO, setup: Setup, entries: Sequence[Entry], decree: DecreeInfo) -> Built:
    """Writes the decree and its Lampiran (the nominee list) to ``out``."""
    return drain(decree_steps(out, setup, entries, decree))


def decree_steps(out: BinaryIO, setup: Setup, entries: Sequence[Entry], decree: DecreeInfo) -> Steps:
    """:func:`build_decree` step by step: yields (pages done, pages in all) after each page."""
    register_fonts()
    number = check_decree(decree.number, decree.date)
    decree = DecreeInfo(number, decree.date)
    lay = _Layout(setup)
    lampiran = NomineeList(setup, entries, LAMPIRAN, decree)
    kop_height = letterhead_height(setup, (lay.left, lay.right, lay.top))
    usable = lay.top - lay.bottom
    pages = _paginate(_blocks(setup, entries, decree, lay), usable - kop_height - 4 * mm, usable)
    total = len(pages) + lampiran.pages
    c = new_canvas(out, (lay.w, lay.h), title=f"Keputusan {head_office(setup.village)} Nomor {number}", setup=setup)
    emblem = emblem_image(setup.emblem)
    note = f"Keputusan {head_office(setup.village)} Nomor {number}"
    for p, blocks in enumerate(pages):
        c.setPageSize((lay.w, lay.h))
        y = lay.top
        if p == 0:
            y = letterhead(c, setup, (lay.left, lay.right, y), emblem) - 4 * mm
        for b in blocks:
            b.draw(c, y)
            y -= b.height
        footer(c, (lay.left, lay.right, 9 * mm), note, p + 1, total)
        c.showPage()
        yield p + 1, total
    yield from lampiran.draw_steps(c, first_page=len(pages) + 1, total_pages=total)
    c.save()
    return Built(pages=total, nomination_ids=tuple(e.nomination.id for e in entries))
