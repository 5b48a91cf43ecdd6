"""Read-only queries behind the measures control screen: the ids of a control list (for a
lazy table), the rows of one page of it, and the responsible bodies to filter by.

`control_ids` runs `measures.control_query` for the ids only: the screen holds ids and
loads rows a page at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.chunks import IN_LIST, chunks
from app.models import Assessment, Child, Decision, Measure, MeasureReport, Meeting
from app.models.base import shown_in
from app.models.enums import Effectiveness, MeasureState
from app.services.decisions import effective_state
from app.services.measures import ControlView, control_query, of_commission

_IN_LIST = IN_LIST  # ids per IN (...) clause (a test makes it small)


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """One line of the control list, with what the screen shows next to the measure."""

    id: str
    decision_id: str
    decision_label: str  # "12/3": meeting number / decision number
    child_id: str | None
    child_name: str | None
    kind_id: str
    text: Bilingual
    responsible_body: Bilingual
    responsible_person: str | None
    deadline: dt.date
    state: MeasureState  # as stored; OVERDUE is derived by effective_state
    pending_report_id: str | None  # the latest report the commission has not decided on
    last_result: Effectiveness | None  # the latest assessment of effectiveness
    next_review: dt.date | None  # ... and the review date it set

    def effective_state(self, today: dt.date) -> MeasureState:
        return effective_state(self.state, self.deadline, today)


def control_ids(s: Session, commission_id: str, *, on: dt.date, view: ControlView,
                body: str | None = None) -> list[str]:
    """The ids of `measures.control_list(...)`, in its order (deadline, then id)."""
    q = control_query(commission_id, on=on, view=view, body=body, columns=(Measure.id,))
    return list(s.scalars(q.order_by(Measure.deadline, Measure.id)))


def measure_rows(s: Session, ids: Sequence[str]) -> list[MeasureRow]:
    """The rows for these measure ids, in the order given (ids not found are skipped)."""
    found: dict[str, MeasureRow] = {}
    for chunk in chunks(ids, _IN_LIST):
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


def responsible_bodies(s: Session, commission_id: str, lang: str = "ru") -> list[str]:
    """Every responsible body named in the commission's measures, alphabetically; in
    `lang` where the measure has it, else in the other language."""
    q = of_commission(commission_id, (shown_in(Measure, "responsible_body", lang),)).distinct()
    return sorted((b for b in s.scalars(q) if b), key=str.casefold)
