"""The Children screen, driven through its real widgets (off-screen, ops inline)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from app.domain.iin import Sex, make_iin
from app.models.enums import CatalogKind
from app.services import catalogs, children, measures
from app.services.children import ChildInput
from app.services.registry import RegistryFilter
from app.ui.children.card import ChildCard
from app.ui.children.editor import ChildEditor
from app.ui.children.model import PAGE, RegistryModel, TimelineModel
from app.ui.children.screen import ChildrenScreen
from tests.services.helpers import approve_members, days, decide_case, mark_all_present, plan
from tests.text import ru

BORN = dt.date(2012, 5, 17)


@pytest.fixture
def screen(qtbot, ctx):
    widget = ChildrenScreen(ctx)
    ctx.runner.sig_changed.connect(widget.on_changed)  # the main window's wiring
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # window shortcuts (Ctrl+N, Ctrl+F) need it
    widget.ensure_loaded()
    return widget


def register(world, surname: str, first: str = "Арман", *, born: dt.date = BORN,
             sex: Sex = Sex.MALE, serial: int | None = None, **extra) -> str:
    with world.db.session() as s:
        return children.register_child(s, world.admin, world.commission_id, ChildInput(
            surname=surname, first_name=first, birth_date=born, sex=sex,
            iin=make_iin(born, sex, serial) if serial is not None else None, **extra)).child.id


def type_text(widget, text: str) -> None:
    """Type like a user, Kazakh letters included (QTest.keyClicks knows only ASCII)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def shown(label: QLabel) -> bool:
    return not label.isHidden() and bool(label.text())


def names(model: RegistryModel) -> list[str]:
    return [r.full_name for r in model.rows]


def open_editor(qtbot, screen: ChildrenScreen) -> ChildEditor:
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    editor = screen.editor
    assert editor.isVisible()
    return editor


def test_add_a_child_with_a_wrong_then_a_right_iin(qtbot, screen, world):
    editor = open_editor(qtbot, screen)
    type_text(editor.surname, "Әлиев")
    type_text(editor.first_name, "Нұрлан")
    good = make_iin(BORN, Sex.MALE, 42)
    wrong = good[:11] + str((int(good[11]) + 1) % 10)
    error = editor.findChild(QLabel, "error_iin")

    type_text(editor.iin, wrong[:6])
    assert not shown(error)  # still typing: a short number is not an error yet
    type_text(editor.iin, wrong[6:])
    assert shown(error) and "check digit" in error.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()  # refused before anything is written
    assert screen.model.rows == []

    editor.iin.clear()
    type_text(editor.iin, "12ab")
    assert shown(error) and "12 digits" in error.text()  # not digits: an error at once
    editor.iin.clear()
    type_text(editor.iin, good)
    assert not shown(error)
    # The IIN knows the date of birth and the sex: they are filled in.
    assert editor.birth_date.date() == QDate(BORN)
    assert editor.sex.currentData() == Sex.MALE.value
    assert not shown(editor.iin_warning)
    editor.sex.setCurrentIndex(editor.sex.findData(Sex.FEMALE.value))
    assert shown(editor.iin_warning) and "other sex" in editor.iin_warning.text()
    editor.sex.setCurrentIndex(editor.sex.findData(Sex.MALE.value))
    assert not shown(editor.iin_warning)

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    (row,) = screen.model.rows
    assert (row.full_name, row.iin, row.birth_date) == ("Әлиев Нұрлан", good, BORN)
    assert screen.card.child_id == row.id  # the new child's card is shown
    assert screen.card.title.text() == "Әлиев Нұрлан"


def test_required_fields_and_dates_are_checked_inline(qtbot, screen):
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    # Ctrl+N clicks "New child" (an animated click: it lands a moment later).
    qtbot.waitUntil(lambda: getattr(screen, "editor", None) is not None, timeout=2000)
    editor = screen.editor
    assert editor.isVisible() and editor.windowTitle() == "New child"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    for field in ("surname", "first_name", "birth_date", "sex"):
        assert shown(editor.findChild(QLabel, f"error_{field}")), field
    assert editor.isVisible()
    eighteen = days(0).replace(day=1, year=days(0).year - 18)  # of age this month
    editor.birth_date.setDate(QDate(eighteen - dt.timedelta(days=1)))
    assert "under 18" in editor.findChild(QLabel, "error_birth_date").text()
    editor.birth_date.setDate(QDate(BORN))
    assert not shown(editor.findChild(QLabel, "error_birth_date"))
    type_text(editor.surname, "Омаров")
    type_text(editor.first_name, "Ерлан")
    editor.sex.setCurrentIndex(editor.sex.findData(Sex.MALE.value))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert names(screen.model) == ["Омаров Ерлан"]


def test_duplicate_warning_must_be_confirmed(qtbot, screen, world):
    register(world, "Серікова", "Айгерім", sex=Sex.FEMALE)
    screen.reload()
    editor = open_editor(qtbot, screen)
    type_text(editor.surname, "СЕРИКОВА")  # the same name, typed differently
    type_text(editor.first_name, "Айгерим")
    editor.birth_date.setDate(QDate(BORN))
    editor.sex.setCurrentIndex(editor.sex.findData(Sex.FEMALE.value))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    warning = editor.findChild(QLabel, "duplicateWarning")
    assert shown(warning) and "Серікова Айгерім, 17.05.2012" in warning.text()
    assert editor.save_button.text() == "Save anyway"
    assert len(screen.model.rows) == 1 and editor.isVisible()  # nothing written yet

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # "Save anyway"
    assert not editor.isVisible()
    assert len(screen.model.rows) == 2


def test_changing_the_name_after_a_warning_asks_again(qtbot, screen, world):
    register(world, "Ким", "Виктор")
    editor = open_editor(qtbot, screen)
    type_text(editor.surname, "Ким")
    type_text(editor.first_name, "Виктор")
    editor.birth_date.setDate(QDate(BORN))
    editor.sex.setCurrentIndex(editor.sex.findData(Sex.MALE.value))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.save_button.text() == "Save anyway"
    type_text(editor.first_name, "а")  # now another child: warning withdrawn
    assert not shown(editor.findChild(QLabel, "duplicateWarning"))
    assert editor.save_button.text() == "Save"


def test_the_same_iin_is_refused_next_to_the_field(qtbot, screen, world):
    register(world, "Ахметов", serial=5)
    screen.reload()
    editor = open_editor(qtbot, screen)
    type_text(editor.surname, "Другой")
    type_text(editor.first_name, "Ребёнок")
    type_text(editor.iin, make_iin(BORN, Sex.MALE, 5))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    error = editor.findChild(QLabel, "error_iin")
    assert shown(error) and "already registered" in error.text()
    assert editor.isVisible() and len(screen.model.rows) == 1


def test_a_service_error_is_shown_next_to_its_field(qtbot, screen, world, monkeypatch):
    """Whatever the service refuses comes back to the field it names."""
    from app.errors import ValidationError

    def refuse(*_a, **_k):
        raise ValidationError("The address is refused.", field="address")

    monkeypatch.setattr(children, "register_child", refuse)
    editor = open_editor(qtbot, screen)
    type_text(editor.surname, "Ли")
    type_text(editor.first_name, "Марк")
    editor.birth_date.setDate(QDate(BORN))
    editor.sex.setCurrentIndex(editor.sex.findData(Sex.MALE.value))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.findChild(QLabel, "error_address").text() == "The address is refused."
    assert editor.isVisible() and editor.save_button.isEnabled()


def test_find_a_child_with_the_filter(qtbot, screen, world):
    aliev = register(world, "Әлиев", "Нұрлан")
    register(world, "Алиева", "Мадина", sex=Sex.FEMALE)
    register(world, "Петров", "Иван")
    screen.reload()
    assert len(screen.model.rows) == 3
    table = screen.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is screen.filter_edit

    type_text(screen.filter_edit, "алиев")  # finds "Әлиев" too
    assert len(screen.model.rows) == 3  # not on every keystroke: after a pause
    qtbot.waitUntil(lambda: len(screen.model.rows) == 2, timeout=2000)
    assert names(screen.model) == ["Әлиев Нұрлан", "Алиева Мадина"]
    qtbot.waitUntil(lambda: screen.count_label.text() == "Found: 2", timeout=2000)

    screen.filter_edit.clear()
    type_text(screen.filter_edit, "нурлан")
    qtbot.keyClick(screen.filter_edit, Qt.Key.Key_Return)  # Enter: at once, no waiting
    assert [r.id for r in screen.model.rows] == [aliev]

    screen.filter_edit.clear()  # the clear button: the whole list at once
    assert len(screen.model.rows) == 3
    type_text(screen.filter_edit, "zzz")
    qtbot.keyClick(screen.filter_edit, Qt.Key.Key_Return)
    assert screen.model.rows == []
    screen.update_count()
    assert screen.count_label.text() == "No children found"


def _choose(box: QComboBox, data) -> None:
    box.setCurrentIndex(box.findData(data))


def test_each_filter_narrows_the_list(qtbot, screen, world):
    with world.db.session() as s:
        bayanaul = catalogs.find_territory(s, "Баянаульский район")
        truancy = catalogs.entry_id(s, CatalogKind.CATEGORY, "truancy")
    a = register(world, "Абаев", district_id=bayanaul)
    b = register(world, "Бекова", "Айгерім", sex=Sex.FEMALE)
    c = register(world, "Цой", "Виктор", district_id=bayanaul)
    with world.db.session() as s:
        children.add_category(s, world.admin, b, truancy, days(-10))
        children.put_on_register(s, world.admin, c, on=days(-20), reason=ru("Offence"))
        children.assign_curator(s, world.admin, a, name="Әйгерім Нұрланқызы",
                                position=ru("Teacher"), on=days(-5))
        members = approve_members(s, world)
        meeting = plan(s, world, days(-60))
        mark_all_present(s, world.admin, meeting.id, members)
        late = decide_case(s, world, meeting.id, [days(-10)]).child_id
    screen.reload()

    def ids() -> set[str]:
        return {r.id for r in screen.model.rows}

    everyone = {a, b, c, late}
    assert ids() == everyone
    _choose(screen.district, bayanaul)
    assert ids() == {a, c}
    _choose(screen.register_status, "on")
    assert ids() == {c}
    _choose(screen.register_status, "off")
    assert ids() == {a}
    _choose(screen.register_status, "any")
    _choose(screen.district, None)
    _choose(screen.category, truancy)
    assert ids() == {b}
    _choose(screen.category, None)
    qtbot.mouseClick(screen.overdue, Qt.MouseButton.LeftButton)
    assert ids() == {late}
    (row,) = screen.model.rows
    assert row.overdue_count == 1
    qtbot.mouseClick(screen.overdue, Qt.MouseButton.LeftButton)
    type_text(screen.curator, "айгерим")
    qtbot.keyClick(screen.curator, Qt.Key.Key_Return)
    assert ids() == {a}
    screen.curator.clear()
    qtbot.keyClick(screen.curator, Qt.Key.Key_Return)
    assert ids() == everyone


@pytest.fixture
def history(world):
    """A child whose case was decided with a measure that was reported on and assessed."""
    with world.db.session() as s:
        members = approve_members(s, world)
        meeting = plan(s, world, days(-60))
        mark_all_present(s, world.admin, meeting.id, members)
        decision = decide_case(s, world, meeting.id, [days(-10), days(40)])
        m = decision.measures[0]
        report = measures.report_measure(s, world.admin, m.id, reported_on=days(-12),
                                         text=ru("Plan carried out"), reported_by="School No. 5")
        measures.decide_report(s, world.admin, report.id, accepted=True, on=days(-11))
        from app.models.enums import Effectiveness
        measures.assess_measure(s, world.admin, m.id, result=Effectiveness.EFFECTIVE,
                                on=days(-5), comment=ru("Attends school"))
        children.add_representative(s, world.admin, decision.child_id,
                                    full_name="Гүлнар Ахметова", relation="mother",
                                    phone="+7 701 000 00 00")
    return decision, meeting


def test_open_the_card_and_see_the_timeline(qtbot, screen, world, history):
    decision, meeting = history
    register(world, "Яковлев")  # another child, listed after
    screen.reload()
    row = screen.model.row_of(decision.child_id)
    rect = screen.table.visualRect(screen.model.index(row, 0))
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    card = screen.card
    assert card.child_id == decision.child_id
    assert card.title.text() == "Akhmetov Arman"
    assert "Гүлнар Ахметова (Mother), +7 701 000 00 00" in card.values[
        "representatives"].text()
    model = card.timeline_model
    kinds = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert kinds == ["Case", "Decision", "Measure", "Measure", "Report", "Assessment"]
    dates = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert dates[1] == f"{days(-60):%d.%m.%Y}" and dates[-1] == f"{days(-5):%d.%m.%Y}"
    content = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert content[1].startswith(decision.label + " — Warn and assign individual work")
    assert f"meeting {meeting.label}" in content[1]
    assert f"deadline {days(-10):%d.%m.%Y}" in content[2]
    assert "Plan carried out" in content[4]
    states = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert states == ["Open", "Adopted", "Accepted", "Assigned", "Accepted", "Effective"]

    # Enter on another row opens that child's card.
    other = screen.model.row_of(next(r.id for r in screen.model.rows
                                     if r.full_name == "Яковлев Арман"))
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(other, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert card.title.text() == "Яковлев Арман"
    assert card.timeline_model.rowCount() == 0


def test_open_child_from_another_screen(qtbot, screen, world, history):
    decision, _meeting = history
    other = register(world, "Борисов")
    screen.reload()
    screen.open_child(decision.child_id)
    assert screen.card.child_id == decision.child_id
    assert screen.table.currentIndex().row() == screen.model.row_of(decision.child_id)
    # A child the filter hides still gets the card.
    type_text(screen.filter_edit, "борисов")
    qtbot.keyClick(screen.filter_edit, Qt.Key.Key_Return)
    assert [r.id for r in screen.model.rows] == [other]
    screen.open_child(decision.child_id)
    assert screen.card.title.text() == "Akhmetov Arman"


def test_card_dialogs_write_through_the_services(qtbot, screen, world):
    kid = register(world, "Нұрланов", "Әли")
    screen.reload()
    screen.open_child(kid)
    card: ChildCard = screen.card

    qtbot.mouseClick(card.buttons["addRepresentative"], Qt.MouseButton.LeftButton)
    dialog = card.last_dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no name: refused
    assert dialog.isVisible() and shown(dialog.findChild(QLabel, "error_full_name"))
    type_text(dialog.full_name, "Сәуле Нұрланова")
    _choose(dialog.relation, "mother")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Сәуле Нұрланова (Mother)" in card.values["representatives"].text()

    assert card.buttons["registerButton"].text() == "Put on the register…"
    qtbot.mouseClick(card.buttons["registerButton"], Qt.MouseButton.LeftButton)
    dialog = card.last_dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert shown(dialog.findChild(QLabel, "error_reason"))  # the reason is required
    type_text(dialog.reason.editor(), "Decision 3/2026")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert card.buttons["registerButton"].text() == "Remove from the register…"
    assert screen.model.rows[0].on_register  # the list refreshed on the change signal
    assert "Decision 3/2026" in card.values["register"].text()
    kinds = [card.timeline_model.index(r, 1).data()
             for r in range(card.timeline_model.rowCount())]
    assert kinds == ["Preventive register"]

    qtbot.mouseClick(card.buttons["addCategory"], Qt.MouseButton.LeftButton)
    dialog = card.last_dialog
    with world.db.session() as s:
        neglect = catalogs.entry_id(s, CatalogKind.CATEGORY, "neglect")
    _choose(dialog.category, neglect)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert screen.model.rows[0].categories != ""

    qtbot.mouseClick(card.buttons["assignCurator"], Qt.MouseButton.LeftButton)
    dialog = card.last_dialog
    type_text(dialog.name, "Жанар Омарова")
    type_text(dialog.position.editor(), "Psychologist")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Жанар Омарова, Psychologist" in card.values["curator"].text()
    assert screen.model.rows[0].curator_name == "Жанар Омарова"

    qtbot.mouseClick(card.buttons["recordConsent"], Qt.MouseButton.LeftButton)
    dialog = card.last_dialog
    type_text(dialog.given_by, "Сәуле Нұрланова")
    type_text(dialog.basis.editor(), "Written consent")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "given by Сәуле Нұрланова" in card.values["consent"].text()

    qtbot.mouseClick(card.buttons["openCase"], Qt.MouseButton.LeftButton)
    dialog = card.last_dialog
    type_text(dialog.description.editor(), "Truancy since September")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    kinds = [card.timeline_model.index(r, 1).data()
             for r in range(card.timeline_model.rowCount())]
    assert kinds.count("Case") == 1


def test_edit_the_child_from_the_card(qtbot, screen, world):
    kid = register(world, "Ахметов", serial=9)
    screen.reload()
    screen.open_child(kid)
    qtbot.mouseClick(screen.card.buttons["editChild"], Qt.MouseButton.LeftButton)
    editor = screen.card.last_dialog
    assert isinstance(editor, ChildEditor) and editor.iin.text() == make_iin(BORN, Sex.MALE, 9)
    editor.surname.clear()
    type_text(editor.surname, "Әхметов")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # no duplicate: itself
    assert not editor.isVisible()
    assert names(screen.model) == ["Әхметов Арман"]
    assert screen.card.title.text() == "Әхметов Арман"


def test_a_viewer_cannot_edit(qtbot, ctx, world):
    from dataclasses import replace

    from app.domain.roles import Role
    from app.services.context import Actor

    viewer = replace(ctx, actor=Actor("viewer", "viewer", Role.VIEWER))
    widget = ChildrenScreen(viewer)
    qtbot.addWidget(widget)
    assert not widget.new_button.isEnabled()
    assert not any(b.isEnabled() for b in widget.card.buttons.values())


def test_the_list_loads_a_page_at_a_time(qtbot, screen, world):
    with world.db.session() as s:
        children.register_children(s, world.admin, world.commission_id, [
            ChildInput(surname=f"Фамилия{n:04d}", first_name="Имя", birth_date=BORN,
                       sex=Sex.MALE) for n in range(PAGE * 2 + 50)])
    screen.reload()
    model = screen.model
    assert len(model.rows) == PAGE and model.canFetchMore()
    screen.table.scrollToBottom()  # the view asks for the next page as it scrolls
    qtbot.waitUntil(lambda: len(model.rows) > PAGE, timeout=2000)
    while model.canFetchMore():
        model.fetchMore()
    assert len(model.rows) == PAGE * 2 + 50
    assert len({r.id for r in model.rows}) == len(model.rows)
    assert names(model) == sorted(names(model))


def test_models_pass_the_model_tester(qtmodeltester, ctx, world, history):
    with world.db.session() as s:
        children.register_children(s, world.admin, world.commission_id, [
            ChildInput(surname=f"Тест{n:03d}", first_name="Имя", birth_date=BORN,
                       sex=Sex.MALE) for n in range(PAGE + 20)])
    model = RegistryModel(ctx.runner, ctx.commission_id)
    model.set_filter(RegistryFilter())
    qtmodeltester.check(model)
    model.fetchMore()
    qtmodeltester.check(model)
    model.set_filter(RegistryFilter(text="nobody"))
    qtmodeltester.check(model)

    decision, _meeting = history
    from app.services import timeline
    timeline_model = TimelineModel()
    timeline_model.set_entries(ctx.runner.read(
        lambda s: timeline.child_card(s, ctx.actor, decision.child_id)).timeline)
    assert timeline_model.rowCount() == 6
    qtmodeltester.check(timeline_model)


def test_a_nul_in_the_search_is_refused_with_a_message(qtbot, screen, world):
    """A NUL ended SQLite's LIKE pattern and matched every child: now it is said, and
    the list stays as it was; the service refuses it too."""
    from app.errors import ValidationError
    from app.services import registry

    register(world, "Нұрланова")
    register(world, "Ахметова")
    type_text(screen.filter_edit, "Нұр")
    screen.apply_filter()
    assert names(screen.model) == ["Нұрланова Арман"]
    screen.filter_edit.insert("\x00")  # pasted: typing cannot enter it
    assert "\x00" in screen.filter_edit.text()
    screen.apply_filter()
    assert "control character" in screen.count_label.text()
    assert names(screen.model) == ["Нұрланова Арман"]
    with world.db.session() as s, pytest.raises(ValidationError, match="control"):
        registry.find_children(s, world.commission_id, RegistryFilter(text="а\x00"))
