"""The Children screen: the registry (filter bar over a lazy table) and the child card.

Typing in the filter applies it after a short pause (or at once on Enter); every filter
is SQL over the registry (app.services.registry), so it stays immediate on 100,000
children. How many children the filter finds is counted once the user pauses, since a
count reads every match.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, allows
from app.errors import ValidationError
from app.i18n import _
from app.services import registry
from app.services.registry import RegistryFilter
from app.ui.children.card import CARD_TABLES, ChildCard
from app.ui.children.editor import ChildEditor
from app.ui.children.model import COLUMNS, RegistryModel
from app.ui.context import UiContext
from app.ui.ops import Changed
from app.ui.screen import Screen

TYPING_PAUSE_MS = 150
COUNT_PAUSE_MS = 400
# Tables whose changes can alter a registry row (name, district, categories, register,
# curator, overdue measures).
REGISTRY_TABLES = ("child", "child_category", "register_entry", "measure", "decision",
                   "territory", "catalog_item")


class RegistryTable(QTableView):
    """The registry view; Enter opens the current child's card."""

    sig_activated = Signal(int)
    """(row): Enter was pressed on a row."""

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.currentIndex().isValid():
            self.sig_activated.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class ChildrenScreen(Screen):
    sig_child_selected = Signal(str)
    """(child_id): the card now shows this child."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RegistryModel(ctx.runner, ctx.commission_id, self)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.apply_filter)
        self._counting = QTimer(self)
        self._counting.setSingleShot(True)
        self._counting.setInterval(COUNT_PAUSE_MS)
        self._counting.timeout.connect(self.update_count)
        self.editor: ChildEditor | None = None  # the open editor, if any (tests reach it)
        self._build()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("childFilter")
        self.filter_edit.setAccessibleName(_("Find a child by name or IIN"))
        self.filter_edit.setPlaceholderText(_("Name or IIN (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(220)
        self.district = self._combo("districtFilter", _("District"))
        self.category = self._combo("categoryFilter", _("Risk category"))
        self.register_status = self._combo("registerFilter", _("Register status"))
        self.register_status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.register_status.setSizePolicy(QSizePolicy.Policy.Minimum,
                                           QSizePolicy.Policy.Fixed)  # never cut its text
        for value, text in (("any", _("On the register or not")),
                            ("on", _("On the register")), ("off", _("Not on the register"))):
            self.register_status.addItem(text, value)
        self.curator = QLineEdit()
        self.curator.setObjectName("curatorFilter")
        self.curator.setAccessibleName(_("Curator"))
        self.curator.setPlaceholderText(_("Curator"))
        self.curator.setClearButtonEnabled(True)
        self.overdue = QCheckBox(_("Has overdue measures"))
        self.overdue.setObjectName("overdueFilter")
        self.overdue.setAccessibleName(_("Has overdue measures"))
        self.new_button = QPushButton(_("New child…"))
        self.new_button.setObjectName("newChild")
        self.new_button.setAccessibleName(_("New child"))
        self.new_button.setToolTip(_("Register a new child (Ctrl+N)"))
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.setEnabled(allows(self.ctx.actor.role, Permission.EDIT_CHILDREN))
        self.new_button.clicked.connect(self.new_child)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 3)
        top.addWidget(self.district, 2)
        top.addWidget(self.category, 2)
        top.addWidget(self.new_button)
        second = QHBoxLayout()
        second.addWidget(self.register_status, 2)
        second.addWidget(self.curator, 2)
        second.addWidget(self.overdue)
        second.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("childCount")
        second.addWidget(self.count_label)

        self.table = RegistryTable()
        self.table.setObjectName("registryTable")
        self.table.setAccessibleName(_("Children"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for n, width in enumerate(self._column_widths()):
            header.resizeSection(n, width)
        header.setStretchLastSection(False)

        self.card = ChildCard(self.ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("childrenSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self._sized = False
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filter_edit, self.district)
        self.setTabOrder(self.district, self.category)
        self.setTabOrder(self.category, self.new_button)
        self.setTabOrder(self.new_button, self.register_status)
        self.setTabOrder(self.register_status, self.curator)
        self.setTabOrder(self.curator, self.overdue)
        self.setTabOrder(self.overdue, self.table)

        # Window shortcuts: they work wherever the focus is, while this screen is shown.
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(self.focus_filter)
        self.filter_edit.textEdited.connect(self._typed)
        self.filter_edit.textChanged.connect(self._cleared)
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.curator.textEdited.connect(self._typed)
        self.curator.returnPressed.connect(self.apply_filter)
        for box in (self.district, self.category, self.register_status):
            box.currentIndexChanged.connect(self.apply_filter)
        self.overdue.toggled.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda index: self._activate(index.row()))
        self.table.sig_activated.connect(self._activate)
        self.model.modelReset.connect(self._after_reset)
        self.card.sig_child_changed.connect(self._card_saved)

    def _column_widths(self) -> list[int]:
        """Wide enough for the header and for typical content ("chars" characters)."""
        chars = {"Full name": 32, "Date of birth": 10, "IIN": 12, "District": 18,
                 "School": 22, "Risk categories": 22, "On the register": 3, "Curator": 20,
                 "Overdue measures": 3}
        header = self.table.horizontalHeader().fontMetrics()
        body = self.table.fontMetrics()
        return [max(header.horizontalAdvance(_(c.title)) + 28,
                    body.horizontalAdvance("0" * chars.get(c.title, 12)) + 12)
                for c in COLUMNS]

    def _combo(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
        return box

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._sized:  # at first the list, with its many columns, gets most room
            self._sized = True
            total = sum(self.splitter.sizes()) or self.width()
            self.splitter.setSizes([total * 3 // 5, total - total * 3 // 5])

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        choices = self.ctx.runner.read(
            lambda s: registry.filter_choices(s, self.ctx.commission_id))
        for box, items, everything in (
                (self.district, choices.districts, _("All districts")),
                (self.category, choices.categories, _("All risk categories"))):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for choice in items:
                box.addItem(choice.name, choice.id)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        self.apply_filter(force=True)

    def on_changed(self, changed: Changed) -> None:
        if not self._loaded:
            return
        if changed.touches(*REGISTRY_TABLES):
            self.model.refresh()
            self._counting.start()
        if changed.touches(*CARD_TABLES):
            self.card.refresh()

    # -- filtering -----------------------------------------------------------------------

    def current_filter(self) -> RegistryFilter:
        return RegistryFilter(
            text=self.filter_edit.text(), district_id=self.district.currentData(),
            category_id=self.category.currentData(),
            register_status=self.register_status.currentData() or "any",
            curator=self.curator.text(), has_overdue_measures=self.overdue.isChecked())

    def _typed(self, _text: str) -> None:
        self._typing.start()  # restarts: the filter applies once typing pauses

    def _cleared(self, text: str) -> None:
        if not text and self.model.filter.text:  # the clear button: no need to wait
            self.apply_filter()

    def apply_filter(self, *_args: object, force: bool = False) -> None:
        """Show what the filter bar asks for (at once: Enter, a list or a box changed)."""
        self._typing.stop()
        flt = self.current_filter()
        try:
            registry.check_search_text(flt)
        except ValidationError as exc:  # said beside the count; the list stays as it was
            self.count_label.setText(exc.user_message())
            return
        if force or flt != self.model.filter:
            self.model.set_filter(flt)
        self.count_label.setText(_("Counting…"))
        self._counting.start()

    def update_count(self) -> None:
        flt, commission_id = self.model.filter, self.ctx.commission_id
        n = self.ctx.runner.read(lambda s: registry.count_children(s, commission_id, flt))
        self.count_label.setText(_("Found: {n}").format(n=f"{n:,}".replace(",", "\u00a0"))
                                 if n else _("No children found"))

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # -- the card ------------------------------------------------------------------------

    def _after_reset(self) -> None:
        """Keep the card's child selected if the new list has it."""
        if self.card.child_id is not None:
            row = self.model.row_of(self.card.child_id)
            if row is not None:  # the card shows this child already: no reload
                self.table.selectRow(row)

    def _selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if len(rows) == 1:
            child_id = self.model.child_id(rows.pop())
            if child_id and child_id != self.card.child_id:
                self.card.show_child(child_id)
                self.sig_child_selected.emit(child_id)

    def _activate(self, row: int) -> None:
        child_id = self.model.child_id(row)
        if child_id:
            self.open_child(child_id)

    def open_child(self, child_id: str) -> None:
        """Show this child's card (from the list, or from another screen)."""
        self.ensure_loaded()
        self.card.show_child(child_id)
        row = self.model.row_of(child_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.sig_child_selected.emit(child_id)
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[1] == 0:
            self.splitter.setSizes([sizes[0] // 2, sizes[0] - sizes[0] // 2])

    def new_child(self) -> None:
        editor = ChildEditor(self.ctx, None, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.sig_saved.connect(lambda result: self.open_child(result.child.id))
        editor.open()
        self.editor = editor

    def _card_saved(self, child_id: str) -> None:
        """A card dialog saved: the change signal refreshes; keep the child in view."""
        if child_id and self.model.row_of(child_id) is None:
            self.card.show_child(child_id)

