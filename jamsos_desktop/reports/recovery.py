"""The recovery key sheet: one page for the village head to keep with the office's papers.

The key opens the encrypted database if every password is forgotten, so the sheet says what it
is, where to keep it, and nothing else about the village's data.
"""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from .base import A4, SANS, SANS_BOLD, mm, paper_size, register_fonts, tanggal, wrap


def recovery_sheet(out: BinaryIO, recovery_key: str, place: str, made_on: dt.date) -> None:
    """Writes the sheet as PDF to ``out`` (reproducible: the same input gives the same bytes)."""
    register_fonts()
    w, h = paper_size(A4)
    c = Canvas(out, pagesize=(w, h), invariant=1, pageCompression=1, pdfVersion=(1, 4))
    c.setTitle("Kunci pemulihan JAMSOS Desktop")
    c.setCreator("JAMSOS Desktop")
    c.setProducer("JAMSOS Desktop (ReportLab)")
    left, right = 25 * mm, w - 25 * mm
    y = h - 35 * mm
    c.setFont(SANS_BOLD, 18)
    c.drawString(left, y, "KUNCI PEMULIHAN — JAMSOS Desktop")
    y -= 9 * mm
    c.setFont(SANS, 11)
    c.drawString(left, y, place)
    y -= 6 * mm
    c.drawString(left, y, f"Dibuat: {tanggal(made_on)}")
    y -= 22 * mm
    # Courier's letters are 0.6 em wide: the size that fits the 39 characters in the box.
    size = min(18.0, (right - left - 12 * mm) / (0.6 * max(1, len(recovery_key))))
    c.setFont("Courier-Bold", size)
    c.drawCentredString(w / 2, y, recovery_key)
    c.roundRect(left, y - 8 * mm, right - left, 20 * mm, 3 * mm)
    y -= 26 * mm
    lines = [
        "Kunci ini membuka basis data desa bila semua kata sandi terlupa. Siapa pun yang memegangnya, "
        "bersama salinan basis data, dapat membaca data pekerja.",
        "Simpan lembar ini di tempat terkunci (lemari arsip kepala desa), terpisah dari laptop. Jangan "
        "difoto, jangan dikirim lewat pesan, jangan disimpan di laptop yang sama.",
        "Bila hilang atau mungkin terbaca orang lain: admin membuat kunci pemulihan baru (jamsos user "
        "recovery-key); "
        "kunci lama tidak berlaku lagi.",
        "This key opens the village database if every password is forgotten. Keep it locked away, "
        "apart from the laptop.",
    ]
    c.setFont(SANS, 11)
    for para in lines:
        for line in wrap(para, SANS, 11, right - left):
            c.drawString(left, y, line)
            y -= 5.5 * mm
        y -= 3 * mm
    y -= 25 * mm
    c.drawString(right - 70 * mm, y, "Disimpan oleh,")
    y -= 25 * mm
    c.line(right - 70 * mm, y, right, y)
    c.showPage()
    c.save()
