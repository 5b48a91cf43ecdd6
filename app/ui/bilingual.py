"""One input for a text held in Kazakh and Russian (app/domain/bilingual.py).

The secretary types in the working language; the other language sits beside it on a
second tab of the same input (DOMAIN.md "Languages of the record"), not in a second
form. The working language's tab comes first and is the one shown; the other tab says
whether it is still empty, so a translation can be added whenever it is known.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.bilingual import Bilingual, other_language
from app.i18n import N_, _
from app.ui.context import UiContext

LANGUAGE_NAMES = {"kk": N_("Kazakh"), "ru": N_("Russian")}
EMPTY_MARK = " ○"  # on a tab whose language has no text yet


def working_language(ctx: UiContext) -> str:
    """The commission's working language (the language its forms edit first)."""
    from app.services import commissions

    return ctx.runner.read(
        lambda s: commissions.get_commission(s, ctx.commission_id)).working_language


class BilingualEdit(QWidget):
    """A line (or, `multiline`, a plain-text box) per language, one tab each."""

    sig_changed = Signal()
    """(): the text of either language changed."""

    def __init__(self, working: str = "ru", *, multiline: bool = False, max_length: int = 300,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.working = working
        self.order = (working, other_language(working))
        self.tabs = QTabBar()
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.setObjectName("languageTabs")
        self.stack = QStackedWidget()
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        for lang in self.order:
            editor: QLineEdit | QPlainTextEdit
            if multiline:
                editor = QPlainTextEdit()
                editor.setTabChangesFocus(True)  # Tab moves on, as in every form
                editor.textChanged.connect(self._changed)
            else:
                editor = QLineEdit()
                editor.setMaxLength(max_length)
                editor.textChanged.connect(self._changed)
            editor.setObjectName(f"text_{lang}")
            self.editors[lang] = editor
            self.tabs.addTab("")
            self.stack.addWidget(editor)
        if not multiline:  # one line high, as a line edit is (a stack would stretch)
            self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.stack.setFixedHeight(self.editors[working].sizeHint().height())
        self.tabs.currentChanged.connect(self._show)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.editors[working])
        self._label_tabs()

    # -- value --------------------------------------------------------------------------
    def value(self) -> Bilingual:
        return Bilingual(**{lang: self.text_of(lang) for lang in self.order})

    def setValue(self, value: Bilingual | None) -> None:
        value = value or Bilingual()
        for lang, editor in self.editors.items():
            text = value.get(lang) or ""
            if isinstance(editor, QLineEdit):
                editor.setText(text)
            else:
                editor.setPlainText(text)
        self._label_tabs()

    def text_of(self, lang: str) -> str:
        editor = self.editors[lang]
        return editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()

    def editor(self, lang: str | None = None) -> QLineEdit | QPlainTextEdit:
        """The input of `lang` (default: the working language)."""
        return self.editors[lang or self.working]

    # -- tabs ---------------------------------------------------------------------------
    def show_language(self, lang: str) -> None:
        self.tabs.setCurrentIndex(self.order.index(lang))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        for lang, editor in self.editors.items():
            editor.setAccessibleName(f"{name} ({_(LANGUAGE_NAMES[lang])})")

    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.setFocusProxy(self.stack.currentWidget())

    def _changed(self) -> None:
        self._label_tabs()
        self.sig_changed.emit()

    def _label_tabs(self) -> None:
        for index, lang in enumerate(self.order):
            name = _(LANGUAGE_NAMES[lang])
            self.tabs.setTabText(index, name + ("" if self.text_of(lang).strip()
                                                else EMPTY_MARK))
            self.tabs.setTabToolTip(index, _("No text in this language yet.")
                                    if not self.text_of(lang).strip() else "")


def bilingual_edit(ctx: UiContext, name: str, accessible: str, value: Bilingual | None = None,
                   *, multiline: bool = False, max_length: int = 300,
                   working: str | None = None) -> BilingualEdit:
    """A named, labelled input in the commission's working language (or `working`)."""
    edit = BilingualEdit(working or working_language(ctx), multiline=multiline,
                         max_length=max_length)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setValue(value)
    return edit
