"""Import children from an Excel list: choose the file, map its columns (prefilled from
the mapping remembered for the file's layout), check every row and read the report,
decide on likely duplicates, then import all the rows or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.reports.xlsx_read import SheetRows, read_sheet
from app.services import child_import, import_mapping
from app.services.child_import import ImportReport
from app.services.import_mapping import FIELD_LABELS, FIELDS, ColumnMapping
from app.ui.context import UiContext
from app.ui.errors import error_text
from app.ui.forms import ERROR_STYLE, WARNING_STYLE
from app.ui.ops import Failure
from app.ui.reports.model import DuplicatesModel
from app.ui.table import Column, ListModel

OK_STYLE = "color: #1b5e20;"
PROBLEM_COLUMNS = (
    Column(N_("Row"), lambda p: p.row, Qt.AlignmentFlag.AlignRight),
    Column(N_("Column"), lambda p: p.column),
    Column(N_("Problem"), lambda p: p.text()),
)
DUPLICATE_COLUMNS = (
    Column(N_("Import all the same"), lambda d: ""),
    Column(N_("Row"), lambda d: d.row, Qt.AlignmentFlag.AlignRight),
    Column(N_("Full name"), lambda d: d.full_name),
    Column(N_("Date of birth"), lambda d: d.birth_date),
    Column(N_("IIN"), lambda d: d.iin or ""),
    Column(N_("Why"), lambda d: d.text()),
)
REGISTERED_COLUMNS = (
    Column(N_("Row"), lambda r: r.row, Qt.AlignmentFlag.AlignRight),
    Column(N_("IIN"), lambda r: r.iin),
    Column(N_("Registered as"), lambda r: r.full_name),
)


def _table(name: str, model: ListModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ImportDialog(QDialog):
    sig_imported = Signal(object)
    """(ImportReport): children were registered."""
    sig_checked = Signal(object)
    """(ImportReport): the rows were checked (nothing written)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sheet: SheetRows | None = None
        self.report: ImportReport | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Import children from Excel"))
        self.resize(900, 680)

        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("importFile")
        self.file_edit.setAccessibleName(_("Excel file"))
        self.file_edit.setPlaceholderText(_("An .xlsx file with one child per row"))
        self.file_edit.returnPressed.connect(self.read_file)
        browse = QPushButton(_("Choose…"))
        browse.setObjectName("chooseFile")
        browse.clicked.connect(self.choose_file)
        self.read_button = QPushButton(_("Read"))
        self.read_button.setObjectName("readFile")
        self.read_button.clicked.connect(self.read_file)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(_("File")))
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        file_row.addWidget(self.read_button)

        self.mapping_box = QGroupBox(_("Which column holds what"))
        self.mapping_box.setObjectName("mappingBox")
        form = QFormLayout(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        for name in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            combo.setAccessibleName(_(FIELD_LABELS[name]))
            combo.setMinimumContentsLength(24)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            form.addRow(_(FIELD_LABELS[name]), combo)
            self.combos[name] = combo
        self.mapping_box.setEnabled(False)

        self.check_button = QPushButton(_("Check the rows"))
        self.check_button.setObjectName("checkImport")
        self.check_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.check_button.setToolTip(_("Check every row; nothing is written (Ctrl+Enter)"))
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self.check)

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.problems = ListModel(PROBLEM_COLUMNS, self)
        self.warnings = ListModel(PROBLEM_COLUMNS, self)
        self.duplicates = DuplicatesModel(DUPLICATE_COLUMNS, self)
        self.registered = ListModel(REGISTERED_COLUMNS, self)
        self.duplicates.dataChanged.connect(lambda *_a: self._update_summary())
        self.report_tabs = QTabWidget()
        self.report_tabs.setObjectName("importReport")
        for name, model, title in (
                ("problemsTable", self.problems, N_("Problems")),
                ("duplicatesTable", self.duplicates, N_("Likely duplicates")),
                ("registeredTable", self.registered, N_("Already registered")),
                ("warningsTable", self.warnings, N_("Warnings"))):
            self.report_tabs.addTab(_table(name, model), _(title))

        self.import_button = QPushButton(_("Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_rows)
        close = QPushButton(_("Close"))
        close.setObjectName("closeImport")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        top = QHBoxLayout()
        top.addWidget(self.mapping_box, 2)
        side = QVBoxLayout()
        side.addWidget(self.check_button)
        side.addWidget(self.summary)
        side.addStretch(1)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(top)
        layout.addWidget(self.report_tabs, 1)
        layout.addLayout(buttons)

    # -- the file ------------------------------------------------------------------------
    def choose_file(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getOpenFileName(self, _("Choose the list"), folder,
                                                    _("Excel workbooks (*.xlsx)"))
        if name:
            self.file_edit.setText(name)
            self.read_file()

    def read_file(self) -> None:
        text = self.file_edit.text().strip()
        if not text:
            return
        path = Path(text)
        self._clear_report()
        self.sheet = None
        self.mapping_box.setEnabled(False)
        self.check_button.setEnabled(False)
        self.read_button.setEnabled(False)
        self.ctx.runner.run(lambda _s: read_sheet(path), on_done=self._file_read,
                            on_error=self._failed, write=None)

    def _file_read(self, sheet: SheetRows) -> None:
        self.read_button.setEnabled(True)
        self.sheet = sheet
        mapping = import_mapping.initial_mapping(sheet.headers)
        for name, combo in self.combos.items():
            combo.clear()
            combo.addItem(_("— not in the file —"), None)
            for index in range(len(sheet.headers)):
                combo.addItem(sheet.column_name(index), index)
            chosen = mapping.get(name)
            combo.setCurrentIndex(0 if chosen is None else combo.findData(chosen))
        self.mapping_box.setEnabled(True)
        self.check_button.setEnabled(True)
        self._say(_("{rows} rows read from sheet {sheet} (headings in row {head}). Check "
                    "the columns, then check the rows.").format(
            rows=len(sheet.rows), sheet=sheet.sheet, head=sheet.header_row))

    def mapping(self) -> ColumnMapping:
        return ColumnMapping.of({name: combo.currentData()
                                 for name, combo in self.combos.items()
                                 if combo.currentData() is not None})

    # -- checking and importing ----------------------------------------------------------
    def check(self) -> None:
        if self.sheet is None:
            return
        sheet, mapping = self.sheet, self.mapping()
        actor, commission_id = self.ctx.actor, self.ctx.commission_id
        self._clear_report()
        self.check_button.setEnabled(False)

        def work(s: Any) -> ImportReport:
            import_mapping.check_mapping(mapping, sheet.headers)
            return child_import.import_children(s, actor, commission_id, sheet, mapping,
                                                write=False)

        self.ctx.runner.run(work, on_done=self._checked, on_error=self._failed, write=False)

    def _checked(self, report: ImportReport) -> None:
        self.check_button.setEnabled(True)
        assert self.sheet is not None
        import_mapping.remember_mapping(self.sheet.headers, self.mapping())
        self._show_report(report)
        self.sig_checked.emit(report)

    def import_rows(self) -> None:
        if self.sheet is None or self.report is None or not self.report.ok:
            return
        checked = self.report  # rows checked off the write lock; written in one go
        chosen = frozenset(self.duplicates.chosen)
        actor, commission_id = self.ctx.actor, self.ctx.commission_id
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.ctx.runner.run(
            lambda s: child_import.write_checked(s, actor, commission_id, checked,
                                                 import_duplicates=chosen),
            on_done=self._imported, on_error=self._failed, changes={"child"})

    def _imported(self, report: ImportReport) -> None:
        self.check_button.setEnabled(True)
        if not report.ok:  # the database changed since the check: show why
            self._show_report(report)
            return
        self.report = report
        self.import_button.setEnabled(False)
        self._say(_("Registered {n} children.").format(n=report.written), OK_STYLE)
        self.sig_imported.emit(report)

    def _show_report(self, report: ImportReport) -> None:
        self.report = report
        self.problems.set_rows(report.problems)
        self.warnings.set_rows(report.warnings)
        self.duplicates.set_rows(report.duplicates)
        self.registered.set_rows(report.already_registered)
        for n, count in enumerate((len(report.problems), len(report.duplicates),
                                   len(report.already_registered), len(report.warnings))):
            base = self.report_tabs.tabText(n).split(" (")[0]
            self.report_tabs.setTabText(n, f"{base} ({count})")
        for view in self.report_tabs.findChildren(QTableView):
            view.resizeColumnsToContents()
        self.report_tabs.setCurrentIndex(0 if report.problems else 1 if report.duplicates
                                         else 2 if report.already_registered else 0)
        self._update_summary()

    def _update_summary(self) -> None:
        report = self.report
        if report is None:
            return
        if not report.ok:
            self._say(_("{bad} of {rows} rows have problems: correct the file and read it "
                        "again. Nothing will be written while a row is wrong.").format(
                bad=len(report.bad_rows), rows=report.rows), ERROR_STYLE)
            self.import_button.setEnabled(False)
            return
        count = len(report.to_import) + len(self.duplicates.chosen)
        self._say(_("All {rows} rows are correct: {n} children to register, {registered} "
                    "already registered, {duplicates} likely duplicates (tick those to "
                    "register all the same).").format(
            rows=report.rows, n=count, registered=len(report.already_registered),
            duplicates=len(report.duplicates)),
            WARNING_STYLE if report.duplicates else OK_STYLE)
        self.import_button.setEnabled(count > 0)

    def _clear_report(self) -> None:
        self.report = None
        for model in (self.problems, self.warnings, self.duplicates, self.registered):
            model.set_rows([])
        self.import_button.setEnabled(False)

    def _failed(self, failure: Failure) -> None:
        self.read_button.setEnabled(True)
        self.check_button.setEnabled(self.sheet is not None)
        self._say(error_text(failure.error), ERROR_STYLE)

    def _say(self, text: str, style: str = "") -> None:
        self.summary.setStyleSheet(style)
        self.summary.setText(text)
