"""Qt's own strings (standard buttons, file dialogs) from the translations PySide6 ships."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# Qt ships no Kazakh catalog; Russian is the official second language, so Kazakh
# sessions get Qt's Russian strings rather than English ones.
_QT_CATALOG = {"ru": "ru", "kk": "ru"}
_installed: list[QTranslator] = []


def install_qt_translations(app: QApplication, lang: str) -> None:
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Kazakh if lang == "kk" else
                               QLocale.Language.Russian if lang == "ru" else
                               QLocale.Language.English, QLocale.Country.Kazakhstan))
    qt_lang = _QT_CATALOG.get(lang)
    if qt_lang is None:
        return
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{qt_lang}", path):
        app.installTranslator(translator)
        _installed.append(translator)
