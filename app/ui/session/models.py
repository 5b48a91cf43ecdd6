"""The session's table models: short lists (the members, the agenda, one child's
timeline, the measures of one decision), all rows in memory, columns declared once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import N_, _
from app.labels import label
from app.models.enums import AbsenceReason, ItemStatus, MemberRole
from app.services.attendance import AttendanceInfo
from app.services.meetings import ItemInfo
from app.services.session import DraftMeasure, ItemPeople
from app.services.timeline import TimelineEntry
from app.ui.table import Column, Index, ListModel, display

RED = QColor("#b00020")
GREEN = QColor("#1b5e20")
GREY = QColor("#666666")
STATUS_MARK = {ItemStatus.PENDING: "○", ItemStatus.DECIDED: "✓", ItemStatus.POSTPONED: "→"}


class StyledModel(ListModel):
    """A ListModel whose rows may be coloured or bold (the current item, an absence)."""

    def __init__(self, columns: Sequence[Column], *, colour: Callable[[Any], QColor | None]
                 = lambda _r: None, bold: Callable[[Any], bool] = lambda _r: False,
                 parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(columns, parent)
        self._colour, self._bold = colour, bold

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colour(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and self._bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return display(self.columns[index.column()].value(row))
        return super().data(index, role)


# -- the agenda in the sidebar ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AgendaLine:
    item: ItemInfo
    current: bool
    public_title: str  # what the sidebar shows


def agenda_model(parent=None) -> StyledModel:  # type: ignore[no-untyped-def]
    return StyledModel((
        Column(N_("No."), lambda r: r.item.position, Qt.AlignmentFlag.AlignRight),
        Column(N_("Status"), lambda r: STATUS_MARK[r.item.status],
               Qt.AlignmentFlag.AlignCenter),
        Column(N_("Question"), lambda r: r.public_title),
    ), colour=lambda r: GREY if r.item.status is not ItemStatus.PENDING else None,
        bold=lambda r: r.current, parent=parent)


# -- the roll call ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RollLine:
    member: AttendanceInfo
    here: bool  # present at the current item
    recused: bool
    arrived: int | None  # position of the item of a late arrival
    left: int | None  # position of the item after which the member left


def roll_status(r: RollLine) -> str:
    m = r.member
    if m.present:
        parts = [_("Present")]
        if r.arrived is not None:
            parts.append(_("arrived at item {number}").format(number=r.arrived))
        if r.left is not None:
            parts.append(_("left after item {number}").format(number=r.left))
        return ", ".join(parts)
    if m.absence_reason is not None:
        text = _("Absent: {reason}").format(reason=label(m.absence_reason).lower())
        if m.absence_reason is AbsenceReason.OTHER and m.reason_note:
            text += f" ({m.reason_note})"
        return text
    return _("Not marked")


def roll_lines(people: ItemPeople, positions: dict[str, int]) -> list[RollLine]:
    return [RollLine(m, m.membership_id in people.present, m.membership_id in people.recused,
                     positions.get(m.arrived_item_id or ""), positions.get(m.left_item_id or ""))
            for m in people.roll]


def _here(r: RollLine) -> str:
    if not r.here:
        return "—"
    return _("recused") if r.recused else "✓"


def _roll_colour(r: RollLine) -> QColor | None:
    if r.member.present:
        return GREEN if r.here else GREY
    return RED if r.member.absence_reason is not None else GREY


def roll_model(parent=None) -> StyledModel:  # type: ignore[no-untyped-def]
    return StyledModel((
        Column(N_("Member"), lambda r: r.member.full_name),
        Column(N_("Role"), lambda r: "" if r.member.role is MemberRole.MEMBER
               else label(r.member.role)),
        Column(N_("At this item"), _here, Qt.AlignmentFlag.AlignCenter),
        Column(N_("Attendance"), roll_status),
    ), colour=_roll_colour, parent=parent)


# -- the vote ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class VoteLine:
    membership_id: str
    name: str
    presiding: bool
    recused: bool
    choice: object  # VoteChoice | None
    dissent: bool


def vote_lines(people: ItemPeople) -> list[VoteLine]:
    dissenters = {d.membership_id for d in people.dissents}
    return [VoteLine(m.membership_id, m.full_name, m.membership_id == people.presiding_id,
                     m.membership_id in people.recused, people.ballot(m.membership_id),
                     m.membership_id in dissenters)
            for m in people.roll if m.membership_id in people.present]


def _vote_text(v: VoteLine) -> str:
    if v.recused:
        return _("Recused")
    return label(v.choice) if v.choice is not None else "—"  # type: ignore[arg-type]


def _vote_name(v: VoteLine) -> str:
    name = v.name + (" " + _("(presiding)") if v.presiding else "")
    return name + (" ✎" if v.dissent else "")


def vote_model(parent=None) -> StyledModel:  # type: ignore[no-untyped-def]
    return StyledModel((
        Column(N_("Member"), _vote_name),
        Column(N_("Vote"), _vote_text, Qt.AlignmentFlag.AlignCenter),
    ), colour=lambda v: GREY if v.recused or v.choice is None else None,
        bold=lambda v: v.presiding, parent=parent)


# -- the child's timeline ---------------------------------------------------------------------

KIND_LABELS = {"case": N_("Case"), "category": N_("Risk category"), "register": N_("Register"),
               "decision": N_("Decision"), "measure": N_("Measure"), "report": N_("Report"),
               "assessment": N_("Assessment")}


def timeline_model(parent=None) -> StyledModel:  # type: ignore[no-untyped-def]
    return StyledModel((
        Column(N_("Date"), lambda e: e.date),
        Column(N_("Entry"), lambda e: _(KIND_LABELS.get(e.kind, e.kind))),
        Column(N_("What"), _timeline_what),
    ), colour=lambda e: RED if e.state == "overdue" else None, parent=parent)


def _timeline_what(e: TimelineEntry) -> str:
    lines = (e.details or "").strip().splitlines()
    first = lines[0] if lines else ""
    return " — ".join(p for p in (e.title, first) if p)


# -- the measures of the draft decision -------------------------------------------------------

MEASURE_COLUMNS = (N_("Kind"), N_("Measure"), N_("Responsible body"),
                   N_("Responsible person"), N_("Deadline"))
KIND, TEXT, BODY, PERSON, DEADLINE = range(5)


class MeasureDraftModel(QAbstractTableModel):
    """The measures of the decision being drafted; every cell is editable, and every edit
    (even half a word, see delegates) is announced for autosave."""

    sig_edited = Signal()
    """(): a measure was added, removed or changed."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.rows: list[DraftMeasure] = []
        self.kind_names: dict[str, str] = {}
        self.read_only = False

    def set_rows(self, rows: Sequence[DraftMeasure], kind_names: dict[str, str] | None = None
                 ) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if kind_names is not None:
            self.kind_names = kind_names
        self.endResetModel()

    def add(self, measure: DraftMeasure) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(measure)
        self.endInsertRows()
        self.sig_edited.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            self.sig_edited.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MEASURE_COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid() or self.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == KIND:
                return self.kind_names.get(m.kind_id or "", "")
            if column == DEADLINE:
                return display(m.deadline)
            return (m.text, m.responsible_body, m.responsible_person)[column - 1]
        if role == Qt.ItemDataRole.EditRole:
            if column == KIND:
                return m.kind_id
            if column == DEADLINE:
                return QDate(m.deadline) if m.deadline else None
            return (m.text, m.responsible_body, m.responsible_person)[column - 1]
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            return m.text
        if role == Qt.ItemDataRole.BackgroundRole and self._missing(m, column):
            return QBrush(QColor("#fff3e0"))  # still to be filled in
        return None

    @staticmethod
    def _missing(m: DraftMeasure, column: int) -> bool:
        return {KIND: not m.kind_id, TEXT: not m.text.strip(),
                BODY: not m.responsible_body.strip(), DEADLINE: m.deadline is None
                }.get(column, False)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        m = self.rows[index.row()]
        column = index.column()
        if column == KIND:
            new = replace(m, kind_id=value or None)
        elif column == DEADLINE:
            if isinstance(value, QDate):
                value = value.toPython()
            new = replace(m, deadline=value if isinstance(value, dt.date) else None)
        else:
            name = ("text", "responsible_body", "responsible_person")[column - 1]
            new = replace(m, **{name: "" if value is None else str(value)})
        if new == m:
            return True
        self.rows[index.row()] = new
        self.dataChanged.emit(index, index)
        self.sig_edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(MEASURE_COLUMNS[section])
        return None
