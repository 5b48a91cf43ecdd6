"""The catalogs editor: pick a catalog, see its entries, add or edit one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, allows
from app.i18n import N_, _
from app.models.enums import CatalogKind
from app.services import catalogs
from app.services.catalogs import CatalogEntry
from app.ui.context import UiContext
from app.ui.forms import FormDialog
from app.ui.table import Column, ListModel, table_view

CATALOG = {
    CatalogKind.ORGANISATION_KIND: N_("Organisation kinds"),
    CatalogKind.CATEGORY: N_("Categories"),
    CatalogKind.SOURCE: N_("Sources of cases"),
    CatalogKind.MEASURE_KIND: N_("Measure kinds"),
    CatalogKind.DECISION_TEMPLATE: N_("Decision templates"),
    CatalogKind.ARTICLE: N_("Articles of the Administrative Code"),
}
ENTRY_COLUMNS = (
    Column(N_("Code"), lambda e: e.code),
    Column(N_("Active"), lambda e: e.active),
    Column(N_("Russian"), lambda e: e.name_ru),
    Column(N_("Kazakh"), lambda e: e.name_kk),
    Column(N_("English"), lambda e: e.name_en),
)
NAMES = (2, 3, 4)  # share the width; long names elide (full in tooltip)


class CatalogEditor(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: EntryDialog | None = None
        self._select_after: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        label = QLabel(_("Catalog"))
        self.catalog_combo = QComboBox()
        self.catalog_combo.setObjectName("catalogChoice")
        self.catalog_combo.setAccessibleName(_("Catalog"))
        for kind, title in CATALOG.items():
            self.catalog_combo.addItem(_(title), kind.value)
        label.setBuddy(self.catalog_combo)
        self.catalog_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.catalog_combo.setMinimumContentsLength(16)
        may_edit = allows(ctx.actor.role, Permission.MANAGE_SETTINGS)
        self.add_button = QPushButton(_("Add…"))
        self.add_button.setObjectName("addEntry")
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.setObjectName("editEntry")
        self.edit_button.clicked.connect(self.edit_entry)
        for button in (self.add_button, self.edit_button):
            button.setVisible(may_edit)
        top.addWidget(label)
        top.addWidget(self.catalog_combo)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        layout.addLayout(top)

        self.model = ListModel(ENTRY_COLUMNS, self)
        self.view = table_view(self.model, "catalogEntries", _("Catalog entries"))
        header = self.view.horizontalHeader()
        for column in range(len(ENTRY_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents
                                        if column not in NAMES else QHeaderView.ResizeMode.Stretch)
        if may_edit:
            self.view.doubleClicked.connect(lambda _i: self.edit_entry())
        layout.addWidget(self.view, 1)
        self.catalog_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self._update()

    def kind(self) -> CatalogKind:
        return CatalogKind(self.catalog_combo.currentData())

    def set_kind(self, kind: CatalogKind) -> None:
        self.catalog_combo.setCurrentIndex(self.catalog_combo.findData(kind.value))

    def reload(self) -> None:
        kind = self.kind()
        keep = self._select_after or (self.selected().id if self.selected() else None)
        self._select_after = None
        rows = self.ctx.runner.read(
            lambda s: catalogs.entries(s, kind, include_inactive=True))
        self.model.set_rows(rows)
        row = next((i for i, e in enumerate(rows) if e.id == keep), None)
        if row is not None:
            self.view.selectRow(row)
        self._update()

    def selected(self) -> CatalogEntry | None:
        index = self.view.currentIndex()
        return self.model.row(index) if index.isValid() else None

    def _update(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def add_entry(self) -> EntryDialog:
        return self._open(None)

    def edit_entry(self) -> EntryDialog | None:
        entry = self.selected()
        return self._open(entry) if entry is not None else None

    def _open(self, entry: CatalogEntry | None) -> EntryDialog:
        self.dialog = EntryDialog(self.ctx, self.kind(), entry, self)
        self.dialog.sig_saved.connect(self._saved)
        self.dialog.open()
        return self.dialog

    def _saved(self, entry: CatalogEntry) -> None:
        self._select_after = entry.id  # the change signal reloads; then select it


class EntryDialog(FormDialog):
    """Add or edit one catalog entry; emits sig_saved(CatalogEntry)."""

    def __init__(self, ctx: UiContext, kind: CatalogKind, entry: CatalogEntry | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Edit a catalog entry") if entry else _("Add a catalog entry"),
                         "entryDialog", parent, message_name="entryMessage",
                         save_name="saveEntry")
        self.kind, self.entry = kind, entry
        catalog = QLabel(_(CATALOG[kind]))
        catalog.setStyleSheet("font-weight: bold")
        self.code = QLineEdit(entry.code if entry else "")
        self.name_ru = QLineEdit(entry.name_ru if entry else "")
        self.name_kk = QLineEdit(entry.name_kk if entry else "")
        self.name_en = QLineEdit(entry.name_en if entry else "")
        self.active = QCheckBox(_("In use (offered in lists)"))
        self.active.setChecked(entry.active if entry else True)
        self.text_ru = QPlainTextEdit((entry.text_ru or "") if entry else "")
        self.text_kk = QPlainTextEdit((entry.text_kk or "") if entry else "")
        rows = [("code", "entryCode", _("Code"), self.code),
                ("name_ru", "entryNameRu", _("Name in Russian"), self.name_ru),
                ("name_kk", "entryNameKk", _("Name in Kazakh"), self.name_kk),
                ("name_en", "entryNameEn", _("Name in English"), self.name_en)]
        if kind is CatalogKind.DECISION_TEMPLATE:
            rows += [("text_ru", "entryTextRu", _("Text in Russian"), self.text_ru),
                     ("text_kk", "entryTextKk", _("Text in Kazakh"), self.text_kk)]
        for field, name, label, widget in rows:
            self.add_row(field, name, label, widget)
            if isinstance(widget, QLineEdit):
                widget.setCursorPosition(0)  # a long name shows its beginning
        self.add_row("active", "entryActive", "", self.active)
        self.active.setAccessibleName(self.active.text())
        for edit in (self.text_ru, self.text_kk):
            edit.setTabChangesFocus(True)
        self.finish_layout(catalog)
        self.resize(780, 600 if kind is CatalogKind.DECISION_TEMPLATE else 300)
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        actor, kind = self.ctx.actor, self.kind
        values = dict(code=self.code.text(), name_en=self.name_en.text(),
                      name_ru=self.name_ru.text(), name_kk=self.name_kk.text(),
                      active=self.active.isChecked(),
                      entry_id=self.entry.id if self.entry else None)
        if kind is CatalogKind.DECISION_TEMPLATE:
            values.update(text_ru=self.text_ru.toPlainText(),
                          text_kk=self.text_kk.toPlainText())
        elif self.entry is not None:  # not edited here: keep what is stored
            values.update(text_ru=self.entry.text_ru, text_kk=self.entry.text_kk)
        self.run(lambda s: catalogs.save_entry(s, actor, kind, **values), {"catalog_item"})

