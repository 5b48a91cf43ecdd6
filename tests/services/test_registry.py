"""The registry query (filters, keyset pages, letter-insensitive search) and the child
card's timeline, without Qt."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from app.domain.iin import Sex, make_iin
from app.domain.roles import Role
from app.errors import PermissionDenied, ValidationError
from app.models.enums import CatalogKind, Effectiveness
from app.services import cases, catalogs, children, measures, meetings, registry, timeline, voting
from app.services.children import ChildInput
from app.services.context import Actor
from app.services.registry import RegistryFilter
from tests.services.helpers import approve_members, days, decide_case, mark_all_present, plan
from tests.text import ru


def add(s, world, surname: str, first: str = "Арман", *, patronymic: str | None = None,
        born: dt.date = dt.date(2012, 5, 17), sex: Sex = Sex.MALE, serial: int | None = None,
        district: str | None = None) -> str:
    iin = make_iin(born, sex, serial) if serial is not None else None
    return children.register_child(s, world.admin, world.commission_id, ChildInput(
        surname=surname, first_name=first, patronymic=patronymic, birth_date=born, sex=sex,
        iin=iin, district_id=district)).child.id


def names(rows) -> list[str]:
    return [r.full_name for r in rows]


def find(s, world, **flt) -> list[registry.RegistryRow]:
    return registry.find_children(s, world.commission_id, RegistryFilter(**flt), limit=1000)


def category(s, code: str) -> str:
    return catalogs.entry_id(s, CatalogKind.CATEGORY, code)


def test_text_is_case_and_kazakh_letter_insensitive(s, world):
    aliev = add(s, world, "Әлиев", "Нұрлан", patronymic="Серікұлы", serial=7)
    add(s, world, "Алиева", "Мадина", sex=Sex.FEMALE)
    add(s, world, "Петров", "Иван")
    # In name order: "алиев..." sorts before "алиева...", whatever the first letter.
    assert names(find(s, world, text="алиев")) == ["Әлиев Нұрлан Серікұлы",
                                                   "Алиева Мадина"]
    # Kazakh letters typed find the Russian spelling too, and capitals do not matter.
    assert len(find(s, world, text="ӘЛИЕВ")) == 2
    assert [r.id for r in find(s, world, text="нурлан")] == [aliev]
    assert [r.id for r in find(s, world, text="  сериколы  ")] == []
    assert [r.id for r in find(s, world, text="серикулы")] == [aliev]
    # Every word must occur, in any order; the IIN is searched too.
    assert [r.id for r in find(s, world, text="нурлан алиев")] == [aliev]
    iin = make_iin(dt.date(2012, 5, 17), Sex.MALE, 7)
    assert [r.id for r in find(s, world, text=iin[:8])] == [aliev]
    assert find(s, world, text="алиев петров") == []


def test_like_wildcards_are_searched_literally(s, world):
    add(s, world, "Иванов")
    assert find(s, world, text="%") == []
    assert find(s, world, text="_") == []
    assert len(find(s, world, text="и%в")) == 0
    assert len(find(s, world, text="иван")) == 1


def test_rows_carry_district_categories_register_curator_and_overdue(s, world):
    district = catalogs.find_territory(s, "Баянаульский район")
    kid = add(s, world, "Серіков", serial=3, district=district)
    children.add_category(s, world.admin, kid, category(s, "truancy"), days(-100))
    children.add_category(s, world.admin, kid, category(s, "neglect"), days(-50))
    children.put_on_register(s, world.admin, kid, on=days(-40), reason=ru("Decision 1/2026"))
    children.assign_curator(s, world.admin, kid, name="Жанар Омарова", position=ru("Psychologist"),
                            on=days(-30))
    (row,) = registry.find_children(s, world.commission_id, RegistryFilter(), lang="ru")
    assert row.id == kid and row.full_name == "Серіков Арман"
    assert row.iin == make_iin(dt.date(2012, 5, 17), Sex.MALE, 3)
    assert row.birth_date == dt.date(2012, 5, 17)
    assert row.district == "Баянаульский район"
    # Catalog order, not the order they were added in; names in the language asked.
    cats = catalogs.entries(s, CatalogKind.CATEGORY)
    expected = [c.name_ru for c in cats if c.code in ("neglect", "truancy")]
    assert row.categories == ", ".join(expected)
    assert row.on_register and row.curator_name == "Жанар Омарова"
    assert row.overdue_count == 0
    kk = registry.find_children(s, world.commission_id, RegistryFilter(), lang="kk")[0]
    assert kk.district == "Баянауыл ауданы"
    assert kk.categories == ", ".join(c.name_kk for c in cats if c.code in ("neglect", "truancy"))


def test_filters_narrow_the_list(s, world):
    bayanaul = catalogs.find_territory(s, "Баянаульский район")
    a = add(s, world, "Абаев", district=bayanaul)
    b = add(s, world, "Бекова", "Айгерім", sex=Sex.FEMALE)
    c = add(s, world, "Цой", "Виктор", district=bayanaul)
    children.add_category(s, world.admin, b, category(s, "bullying_victim"), days(-10))
    children.put_on_register(s, world.admin, c, on=days(-20), reason=ru("Offence"))
    children.put_on_register(s, world.admin, a, on=days(-200), reason=ru("Offence"))
    children.remove_from_register(s, world.admin, a, on=days(-100), reason=ru("Corrected"))
    children.assign_curator(s, world.admin, a, name="Әйгерім Нұрланқызы", position=ru("Teacher"),
                            on=days(-5))

    def ids(**flt):
        return {r.id for r in find(s, world, **flt)}

    assert ids() == {a, b, c}
    assert ids(district_id=bayanaul) == {a, c}
    assert ids(category_id=category(s, "bullying_victim")) == {b}
    assert ids(category_id=category(s, "truancy")) == set()
    assert ids(register_status="on") == {c}  # a was removed from it
    assert ids(register_status="off") == {a, b}
    assert ids(curator="АЙГЕРИМ") == {a}  # folded: case and Kazakh letters
    assert ids(curator="нурланкызы") == {a}
    assert ids(curator="Петров") == set()
    assert ids(district_id=bayanaul, register_status="off") == {a}
    assert ids(district_id=bayanaul, text="цой", register_status="on") == {c}
    for flt in ({}, {"district_id": bayanaul}, {"register_status": "off"},
                {"category_id": category(s, "bullying_victim")}, {"curator": "айгерим"}):
        assert registry.count_children(s, world.commission_id, RegistryFilter(**flt)) == \
            len(ids(**flt))
    with pytest.raises(ValidationError):
        find(s, world, register_status="maybe")


def test_overdue_filter_and_count(s, world):
    members = approve_members(s, world)
    meeting = plan(s, world, days(-60))
    mark_all_present(s, world.admin, meeting.id, members)
    late = decide_case(s, world, meeting.id, [days(-10), days(-5), days(30)])
    on_time = decide_case(s, world, meeting.id, [days(20)])
    reported = decide_case(s, world, meeting.id, [days(-10)])
    measures.report_measure(s, world.admin, reported.measures[0].id, reported_on=days(-3),
                            text=ru("Done"))
    rows = {r.id: r for r in find(s, world)}
    assert rows[late.child_id].overdue_count == 2
    assert rows[on_time.child_id].overdue_count == 0
    assert rows[reported.child_id].overdue_count == 0  # reported: no longer overdue
    assert [r.id for r in find(s, world, has_overdue_measures=True)] == [late.child_id]
    # Overdue is as of a day: before the deadlines nothing was late.
    early = registry.find_children(s, world.commission_id,
                                   RegistryFilter(has_overdue_measures=True), on=days(-11))
    assert early == []


def test_keyset_pages_give_every_row_once_in_name_order(s, world):
    # Same names (no IIN) tie on search_key: the id breaks the tie.
    ids = set(children.register_children(s, world.admin, world.commission_id, [
        ChildInput(surname=surname, first_name="Ерлан", birth_date=dt.date(2011, 1, 1) +
                   dt.timedelta(days=n), sex=Sex.MALE)
        for n, surname in enumerate(["Омаров", "Омаров", "Ахметов", "Әбенов", "Жаксыбеков",
                                     "Омаров", "Ильин", "Іргебаев", "Юн", "Ли", "Ким"] * 3)]))
    for flt in (RegistryFilter(), RegistryFilter(text="омаров"), RegistryFilter(text="ер")):
        seen: list[registry.RegistryRow] = []
        after = None
        while True:
            page = registry.find_children(s, world.commission_id, flt, after=after, limit=4)
            assert len(page) <= 4
            if not page:
                break
            seen += page
            after = page[-1].cursor
        everything = registry.find_children(s, world.commission_id, flt, limit=1000)
        assert [r.id for r in seen] == [r.id for r in everything]
        assert len({r.id for r in seen}) == len(seen)
        keys = [r.cursor for r in seen]
        assert keys == sorted(keys)
        assert len(seen) == registry.count_children(s, world.commission_id, flt)
    assert {r.id for r in find(s, world)} == ids
    assert len(find(s, world, text="омаров")) == 9


def test_deleted_children_and_other_commissions_are_not_listed(s, world):
    kept = add(s, world, "Оспанов")
    gone = add(s, world, "Оспанова", sex=Sex.FEMALE)
    s.execute(text("UPDATE child SET deleted = :yes WHERE id = :id"), {"yes": True, "id": gone})
    assert [r.id for r in find(s, world)] == [kept]
    assert registry.find_children(s, "no-such-commission", RegistryFilter()) == []


@pytest.mark.parametrize("backend", ["sqlite"])  # SQLite's plans; PostgreSQL's: test_registry_pg
def test_the_registry_query_uses_the_registry_index(s, world):
    """Text and no filter walk ix_child_registry in order (no sort of every child); a
    small-set filter looks its children up by id."""
    from sqlalchemy import event

    captured: list[tuple[str, object]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        captured.append((statement, parameters))

    engine = s.get_bind()
    event.listen(engine, "before_cursor_execute", grab)
    try:
        def plan_of(flt: RegistryFilter) -> str:
            captured.clear()
            registry.find_children(s, world.commission_id, flt)
            statement, params = captured[-1]
            rows = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
            return " | ".join(r[3] for r in rows if r[1] == 0)

        for flt in (RegistryFilter(), RegistryFilter(text="ахм"),
                    RegistryFilter(district_id="x")):
            found = plan_of(flt)
            assert "ix_child_registry" in found and "TEMP B-TREE" not in found, found
        for flt in (RegistryFilter(category_id="x"), RegistryFilter(register_status="on")):
            found = plan_of(flt)
            assert "ix_child_registry" not in found, found
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def test_filter_choices(s, world):
    choices = registry.filter_choices(s, world.commission_id, lang="kk")
    assert choices.districts[0].name == "Баянауыл ауданы"  # the commission's own territory
    codes = [c.code for c in catalogs.entries(s, CatalogKind.CATEGORY)]
    assert len(choices.categories) == len(codes)
    assert choices.categories[0].name == catalogs.entries(s, CatalogKind.CATEGORY)[0].name_kk


@pytest.fixture
def history(s, world):
    """A child with a case decided at one meeting (two measures), a report, its
    acceptance, an assessment at a control item of a later meeting, a category and a
    register entry put on and removed."""
    members = approve_members(s, world)
    first = plan(s, world, days(-90))
    mark_all_present(s, world.admin, first.id, members)
    decision = decide_case(s, world, first.id, [days(-30), days(60)])
    kid = decision.child_id
    m1, m2 = decision.measures
    report = measures.report_measure(s, world.admin, m1.id, reported_on=days(-35),
                                     text=ru("Individual plan done"), reported_by="School No. 5")
    second = plan(s, world, days(-20))
    mark_all_present(s, world.admin, second.id, members)
    # m1's deadline passed before the second meeting and its report is not accepted yet:
    # the agenda gets a control item for it, where it is accepted and assessed.
    (item,) = [i for i in meetings.build_agenda(s, world.admin, second.id)
               if i.measure_id == m1.id]
    measures.decide_report(s, world.admin, report.id, accepted=True, on=days(-20))
    assessment = measures.assess_measure(
        s, world.admin, m1.id, result=Effectiveness.EFFECTIVE, on=days(-20),
        next_review=days(40), comment=ru("Attends school"), item_id=item.id)
    cat = children.add_category(s, world.admin, kid, category(s, "truancy"), days(-95))
    children.put_on_register(s, world.admin, kid, on=days(-89), reason=ru("Decision 1"))
    children.remove_from_register(s, world.admin, kid, on=days(-10), reason=ru("Corrected"))
    case = cases.cases_of_child(s, kid)[0]
    return dict(kid=kid, decision=decision, m1=m1, m2=m2, report=report,
                assessment=assessment, category=cat, case=case, first=first, second=second,
                item=item)


def test_timeline_has_every_record_in_date_order(s, world, history):
    h = history
    entries = timeline.child_timeline(s, h["kid"], lang="en")
    got = [(e.date, e.kind, e.state) for e in entries]
    assert got == sorted(got, key=lambda x: x[0])  # by date
    assert got == [
        (days(-95), "category", None),
        (h["case"].received_on, "case", "open"),
        (days(-90), "decision", "adopted"),
        (days(-90), "measure", "accepted"),
        (days(-90), "measure", "assigned"),
        (days(-89), "register", "put_on"),
        (days(-35), "report", "accepted"),
        (days(-20), "assessment", "effective"),
        (days(-10), "register", "removed"),
    ]
    by_kind = {e.kind: e for e in entries}
    decision = by_kind["decision"]
    assert decision.title == h["decision"].label and decision.ref_id == h["decision"].id
    assert decision.meeting_label == h["first"].label
    assert decision.details == "Warn and assign individual work"
    measure_rows = [e for e in entries if e.kind == "measure"]
    assert [e.due for e in measure_rows] == [days(-30), days(60)]
    assert measure_rows[0].title.endswith("— School No. 5")
    assert measure_rows[0].details == f"Measure due {days(-30).isoformat()}"
    assert by_kind["report"].details == "Individual plan done"
    assert by_kind["report"].title.endswith("— School No. 5")
    assessment = by_kind["assessment"]
    assert assessment.due == days(40) and assessment.details == "Attends school"
    assert assessment.meeting_label == h["second"].label  # assessed at its control item
    assert by_kind["report"].meeting_label == h["first"].label  # the measure's meeting
    case = by_kind["case"]
    assert case.title.startswith(h["case"].label + " — ")
    assert case.details.startswith("Skips school")
    assert [e.details for e in entries if e.kind == "register"] == ["Decision 1", "Corrected"]


def test_timeline_shows_overdue_measures_and_rejected_decisions(s, world):
    members = approve_members(s, world)
    meeting = plan(s, world, days(-60))
    mark_all_present(s, world.admin, meeting.id, members)
    decision = decide_case(s, world, meeting.id, [days(-10)])
    entries = timeline.child_timeline(s, decision.child_id)
    assert [e.state for e in entries if e.kind == "measure"] == ["overdue"]
    # A second case of the same child, rejected by the vote.
    case = cases.open_case(s, world.admin, decision.child_id, received_on=days(-70),
                           source_id=catalogs.entry_id(s, CatalogKind.SOURCE, "police"),
                           category_id=category(s, "truancy"), description=ru("Second case"))
    item = meetings.add_child_case_item(s, world.admin, meeting.id, case.id)
    from app.domain.voting import Choice
    voting.vote_all_for(s, world.admin, item.id,
                        {m.id: Choice.AGAINST for m in members})
    from app.services import decisions
    decisions.record_decision(s, world.admin, item.id, text=ru("Not adopted"))
    entries = timeline.child_timeline(s, decision.child_id)
    assert [e.kind for e in entries].count("case") == 2
    assert sorted(e.state for e in entries if e.kind == "decision") == [
        "adopted", "not_adopted"]


def test_child_card(s, world, history):
    h = history
    children.add_representative(s, world.admin, h["kid"], full_name="Гүлнар Ахметова",
                                relation="mother", phone="+7 701 000 00 00")
    card = timeline.child_card(s, world.admin, h["kid"], lang="ru")
    assert card.child.id == h["kid"] and card.child.surname == "Akhmetov"
    assert [r.full_name for r in card.representatives] == ["Гүлнар Ахметова"]
    assert [(c.id, c.since) for c in card.categories] == [(h["category"], days(-95))]
    assert card.categories[0].name == catalogs.entries(s, CatalogKind.CATEGORY)[[
        c.code for c in catalogs.entries(s, CatalogKind.CATEGORY)].index("truancy")].name_ru
    assert [(r.put_on, r.removed_on) for r in card.register] == [(days(-89), days(-10))]
    assert not card.on_register
    assert len(card.timeline) == 9
    viewer = Actor("nobody", "nobody", Role.VIEWER)
    assert timeline.child_card(s, viewer, h["kid"]).child.id == h["kid"]
    with pytest.raises(PermissionDenied):
        children.add_category(s, viewer, h["kid"], category(s, "neglect"), days(-1))
