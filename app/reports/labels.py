"""Document labels for the codes the data carries, and date/time formats.

Every label is an English source string in the one gettext catalog (N_ marks it for
extraction; tr() translates it per document), so a translator corrects the Kazakh or
Russian wording without touching code.
"""

from __future__ import annotations

import datetime as dt

from app.i18n import N_, tr

MEETING_KIND = {
    "regular": N_("regular meeting"),
    "extraordinary": N_("extraordinary meeting"),
    "expanded": N_("expanded meeting"),
    "field": N_("field meeting"),
}
ABSENCE = {
    "leave": N_("on leave"),
    "illness": N_("ill"),
    "business_trip": N_("on a business trip"),
    "other": N_("other reason"),
    "not_at_item": N_("not present at this item"),
    None: N_("reason not stated"),
}
INVITEE_ROLE = {
    "child": N_("the minor"),
    "legal_representative": N_("legal representative"),
    "school": N_("school"),
    "police": N_("police"),
    "guardianship": N_("guardianship authority"),
    "other": N_("invited"),
}
RELATION = {
    "mother": N_("mother"),
    "father": N_("father"),
    "guardian": N_("guardian"),
    "trustee": N_("trustee"),
    "foster_parent": N_("foster parent"),
    "grandparent": N_("grandparent"),
    "other": N_("legal representative"),
}
ITEM_KIND = {
    "child_case": N_("Case of a minor"),
    "general": N_("General question"),
    "control": N_("Control of execution"),
    "organisational": N_("Organisational question"),
}
EFFECTIVENESS = {
    "effective": N_("effective"),
    "partly": N_("partly effective"),
    "not_effective": N_("not effective"),
    "too_early": N_("too early to say"),
}
MEASURE_STATE = {
    "assigned": N_("assigned"),
    "in_progress": N_("in progress"),
    "reported": N_("reported"),
    "accepted": N_("accepted"),
    "cancelled": N_("cancelled"),
    "overdue": N_("overdue"),
}
CASE_STATUS = {"open": N_("open"), "closed": N_("closed")}
SEX = {"M": N_("male"), "F": N_("female")}


def label(lang: str, table: dict, code: object) -> str:
    """The translated label of a code; an unknown code is shown as it is."""
    source = table.get(code)
    return tr(lang, source) if source else str(code or "")


def date(value: dt.date | None) -> str:
    # dd.mm.yyyy reads the same in Russian and Kazakh and needs no case endings.
    return value.strftime("%d.%m.%Y") if value else ""


def time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""
