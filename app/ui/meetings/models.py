"""The meetings list and the agenda being built; the agenda reorders by drag and drop."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from app.i18n import N_, current_language
from app.labels import label
from app.ui.table import Column, Index, ListModel

MEETING_COLUMNS = (
    Column(N_("No."), lambda m: m.label),
    Column(N_("Date"), lambda m: m.date),
    Column(N_("Kind"), lambda m: label(m.kind)),
    Column(N_("Place"), lambda m: m.place.shown(current_language())),
    Column(N_("Status"), lambda m: label(m.status)),
)
ITEM_COLUMNS = (
    Column(N_("No."), lambda i: i.position, Qt.AlignmentFlag.AlignRight),
    Column(N_("Kind"), lambda i: label(i.kind)),
    Column(N_("Question"), lambda i: i.title.shown(current_language())),
    Column(N_("Status"), lambda i: label(i.status)),
)
MIME = "application/x-kenes-agenda-item"


class AgendaModel(ListModel):
    """The agenda of one meeting. Dropping an item elsewhere asks `on_move(item_id,
    new_position)` to move it (through the service); the rows are then reloaded, so the
    view never removes or inserts rows itself."""

    def __init__(self, on_move: Callable[[str, int], None], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ITEM_COLUMNS, parent)
        self.on_move = on_move
        self.movable = True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not self.movable:
            return base
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME, self.rows[rows[0]].id.encode())
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return self.movable and action == Qt.DropAction.MoveAction and data.hasFormat(MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = bytes(data.data(MIME).data()).decode()
        ids = [r.id for r in self.rows]
        if item_id not in ids:
            return False
        source = ids.index(item_id)
        if row < 0 and parent.isValid():  # dropped on an item: it takes that item's place
            position = parent.row() + 1
        else:  # dropped into the gap before `row` (or after the last row)
            gap = row if row >= 0 else len(ids)
            position = gap if gap > source else gap + 1  # the others close up
        position = max(1, min(position, len(ids)))
        if position != source + 1:
            self.on_move(item_id, position)
        return False  # nothing for the view to remove: the agenda is reloaded

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.rows[index.row()].title.shown(current_language())
        return super().data(index, role)


def case_columns() -> tuple[Column, ...]:
    return (
        Column(N_("Case"), lambda c: c.label),
        Column(N_("Child"), lambda c: c.child_name),
        Column(N_("Born"), lambda c: c.birth_date),
        Column(N_("Received"), lambda c: c.received_on),
        Column(N_("Category"), lambda c: c.category),
        Column(N_("Summary"), lambda c: c.first_line),
    )


INVITEE_COLUMNS = (
    Column(N_("Full name"), lambda p: p.full_name),
    Column(N_("Role"), lambda p: label(p.role)),
    Column(N_("Organisation"), lambda p: p.organisation.shown(current_language())),
)
