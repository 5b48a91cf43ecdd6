"""The child editor: register a child or correct one, with inline validation.

The IIN is checked as it is typed (its check digit is an error, a birth date or sex
that disagrees with it a warning), the date of birth and the required fields before
saving. Before writing, likely duplicates are looked up: the same IIN is refused,
the same name and date of birth is shown and must be confirmed ("Save anyway").
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.iin import IinMismatch, IinProblem, Sex, iin_mismatches, parse_iin, validate_iin
from app.errors import KenesError
from app.i18n import N_, _
from app.labels import label
from app.services import children, registry
from app.services.children import ADULT_AGE, ChildInfo, ChildInput, ChildResult
from app.services.context import today
from app.ui.bilingual import bilingual_edit
from app.ui.children.dialogs import combo, line_edit, message_label, text_edit
from app.ui.children.model import fmt_date
from app.ui.context import UiContext
from app.ui.errors import error_text, show_failure
from app.ui.forms import WARNING_STYLE, set_message
from app.ui.ops import Failure

# The same texts as the service's (app.services.children), shown before saving.
IIN_ERRORS = {
    IinProblem.FORMAT: N_("An IIN has exactly 12 digits."),
    IinProblem.CHECK_DIGIT: N_("This IIN is not valid: its check digit is wrong."),
    IinProblem.UNCHECKABLE: N_("This IIN is not valid: no check digit fits it."),
}
IIN_WARNINGS = {
    IinMismatch.BIRTH_DATE: N_("The IIN encodes another date of birth; check both."),
    IinMismatch.SEX: N_("The IIN encodes the other sex; check both."),
}
LANGUAGE_TITLES = {"kk": N_("Kazakh language"), "ru": N_("Russian language"),
                   "other": N_("Other language")}


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


class ChildEditor(QDialog):
    sig_saved = Signal(object)
    """(ChildResult): the child was registered or saved."""

    def __init__(self, ctx: UiContext, child: ChildInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.child = child
        self.result_value: ChildResult | None = None
        self._confirmed: ChildInput | None = None  # the data the user said "save anyway" to
        self.setObjectName("childEditor")
        self.setWindowTitle(_("Edit the child") if child else _("New child"))
        self.setMinimumWidth(560)
        self.errors: dict[str, QLabel] = {}
        self._build(child)
        self._load(child)

    # -- layout --------------------------------------------------------------------------

    def _row(self, form: QFormLayout, field: str, label: str, widget: QWidget,
             extra: QWidget | None = None) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = message_label(f"error_{field}")
        self.errors[field] = error
        box.addWidget(error)
        if extra is not None:
            box.addWidget(extra)
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, holder)
        return widget

    def _build(self, child: ChildInfo | None) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.surname = self._row(form, "surname", _("Surname") + " *",
                                 line_edit("surnameEdit", _("Surname"), max_length=100))
        self.first_name = self._row(form, "first_name", _("Name") + " *",
                                    line_edit("firstNameEdit", _("Name"), max_length=100))
        self.patronymic = self._row(form, "patronymic", _("Patronymic"),
                                    line_edit("patronymicEdit", _("Patronymic"),
                                              max_length=100))
        self.iin_warning = message_label("iinWarning", WARNING_STYLE)
        self.iin = self._row(form, "iin", _("IIN"),
                             line_edit("iinEdit", _("IIN"), max_length=12), self.iin_warning)
        self.iin.setPlaceholderText(_("12 digits"))
        self.birth_date = self._row(form, "birth_date", _("Date of birth") + " *",
                                    self._birth_date_edit())
        self.sex = self._row(form, "sex", _("Sex") + " *", combo(
            "sexCombo", _("Sex"), [(None, "—"), *((s.value, label(s)) for s in Sex)]))
        choices = self.ctx.runner.read(
            lambda s: registry.filter_choices(s, self.ctx.commission_id))
        self.district = self._row(form, "district_id", _("District"), combo(
            "districtCombo", _("District"),
            [(None, "—"), *((c.id, c.name) for c in choices.districts)]))
        self.address = self._row(form, "address", _("Address"), bilingual_edit(
            self.ctx, "addressEdit", _("Address"), max_length=500))
        school_row = QWidget()
        school_box = QHBoxLayout(school_row)
        school_box.setContentsMargins(0, 0, 0, 0)
        self.school = bilingual_edit(self.ctx, "schoolEdit", _("School"), max_length=300)
        self.grade = line_edit("gradeEdit", _("Grade"), max_length=20)
        self.grade.setPlaceholderText(_("Grade"))
        self.grade.setMaximumWidth(90)
        school_box.addWidget(self.school, 1)
        school_box.addWidget(self.grade)
        self._row(form, "school", _("School, grade"), school_row)
        self.errors["grade"] = self.errors["school"]
        self.language = self._row(form, "language", _("Language"), combo(
            "languageCombo", _("Language"),
            [(None, "—"), *((k, _(v)) for k, v in LANGUAGE_TITLES.items())]))
        self.family = self._row(form, "family_situation", _("Family situation"),
                                text_edit("familyEdit", _("Family situation")))

        self.duplicates = message_label("duplicateWarning", WARNING_STYLE)
        self.form_error = message_label("formError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveChild")
        self.save_button.setText(_("Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelChild")
        cancel.setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

        self.iin.textEdited.connect(self._iin_edited)
        self.iin.editingFinished.connect(self._iin_finished)
        self.birth_date.dateChanged.connect(self._birth_date_changed)
        self.sex.currentIndexChanged.connect(lambda _i: self._check_iin(final=False))
        for edit in (self.surname, self.first_name, self.patronymic, self.iin):
            edit.textEdited.connect(self._data_changed)
        self.birth_date.dateChanged.connect(self._data_changed)

    def _birth_date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName("birthDateEdit")
        edit.setAccessibleName(_("Date of birth"))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        # The lowest date means "not entered yet" and shows as a dash.
        self._unset_date = QDate(today().year - ADULT_AGE - 1, 1, 1)
        edit.setMinimumDate(self._unset_date)
        edit.setMaximumDate(QDate(today()))
        edit.setSpecialValueText("—")
        edit.setDate(self._unset_date)
        return edit

    def _load(self, child: ChildInfo | None) -> None:
        if child is None:
            return
        self.surname.setText(child.surname)
        self.first_name.setText(child.first_name)
        self.patronymic.setText(child.patronymic or "")
        self.iin.setText(child.iin or "")
        self.birth_date.setDate(QDate(child.birth_date))
        self.sex.setCurrentIndex(max(0, self.sex.findData(Sex(child.sex).value)))
        for box, value in ((self.district, child.district_id), (self.language, child.language)):
            if value is not None:
                if box.findData(value) < 0:
                    box.addItem(value, value)
                box.setCurrentIndex(box.findData(value))
        self.address.setValue(child.address)
        self.school.setValue(child.school)
        self.grade.setText(child.grade or "")
        self.family.setPlainText(child.family_situation or "")
        self._check_iin(final=True)

    # -- reading the inputs -------------------------------------------------------------

    def birth(self) -> dt.date | None:
        value = self.birth_date.date()
        return None if value == self._unset_date else value.toPython()

    def chosen_sex(self) -> Sex | None:
        value = self.sex.currentData()
        return Sex(value) if value else None

    def read_input(self) -> ChildInput | None:
        """The inputs as the service takes them; None without a date of birth or sex."""
        birth, sex = self.birth(), self.chosen_sex()
        if birth is None or sex is None:
            return None
        return ChildInput(
            surname=self.surname.text(), first_name=self.first_name.text(),
            patronymic=self.patronymic.text() or None, iin=self.iin.text().strip() or None,
            birth_date=birth, sex=sex,
            address=self.address.value(), district_id=self.district.currentData(),
            school=self.school.value(), grade=self.grade.text() or None,
            language=self.language.currentData(),
            family_situation=self.family.toPlainText() or None)

    # -- inline validation ---------------------------------------------------------------

    def _set_error(self, field: str, text: str | None) -> None:
        label = self.errors.get(field)
        set_message(label if label is not None else self.form_error, text)

    def _iin_edited(self, _text: str) -> None:
        self._check_iin(final=False)

    def _iin_finished(self) -> None:
        self._check_iin(final=True)

    def _check_iin(self, *, final: bool) -> bool:
        """Show the IIN's error or warnings; True when it can be saved. While the user is
        still typing digits, a short number is not yet an error."""
        text = self.iin.text().strip()
        set_message(self.iin_warning, None)
        if not text:
            self._set_error("iin", None)
            return True
        problem = validate_iin(text)
        typing = text.isascii() and text.isdigit() and len(text) < 12 and not final
        if problem is not None:
            self._set_error("iin", None if typing else _(IIN_ERRORS[problem]))
            return False
        self._set_error("iin", None)
        info = parse_iin(text)
        if self.birth() is None and info.birth_date is not None and \
                info.birth_date <= today():
            self.birth_date.setDate(QDate(info.birth_date))  # the IIN knows it: fill it in
        if self.chosen_sex() is None and info.sex is not None:
            self.sex.setCurrentIndex(self.sex.findData(info.sex.value))
        warnings = [_(IIN_WARNINGS[m]) for m in
                    iin_mismatches(text, self.birth(), self.chosen_sex())]
        set_message(self.iin_warning, "\n".join(warnings))
        return True

    def _birth_date_changed(self, _date: QDate) -> None:
        self._check_birth_date(required=False)
        self._check_iin(final=False)

    def _check_birth_date(self, *, required: bool) -> bool:
        birth = self.birth()
        if birth is None:
            self._set_error("birth_date", _("Enter the date of birth.") if required else None)
            return not required
        if birth > today():
            self._set_error("birth_date", _("The date of birth cannot be in the future."))
            return False
        if _age(birth, today()) >= ADULT_AGE:
            self._set_error("birth_date", _(
                "The commission registers minors: the child must be under {age} years old."
            ).format(age=ADULT_AGE))
            return False
        self._set_error("birth_date", None)
        return True

    def _data_changed(self, *_args: object) -> None:
        """Name, IIN or date changed: a confirmed duplicate warning no longer applies."""
        if self._confirmed is not None or self.duplicates.isVisible():
            self._confirmed = None
            set_message(self.duplicates, None)
            self.save_button.setText(_("Save"))

    def _check_required(self) -> bool:
        ok = True
        for field, edit in (("surname", self.surname), ("first_name", self.first_name)):
            missing = not edit.text().strip()
            self._set_error(field, _("This field is required.") if missing else None)
            ok = ok and not missing
        if self.chosen_sex() is None:
            self._set_error("sex", _("Choose the sex."))
            ok = False
        else:
            self._set_error("sex", None)
        return ok

    # -- saving --------------------------------------------------------------------------

    def save(self) -> None:
        set_message(self.form_error, None)
        for field in ("district_id", "address", "school", "language", "family_situation",
                      "patronymic"):
            self._set_error(field, None)
        checks = [self._check_required(), self._check_birth_date(required=True),
                  self._check_iin(final=True)]
        data = self.read_input()
        if not all(checks) or data is None:
            self._focus_first_error()
            return
        exclude = self.child.id if self.child else None
        dupes = self.ctx.runner.read(lambda s: children.find_duplicates(
            s, iin=data.iin, surname=data.surname.strip(), first_name=data.first_name.strip(),
            birth_date=data.birth_date, exclude_id=exclude))
        if any(d.reason == "iin" for d in dupes):
            self._set_error("iin", _("A child with this IIN is already registered."))
            self._focus_first_error()
            return
        if dupes and self._confirmed != data:
            lines = [_("A child with the same name and date of birth is already registered; "
                       "check that this is not the same child.")]
            lines += [f"• {d.full_name}, {fmt_date(d.birth_date)}"
                      + (", " + _("IIN {iin}").format(iin=d.iin) if d.iin else "")
                      for d in dupes]
            set_message(self.duplicates, "\n".join(lines))
            self.save_button.setText(_("Save anyway"))
            self._confirmed = data
            return
        self._write(data)

    def _write(self, data: ChildInput) -> None:
        actor = self.ctx.actor
        self.save_button.setEnabled(False)
        if self.child is None:
            commission_id = self.ctx.commission_id
            self.ctx.runner.run(
                lambda s: children.register_child(s, actor, commission_id, data),
                on_done=self._saved, on_error=self._failed, changes={"child"})
        else:
            child_id = self.child.id
            self.ctx.runner.run(lambda s: children.update_child(s, actor, child_id, data),
                                on_done=self._saved, on_error=self._failed, changes={"child"})

    def _saved(self, result: ChildResult) -> None:
        self.save_button.setEnabled(True)
        self.result_value = result
        self.sig_saved.emit(result)
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self.save_button.setEnabled(True)
        if isinstance(failure.error, KenesError):
            self._set_error(getattr(failure.error, "field", None) or "",
                            error_text(failure.error))
            self._focus_first_error()
        else:
            show_failure(self, failure)

    def _focus_first_error(self) -> None:
        for field, widget in (("surname", self.surname), ("first_name", self.first_name),
                              ("patronymic", self.patronymic), ("iin", self.iin),
                              ("birth_date", self.birth_date), ("sex", self.sex),
                              ("district_id", self.district), ("address", self.address),
                              ("school", self.school), ("language", self.language),
                              ("family_situation", self.family)):
            if not self.errors[field].isHidden():
                widget.setFocus()
                return

