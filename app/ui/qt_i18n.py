"""Qt's own strings (standard buttons, file dialogs) from the translations PySide6 ships,
and Kazakh for the standard buttons, which Qt does not ship."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.i18n import N_, tr

# Qt ships no Kazakh catalog; Russian is the official second language, so Kazakh
# sessions get Qt's Russian strings rather than English ones.
_QT_CATALOG = {"ru": "ru", "kk": "ru"}
_installed: list[QTranslator] = []

# The standard buttons' texts as Qt asks for them (QPlatformTheme and the Linux themes),
# translated in Kenes's own catalog: a Kazakh dialog must not say "Отмена".
_BUTTON_CONTEXTS = frozenset({"QPlatformTheme", "QGnomeTheme", "QKdeTheme",
                              "QDialogButtonBox", "QMessageBox"})
_BUTTONS = frozenset({
    N_("OK"), N_("&OK"), N_("Cancel"), N_("&Cancel"), N_("Close"), N_("&Close"),
    N_("Save"), N_("&Save"), N_("&Yes"), N_("&No"), N_("Yes"), N_("No"),
    N_("Apply"), N_("Help"), N_("Discard"), N_("Reset"), N_("Restore Defaults"),
    N_("Abort"), N_("Retry"), N_("Ignore"), N_("Don't Save"), N_("Close without Saving"),
    N_("Yes to &All"), N_("N&o to All"), N_("Save All"),
})


class _KazakhButtons(QTranslator):
    """Answers Qt's standard-button lookups in Kazakh; everything else falls through to
    the Russian catalog installed before it."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if context in _BUTTON_CONTEXTS and source in _BUTTONS:
            text = tr("kk", source)
            return "" if text == source else text
        return ""

    def isEmpty(self) -> bool:
        return False


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
    if lang == "kk":  # installed last: asked first
        buttons = _KazakhButtons(app)
        app.installTranslator(buttons)
        _installed.append(buttons)
