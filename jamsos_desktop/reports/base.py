"""What every document shares: paper, embedded fonts, Indonesian dates, the letterhead and text fitting.

Everything here draws on a plain ReportLab canvas. The documents lay out their pages themselves
(fixed rows, known page counts) instead of using platypus: it is several times faster, and the
page count is known before the first page is drawn, so "Halaman x dari y" needs no second pass.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO, Protocol

from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .. import paths
from ..domain.text import Text, UserError

log = logging.getLogger(__name__)

#: One millimetre in points, typed (ReportLab's own constant is untyped): inch / 2.54 / 10.
mm: float = 72.0 / 2.54 * 0.1

# -- paper ---------------------------------------------------------------------------------

A4 = "a4"
F4 = "f4"
PAPERS: dict[str, tuple[float, float]] = {
    A4: (210 * mm, 297 * mm),
    F4: (215 * mm, 330 * mm),  # folio as sold in Indonesian offices
}
PAPER_LABELS = {A4: "A4 (210 × 297 mm)", F4: "F4 / Folio (215 × 330 mm)"}


def paper_size(paper: str, *, landscape: bool = False) -> tuple[float, float]:
    try:
        w, h = PAPERS[paper.strip().lower()]
    except KeyError:
        raise UserError("paper", Text("pilih a4 atau f4", "use a4 or f4"), paper) from None
    return (h, w) if landscape else (w, h)


def check_paper(paper: str) -> str:
    paper_size(paper)
    return paper.strip().lower()


# -- fonts ---------------------------------------------------------------------------------

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
COND = "DejaVuSansCondensed"
COND_BOLD = "DejaVuSansCondensed-Bold"
SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"
FONTS = (SANS, SANS_BOLD, COND, COND_BOLD, SERIF, SERIF_BOLD)


@cache
def register_fonts() -> None:
    """Registers the TTF fonts in resources/fonts once per process (they are embedded, subset, in each PDF)."""
    from reportlab import rl_config

    # Binary (Flate only) streams: ASCII85 on top makes files 25 % larger and, without ReportLab's
    # optional C accelerator, costs a third of the build time. Nothing else in the process needs it.
    rl_config.useA85 = 0
    folder = paths.resources_dir() / "fonts"
    for name in FONTS:
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))


def width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


# -- input ---------------------------------------------------------------------------------
# Protocols, not the services' row classes: reports take any plain data with these attributes
# (services.rows satisfies them) and so stay free of the layers below.


class VillageRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def district_name(self) -> str: ...
    @property
    def regency_name(self) -> str: ...
    @property
    def postal_code(self) -> str | None: ...
    @property
    def head_title(self) -> str: ...
    @property
    def head_name(self) -> str: ...
    @property
    def operator_name(self) -> str: ...
    @property
    def office_address(self) -> str: ...


class ProgramRow(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def funding_source(self) -> str: ...
    @property
    def months(self) -> int: ...
    @property
    def include_jht(self) -> bool: ...


class WorkerRow(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def nik(self) -> str: ...
    @property
    def kk(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def birth_place(self) -> str: ...
    @property
    def birth_date(self) -> dt.date: ...
    @property
    def sex(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def dusun(self) -> str: ...
    @property
    def rt(self) -> str: ...
    @property
    def rw(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def occupation_code(self) -> int: ...
    @property
    def category(self) -> str: ...
    @property
    def income(self) -> int | None: ...
    @property
    def heir_name(self) -> str: ...
    @property
    def heir_relation(self) -> str: ...
    @property
    def heir_phone(self) -> str: ...
    @property
    def dtks(self) -> bool: ...
    @property
    def version(self) -> int: ...


class NominationRow(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def months(self) -> int: ...
    @property
    def monthly_contribution(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Entry:
    """One nominee: the worker as recorded and their nomination."""

    worker: WorkerRow
    nomination: NominationRow


@dataclass(frozen=True, slots=True)
class Setup:
    """What a document needs besides its nominees. ``print_date`` is data, so output is reproducible."""

    village: VillageRow
    program: ProgramRow
    print_date: dt.date
    paper: str = A4
    emblem: bytes | None = None  # the stored emblem; None uses the placeholder in resources/

    @property
    def place(self) -> str:
        return self.village.name


@dataclass(frozen=True, slots=True)
class DecreeInfo:
    number: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class Built:
    """What a builder wrote: the page count and the nominations on paper."""

    pages: int
    nomination_ids: tuple[str, ...]


# -- words and dates -----------------------------------------------------------------------

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(d: dt.date) -> str:
    """21 November 2026"""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def count_words(n: int) -> str:
    """12 → 'dua belas' (the terbilang without 'rupiah')."""
    from ..domain import money

    return money.words(n).removesuffix(" rupiah")


# Which word names the village unit, by the head's title (the title says what the unit is called).
_UNIT_BY_TITLE = {
    "kepala desa": "Desa",
    "lurah": "Kelurahan",
    "wali nagari": "Nagari",
    "keuchik": "Gampong",
    "kepala gampong": "Gampong",
    "perbekel": "Desa",
    "kepala kampung": "Kampung",
    "pambakal": "Desa",
    "hukum tua": "Desa",
    "kepala pekon": "Pekon",
    "kepala tiyuh": "Tiyuh",
    "petinggi": "Desa",
    "kuwu": "Desa",
}
_UNIT_WORDS = ("desa", "nagari", "gampong", "kampung", "pekon", "tiyuh", "kelurahan")


def unit_word(v: VillageRow) -> str:
    """'Desa', 'Nagari', 'Gampong', 'Kelurahan' ... as the letterhead and titles call the village."""
    if v.kind == "kelurahan":
        return "Kelurahan"
    return _UNIT_BY_TITLE.get(v.head_title.strip().lower(), "Desa")


def unit_name(v: VillageRow) -> str:
    """'Desa Cibiru Hilir', 'Nagari Sijunjung'."""
    return f"{unit_word(v)} {v.name}"


def head_office(v: VillageRow) -> str:
    """The head's office as written above the signature: 'Kepala Desa Cibiru Hilir', 'Wali Nagari X', 'Keuchik Gampong X'."""
    title = " ".join(v.head_title.split()) or "Kepala Desa"
    if any(w in title.lower().split() for w in _UNIT_WORDS) or title.lower() == "lurah":
        return f"{title} {v.name}"
    return f"{title} {unit_word(v)} {v.name}"


def regency_line(v: VillageRow) -> str:
    """'PEMERINTAH KABUPATEN BANDUNG' (the names from Kemendagri already say Kabupaten or Kota)."""
    name = v.regency_name.strip()
    if not name.lower().startswith(("kabupaten", "kota")):
        name = f"Kabupaten {name}"
    return f"Pemerintah {name}"


def budget_law(v: VillageRow, p: ProgramRow) -> str:
    if p.funding_source == "APBD":
        return f"Anggaran Pendapatan dan Belanja Daerah (APBD) {v.regency_name} Tahun Anggaran {p.year}"
    unit = unit_word(v)
    short = "APBDes" if unit == "Desa" else f"APB {unit}"
    return f"Anggaran Pendapatan dan Belanja {unit} ({short}) {v.name} Tahun Anggaran {p.year}"


def programs_short(p: ProgramRow) -> str:
    return "JKK, JKM, JHT" if p.include_jht else "JKK, JKM"


def programs_long(p: ProgramRow) -> str:
    text = "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)"
    return text.replace(" dan ", ", ") + ", dan Jaminan Hari Tua (JHT)" if p.include_jht else text


def sex_label(sex: str) -> str:
    return {"L": "Laki-laki", "P": "Perempuan"}.get(sex, sex)


# -- drawing helpers -----------------------------------------------------------------------


def new_canvas(out: BinaryIO, size: tuple[float, float], *, title: str, setup: Setup) -> Canvas:
    """An invariant canvas: no clock, no random ids, so the same data gives the same bytes."""
    register_fonts()
    c = Canvas(out, pagesize=size, invariant=1, pageCompression=1, pdfVersion=(1, 4))
    c.setTitle(title)
    c.setAuthor(f"Pemerintah {unit_name(setup.village)}")
    c.setSubject(f"{setup.program.name} ({tanggal(setup.print_date)})")
    c.setCreator("JAMSOS Desktop")
    c.setProducer("JAMSOS Desktop (ReportLab)")
    return c


def fit_size(text: str, font: str, size: float, avail: float, min_size: float) -> float:
    """The largest size ≤ ``size`` (down to ``min_size``) at which ``text`` fits in ``avail``."""
    w = width(text, font, size)
    if w <= avail:
        return size
    return max(min_size, size * avail / w * 0.999)


def ellipsize(text: str, font: str, size: float, avail: float) -> str:
    if width(text, font, size) <= avail:
        return text
    while text and width(text + "…", font, size) > avail:
        text = text[:-1]
    return text.rstrip() + "…"


def cell_text(
    c: Canvas,
    text: str,
    cell: tuple[float, float, float, float],
    font: str,
    size: float,
    *,
    min_size: float = 5.5,
    align: str = "left",
    pad: float = 1.2 * mm,
) -> None:
    """Writes ``text`` inside a cell (x, top y, width, height), vertically centred: one line if it fits,
    else two, never spilling."""
    x, y_top, w, h = cell
    avail = w - 2 * pad
    lines = [text]
    s = size
    full = width(text, font, size)
    if full > avail:
        s = size * avail / full * 0.999
        two = (h - 1.5) / 2.3  # the largest size at which two lines fit the cell's height
        if s < size * 0.9 and two >= min_size:
            # Two lines read better than one tiny line: wrap, shrinking only as far as needed.
            s = min(size, two)
            lines = simpleSplit(text, font, s, avail)
            while len(lines) > 2 and s > min_size:
                s = max(min_size, s - 0.4)
                lines = simpleSplit(text, font, s, avail)
            if len(lines) > 2:
                lines = [lines[0], " ".join(lines[1:])]
            if len(lines) == 1:  # one unbreakable run: back to one line, as large as fits
                s = max(min_size, size * avail / full * 0.999)
            lines = [ellipsize(line, font, s, avail) for line in lines]
        elif s < min_size:
            s = min_size
            lines = [ellipsize(text, font, s, avail)]
    lead = s * 1.15
    y = y_top - h / 2 + ((len(lines) - 1) * lead + 0.72 * s) / 2 - 0.72 * s
    c.setFont(font, s)
    for line in lines:
        if align == "center":
            c.drawCentredString(x + w / 2, y, line)
        elif align == "right":
            c.drawRightString(x + w - pad, y, line)
        else:
            c.drawString(x + pad, y, line)
        y -= lead


def paragraph(
    c: Canvas | None,
    text: str,
    at: tuple[float, float, float],
    font: str,
    size: float,
    *,
    leading: float | None = None,
    justify: bool = True,
) -> float:
    """Draws a wrapped, justified paragraph from baseline ``y`` down; returns the next free baseline.

    With ``c`` None it only measures, which is how the decree plans its pages. ``at`` is (x, y, width).
    """
    x, y, w = at
    lead = leading or size * 1.35
    lines = simpleSplit(text, font, size, w)
    if c is not None:
        c.setFont(font, size)
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            if justify and not last and " " in line:
                # Word spacing (Tw) keeps each line one string, so copying and reading the text work.
                extra = (w - width(line, font, size)) / line.count(" ")
                c.drawString(x, y - i * lead, line, wordSpace=extra)
            else:
                c.drawString(x, y - i * lead, line)
    return y - len(lines) * lead


@cache
def _placeholder_emblem() -> bytes:
    return (paths.resources_dir() / "emblem" / "placeholder.png").read_bytes()


def emblem_image(data: bytes | None) -> ImageReader:
    """The stored emblem, or the placeholder when there is none or it cannot be read."""
    if data:
        try:
            img = ImageReader(io.BytesIO(data))
            img.getSize()
            return img
        except Exception:  # a damaged upload must not stop the printing
            log.warning("stored emblem cannot be read; using the placeholder")
    return ImageReader(io.BytesIO(_placeholder_emblem()))


def letterhead(c: Canvas, setup: Setup, span: tuple[float, float, float], emblem: ImageReader) -> float:
    """The kop surat: emblem, government, district, village, address, and the double rule. Returns the y below."""
    left, right, top = span
    v = setup.village
    size = 23 * mm
    c.drawImage(emblem, left, top - size, size, size, mask="auto", preserveAspectRatio=True, anchor="c")
    cx = (left + size + right) / 2 if right - left < 200 * mm else (left + right) / 2
    avail = (right - left - size) * 0.95
    y = top - 5 * mm
    lines: list[tuple[str, str, float]] = [
        (regency_line(v).upper(), SERIF_BOLD, 13),
        (f"Kecamatan {v.district_name}".upper(), SERIF_BOLD, 13),
        (unit_name(v).upper(), SERIF_BOLD, 16),
    ]
    for text, font, s in lines:
        s2 = fit_size(text, font, s, avail, 9)
        c.setFont(font, s2)
        c.drawCentredString(cx, y, text)
        y -= s2 * 0.36 * mm + 2.4 * mm
    address = v.office_address.strip() or f"{unit_name(v)}, Kecamatan {v.district_name}"
    if v.postal_code:
        address += f", Kode Pos {v.postal_code}"
    s2 = fit_size(address, SERIF, 9, avail, 6.5)
    c.setFont(SERIF, s2)
    c.drawCentredString(cx, y + 0.6 * mm, address)
    rule = min(y - 2.2 * mm, top - size - 1.5 * mm)
    c.setLineWidth(2.0)
    c.line(left, rule, right, rule)
    c.setLineWidth(0.6)
    c.line(left, rule - 1.2 * mm, right, rule - 1.2 * mm)
    return float(rule - 1.2 * mm)


def footer(c: Canvas, span: tuple[float, float, float], note: str, page: int, pages: int) -> None:
    left, right, y = span
    c.setFont(SANS, 6.5)
    c.setFillGray(0.35)
    c.drawString(left, y, note)
    c.drawRightString(right, y, f"Halaman {page} dari {pages}")
    c.setFillGray(0)


def signature(
    c: Canvas,
    cx: float,
    y: float,
    heading: Sequence[str],
    name: str,
    *,
    room: float = 20 * mm,
    font: str = SANS,
    size: float = 9,
    bold_name: bool = True,
    caption: str = "",
) -> float:
    """A signature block centred on ``cx``: heading lines, room to sign (and stamp), the name underlined."""
    c.setFont(font, size)
    for line in heading:
        c.drawCentredString(cx, y, line)
        y -= size * 1.3
    y -= room
    nf = SANS_BOLD if font == SANS else (SERIF_BOLD if font == SERIF else COND_BOLD)
    nm = name.upper() if bold_name else name
    c.setFont(nf if bold_name else font, size)
    c.drawCentredString(cx, y, nm)
    w = width(nm, nf if bold_name else font, size)
    c.setLineWidth(0.6)
    c.line(cx - w / 2, y - 1.2, cx + w / 2, y - 1.2)
    y -= size * 1.3
    if caption:
        c.setFont(font, size - 1)
        c.drawCentredString(cx, y, caption)
        y -= size * 1.3
    return y


Draw = Callable[[Canvas], Any]

#: A builder run step by step: yields (pages done, pages in all) and returns what it wrote.
Steps = Generator[tuple[int, int], None, Built]


def drain(steps: Steps) -> Built:
    """Runs a step-by-step builder to its end."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            built: Built = stop.value
            return built
