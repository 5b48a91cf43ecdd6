"""Human names of the exchanged tables and their fields (the conflict inbox shows them).

Stored table and column names ("child", "birth_date") are for the program; people read
these. Like app/labels.py, one place, so a translator finds them all in the catalog.
A name that is not here (a table or column added later) is shown as it is stored.
A bilingual text is stored as two columns (`heard_ru`, `heard_kk`): they are named after
the text's label with the language ("Heard (Kazakh)").
"""

from __future__ import annotations

from app.i18n import N_, current_language, tr

TABLE_LABELS: dict[str, str] = {
    "catalog_item": N_("Catalog entry"),
    "territory": N_("Territory"),
    "commission": N_("Commission"),
    "child": N_("Child"),
    "composition_act": N_("Composition act"),
    "case_file": N_("Case"),
    "child_category": N_("Child's category"),
    "legal_representative": N_("Legal representative"),
    "membership": N_("Commission member"),
    "register_entry": N_("Register entry"),
    "meeting": N_("Meeting"),
    "agenda_item": N_("Agenda item"),
    "amendment": N_("Amendment"),
    "attendance": N_("Attendance"),
    "decision": N_("Decision"),
    "dissenting_opinion": N_("Dissenting opinion"),
    "invited_person": N_("Invited person"),
    "recusal": N_("Recusal"),
    "vote": N_("Vote"),
    "measure": N_("Measure"),
    "assessment": N_("Assessment"),
    "measure_report": N_("Execution report"),
}

# Fields that mean the same in every table that has them.
COMMON_FIELDS: dict[str, str] = {
    "id": N_("Whole record"),  # a conflict about the row itself (deleted, closed meeting)
    "deleted": N_("Deleted"),
    "commission_id": N_("Commission"),
    "child_id": N_("Child"),
    "meeting_id": N_("Meeting"),
    "agenda_item_id": N_("Agenda item"),
    "membership_id": N_("Commission member"),
    "measure_id": N_("Measure"),
    "decision_id": N_("Decision"),
    "case_id": N_("Case"),
    "category_id": N_("Category"),
    "territory_id": N_("Territory"),
    "name_ru": N_("Name in Russian"),
    "name_kk": N_("Name in Kazakh"),
    "name_en": N_("Name in English"),
    "full_name": N_("Full name"),
    "address": N_("Address"),
    "text": N_("Text"),
    "reason": N_("Reason"),
    "role": N_("Role"),
    "kind": N_("Kind"),
    "number": N_("Number"),
    "year": N_("Year"),
    "date": N_("Date"),
    "status": N_("Status"),
    "present": N_("Present"),
    "sort_order": N_("Order in the list"),
    "working_language": N_("Working language"),
}
IN_LANGUAGE = {"ru": N_("{field} (Russian)"), "kk": N_("{field} (Kazakh)")}

# Fields particular to one table (or named differently there).
FIELD_LABELS: dict[str, dict[str, str]] = {
    "catalog_item": {
        "catalog": N_("Catalog"), "code": N_("Code"), "text_ru": N_("Text in Russian"),
        "text_kk": N_("Text in Kazakh"), "active": N_("In use"),
    },
    "territory": {"parent_id": N_("Part of")},
    "commission": {"quorum_rule": N_("Quorum rule"), "majority_rule": N_("Majority rule")},
    "child": {
        "surname": N_("Surname"), "first_name": N_("Name"), "patronymic": N_("Patronymic"),
        "iin": N_("IIN"), "birth_date": N_("Date of birth"), "sex": N_("Sex"),
        "district_id": N_("District"), "school": N_("School"), "grade": N_("Grade"),
        "language": N_("Language"), "family_situation": N_("Family situation"),
        "curator_name": N_("Curator"), "curator_position": N_("Curator's position"),
        "curator_assigned_on": N_("Curator assigned on"),
        "consent_by": N_("Consent given by"), "consent_on": N_("Consent given on"),
        "consent_basis": N_("Basis of the consent"),
        "search_key": N_("Name for search"),
    },
    "composition_act": {
        "issuing_body": N_("Issued by"), "act_date": N_("Date of the act"),
        "effective_from": N_("In force from"),
    },
    "case_file": {
        "received_on": N_("Received on"), "source_id": N_("Source"),
        "article_id": N_("Article"), "description": N_("Description"),
        "closed_on": N_("Closed on"),
    },
    "child_category": {"since": N_("Since")},
    "legal_representative": {"relation": N_("Relation"), "phone": N_("Phone")},
    "membership": {
        "act_id": N_("Composition act"), "position": N_("Position"),
        "organisation_kind_id": N_("Organisation"),
    },
    "register_entry": {
        "put_on": N_("Put on the register"), "removed_on": N_("Removed from the register"),
        "removal_reason": N_("Reason for removal"),
    },
    "meeting": {
        "place": N_("Place"), "starts_at": N_("Starts at"), "ends_at": N_("Ends at"),
        "presiding_id": N_("Presiding"), "secretary_id": N_("Secretary"),
        "closed_at": N_("Closed at"), "current_item_id": N_("Current item"),
    },
    "agenda_item": {
        "position": N_("Place in the agenda"), "title": N_("Title"),
        "reporter": N_("Reporter"), "heard": N_("Heard"), "spoke": N_("Spoke"),
        "rights_explained": N_("Rights explained"), "motions": N_("Motions"),
        "postponed_to_id": N_("Postponed to"), "time_spent_s": N_("Time spent"),
        "draft": N_("Draft"),
    },
    "amendment": {
        "target_table": N_("Kind of amended record"), "target_id": N_("Amended record"),
        "field": N_("Amended field"), "original_text": N_("Original text"),
        "new_text": N_("New text"), "amended_on": N_("Amended on"),
        "user_id": N_("Amended by"),
    },
    "attendance": {
        "absence_reason": N_("Reason for absence"), "reason_note": N_("Note on the reason"),
        "arrived_item_id": N_("Arrived at item"), "left_item_id": N_("Left at item"),
    },
    "decision": {
        "template_id": N_("Template"), "circumstances": N_("Circumstances"),
        "rights_violations": N_("Violations of rights"), "causes": N_("Causes"),
        "votes_for": N_("Votes for"), "votes_against": N_("Votes against"),
        "abstained": N_("Abstained"), "adopted": N_("Adopted"),
    },
    "invited_person": {"organisation": N_("Organisation")},
    "vote": {"choice": N_("Vote")},
    "measure": {
        "kind_id": N_("Kind of measure"), "responsible_body": N_("Responsible body"),
        "responsible_person": N_("Responsible person"), "deadline": N_("Deadline"),
        "state": N_("State"), "cancelled_on": N_("Cancelled on"),
        "cancel_reason": N_("Reason for cancelling"),
    },
    "assessment": {
        "assessed_on": N_("Assessed on"), "result": N_("Result"),
        "next_review": N_("Next review"), "comment": N_("Comment"),
    },
    "measure_report": {
        "reported_on": N_("Reported on"), "reported_by": N_("Reported by"),
        "accepted": N_("Accepted"), "decided_on": N_("Decided on"),
    },
}


def table_label(table: str, lang: str | None = None) -> str:
    """The name of a synced table in the UI language (or `lang`); unknown: as stored."""
    source = TABLE_LABELS.get(table)
    return tr(lang or current_language(), source) if source else table


def _source(table: str, field: str) -> str | None:
    return FIELD_LABELS.get(table, {}).get(field) or COMMON_FIELDS.get(field)


def field_label(table: str, field: str, lang: str | None = None) -> str:
    """The name of a field of `table`; one language of a bilingual text is named with
    the language; unknown: as stored."""
    lang = lang or current_language()
    source = _source(table, field)
    if source:
        return tr(lang, source)
    base, _, suffix = field.rpartition("_")
    source = _source(table, base) if suffix in IN_LANGUAGE else None
    if source:
        return tr(lang, IN_LANGUAGE[suffix]).format(field=tr(lang, source))
    return field
