"""Reports: the statistics of a period and a district as tables and bar charts, the same
figures as an Excel workbook, Excel exports of the lists, and the import of children.

The figures are computed by app.services.statistics off the GUI thread; the workbook
and the exports are written off it too, with a progress dialog that can cancel them
(a cancelled export leaves no file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, allows
from app.i18n import N_, _, current_language
from app.reports.xlsx_common import Cancelled
from app.services import exports, registry, statistics
from app.services.context import today
from app.services.registry import RegistryFilter
from app.services.statistics import Statistics, StatTable
from app.ui.context import UiContext
from app.ui.dashboard.chart import BarChart
from app.ui.errors import error_text
from app.ui.forms import ERROR_STYLE, date_edit
from app.ui.ops import Changed, Failure
from app.ui.progress import ProgressTask
from app.ui.reports.model import StatModel
from app.ui.screen import Screen

# Tables whose changes alter a figure.
REPORT_TABLES = ("meeting", "agenda_item", "decision", "measure", "measure_report",
                 "assessment", "case_file", "child", "register_entry", "catalog_item",
                 "territory")
BOOK_LANGUAGES = (("ru", N_("Russian")), ("kk", N_("Kazakh")), ("en", N_("English")))
OK_STYLE = "color: #1b5e20;"
LABEL_MAX = 300  # pixels for the row names of a table
FIGURE_MAX = 130  # ... and for a column of figures (the header's tooltip is whole)


class ReportsScreen(Screen):
    sig_figures_shown = Signal(object)
    """(Statistics): the figures now on screen."""
    sig_file_written = Signal(str)
    """(str path): a workbook or an export was written."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stats: Statistics | None = None
        self.progress: ProgressTask | None = None
        self.import_dialog: QWidget | None = None  # the open import dialog (tests reach it)
        self.models: list[StatModel] = []
        self.charts: list[BarChart] = []
        self._stale = False
        self._build()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        first = today().replace(month=1, day=1)
        self.date_from = date_edit(first, "reportFrom", _("Period from"))
        self.date_to = date_edit(today(), "reportTo", _("Period to"))
        self.district = QComboBox()
        self.district.setObjectName("reportDistrict")
        self.district.setAccessibleName(_("District"))
        self.district.setMinimumContentsLength(16)
        self.district.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.show_button = self._button("showReport", _("Show"), "F5",
                                        _("Show the figures of the period (F5)"))
        self.show_button.clicked.connect(self.refresh)
        self.book_lang = QComboBox()
        self.book_lang.setObjectName("bookLanguage")
        self.book_lang.setAccessibleName(_("Language of the workbook"))
        for code, name in BOOK_LANGUAGES:
            self.book_lang.addItem(_(name), code)
        self.book_lang.setCurrentIndex(max(0, self.book_lang.findData(current_language())))
        self.xlsx_button = self._button("reportXlsx", _(".xlsx…"), "Ctrl+S",
                                        _("Save the report as an Excel workbook (Ctrl+S)"))
        self.xlsx_button.clicked.connect(self.ask_statistics)

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

        self.summary = QGroupBox(_("Key figures"))
        self.summary.setObjectName("reportSummary")
        self.summary_grid = QGridLayout(self.summary)
        self.summary_labels: dict[str, QLabel] = {}

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTables")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)

        lists = QHBoxLayout()
        lists.addWidget(QLabel(_("Lists to Excel:")))
        self.registry_button = self._button("exportRegistry", _("Registry…"), None,
                                            _("The whole registry of children as .xlsx"))
        self.measures_button = self._button("exportMeasures", _("Measures…"), None,
                                            _("Every measure with its state as .xlsx"))
        self.decisions_button = self._button("exportDecisions", _("Decisions of the period…"),
                                             None, _("The decisions taken in the period "
                                                     "(and district) as .xlsx"))
        self.import_button = self._button("importChildren", _("Import children…"),
                                          "Ctrl+I", _("Register children from an Excel list "
                                                      "(Ctrl+I)"))
        self.registry_button.clicked.connect(lambda: self.ask_export("registry"))
        self.measures_button.clicked.connect(lambda: self.ask_export("measures"))
        self.decisions_button.clicked.connect(lambda: self.ask_export("decisions"))
        self.import_button.clicked.connect(self.open_import)
        self.import_button.setEnabled(allows(self.ctx.actor.role, Permission.EDIT_CHILDREN))
        for button in (self.registry_button, self.measures_button, self.decisions_button):
            lists.addWidget(button)
        lists.addStretch(1)
        lists.addWidget(self.import_button)

        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(lists)
        layout.addWidget(self.message)
        order = [self.date_from, self.date_to, self.district, self.show_button,
                 self.book_lang, self.xlsx_button, self.tabs, self.registry_button,
                 self.measures_button, self.decisions_button, self.import_button]
        for a, b in zip(order, order[1:], strict=False):
            self.setTabOrder(a, b)
        self.district.currentIndexChanged.connect(lambda _i: self.refresh())

    def _button(self, name: str, text: str, shortcut: str | None, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
        return button

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
        if not (self._loaded and changed.touches(*REPORT_TABLES)):
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

    def _compute(self) -> Callable[[Any], Statistics]:
        date_from, date_to, district_id = self.period()
        actor, commission_id = self.ctx.actor, self.ctx.commission_id
        return lambda s: statistics.compute(s, actor, commission_id, date_from, date_to,
                                            district_id=district_id)

    def refresh(self) -> None:
        """Compute the figures of the pickers' period (off the GUI thread) and show them."""
        self.show_button.setEnabled(False)
        self.ctx.runner.run(self._compute(), on_done=self.show_statistics,
                            on_error=self._failed, write=False)

    def show_statistics(self, stats: Statistics) -> None:
        self.show_button.setEnabled(True)
        self.stats = stats
        self._set_message("")
        self._fill_summary(stats)
        self._fill_tables(stats)
        self.sig_figures_shown.emit(stats)

    def _fill_summary(self, stats: Statistics) -> None:
        lang = current_language()
        figures = stats.summary.figures()
        if not self.summary_labels:
            per_column = (len(figures) + 2) // 3
            for n, (name, label, _value) in enumerate(figures):
                text = QLabel(label.name(lang))
                value = QLabel()
                value.setObjectName(f"figure_{name}")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setStyleSheet("font-weight: bold")
                row, col = n % per_column, 2 * (n // per_column)
                self.summary_grid.addWidget(text, row, col)
                self.summary_grid.addWidget(value, row, col + 1)
                self.summary_labels[name] = value
            for col in range(3):
                self.summary_grid.setColumnStretch(2 * col, 1)
        for name, _label, value in figures:
            self.summary_labels[name].setText(str(value))

    def _fill_tables(self, stats: Statistics) -> None:
        lang = current_language()
        if not self.models:
            for table in stats.tables:
                self._add_tab(table)
        for n, table in enumerate(stats.tables):
            self.models[n].set_table(table)
            rows = table.rows[:table.chart_rows] if table.chart_rows else table.rows
            column = table.chart[0]
            self.charts[n].set_data([(r.label.name(lang), r.values[column]) for r in rows])
            self.tabs.setTabText(n, table.title.name(lang))

    def _add_tab(self, table: StatTable) -> None:
        model = StatModel(self)
        view = QTableView()
        view.setObjectName(f"table_{table.key}")
        view.setAccessibleName(table.title.name(current_language()))
        view.setModel(model)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setStretchLastSection(False)
        model.modelReset.connect(lambda v=view: _fit_columns(v))
        chart = BarChart()
        chart.setObjectName(f"chart_{table.key}")
        chart.setAccessibleName(table.title.name(current_language()))
        holder = QWidget()
        inner = QVBoxLayout(holder)
        caption = QLabel(table.columns[table.chart[0]].name(current_language()))
        caption.setStyleSheet("font-weight: bold")
        inner.addWidget(caption)
        inner.addWidget(chart)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(view)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([600, 400])
        self.tabs.addTab(splitter, table.title.name(current_language()))
        self.models.append(model)
        self.charts.append(chart)

    # -- files ---------------------------------------------------------------------------
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

    def ask_statistics(self) -> None:
        date_from, date_to, _district = self.period()
        path = self.ask_path(_("Save the report"),
                             f"kenes-report-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx")
        if path is not None:
            self.export_statistics(path)

    def export_statistics(self, path: Path) -> None:
        """Compute the pickers' figures and write them as a workbook; the screen then
        shows the very figures the file holds."""
        from app.reports.xlsx_statistics import build_statistics
        from app.services import outcomes

        lang = self.book_lang.currentData()
        compute = self._compute()
        actor, commission_id = self.ctx.actor, self.ctx.commission_id
        date_from, date_to, district_id = self.period()
        task = self._start(_("Writing the workbook…"))

        def work(s: Any) -> tuple[Statistics, Path]:
            stats = compute(s)
            results = outcomes.compute(s, actor, commission_id, date_from, date_to,
                                       district_id=district_id)
            return stats, build_statistics(stats, path, lang, progress=task.callback,
                                           outcomes=results)

        def done(result: tuple[Statistics, Path]) -> None:
            self.show_statistics(result[0])
            self._written(result[1], None)

        self.ctx.runner.run(work, on_done=done, on_error=self._failed, write=False)

    def ask_export(self, what: str) -> None:
        date_from, date_to, _district = self.period()
        names = {"registry": (_("Save the registry"), "kenes-registry.xlsx"),
                 "measures": (_("Save the measures"), "kenes-measures.xlsx"),
                 "decisions": (_("Save the decisions"),
                               f"kenes-decisions-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx")}
        title, suggested = names[what]
        path = self.ask_path(title, suggested)
        if path is not None:
            self.export_list(what, path)

    def export_list(self, what: str, path: Path) -> None:
        """Write a list (registry | measures | decisions) as .xlsx: the export is logged
        first (personal data), then the rows stream into the file."""
        from app.reports import xlsx_exports

        actor, commission_id = self.ctx.actor, self.ctx.commission_id
        lang = self.book_lang.currentData()
        date_from, date_to, district_id = self.period()
        task = self._start(_("Writing the list…"))

        def write(s: Any) -> int:
            if what == "registry":
                flt = RegistryFilter()
                total = registry.count_children(s, commission_id, flt)
                rows = exports.registry_export(s, actor, commission_id, flt, lang=lang)
                return xlsx_exports.write_registry(rows, path, lang, progress=task.callback,
                                                   total=total)
            if what == "measures":
                lines = exports.measures_export(s, actor, commission_id, view="all")
                return xlsx_exports.write_measures(lines, path, lang, progress=task.callback,
                                                   total=len(lines))
            lines = exports.decisions_export(s, actor, commission_id, date_from, date_to,
                                                district_id=district_id)
            return xlsx_exports.write_decisions(lines, path, lang, progress=task.callback,
                                                total=len(lines))

        def logged(_none: object) -> None:
            self.ctx.runner.run(write, on_done=lambda n: self._written(path, n),
                                on_error=self._failed, write=False)

        self.ctx.runner.run(
            lambda s: exports.record_export(s, actor, what, commission_id),
            on_done=logged, on_error=self._failed)

    def _start(self, text: str) -> ProgressTask:
        self._set_message("")
        self.progress = ProgressTask(self, text, Cancelled)
        for button in self._file_buttons():
            button.setEnabled(False)
        return self.progress

    def _stop(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        for button in self._file_buttons():
            button.setEnabled(True)

    def _file_buttons(self) -> tuple[QPushButton, ...]:
        return (self.xlsx_button, self.registry_button, self.measures_button,
                self.decisions_button)

    def _written(self, path: Path, rows: int | None) -> None:
        self._stop()
        text = (_("Written {path}.").format(path=path) if rows is None
                else _("Written {path}: {n} rows.").format(path=path, n=rows))
        self._set_message(text, OK_STYLE)
        self.sig_file_written.emit(str(path))

    def _failed(self, failure: Failure) -> None:
        self._stop()
        self.show_button.setEnabled(True)
        cancelled = isinstance(failure.error, Cancelled)
        self._set_message(error_text(failure.error), "" if cancelled else ERROR_STYLE)

    def _set_message(self, text: str, style: str = "") -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    # -- import --------------------------------------------------------------------------
    def open_import(self) -> None:
        from app.ui.reports.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.import_dialog = dialog


def _fit_columns(view: QTableView) -> None:
    """Figures fit their contents; the row names get at most LABEL_MAX pixels (longer
    ones are elided, the tooltip shows them whole)."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    for n in range(header.count()):
        header.resizeSection(n, min(header.sectionSize(n), LABEL_MAX if n == 0
                                    else FIGURE_MAX))
