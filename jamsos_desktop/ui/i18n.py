"""Qt translations: Indonesian is the source language; English comes from resources/translations."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from .. import paths
from ..domain import text

log = logging.getLogger(__name__)

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

_installed: list[QTranslator] = []


def apply_language(lang: str) -> bool:
    """Installs the translator for ``lang`` (and the domain messages' language); False if missing."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication")
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    lang = lang if lang in LANGUAGES else "id"
    text.set_language(lang)
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Indonesian))
    # The app's words are written in Indonesian; Qt's own (standard buttons, file and print
    # dialogs, the wizard's buttons, a line edit's menu) are English, and Qt ships no Indonesian
    # translation of them: qt_id.ts is ours.
    name = "qt_id.qm" if lang == "id" else f"jamsos_{lang}.qm"
    translator = QTranslator(app)
    qm = paths.resources_dir() / "translations" / name
    if translator.load(str(qm)):
        app.installTranslator(translator)
        _installed.append(translator)
        return True
    log.warning("translation %s not found (run make setup)", qm.name)
    return lang == "id"  # Indonesian without Qt's words is still the app's language
