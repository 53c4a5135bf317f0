"""The user guide inside the app: docs/panduan.md (Indonesian) or docs/guide.md (English), with
its screenshots, rendered offline in a QTextBrowser; and each page's one-line hint of its next step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .. import paths
from ..domain.text import language

GUIDES = {"id": "panduan.md", "en": "guide.md"}


def docs_dir() -> Path:
    """docs/ beside resources/ (the bundle mirrors the source tree)."""
    return paths.resources_dir().parent / "docs"


def guide_path(lang: str | None = None) -> Path:
    return docs_dir() / GUIDES.get(lang or language(), GUIDES["id"])


class GuideWindow(QDialog):
    """The guide, readable without a connection: headings, lists, links inside it and its
    screenshots. Not modal, so it can stay open beside the window while working."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("Panduan pengguna JAMSOS Desktop"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(True)
        path = guide_path()
        self.browser.setSearchPaths([str(path.parent)])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = self.tr("Panduan tidak ditemukan di {0}.").format(path)
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
        self.resize(760, 560)

    def fit_to(self, area_width: int, area_height: int) -> None:
        self.resize(min(self.width(), area_width - 40), min(self.height(), area_height - 60))


def page_hint(page: str, head: str) -> str:
    """What to do next on ``page``, in a line; ``head`` is the approver as the village calls them."""
    hints = {
        "dashboard": QCoreApplication.translate(
            "PageHint", "Langkah berikutnya: catat pekerja di Pekerja (Ctrl+2), lalu usulkan di Nominasi (Ctrl+3)."
        ),
        "workers": QCoreApplication.translate(
            "PageHint",
            "Ctrl+N: pekerja baru (Enter menyimpan, Esc menutup). Draf yang tersimpan dibuka dari tombol Draf.",
        ),
        "nominations": QCoreApplication.translate(
            "PageHint",
            "Nilai ulang, lalu usulkan sesuai peringkat; {0} memutuskan di tab Usulan dan keputusan. Berikutnya: Dokumen.",
        ).format(head),
        "documents": QCoreApplication.translate(
            "PageHint",
            "Cetak formulir usulan yang disetujui, minta tanda tangan, lalu tandai ditandatangani. Berikutnya: Sinkronisasi.",
        ),
        "sync": QCoreApplication.translate(
            "PageHint",
            "Tulis berkas kiriman untuk kabupaten (hanya formulir yang sudah ditandatangani), lalu baca berkas hasilnya bila kembali.",
        ),
        "settings": QCoreApplication.translate(
            "PageHint", "Data desa, program, pengguna dan bahasa. F1 membuka panduan."
        ),
    }
    return hints.get(page, "")
