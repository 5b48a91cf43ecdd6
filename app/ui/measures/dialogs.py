"""Recording an execution report and the commission's assessment of a measure."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.i18n import _, current_language
from app.labels import label
from app.models.enums import Effectiveness
from app.services import measures
from app.services.context import today
from app.services.measures_queries import MeasureRow
from app.ui.bilingual import BilingualEdit, working_language
from app.ui.context import UiContext
from app.ui.forms import FormDialog, date_edit

REVIEW_AFTER = dt.timedelta(days=90)


class _MeasureDialog(FormDialog):
    """A form about one measure."""

    def __init__(self, ctx: UiContext, measure: MeasureRow, title: str, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, title, name, parent)
        self.measure = measure
        about = QLabel(_("{text} — {body}, deadline {deadline}").format(
            text=measure.text.shown(current_language()),
            body=measure.responsible_body.shown(current_language()),
            deadline=f"{measure.deadline:%d.%m.%Y}"))
        about.setObjectName("measureAbout")
        about.setWordWrap(True)
        about.setStyleSheet("font-weight: bold")
        self.finish_layout(about)
        self.resize(620, 420)


class ReportDialog(_MeasureDialog):
    """A body reports on the execution of a measure."""

    def __init__(self, ctx: UiContext, measure: MeasureRow, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ctx, measure, _("Record a report"), "reportDialog", parent)
        self.reported_on = date_edit(today())
        self.reported_on.setMaximumDate(QDate(today()))
        self.text = BilingualEdit(working_language(ctx), multiline=True, max_length=10_000)
        self.reported_by = QLineEdit(measure.responsible_person
                                     or measure.responsible_body.shown(current_language()))
        self.add_row("reported_on", "reportDate", _("Date of the report"), self.reported_on)
        self.add_row("text", "reportText", _("What was done"), self.text)
        self.add_row("reported_by", "reportedBy", _("Reported by"), self.reported_by)

    def submit(self) -> None:
        actor, measure_id = self.ctx.actor, self.measure.id
        values = dict(reported_on=self.reported_on.date().toPython(),
                      text=self.text.value(), reported_by=self.reported_by.text())
        self.run(lambda s: measures.report_measure(s, actor, measure_id, **values),
                 changes={"measure", "measure_report"})


class AssessDialog(_MeasureDialog):
    """The commission's assessment of how well a measure works."""

    def __init__(self, ctx: UiContext, measure: MeasureRow, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ctx, measure, _("Assess effectiveness"), "assessDialog", parent)
        self.result_combo = QComboBox()
        self.result_combo.addItem(_("Choose…"), None)
        for value in Effectiveness:
            self.result_combo.addItem(label(value), value.value)
        self.assessed_on = date_edit(today())
        self.assessed_on.setMaximumDate(QDate(today()))
        self.review_check = QCheckBox()
        self.review_check.setObjectName("reviewCheck")
        self.review_check.setAccessibleName(_("Review again"))
        self.next_review = date_edit(today() + REVIEW_AFTER)
        self.next_review.setEnabled(False)
        self.review_check.toggled.connect(self.next_review.setEnabled)
        review = QWidget()
        review_layout = QHBoxLayout(review)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.review_check)
        review_layout.addWidget(self.next_review)
        review_layout.addStretch(1)
        self.comment = BilingualEdit(working_language(ctx), multiline=True, max_length=10_000)
        self.add_row("result", "assessResult", _("Result"), self.result_combo)
        self.add_row("on", "assessDate", _("Date of the assessment"), self.assessed_on)
        self.add_row("next_review", "nextReview", _("Next review"), self.next_review, review)
        self.add_row("comment", "assessComment", _("Comment"), self.comment)
        self.setTabOrder(self.assessed_on, self.review_check)
        self.setTabOrder(self.review_check, self.next_review)
        self.setTabOrder(self.next_review, self.comment)

    def submit(self) -> None:
        actor, measure_id = self.ctx.actor, self.measure.id
        result = self.result_combo.currentData()
        if result is None:
            self.message.setText(_("Choose the assessment from the list."))
            self.result_combo.setFocus()
            return
        values = dict(result=result, on=self.assessed_on.date().toPython(),
                      next_review=(self.next_review.date().toPython()
                                   if self.review_check.isChecked() else None),
                      comment=self.comment.value())
        self.run(lambda s: measures.assess_measure(s, actor, measure_id, **values),
                 changes={"assessment", "measure"})
