"""Who may do what. Enforced by the services; the UI only hides what is refused anyway."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    VIEWER = "viewer"


class Permission(StrEnum):
    VIEW = "view"                        # see records (personal data included)
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"  # commission rules, catalogs
    MANAGE_COMPOSITION = "manage_composition"
    EDIT_CHILDREN = "edit_children"      # children, representatives, cases
    PREPARE_MEETING = "prepare_meeting"  # plan, agenda, invitations
    RECORD_MEETING = "record_meeting"    # attendance, votes, decisions, measures
    CLOSE_MEETING = "close_meeting"
    AMEND_MEETING = "amend_meeting"
    REPORT_MEASURE = "report_measure"    # execution reports from the bodies
    ASSESS_MEASURE = "assess_measure"    # acceptance and effectiveness, at control
    EXCHANGE = "exchange"                # export and import packages (personal data leaves)


_EVERYTHING = frozenset(Permission)
_RECORDING = frozenset({
    Permission.VIEW, Permission.EDIT_CHILDREN, Permission.PREPARE_MEETING,
    Permission.RECORD_MEETING, Permission.CLOSE_MEETING, Permission.AMEND_MEETING,
    Permission.REPORT_MEASURE, Permission.ASSESS_MEASURE,
})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _EVERYTHING,
    Role.CHAIR: _RECORDING | {Permission.MANAGE_COMPOSITION, Permission.MANAGE_SETTINGS,
                              Permission.EXCHANGE},
    # The secretary carries the packages to and from the regional office.
    Role.SECRETARY: _RECORDING | {Permission.MANAGE_COMPOSITION, Permission.EXCHANGE},
    # Members come from the bodies that execute measures: they may report on them.
    Role.MEMBER: frozenset({Permission.VIEW, Permission.REPORT_MEASURE}),
    Role.VIEWER: frozenset({Permission.VIEW}),
}


def allows(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]
