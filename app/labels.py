"""Human names of the stored codes (enums), in the UI language or a document's.

Codes are stored in the database; people read these. One table, so a translator
finds every label in the catalog and a screen never shows a raw code.
"""

from __future__ import annotations

from enum import Enum

from app.domain.iin import Sex
from app.domain.roles import Role
from app.domain.voting import Choice
from app.i18n import N_, current_language, tr
from app.models.enums import (
    AbsenceReason,
    CaseStatus,
    Effectiveness,
    InviteeRole,
    ItemKind,
    ItemStatus,
    MeasureState,
    MeetingKind,
    MeetingStatus,
    MemberRole,
)

# Keyed by (enum class, value): StrEnum members equal their plain values, so
# MeetingStatus.CLOSED and CaseStatus.CLOSED would collide as plain dict keys.
_BY_MEMBER: list[tuple[Enum, str]] = [
    (MeetingKind.REGULAR, N_("Regular")),
    (MeetingKind.EXTRAORDINARY, N_("Extraordinary")),
    (MeetingKind.EXPANDED, N_("Expanded")),
    (MeetingKind.FIELD, N_("Field (away)")),
    (MeetingStatus.PLANNED, N_("Planned")),
    (MeetingStatus.IN_PROGRESS, N_("In progress")),
    (MeetingStatus.CLOSED, N_("Closed")),
    (ItemKind.CHILD_CASE, N_("Child's case")),
    (ItemKind.GENERAL, N_("General question")),
    (ItemKind.CONTROL, N_("Control of execution")),
    (ItemKind.ORGANISATIONAL, N_("Organisational question")),
    (ItemStatus.PENDING, N_("Not yet considered")),
    (ItemStatus.DECIDED, N_("Decided")),
    (ItemStatus.POSTPONED, N_("Postponed")),
    (AbsenceReason.LEAVE, N_("Leave")),
    (AbsenceReason.ILLNESS, N_("Illness")),
    (AbsenceReason.BUSINESS_TRIP, N_("Business trip")),
    (AbsenceReason.OTHER, N_("Other reason")),
    (InviteeRole.CHILD, N_("The child")),
    (InviteeRole.LEGAL_REPRESENTATIVE, N_("Legal representative")),
    (InviteeRole.SCHOOL, N_("School")),
    (InviteeRole.POLICE, N_("Police inspector")),
    (InviteeRole.GUARDIANSHIP, N_("Guardianship authority")),
    (InviteeRole.OTHER, N_("Other invited person")),
    (Choice.FOR, N_("For")),
    (Choice.AGAINST, N_("Against")),
    (Choice.ABSTAIN, N_("Abstained")),
    (MeasureState.ASSIGNED, N_("Assigned")),
    (MeasureState.IN_PROGRESS, N_("Being carried out")),
    (MeasureState.REPORTED, N_("Reported")),
    (MeasureState.ACCEPTED, N_("Accepted")),
    (MeasureState.CANCELLED, N_("Cancelled")),
    (MeasureState.OVERDUE, N_("Overdue")),
    (Effectiveness.EFFECTIVE, N_("Effective")),
    (Effectiveness.PARTLY, N_("Partly effective")),
    (Effectiveness.NOT_EFFECTIVE, N_("Not effective")),
    (Effectiveness.TOO_EARLY, N_("Too early to say")),
    (Role.ADMIN, N_("Administrator")),
    (Role.CHAIR, N_("Chair")),
    (Role.SECRETARY, N_("Secretary")),
    (Role.MEMBER, N_("Member")),
    (Role.VIEWER, N_("Viewer")),
    (MemberRole.CHAIR, N_("Chair of the commission")),
    (MemberRole.DEPUTY_CHAIR, N_("Deputy chair")),
    (MemberRole.SECRETARY, N_("Responsible secretary")),
    (MemberRole.MEMBER, N_("Member of the commission")),
    (CaseStatus.OPEN, N_("Open")),
    (CaseStatus.CLOSED, N_("Closed case")),
    (Sex.MALE, N_("Male")),
    (Sex.FEMALE, N_("Female")),
]

LABELS: dict[tuple[type[Enum], str], str] = {
    (type(code), code.value): text for code, text in _BY_MEMBER}

RELATION_LABELS: dict[str, str] = {
    "mother": N_("Mother"),
    "father": N_("Father"),
    "guardian": N_("Guardian"),
    "trustee": N_("Trustee"),
    "foster_parent": N_("Foster parent"),
    "grandparent": N_("Grandparent"),
    "other": N_("Other relation"),
}


def label(code: Enum, lang: str | None = None) -> str:
    """The name of a stored code in the UI language, or in `lang` (documents)."""
    return tr(lang or current_language(), LABELS[type(code), code.value])


def relation_label(code: str, lang: str | None = None) -> str:
    return tr(lang or current_language(), RELATION_LABELS.get(code, code))
