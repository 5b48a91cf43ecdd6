"""The bilingual-text migration: a database of the previous release, whose texts were
typed in one column, comes out with each text in the column of its language, amendments
naming the column they correct, working languages set, and change capture intact."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import text

from app.db import open_database
from app.domain.bilingual import Bilingual
from app.migrate import alembic_config
from app.sync import capture
from tests.services.helpers import approve_members, days, plan
from tests.text import kk, ru

BEFORE = "b3c1d2e4f5a6"  # the revision before issue 12's


def _downgrade(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), BEFORE)


def test_old_texts_go_to_their_language_and_capture_still_works(world):
    from app.services import attendance, closing, decisions, meetings, voting

    with world.db.session() as s:
        members = approve_members(s, world, 5)
        russian = plan(s, world, days(-3))
        kazakh = meetings.plan_meeting(s, world.admin, world.commission_id, date=days(-2),
                                       place=kk("Баянауыл а., әкімдік, мәжіліс залы"))
        for m in members:
            attendance.mark_present(s, world.admin, kazakh.id, m.id)
        item = meetings.add_general_item(s, world.admin, kazakh.id,
                                         title=kk("Мектептердегі буллинг туралы"),
                                         reporter="Жақсыбай Е.С.")
        meetings.record_item_notes(s, world.admin, item.id, heard=ru("Доклад отдела"))
        voting.vote_all_for(s, world.admin, item.id)
        decisions.record_decision(s, world.admin, item.id, text=kk("Ақпарат назарға алынсын."))
        closing.close_meeting(s, world.admin, kazakh.id, ends_at=dt.time(12, 0))
        closing.amend(s, world.admin, kazakh.id, target_table="agenda_item",
                      target_id=item.id, field="heard_kk", new_text="Бөлімнің баяндамасы",
                      reason=kk("Аударма"))
    path = world.db.path
    _downgrade(world.db)
    world.db.dispose()
    db = open_database(path)  # back to head: the migration under test
    with db.engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, place_ru || '|' || coalesce(place_kk, '') "
                                      "FROM meeting WHERE place_ru IS NOT NULL")).all())
        assert rows[russian.id] == "Akimat, hall 2|"
        assert conn.execute(text("SELECT place_ru, place_kk FROM meeting WHERE id = :i"),
                            {"i": kazakh.id}).one() == (None,
                                                        "Баянауыл а., әкімдік, мәжіліс залы")
        assert conn.execute(text("SELECT title_ru, title_kk, heard_ru, heard_kk FROM "
                                 "agenda_item WHERE id = :i"), {"i": item.id}).one() == (
            None, "Мектептердегі буллинг туралы", "Доклад отдела", None)
        # The amendment's new text is Kazakh, so it names the Kazakh column.
        assert conn.execute(text("SELECT field FROM amendment")).scalar_one() == "heard_kk"
        assert capture.trigger_problems(conn) == []
    with db.session() as s:
        from app.services import meetings

        assert meetings.get_meeting(s, kazakh.id).place == kk(
            "Баянауыл а., әкімдік, мәжіліс залы")
        # Still captured for the exchange after the migration.
        before = s.execute(text("SELECT count(*) FROM change_log")).scalar_one()
        meetings.plan_meeting(s, world.admin, world.commission_id, date=days(5),
                              place=Bilingual("Зал", "Зал"))
        assert s.execute(text("SELECT count(*) FROM change_log")).scalar_one() > before
    db.dispose()


def test_a_commission_that_typed_kazakh_works_in_kazakh(world):
    from app.services import commissions, meetings

    with world.db.session() as s:
        approve_members(s, world, 5)
        for n in range(3):
            m = meetings.plan_meeting(s, world.admin, world.commission_id, date=days(n - 9),
                                      place=kk("Баянауыл а., әкімдік"))
            meetings.add_organisational_item(s, world.admin, m.id,
                                             title=kk("Жыл жоспары туралы"))
    path = world.db.path
    _downgrade(world.db)
    world.db.dispose()
    db = open_database(path)
    with db.session() as s:
        assert commissions.get_commission(s, world.commission_id).working_language == "kk"
        assert {m.working_language for m in meetings.meetings_of(s, world.commission_id)} == {
            "kk"}
    db.dispose()
