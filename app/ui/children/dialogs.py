"""Small dialogs of the child card: a representative, a risk category, the register,
the curator, consent, a new case. Each validates through its service; an error that
names a field is shown next to that field, in the dialog, which stays open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import KenesError
from app.i18n import _, current_language
from app.labels import RELATION_LABELS, relation_label
from app.models.enums import CatalogKind
from app.services import cases, catalogs, children
from app.services.children import ChildInfo
from app.services.context import today
from app.ui import forms
from app.ui.bilingual import bilingual_edit
from app.ui.context import UiContext
from app.ui.errors import error_text, show_failure
from app.ui.forms import ERROR_STYLE, set_message
from app.ui.ops import Failure


def message_label(name: str, style: str = ERROR_STYLE) -> QLabel:
    """An inline message, hidden until there is something to say."""
    return forms.message_label(name, style, hidden=True)


def date_edit(name: str, accessible: str, value: dt.date | None = None) -> QDateEdit:
    """A past or present date (nothing about a child happens in the future)."""
    edit = forms.date_edit(value or today(), name, accessible)
    edit.setMaximumDate(QDate(today()))
    return edit


def line_edit(name: str, accessible: str, text: str | None = None, *,
              max_length: int = 300) -> QLineEdit:
    edit = QLineEdit(text or "")
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setMaxLength(max_length)
    return edit


def text_edit(name: str, accessible: str, text: str | None = None) -> QPlainTextEdit:
    edit = QPlainTextEdit(text or "")
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
    return edit


def combo(name: str, accessible: str, items: Iterable[tuple[Any, str]],
          current: Any = None) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    for data, text in items:
        box.addItem(text, data)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


class FormDialog(QDialog):
    """A form whose OK runs one service call; the dialog closes only when it succeeds."""

    def __init__(self, ctx: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.field_errors: dict[str, QLabel] = {}
        self.form_error = message_label("formError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.submit_form)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def add_field(self, field: str | Iterable[str], label: str, widget: QWidget) -> QWidget:
        """A labelled input with its own error line; `field` is the service's name for
        it (or several names the service may use)."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        names = [field] if isinstance(field, str) else list(field)
        error = message_label(f"error_{names[0]}")
        box.addWidget(error)
        for name in names:
            self.field_errors[name] = error
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, holder)
        return widget

    def show_error(self, field: str | None, message: str) -> None:
        label = self.field_errors.get(field or "")
        set_message(label if label is not None else self.form_error, message)

    def clear_errors(self) -> None:
        for label in {*self.field_errors.values(), self.form_error}:
            set_message(label, None)

    def submit_form(self) -> None:
        """Read the inputs and call `self.submit(...)`."""
        raise NotImplementedError

    def submit(self, work: Callable[[Any], Any], changes: Iterable[str]) -> None:
        self.clear_errors()
        self.ok_button.setEnabled(False)
        self.ctx.runner.run(work, on_done=self._done, on_error=self._failed, changes=changes)

    def _done(self, result: Any) -> None:
        self.ok_button.setEnabled(True)
        self.result_value = result
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(failure.error, KenesError):
            self.show_error(getattr(failure.error, "field", None), error_text(failure.error))
        else:
            show_failure(self, failure)


class RepresentativeDialog(FormDialog):
    def __init__(self, ctx: UiContext, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Add a legal representative"), parent)
        self.child_id = child_id
        self.full_name = self.add_field("full_name", _("Full name"),
                                        line_edit("repName", _("Full name")))
        self.relation = self.add_field("relation", _("Relation"), combo(
            "repRelation", _("Relation"),
            [(code, relation_label(code)) for code in RELATION_LABELS]))
        self.phone = self.add_field("phone", _("Phone"),
                                    line_edit("repPhone", _("Phone"), max_length=50))
        self.address = self.add_field("address", _("Address"), bilingual_edit(
            ctx, "repAddress", _("Address"), max_length=500))

    def submit_form(self) -> None:
        actor, child_id = self.ctx.actor, self.child_id
        values = dict(full_name=self.full_name.text(), relation=self.relation.currentData(),
                      phone=self.phone.text(), address=self.address.value())
        self.submit(lambda s: children.add_representative(s, actor, child_id, **values),
                    {"legal_representative"})


class CategoryDialog(FormDialog):
    def __init__(self, ctx: UiContext, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Add a risk category"), parent)
        self.child_id = child_id
        lang = current_language()
        entries = ctx.runner.read(lambda s: catalogs.entries(s, CatalogKind.CATEGORY))
        self.category = self.add_field("category_id", _("Risk category"), combo(
            "categoryCombo", _("Risk category"), [(e.id, e.name(lang)) for e in entries]))
        self.since = self.add_field("since", _("Since"), date_edit("categorySince", _("Since")))

    def submit_form(self) -> None:
        actor, child_id = self.ctx.actor, self.child_id
        category_id, since = self.category.currentData(), self.since.date().toPython()
        self.submit(lambda s: children.add_category(s, actor, child_id, category_id, since),
                    {"child_category"})


class RegisterDialog(FormDialog):
    """Put the child on the preventive register, or remove the child from it."""

    def __init__(self, ctx: UiContext, child_id: str, *, remove: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Remove from the register") if remove
                         else _("Put on the register"), parent)
        self.child_id, self.remove = child_id, remove
        self.on = self.add_field("on", _("Date"), date_edit("registerDate", _("Date")))
        self.reason = self.add_field("reason", _("Reason"), bilingual_edit(
            ctx, "registerReason", _("Reason"), multiline=True))

    def submit_form(self) -> None:
        actor, child_id = self.ctx.actor, self.child_id
        on, reason = self.on.date().toPython(), self.reason.value()
        action = children.remove_from_register if self.remove else children.put_on_register
        self.submit(lambda s: action(s, actor, child_id, on=on, reason=reason),
                    {"register_entry"})


class CuratorDialog(FormDialog):
    def __init__(self, ctx: UiContext, child: ChildInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Assign a curator"), parent)
        self.child_id = child.id
        self.name = self.add_field("curator_name", _("Full name"), line_edit(
            "curatorName", _("Full name of the curator"), child.curator_name))
        self.position = self.add_field("curator_position", _("Position"), bilingual_edit(
            ctx, "curatorPosition", _("Position"), child.curator_position))
        self.on = self.add_field("curator_assigned_on", _("Assigned on"), date_edit(
            "curatorDate", _("Assigned on")))

    def submit_form(self) -> None:
        actor, child_id = self.ctx.actor, self.child_id
        values = dict(name=self.name.text(), position=self.position.value(),
                      on=self.on.date().toPython())
        self.submit(lambda s: children.assign_curator(s, actor, child_id, **values), {"child"})


class ConsentDialog(FormDialog):
    def __init__(self, ctx: UiContext, child: ChildInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Record consent to personal data processing"), parent)
        self.child_id = child.id
        self.given_by = self.add_field("consent_by", _("Given by"), line_edit(
            "consentBy", _("Given by"), child.consent_by))
        self.on = self.add_field("consent_on", _("Date"), date_edit(
            "consentDate", _("Date of consent"), child.consent_on))
        self.basis = self.add_field("consent_basis", _("Basis"), bilingual_edit(
            ctx, "consentBasis", _("Basis"), child.consent_basis))

    def submit_form(self) -> None:
        actor, child_id = self.ctx.actor, self.child_id
        values = dict(given_by=self.given_by.text(), on=self.on.date().toPython(),
                      basis=self.basis.value())
        self.submit(lambda s: children.record_consent(s, actor, child_id, **values), {"child"})


class CaseDialog(FormDialog):
    def __init__(self, ctx: UiContext, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Open a case"), parent)
        self.child_id = child_id
        lang = current_language()

        def entries(kind: CatalogKind) -> list[tuple[Any, str]]:
            return [(e.id, e.name(lang))
                    for e in ctx.runner.read(lambda s: catalogs.entries(s, kind))]

        self.received = self.add_field("received_on", _("Received"), date_edit(
            "caseReceived", _("Received")))
        self.source = self.add_field("source_id", _("Source"), combo(
            "caseSource", _("Source"), entries(CatalogKind.SOURCE)))
        self.category = self.add_field("category_id", _("Category"), combo(
            "caseCategory", _("Category"), entries(CatalogKind.CATEGORY)))
        self.article = self.add_field("article_id", _("Article"), combo(
            "caseArticle", _("Article of the Administrative Code"),
            [(None, "—"), *entries(CatalogKind.ARTICLE)]))
        self.description = self.add_field("description", _("Description"), bilingual_edit(
            ctx, "caseDescription", _("Description"), multiline=True, max_length=10_000))

    def submit_form(self) -> None:
        actor, child_id = self.ctx.actor, self.child_id
        values = dict(received_on=self.received.date().toPython(),
                      source_id=self.source.currentData(),
                      category_id=self.category.currentData(),
                      article_id=self.article.currentData(),
                      description=self.description.value())
        self.submit(lambda s: cases.open_case(s, actor, child_id, **values), {"case_file"})
