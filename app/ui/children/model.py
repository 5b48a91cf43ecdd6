"""The registry table: a lazy model over the keyset-paginated registry query.

It holds only the rows fetched so far (pages of 200, asked for by the view through
canFetchMore/fetchMore as the user scrolls); a new filter resets it and reads the
first page at once. Columns are declared once, as data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.i18n import N_, _, current_language
from app.labels import label
from app.models.enums import CaseStatus, Effectiveness, MeasureState
from app.services import registry
from app.services.registry import RegistryFilter, RegistryRow
from app.services.timeline import TimelineEntry
from app.ui.ops import OpRunner

PAGE = 200
Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def fmt_date(value: dt.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


@dataclass(frozen=True)
class Column:
    title: str  # English source, translated when shown
    value: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[Any], str] | None = None


COLUMNS: tuple[Column, ...] = (
    Column(N_("Full name"), lambda r: r.full_name),
    Column(N_("Date of birth"), lambda r: fmt_date(r.birth_date), CENTER),
    Column(N_("IIN"), lambda r: r.iin or ""),
    Column(N_("District"), lambda r: r.district or ""),
    Column(N_("School"), lambda r: r.school or ""),
    Column(N_("Risk categories"), lambda r: r.categories, tooltip=lambda r: r.categories),
    Column(N_("On the register"), lambda r: _("yes") if r.on_register else "", CENTER),
    Column(N_("Curator"), lambda r: r.curator_name or ""),
    Column(N_("Overdue measures"), lambda r: str(r.overdue_count) if r.overdue_count else "",
           RIGHT),
)


class RegistryModel(QAbstractTableModel):
    """The children found by a filter, in name order, fetched a page at a time."""

    def __init__(self, runner: OpRunner, commission_id: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.commission_id = commission_id
        self.filter = RegistryFilter()
        self.rows: list[RegistryRow] = []
        self._more = False

    # -- loading -------------------------------------------------------------------------

    def _page(self, after: tuple[str, str] | None, limit: int) -> list[RegistryRow]:
        flt, lang = self.filter, current_language()
        return self.runner.read(lambda s: registry.find_children(
            s, self.commission_id, flt, after=after, limit=limit, lang=lang))

    def set_filter(self, flt: RegistryFilter) -> None:
        """Show what `flt` finds: the model is reset and holds the first page at once."""
        self.filter = flt
        self._reset(PAGE)

    def refresh(self) -> None:
        """Read again (data changed), keeping as many rows as were loaded."""
        self._reset(max(PAGE, len(self.rows)))

    def _reset(self, limit: int) -> None:
        limit = min(limit, registry.MAX_PAGE)
        rows = self._page(None, limit)
        self.beginResetModel()
        self.rows = rows
        self._more = len(rows) == limit
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = self._page(self.rows[-1].cursor if self.rows else None, PAGE)
        self._more = len(page) == PAGE
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # -- lookups -------------------------------------------------------------------------

    def child_id(self, row: int) -> str | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, child_id: str) -> int | None:
        for n, r in enumerate(self.rows):
            if r.id == child_id:
                return n
        return None

    # -- the Qt model --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section].title)
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


# -- the child's timeline ---------------------------------------------------------------

KIND_TITLES = {
    "case": N_("Case"), "category": N_("Risk category"), "register": N_("Preventive register"),
    "decision": N_("Decision"), "measure": N_("Measure"), "report": N_("Report"),
    "assessment": N_("Assessment"),
}
# States that are not stored codes (those have app.labels): per kind of entry.
STATE_TITLES = {
    "adopted": N_("Adopted"), "not_adopted": N_("Not adopted"),
    "pending": N_("Awaiting decision"), "accepted": N_("Accepted"),
    "not_accepted": N_("Not accepted"), "put_on": N_("Placed on the register"),
    "removed": N_("Removed from the register"),
}
_STATE_ENUMS: dict[str, type[Enum]] = {
    "case": CaseStatus, "measure": MeasureState, "assessment": Effectiveness}


def state_title(entry: TimelineEntry) -> str:
    if entry.state is None:
        return ""
    enum = _STATE_ENUMS.get(entry.kind)
    if enum is not None:
        try:
            return label(enum(entry.state))
        except (ValueError, KeyError):
            return entry.state
    return _(STATE_TITLES[entry.state]) if entry.state in STATE_TITLES else entry.state


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


CONTENT_MAX = 100


def _content(e: TimelineEntry) -> str:
    """What the entry is about (its title and the first line of its text), then the
    meeting it belongs to and its deadline or next review: one wrapped cell."""
    text = " — ".join(p for p in (e.title, _first_line(e.details)) if p)
    if len(text) > CONTENT_MAX:
        text = text[:CONTENT_MAX - 1].rstrip() + "…"
    extra = []
    if e.meeting_label:
        extra.append(_("meeting {label}").format(label=e.meeting_label))
    if e.due and e.kind == "assessment":
        extra.append(_("next review {date}").format(date=fmt_date(e.due)))
    elif e.due:
        extra.append(_("deadline {date}").format(date=fmt_date(e.due)))
    return "\n".join(p for p in (text, ", ".join(extra)) if p)


def _tooltip(e: TimelineEntry) -> str:
    return "\n".join(p for p in (e.title, e.details) if p)


TIMELINE_COLUMNS: tuple[Column, ...] = (
    Column(N_("Date"), lambda e: fmt_date(e.date), CENTER),
    Column(N_("Kind"), lambda e: _(KIND_TITLES.get(e.kind, e.kind))),
    Column(N_("Content"), _content, tooltip=_tooltip),
    Column(N_("State"), state_title),
)
CONTENT_COLUMN = 2


class TimelineModel(QAbstractTableModel):
    """A child's timeline: a short list (one child), so it is held whole."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: tuple[TimelineEntry, ...] = ()

    def set_entries(self, entries: tuple[TimelineEntry, ...]) -> None:
        self.beginResetModel()
        self.entries = tuple(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TIMELINE_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry, column = self.entries[index.row()], TIMELINE_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(entry) or None
        if role == Qt.ItemDataRole.UserRole:
            return entry.ref_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(TIMELINE_COLUMNS):
            return _(TIMELINE_COLUMNS[section].title)
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
