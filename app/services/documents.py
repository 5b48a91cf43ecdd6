"""What goes into each document, read from the database (Session in, plain data out).

The builders in app.reports lay the data out; this module decides what the documents
say: names, numbers, catalog names in the document's language, and which people the
redacted protocol must hide. Reading a document is logged (personal data, Law 94-V);
the entry holds ids only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.bilingual import Bilingual
from app.domain.roles import Permission
from app.errors import NotFound, StateError, ValidationError
from app.i18n import N_, tr
from app.models import (
    AgendaItem,
    Case,
    CatalogItem,
    Child,
    ChildCategory,
    Decision,
    DissentingOpinion,
    Meeting,
    RegisterEntry,
    User,
)
from app.models.enums import InviteeRole, ItemKind, ItemStatus, MeasureState, MemberRole
from app.reports import data as D
from app.reports import labels as L
from app.reports.redact import initials, redact
from app.services import (
    attendance,
    audit,
    cases,
    children,
    closing,
    commissions,
    decisions,
    measures,
    meetings,
)
from app.services.context import Actor, get, require, today
from app.services.decisions import DecisionInfo, MeasureInfo
from app.services.meetings import ItemInfo, MeetingInfo
from app.services.voting import item_outcome

# A text missing in the document's language is printed in the other one, marked.
_MARKED = {"ru": N_("[in Russian] {text}"), "kk": N_("[in Kazakh] {text}")}
_FIELDS = {"title": N_("title"), "heard": N_("HEARD"), "spoke": N_("SPOKE"),
           "motions": N_("motions"), "text": N_("text"), "circumstances": N_("circumstances"),
           "rights_violations": N_("violations of rights"), "causes": N_("causes"),
           "responsible_body": N_("responsible body"),
           "responsible_person": N_("responsible person")}


def text_in(value: Bilingual | None, lang: str) -> str | None:
    """A bilingual text for a document in `lang`: its `lang` text; if that is missing,
    the other language's, marked as such (the user chose to print it so); else None."""
    if value is None:
        return None
    text = value.get(lang)
    if text is not None:
        return text
    other = "ru" if lang == "kk" else "kk"
    if value.get(other) is None:
        return None
    return tr(lang, _MARKED[other]).format(text=value.get(other))


def commission_for(s: Session, actor: Actor) -> str:
    """The commission a user works for; with no commission on the account, the only one
    in the database (a district office keeps one)."""
    user = s.get(User, actor.user_id) if actor.user_id else None
    if user is not None and user.commission_id:
        return user.commission_id
    found = commissions.list_commissions(s)
    if len(found) != 1:
        raise ValidationError(N_("This account is not attached to a commission."))
    return found[0].id


def _header(s: Session, commission_id: str) -> D.CommissionHeader:
    c = commissions.get_commission(s, commission_id)
    return D.CommissionHeader(c.name_ru, c.name_kk)


def _catalog(s: Session, row_id: str | None, lang: str) -> str:
    row = s.get(CatalogItem, row_id) if row_id else None
    return row.name(lang) if row else ""


def _parts(child: Child) -> tuple[str, ...]:
    return tuple(p for p in (child.surname, child.first_name, child.patronymic) if p)


def _name(child: Child) -> str:
    return " ".join(_parts(child))


def _born(child: Child, lang: str) -> str:
    return f"{_name(child)}, " + tr(lang, "date of birth {date}").format(
        date=L.date(child.birth_date))


def _measure(s: Session, m: MeasureInfo, lang: str, *, label: str | None = None,
             child: str | None = None) -> D.MeasureDoc:
    # Texts as amended after closing: the bodies act on the corrected wording.
    text = text_in(closing.current_bilingual(s, "measure", m.id, "text"), lang) or ""
    body = text_in(closing.current_bilingual(s, "measure", m.id, "responsible_body"),
                   lang) or ""
    person = closing.current_text(s, "measure", m.id, "responsible_person")
    return D.MeasureDoc(_catalog(s, m.kind_id, lang), text, body, person, m.deadline,
                      child=child, decision=label, state=m.effective_state(today()).value)


class _Meeting:
    """One meeting's records, read once and shared by the builders of its documents."""

    def __init__(self, s: Session, meeting_id: str, lang: str) -> None:
        self.s = s
        self.lang = lang
        self.info: MeetingInfo = meetings.get_meeting(s, meeting_id)
        self.row = get(s, Meeting, meeting_id)
        self.members = {m.id: m for m in attendance.members_at(s, self.row)}
        self.items: list[ItemInfo] = meetings.agenda(s, meeting_id)
        self.position = {i.id: i.position for i in self.items}
        self.decisions: dict[str, DecisionInfo] = {
            d.agenda_item_id: d for d in decisions.decisions_of_meeting(s, meeting_id)}

    def person(self, membership_id: str | None) -> D.PersonDoc:
        m = self.members.get(membership_id or "")
        return D.PersonDoc(m.full_name, self.t(m.position) or "") if m else D.PersonDoc("—")

    def t(self, value: Bilingual | None) -> str | None:
        return text_in(value, self.lang)

    def chair(self) -> D.PersonDoc:
        return self.person(self.info.presiding_id)

    def secretary(self) -> D.PersonDoc:
        return self.person(self.info.secretary_id)

    def child(self, item: ItemInfo) -> Child | None:
        return get(self.s, Child, item.child_id) if item.child_id else None

    def case_code(self, item: ItemInfo) -> str | None:
        return cases.get_case(self.s, item.case_id).label if item.case_id else None

    def item(self, position: int) -> ItemInfo:
        for i in self.items:
            if i.position == position:
                return i
        raise NotFound(N_("There is no item {number} on the agenda of this meeting."),
                       number=position)


# -- the protocol -----------------------------------------------------------------------

def protocol_data(s: Session, actor: Actor, meeting_id: str, lang: str,
                  redacted: bool = False) -> D.MeetingDoc:
    require(actor, Permission.VIEW)
    mt = _Meeting(s, meeting_id, lang)
    roll = attendance.roll_call(s, meeting_id)
    present, absent = [], []
    for a in roll:
        position = mt.t(mt.members[a.membership_id].position) or ""
        if a.present:
            present.append(D.PersonDoc(a.full_name, position,
                                       mt.position.get(a.arrived_item_id),
                                       mt.position.get(a.left_item_id)))
        else:
            absent.append(D.AbsentDoc(a.full_name, position,
                                      a.absence_reason.value if a.absence_reason else None,
                                      mt.t(a.reason_note)))
    invited = meetings.invitees(s, meeting_id)
    quorum = commissions.quorum_on(s, mt.info.commission_id, mt.info.date)
    doc = D.MeetingDoc(
        commission=_header(s, mt.info.commission_id), number=mt.info.label,
        date=mt.info.date, place=mt.t(mt.info.place) or "", kind=mt.info.kind.value,
        starts_at=mt.info.starts_at, ends_at=mt.info.ends_at, presiding=mt.chair(),
        secretary=mt.secretary(), present=tuple(present), absent=tuple(absent),
        invited=tuple(D.InviteeDoc(p.full_name, p.role.value, mt.t(p.organisation),
                                   mt.position.get(p.agenda_item_id or ""), p.present)
                      for p in invited),
        members_in_force=quorum.members_in_force, quorum_required=quorum.required,
        items=tuple(_item_doc(mt, i, lang) for i in mt.items),
        amendments=_amendments(mt, lang), private=_private(mt, invited))
    audit.record(s, actor, "document.protocol", "meeting", meeting_id, lang=lang,
                 redacted=bool(redacted))
    return redact(doc) if redacted else doc


def _item_doc(mt: _Meeting, item: ItemInfo, lang: str) -> D.ItemDoc:
    s = mt.s
    child = mt.child(item)
    d = mt.decisions.get(item.id)
    values: dict = {}
    if d is not None:
        outcome_quorum = attendance.item_quorum(s, item.id).has_quorum
        recused = attendance.recused_at_item(s, item.id)
        dissents = s.scalars(select(DissentingOpinion).where(
            DissentingOpinion.agenda_item_id == item.id, DissentingOpinion.deleted.is_(False))
            .order_by(DissentingOpinion.id))
        values = dict(
            decision_number=d.label, decision=mt.t(d.text), adopted=d.adopted,
            has_quorum=outcome_quorum,
            measures=tuple(_measure(s, m, lang, label=d.label) for m in d.measures),
            votes_for=d.votes_for, votes_against=d.votes_against, abstained=d.abstained,
            tie_broken=outcome_quorum and _tie_broken(s, item.id),
            recused=tuple(mt.person(r).name for r in sorted(recused, key=_order(mt))),
            dissents=tuple(D.DissentDoc(mt.person(o.membership_id).name, mt.t(o.text) or "")
                           for o in dissents))
    if item.measure_id:
        m = measures.get_measure(s, item.measure_id)
        label = decisions.get_decision(s, m.decision_id).label
        values["controlled"] = _measure(s, m, lang, label=label)
        values["reports"] = tuple(
            D.ReportDoc(r.reported_on, mt.t(r.text) or "", r.reported_by, r.accepted)
            for r in measures.reports_of(s, m.id) if r.reported_on <= mt.info.date)
        values["assessments"] = tuple(
            D.AssessmentDoc(a.assessed_on, a.result.value, a.next_review, mt.t(a.comment))
            for a in measures.assessments_of(s, m.id) if a.agenda_item_id == item.id)
    postponed_to = (meetings.get_meeting(s, item.postponed_to_id).label
                    if item.postponed_to_id else None)
    return D.ItemDoc(
        position=item.position, kind=item.kind.value, title=mt.t(item.title) or "",
        case_code=mt.case_code(item), child=_born(child, lang) if child else None,
        child_initials=initials(_parts(child)) if child else None, reporter=item.reporter,
        heard=mt.t(item.heard), spoke=mt.t(item.spoke), rights_explained=item.rights_explained,
        motions=mt.t(item.motions), postponed=item.status == ItemStatus.POSTPONED,
        postponed_to=postponed_to, **values)


def _order(mt: _Meeting):
    order = {m: n for n, m in enumerate(mt.members)}
    return lambda membership_id: order.get(membership_id, len(order))


def _tie_broken(s: Session, item_id: str) -> bool:
    return item_outcome(s, item_id).tie_broken_by_presiding


def _amendments(mt: _Meeting, lang: str) -> tuple[D.AmendmentDoc, ...]:
    out = []
    decision_labels = {d.id: d.label for d in mt.decisions.values()}
    for a in closing.amendments(mt.s, mt.info.id):
        base, _, suffix = a.field.rpartition("_")
        if suffix in ("ru", "kk"):
            if suffix != lang:
                continue  # it corrects the other language's text: its document lists it
            field = tr(lang, _FIELDS.get(base, base))
        else:
            field = tr(lang, _FIELDS.get(a.field, a.field))
        if a.target_table == "agenda_item":
            where = tr(lang, "item {n}").format(n=mt.position.get(a.target_id, "?"))
        elif a.target_table == "decision":
            where = tr(lang, "decision No. {number}").format(
                number=decision_labels.get(a.target_id, "?"))
        else:
            m = measures.get_measure(mt.s, a.target_id)
            where = tr(lang, "measure of decision No. {number}").format(
                number=decision_labels.get(m.decision_id, "?"))
        out.append(D.AmendmentDoc(a.number, f"{where}, {field}", a.new_text,
                                  mt.t(a.reason) or "", a.amended_on))
    return tuple(out)


def _private(mt: _Meeting, invited: list) -> tuple[D.PrivateName, ...]:
    """Children on the agenda, their representatives and the invited minors and
    representatives: the people the redacted protocol shows only as initials."""
    names: list[D.PrivateName] = []
    for item in mt.items:
        child = mt.child(item)
        if child is None:
            continue
        names.append(D.PrivateName(_parts(child), child.iin))
        names += [D.PrivateName(tuple(r.full_name.split()))
                  for r in children.representatives(mt.s, child.id)]
    names += [D.PrivateName(tuple(p.full_name.split())) for p in invited
              if p.role in (InviteeRole.CHILD, InviteeRole.LEGAL_REPRESENTATIVE)]
    return tuple(names)


# -- the resolution ---------------------------------------------------------------------

def resolution_data(s: Session, actor: Actor, meeting_id: str, item_position: int,
                    lang: str) -> D.ResolutionDoc:
    require(actor, Permission.VIEW)
    mt = _Meeting(s, meeting_id, lang)
    item = mt.item(item_position)
    d = mt.decisions.get(item.id)
    if d is None:
        raise StateError(N_("Item {number} has no decision yet."), number=item_position)
    if d.child_id is None:
        raise ValidationError(N_("Item {number} is not about a child: a resolution is made "
                                 "for a decision on a child."), number=item_position)
    child = get(s, Child, d.child_id)
    roll = {a.membership_id: a for a in attendance.roll_call(s, meeting_id)}
    here = attendance.present_at_item(s, item.id)
    present = [mt.person(m) for m in mt.members if m in here]
    absent = []
    for m in mt.members:
        if m in here:
            continue
        a = roll[m]
        reason = "not_at_item" if a.present else (
            a.absence_reason.value if a.absence_reason else None)
        absent.append(D.AbsentDoc(a.full_name, mt.t(mt.members[m].position) or "", reason,
                                  mt.t(a.reason_note)))
    others = tuple(D.InviteeDoc(p.full_name, p.role.value, mt.t(p.organisation)) for p in
                   meetings.invitees(s, meeting_id)
                   if p.present and p.agenda_item_id in (None, item.id))
    reps = children.representatives(s, child.id)
    found = [_measure(s, m, lang, label=d.label) for m in d.measures]
    copies = [f"{r.full_name} ({L.label(lang, L.RELATION, r.relation)})" for r in reps]
    copies += list(dict.fromkeys(m.body for m in found))
    school = ", ".join(p for p in (mt.t(child.school), child.grade) if p) or None

    def text(field: str) -> str | None:
        return mt.t(closing.current_bilingual(s, "decision", d.id, field))

    doc = D.ResolutionDoc(
        commission=_header(s, mt.info.commission_id), number=d.label,
        meeting_number=mt.info.label, date=mt.info.date, starts_at=mt.info.starts_at,
        place=mt.t(mt.info.place) or "", presiding=mt.chair(), secretary=mt.secretary(),
        present=tuple(present), absent=tuple(absent), others_present=others,
        question=mt.t(closing.current_bilingual(s, "agenda_item", item.id, "title")) or "",
        case_code=mt.case_code(item),
        child=D.ChildDoc(_name(child), child.birth_date, child.iin, mt.t(child.address), school,
                         child.sex.value if child.sex else None),
        circumstances=text("circumstances"), rights_violations=text("rights_violations"),
        causes=text("causes"),
        heard=mt.t(closing.current_bilingual(s, "agenda_item", item.id, "heard")),
        decision=text("text") or "", adopted=d.adopted, votes_for=d.votes_for,
        votes_against=d.votes_against, abstained=d.abstained, measures=tuple(found),
        copies_to=tuple(copies))
    audit.record(s, actor, "document.resolution", "decision", d.id, lang=lang)
    return doc


# -- the agenda, invitations and letters ------------------------------------------------

def agenda_data(s: Session, actor: Actor, meeting_id: str, lang: str) -> D.AgendaDoc:
    require(actor, Permission.VIEW)
    mt = _Meeting(s, meeting_id, lang)
    lines = []
    for item in mt.items:
        child = mt.child(item)
        lines.append(D.AgendaLine(item.position, item.kind.value, mt.t(item.title) or "",
                                  mt.case_code(item),
                                  initials(_parts(child)) if child else None, item.reporter))
    audit.record(s, actor, "document.agenda", "meeting", meeting_id, lang=lang)
    return D.AgendaDoc(_header(s, mt.info.commission_id), mt.info.label, mt.info.date,
                       mt.info.starts_at, mt.t(mt.info.place) or "", mt.info.kind.value,
                       tuple(lines),
                       mt.chair(), mt.secretary())


def invitations_data(s: Session, actor: Actor, meeting_id: str, lang: str) -> D.InvitationsDoc:
    """One invitation per legal representative of each child whose case is on the agenda
    (and per representative invited by name who is not on the child's card)."""
    require(actor, Permission.VIEW)
    mt = _Meeting(s, meeting_id, lang)
    invited = meetings.invitees(s, meeting_id)
    out: list[D.InvitationDoc] = []
    for item in mt.items:
        child = mt.child(item)
        if item.kind != ItemKind.CHILD_CASE or child is None \
                or item.status == ItemStatus.POSTPONED:
            continue
        code, seen = mt.case_code(item), set()
        for r in children.representatives(s, child.id):
            seen.add(r.full_name.casefold())
            out.append(D.InvitationDoc(r.full_name, r.relation, mt.t(r.address), _name(child),
                                       code, item.position))
        for p in invited:
            if (p.agenda_item_id == item.id and p.role == InviteeRole.LEGAL_REPRESENTATIVE
                    and p.full_name.casefold() not in seen):
                seen.add(p.full_name.casefold())
                out.append(D.InvitationDoc(p.full_name, "other", None, _name(child), code,
                                           item.position))
    audit.record(s, actor, "document.invitations", "meeting", meeting_id, count=len(out))
    return D.InvitationsDoc(_header(s, mt.info.commission_id), mt.info.label, mt.info.date,
                            mt.info.starts_at, mt.t(mt.info.place) or "", mt.secretary(),
                            tuple(out))


def letters_data(s: Session, actor: Actor, meeting_id: str, lang: str) -> D.LettersDoc:
    """The measures of the meeting's adopted decisions, grouped by responsible body in
    the order the bodies first appear."""
    require(actor, Permission.VIEW)
    mt = _Meeting(s, meeting_id, lang)
    by_body: dict[str, list[D.MeasureDoc]] = {}
    for item in mt.items:
        d = mt.decisions.get(item.id)
        if d is None or not d.adopted:
            continue
        child = get(s, Child, d.child_id) if d.child_id else None
        for m in d.measures:
            if m.state == MeasureState.CANCELLED:
                continue
            doc = _measure(s, m, lang, label=d.label, child=_name(child) if child else None)
            by_body.setdefault(doc.body, []).append(doc)
    audit.record(s, actor, "document.letters", "meeting", meeting_id, bodies=len(by_body))
    letters = tuple(D.LetterDoc(b, tuple(ms)) for b, ms in by_body.items())
    return D.LettersDoc(_header(s, mt.info.commission_id), mt.info.label, mt.info.date,
                        mt.chair(), letters, issued=today())


# -- the child's history ----------------------------------------------------------------

def extract_data(s: Session, actor: Actor, child_id: str, lang: str) -> D.ChildExtractDoc:
    require(actor, Permission.VIEW)
    child = get(s, Child, child_id)
    info = children.get_child(s, actor, child_id)
    case_docs = []
    for c in cases.cases_of_child(s, child_id):
        closed = get(s, Case, c.id).closed_on
        case_docs.append(D.CaseDoc(c.label, c.received_on, _catalog(s, c.source_id, lang),
                                   _catalog(s, c.category_id, lang),
                                   _catalog(s, c.article_id, lang) or None,
                                   text_in(c.description, lang) or "",
                                   c.status.value, closed))
    rows = s.execute(select(Decision, Meeting).join(Meeting, Decision.meeting_id == Meeting.id)
                     .where(Decision.child_id == child_id, Decision.deleted.is_(False))
                     .order_by(Meeting.date, Decision.number)).all()
    labels: dict[str, str] = {}
    decision_docs = []
    for d, m in rows:
        labels[d.id] = f"{m.number}/{d.number}"
        case_id = get(s, AgendaItem, d.agenda_item_id).case_id
        decision_docs.append(D.DecisionDoc(
            labels[d.id], m.date,
            text_in(closing.current_bilingual(s, "decision", d.id, "text"), lang) or "",
            d.adopted, cases.get_case(s, case_id).label if case_id else None))
    measure_docs, report_docs, assessment_docs = [], [], []
    for n, m in enumerate(measures.measures_of_child(s, child_id), 1):
        doc = _measure(s, m, lang, label=labels.get(m.decision_id))
        measure_docs.append(doc)
        ref = f"{n} ({doc.decision})" if doc.decision else str(n)  # its row in the table
        report_docs += [D.ReportDoc(r.reported_on, text_in(r.text, lang) or "",
                                    r.reported_by, r.accepted, ref)
                        for r in measures.reports_of(s, m.id)]
        assessment_docs += [D.AssessmentDoc(a.assessed_on, a.result.value, a.next_review,
                                            text_in(a.comment, lang), ref)
                            for a in measures.assessments_of(s, m.id)]
    audit.record(s, actor, "document.extract", "child", child_id, lang=lang)
    return D.ChildExtractDoc(
        commission=_header(s, child.commission_id), on=today(),
        child=D.ChildDoc(info.full_name, info.birth_date, info.iin,
                         text_in(info.address, lang),
                         ", ".join(p for p in (text_in(info.school, lang), info.grade)
                                   if p) or None,
                         info.sex.value),
        representatives=tuple(D.RepresentativeDoc(r.full_name, r.relation, r.phone)
                              for r in children.representatives(s, child_id)),
        categories=_categories(s, child_id, lang), register=_register(s, child_id, lang),
        curator=(f"{info.curator_name}, {text_in(info.curator_position, lang)}, "
                 f"{L.date(info.curator_assigned_on)}" if info.curator_name else None),
        consent=(f"{info.consent_by}, {L.date(info.consent_on)}, "
                 f"{text_in(info.consent_basis, lang)}"
                 if info.consent_by else None),
        cases=tuple(case_docs), decisions=tuple(decision_docs), measures=tuple(measure_docs),
        reports=tuple(sorted(report_docs, key=lambda r: r.on)),
        assessments=tuple(sorted(assessment_docs, key=lambda a: a.on)),
        signed_by=_secretary_on(s, child.commission_id, today(), lang))


def _categories(s: Session, child_id: str, lang: str) -> tuple[str, ...]:
    rows = s.scalars(select(ChildCategory).where(
        ChildCategory.child_id == child_id, ChildCategory.deleted.is_(False))
        .order_by(ChildCategory.since))
    return tuple(f"{_catalog(s, r.category_id, lang)} ({L.date(r.since)})" for r in rows)


def _register(s: Session, child_id: str, lang: str) -> tuple[D.RegisterDoc, ...]:
    rows = s.scalars(select(RegisterEntry).where(
        RegisterEntry.child_id == child_id, RegisterEntry.deleted.is_(False))
        .order_by(RegisterEntry.put_on))
    return tuple(D.RegisterDoc(r.put_on, text_in(r.reason, lang) or "", r.removed_on,
                               text_in(r.removal_reason, lang)) for r in rows)


def _secretary_on(s: Session, commission_id: str, on: dt.date, lang: str
                  ) -> D.PersonDoc | None:
    for m in commissions.members_on(s, commission_id, on):
        if m.role == MemberRole.SECRETARY:
            return D.PersonDoc(m.full_name, text_in(m.position, lang) or "")
    return None
