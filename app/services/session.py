"""The live session: what the secretary types during the meeting, saved as it is typed.

The session screen saves every field a moment after it is entered (app/ui/session/
autosave.py), so that killing the application mid-meeting loses nothing typed more than
a second before. This module is the storage behind it:

- the HEARD / SPOKE / motions notes of an item (the item's own columns);
- the draft decision and measures typed before the vote (`agenda_item.draft`, JSON),
  turned into a real decision by `decisions.record_decision` and then cleared;
- the item on screen (`meeting.current_item_id`) and the seconds spent on each item
  (`agenda_item.time_spent_s`), so a restarted session resumes where it was;

plus the read-only queries the planning and session screens need (open cases to put on
the agenda, persons to invite, everything shown about the current item).

Auditing autosaves. Each save would otherwise be one audit entry per second of typing:
thousands per meeting, each hash-chained, and saying nothing the record does not. So a
save is audited once per *run*: an entry (ids and the field name only, as always) is
written unless the latest entry of the log is already the same action by the same user
on the same item and field. The log still shows who edited which text of which item and
in what order relative to every other action (a vote, a decision, another field in
between starts a new run), but not every keystroke; the text itself is in the record
and its versions in the change log. Time spent is bookkeeping, not an action: not
audited. Moving to another item is audited (ids only): it happens a few times a meeting.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.domain.voting import (
    MajorityRule,
    QuorumRule,
    VoteOutcome,
    compute_outcome,
    quorum_required,
)
from app.errors import StateError, ValidationError
from app.i18n import N_, current_language
from app.models import (
    AgendaItem,
    AuditEntry,
    Case,
    CatalogItem,
    Commission,
    CompositionAct,
    Decision,
    DissentingOpinion,
    Measure,
    Meeting,
)
from app.models.enums import CatalogKind, ItemStatus, VoteChoice
from app.services import attendance, audit, meetings, timeline, voting
from app.services.attendance import AttendanceInfo, ItemQuorum, item_of
from app.services.closing import ensure_item_open, ensure_open
from app.services.context import Actor, check_record_language, clean_text, get, require
from app.services.decisions import (
    DecisionInfo,
    MeasureInfo,
    MeasureInput,
    get_decision,
    measure_info,
    record_decision,
)
from app.services.measures import ReportInfo, reports_of
from app.services.meetings import InviteeInfo, ItemInfo, MeetingInfo

LONG_TEXT = 10_000
SHORT_TEXT = 300
MAX_DRAFT_MEASURES = 50
MAX_ITEM_SECONDS = 24 * 3600
NOTE_FIELDS = {"heard": LONG_TEXT, "spoke": LONG_TEXT, "motions": LONG_TEXT,
               "reporter": SHORT_TEXT}
BILINGUAL_NOTES = frozenset({"heard", "spoke", "motions"})


# -- drafts -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DraftMeasure:
    """A measure as typed so far: any part may still be missing."""

    kind_id: str | None = None
    text: str = ""
    responsible_body: str = ""
    responsible_person: str = ""
    deadline: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """The decision being drafted on an item, before the vote and its recording; typed
    in the meeting's working language."""

    template_id: str | None = None
    text: str = ""
    measures: tuple[DraftMeasure, ...] = ()

    @property
    def empty(self) -> bool:
        return self.template_id is None and not self.text and not self.measures

    def to_json(self) -> str:
        return json.dumps({
            "v": 1, "template_id": self.template_id, "text": self.text,
            "measures": [{"kind_id": m.kind_id, "text": m.text, "body": m.responsible_body,
                          "person": m.responsible_person,
                          "deadline": m.deadline.isoformat() if m.deadline else None}
                         for m in self.measures]}, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(raw: str | None) -> ItemDraft:
        if not raw:
            return ItemDraft()
        data = json.loads(raw)
        return ItemDraft(data.get("template_id"), data.get("text") or "", tuple(
            DraftMeasure(m.get("kind_id"), m.get("text") or "", m.get("body") or "",
                         m.get("person") or "",
                         dt.date.fromisoformat(m["deadline"]) if m.get("deadline") else None)
            for m in data.get("measures") or ()))


def _draft_text(value: object, field_name: str, max_len: int) -> str:
    """Draft text is kept verbatim (it is still being typed): only type, length and
    control characters are checked."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(N_("This field must be text."), field=field_name)
    if len(value) > max_len:
        raise ValidationError(N_("This text is too long: at most {max} characters."),
                              field=field_name, max=max_len)
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise ValidationError(N_("This text contains characters that cannot be stored."),
                              field=field_name)
    return value


def _catalog_id(s: Session, kind: CatalogKind, row_id: str | None, field_name: str
                ) -> str | None:
    if row_id is None:
        return None
    row = s.get(CatalogItem, row_id)
    if row is None or row.deleted or row.catalog != kind:
        raise ValidationError(N_("Choose a value from the list."), field=field_name)
    return row_id


def _clean_draft(s: Session, draft: ItemDraft) -> ItemDraft:
    if not isinstance(draft, ItemDraft):
        raise ValidationError(N_("The data entered is not valid."), field="draft")
    if len(draft.measures) > MAX_DRAFT_MEASURES:
        raise ValidationError(N_("A decision can assign at most {max} measures."),
                              field="measures", max=MAX_DRAFT_MEASURES)
    measures = []
    for m in draft.measures:
        if m.deadline is not None and (not isinstance(m.deadline, dt.date)
                                       or isinstance(m.deadline, dt.datetime)):
            raise ValidationError(N_("This is not a valid date."), field="deadline")
        measures.append(DraftMeasure(
            _catalog_id(s, CatalogKind.MEASURE_KIND, m.kind_id, "kind_id"),
            _draft_text(m.text, "text", LONG_TEXT),
            _draft_text(m.responsible_body, "responsible_body", SHORT_TEXT),
            _draft_text(m.responsible_person, "responsible_person", SHORT_TEXT),
            m.deadline))
    return ItemDraft(_catalog_id(s, CatalogKind.DECISION_TEMPLATE, draft.template_id,
                                 "template_id"),
                     _draft_text(draft.text, "text", LONG_TEXT), tuple(measures))


def draft_of(s: Session, item_id: str) -> ItemDraft:
    return ItemDraft.from_json(get(s, AgendaItem, item_id).draft)


# -- the session state ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SessionState:
    meeting_id: str
    current_item_id: str | None  # None only when the agenda is empty
    seconds: tuple[tuple[str, int], ...]  # (item id, seconds spent), in agenda order

    def spent(self, item_id: str) -> int:
        return dict(self.seconds).get(item_id, 0)


def _live_items(s: Session, meeting_id: str) -> list[AgendaItem]:
    return list(s.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position)))


def session_state(s: Session, meeting_id: str) -> SessionState:
    """Where the session is: the item on screen (else the first item still pending,
    else the first item) and the time spent on each item."""
    meeting = get(s, Meeting, meeting_id)
    items = _live_items(s, meeting.id)
    ids = {i.id for i in items}
    current = meeting.current_item_id if meeting.current_item_id in ids else None
    if current is None and items:
        pending = [i for i in items if i.status == ItemStatus.PENDING]
        current = (pending or items)[0].id
    return SessionState(meeting.id, current, tuple((i.id, i.time_spent_s) for i in items))


def _check_seconds(seconds: object) -> int:
    if not isinstance(seconds, int) or isinstance(seconds, bool) \
            or not 0 <= seconds <= MAX_ITEM_SECONDS:
        raise ValidationError(N_("The time spent must be from 0 to {max} seconds."),
                              field="seconds", max=MAX_ITEM_SECONDS)
    return seconds


def set_current_item(s: Session, actor: Actor, meeting_id: str, item_id: str,
                     *, spent: Mapping[str, int] | None = None) -> SessionState:
    """Put an item on screen; `spent` saves the seconds of the items left behind."""
    _set_current(s, actor, meeting_id, item_id, spent)
    return session_state(s, meeting_id)


def _set_current(s: Session, actor: Actor, meeting_id: str, item_id: str,
                 spent: Mapping[str, int] | None) -> None:
    require(actor, Permission.RECORD_MEETING)
    meeting = ensure_open(s, meeting_id)
    item = item_of(s, meeting.id, item_id)
    if item.deleted:
        raise ValidationError(N_("This item is not on this meeting's agenda."),
                              field="item_id")
    for other_id, seconds in (spent or {}).items():
        other = item_of(s, meeting.id, other_id)
        other.time_spent_s = _check_seconds(seconds)
    if meeting.current_item_id != item.id:
        meeting.current_item_id = item.id
        s.flush()
        audit.record(s, actor, "session.current_item", "meeting", meeting.id,
                     item_id=item.id)
    s.flush()


def save_time(s: Session, actor: Actor, item_id: str, seconds: int) -> int:
    """The total seconds spent on an item (absolute, so a repeated save is harmless)."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    item.time_spent_s = _check_seconds(seconds)
    s.flush()
    return item.time_spent_s


# -- autosave ---------------------------------------------------------------------------

def _audit_run(s: Session, actor: Actor, action: str, item_id: str, **details: object
               ) -> None:
    """One entry per run of saves (see the module docstring)."""
    body = json.dumps(details, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)  # exactly as audit.record writes it
    last = s.execute(select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.user_id,
                            AuditEntry.details).order_by(AuditEntry.seq.desc()).limit(1)
                     ).first()
    if last is not None and tuple(last) == (action, item_id, actor.user_id, body):
        return
    audit.record(s, actor, action, "agenda_item", item_id, **details)


def _language(s: Session, meeting_id: str, lang: str | None) -> str:
    """The language text is typed in: `lang`, else the meeting's working language."""
    if lang is None:
        return get(s, Meeting, meeting_id).working_language
    return check_record_language(lang)


def save_notes(s: Session, actor: Actor, item_id: str, notes: Mapping[str, str | None],
               lang: str | None = None) -> ItemInfo:
    """Autosave of an item's notes (heard, spoke, motions, reporter): the same
    validation as `meetings.record_item_notes`, audited once per run of saves. The texts
    are in `lang` (the meeting's working language by default); the other language of
    each stays as it is."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    lang = _language(s, item.meeting_id, lang)
    for name, value in notes.items():
        if name not in NOTE_FIELDS:
            raise ValidationError(N_("The data entered is not valid."), field=name)
        clean = clean_text(value, name, max_len=NOTE_FIELDS[name])
        if name in BILINGUAL_NOTES:
            column = f"{name}_{lang}"
            if getattr(item, column) != clean:
                setattr(item, column, clean)
                s.flush()
                _audit_run(s, actor, "session.notes", item.id, field=column)
        elif getattr(item, name) != clean:
            setattr(item, name, clean)
            s.flush()
            _audit_run(s, actor, "session.notes", item.id, field=name)
    return meetings.item_info(s, item)


def save_draft(s: Session, actor: Actor, item_id: str, draft: ItemDraft) -> ItemDraft:
    """Autosave of the draft decision and measures of an undecided item."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    if item.status != ItemStatus.PENDING:
        raise StateError(N_("Item {number} is already decided or postponed."),
                         number=item.position)
    clean = _clean_draft(s, draft)
    raw = None if clean.empty else clean.to_json()
    if item.draft != raw:
        item.draft = raw
        s.flush()
        _audit_run(s, actor, "session.draft", item.id)
    return clean


def clear_draft(s: Session, actor: Actor, item_id: str) -> None:
    """Forget the draft: the decision has been recorded (call it in the same op)."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    if item.draft is not None:
        item.draft = None
        s.flush()


@dataclass(frozen=True, slots=True)
class Autosave:
    """What one flush of the session screen saves for one item; None: unchanged.
    Notes are in `lang` (None: the meeting's working language)."""

    item_id: str
    notes: Mapping[str, str | None] = field(default_factory=dict)
    draft: ItemDraft | None = None
    seconds: int | None = None
    lang: str | None = None


def autosave(s: Session, actor: Actor, saves: Sequence[Autosave]) -> None:
    """Everything typed since the last flush, in one transaction."""
    for save in saves:
        if save.notes:
            save_notes(s, actor, save.item_id, save.notes, save.lang)
        if save.draft is not None:
            save_draft(s, actor, save.item_id, save.draft)
        if save.seconds is not None:
            save_time(s, actor, save.item_id, save.seconds)


def fill_template(raw: str, child: str | None, representative: str | None) -> str:
    """A decision template's text with the child's and the representative's names."""
    return raw.replace("{child}", child or "…").replace("{representative}",
                                                        representative or "…")


def template_texts(s: Session, actor: Actor, item_id: str, template: CatalogItem
                   ) -> Bilingual:
    """Both languages of a template, filled in for the item's child."""
    child_id = meetings.item_info(s, get(s, AgendaItem, item_id)).child_id
    child = rep = None
    if child_id is not None:
        from app.services import children  # the session screen's only use of children

        info = children.get_child(s, actor, child_id)
        child = info.full_name
        reps = children.representatives(s, child_id)
        rep = reps[0].full_name if reps else None
    return Bilingual(*(fill_template(raw, child, rep) if raw else None
                       for raw in (template.text_ru, template.text_kk)))


def record_draft(s: Session, actor: Actor, item_id: str, draft: ItemDraft,
                 lang: str | None = None) -> DecisionInfo:
    """Record the decision drafted on an item and forget the draft. The draft is typed
    in `lang` (the meeting's working language by default); a decision text left as its
    template gave it takes the template's other language too, so a standard decision
    prints in both languages without being typed twice."""
    require(actor, Permission.RECORD_MEETING)
    item = ensure_item_open(s, item_id)
    lang = _language(s, item.meeting_id, lang)
    draft = _clean_draft(s, draft)
    text = Bilingual.of(lang, draft.text)
    template = s.get(CatalogItem, draft.template_id) if draft.template_id else None
    if template is not None:
        both = template_texts(s, actor, item_id, template)
        if both.get(lang) is not None and both.get(lang) == draft.text.strip():
            text = both
    measures = [MeasureInput(m.kind_id or "", Bilingual.of(lang, m.text),
                             Bilingual.of(lang, m.responsible_body),
                             m.deadline, m.responsible_person or None)  # type: ignore[arg-type]
                for m in draft.measures]
    decision = record_decision(s, actor, item_id, text=text, template_id=draft.template_id,
                               measures=measures)
    clear_draft(s, actor, item_id)
    return decision


# -- what the session screen shows about the current item --------------------------------

@dataclass(frozen=True, slots=True)
class ItemContext:
    item: ItemInfo
    meeting: MeetingInfo
    count: int  # items on the agenda
    card: timeline.ChildCard | None  # a child's case, or a control item about a child
    case_label: str | None
    case_category: str | None
    case_description: Bilingual | None
    measure: MeasureInfo | None  # a control item
    measure_kind: str | None
    reports: tuple[ReportInfo, ...]
    invitees: tuple[InviteeInfo, ...]  # invited to this item, or to the whole meeting
    draft: ItemDraft
    decision: DecisionInfo | None  # once recorded


def item_context(s: Session, actor: Actor, item_id: str, *, lang: str | None = None,
                 count: int | None = None) -> ItemContext:
    """Everything the session screen shows about one item, read in one go (`count`: the
    number of items on the agenda, if the caller knows it)."""
    require(actor, Permission.VIEW)
    lang = lang or current_language()
    row = get(s, AgendaItem, item_id)
    item = meetings.item_info(s, row)
    meeting = meetings.get_meeting(s, row.meeting_id)
    if count is None:
        count = len(_live_items(s, row.meeting_id))
    card = (timeline.child_card(s, actor, item.child_id, lang=lang, on=meeting.date)
            if item.child_id else None)
    case_label = case_category = case_description = None
    if item.case_id:
        case = get(s, Case, item.case_id)
        case_label, case_description = f"{case.number}/{case.year}", case.description
        category = s.get(CatalogItem, case.category_id)
        case_category = category.name(lang) if category else None
    measure = kind = None
    reports: tuple[ReportInfo, ...] = ()
    if item.measure_id:
        m = get(s, Measure, item.measure_id)
        measure = measure_info(m)
        entry = s.get(CatalogItem, m.kind_id)
        kind = entry.name(lang) if entry else None
        reports = tuple(reports_of(s, m.id))
    invited = tuple(p for p in meetings.invitees(s, row.meeting_id)
                    if p.agenda_item_id in (None, row.id))
    decision_id = s.scalar(select(Decision.id).where(
        Decision.agenda_item_id == row.id, Decision.deleted.is_(False)).limit(1))
    return ItemContext(item, meeting, count, card, case_label, case_category,
                       case_description, measure, kind, reports, invited,
                       ItemDraft.from_json(row.draft),
                       get_decision(s, decision_id) if decision_id else None)


@dataclass(frozen=True, slots=True)
class Dissent:
    membership_id: str
    text: Bilingual


@dataclass(frozen=True, slots=True)
class ItemPeople:
    """Who is at an item and how they voted, with the live quorum and outcome."""

    item_id: str
    roll: tuple[AttendanceInfo, ...]  # every member in force, in the order of the act
    present: frozenset[str]  # at this item (late arrivals and early leaves honoured)
    recused: frozenset[str]
    ballots: tuple[tuple[str, VoteChoice], ...]
    quorum: ItemQuorum
    outcome: VoteOutcome
    presiding_id: str | None
    dissents: tuple[Dissent, ...]

    def ballot(self, membership_id: str) -> VoteChoice | None:
        return dict(self.ballots).get(membership_id)


def pin_composition(s: Session, meeting_id: str) -> CompositionAct | None:
    """Load the composition in force on the meeting date and hand it back, so that the
    caller keeps it (and its members) alive in the session for the rest of the unit of
    work. The quorum, attendance and vote services each ask "who is a member on that
    date" — once per ballot when the votes are replaced — and the session's identity map
    holds objects weakly: without a live reference every question loaded the act and its
    members again (17 members: 18 rows, about 1.5 ms, per question)."""
    meeting = get(s, Meeting, meeting_id)
    act = s.scalar(select(CompositionAct).where(
        CompositionAct.commission_id == meeting.commission_id,
        CompositionAct.effective_from <= meeting.date, CompositionAct.deleted.is_(False))
        .order_by(CompositionAct.effective_from.desc()).limit(1))
    if act is not None:
        list(act.memberships)  # loaded now, kept with the act
    return act


def people_after(s: Session, item_id: str, action: Callable[[], object]) -> ItemPeople:
    """Run an attendance or vote action on an item, then read who is at the item now:
    one unit of work, so the screen shows the result of exactly that action."""
    pinned = pin_composition(s, get(s, AgendaItem, item_id).meeting_id)
    action()
    people = item_people(s, item_id)
    del pinned
    return people


def item_people(s: Session, item_id: str) -> ItemPeople:
    """Who is at an item, how they voted, its quorum and its outcome.

    The quorum and the outcome are those of `attendance.item_quorum` and
    `voting.item_outcome` — the same rule (app.domain.voting) on the same facts, which
    tests/services/test_session.py checks — but the facts (the members in force, who is
    present and recused, the ballots) are read once here instead of once per question:
    the screen asks after every key press of a vote."""
    item = get(s, AgendaItem, item_id)
    meeting = get(s, Meeting, item.meeting_id)
    pinned = pin_composition(s, meeting.id)  # noqa: F841  (kept alive while reading)
    commission = get(s, Commission, meeting.commission_id)
    roll = tuple(attendance.roll_call(s, meeting.id))
    present = attendance.present_at_item(s, item.id)
    recused = attendance.recused_at_item(s, item.id)
    ballots = voting.ballots_of(s, item.id)
    rule = QuorumRule(commission.quorum_rule)
    outcome = compute_outcome(
        members_in_force=len(roll), present=present, recused=recused, ballots=ballots,
        presiding=meeting.presiding_id, quorum_rule=rule,
        majority_rule=MajorityRule(commission.majority_rule))
    recused_here = len(recused & present)
    required = quorum_required(len(roll), rule)
    quorum = ItemQuorum(len(roll), len(present), recused_here, required,
                        len(present) - recused_here >= required)
    dissents = tuple(Dissent(d.membership_id, d.text) for d in s.scalars(
        select(DissentingOpinion).where(DissentingOpinion.agenda_item_id == item.id,
                                        DissentingOpinion.deleted.is_(False))
        .order_by(DissentingOpinion.id)))
    return ItemPeople(item.id, roll, present, recused, tuple(sorted(ballots.items())),
                      quorum, outcome, meeting.presiding_id, dissents)


@dataclass(frozen=True, slots=True)
class SessionView:
    """Everything the session screen shows, read in one transaction."""

    state: SessionState
    agenda: tuple[ItemInfo, ...]
    context: ItemContext | None  # None: an empty agenda
    people: ItemPeople | None


def session_view(s: Session, actor: Actor, meeting_id: str, *, item_id: str | None = None,
                 lang: str | None = None, with_agenda: bool = True) -> SessionView:
    """The session at its current item, or at `item_id` (browsing a closed meeting).
    `with_agenda=False` leaves the agenda out (empty): moving between items does not
    change it, and the screen keeps the one it has."""
    pinned = pin_composition(s, meeting_id)  # noqa: F841  (kept alive while reading)
    state = session_state(s, meeting_id)
    if item_id is not None:
        item_of(s, meeting_id, item_id)
        state = replace(state, current_item_id=item_id)
    item_id = state.current_item_id
    return SessionView(state, tuple(meetings.agenda(s, meeting_id)) if with_agenda else (),
                       item_context(s, actor, item_id, lang=lang, count=len(state.seconds))
                       if item_id else None,
                       item_people(s, item_id) if item_id else None)


def go_to_item(s: Session, actor: Actor, meeting_id: str, item_id: str, *,
               spent: Mapping[str, int] | None = None, lang: str | None = None,
               with_agenda: bool = True) -> SessionView:
    """Move the session to an item (saving the time spent) and read what it shows."""
    _set_current(s, actor, meeting_id, item_id, spent)
    return session_view(s, actor, meeting_id, lang=lang, with_agenda=with_agenda)


# -- amendments of a closed meeting ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AmendTarget:
    """One text of a closed meeting that an amendment may correct."""

    table: str  # "agenda_item", "decision", "measure"
    target_id: str
    field: str  # the column: "heard_kk", "text_ru", "responsible_person"
    position: int  # the agenda item it belongs to
    about: str  # data only: the item's title, the decision's number, the measure's text


def amend_targets(s: Session, meeting_id: str) -> list[AmendTarget]:
    out: list[AmendTarget] = []
    decisions_by_item = {d.agenda_item_id: d for d in s.scalars(select(Decision).where(
        Decision.meeting_id == meeting_id, Decision.deleted.is_(False)))}
    meeting = get(s, Meeting, meeting_id)
    for item in _live_items(s, meeting_id):
        title = meetings.first_line(item.title.shown(meeting.working_language), 80)
        for name in _columns("title", "heard", "spoke", "motions"):
            out.append(AmendTarget("agenda_item", item.id, name, item.position, title))
        decision = decisions_by_item.get(item.id)
        if decision is None:
            continue
        label = f"{meeting.number}/{decision.number}"
        for name in _columns("text", "circumstances", "rights_violations", "causes"):
            out.append(AmendTarget("decision", decision.id, name, item.position, label))
        for m in s.scalars(select(Measure).where(Measure.decision_id == decision.id,
                                                 Measure.deleted.is_(False))
                           .order_by(Measure.id)):
            about = meetings.first_line(m.text.shown(meeting.working_language), 80)
            for name in (*_columns("text", "responsible_body"), "responsible_person"):
                out.append(AmendTarget("measure", m.id, name, item.position, about))
    return out


def _columns(*names: str) -> list[str]:
    """Each language of a bilingual text is amended on its own."""
    return [f"{name}_{lang}" for name in names for lang in ("kk", "ru")]
