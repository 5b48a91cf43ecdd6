"""Table models of the Reports screen: one statistics table (its rows, then the total),
and the likely duplicates of an import, each with a box to import it all the same."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.i18n import _, current_language
from app.services.child_import import Duplicate
from app.services.statistics import StatTable
from app.ui.table import Column, ListModel

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


HEADING_LINE = 16  # characters per line of a column heading


def wrap(text: str, width: int = HEADING_LINE) -> str:
    """Break a heading into lines of about `width` characters, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


class StatModel(QAbstractTableModel):
    """A statistics table as the workbook lays it out: the row names, the figures, and
    a last row with the totals."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.table: StatTable | None = None

    def set_table(self, table: StatTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.columns) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        total = index.row() == len(self.table.rows)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return _("Total") if total else \
                    self.table.rows[index.row()].label.name(current_language())
            values = self.table.total if total else self.table.rows[index.row()].values
            return str(values[index.column() - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(LEFT if index.column() == 0 else RIGHT)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
                or orientation != Qt.Orientation.Horizontal or self.table is None):
            return None
        lang = current_language()
        text = (self.table.head if section == 0 else self.table.columns[section - 1]).name(lang)
        return text if role == Qt.ItemDataRole.ToolTipRole else wrap(text)


class DuplicatesModel(ListModel):
    """Likely duplicates; the first column is a box: import this row all the same."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(columns, parent)
        self.chosen: set[int] = set()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.chosen = set()
        super().set_rows(rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0 and self.row(index).can_import:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 0 and \
                role == Qt.ItemDataRole.CheckStateRole:
            row: Duplicate = self.row(index)
            if not row.can_import:
                return None
            return (Qt.CheckState.Checked if row.row in self.chosen
                    else Qt.CheckState.Unchecked).value
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
                ) -> bool:
        if not index.isValid() or index.column() != 0 or \
                role != Qt.ItemDataRole.CheckStateRole or not self.row(index).can_import:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        row = self.row(index).row
        if state == Qt.CheckState.Checked.value:
            self.chosen.add(row)
        else:
            self.chosen.discard(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
