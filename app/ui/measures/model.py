"""The control list as a lazy table: all ids of the list, rows loaded a page at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _, current_language
from app.labels import label
from app.models.enums import MeasureState
from app.services.measures_queries import MeasureRow
from app.ui.table import Column, display

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
OVERDUE_COLOUR = QColor("#b00020")


@dataclass(frozen=True, slots=True)
class MeasureLine:
    """A row as shown: the measure with its kind's name and its state as of today."""

    row: MeasureRow
    kind: str
    state: MeasureState

    @property
    def first_line(self) -> str:
        lines = self.row.text.shown(current_language()).strip().splitlines()
        return lines[0] if lines else ""


# Deadline and state come first: they are what a control list is read for.
COLUMNS = (
    Column(N_("Child"), lambda m: m.row.child_name or "—"),
    Column(N_("Deadline"), lambda m: m.row.deadline, Qt.AlignmentFlag.AlignRight),
    Column(N_("State"), lambda m: label(m.state)),
    Column(N_("Measure"), lambda m: m.first_line),
    Column(N_("Kind"), lambda m: m.kind),
    Column(N_("Responsible body"),
           lambda m: m.row.responsible_body.shown(current_language())),
    Column(N_("Responsible person"), lambda m: m.row.responsible_person or ""),
    Column(N_("Assessment"), lambda m: label(m.row.last_result) if m.row.last_result else ""),
    Column(N_("Decision"), lambda m: m.row.decision_label),
)
STATE_COLUMN, MEASURE = 2, 3
# The widest a column of free text starts (px); the full text is in its tooltip.
MAX_WIDTH = {0: 210, MEASURE: 300, 4: 180, 5: 220, 6: 160}


class MeasuresModel(QAbstractTableModel):
    """Holds the ids of the list; `fetchMore` loads the next page of rows."""

    def __init__(self, load: Callable[[Sequence[str]], list[MeasureRow]], parent=None  # type: ignore[no-untyped-def]
                 ) -> None:
        super().__init__(parent)
        self.load = load
        self.columns = COLUMNS
        self.ids: list[str] = []
        self.lines: list[MeasureLine] = []
        self.kind_names: dict[str, str] = {}
        self.today = dt.date.today()
        self._next = 0  # the next id to load

    def set_ids(self, ids: Sequence[str], *, kind_names: dict[str, str], today: dt.date
                ) -> None:
        self.beginResetModel()
        self.ids, self.lines, self._next = list(ids), [], 0
        self.kind_names, self.today = kind_names, today
        self.lines = self._load_page()  # the first page comes with the reset
        self.endResetModel()

    def line(self, row: int) -> MeasureLine:
        return self.lines[row]

    def row_of(self, measure_id: str) -> int | None:
        """The row of a measure, loading pages until it is found (None if not listed)."""
        if measure_id not in self.ids:
            return None
        while True:
            for i, line in enumerate(self.lines):
                if line.row.id == measure_id:
                    return i
            if not self.canFetchMore(QModelIndex()):
                return None
            self.fetchMore(QModelIndex())

    # -- lazy loading ------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next < len(self.ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        lines = self._load_page()
        if not lines:
            return
        first = len(self.lines)
        self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
        self.lines.extend(lines)
        self.endInsertRows()

    def _load_page(self) -> list[MeasureLine]:
        page = self.ids[self._next:self._next + PAGE]
        self._next += len(page)
        rows = self.load(page) if page else []
        return [MeasureLine(r, self.kind_names.get(r.kind_id, ""), r.effective_state(self.today))
                for r in rows]

    # -- the model -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(line))
        if role == Qt.ItemDataRole.ToolTipRole:
            return (line.row.text.shown(current_language()) if index.column() == MEASURE
                    else display(column.value(line)))
        if role == Qt.ItemDataRole.ForegroundRole and line.state is MeasureState.OVERDUE \
                and index.column() == STATE_COLUMN:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].title)
        return None
