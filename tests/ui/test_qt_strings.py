"""Qt's own standard buttons speak the interface language: Russian from the catalog Qt
ships, Kazakh from Kenes's own (Qt ships none), English untouched."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.i18n import set_language
from app.ui.qt_i18n import install_qt_translations

Box = QDialogButtonBox.StandardButton


@pytest.mark.parametrize(("lang", "cancel", "close"), [
    ("kk", "Бас тарту", "Жабу"), ("ru", "Отмена", "Закрыть"), ("en", "Cancel", "Close")])
def test_standard_buttons_in_the_interface_language(qtbot, qapp, lang, cancel, close):
    set_language(lang)
    install_qt_translations(qapp, lang)
    try:
        box = QDialogButtonBox(Box.Ok | Box.Cancel | Box.Close)
        qtbot.addWidget(box)
        texts = {b: box.button(b).text().replace("&", "") for b in (Box.Cancel, Box.Close)}
        assert texts == {Box.Cancel: cancel, Box.Close: close}
        question = QMessageBox(QMessageBox.Icon.Question, "Kenes", "?",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(question)
        yes = question.button(QMessageBox.StandardButton.Yes).text().replace("&", "")
        assert yes == {"kk": "Иә", "ru": "Да", "en": "Yes"}[lang]
    finally:
        install_qt_translations(qapp, "en")
        set_language("en")
