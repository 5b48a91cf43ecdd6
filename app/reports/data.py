"""What each document says, as frozen plain data.

The services (app.services.documents) fill these in; the builders only lay them out.
Free text and names are already in the document's language (or neutral: names, numbers);
closed sets travel as their enum codes ("regular", "illness") and the builders translate
them with tr(), so one catalog holds every label a translator may need to correct.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CommissionHeader:
    name_ru: str
    name_kk: str

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


@dataclass(frozen=True, slots=True)
class PersonDoc:
    """A commission member, with a late arrival or early leave if there was one."""

    name: str
    position: str = ""
    arrived_at: int | None = None  # item position of a late arrival
    left_after: int | None = None  # item position of an early leave


@dataclass(frozen=True, slots=True)
class AbsentDoc:
    name: str
    position: str
    reason: str | None  # AbsenceReason code, None if not recorded
    note: str | None = None


@dataclass(frozen=True, slots=True)
class InviteeDoc:
    name: str
    role: str  # InviteeRole code
    organisation: str | None = None
    item: int | None = None  # the agenda item position, None for the whole meeting
    present: bool = True


@dataclass(frozen=True, slots=True)
class MeasureDoc:
    kind: str  # the catalog name, in the document's language
    text: str
    body: str
    person: str | None
    deadline: dt.date
    child: str | None = None  # for letters: whom the measure is about
    decision: str | None = None  # "12/3"
    state: str | None = None  # MeasureState code, for the extract


@dataclass(frozen=True, slots=True)
class DissentDoc:
    who: str
    text: str


@dataclass(frozen=True, slots=True)
class AssessmentDoc:
    on: dt.date
    result: str  # Effectiveness code
    next_review: dt.date | None = None
    comment: str | None = None
    measure: str | None = None  # short reference to the measure, for the extract


@dataclass(frozen=True, slots=True)
class ReportDoc:
    on: dt.date
    text: str
    by: str | None
    accepted: bool | None
    measure: str | None = None


@dataclass(frozen=True, slots=True)
class ItemDoc:
    position: int
    kind: str  # ItemKind code
    title: str
    case_code: str | None = None  # "5/2026"
    child: str | None = None  # full name and birth date as the protocol prints them
    child_initials: str | None = None  # what the redacted protocol prints instead
    reporter: str | None = None  # HEARD: who reported
    heard: str | None = None  # HEARD: the summary
    spoke: str | None = None
    rights_explained: bool = False
    motions: str | None = None
    decision_number: str | None = None  # "12/3"
    decision: str | None = None
    adopted: bool | None = None
    has_quorum: bool = True
    measures: tuple[MeasureDoc, ...] = ()
    votes_for: int = 0
    votes_against: int = 0
    abstained: int = 0
    tie_broken: bool = False
    recused: tuple[str, ...] = ()  # members' names
    dissents: tuple[DissentDoc, ...] = ()
    postponed: bool = False
    postponed_to: str | None = None  # meeting number
    controlled: MeasureDoc | None = None  # a control item's measure
    reports: tuple[ReportDoc, ...] = ()
    assessments: tuple[AssessmentDoc, ...] = ()
    signed_by: PersonDoc | None = None  # the secretary in office on `on`


@dataclass(frozen=True, slots=True)
class AmendmentDoc:
    number: int
    what: str  # "item 3, HEARD" — built by the service in the document's language
    new_text: str
    reason: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class PrivateName:
    """A child or relative whose name the redacted protocol shows only as initials."""

    parts: tuple[str, ...]  # surname, first name, patronymic (what is known)
    iin: str | None = None


@dataclass(frozen=True, slots=True)
class MeetingDoc:
    commission: CommissionHeader
    number: str
    date: dt.date
    place: str
    kind: str  # MeetingKind code
    starts_at: dt.time | None
    ends_at: dt.time | None
    presiding: PersonDoc
    secretary: PersonDoc
    present: tuple[PersonDoc, ...]
    absent: tuple[AbsentDoc, ...]
    invited: tuple[InviteeDoc, ...]
    members_in_force: int
    quorum_required: int
    items: tuple[ItemDoc, ...]
    amendments: tuple[AmendmentDoc, ...] = ()
    private: tuple[PrivateName, ...] = ()
    redacted: bool = False

    @property
    def present_count(self) -> int:
        return len(self.present)

    @property
    def has_quorum(self) -> bool:
        return self.present_count >= self.quorum_required


@dataclass(frozen=True, slots=True)
class ChildDoc:
    name: str
    birth_date: dt.date | None = None
    iin: str | None = None
    address: str | None = None
    school: str | None = None  # school and grade
    sex: str | None = None  # Sex code


@dataclass(frozen=True, slots=True)
class ResolutionDoc:
    commission: CommissionHeader
    number: str  # the decision's number, "12/3"
    meeting_number: str
    date: dt.date
    starts_at: dt.time | None
    place: str
    presiding: PersonDoc
    secretary: PersonDoc
    present: tuple[PersonDoc, ...]
    absent: tuple[AbsentDoc, ...]
    others_present: tuple[InviteeDoc, ...]
    question: str
    case_code: str | None
    child: ChildDoc
    circumstances: str | None
    rights_violations: str | None
    causes: str | None
    heard: str | None
    decision: str
    adopted: bool
    votes_for: int
    votes_against: int
    abstained: int
    measures: tuple[MeasureDoc, ...]
    copies_to: tuple[str, ...]
    # Where and within what period the resolution can be appealed (configurable).
    appeal_days: int = 10


@dataclass(frozen=True, slots=True)
class AgendaLine:
    position: int
    kind: str  # ItemKind code
    title: str
    case_code: str | None = None
    child: str | None = None  # initials only: the agenda is circulated
    reporter: str | None = None


@dataclass(frozen=True, slots=True)
class AgendaDoc:
    commission: CommissionHeader
    number: str
    date: dt.date
    starts_at: dt.time | None
    place: str
    kind: str
    items: tuple[AgendaLine, ...]
    chair: PersonDoc
    secretary: PersonDoc


@dataclass(frozen=True, slots=True)
class InvitationDoc:
    """One letter to one legal representative."""

    name: str
    relation: str  # "mother", "guardian", ... (children.RELATIONS code)
    address: str | None
    child: str
    case_code: str | None
    item: int


@dataclass(frozen=True, slots=True)
class InvitationsDoc:
    commission: CommissionHeader
    number: str
    date: dt.date
    starts_at: dt.time | None
    place: str
    secretary: PersonDoc
    invitations: tuple[InvitationDoc, ...]


@dataclass(frozen=True, slots=True)
class LetterDoc:
    """A letter to one responsible body with its measures from the meeting."""

    body: str
    measures: tuple[MeasureDoc, ...]


@dataclass(frozen=True, slots=True)
class LettersDoc:
    commission: CommissionHeader
    number: str
    date: dt.date
    presiding: PersonDoc
    letters: tuple[LetterDoc, ...]
    issued: dt.date | None = None  # the date the letters are sent


@dataclass(frozen=True, slots=True)
class CaseDoc:
    code: str
    received_on: dt.date
    source: str
    category: str
    article: str | None
    description: str
    status: str  # CaseStatus code
    closed_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DecisionDoc:
    number: str
    date: dt.date
    text: str
    adopted: bool
    case_code: str | None = None


@dataclass(frozen=True, slots=True)
class RegisterDoc:
    put_on: dt.date
    reason: str
    removed_on: dt.date | None = None
    removal_reason: str | None = None


@dataclass(frozen=True, slots=True)
class RepresentativeDoc:
    name: str
    relation: str  # children.RELATIONS code
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class ChildExtractDoc:
    commission: CommissionHeader
    child: ChildDoc
    on: dt.date  # the date the extract was made
    representatives: tuple[RepresentativeDoc, ...] = ()
    categories: tuple[str, ...] = ()
    register: tuple[RegisterDoc, ...] = ()
    curator: str | None = None
    consent: str | None = None
    cases: tuple[CaseDoc, ...] = ()
    decisions: tuple[DecisionDoc, ...] = ()
    measures: tuple[MeasureDoc, ...] = ()
    reports: tuple[ReportDoc, ...] = ()
    assessments: tuple[AssessmentDoc, ...] = ()
    signed_by: PersonDoc | None = None  # the secretary in office on `on`
