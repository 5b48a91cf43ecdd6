"""Small pieces the session panels share: a table driven by single keys, a notes editor,
the delegates of the measures table, the large-type style."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.ui.forms import DATE_FORMAT
from app.ui.session.models import DEADLINE, KIND

# Large type: the session is read from a distance, by the chair as well as the secretary.
STYLE = """
#sessionWindow, #sessionWindow QWidget { font-size: 13pt; }
#sessionWindow QHeaderView::section { font-size: 11pt; padding: 2px 4px; }
#sessionWindow #meetingTitle { font-size: 15pt; font-weight: bold; }
#sessionWindow #itemTitle { font-size: 16pt; font-weight: bold; }
#sessionWindow #quorumBadge { font-size: 15pt; font-weight: bold; padding: 4px 12px;
                              border-radius: 6px; color: white; }
#sessionWindow #quorumBadge[ok="true"] { background: #1b5e20; }
#sessionWindow #quorumBadge[ok="false"] { background: #b00020; }
#sessionWindow #outcomeLabel { font-size: 16pt; font-weight: bold; }
#sessionWindow #itemTimer { font-size: 13pt; }
#sessionWindow #saveStatus { font-size: 10pt; color: #555555; }
#sessionWindow QTabBar::tab { padding: 6px 16px; }
#sessionWindow QPushButton { padding: 4px 10px; }
"""


class ElidedLabel(QLabel):
    """One line that gives way to its neighbours: cut with "…" when space is short (the
    whole text is in the tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             rect.width())
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)


class KeyTable(QTableView):
    """A table whose rows take single-key commands (1 = present, 2 = against, ...).
    Keys not in the map behave as in any table (arrows, Tab, PgUp...)."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.keys: dict[int, Callable[[], None]] = {}
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table: keyboard-only use

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        action = self.keys.get(event.key())
        if action is not None and mods == Qt.KeyboardModifier.NoModifier:
            action()
            event.accept()
            return
        super().keyPressEvent(event)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def fit(self, stretch: int, fixed: dict[int, int] | None = None) -> None:
        """One column takes the room left, `fixed` ones keep their width; the others are
        sized to their contents when the rows change (not on every repaint: the screen
        refreshes after each key)."""
        self._stretch = stretch
        self._fixed = dict(fixed or {})
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.model().columnCount()):
            if column in self._fixed:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, self._fixed[column])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                            if column == stretch
                                            else QHeaderView.ResizeMode.Interactive)

    def show_rows(self, rows: list, select: int | None = None) -> None:  # type: ignore[type-arg]
        """Show `rows`, keeping the selected row (or selecting `select`); rows equal to
        those shown are left alone, so an unchanged list costs nothing."""
        model = self.model()
        row = self.current_row() if select is None else select
        old = model.rows  # type: ignore[attr-defined]
        rows = list(rows)
        if len(rows) == len(old) and rows != old:  # the same list, some rows changed
            last = model.columnCount() - 1
            for n, (was, new) in enumerate(zip(old, rows, strict=True)):
                if was != new:
                    old[n] = new
                    model.dataChanged.emit(model.index(n, 0), model.index(n, last))
        elif rows != old:
            model.set_rows(rows)  # type: ignore[attr-defined]
            for column in range(model.columnCount()):
                if column != getattr(self, "_stretch", -1) and \
                        column not in getattr(self, "_fixed", {}):
                    self.resizeColumnToContents(column)
        count = model.rowCount()
        if count:
            row = min(max(row, 0), count - 1)
            if self.current_row() != row:
                self.selectRow(row)


def notes_edit(name: str, accessible: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)  # Tab moves on; the protocol needs no tab characters
    return edit


class MeasureDelegate(QStyledItemDelegate):
    """Editors of the measures table. Text editors hand over every keystroke (not only
    when the cell is left), so a measure half-typed is autosaved like any other field."""

    def __init__(self, kinds: Callable[[], list[tuple[str, str]]],
                 bodies: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds, self.bodies = kinds, bodies
        self.open_editors: set[QWidget] = set()

    def _commit(self, editor: QWidget) -> None:
        # A completer popup may report after its cell was closed: only open editors commit.
        if editor in self.open_editors:
            self.commitData.emit(editor)

    def destroyEditor(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
                      ) -> None:
        self.open_editors.discard(editor)
        super().destroyEditor(editor, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = self._create(parent, index.column())
        self.open_editors.add(editor)
        return editor

    def _create(self, parent: QWidget, column: int) -> QWidget:
        if column == KIND:
            combo = QComboBox(parent)
            combo.setObjectName("measureKindEditor")
            for kind_id, name in self.kinds():
                combo.addItem(name, kind_id)
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if column == DEADLINE:
            edit = QDateEdit(parent)
            edit.setObjectName("measureDeadlineEditor")
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
            edit.dateChanged.connect(lambda _d, e=edit: self._commit(e))
            return edit
        line = QLineEdit(parent)
        line.setObjectName("measureTextEditor")
        if column == 2:  # the responsible body: bodies named before
            completer = QCompleter(self.bodies(), line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            line.setCompleter(completer)
        line.textEdited.connect(lambda _t, e=line: self._commit(e))
        return line

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
                      ) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            at = editor.findData(value)
            editor.setCurrentIndex(max(at, 0))
        elif isinstance(editor, QDateEdit):
            editor.blockSignals(True)
            editor.setDate(value if isinstance(value, QDate) else QDate.currentDate())
            editor.blockSignals(False)
        elif isinstance(editor, QLineEdit) and editor.text() != (value or ""):
            editor.setText(value or "")  # only if different: the cursor stays put

    def setModelData(self, editor: QWidget, model, index) -> None:  # type: ignore[no-untyped-def]
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())
