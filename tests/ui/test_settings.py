"""Settings screen: language choice, idle lock, quorum and majority rules through the
service, and the catalogs editor."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.roles import Role
from app.domain.voting import MajorityRule, QuorumRule
from app.models.enums import CatalogKind
from app.services import catalogs, commissions, users
from app.ui import app_settings as keys
from app.ui.app_settings import Settings
from app.ui.settings.screen import SettingsScreen


@pytest.fixture
def screen(ctx, qtbot):
    widget = SettingsScreen(ctx)
    qtbot.addWidget(widget)
    ctx.runner.sig_changed.connect(widget.on_changed)  # as the main window wires it
    widget.resize(1100, 700)
    widget.show()
    widget.ensure_loaded()
    return widget


def type_text(widget, text: str) -> None:
    """Type as a keyboard does, one key event per character: QTest.keyClicks cannot
    type letters outside ASCII (Cyrillic, Kazakh)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def rules(world):
    with world.db.session() as s:
        info = commissions.get_commission(s, world.commission_id)
    return info.quorum_rule, info.majority_rule


def test_choosing_kazakh_emits_the_language(screen, qtbot):
    combo = screen.language
    assert combo.currentData() == "en"  # the language the widgets were built in
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Русский", "Қазақша", "English"]
    with qtbot.waitSignal(screen.sig_language_chosen) as blocker:
        combo.setCurrentIndex(combo.findData("kk"))
    assert blocker.args == ["kk"]


def test_idle_lock_minutes_are_stored(screen, qtbot):
    assert screen.idle.value() == keys.IDLE_LOCK_MINUTES.default
    with qtbot.waitSignal(screen.sig_idle_lock_changed) as blocker:
        screen.idle.setValue(25)
    assert blocker.args == [25]
    assert Settings().get(keys.IDLE_LOCK_MINUTES) == 25
    screen.idle.setValue(0)
    assert screen.idle.text() == "Never"
    assert Settings().get(keys.IDLE_LOCK_MINUTES) == 0


def test_changing_the_quorum_rule_persists(screen, world, qtbot):
    assert rules(world) == (QuorumRule.MORE_THAN_HALF, MajorityRule.OF_VOTING)
    assert screen.quorum.currentText() == "More than half of the members"
    screen.quorum.setCurrentIndex(screen.quorum.findData("two_thirds"))
    screen.majority.setCurrentIndex(screen.majority.findData("of_present"))
    qtbot.mouseClick(screen.save_rules_button, Qt.MouseButton.LeftButton)
    assert rules(world) == (QuorumRule.TWO_THIRDS, MajorityRule.OF_PRESENT)
    assert screen.rules_message.text() == "Saved."
    # A fresh screen reads the stored rules back.
    again = SettingsScreen(screen.ctx)
    qtbot.addWidget(again)
    again.ensure_loaded()
    assert again.quorum.currentText() == "At least two thirds of the members"
    assert again.majority.currentData() == "of_present"


def test_only_who_manages_settings_may_change_rules_and_catalogs(ctx, world, qtbot):
    with world.db.session() as s:
        secretary = users.create_user(s, world.admin, login="secretary", full_name="S",
                                      role=Role.SECRETARY, password="long enough secret")
    widget = SettingsScreen(dataclasses.replace(ctx, actor=secretary.actor()))
    qtbot.addWidget(widget)
    widget.show()
    widget.ensure_loaded()
    assert not widget.save_rules_button.isEnabled()
    assert not widget.quorum.isEnabled()
    assert not widget.catalogs.add_button.isVisible()
    assert widget.catalogs.model.rowCount() > 0  # they still see the catalogs
    assert widget.language.isEnabled() and widget.idle.isEnabled()


def test_catalog_add_and_edit(screen, world, qtbot, qtmodeltester):
    editor = screen.catalogs
    editor.set_kind(CatalogKind.ORGANISATION_KIND)
    with world.db.session() as s:
        before = catalogs.entries(s, CatalogKind.ORGANISATION_KIND, include_inactive=True)
    assert [e.code for e in editor.model.rows] == [e.code for e in before]
    qtmodeltester.check(editor.model)

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    dialog = editor.dialog
    assert dialog.isVisible() and not dialog.text_ru.isVisible()  # names only
    qtbot.keyClicks(dialog.code, before[0].code)  # a code already used
    type_text(dialog.name_ru, "Совет отцов")
    type_text(dialog.name_kk, "Әкелер кеңесі")
    qtbot.keyClicks(dialog.name_en, "Fathers' council")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "This code is already used in the catalog."
    assert dialog.isVisible() and dialog.focusWidget() is dialog.code
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "fathers_council")
    with qtbot.waitSignal(dialog.sig_saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with world.db.session() as s:
        added = [e for e in catalogs.entries(s, CatalogKind.ORGANISATION_KIND)
                 if e.code == "fathers_council"]
    assert [(e.name_ru, e.name_kk, e.name_en, e.active) for e in added] == [
        ("Совет отцов", "Әкелер кеңесі", "Fathers' council", True)]
    assert editor.model.rowCount() == len(before) + 1
    assert editor.selected().code == "fathers_council"  # the new entry is selected

    # Edit it: rename in Kazakh, take it out of use.
    qtbot.mouseClick(editor.edit_button, Qt.MouseButton.LeftButton)
    dialog = editor.dialog
    assert dialog.name_kk.text() == "Әкелер кеңесі"
    dialog.name_kk.clear()
    type_text(dialog.name_kk, "Әкелер кеңесі (аудандық)")
    qtbot.keyClick(dialog.active, Qt.Key.Key_Space)  # untick "in use"
    with qtbot.waitSignal(dialog.sig_saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with world.db.session() as s:
        entry = [e for e in catalogs.entries(s, CatalogKind.ORGANISATION_KIND,
                                             include_inactive=True)
                 if e.code == "fathers_council"][0]
        active_codes = [e.code for e in catalogs.entries(s, CatalogKind.ORGANISATION_KIND)]
    assert (entry.name_kk, entry.active, entry.id) == (
        "Әкелер кеңесі (аудандық)", False, added[0].id)
    assert "fathers_council" not in active_codes
    row = [r for r in range(editor.model.rowCount())
           if editor.model.rows[r].code == "fathers_council"][0]
    assert editor.model.data(editor.model.index(row, 1)) == "no"


def test_decision_templates_edit_their_texts(screen, world, qtbot):
    editor = screen.catalogs
    editor.set_kind(CatalogKind.DECISION_TEMPLATE)
    assert editor.model.rowCount() > 0
    editor.view.selectRow(0)
    original = editor.selected()
    qtbot.mouseClick(editor.edit_button, Qt.MouseButton.LeftButton)
    dialog = editor.dialog
    assert dialog.text_ru.isVisible() and dialog.text_kk.isVisible()
    assert dialog.text_ru.toPlainText() == (original.text_ru or "")
    dialog.text_kk.setPlainText("")
    type_text(dialog.text_kk, "Кәмелетке толмағанға ескерту жасалсын.")
    with qtbot.waitSignal(dialog.sig_saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with world.db.session() as s:
        saved = [e for e in catalogs.entries(s, CatalogKind.DECISION_TEMPLATE)
                 if e.id == original.id][0]
    assert saved.text_kk == "Кәмелетке толмағанға ескерту жасалсын."
    assert saved.text_ru == original.text_ru


def test_editing_a_name_keeps_a_template_text_elsewhere(screen, world, qtbot):
    """Entries of other catalogs keep whatever text they carry."""
    editor = screen.catalogs
    editor.set_kind(CatalogKind.MEASURE_KIND)
    editor.view.selectRow(0)
    original = editor.selected()
    qtbot.mouseClick(editor.edit_button, Qt.MouseButton.LeftButton)
    dialog = editor.dialog
    qtbot.keyClick(dialog.name_en, Qt.Key.Key_End)  # the field opens at its beginning
    qtbot.keyClicks(dialog.name_en, " (edited)")
    with qtbot.waitSignal(dialog.sig_saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with world.db.session() as s:
        saved = [e for e in catalogs.entries(s, CatalogKind.MEASURE_KIND)
                 if e.id == original.id][0]
    assert saved.name_en == original.name_en + " (edited)"
    assert (saved.text_ru, saved.text_kk) == (original.text_ru, original.text_kk)
