"""The coverage report as a spreadsheet: one sheet per table of the PDF, numbers as numbers (so the
office can sum and chart them), codes as text, and a native Excel chart per kecamatan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter  # (no stubs)

from .report import Figures, Line

_NUM_HEADS = ("Tercatat", "Diusulkan", "Disetujui", "Terdaftar", "Ditolak", "Ganda", "Kuota", "Anggaran (Rp)")


def _nums(x: Line) -> list[int]:
    return [x.recorded, x.nominated, x.approved, x.registered, x.rejected, x.duplicate, x.quota, x.budget]


def write_xlsx(fig: Figures, out: Path) -> None:
    wb = xlsxwriter.Workbook(str(out), {"strings_to_numbers": False, "strings_to_formulas": False})
    try:
        bold = wb.add_format({"bold": True})
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        num = wb.add_format({"num_format": "#,##0"})
        pct = wb.add_format({"num_format": "0.0%"})
        text = wb.add_format({"num_format": "@"})

        def table(ws: Any, row: int, heads: list[str], rows: list[list[Any]], text_cols: int) -> int:
            ws.write_row(row, 0, heads, head)
            for i, r in enumerate(rows, start=row + 1):
                for j, v in enumerate(r):
                    if j < text_cols:
                        ws.write_string(i, j, str(v), text)
                    elif isinstance(v, float):
                        ws.write_number(i, j, v, pct)
                    elif v is None:
                        ws.write_blank(i, j, None)
                    else:
                        ws.write_number(i, j, v, num)
            return row + 1 + len(rows)

        t = fig.total
        ws = wb.add_worksheet("Ringkasan")
        ws.set_column(0, 0, 58)
        ws.set_column(1, 1, 18)
        ws.write_string(0, 0, f"Laporan cakupan pekerja rentan {fig.regency} tahun {fig.year}", bold)
        ws.write_string(1, 0, fig.district_office)
        summary: list[list[Any]] = [
            ["Potensi pekerja rentan tercatat", t.recorded],
            ["Diusulkan", t.nominated],
            ["Disetujui kepala desa/lurah", t.approved],
            ["Terdaftar BPJS Ketenagakerjaan (terlindungi)", t.registered],
            ["Persentase terlindungi terhadap potensi", t.share()],
            ["Target pekerja terlindungi kabupaten", fig.target],
            ["Capaian terhadap target", fig.target_share()],
            ["Ditolak BPJS", t.rejected],
            ["Ganda", t.duplicate],
            ["Kuota", t.quota],
            [f"Anggaran iuran tahun {fig.year} (Rp)", t.budget],
        ]
        table(ws, 3, ["Uraian (Inpres 2/2021, Paritrana Award)", "Jumlah"], summary, 1)

        ws = wb.add_worksheet("Per tahun")
        ws.set_column(0, 3, 16)
        end = table(
            ws,
            0,
            ["Tahun", "Diusulkan", "Terdaftar", "Anggaran (Rp)"],
            [[y.year, y.nominated, y.registered, y.budget] for y in fig.years],
            0,
        )
        if fig.years:
            ch = wb.add_chart({"type": "column"})
            for col, name in ((1, "Diusulkan"), (2, "Terdaftar")):
                ch.add_series(
                    {
                        "name": name,
                        "categories": ["Per tahun", 1, 0, end - 1, 0],
                        "values": ["Per tahun", 1, col, end - 1, col],
                    }
                )
            ch.set_title({"name": "Pekerja per tahun"})
            ws.insert_chart(end + 1, 0, ch)

        ws = wb.add_worksheet("Per kecamatan")
        ws.set_column(0, 0, 26)
        ws.set_column(1, 8, 13)
        rows = [[k.name, *_nums(k)] for k in fig.kecamatan]
        end = table(ws, 0, ["Kecamatan", *_NUM_HEADS], [*rows, ["Jumlah", *_nums(t)]], 1)
        if fig.kecamatan:
            ch = wb.add_chart({"type": "column"})
            for col, name in ((2, "Diusulkan"), (4, "Terdaftar")):
                n = len(fig.kecamatan)
                ch.add_series(
                    {
                        "name": name,
                        "categories": ["Per kecamatan", 1, 0, n, 0],
                        "values": ["Per kecamatan", 1, col, n, col],
                    }
                )
            ch.set_title({"name": "Diusulkan dan terdaftar per kecamatan"})
            ws.insert_chart(end + 1, 0, ch)

        ws = wb.add_worksheet("Per desa")
        ws.set_column(0, 0, 15)
        ws.set_column(1, 2, 24)
        ws.set_column(3, 10, 13)
        table(
            ws,
            0,
            ["Kode", "Desa/Kelurahan", "Kecamatan", *_NUM_HEADS],
            [[v.code, v.name, v.kecamatan, *_nums(v)] for v in fig.villages],
            3,
        )
        ws.freeze_panes(1, 2)

        ws = wb.add_worksheet("Per kategori")
        ws.set_column(0, 0, 26)
        ws.set_column(1, 4, 14)
        table(
            ws,
            0,
            ["Kategori pekerja", "Tercatat", "Diusulkan", "Terdaftar", "% terlindungi"],
            [[c.name, c.recorded, c.nominated, c.registered, c.share()] for c in fig.categories],
            1,
        )
    finally:
        wb.close()
