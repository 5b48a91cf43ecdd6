"""Measures: the secretary's control lists (overdue, due this month, awaiting assessment,
all), filtered by responsible body; execution reports, their acceptance, assessments."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, allows
from app.i18n import _, current_language
from app.labels import label
from app.models.enums import CatalogKind, MeasureState
from app.services import catalogs, measures, measures_queries
from app.services.context import today
from app.services.measures import VIEWS
from app.services.measures_queries import MeasureRow
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.forms import ERROR_STYLE
from app.ui.measures.dialogs import AssessDialog, ReportDialog
from app.ui.measures.labels import VIEW
from app.ui.measures.model import MAX_WIDTH, MeasuresModel
from app.ui.ops import Changed, Failure
from app.ui.screen import Screen
from app.ui.table import table_view

_CLOSED = (MeasureState.ACCEPTED, MeasureState.CANCELLED)


class MeasuresScreen(Screen):
    sig_open_child = Signal(str)
    """(child_id): show this child's card."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: ReportDialog | AssessDialog | None = None
        self._counts: dict[str, int] = {}
        self._filling = False
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.tabs = QTabBar()
        self.tabs.setObjectName("measureViews")
        self.tabs.setAccessibleName(_("Control lists"))
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.setUsesScrollButtons(True)  # narrow windows scroll the tabs
        for view in VIEWS:
            self.tabs.addTab(_(VIEW[view]))
        body_label = QLabel(_("Responsible body"))
        self.body_combo = QComboBox()
        self.body_combo.setObjectName("bodyFilter")
        self.body_combo.setAccessibleName(_("Responsible body"))
        self.body_combo.setMinimumContentsLength(14)
        self.body_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        body_label.setBuddy(self.body_combo)
        top.addWidget(self.tabs)
        top.addStretch(1)
        top.addWidget(body_label)
        top.addWidget(self.body_combo)
        layout.addLayout(top)

        self.model = MeasuresModel(self._load_rows, self)
        self.view = table_view(self.model, "measuresTable", _("Measures"))
        self.view.doubleClicked.connect(self._double_clicked)

        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.details = QTextBrowser()
        self.details.setObjectName("measureDetails")
        self.details.setAccessibleName(_("The measure, its reports and assessments"))
        self.details.setOpenLinks(False)
        buttons = QVBoxLayout()
        self.report_button = self._button("recordReport", _("Record report…"), "Ctrl+R")
        self.accept_button = self._button("acceptReport", _("Accept report"), "Ctrl+Shift+A")
        self.return_button = self._button("returnReport", _("Return report"), "Ctrl+Shift+R")
        self.assess_button = self._button("assessMeasure", _("Assess…"), "Ctrl+E")
        self.child_button = self._button("openChild", _("Open child card"), "Ctrl+O")
        self.report_button.clicked.connect(self.open_report_dialog)
        self.accept_button.clicked.connect(lambda: self.decide_report(True))
        self.return_button.clicked.connect(lambda: self.decide_report(False))
        self.assess_button.clicked.connect(self.open_assess_dialog)
        self.child_button.clicked.connect(self._open_child)
        role = ctx.actor.role
        self.report_button.setVisible(allows(role, Permission.REPORT_MEASURE))
        for button in (self.accept_button, self.return_button, self.assess_button):
            button.setVisible(allows(role, Permission.ASSESS_MEASURE))
        for button in (self.report_button, self.accept_button, self.return_button,
                       self.assess_button, self.child_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("measuresMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        lower_layout.addWidget(self.details, 1)
        lower_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.tabs.currentChanged.connect(lambda _i: self._refill())
        self.body_combo.currentIndexChanged.connect(lambda _i: self._refill())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        self._update_buttons(None)

    def _button(self, name: str, text: str, shortcut: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(shortcut))
        button.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
        return button

    # -- the list ------------------------------------------------------------------------
    def current_view(self) -> str:
        return VIEWS[max(0, self.tabs.currentIndex())]

    def set_view(self, view: str) -> None:
        self.tabs.setCurrentIndex(VIEWS.index(view))

    def current_body(self) -> str | None:
        return self.body_combo.currentData()

    def set_body(self, body: str | None) -> None:
        self.body_combo.setCurrentIndex(max(0, self.body_combo.findData(body)))

    def _load_rows(self, ids):  # type: ignore[no-untyped-def]
        return self.ctx.runner.read(lambda s: measures_queries.measure_rows(s, ids))

    def reload(self) -> None:
        """Re-read the bodies, the counts and the list, keeping view, body and selection."""
        lang, cid = current_language(), self.ctx.commission_id
        self._kind_names, bodies = self.ctx.runner.read(lambda s: (
            {k.id: k.name(lang) for k in catalogs.entries(
                s, CatalogKind.MEASURE_KIND, include_inactive=True)},
            measures_queries.responsible_bodies(s, cid, lang)))
        body = self.current_body()
        self._filling = True
        self.body_combo.clear()
        self.body_combo.addItem(_("All bodies"), None)
        for name in bodies:
            self.body_combo.addItem(name, name)
        self.set_body(body)
        self._filling = False
        self._refill()

    def _refill(self) -> None:
        if self._filling or not self._loaded:
            return
        keep = self.selected()
        on, cid, body, view = today(), self.ctx.commission_id, self.current_body(), \
            self.current_view()
        self._counts, ids = self.ctx.runner.read(lambda s: (
            {v: len(measures_queries.control_ids(s, cid, on=on, view=v, body=body))
             for v in VIEWS if v != view},
            measures_queries.control_ids(s, cid, on=on, view=view, body=body)))
        self._counts[view] = len(ids)
        for i, v in enumerate(VIEWS):
            self.tabs.setTabText(i, _("{view} ({count})").format(
                view=_(VIEW[v]), count=self._counts[v]))
        self.model.set_ids(ids, kind_names=self._kind_names, today=on)
        self._resize_columns()
        row = self.model.row_of(keep.id) if keep else None
        if row is not None:
            self.view.selectRow(row)
        else:
            self._selected()

    def _resize_columns(self) -> None:
        self.view.resizeColumnsToContents()
        for column, most in MAX_WIDTH.items():
            if self.view.columnWidth(column) > most:
                self.view.setColumnWidth(column, most)

    def on_changed(self, changed: Changed) -> None:
        if self._loaded and changed.touches("measure", "measure_report", "assessment",
                                            "decision", "child", "catalog_item"):
            self.reload()

    # -- the selected measure ------------------------------------------------------------
    def selected(self) -> MeasureRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.line(index.row()).row

    def select_measure(self, measure_id: str) -> bool:
        row = self.model.row_of(measure_id)
        if row is None:
            return False
        self.view.selectRow(row)
        return True

    def _selected(self) -> None:
        m = self.selected()
        self.message.setText("")
        self._update_buttons(m)
        self._show_details(m)

    def _update_buttons(self, m: MeasureRow | None) -> None:
        open_ = m is not None and m.state not in _CLOSED
        self.report_button.setEnabled(open_)
        self.accept_button.setEnabled(open_ and m.pending_report_id is not None)
        self.return_button.setEnabled(open_ and m.pending_report_id is not None)
        self.assess_button.setEnabled(m is not None and m.state is not MeasureState.CANCELLED)
        self.child_button.setEnabled(m is not None and m.child_id is not None)

    def _show_details(self, m: MeasureRow | None) -> None:
        if m is None:
            self.details.setHtml("<p>" + html.escape(_("Select a measure to see its reports "
                                                       "and assessments.")) + "</p>")
            return
        reports, assessments = self.ctx.runner.read(
            lambda s: (measures.reports_of(s, m.id), measures.assessments_of(s, m.id)))
        e = html.escape
        state = m.effective_state(today())
        lang = current_language()
        parts = [f"<p><b>{e(m.text.shown(lang))}</b></p>",
                 "<p>" + e(_("Decision {label}; {body}; deadline {deadline}; {state}").format(
                     label=m.decision_label, body=m.responsible_body.shown(lang),
                     deadline=f"{m.deadline:%d.%m.%Y}", state=label(state).lower()))
                 + "</p>",
                 "<p><b>" + e(_("Reports")) + "</b></p>"]
        if not reports:
            parts.append("<p>" + e(_("No reports yet.")) + "</p>")
        for r in reports:
            if r.accepted is None:
                verdict = _("awaiting the commission's decision")
            elif r.accepted:
                verdict = _("accepted on {date}").format(date=f"{r.decided_on:%d.%m.%Y}")
            else:
                verdict = _("returned on {date}").format(date=f"{r.decided_on:%d.%m.%Y}")
            by = f" — {e(r.reported_by)}" if r.reported_by else ""
            parts.append(f"<p>{r.reported_on:%d.%m.%Y}{by} ({e(verdict)}): {e(r.text.shown(lang))}</p>")
        parts.append("<p><b>" + e(_("Assessments")) + "</b></p>")
        if not assessments:
            parts.append("<p>" + e(_("Not assessed yet.")) + "</p>")
        for a in assessments:
            review = (" " + e(_("(review on {date})").format(date=f"{a.next_review:%d.%m.%Y}"))
                      if a.next_review else "")
            comment = f": {e(a.comment.shown(lang))}" if a.comment else ""
            parts.append(f"<p>{a.assessed_on:%d.%m.%Y} — {e(label(a.result))}"
                         f"{review}{comment}</p>")
        self.details.setHtml("".join(parts))

    # -- actions -------------------------------------------------------------------------
    def open_report_dialog(self) -> ReportDialog | None:
        m = self.selected()
        if m is None or m.state in _CLOSED:
            return None
        self.dialog = ReportDialog(self.ctx, m, self)
        self.dialog.open()
        return self.dialog

    def open_assess_dialog(self) -> AssessDialog | None:
        m = self.selected()
        if m is None or m.state is MeasureState.CANCELLED:
            return None
        self.dialog = AssessDialog(self.ctx, m, self)
        self.dialog.open()
        return self.dialog

    def decide_report(self, accepted: bool) -> None:
        """Accept the pending report (the measure is done) or return it (back in progress)."""
        m = self.selected()
        if m is None or m.pending_report_id is None:
            return
        actor, report_id, on = self.ctx.actor, m.pending_report_id, today()
        self.ctx.runner.run(
            lambda s: measures.decide_report(s, actor, report_id, accepted=accepted, on=on),
            on_error=self._failed, changes={"measure", "measure_report"})

    def _failed(self, failure: Failure) -> None:
        self.message.setText(error_text(failure.error))

    def _open_child(self) -> None:
        m = self.selected()
        if m is not None and m.child_id:
            self.sig_open_child.emit(m.child_id)

    def _double_clicked(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            child_id = self.model.line(index.row()).row.child_id
            if child_id:
                self.sig_open_child.emit(child_id)
