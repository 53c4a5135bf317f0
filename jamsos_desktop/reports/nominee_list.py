"""Daftar nominatif: the nominee list, its public (masked) variant, and the decree's Lampiran.

Rows have a fixed height, so the pages are planned before anything is drawn: the page count
is known for "Halaman x dari y", and the total with its signatures always lands on the same
page as the last rows (rows move to the next page rather than leave the signatures alone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
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
    centred_lines,
    count_words,
    decree_subject,
    drain,
    emblem_image,
    fit_lines,
    footer,
    head_office,
    letterhead,
    letterhead_height,
    mm,
    new_canvas,
    operator_name,
    paper_size,
    programs_short,
    register_fonts,
    signature,
    tanggal,
    unit_name,
)

FULL = "full"
MASKED = "masked"
LAMPIRAN = "lampiran"

TITLE = "DAFTAR NOMINATIF CALON PESERTA JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN"
#: The Lampiran names the decree's participants (peserta), no longer candidates.
LAMPIRAN_TITLE = "DAFTAR PESERTA JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN"


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


def columns(variant: str, programs: str, hamlet: str = "Dusun / RT / RW") -> list[Column]:
    no = Column("No", 8, lambda i, e: str(i), "center")
    nik = Column("NIK", 25, lambda i, e: e.worker.nik, "left")
    masked = Column("NIK", 30, lambda i, e: mask_nik(e.worker.nik), "left")
    kk = Column("No. KK", 25, lambda i, e: e.worker.kk)
    name = Column("Nama Lengkap", 38, lambda i, e: e.worker.name)
    ttl = Column("Tempat, Tgl. Lahir", 30, lambda i, e: _ttl(e))
    sex = Column("L/P", 7, lambda i, e: e.worker.sex, "center")
    place = Column(hamlet, 24, lambda i, e: _place(e))
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
            Column(hamlet, 45, place.value),
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
        left, right, top = 12 * mm, w - 12 * mm, h - 10 * mm
        self.geo = _Geo(
            width=w,
            height=h,
            left=left,
            right=right,
            top=top,
            bottom=10 * mm,
            row=8.5 * mm if variant == FULL else 6.4 * mm,
            head_row=9 * mm,
            first_header=0.0,
            other_header=0.0,
            tail=0.0,
        )
        first = self._lampiran_block(None, top) if variant == LAMPIRAN else letterhead_height(setup, (left, right, top))
        self.geo = replace(
            self.geo,
            first_header=first + (top - self._title(None, top, cont=False)) + 1 * mm,
            other_header=top - self._title(None, top, cont=True) + 1 * mm,
            tail=self._tail(None, 0.0) + 2 * mm,
        )
        self.cols = columns(variant, programs_short(setup.program), setup.words.hamlet_label)
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
        if self._body(last) - chunks[last] * g.row < g.tail and chunks[last] > 1:
            # The signatures never stand alone on a page: one row goes over with them, so the pages
            # before stay full (moving more would leave the first page half empty).
            chunks[last] -= 1
            chunks.append(1)
        return chunks

    # -- drawing --------------------------------------------------------------------------

    def _title(self, c: Canvas | None, y: float, cont: bool) -> float:
        """The title lines above the table (wrapped inside the margins); returns the y below them."""
        g, s = self.geo, self.setup
        v = s.village
        cx = (g.left + g.right) / 2
        avail = g.right - g.left
        title = LAMPIRAN_TITLE if self.variant == LAMPIRAN else TITLE
        yy = centred_lines(c, (cx, y - 5 * mm), title + (" (lanjutan)" if cont else ""), avail, font=SANS_BOLD, size=11)
        where = f"{unit_name(v)} Kecamatan {v.district_name} {v.regency_name}".upper()
        text = f"{where} · TAHUN ANGGARAN {s.program.year}"
        yy = centred_lines(c, (cx, yy + 0.6 * mm), text, avail, font=SANS_BOLD, size=9.5)
        if self.variant == MASKED:
            note = "Salinan untuk diumumkan kepada masyarakat: NIK disamarkan (UU 27/2022)"
            yy = centred_lines(c, (cx, yy + 0.5 * mm), note, avail, size=8.5)
        return yy + 1.5 * mm

    def _lampiran_block(self, c: Canvas | None, y: float) -> float:
        """LAMPIRAN / NOMOR / TANGGAL / TENTANG at the top right, the subject as in the decree. Returns its height."""
        g, v = self.geo, self.setup.village
        x = g.right - 128 * mm
        value_x = x + 23 * mm
        avail = g.right - value_x
        decree = self.decree
        lines = (
            ("LAMPIRAN", f"KEPUTUSAN {head_office(v).upper()}"),
            ("NOMOR", decree.number if decree else ""),
            ("TANGGAL", tanggal(decree.date) if decree else ""),
            ("TENTANG", decree_subject(self.setup).upper()),
        )
        yy = y - 3.5 * mm
        for k, val in lines:
            size, wrapped = fit_lines(val, SERIF, 8.5, avail, min_size=6.5, max_lines=3)
            if c is not None:
                c.setFont(SERIF, 8.5)
                c.drawString(x, yy, k)
                c.drawString(x + 20 * mm, yy, ":")
                c.setFont(SERIF, size)
            for line in wrapped:
                if c is not None:
                    c.drawString(value_x, yy, line)
                yy -= 4 * mm
        return y - yy + 1 * mm

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

    def _tail(self, c: Canvas | None, y: float) -> float:
        """The total, in figures and words, and the signatures; returns its height (with ``c`` None, only that)."""
        g, s = self.geo, self.setup
        v, words = s.village, s.words
        start = y
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
        if c is not None:
            c.setLineWidth(0.5)
            c.rect(g.left, top - box_h, g.right - g.left, box_h)
            c.setFont(SANS_BOLD, 8.5)
            c.drawString(g.left + 2 * mm, top - 4.3 * mm, f"Jumlah peserta: {n} ({count_words(n)}) orang")
            c.drawString(g.left + 2 * mm, top - 8.6 * mm, f"Jumlah anggaran iuran: {formula}")
            c.setFont(SANS, 8.5)
            c.drawString(g.left + 2 * mm, top - 12.9 * mm, f"Terbilang: {money.words(total)}")
        y = top - box_h - 5 * mm
        right_cx = g.right - 45 * mm
        avail = 86 * mm
        nip = f"NIP. {s.head_nip.strip()}" if s.head_nip.strip() else ""
        if self.variant == LAMPIRAN:
            head = [f"{head_office(v).upper()},"]
            end = signature(c, right_cx, y, head, v.head_name, room=22 * mm, font=SERIF, avail=avail, caption=nip)
            return start - end
        y = centred_lines(c, (right_cx, y), f"{s.place}, {tanggal(s.print_date)}", avail) + 9 * 1.3 - 4.5 * mm
        left_cx = g.left + 45 * mm
        made = signature(c, left_cx, y, ["Dibuat oleh,", words.operator], operator_name(v), room=20 * mm, avail=avail)
        seen = signature(
            c, right_cx, y, ["Mengetahui,", head_office(v)], v.head_name, room=20 * mm, avail=avail, caption=nip
        )
        return start - min(made, seen)

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
                y = letterhead(c, s, (g.left, g.right, y), emblem) if emblem else y - self._lampiran_block(c, y)
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
