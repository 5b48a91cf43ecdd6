"""Audit entries as people read them: when (local time), who (login), what (a phrase)."""

from __future__ import annotations

from app.i18n import N_, _
from app.services.dashboard import ActivityEntry
from app.ui.table import display_moment

ACTIONS = {
    "attendance.absent": N_("Marked a member absent"),
    "attendance.left": N_("Recorded that a member left early"),
    "attendance.present": N_("Marked a member present"),
    "attendance.recuse": N_("Recorded a conflict of interest"),
    "attendance.withdraw_recusal": N_("Withdrew a conflict of interest"),
    "auth.failed": N_("Failed login attempt"),
    "auth.login": N_("Logged in"),
    "case.close": N_("Closed a case"),
    "case.open": N_("Opened a case"),
    "catalog.add": N_("Added a catalog entry"),
    "catalog.edit": N_("Edited a catalog entry"),
    "catalog.seed": N_("Loaded the standard catalogs"),
    "child.add_category": N_("Added a risk category to a child"),
    "child.add_representative": N_("Added a legal representative"),
    "child.assign_curator": N_("Assigned a curator"),
    "child.record_consent": N_("Recorded consent to data processing"),
    "child.register": N_("Registered a child"),
    "child.register_many": N_("Imported children"),
    "child.register_put_on": N_("Put a child on the register"),
    "child.register_remove": N_("Removed a child from the register"),
    "child.remove_category": N_("Removed a risk category from a child"),
    "child.update": N_("Edited a child's record"),
    "commission.create": N_("Created the commission"),
    "commission.rules": N_("Changed the quorum and majority rules"),
    "composition.approve": N_("Approved a new composition"),
    "decision.record": N_("Recorded a decision"),
    "measure.assess": N_("Assessed a measure"),
    "measure.cancel": N_("Cancelled a measure"),
    "measure.decide_report": N_("Decided on a report on a measure"),
    "measure.report": N_("Recorded a report on a measure"),
    "meeting.add_item": N_("Added an item to the agenda"),
    "meeting.amend": N_("Amended the record of a closed meeting"),
    "meeting.build_agenda": N_("Added control items to the agenda"),
    "meeting.close": N_("Closed a meeting"),
    "meeting.invite": N_("Invited a person to a meeting"),
    "meeting.invitee_present": N_("Marked an invited person present"),
    "meeting.item_notes": N_("Recorded notes on an agenda item"),
    "meeting.move_item": N_("Moved an agenda item"),
    "meeting.plan": N_("Planned a meeting"),
    "meeting.postpone_item": N_("Postponed an agenda item"),
    "meeting.set_presiding": N_("Changed who presides at a meeting"),
    "meeting.start": N_("Opened a meeting"),
    "user.change_password": N_("Changed their password"),
    "user.create": N_("Created an account"),
    "vote.all_for": N_("Recorded a unanimous vote"),
    "vote.cast": N_("Recorded the votes"),
    "vote.dissent": N_("Recorded a dissenting opinion"),
}


def what(entry: ActivityEntry) -> str:
    """The action as a translated phrase; an action this version does not know is shown
    by its code rather than hidden."""
    source = ACTIONS.get(entry.action)
    return _(source) if source else entry.action


def who(entry: ActivityEntry) -> str:
    if entry.login:
        return entry.login
    return _("unknown login") if entry.action == "auth.failed" else _("system")


def when(entry: ActivityEntry) -> str:
    return display_moment(entry.at)
