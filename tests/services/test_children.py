"""Registering children: IIN rules, duplicates, validation that changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text

from app.domain.iin import make_iin
from app.domain.roles import Role
from app.errors import PermissionDenied, StateError, ValidationError
from app.models import Child
from app.models.enums import CatalogKind, Sex
from app.services import catalogs, children, users
from app.services.children import ChildInput
from app.services.context import today
from tests.text import ru

BIRTH = dt.date(2012, 11, 3)


def child(**over) -> ChildInput:
    base = dict(surname="Ахметов", first_name="Дәулет", patronymic="Серікұлы",
                birth_date=BIRTH, sex=Sex.MALE, iin=make_iin(BIRTH, Sex.MALE, 42))
    base.update(over)
    return ChildInput(**base)


def register(world, data: ChildInput):
    with world.db.session() as s:
        return children.register_child(s, world.admin, world.commission_id, data)


def count_children(world) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.count()).select_from(Child))


def test_wrong_check_digit_is_an_error_and_writes_nothing(world):
    good = make_iin(BIRTH, Sex.MALE, 42)
    bad = good[:11] + str((int(good[11]) + 1) % 10)
    with pytest.raises(ValidationError) as exc:
        register(world, child(iin=bad))
    assert exc.value.field == "iin"
    assert "check digit" in exc.value.user_message("en")
    assert count_children(world) == 0


def test_mismatch_with_birth_date_or_sex_is_a_warning(world):
    other_day = make_iin(dt.date(2012, 11, 4), Sex.FEMALE, 7)
    result = register(world, child(iin=other_day))
    assert {n.code for n in result.notices} == {"iin_birth_date", "iin_sex"}
    assert count_children(world) == 1


def test_the_second_pass_iin_is_accepted(world):
    result = register(world, child(iin="061211600012", birth_date=dt.date(2006, 12, 11)
                                   if today() < dt.date(2024, 12, 11) else
                                   dt.date(2012, 12, 11)))
    assert result.child.iin == "061211600012"


def test_same_iin_is_refused_same_name_and_birth_date_is_flagged(world):
    first = register(world, child()).child
    with pytest.raises(ValidationError, match="already registered"):
        register(world, child(surname="Другой"))
    second = register(world, child(iin=None, surname="АХМЕТОВ", first_name="дәулет"))
    assert [d.id for d in second.duplicates] == [first.id]
    assert second.duplicates[0].reason == "name_and_birth_date"
    assert "possible_duplicate" in {n.code for n in second.notices}
    with world.db.session() as s:
        found = children.find_duplicates(s, iin=first.iin, surname="x", first_name="y",
                                         birth_date=dt.date(2010, 1, 1))
    assert [(d.id, d.reason) for d in found] == [(first.id, "iin")]


@pytest.mark.parametrize(("over", "field"), [
    ({"surname": "  "}, "surname"),
    ({"first_name": "x" * 101}, "first_name"),
    ({"birth_date": today() + dt.timedelta(days=1)}, "birth_date"),
    ({"birth_date": dt.date(today().year - 19, 1, 1), "iin": None}, "birth_date"),
    ({"iin": "12345"}, "iin"),
    ({"family_situation": "a" * 10_001}, "family_situation"),
    ({"surname": "Ахме\x00тов"}, "surname"),
    ({"language": "fr"}, "language"),
])
def test_bad_input_is_refused_with_the_field_named(world, over, field):
    with pytest.raises(ValidationError) as exc:
        register(world, child(**over))
    assert exc.value.field == field
    assert count_children(world) == 0


def test_errors_read_in_russian_and_kazakh(world):
    with pytest.raises(ValidationError) as exc:
        register(world, child(iin="12345"))
    assert exc.value.user_message("ru") != exc.value.user_message("en")
    assert exc.value.user_message("kk") != exc.value.user_message("en")


def test_a_viewer_cannot_register(world):
    with world.db.session() as s:
        viewer = users.create_user(s, world.admin, login="viewer1", full_name="V",
                                   role=Role.VIEWER, password="long enough").actor()
    with pytest.raises(PermissionDenied), world.db.session() as s:
        children.register_child(s, viewer, world.commission_id, child())
    assert count_children(world) == 0


def test_bulk_registration_is_all_or_nothing(world, needs_capture):
    rows = [child(iin=make_iin(BIRTH, Sex.MALE, 5 * i), first_name=f"Бала{i}")
            for i in range(50)]
    rows[37] = child(iin="000000000001")  # wrong check digit
    with pytest.raises(ValidationError) as exc, world.db.session() as s:
        children.register_children(s, world.admin, world.commission_id, rows)
    assert exc.value.params["row"] == 38
    assert count_children(world) == 0
    rows[37] = child(iin=make_iin(BIRTH, Sex.MALE, 999), first_name="Бала37")
    with world.db.session() as s:
        ids = children.register_children(s, world.admin, world.commission_id, rows)
    assert len(ids) == 50 == count_children(world)
    with world.db.engine.connect() as conn:
        logged = conn.execute(text("SELECT count(*) FROM change_log WHERE tbl = 'child'"))
        assert logged.scalar_one() == 50


def test_search_key_folds_case_and_kazakh_letters(world):
    kid = register(world, child()).child
    with world.db.session() as s:
        key = s.get(Child, kid.id).search_key
    assert key == f"ахметов даулет серикулы {kid.iin}"


def test_register_categories_curator_consent(world):
    kid = register(world, child()).child
    day = today() - dt.timedelta(days=10)
    with world.db.session() as s:
        cat = catalogs.entries(s, CatalogKind.CATEGORY)[2].id
        children.add_category(s, world.admin, kid.id, cat, day)
        with pytest.raises(ValidationError, match="already has"):
            children.add_category(s, world.admin, kid.id, cat, day)
        children.put_on_register(s, world.admin, kid.id, on=day, reason=ru("Буллинг"))
        assert children.on_register(s, kid.id)
        with pytest.raises(StateError):
            children.put_on_register(s, world.admin, kid.id, on=day, reason=ru("again"))
        with pytest.raises(ValidationError):
            children.remove_from_register(s, world.admin, kid.id,
                                          on=day - dt.timedelta(days=1), reason=ru("early"))
        children.remove_from_register(s, world.admin, kid.id, on=today(), reason=ru("Исправился"))
        assert not children.on_register(s, kid.id)
        info = children.assign_curator(s, world.admin, kid.id, name="Омарова А.",
                                       position=ru("психолог"), on=day)
        assert info.curator_name == "Омарова А."
        info = children.record_consent(s, world.admin, kid.id, given_by="мать", on=day,
                                       basis=ru("письменное согласие"))
        assert info.consent_on == day


def test_bulk_registration_refuses_an_unknown_district(world):
    with pytest.raises(ValidationError) as exc, world.db.session() as s:
        children.register_children(s, world.admin, world.commission_id,
                                   [child(district_id="no-such-district")])
    assert (exc.value.field, exc.value.params["row"]) == ("district_id", 1)
