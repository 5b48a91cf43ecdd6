"""Following measures up after the meeting: execution reports, their acceptance, the
commission's assessment of effectiveness, cancellation, and the control lists.

These records stay writable after the meeting that assigned the measure is closed:
checking "how the measures really work" happens at later meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.errors import StateError, ValidationError
from app.i18n import N_
from app.models import AgendaItem, Assessment, Decision, Measure, MeasureReport, Meeting
from app.models.enums import Effectiveness, MeasureState
from app.services import audit
from app.services.context import (
    Actor,
    check_date,
    clean_bilingual,
    clean_text,
    get,
    require,
    required_text,
    today,
)
from app.services.decisions import OPEN_STATES, MeasureInfo, measure_info

LONG_TEXT = 10_000
ControlView = Literal["overdue", "due_this_month", "awaiting_assessment", "all"]
VIEWS: tuple[str, ...] = ("overdue", "due_this_month", "awaiting_assessment", "all")
_CLOSED = (MeasureState.ACCEPTED, MeasureState.CANCELLED)


@dataclass(frozen=True, slots=True)
class ReportInfo:
    id: str
    measure_id: str
    reported_on: dt.date
    text: Bilingual
    reported_by: str | None
    accepted: bool | None  # None: the commission has not decided yet
    decided_on: dt.date | None


@dataclass(frozen=True, slots=True)
class AssessmentInfo:
    id: str
    measure_id: str
    agenda_item_id: str | None
    assessed_on: dt.date
    result: Effectiveness
    next_review: dt.date | None
    comment: Bilingual


def _report_info(r: MeasureReport) -> ReportInfo:
    return ReportInfo(r.id, r.measure_id, r.reported_on, r.text, r.reported_by, r.accepted,
                      r.decided_on)


def _assessment_info(a: Assessment) -> AssessmentInfo:
    return AssessmentInfo(a.id, a.measure_id, a.agenda_item_id, a.assessed_on,
                          Effectiveness(a.result), a.next_review, a.comment)


def _assigned_on(s: Session, m: Measure) -> dt.date:
    """The date of the meeting that assigned the measure: nothing about it comes earlier."""
    return get(s, Meeting, get(s, Decision, m.decision_id).meeting_id).date


def _refuse_closed(m: Measure) -> None:
    if m.state == MeasureState.CANCELLED:
        raise StateError(N_("This measure was cancelled."))
    if m.state == MeasureState.ACCEPTED:
        raise StateError(N_("This measure's execution has already been accepted."))


def get_measure(s: Session, measure_id: str) -> MeasureInfo:
    return measure_info(get(s, Measure, measure_id))


def report_measure(s: Session, actor: Actor, measure_id: str, *, reported_on: dt.date,
                   text: Bilingual, reported_by: str | None = None) -> ReportInfo:
    """A body reports on the execution of a measure; the commission decides on it later."""
    require(actor, Permission.REPORT_MEASURE)
    m = get(s, Measure, measure_id)
    _refuse_closed(m)
    check_date(reported_on, "reported_on", not_after=today(), not_before=_assigned_on(s, m))
    report = MeasureReport(measure_id=m.id, reported_on=reported_on,
                           text=clean_bilingual(text, "text", max_len=LONG_TEXT,
                                                required=True),
                           reported_by=clean_text(reported_by, "reported_by", max_len=300))
    s.add(report)
    m.state = MeasureState.REPORTED
    s.flush()
    audit.record(s, actor, "measure.report", "measure_report", report.id, measure_id=m.id)
    return _report_info(report)


def decide_report(s: Session, actor: Actor, report_id: str, *, accepted: bool, on: dt.date
                  ) -> ReportInfo:
    """Accept a report (the measure is done) or not (the measure is back in progress)."""
    require(actor, Permission.ASSESS_MEASURE)
    report = get(s, MeasureReport, report_id)
    m = get(s, Measure, report.measure_id)
    if report.accepted is not None:
        raise StateError(N_("The commission has already decided on this report."))
    _refuse_closed(m)
    if not isinstance(accepted, bool):
        raise ValidationError(N_("Answer yes or no."), field="accepted")
    check_date(on, "on", not_after=today(), not_before=report.reported_on)
    report.accepted = accepted
    report.decided_on = on
    m.state = MeasureState.ACCEPTED if accepted else MeasureState.IN_PROGRESS
    s.flush()
    audit.record(s, actor, "measure.decide_report", "measure_report", report.id,
                 measure_id=m.id, accepted=accepted)
    return _report_info(report)


def assess_measure(s: Session, actor: Actor, measure_id: str, *, result: Effectiveness,
                   on: dt.date, next_review: dt.date | None = None,
                   comment: Bilingual | None = None, item_id: str | None = None) -> AssessmentInfo:
    """The commission's assessment of how well a measure works, at control; `item_id`
    names the control item at which it was assessed."""
    require(actor, Permission.ASSESS_MEASURE)
    m = get(s, Measure, measure_id)
    if m.state == MeasureState.CANCELLED:
        raise StateError(N_("This measure was cancelled."))
    try:
        result = Effectiveness(result)
    except ValueError:
        raise ValidationError(N_("Choose the assessment from the list."),
                              field="result") from None
    check_date(on, "on", not_after=today(), not_before=_assigned_on(s, m))
    if next_review is not None:
        check_date(next_review, "next_review", not_before=on + dt.timedelta(days=1))
    if item_id is not None and get(s, AgendaItem, item_id).measure_id != m.id:
        raise ValidationError(N_("This agenda item does not control this measure."),
                              field="item_id")
    # Tombstones included: the unique (measure, date, item) constraint counts them.
    if s.scalar(select(Assessment.id).where(
            Assessment.measure_id == m.id, Assessment.assessed_on == on,
            Assessment.agenda_item_id.is_(None) if item_id is None
            else Assessment.agenda_item_id == item_id)):
        raise ValidationError(N_("This measure has already been assessed on this date."),
                              field="on")
    row = Assessment(measure_id=m.id, agenda_item_id=item_id, assessed_on=on, result=result,
                     next_review=next_review,
                     comment=clean_bilingual(comment, "comment", max_len=LONG_TEXT))
    s.add(row)
    s.flush()
    audit.record(s, actor, "measure.assess", "assessment", row.id, measure_id=m.id,
                 result=result.value)
    return _assessment_info(row)


def cancel_measure(s: Session, actor: Actor, measure_id: str, *, reason: str) -> MeasureInfo:
    """Cancel a measure that is no longer needed; the reason is kept with it."""
    require(actor, Permission.ASSESS_MEASURE)
    m = get(s, Measure, measure_id)
    _refuse_closed(m)
    m.cancel_reason = required_text(reason, "reason", max_len=LONG_TEXT)
    m.cancelled_on = today()
    m.state = MeasureState.CANCELLED
    s.flush()
    audit.record(s, actor, "measure.cancel", "measure", m.id)
    return measure_info(m)


def of_commission(commission_id: str, columns: Sequence[object] = (Measure,)) -> Select:
    """Live measures of the commission's decisions: the base of every measures list."""
    return (select(*columns)
            .join(Decision, Measure.decision_id == Decision.id)
            .join(Meeting, Decision.meeting_id == Meeting.id)
            .where(Meeting.commission_id == commission_id, Measure.deleted.is_(False),
                   Decision.deleted.is_(False)))


def control_query(commission_id: str, *, on: dt.date, view: ControlView,
                  body: str | None = None, columns: Sequence[object] = (Measure,)) -> Select:
    """The secretary's control lists, as of `on`, ordered by deadline:

    overdue — open (assigned or in progress) with the deadline passed;
    due_this_month — not accepted or cancelled, deadline in the month of `on`;
    awaiting_assessment — reported or accepted, and never assessed or due for review;
    all — every measure. `body` narrows any list to one responsible body.
    One query for the lists, their counts and the dashboard, so they always agree.
    """
    if view not in VIEWS:
        raise ValidationError(N_("Unknown list of measures."), field="view")
    check_date(on, "on")
    q = of_commission(commission_id, columns)
    if body is not None and body.strip():
        q = q.where(or_(Measure.responsible_body_ru == body.strip(),
                        Measure.responsible_body_kk == body.strip()))
    if view == "overdue":
        q = q.where(Measure.state.in_(OPEN_STATES), Measure.deadline < on)
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
    return q


def control_list(s: Session, commission_id: str, *, on: dt.date, view: ControlView,
                 body: str | None = None) -> list[MeasureInfo]:
    """The control list (see `control_query`) as measures."""
    q = control_query(commission_id, on=on, view=view, body=body)
    return [measure_info(m) for m in s.scalars(q.order_by(Measure.deadline, Measure.id))]


def measures_of_child(s: Session, child_id: str) -> list[MeasureInfo]:
    rows = s.scalars(select(Measure).where(Measure.child_id == child_id,
                                           Measure.deleted.is_(False))
                     .order_by(Measure.deadline, Measure.id))
    return [measure_info(m) for m in rows]


def reports_of(s: Session, measure_id: str) -> list[ReportInfo]:
    rows = s.scalars(select(MeasureReport).where(
        MeasureReport.measure_id == measure_id, MeasureReport.deleted.is_(False))
        .order_by(MeasureReport.reported_on, MeasureReport.id))
    return [_report_info(r) for r in rows]


def assessments_of(s: Session, measure_id: str) -> list[AssessmentInfo]:
    rows = s.scalars(select(Assessment).where(
        Assessment.measure_id == measure_id, Assessment.deleted.is_(False))
        .order_by(Assessment.assessed_on, Assessment.id))
    return [_assessment_info(a) for a in rows]
