"""Records what a builder draws (every string with its box, every line, image and QR symbol), page by page.

ReportLab's canvas is wrapped, not mocked: the PDF is still written, and the boxes come from the same
font metrics that place the glyphs. A form XObject's content is recorded once and counted on every
page that places it, as the PDF shows it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from jamsos_desktop.reports import forms


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    font: str
    word_gap: float  # the widest gap between words, in points (justified lines stretch it)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the ink: descenders to the tops of capitals and accents."""
        return (self.x0, self.baseline - 0.22 * self.size, self.x1, self.baseline + 0.76 * self.size)

    @property
    def core(self) -> tuple[float, float, float, float]:
        """The box without descenders and accents: no rule may cross it (an underline sits below)."""
        return (self.x0 + 0.3, self.baseline + 0.3, self.x1 - 0.3, self.baseline + 0.66 * self.size)


@dataclass(slots=True)
class Page:
    width: float
    height: float
    texts: list[Text] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class Recording:
    pages: list[Page] = field(default_factory=list)
    _forms: dict[str, Page] = field(default_factory=dict)
    _current: Page | None = None
    _in_form: str | None = None

    def page(self, c: Canvas) -> Page:
        if self._in_form is not None:
            return self._forms.setdefault(self._in_form, Page(0, 0))
        if self._current is None:
            w, h = c._pagesize
            self._current = Page(float(w), float(h))
        return self._current


def _text(c: Canvas, x: float, y: float, text: str, align: str, word_space: float | None) -> Text:
    font, size = c._fontname, float(c._fontsize)
    ws = word_space or 0.0
    w = float(pdfmetrics.stringWidth(text, font, size)) + ws * text.count(" ")
    x0 = x if align == "left" else x - w / 2 if align == "center" else x - w
    gap = float(pdfmetrics.stringWidth(" ", font, size)) + ws if " " in text.strip() else 0.0
    return Text(text, x0, x0 + w, y, size, font, gap)


@contextlib.contextmanager
def recording(monkeypatch: Any) -> Iterator[Recording]:
    rec = Recording()
    orig = {
        name: getattr(Canvas, name)
        for name in (
            "drawString",
            "drawCentredString",
            "drawRightString",
            "line",
            "rect",
            "drawImage",
            "showPage",
            "beginForm",
            "endForm",
            "doForm",
        )
    }

    def string(align: str, name: str) -> Any:
        def draw(self: Canvas, x: float, y: float, text: str, *a: Any, **k: Any) -> Any:
            if text.strip():
                rec.page(self).texts.append(_text(self, x, y, text, align, k.get("wordSpace")))
            return orig[name](self, x, y, text, *a, **k)

        return draw

    def line(self: Canvas, x1: float, y1: float, x2: float, y2: float) -> Any:
        rec.page(self).lines.append((x1, y1, x2, y2))
        return orig["line"](self, x1, y1, x2, y2)

    def rect(self: Canvas, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0, **k: Any) -> Any:
        if stroke:
            p = rec.page(self)
            p.lines += [(x, y, x + w, y), (x, y + h, x + w, y + h), (x, y, x, y + h), (x + w, y, x + w, y + h)]
        return orig["rect"](self, x, y, w, h, stroke=stroke, fill=fill, **k)

    def image(self: Canvas, img: Any, x: float, y: float, width: float, height: float, **k: Any) -> Any:
        rec.page(self).images.append((x, y, x + width, y + height))
        return orig["drawImage"](self, img, x, y, width, height, **k)

    def show(self: Canvas) -> Any:
        page = rec.page(self)
        rec.pages.append(page)
        rec._current = None
        return orig["showPage"](self)

    def begin(self: Canvas, name: str, *a: Any, **k: Any) -> Any:
        rec._in_form = name
        return orig["beginForm"](self, name, *a, **k)

    def end(self: Canvas, *a: Any, **k: Any) -> Any:
        rec._in_form = None
        return orig["endForm"](self, *a, **k)

    def do(self: Canvas, name: str) -> Any:
        form = rec._forms[name]
        page = rec.page(self)
        page.texts += form.texts
        page.lines += form.lines
        page.images += form.images
        return orig["doForm"](self, name)

    qr_draw = forms.qr.draw

    def qr(c: Canvas, data: str, x: float, y: float, size: float) -> None:
        rec.page(c).images.append((x, y, x + size, y + size))
        qr_draw(c, data, x, y, size)

    for name, fn in (
        ("drawString", string("left", "drawString")),
        ("drawCentredString", string("center", "drawCentredString")),
        ("drawRightString", string("right", "drawRightString")),
        ("line", line),
        ("rect", rect),
        ("drawImage", image),
        ("showPage", show),
        ("beginForm", begin),
        ("endForm", end),
        ("doForm", do),
    ):
        monkeypatch.setattr(Canvas, name, fn)
    monkeypatch.setattr(forms.qr, "draw", qr)
    yield rec


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float], tol: float = 0.2) -> bool:
    return a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol and b[1] < a[3] - tol


def _crosses(line: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    x1, y1, x2, y2 = line
    lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return lo_x < box[2] and box[0] < hi_x and lo_y < box[3] and box[1] < hi_y


def problems(page: Page, margins: tuple[float, float, float, float], *, allowed_on_images: set[str]) -> list[str]:
    """What is wrong on a page: text outside the margins (left, right, top, bottom), two strings overlapping,
    a rule crossing a string, a string on an image (other than ``allowed_on_images``)."""
    left, right, top, bottom = margins
    out: list[str] = []
    for t in page.texts:
        x0, y0, x1, y1 = t.box
        if x0 < left - 0.5 or x1 > page.width - right + 0.5 or y0 < bottom - 0.5 or y1 > page.height - top + 0.5:
            out.append(f"outside the margins: {t.text!r} at x {x0:.1f}-{x1:.1f}, y {y0:.1f}-{y1:.1f}")
        for line in page.lines:
            if _crosses(line, t.core):
                out.append(f"a rule crosses {t.text!r}: {tuple(round(v, 1) for v in line)}")
        if t.text not in allowed_on_images:
            for img in page.images:
                if _overlap(img, t.box):
                    out.append(f"{t.text!r} is drawn on an image")
    texts = sorted(page.texts, key=lambda t: t.box[1])
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if b.box[1] >= a.box[3]:
                break
            if _overlap(a.box, b.box):
                out.append(f"{a.text!r} overlaps {b.text!r}")
    return out


def joined(page: Page) -> str:
    """Every character drawn on the page, without spaces (a wrapped line leaves only spaces out)."""
    return "".join(t.text for t in page.texts).replace(" ", "")


def squeezed(text: str) -> str:
    return "".join(text.split())
