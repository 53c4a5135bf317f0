"""The coverage report as an Indonesian PDF a head of office signs (A4, embedded DejaVu fonts,
ReportLab invariant mode: the same figures give the same bytes).

Laid out twice: the first pass counts the pages so every footer can say "Halaman x dari y". Tables
repeat their heading on a new page; the signature block is never split from the last lines.
Charts are ReportLab graphics (bars per kecamatan, and per year).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..domain.money import grouped, rupiah
from ..reports.base import (
    COND,
    COND_BOLD,
    SANS,
    SANS_BOLD,
    centred_lines,
    ellipsize,
    fit_size,
    footer,
    register_fonts,
    signature_name,
    tanggal,
)
from .report import Figures, Line, Signer

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 18 * mm, PAGE_W - 15 * mm, PAGE_H - 15 * mm, 18 * mm
ROW = 4.6 * mm
BLUE, GREEN = colors.HexColor("#4472C4"), colors.HexColor("#70AD47")

Column = tuple[str, float, str]  # heading, width (mm), "l" | "r"


def percent(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.1f}".replace(".", ",") + "%"


class _Pages:
    def __init__(self, c: Canvas, note: str, total: int | None) -> None:
        self.c, self.note, self.total = c, note, total
        self.page, self.y = 1, TOP

    def finish(self) -> None:
        footer(self.c, (LEFT, RIGHT, 10 * mm), self.note, self.page, self.total or self.page)
        self.c.showPage()

    def need(self, h: float, again: Callable[[], None] | None = None) -> None:
        if self.y - h < BOTTOM:
            self.finish()
            self.page += 1
            self.y = TOP
            if again:
                again()

    def text(self, s: str, *, font: str = SANS, size: float = 9, x: float = LEFT, gap: float = 1.45) -> None:
        self.need(size * gap)
        self.c.setFont(font, fit_size(s, font, size, RIGHT - x, 6))
        self.c.drawString(x, self.y - size, s)
        self.y -= size * gap

    def centred(self, s: str, *, font: str = SANS_BOLD, size: float = 11) -> None:
        self.need(size * 1.45)
        self.c.setFont(font, fit_size(s, font, size, RIGHT - LEFT, 7))
        self.c.drawCentredString((LEFT + RIGHT) / 2, self.y - size, s)
        self.y -= size * 1.45

    def heading(self, s: str) -> None:
        self.need(11 + 3 * ROW)  # a heading never stands alone at the foot of a page
        self.y -= 3
        self.text(s, font=SANS_BOLD, size=9.5, gap=1.6)

    def table(self, cols: Sequence[Column], rows: Sequence[Sequence[str]], *, bold_last: bool = False) -> None:
        widths = [w * mm for _, w, _ in cols]
        scale = min(1.0, (RIGHT - LEFT) / sum(widths))
        widths = [w * scale for w in widths]

        def head() -> None:
            c = self.c
            c.setFillColor(colors.HexColor("#DDEBF7"))
            c.rect(LEFT, self.y - ROW * 1.3, sum(widths), ROW * 1.3, stroke=0, fill=1)
            c.setFillColor(colors.black)
            x = LEFT
            for (h, _, align), w in zip(cols, widths, strict=True):
                c.setFont(COND_BOLD, fit_size(h, COND_BOLD, 7.2, w - 2, 5))
                if align == "r":
                    c.drawRightString(x + w - 1.2, self.y - ROW * 0.95, h)
                else:
                    c.drawString(x + 1.2, self.y - ROW * 0.95, h)
                x += w
            self.y -= ROW * 1.3
            c.setLineWidth(0.4)
            c.line(LEFT, self.y, LEFT + sum(widths), self.y)

        self.need(ROW * 2.3)
        head()
        for i, r in enumerate(rows):
            self.need(ROW, head)
            c = self.c
            font = COND_BOLD if bold_last and i == len(rows) - 1 else COND
            if bold_last and i == len(rows) - 1:
                c.setLineWidth(0.4)
                c.line(LEFT, self.y, LEFT + sum(widths), self.y)
            x = LEFT
            for (_, _, align), w, v in zip(cols, widths, r, strict=True):
                s = ellipsize(v, font, 7.2, w - 2.4)
                c.setFont(font, 7.2)
                if align == "r":
                    c.drawRightString(x + w - 1.2, self.y - ROW * 0.72, s)
                else:
                    c.drawString(x + 1.2, self.y - ROW * 0.72, s)
                x += w
            self.y -= ROW
            c.setLineWidth(0.15)
            c.setStrokeGray(0.7)
            c.line(LEFT, self.y, LEFT + sum(widths), self.y)
            c.setStrokeGray(0)
        self.y -= 2 * mm

    def chart(self, d: Drawing) -> None:
        self.need(d.height + 2 * mm)
        renderPDF.draw(d, self.c, LEFT, self.y - d.height)
        self.y -= d.height + 2 * mm


def _bars(title: str, names: Sequence[str], series: Sequence[tuple[str, Sequence[int], colors.Color]]) -> Drawing:
    w, h = RIGHT - LEFT, 62 * mm
    d = Drawing(w, h)
    d.add(String(0, h - 9, title, fontName=SANS_BOLD, fontSize=8))
    ch = VerticalBarChart()
    ch.x, ch.y, ch.width, ch.height = 12 * mm, 12 * mm, w - 50 * mm, h - 24 * mm
    ch.data = [list(v) or [0] for _, v, _ in series]
    ch.categoryAxis.categoryNames = [
        ellipsize(n, COND, 6, max(8.0, (w - 50 * mm) / max(len(names), 1) - 2)) for n in names
    ] or [""]
    ch.categoryAxis.labels.fontName, ch.categoryAxis.labels.fontSize = COND, 6
    ch.categoryAxis.labels.angle = 30 if len(names) > 6 else 0
    ch.categoryAxis.labels.boxAnchor = "ne" if len(names) > 6 else "n"
    ch.valueAxis.labels.fontName, ch.valueAxis.labels.fontSize = COND, 6
    ch.valueAxis.valueMin = 0
    top = max([max(v) for _, v, _ in series if v] or [0])
    ch.valueAxis.valueMax = max(4, int(top * 1.15) + 1)
    ch.valueAxis.labelTextFormat = lambda v: grouped(int(v))
    for i, (_, _, col) in enumerate(series):
        ch.bars[i].fillColor = col
        ch.bars[i].strokeColor = None
    ch.barSpacing, ch.groupSpacing = 1, 6
    d.add(ch)
    lg = Legend()
    lg.x, lg.y = w - 34 * mm, h - 16 * mm
    lg.fontName, lg.fontSize = COND, 7
    lg.colorNamePairs = [(col, name) for name, _, col in series]
    lg.alignment = "right"
    d.add(lg)
    return d


def _line_row(x: Line, *, first: str, second: str | None = None) -> list[str]:
    out = [first] + ([second] if second is not None else [])
    return [
        *out,
        grouped(x.recorded),
        grouped(x.nominated),
        grouped(x.approved),
        grouped(x.registered),
        grouped(x.rejected),
        grouped(x.duplicate),
        grouped(x.quota),
        grouped(x.budget),
    ]


_NUMS: list[Column] = [
    ("Tercatat", 15, "r"),
    ("Diusulkan", 15, "r"),
    ("Disetujui", 15, "r"),
    ("Terdaftar", 15, "r"),
    ("Ditolak", 13, "r"),
    ("Ganda", 12, "r"),
    ("Kuota", 12, "r"),
    ("Anggaran (Rp)", 24, "r"),
]


def _render(fig: Figures, signer: Signer, total: int | None) -> tuple[bytes, int]:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, pdfVersion=(1, 4))
    c.setTitle(f"Laporan Cakupan Jamsostek Pekerja Rentan {fig.regency} {fig.year}")
    c.setAuthor(fig.district_office or fig.regency)
    c.setCreator("JAMSOS Desktop")
    c.setProducer("JAMSOS Desktop (ReportLab)")
    note = f"Laporan cakupan pekerja rentan {fig.regency} tahun {fig.year}, dibuat {tanggal(fig.made_on)}"
    p = _Pages(c, note, total)
    t = fig.total

    p.centred(f"PEMERINTAH {fig.regency.upper()}" if fig.regency else "PEMERINTAH DAERAH", size=12)
    if fig.district_office:
        p.centred(fig.district_office.upper(), size=11)
    c.setLineWidth(1.2)
    c.line(LEFT, p.y - 1, RIGHT, p.y - 1)
    p.y -= 6 * mm
    p.centred("LAPORAN CAKUPAN JAMINAN SOSIAL KETENAGAKERJAAN", size=11)
    p.centred(f"BAGI PEKERJA RENTAN TAHUN {fig.year}", size=11)
    p.y -= 2 * mm

    p.heading("A. Capaian kabupaten (pemantauan Inpres Nomor 2 Tahun 2021 dan Paritrana Award)")
    summary = [
        ("Potensi pekerja rentan tercatat di desa/kelurahan", grouped(t.recorded)),
        ("Diusulkan oleh desa/kelurahan", grouped(t.nominated)),
        ("Disetujui kepala desa/lurah", grouped(t.approved)),
        ("Terdaftar BPJS Ketenagakerjaan (pekerja terlindungi)", grouped(t.registered)),
        ("Persentase terlindungi terhadap potensi tercatat", percent(t.share() if t.recorded else None)),
        ("Target pekerja terlindungi kabupaten", grouped(fig.target) if fig.target else "belum ditetapkan"),
        ("Capaian terhadap target", percent(fig.target_share())),
        ("Ditolak BPJS / ganda (diusulkan di desa lain)", f"{grouped(t.rejected)} / {grouped(t.duplicate)}"),
        ("Kuota seluruh desa/kelurahan", grouped(t.quota)),
        (f"Anggaran iuran yang dialokasikan tahun {fig.year}", rupiah(t.budget)),
    ]
    p.table([("Uraian", 120, "l"), ("Jumlah", 50, "r")], summary)
    p.chart(
        _bars(
            "Diusulkan dan terdaftar per kecamatan",
            [k.name for k in fig.kecamatan],
            [
                ("Diusulkan", [k.nominated for k in fig.kecamatan], BLUE),
                ("Terdaftar", [k.registered for k in fig.kecamatan], GREEN),
            ],
        )
    )

    p.heading("B. Dari tahun ke tahun")
    p.table(
        [("Tahun", 20, "l"), ("Diusulkan", 30, "r"), ("Terdaftar", 30, "r"), ("Anggaran iuran (Rp)", 45, "r")],
        [[str(y.year), grouped(y.nominated), grouped(y.registered), grouped(y.budget)] for y in fig.years],
    )
    if len(fig.years) > 1:
        p.chart(
            _bars(
                "Pekerja diusulkan dan terdaftar per tahun",
                [str(y.year) for y in fig.years],
                [
                    ("Diusulkan", [y.nominated for y in fig.years], BLUE),
                    ("Terdaftar", [y.registered for y in fig.years], GREEN),
                ],
            )
        )

    p.heading(f"C. Per kecamatan, tahun {fig.year}")
    p.table(
        [("Kecamatan", 34, "l"), *_NUMS],
        [_line_row(k, first=k.name) for k in fig.kecamatan] + [_line_row(t, first="Jumlah")],
        bold_last=True,
    )

    p.heading(f"D. Per desa/kelurahan, tahun {fig.year}")
    p.table(
        [("No", 7, "r"), ("Desa/Kelurahan", 30, "l"), ("Kecamatan", 24, "l"), *_NUMS],
        [[str(i), *_line_row(v, first=v.name, second=v.kecamatan)] for i, v in enumerate(fig.villages, start=1)]
        + [["", *_line_row(t, first="Jumlah", second="")]],
        bold_last=True,
    )

    p.heading(f"E. Per kategori pekerja, tahun {fig.year}")
    p.table(
        [
            ("Kategori pekerja", 50, "l"),
            ("Tercatat", 25, "r"),
            ("Diusulkan", 25, "r"),
            ("Terdaftar", 25, "r"),
            ("% terlindungi", 25, "r"),
        ],
        [
            [
                x.name,
                grouped(x.recorded),
                grouped(x.nominated),
                grouped(x.registered),
                percent(x.share() if x.recorded else None),
            ]
            for x in fig.categories
        ],
    )

    # the signature: place and date, title, room to sign and stamp, name, NIP; kept together
    place = signer.place or (fig.regency.removeprefix("Kabupaten ").removeprefix("Kota ") if fig.regency else "")
    title = signer.title or (f"Kepala {fig.district_office}" if fig.district_office else "Kepala Dinas")
    p.need(58 * mm)  # kept together, with a title of three lines
    cx = RIGHT - 40 * mm
    y = p.y - 6 * mm
    c.setFont(SANS, 9)
    c.drawCentredString(cx, y, f"{place}, {tanggal(fig.made_on)}" if place else tanggal(fig.made_on))
    # A long office ("Kepala Dinas Tenaga Kerja, Transmigrasi dan ...") wraps in the block too.
    below = centred_lines(c, (cx, y - 5 * mm), title, 78 * mm)
    name_y = min(y - 30 * mm, below - 18 * mm)  # room to sign and stamp under the title
    # The village documents' signer block: a long name with its titles wraps (two balanced lines,
    # smaller if need be) within the block's width instead of running off the page.
    signature_name(c, (cx, name_y), signer.name, 78 * mm)
    c.setFont(SANS, 9)
    c.drawCentredString(cx, name_y - 5 * mm, f"NIP. {signer.nip}" if signer.nip else "NIP. ....................")
    p.y = name_y - 8 * mm
    p.finish()
    c.save()
    return buf.getvalue(), p.page


def build_pdf(fig: Figures, signer: Signer) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    register_fonts()
    _, pages = _render(fig, signer, None)
    return _render(fig, signer, pages)
