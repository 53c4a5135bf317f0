"""Daftar nominatif: the nominee list, its public (masked) variant, and the decree's Lampiran.

Rows have a fixed height, so the pages are planned before anything is drawn: the page count
is known for "Halaman x dari y", and the total with its signatures always lands on the same
page as the last rows (rows move to the next page rather than leave the signatures alone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from ..domain import money
from ..domain.identity import mask_nik
from ..domain.occupations import CATEGORIES, KTP_OCCUPATIONS
from .base import (
    COND,
    COND_BOLD,
    SANS,
    SANS_BOLD,
    SERIF,
    Built,
    DecreeInfo,
    Entry,
    Setup,
    Steps,
    cell_text,
    count_words,
    drain,
    emblem_image,
    footer,
    head_office,
    letterhead,
    mm,
    new_canvas,
    paper_size,
    programs_short,
    register_fonts,
    signature,
    tanggal,
    unit_name,
    unit_word,
)

FULL = "full"
MASKED = "masked"
LAMPIRAN = "lampiran"

TITLE = "DAFTAR NOMINATIF CALON PESERTA JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    width_mm: float
    value: Callable[[int, Entry], str]
    align: str = "left"


def _ttl(e: Entry) -> str:
    return f"{e.worker.birth_place}, {e.worker.birth_date:%d-%m-%Y}"


def _place(e: Entry) -> str:
    w = e.worker
    return f"{w.dusun}, RT {w.rt}/RW {w.rw}"


def _program(e: Entry, setup_programs: str) -> str:
    return f"{setup_programs} {money.rupiah(e.nomination.monthly_contribution)}"


def columns(variant: str, programs: str) -> list[Column]:
    no = Column("No", 8, lambda i, e: str(i), "center")
    nik = Column("NIK", 25, lambda i, e: e.worker.nik, "left")
    masked = Column("NIK", 30, lambda i, e: mask_nik(e.worker.nik), "left")
    kk = Column("No. KK", 25, lambda i, e: e.worker.kk)
    name = Column("Nama Lengkap", 38, lambda i, e: e.worker.name)
    ttl = Column("Tempat, Tgl. Lahir", 30, lambda i, e: _ttl(e))
    sex = Column("L/P", 7, lambda i, e: e.worker.sex, "center")
    place = Column("Dusun / RT / RW", 24, lambda i, e: _place(e))
    job = Column("Pekerjaan (KTP)", 26, lambda i, e: KTP_OCCUPATIONS.get(e.worker.occupation_code, "").title())
    cat = Column("Kategori", 22, lambda i, e: CATEGORIES.get(e.worker.category, e.worker.category))
    prog = Column("Program / Iuran", 19, lambda i, e: _program(e, programs))
    heir = Column(
        "Ahli Waris (Hubungan)",
        27,
        lambda i, e: f"{e.worker.heir_name} ({e.worker.heir_relation})" if e.worker.heir_name else "-",
    )
    sign = Column("Tanda Tangan / Cap Jempol", 22, lambda i, e: "")
    if variant == MASKED:
        return [
            Column("No", 10, no.value, "center"),
            masked,
            Column("Nama Lengkap", 70, name.value),
            Column("L/P", 10, sex.value, "center"),
            Column("Dusun / RT / RW", 45, place.value),
            Column("Pekerjaan (KTP)", 45, job.value),
            Column("Kategori", 38, cat.value),
            Column("Program / Iuran", 25, prog.value),
        ]
    cols = [no, nik, kk, name, ttl, sex, place, job, cat, prog, heir]
    if variant == FULL:
        return [*cols, sign]
    # The Lampiran carries no signature column: the head signs the decree once.
    return [
        no,
        nik,
        kk,
        Column(name.header, 46, name.value),
        ttl,
        sex,
        Column(place.header, 29, place.value),
        Column(job.header, 30, job.value),
        cat,
        prog,
        Column(heir.header, 32, heir.value),
    ]


@dataclass(frozen=True, slots=True)
class _Geo:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    row: float
    head_row: float
    first_header: float  # height above the table on page 1
    other_header: float
    tail: float  # total and signatures


class NomineeList:
    """A planned list: ``pages`` is known before drawing, so a decree can number its own pages first."""

    def __init__(
        self, setup: Setup, entries: Sequence[Entry], variant: str = FULL, decree: DecreeInfo | None = None
    ) -> None:
        if variant not in (FULL, MASKED, LAMPIRAN):
            raise ValueError(f"unknown variant {variant}")
        if variant == LAMPIRAN and decree is None:
            raise ValueError("the Lampiran needs the decree's number and date")
        register_fonts()
        self.setup, self.entries, self.variant, self.decree = setup, list(entries), variant, decree
        w, h = paper_size(setup.paper, landscape=True)
        first_header = (45 if variant == FULL else 49 if variant == MASKED else 36) * mm
        self.geo = _Geo(
            width=w,
            height=h,
            left=12 * mm,
            right=w - 12 * mm,
            top=h - 10 * mm,
            bottom=10 * mm,
            row=8.5 * mm if variant == FULL else 6.4 * mm,
            head_row=9 * mm,
            first_header=first_header,
            other_header=19 * mm,
            tail=(62 if variant != LAMPIRAN else 58) * mm,
        )
        self.cols = columns(variant, programs_short(setup.program))
        scale = (self.geo.right - self.geo.left) / sum(col.width_mm * mm for col in self.cols)
        self.widths = [col.width_mm * mm * scale for col in self.cols]
        self.chunks = self._plan()

    @property
    def pages(self) -> int:
        return len(self.chunks)

    @property
    def size(self) -> tuple[float, float]:
        return (self.geo.width, self.geo.height)

    def _body(self, page_index: int) -> float:
        g = self.geo
        header = g.first_header if page_index == 0 else g.other_header
        return g.top - g.bottom - 6 * mm - header - g.head_row

    def _plan(self) -> list[int]:
        """Rows per page. The last page must also hold the tail; if not, rows move over with it."""
        g = self.geo
        n = len(self.entries)
        chunks: list[int] = []
        left = n
        while left > 0 or not chunks:
            cap = max(1, int(self._body(len(chunks)) // g.row))
            take = min(cap, left)
            chunks.append(take)
            left -= take
        last = len(chunks) - 1
        if self._body(last) - chunks[last] * g.row < g.tail:
            # Move some rows so the signatures never stand alone on a page.
            fits_with_tail = max(0, int((self._body(last + 1) - g.tail) // g.row))
            move = max(1, min(3, chunks[last] - 1, fits_with_tail)) if chunks[last] > 1 else 0
            chunks[last] -= move
            chunks.append(move)
        return chunks

    # -- drawing --------------------------------------------------------------------------

    def _title(self, c: Canvas, y: float, cont: bool) -> float:
        g, s = self.geo, self.setup
        v = s.village
        cx = (g.left + g.right) / 2
        c.setFont(SANS_BOLD, 11)
        c.drawCentredString(cx, y - 5 * mm, TITLE + (" (lanjutan)" if cont else ""))
        c.setFont(SANS_BOLD, 9.5)
        where = f"{unit_name(v)} Kecamatan {v.district_name} {v.regency_name}".upper()
        c.drawCentredString(cx, y - 10 * mm, f"{where} · TAHUN ANGGARAN {s.program.year}")
        if self.variant == MASKED:
            c.setFont(SANS, 8.5)
            c.drawCentredString(
                cx, y - 14.5 * mm, "Salinan untuk diumumkan kepada masyarakat: NIK disamarkan (UU 27/2022)"
            )
        return y - (17 if self.variant == MASKED else 13) * mm

    def _lampiran_block(self, c: Canvas, y: float) -> float:
        assert self.decree is not None
        g, v = self.geo, self.setup.village
        x = g.right - 128 * mm
        lines = (
            ("LAMPIRAN", f"KEPUTUSAN {head_office(v).upper()}"),
            ("NOMOR", self.decree.number),
            ("TANGGAL", tanggal(self.decree.date)),
            ("TENTANG", "PENETAPAN PESERTA JAMINAN SOSIAL KETENAGAKERJAAN"),
            ("", f"BAGI PEKERJA RENTAN TAHUN ANGGARAN {self.setup.program.year}"),
        )
        c.setFont(SERIF, 8.5)
        for i, (k, val) in enumerate(lines):
            yy = y - (3.5 + i * 4) * mm
            c.drawString(x, yy, k)
            if k:
                c.drawString(x + 20 * mm, yy, ":")
            c.drawString(x + 23 * mm, yy, val)
        return y - 22 * mm

    def _table_header(self, c: Canvas, y: float) -> float:
        g = self.geo
        c.setFillGray(0.88)
        c.rect(g.left, y - g.head_row, g.right - g.left, g.head_row, stroke=0, fill=1)
        c.setFillGray(0)
        x = g.left
        for col, w in zip(self.cols, self.widths, strict=True):
            cell_text(c, col.header, (x, y, w, g.head_row), COND_BOLD, 7.6, min_size=5.5, align="center", pad=0.8 * mm)
            x += w
        return y - g.head_row

    def _grid(self, c: Canvas, top: float, bottom: float, rows: int) -> None:
        g = self.geo
        c.setLineWidth(0.5)
        c.rect(g.left, bottom, g.right - g.left, top - bottom)
        x = g.left
        for w in self.widths[:-1]:
            x += w
            c.line(x, top, x, bottom)
        c.setLineWidth(0.25)
        y = top - self.geo.head_row
        for _ in range(rows):
            c.line(g.left, y, g.right, y)
            y -= self.geo.row

    def _rows(self, c: Canvas, y: float, start: int, count: int) -> float:
        g = self.geo
        for k in range(count):
            i = start + k
            e = self.entries[i]
            x = g.left
            for col, w in zip(self.cols, self.widths, strict=True):
                if col.header.startswith("Tanda Tangan"):
                    c.setFont(COND, 7)
                    # Alternate left and right, as village lists do, so neighbours do not sign over each other.
                    c.drawString(x + (1.2 * mm if (i + 1) % 2 else w / 2), y - 3.5 * mm, f"{i + 1}.")
                else:
                    text = col.value(i + 1, e)
                    font = COND_BOLD if col.header == "Nama Lengkap" else COND
                    cell_text(c, text, (x, y, w, g.row), font, 7.6, min_size=5.2, align=col.align, pad=0.9 * mm)
                x += w
            y -= g.row
        return y

    def _tail(self, c: Canvas, y: float) -> None:
        g, s = self.geo, self.setup
        v = s.village
        n = len(self.entries)
        total = sum(e.nomination.monthly_contribution * e.nomination.months for e in self.entries)
        shapes = {(e.nomination.monthly_contribution, e.nomination.months) for e in self.entries}
        if len(shapes) == 1:
            monthly, months = next(iter(shapes))
            formula = f"{n} orang × {money.rupiah(monthly)} × {months} bulan = {money.rupiah(total)}"
        else:
            formula = f"jumlah iuran per bulan × jumlah bulan masing-masing peserta = {money.rupiah(total)}"
        box_h = 15 * mm
        top = y - 2 * mm
        c.setLineWidth(0.5)
        c.rect(g.left, top - box_h, g.right - g.left, box_h)
        c.setFont(SANS_BOLD, 8.5)
        c.drawString(g.left + 2 * mm, top - 4.3 * mm, f"Jumlah peserta: {n} ({count_words(n)}) orang")
        c.drawString(g.left + 2 * mm, top - 8.6 * mm, f"Jumlah anggaran iuran: {formula}")
        c.setFont(SANS, 8.5)
        c.drawString(g.left + 2 * mm, top - 12.9 * mm, f"Terbilang: {money.words(total)}")
        y = top - box_h - 5 * mm
        right_cx = g.right - 45 * mm
        if self.variant == LAMPIRAN:
            assert self.decree is not None
            signature(c, right_cx, y, [f"{head_office(v).upper()},"], v.head_name, room=22 * mm, font=SERIF)
            return
        c.setFont(SANS, 9)
        c.drawCentredString(right_cx, y, f"{s.place}, {tanggal(s.print_date)}")
        y -= 4.5 * mm
        left_cx = g.left + 45 * mm
        signature(c, left_cx, y, ["Dibuat oleh,", f"Operator {unit_word(v)}"], v.operator_name, room=20 * mm)
        signature(c, right_cx, y, ["Mengetahui,", f"{head_office(v)}"], v.head_name, room=20 * mm)

    def draw(self, c: Canvas, first_page: int = 1, total_pages: int | None = None) -> None:
        for _ in self.draw_steps(c, first_page, total_pages):
            pass

    def draw_steps(self, c: Canvas, first_page: int = 1, total_pages: int | None = None) -> Iterator[tuple[int, int]]:
        """Draws the pages, yielding (page number, pages in all) after each."""
        g, s = self.geo, self.setup
        total_pages = total_pages or self.pages
        emblem = emblem_image(s.emblem) if self.variant != LAMPIRAN else None
        start = 0
        note = {
            FULL: f"Daftar nominatif · {unit_name(s.village)} · {s.program.year}",
            MASKED: f"Daftar nominatif (NIK disamarkan) · {unit_name(s.village)} · {s.program.year}",
            LAMPIRAN: f"Lampiran Keputusan Nomor {self.decree.number if self.decree else ''}",
        }[self.variant]
        for p, count in enumerate(self.chunks):
            c.setPageSize(self.size)
            y = g.top
            if p == 0:
                y = letterhead(c, s, (g.left, g.right, y), emblem) if emblem else self._lampiran_block(c, y)
            y = self._title(c, y, cont=p > 0)
            table_top = y
            y = self._table_header(c, y)
            y = self._rows(c, y, start, count)
            self._grid(c, table_top, y, count)
            start += count
            if p == len(self.chunks) - 1:
                self._tail(c, y)
            footer(c, (g.left, g.right, g.bottom), note, first_page + p, total_pages)
            c.showPage()
            yield first_page + p, total_pages


def build_list(out: BinaryIO, setup: Setup, entries: Sequence[Entry], *, masked: bool = False) -> Built:
    """Writes the daftar nominatif (or its masked public copy) to ``out``."""
    return drain(list_steps(out, setup, entries, masked=masked))


def list_steps(out: BinaryIO, setup: Setup, entries: Sequence[Entry], *, masked: bool = False) -> Steps:
    """:func:`build_list` step by step: yields (pages done, pages in all) after each page."""
    doc = NomineeList(setup, entries, MASKED if masked else FULL)
    title = "Daftar Nominatif" + (" (NIK disamarkan)" if masked else "")
    c = new_canvas(out, doc.size, title=title, setup=setup)
    yield from doc.draw_steps(c)
    c.save()
    return Built(pages=doc.pages, nomination_ids=tuple(e.nomination.id for e in entries))
