"""Closed sets of values stored in the database (open sets are catalogs)."""

from enum import StrEnum

from app.domain.iin import Sex
from app.domain.roles import Role as UserRole
from app.domain.voting import Choice as VoteChoice

__all__ = ["Sex", "UserRole", "VoteChoice"]  # re-exported: the pure rules own them


class TerritoryKind(StrEnum):
    OBLAST = "oblast"
    CITY_REPUBLICAN = "city_republican"
    DISTRICT = "district"
    CITY_OBLAST = "city_oblast"


class CatalogKind(StrEnum):
    ORGANISATION_KIND = "organisation_kind"
    CATEGORY = "category"
    SOURCE = "source"
    MEASURE_KIND = "measure_kind"
    DECISION_TEMPLATE = "decision_template"
    ARTICLE = "article"


class MemberRole(StrEnum):
    CHAIR = "chair"
    DEPUTY_CHAIR = "deputy_chair"
    SECRETARY = "secretary"
    MEMBER = "member"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class MeetingKind(StrEnum):
    REGULAR = "regular"
    EXTRAORDINARY = "extraordinary"
    EXPANDED = "expanded"
    FIELD = "field"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class ItemKind(StrEnum):
    CHILD_CASE = "child_case"
    GENERAL = "general"
    CONTROL = "control"
    ORGANISATIONAL = "organisational"


class ItemStatus(StrEnum):
    PENDING = "pending"
    DECIDED = "decided"
    POSTPONED = "postponed"


class AbsenceReason(StrEnum):
    LEAVE = "leave"
    ILLNESS = "illness"
    BUSINESS_TRIP = "business_trip"
    OTHER = "other"


class InviteeRole(StrEnum):
    CHILD = "child"
    LEGAL_REPRESENTATIVE = "legal_representative"
    SCHOOL = "school"
    POLICE = "police"
    GUARDIANSHIP = "guardianship"
    OTHER = "other"


class MeasureState(StrEnum):
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    REPORTED = "reported"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"
    # OVERDUE is derived from the deadline, never stored: see services.measures.
    OVERDUE = "overdue"


class Effectiveness(StrEnum):
    EFFECTIVE = "effective"
    PARTLY = "partly"
    NOT_EFFECTIVE = "not_effective"
    TOO_EARLY = "too_early"


