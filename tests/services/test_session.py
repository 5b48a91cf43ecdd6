"""The live session's storage: notes and drafts saved as typed, the item on screen and the
time spent, audited once per run of saves; and the planning/session queries."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select, text

from app.domain.bilingual import Bilingual
from app.domain.roles import Role
from app.errors import PermissionDenied, StateError, ValidationError
from app.models import AgendaItem, AuditEntry, CatalogItem, Meeting
from app.models.enums import CatalogKind, InviteeRole, ItemStatus, VoteChoice
from app.services import (
    catalogs,
    children,
    closing,
    decisions,
    meetings,
    planning,
    session,
    voting,
)
from app.services.context import Actor
from app.services.session import Autosave, DraftMeasure, ItemDraft
from tests.services.helpers import (
    approve_members,
    child_case,
    counts,
    days,
    decide_case,
    mark_all_present,
    measure_kind,
    plan,
)
from tests.text import ru


@pytest.fixture
def setting(s, world):
    """A meeting with two items: a child's case and a general question."""
    members = approve_members(s, world)
    meeting = plan(s, world, days(-1))
    case = child_case(s, world)
    first = meetings.add_child_case_item(s, world.admin, meeting.id, case.id)
    second = meetings.add_general_item(s, world.admin, meeting.id, title=ru("Bullying in schools"),
                                       reporter="Education department")
    return meeting, first, second, members


def audit_actions(s, *prefixes: str) -> list[tuple[str, str | None, str]]:
    rows = s.execute(select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.details)
                     .order_by(AuditEntry.seq)).all()
    return [tuple(r) for r in rows if r[0].startswith(prefixes)]


def test_notes_are_saved_verbatim_and_audited_once_per_run(s, world, setting):
    meeting, first, second, _ = setting
    for typed in ("Heard th", "Heard the inspector", "Heard the inspector, then"):
        session.save_notes(s, world.admin, first.id, {"heard": typed})
    assert meetings.agenda(s, meeting.id)[0].heard == ru("Heard the inspector, then")
    entries = audit_actions(s, "session.")
    assert entries == [("session.notes", first.id, '{"field":"heard_ru"}')]

    # Another field, another item, or any other action in between starts a new run.
    session.save_notes(s, world.admin, first.id, {"spoke": "The mother"})
    session.save_notes(s, world.admin, first.id, {"heard": "Heard the inspector, then the"})
    session.save_notes(s, world.admin, second.id, {"heard": "The department"})
    session.save_notes(s, world.admin, second.id, {"heard": "The department reported"})
    assert [e[2] for e in audit_actions(s, "session.")] == [
        '{"field":"heard_ru"}', '{"field":"spoke_ru"}', '{"field":"heard_ru"}', '{"field":"heard_ru"}']
    assert [e[1] for e in audit_actions(s, "session.")] == [
        first.id, first.id, first.id, second.id]

    # Saving the same text again writes nothing at all (no audit, no change-log row).
    before = counts(s)
    session.save_notes(s, world.admin, second.id, {"heard": "The department reported"})
    assert counts(s) == before

    # Cleared text is stored as None, like record_item_notes does.
    session.save_notes(s, world.admin, second.id, {"heard": "   "})
    assert meetings.agenda(s, meeting.id)[1].heard == Bilingual()


def test_notes_are_validated(s, world, setting):
    _, first, _, _ = setting
    with pytest.raises(ValidationError) as bad:
        session.save_notes(s, world.admin, first.id, {"title": "x"})
    assert bad.value.field == "title"
    with pytest.raises(ValidationError) as bad:
        session.save_notes(s, world.admin, first.id, {"reporter": "x" * 301})
    assert bad.value.field == "reporter"
    with pytest.raises(ValidationError):
        session.save_notes(s, world.admin, first.id, {"heard": "bell\x07"})


def test_a_draft_round_trips_and_is_cleared_when_the_decision_is_recorded(s, world, setting):
    meeting, first, _, members = setting
    template = catalogs.entries(s, CatalogKind.DECISION_TEMPLATE)[0].id
    draft = ItemDraft(template, "Warn the minor ", (
        DraftMeasure(measure_kind(s), "Individual plan", "School No. 5", "", days(30)),
        DraftMeasure(None, "Half-typed", "", "", None)))
    session.save_draft(s, world.admin, first.id, draft)
    assert session.draft_of(s, first.id) == draft  # verbatim: the trailing space is kept
    assert session.item_context(s, world.admin, first.id).draft == draft

    mark_all_present(s, world.admin, meeting.id, members)
    voting.vote_all_for(s, world.admin, first.id)
    decision = session.record_draft(s, world.admin, first.id,
                                    dataclasses.replace(draft, measures=draft.measures[:1]))
    # Typed over its template: the typed language only; measures in it too.
    assert decision.text == ru("Warn the minor")
    assert decision.measures[0].responsible_body == ru("School No. 5")
    assert session.draft_of(s, first.id) == ItemDraft()
    assert s.get(AgendaItem, first.id).draft is None
    # A decided item takes no more drafts.
    with pytest.raises(StateError):
        session.save_draft(s, world.admin, first.id, draft)


def test_an_empty_draft_is_stored_as_nothing(s, world, setting):
    _, first, _, _ = setting
    session.save_draft(s, world.admin, first.id, ItemDraft(text="x"))
    session.save_draft(s, world.admin, first.id, ItemDraft())
    assert s.get(AgendaItem, first.id).draft is None


def test_drafts_are_validated(s, world, setting):
    _, first, _, _ = setting
    template = catalogs.entries(s, CatalogKind.DECISION_TEMPLATE)[0].id
    cases = [
        (ItemDraft(template_id=measure_kind(s)), "template_id"),  # wrong catalog
        (ItemDraft(measures=(DraftMeasure(kind_id=template),)), "kind_id"),
        (ItemDraft(text="x" * 10_001), "text"),
        (ItemDraft(measures=(DraftMeasure(responsible_body="b" * 301),)), "responsible_body"),
        (ItemDraft(measures=(DraftMeasure(deadline="2026-01-01"),)), "deadline"),  # type: ignore[arg-type]
        (ItemDraft(measures=(DraftMeasure(),) * 51), "measures"),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as bad:
            session.save_draft(s, world.admin, first.id, draft)
        assert bad.value.field == field, draft


def test_draft_saves_are_audited_once_per_run(s, world, setting):
    _, first, _, _ = setting
    for n in range(1, 6):
        session.save_draft(s, world.admin, first.id, ItemDraft(text="Warn" + "!" * n))
    assert audit_actions(s, "session.") == [("session.draft", first.id, "{}")]


def test_the_session_resumes_at_the_item_it_was_on_with_the_time_spent(s, world, setting):
    meeting, first, second, _ = setting
    state = session.session_state(s, meeting.id)
    assert state.current_item_id == first.id  # nothing chosen yet: the first pending item
    assert state.seconds == ((first.id, 0), (second.id, 0))

    state = session.set_current_item(s, world.admin, meeting.id, second.id,
                                     spent={first.id: 95})
    assert state.current_item_id == second.id and state.spent(first.id) == 95
    session.save_time(s, world.admin, second.id, 12)
    state = session.session_state(s, meeting.id)
    assert (state.current_item_id, state.spent(first.id), state.spent(second.id)) == (
        second.id, 95, 12)
    # Moving is audited with ids only; staying on the same item is not audited again.
    session.set_current_item(s, world.admin, meeting.id, second.id)
    assert audit_actions(s, "session.") == [
        ("session.current_item", meeting.id, f'{{"item_id":"{second.id}"}}')]

    with pytest.raises(ValidationError):
        session.save_time(s, world.admin, second.id, -1)
    with pytest.raises(ValidationError):
        session.save_time(s, world.admin, second.id, True)  # type: ignore[arg-type]


def test_the_current_item_falls_back_when_it_is_gone_or_decided(s, world, setting):
    meeting, first, second, members = setting
    mark_all_present(s, world.admin, meeting.id, members)
    voting.vote_all_for(s, world.admin, first.id)
    decisions.record_decision(s, world.admin, first.id, text=ru("Warn"))
    assert session.session_state(s, meeting.id).current_item_id == second.id
    # An id that is no longer on the agenda (say, from another office) is ignored.
    s.get(Meeting, meeting.id).current_item_id = "not-an-item"
    s.flush()
    assert session.session_state(s, meeting.id).current_item_id == second.id


def test_an_item_of_another_meeting_is_refused(s, world, setting):
    meeting, first, _, _ = setting
    other = plan(s, world, days(-2))
    item = meetings.add_organisational_item(s, world.admin, other.id, title=ru("Plan"))
    with pytest.raises(ValidationError):
        session.set_current_item(s, world.admin, meeting.id, item.id)
    with pytest.raises(ValidationError):
        session.set_current_item(s, world.admin, meeting.id, first.id, spent={item.id: 3})


def test_a_closed_meeting_takes_no_autosave(s, world, setting):
    meeting, first, second, members = setting
    mark_all_present(s, world.admin, meeting.id, members)
    for item in (first, second):
        voting.vote_all_for(s, world.admin, item.id)
        decisions.record_decision(s, world.admin, item.id, text=ru("Resolved"))
    closing.close_meeting(s, world.admin, meeting.id)
    for call in (lambda: session.save_notes(s, world.admin, first.id, {"heard": "late"}),
                 lambda: session.save_time(s, world.admin, first.id, 5),
                 lambda: session.set_current_item(s, world.admin, meeting.id, second.id)):
        with pytest.raises(StateError):
            call()


def test_a_member_cannot_record(s, world, setting):
    meeting, first, _, _ = setting
    member = Actor(world.admin.user_id, "member", Role.MEMBER)
    for call in (lambda: session.save_notes(s, member, first.id, {"heard": "x"}),
                 lambda: session.save_draft(s, member, first.id, ItemDraft(text="x")),
                 lambda: session.save_time(s, member, first.id, 5),
                 lambda: session.set_current_item(s, member, meeting.id, first.id)):
        with pytest.raises(PermissionDenied):
            call()


def test_autosave_saves_several_items_in_one_go(s, world, setting):
    _, first, second, _ = setting
    session.autosave(s, world.admin, [
        Autosave(first.id, notes={"heard": "A", "spoke": "B"}, draft=ItemDraft(text="C"),
                 seconds=40),
        Autosave(second.id, seconds=7)])
    one, two = s.get(AgendaItem, first.id), s.get(AgendaItem, second.id)
    assert (one.heard, one.spoke, session.draft_of(s, first.id).text, one.time_spent_s,
            two.time_spent_s) == (ru("A"), ru("B"), "C", 40, 7)


def test_autosaves_reach_the_change_log(s, world, setting, needs_capture):
    """The notes and drafts are records of the meeting: they are exchanged too."""
    _, first, _, _ = setting
    session.save_draft(s, world.admin, first.id, ItemDraft(text="Warn"))
    row = s.execute(text("SELECT data FROM change_log WHERE tbl = 'agenda_item' "
                         "ORDER BY seq DESC LIMIT 1")).scalar_one()
    assert '"draft"' in row and "Warn" in row


def test_open_cases_for_the_agenda(s, world, setting):
    meeting, first, _, _ = setting
    on_agenda = s.get(AgendaItem, first.id).case_id
    other = child_case(s, world, surname="Серикбаев")
    late = child_case(s, world, surname="Late", received_on=days(0))  # after the meeting
    closed = child_case(s, world, surname="Closed")
    from app.services import cases
    cases.close_case(s, world.admin, closed.id, on=days(0))

    found = planning.open_cases_for(s, meeting.id)
    assert [c.case_id for c in found] == [other.id]
    assert on_agenda not in {c.case_id for c in found} and late.id not in {
        c.case_id for c in found}
    choice = found[0]
    assert choice.child_name == "Серикбаев Arman" and choice.first_line == "Skips school"
    assert choice.label == other.label and choice.category
    # By name (folded: Kazakh letters and case), by number, by number/year.
    assert [c.case_id for c in planning.open_cases_for(s, meeting.id, search="серік")] == [
        other.id]
    assert planning.open_cases_for(s, meeting.id, search="nobody") == []
    assert [c.case_id for c in planning.open_cases_for(
        s, meeting.id, search=str(other.number))] == [other.id]
    assert [c.case_id for c in planning.open_cases_for(s, meeting.id, search=other.label)] == [
        other.id]


def test_suggested_invitees_come_from_the_child_card(s, world, setting):
    meeting, first, second, _ = setting
    child_id = meetings.agenda(s, meeting.id)[0].child_id
    children.add_representative(s, world.admin, child_id, full_name="Akhmetova Saule",
                                relation="mother")
    data = children.get_child(s, world.admin, child_id)
    fields = {f.name: getattr(data, f.name) for f in dataclasses.fields(children.ChildInput)}
    children.update_child(s, world.admin, child_id,
                          children.ChildInput(**{**fields, "school": ru("School No. 5")}))
    got = planning.suggested_invitees(s, first.id)
    assert [(g.full_name, g.role) for g in got] == [
        ("Akhmetov Arman", InviteeRole.CHILD),
        ("Akhmetova Saule", InviteeRole.LEGAL_REPRESENTATIVE),
        ("School No. 5", InviteeRole.SCHOOL)]
    meetings.invite(s, world.admin, meeting.id, full_name="Akhmetov Arman",
                    role=InviteeRole.CHILD, item_id=first.id)
    assert [g.role for g in planning.suggested_invitees(s, first.id)] == [
        InviteeRole.LEGAL_REPRESENTATIVE, InviteeRole.SCHOOL]
    assert planning.suggested_invitees(s, second.id) == []  # not about a child


def test_item_context_of_a_case_and_of_a_control_item(s, world):
    members = approve_members(s, world)
    earlier = plan(s, world, days(-40))
    mark_all_present(s, world.admin, earlier.id, members)
    decided = decide_case(s, world, earlier.id, [days(-35)])
    closing.close_meeting(s, world.admin, earlier.id)
    meeting = plan(s, world, days(-1))
    case = child_case(s, world, surname="Bekov")
    item = meetings.add_child_case_item(s, world.admin, meeting.id, case.id)
    control = meetings.build_agenda(s, world.admin, meeting.id)[-1]
    meetings.invite(s, world.admin, meeting.id, full_name="Inspector", role=InviteeRole.POLICE)

    ctx = session.item_context(s, world.admin, item.id)
    assert ctx.count == 2 and ctx.meeting.id == meeting.id
    assert ctx.card is not None and ctx.card.child.surname == "Bekov"
    assert ctx.case_label == case.label and ctx.case_description == case.description
    assert ctx.case_category and ctx.measure is None
    assert [p.full_name for p in ctx.invitees] == ["Inspector"]  # invited to the meeting

    ctx = session.item_context(s, world.admin, control.id)
    assert ctx.measure is not None and ctx.measure.id == decided.measures[0].id
    assert ctx.measure_kind and ctx.card is not None  # the measure's child
    assert ctx.item.status is ItemStatus.PENDING


def test_the_draft_json_is_stable(s):
    draft = ItemDraft("t", "Текст", (DraftMeasure("k", "m", "b", "p", dt.date(2026, 5, 1)),))
    assert ItemDraft.from_json(draft.to_json()) == draft
    assert ItemDraft.from_json(None) == ItemDraft()
    assert "Текст" in draft.to_json()  # readable in the change log, not \\u-escaped


def test_item_people_agrees_with_the_quorum_and_outcome_services(s, world):
    """The session screen reads the facts once and applies the rule itself; it must say
    exactly what attendance.item_quorum and voting.item_outcome say, case by case."""
    from app.models.enums import AbsenceReason
    from app.services import attendance

    members = approve_members(s, world)
    m = [x.id for x in members]
    meeting = plan(s, world, days(-1))
    items = [meetings.add_organisational_item(s, world.admin, meeting.id, title=ru(f"Q{n}")).id
             for n in range(1, 5)]
    for member in m[:4]:
        attendance.mark_present(s, world.admin, meeting.id, member)
    attendance.mark_absent(s, world.admin, meeting.id, m[4], reason=AbsenceReason.ILLNESS)
    attendance.mark_present(s, world.admin, meeting.id, m[5], arrived_item_id=items[1])
    attendance.mark_left(s, world.admin, meeting.id, m[3], left_item_id=items[2])
    attendance.recuse(s, world.admin, items[0], m[2])
    voting.vote_all_for(s, world.admin, items[1], {  # 2 for, 2 against: a tie
        m[1]: VoteChoice.AGAINST, m[5]: VoteChoice.AGAINST, m[3]: VoteChoice.ABSTAIN})
    voting.vote_all_for(s, world.admin, items[2], {m[0]: None})  # doesn't add up
    for item in items:
        people = session.item_people(s, item)
        assert people.outcome == voting.item_outcome(s, item), item
        assert people.quorum == attendance.item_quorum(s, item), item
        assert people.present == attendance.present_at_item(s, item)
        assert dict(people.ballots) == voting.ballots_of(s, item)
    assert session.item_people(s, items[1]).outcome.tie_broken_by_presiding
    assert not session.item_people(s, items[0]).quorum.has_quorum  # 4 present, 1 recused


def test_a_decision_left_as_its_template_gives_both_languages(s, world, setting):
    """Templates hold both languages: a standard decision is not typed twice."""
    meeting, first, second, members = setting
    template = catalogs.entries(s, CatalogKind.DECISION_TEMPLATE)[0]
    assert template.text_ru and template.text_kk
    mark_all_present(s, world.admin, meeting.id, members)
    voting.vote_all_for(s, world.admin, first.id)
    both = session.template_texts(s, world.admin, first.id, s.get(CatalogItem, template.id))
    assert "{child}" not in both.kk and "Akhmetov Arman" in both.kk  # filled in
    decision = session.record_draft(s, world.admin, first.id,
                                    ItemDraft(template.id, both.kk + " "), lang="kk")
    assert decision.text == both
    assert session.draft_of(s, first.id) == ItemDraft()
