"""Prevention: which measures actually helped.

The outcomes of the measures of a period (and district) per kind and per responsible
body — a table and a chart of the share of children with no new case within 12 months,
each share with its n and interval. The figures are computed off the GUI thread; the
workbook is written off it with a progress dialog.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, current_language
from app.reports.xlsx_common import Cancelled
from app.services import outcomes, statistics
from app.services.context import today
from app.services.outcomes import OutcomeRow, Outcomes
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.forms import ERROR_STYLE, date_edit
from app.ui.ops import Changed, Failure
from app.ui.prevention.chart import ShareChart, share_text
from app.ui.progress import ProgressTask
from app.ui.reports.model import wrap
from app.ui.screen import Screen
from app.ui.table import Column, ListModel, table_view

PREVENTION_TABLES = ("meeting", "decision", "measure", "assessment", "case_file", "child",
                     "register_entry", "child_category", "prevention_plan", "plan_checkin",
                     "catalog_item", "territory", "commission")
BOOK_LANGUAGES = (("ru", N_("Russian")), ("kk", N_("Kazakh")), ("en", N_("English")))
OK_STYLE = "color: #1b5e20;"


def _median(row: OutcomeRow) -> str:
    r = row.removal
    if not r.shown:
        return _("n = {n}: too few").format(n=r.n)
    if r.median_days is None:
        return _("not reached · n = {n}").format(n=r.n)
    return _("{days} d. · n = {n}").format(days=r.median_days, n=r.n)


OUTCOME_COLUMNS = (
    Column(N_("Group"), lambda r: r.label.name(current_language())),
    Column(N_("Measures"), lambda r: r.measures, Qt.AlignmentFlag.AlignRight),
    Column(N_("Children"), lambda r: r.children, Qt.AlignmentFlag.AlignRight),
    Column(N_("No new case, 6 months"), lambda r: share_text(r.no_new_case_6m)),
    Column(N_("No new case, 12 months"), lambda r: share_text(r.no_new_case_12m)),
    Column(N_("Median time to removal"), _median),
    Column(N_("Assessed effective"), lambda r: share_text(r.effective)),
)


LABEL_MAX = 360  # pixels for a group's name (the tooltip shows it whole)


class OutcomeModel(ListModel):
    """The outcome rows; headings wrap so that every column fits the screen."""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        text = super().headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
        if text is None or role not in (Qt.ItemDataRole.DisplayRole,
                                        Qt.ItemDataRole.ToolTipRole):
            return None
        return text if role == Qt.ItemDataRole.ToolTipRole else wrap(text, 18)


def fit_columns(view: QTableView) -> None:
    """Figures as wide as they need; a group's name at most LABEL_MAX (elided)."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    header.resizeSection(0, min(header.sectionSize(0), LABEL_MAX))


class PreventionScreen(Screen):
    sig_figures_shown = Signal(object)
    """(Outcomes): the figures now on screen."""
    sig_file_written = Signal(str)
    """(str path): the outcomes workbook was written."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.outcomes: Outcomes | None = None
        self.progress: ProgressTask | None = None
        self._stale = False
        self._build()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        on = today()
        self.date_from = date_edit(on.replace(year=on.year - 2, month=1, day=1),
                                   "preventionFrom", _("Period from"))
        self.date_to = date_edit(on, "preventionTo", _("Period to"))
        self.district = QComboBox()
        self.district.setObjectName("preventionDistrict")
        self.district.setAccessibleName(_("District"))
        self.district.setMinimumContentsLength(16)
        self.district.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.show_button = self._button("showOutcomes", _("Show"), "F5",
                                        _("Show the outcomes of the period (F5)"))
        self.show_button.clicked.connect(self.refresh)
        self.book_lang = QComboBox()
        self.book_lang.setObjectName("outcomesBookLanguage")
        self.book_lang.setAccessibleName(_("Language of the workbook"))
        for code, name in BOOK_LANGUAGES:
            self.book_lang.addItem(_(name), code)
        self.book_lang.setCurrentIndex(max(0, self.book_lang.findData(current_language())))
        self.xlsx_button = self._button("outcomesXlsx", _(".xlsx…"), "Ctrl+S",
                                        _("Save the outcomes as an Excel workbook (Ctrl+S)"))
        self.xlsx_button.clicked.connect(self.ask_workbook)
        top = QHBoxLayout()
        for text, widget in ((_("From"), self.date_from), (_("to"), self.date_to),
                             (_("District"), self.district)):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
        top.addWidget(self.show_button)
        top.addStretch(1)
        lang_label = QLabel(_("Workbook in"))
        lang_label.setBuddy(self.book_lang)
        top.addWidget(lang_label)
        top.addWidget(self.book_lang)
        top.addWidget(self.xlsx_button)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("preventionTabs")
        self.tabs.setDocumentMode(True)
        self.kind_model, self.kind_view, self.kind_chart = self._outcome_tab(
            "outcomesByKind", _("By kind of measure"))
        self.body_model, self.body_view, self.body_chart = self._outcome_tab(
            "outcomesByBody", _("By responsible body"))

        self.note = QLabel(_("A share is shown only when it rests on at least 5 children "
                             "(or measures); n is always shown, and the whisker across a bar "
                             "shows where the true share lies with a probability of 95%. "
                             "Only children followed 6 (12) months after their first "
                             "measure count."))
        self.note.setObjectName("smallNumbersNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555;")
        self.message = QLabel()
        self.message.setObjectName("preventionMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        order = [self.date_from, self.date_to, self.district, self.show_button,
                 self.book_lang, self.xlsx_button, self.tabs]
        for a, b in zip(order, order[1:], strict=False):
            self.setTabOrder(a, b)
        self.district.currentIndexChanged.connect(lambda _i: self.refresh())

    def _button(self, name: str, text: str, shortcut: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        button.setShortcut(QKeySequence(shortcut))
        return button

    def _outcome_tab(self, name: str, title: str) -> tuple[ListModel, QTableView, ShareChart]:
        model = OutcomeModel(OUTCOME_COLUMNS, self)
        view = table_view(model, name, title)
        view.setAlternatingRowColors(True)
        view.horizontalHeader().setStretchLastSection(False)
        model.modelReset.connect(lambda v=view: fit_columns(v))
        chart = ShareChart()
        chart.setObjectName(f"{name}Chart")
        chart.setAccessibleName(_("No new case within 12 months"))
        holder = QWidget()
        inner = QVBoxLayout(holder)
        caption = QLabel(_("Children with no new case within 12 months"))
        caption.setStyleSheet("font-weight: bold")
        inner.addWidget(caption)
        inner.addWidget(chart)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(view)
        splitter.addWidget(scroll)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.tabs.addTab(splitter, title)
        return model, view, chart

    # -- the figures ---------------------------------------------------------------------
    def reload(self) -> None:
        choices = self.ctx.runner.read(lambda s: statistics.district_choices(
            s, self.ctx.commission_id, lang=current_language()))
        current = self.district.currentData()
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(_("The whole commission"), None)
        for tid, name in choices:
            self.district.addItem(name, tid)
        self.district.setCurrentIndex(max(0, self.district.findData(current)))
        self.district.blockSignals(False)
        self.refresh()

    def on_changed(self, changed: Changed) -> None:
        if not (self._loaded and changed.touches(*PREVENTION_TABLES)):
            return
        if self.isVisible():
            self.refresh()
        else:  # counted again when next shown, not on every change made elsewhere
            self._stale = True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def period(self) -> tuple[dt.date, dt.date, str | None]:
        return (self.date_from.date().toPython(), self.date_to.date().toPython(),
                self.district.currentData())

    def _compute(self):  # type: ignore[no-untyped-def]
        date_from, date_to, district_id = self.period()
        actor, commission_id = self.ctx.actor, self.ctx.commission_id

        def work(s: Any) -> Outcomes:
            return outcomes.compute(s, actor, commission_id, date_from, date_to,
                                    district_id=district_id)
        return work

    def refresh(self) -> None:
        self.show_button.setEnabled(False)
        self.ctx.runner.run(self._compute(), on_done=self.show_figures,
                            on_error=self._failed, write=False)

    def show_figures(self, found: Outcomes) -> None:
        self.show_button.setEnabled(True)
        self.outcomes = found
        self._set_message("")
        lang = current_language()
        for model, chart, rows in ((self.kind_model, self.kind_chart, found.by_kind),
                                   (self.body_model, self.body_chart, found.by_body)):
            model.set_rows([*rows, found.total])
            # Groups nobody could be followed in for a year yet say nothing: not drawn.
            chart.set_data([(r.label.name(lang), r.no_new_case_12m) for r in rows
                            if r.no_new_case_12m.n])
        self.sig_figures_shown.emit(found)

    # -- the workbook --------------------------------------------------------------------
    def ask_path(self, title: str, suggested: str) -> Path | None:
        """The file to write, from the save dialog (tests replace this method)."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getSaveFileName(self, title, str(Path(folder) / suggested),
                                                    _("Excel workbooks (*.xlsx)"))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def ask_workbook(self) -> None:
        date_from, date_to, _district = self.period()
        path = self.ask_path(_("Save the outcomes"),
                             f"kenes-outcomes-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx")
        if path is not None:
            self.write_workbook(path)

    def write_workbook(self, path: Path) -> None:
        from app.reports.xlsx_outcomes import build_outcomes

        lang = self.book_lang.currentData()
        compute = self._compute()
        self.progress = ProgressTask(self, _("Writing the workbook…"), Cancelled)
        self.xlsx_button.setEnabled(False)
        task = self.progress

        def work(s: Any) -> tuple[Outcomes, Path]:
            found = compute(s)
            return found, build_outcomes(found, path, lang, progress=task.callback)

        def done(result: tuple[Outcomes, Path]) -> None:
            self._stop()
            self.show_figures(result[0])
            self._set_message(_("Written {path}.").format(path=result[1]), OK_STYLE)
            self.sig_file_written.emit(str(result[1]))

        self.ctx.runner.run(work, on_done=done, on_error=self._failed, write=False)

    def _stop(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        self.xlsx_button.setEnabled(True)

    def _failed(self, failure: Failure) -> None:
        self._stop()
        self.show_button.setEnabled(True)
        cancelled = isinstance(failure.error, Cancelled)
        self._set_message(error_text(failure.error), "" if cancelled else ERROR_STYLE)

    def _set_message(self, text: str, style: str = "") -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
