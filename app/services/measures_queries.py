"""Read-only queries behind the measures control screen: the ids of a control list (for a
lazy table), the rows of one page of it, and the responsible bodies to filter by.

`control_ids` selects exactly what `measures.control_list` selects, in the same order,
but only the ids: the screen holds ids and loads rows a page at a time
(tests/services/test_measures_queries.py checks both lists agree on every view).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import N_
from app.models import Assessment, Child, Decision, Measure, MeasureReport, Meeting
from app.models.enums import Effectiveness, MeasureState
from app.services.context import check_date
from app.services.measures import VIEWS, ControlView

_OPEN = (MeasureState.ASSIGNED, MeasureState.IN_PROGRESS)
_CLOSED = (MeasureState.ACCEPTED, MeasureState.CANCELLED)
_IN_LIST = 500  # ids per IN (...) clause: well under SQLite's parameter limit


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """One line of the control list, with what the screen shows next to the measure."""

    id: str
    decision_id: str
    decision_label: str  # "12/3": meeting number / decision number
    child_id: str | None
    child_name: str | None
    kind_id: str
    text: str
    responsible_body: str
    responsible_person: str | None
    deadline: dt.date
    state: MeasureState  # as stored; OVERDUE is derived by effective_state
    pending_report_id: str | None  # the latest report the commission has not decided on
    last_result: Effectiveness | None  # the latest assessment of effectiveness
    next_review: dt.date | None  # ... and the review date it set

    def effective_state(self, today: dt.date) -> MeasureState:
        if self.state in _OPEN and self.deadline < today:
            return MeasureState.OVERDUE
        return self.state


def _of_commission(columns: Sequence[object], commission_id: str) -> Select:
    return (select(*columns)
            .join(Decision, Measure.decision_id == Decision.id)
            .join(Meeting, Decision.meeting_id == Meeting.id)
            .where(Meeting.commission_id == commission_id, Measure.deleted.is_(False),
                   Decision.deleted.is_(False)))


def control_ids(s: Session, commission_id: str, *, on: dt.date, view: ControlView,
                body: str | None = None) -> list[str]:
    """The ids of `measures.control_list(...)`, in its order (deadline, then id)."""
    if view not in VIEWS:
        raise ValidationError(N_("Unknown list of measures."), field="view")
    check_date(on, "on")
    q = _of_commission([Measure.id], commission_id)
    if body is not None and body.strip():
        q = q.where(Measure.responsible_body == body.strip())
    if view == "overdue":
        q = q.where(Measure.state.in_(_OPEN), Measure.deadline < on)
    elif view == "due_this_month":
        first = on.replace(day=1)
        after = (first + dt.timedelta(days=32)).replace(day=1)
        q = q.where(Measure.state.not_in(_CLOSED), Measure.deadline >= first,
                    Measure.deadline < after)
    elif view == "awaiting_assessment":
        assessed = exists().where(Assessment.measure_id == Measure.id,
                                  Assessment.deleted.is_(False))
        latest_review = (select(Assessment.next_review)
                         .where(Assessment.measure_id == Measure.id,
                                Assessment.deleted.is_(False))
                         .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
                         .limit(1).scalar_subquery())
        q = q.where(Measure.state.in_([MeasureState.REPORTED, MeasureState.ACCEPTED]),
                    or_(~assessed, latest_review <= on))
    return list(s.scalars(q.order_by(Measure.deadline, Measure.id)))


def measure_rows(s: Session, ids: Sequence[str]) -> list[MeasureRow]:
    """The rows for these measure ids, in the order given (ids not found are skipped)."""
    found: dict[str, MeasureRow] = {}
    for start in range(0, len(ids), _IN_LIST):
        chunk = list(ids[start:start + _IN_LIST])
        pending = _pending_reports(s, chunk)
        latest = _latest_assessments(s, chunk)
        rows = s.execute(
            select(Measure, Decision.number, Meeting.number, Child.surname, Child.first_name,
                   Child.patronymic)
            .join(Decision, Measure.decision_id == Decision.id)
            .join(Meeting, Decision.meeting_id == Meeting.id)
            .outerjoin(Child, Measure.child_id == Child.id)
            .where(Measure.id.in_(chunk), Measure.deleted.is_(False)))
        for m, decision_no, meeting_no, surname, first_name, patronymic in rows:
            name = (" ".join(p for p in (surname, first_name, patronymic) if p)
                    if m.child_id else None)
            result, review = latest.get(m.id, (None, None))
            found[m.id] = MeasureRow(
                m.id, m.decision_id, f"{meeting_no}/{decision_no}", m.child_id, name,
                m.kind_id, m.text, m.responsible_body, m.responsible_person, m.deadline,
                MeasureState(m.state), pending.get(m.id), result, review)
    return [found[i] for i in ids if i in found]


def _pending_reports(s: Session, ids: list[str]) -> dict[str, str]:
    rows = s.execute(select(MeasureReport.measure_id, MeasureReport.id).where(
        MeasureReport.measure_id.in_(ids), MeasureReport.accepted.is_(None),
        MeasureReport.deleted.is_(False))
        .order_by(MeasureReport.reported_on, MeasureReport.id))
    return {measure_id: report_id for measure_id, report_id in rows}  # the latest wins


def _latest_assessments(s: Session, ids: list[str]
                        ) -> dict[str, tuple[Effectiveness, dt.date | None]]:
    rows = s.execute(select(Assessment.measure_id, Assessment.result, Assessment.next_review)
                     .where(Assessment.measure_id.in_(ids), Assessment.deleted.is_(False))
                     .order_by(Assessment.assessed_on, Assessment.id))
    return {measure_id: (Effectiveness(result), review)  # the latest wins
            for measure_id, result, review in rows}


def responsible_bodies(s: Session, commission_id: str) -> list[str]:
    """Every responsible body named in the commission's measures, alphabetically."""
    q = _of_commission([Measure.responsible_body], commission_id).distinct()
    return sorted(s.scalars(q), key=str.casefold)
