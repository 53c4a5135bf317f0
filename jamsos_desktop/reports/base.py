"""What every document shares: paper, embedded fonts, Indonesian dates, the letterhead and text fitting.

Everything here draws on a plain ReportLab canvas. The documents lay out their pages themselves
(fixed rows, known page counts) instead of using platypus: it is several times faster, and the
page count is known before the first page is drawn, so "Halaman x dari y" needs no second pass.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO, Protocol

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .. import paths
from ..domain.text import Text, UserError
from ..domain.village_words import UNIT_WORDS, VillageWords, words_for

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
    def code(self) -> str: ...
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
    @property
    def consent_date(self) -> dt.date | None: ...


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
    regulation_number: str = ""  # of the village budget regulation (Mengingat); blank: left to fill in by hand
    head_nip: str = ""  # a Lurah is a civil servant and signs with the NIP

    @property
    def place(self) -> str:
        """Where documents are signed: the village, or the city for a kelurahan (its decrees are the city's)."""
        v = self.village
        if words(v).kelurahan:
            return regency_place(v)
        return " ".join(v.name.split())

    @property
    def words(self) -> VillageWords:
        return words(self.village)


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


def words(v: VillageRow) -> VillageWords:
    """The village's own words (head title, 'Nagari', hamlet word, budget name) for its documents."""
    return words_for(v.code, v.kind, v.head_title, v.name)


def unit_word(v: VillageRow) -> str:
    """'Desa', 'Nagari', 'Gampong', 'Kelurahan' ... as the letterhead and titles call the village."""
    return words(v).unit


def unit_name(v: VillageRow) -> str:
    """'Desa Cibiru Hilir', 'Nagari Sijunjung'."""
    return words(v).unit_name


def head_office(v: VillageRow) -> str:
    """The head's office as written above the signature: 'Kepala Desa Cibiru Hilir', 'Wali Nagari X', 'Keuchik Gampong X'."""
    return words(v).head_office


def regency_place(v: VillageRow) -> str:
    """'Kota Bandung' → 'Bandung', as a city is named after 'Ditetapkan di'."""
    name = " ".join(v.regency_name.split())
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


_KEEP_CASE = {"dr.", "drs.", "dra.", "ir.", "prof.", "drg.", "dr", "ir"}


def upper_name(name: str) -> str:
    """A name in capitals as it stands under a signature, its academic titles as written:
    'Dr. H. Muhammad Ridwan, S.Sos., M.Si.' → 'Dr. H. MUHAMMAD RIDWAN, S.Sos., M.Si.'."""
    name = " ".join(name.split())
    head, comma, degrees = name.partition(",")
    out = [w if w.lower() in _KEEP_CASE else w.upper() for w in head.split(" ")]
    return " ".join(out) + comma + degrees


_OPERATOR_PLACEHOLDERS = {f"operator {w}" for w in UNIT_WORDS} | {"operator"}


def operator_name(v: VillageRow) -> str:
    """The operator's name for a signature, or "" (a line to write on) when none was given:
    older databases stored the placeholder 'Operator Desa' instead of a name."""
    name = " ".join(v.operator_name.split())
    return "" if name.lower() in _OPERATOR_PLACEHOLDERS else name


def regency_line(v: VillageRow) -> str:
    """'PEMERINTAH KABUPATEN BANDUNG' (the names from Kemendagri already say Kabupaten or Kota)."""
    name = v.regency_name.strip()
    if not name.lower().startswith(("kabupaten", "kota")):
        name = f"Kabupaten {name}"
    return f"Pemerintah {name}"


def funded_by_region(v: VillageRow, p: ProgramRow) -> bool:
    """A kelurahan has no budget of its own: its city or regency pays, from the APBD."""
    return p.funding_source == "APBD" or words(v).kelurahan


def funding_short(v: VillageRow, p: ProgramRow) -> str:
    """'APBDes', 'APB Nagari', 'APB Gampong', 'APBD' (as the form's title and KEDUA say)."""
    return "APBD" if funded_by_region(v, p) else words(v).budget_short


def payer(v: VillageRow, p: ProgramRow) -> str:
    """Who pays the contribution: 'Pemerintah Nagari X', or 'Pemerintah Kota Bandung' for a kelurahan."""
    if funded_by_region(v, p):
        return regency_line(v)
    return f"Pemerintah {unit_name(v)}"


def budget_law(v: VillageRow, p: ProgramRow) -> str:
    if funded_by_region(v, p):
        return f"Anggaran Pendapatan dan Belanja Daerah (APBD) {v.regency_name} Tahun Anggaran {p.year}"
    w = words(v)
    return f"{w.budget_long} ({w.budget_short}) {w.name} Tahun Anggaran {p.year}"


def decree_subject(setup: Setup) -> str:
    """The decree's TENTANG, which its Lampiran repeats word for word."""
    return (
        f"Penetapan Peserta Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan {unit_name(setup.village)} "
        f"Tahun Anggaran {setup.program.year}"
    )


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


_AFTER_HYPHEN = re.compile(r"(?<=-)(?=[^-])")


def wrap(text: str, font: str, size: float, avail: float) -> list[str]:
    """Greedy wrapping at spaces and after hyphens ('Undang-' / 'Undang'); a run longer than a whole line
    is broken between letters. Every character of ``text`` is kept (only spaces at breaks go)."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        for j, part in enumerate(_AFTER_HYPHEN.split(word)):
            joined = f"{cur} {part}" if cur and j == 0 else cur + part
            if width(joined, font, size) <= avail:
                cur = joined
                continue
            if cur:
                lines.append(cur)
            rest = part
            while width(rest, font, size) > avail and len(rest) > 1:
                k = len(rest) - 1
                while k > 1 and width(rest[:k], font, size) > avail:
                    k -= 1
                lines.append(rest[:k])
                rest = rest[k:]
            cur = rest
    if cur or not lines:
        lines.append(cur)
    return lines


def balance(text: str, font: str, size: float, avail: float) -> list[str]:
    """Wraps ``text`` into as few lines as fit ``avail``, of even length (no lone last word), as a typist
    centres a title."""
    lines = wrap(text, font, size, avail)
    if len(lines) < 2:
        return lines
    lo, hi = avail / len(lines), avail
    for _ in range(12):
        mid = (lo + hi) / 2
        if len(wrap(text, font, size, mid)) > len(lines):
            lo = mid
        else:
            hi = mid
    return wrap(text, font, size, hi)


def fit_lines(
    text: str,
    font: str,
    size: float,
    avail: float,
    *,
    min_size: float,
    max_lines: int = 1,
    height: float | None = None,
    lead: float = 1.15,
    shrink: float = 0.9,
    balanced: bool = False,
) -> tuple[float, list[str]]:
    """The size and lines at which ``text`` fits ``avail`` wide (and ``height`` high): one line, shrunk to
    no less than ``shrink`` of the size; else wrapped into at most ``max_lines`` lines at the largest size
    down to ``min_size`` (``balanced``: lines of even length). When even that does not fit, it keeps
    shrinking: text is never cut."""
    full = width(text, font, size)
    if full <= avail:
        return size, [text]
    one = size * avail / full * 0.999
    if one >= max(size * shrink, min_size):
        return one, [text]
    split = balance if balanced else wrap
    s = size
    while True:
        lines = split(text, font, s, avail)
        fits_height = height is None or (len(lines) - 1) * s * lead + s <= height
        if ((len(lines) <= max_lines or s < min_size) and fits_height) or s <= 2:
            return s, lines
        s -= 0.25


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
    else as many lines as the cell holds, shrinking as far as needed; never spilling, never cut."""
    x, y_top, w, h = cell
    avail = w - 2 * pad
    s, lines = fit_lines(text, font, size, avail, min_size=min_size, max_lines=99, height=h - 1.5)
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


#: The widest gap between words that a justified line may have, in spaces: wider gaps read as holes,
#: so such a line is set flush left instead.
MAX_GAP = 2.0


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
    The last line is never stretched, nor a line whose gaps would exceed :data:`MAX_GAP` spaces.
    """
    x, y, w = at
    lead = leading or size * 1.35
    lines = wrap(text, font, size, w)
    if c is not None:
        c.setFont(font, size)
        space = width(" ", font, size)
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            gaps = line.count(" ")
            extra = (w - width(line, font, size)) / gaps if gaps else 0.0
            if justify and not last and gaps and space + extra <= MAX_GAP * space:
                # Word spacing (Tw) keeps each line one string, so copying and reading the text work.
                c.drawString(x, y - i * lead, line, wordSpace=extra)
            else:
                c.drawString(x, y - i * lead, line)
    return y - len(lines) * lead


@cache
def _placeholder_emblem() -> bytes:
    return (paths.resources_dir() / "emblem" / "placeholder.png").read_bytes()


def _stored_emblem(data: bytes | None) -> ImageReader | None:
    if data:
        try:
            img = ImageReader(io.BytesIO(data))
            img.getSize()
            return img
        except Exception:  # a damaged upload must not stop the printing
            log.warning("stored emblem cannot be read; using the placeholder")
    return None


def emblem_image(data: bytes | None) -> ImageReader:
    """The stored emblem, or the placeholder when there is none or it cannot be read."""
    return _stored_emblem(data) or ImageReader(io.BytesIO(_placeholder_emblem()))


def emblem_missing(data: bytes | None) -> bool:
    """True while the letterhead would show the placeholder (no emblem stored, or one that cannot be read)."""
    return _stored_emblem(data) is None


#: Printed over the placeholder so nobody signs a paper with the wrong emblem unawares.
EMBLEM_NOTICE = ("CONTOH", "lambang daerah", "belum diatur")

EMBLEM_SIZE = 23 * mm


@dataclass(frozen=True, slots=True)
class _KopLine:
    text: str
    font: str
    size: float
    gap: float  # baseline to the next baseline


def _kop_lines(setup: Setup, avail: float) -> list[_KopLine]:
    v = setup.village
    out: list[_KopLine] = []
    for text, font, size, min_size in (
        (regency_line(v).upper(), SERIF_BOLD, 13.0, 10.0),
        (f"Kecamatan {v.district_name}".upper(), SERIF_BOLD, 13.0, 10.0),
        (unit_name(v).upper(), SERIF_BOLD, 16.0, 11.0),
    ):
        # One line a little smaller reads better than two; two lines are balanced.
        s, lines = fit_lines(text, font, size, avail, min_size=min_size, max_lines=2, shrink=0.8, balanced=True)
        for line in lines:
            out.append(_KopLine(line, font, s, s * 0.36 * mm + 2.4 * mm))
    address = " ".join(v.office_address.split()) or f"{unit_name(v)}, Kecamatan {v.district_name}"
    if v.postal_code:
        address += f", Kode Pos {v.postal_code}"
    s, lines = fit_lines(address, SERIF, 9, avail, min_size=7, max_lines=2, balanced=True)
    for line in lines:
        out.append(_KopLine(line, SERIF, s, s * 1.2))
    return out


def _kop_geometry(setup: Setup, span: tuple[float, float, float]) -> tuple[float, float, list[_KopLine], float]:
    """(centre x, text width, lines, y of the double rule) of the letterhead."""
    left, right, top = span
    size = EMBLEM_SIZE
    if right - left < 200 * mm:  # portrait: centred in the room right of the emblem
        avail = right - left - size - 4 * mm
        cx = right - avail / 2
    else:  # landscape: centred on the page, clear of the emblem on both sides
        avail = right - left - 2 * (size + 2 * mm)
        cx = (left + right) / 2
    lines = _kop_lines(setup, avail)
    y = top - 5 * mm
    for line in lines[:-1]:
        y -= line.gap
    last = y - lines[-1].size * 0.3
    rule = min(last - 2.2 * mm, top - size - 1.5 * mm)
    return cx, avail, lines, rule


def letterhead_height(setup: Setup, span: tuple[float, float, float]) -> float:
    """How far the letterhead reaches below ``top`` (the documents plan their first page with it)."""
    return float(span[2] - (_kop_geometry(setup, span)[3] - 1.2 * mm))


def letterhead(c: Canvas, setup: Setup, span: tuple[float, float, float], emblem: ImageReader) -> float:
    """The kop surat: emblem, government, district, village, address, and the double rule. Returns the y below."""
    left, right, top = span
    size = EMBLEM_SIZE
    c.drawImage(emblem, left, top - size, size, size, mask="auto", preserveAspectRatio=True, anchor="c")
    if emblem_missing(setup.emblem):
        c.setFillColorRGB(0.8, 0, 0)
        c.setFont(SANS_BOLD, 6.5)
        c.drawCentredString(left + size / 2, top - size / 2 + 1.2 * mm, EMBLEM_NOTICE[0])
        c.setFont(SANS_BOLD, 5)
        c.drawCentredString(left + size / 2, top - size / 2 - 1.4 * mm, EMBLEM_NOTICE[1])
        c.drawCentredString(left + size / 2, top - size / 2 - 3.4 * mm, EMBLEM_NOTICE[2])
        c.setFillGray(0)
    cx, _, lines, rule = _kop_geometry(setup, span)
    y = top - 5 * mm
    for line in lines:
        c.setFont(line.font, line.size)
        c.drawCentredString(cx, y, line.text)
        y -= line.gap
    c.setLineWidth(2.0)
    c.line(left, rule, right, rule)
    c.setLineWidth(0.6)
    c.line(left, rule - 1.2 * mm, right, rule - 1.2 * mm)
    return float(rule - 1.2 * mm)


def footer(c: Canvas, span: tuple[float, float, float], note: str, page: int, pages: int) -> None:
    left, right, y = span
    c.setFillGray(0.35)
    number = f"Halaman {page} dari {pages}"
    c.setFont(SANS, 6.5)
    c.drawRightString(right, y, number)
    avail = right - left - width(number, SANS, 6.5) - 6 * mm
    c.setFont(SANS, fit_size(note, SANS, 6.5, avail, 2))
    c.drawString(left, y, note)
    c.setFillGray(0)


def centred_lines(
    c: Canvas | None,
    at: tuple[float, float],
    text: str,
    avail: float,
    *,
    font: str = SANS,
    size: float = 9,
    min_size: float = 6.5,
) -> float:
    """``text`` centred on ``cx`` within ``avail``, wrapped (up to three lines) and shrunk as needed; returns
    the baseline below it. With ``c`` None it only measures. ``at`` is (centre x, first baseline)."""
    cx, y = at
    s, lines = fit_lines(text, font, size, avail, min_size=min_size, max_lines=3, balanced=True)
    if c is not None:
        c.setFont(font, s)
    for line in lines:
        if c is not None:
            c.drawCentredString(cx, y, line)
        y -= max(s, size * 0.85) * 1.3
    return y


def signature_name(
    c: Canvas | None,
    at: tuple[float, float],
    name: str,
    avail: float,
    *,
    font: str = SANS_BOLD,
    size: float = 9,
    min_size: float = 6.5,
) -> float:
    """A signer's name centred and underlined on ``cx`` within ``avail``, wrapped upwards from the baseline
    ``y`` so that the last line always stands on ``y``; with no name, a blank line to write it on.
    Returns the baseline of the first line (what the name takes from the room to sign)."""
    cx, y = at
    if not name:
        if c is not None:
            c.setLineWidth(0.6)
            c.setDash(1, 1.5)
            half = min(avail, 45 * mm) / 2
            c.line(cx - half, y - 1.2, cx + half, y - 1.2)
            c.setDash()
        return y
    s, lines = fit_lines(name, font, size, avail, min_size=min_size, max_lines=2, balanced=True)
    lead = s * 1.2
    first = y + (len(lines) - 1) * lead
    if c is not None:
        c.setFont(font, s)
        c.setLineWidth(0.6)
        for i, line in enumerate(lines):
            yy = first - i * lead
            c.drawCentredString(cx, yy, line)
            w = width(line, font, s)
            c.line(cx - w / 2, yy - 1.2, cx + w / 2, yy - 1.2)
    return first


def signature(
    c: Canvas | None,
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
    avail: float = 80 * mm,
) -> float:
    """A signature block centred on ``cx`` and ``avail`` wide: heading lines, room to sign (and stamp), the name
    underlined (upper case, academic titles as written), and a caption such as the NIP."""
    for line in heading:
        y = centred_lines(c, (cx, y), line, avail, font=font, size=size)
    y -= room
    nf = SANS_BOLD if font == SANS else (SERIF_BOLD if font == SERIF else COND_BOLD)
    nm = upper_name(name) if bold_name else name
    s, lines = fit_lines(nm, nf if bold_name else font, size, avail, min_size=6.5, max_lines=2, balanced=True)
    y -= (len(lines) - 1) * s * 1.2
    signature_name(c, (cx, y), nm, avail, font=nf if bold_name else font, size=size)
    y -= size * 1.3
    if caption:
        y = centred_lines(c, (cx, y), caption, avail, font=font, size=size - 1)
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
