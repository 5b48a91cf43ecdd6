"""Commission screen: the composition on a date, approving a new one through the dialog,
the history of acts, and who may approve."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from app.domain.bilingual import Bilingual
from app.domain.roles import Role
from app.models.enums import MemberRole
from app.services import commissions, users
from app.ui.commission.screen import CommissionScreen
from app.ui.ops import Changed
from tests.services.helpers import COMPOSITION_FROM, approve_members, days


@pytest.fixture
def composed(world):
    """A composition of 7 in force since 2020 (quorum: more than half, so 4)."""
    with world.db.session() as s:
        return approve_members(s, world, 7)


@pytest.fixture
def screen(ctx, qtbot, composed):
    widget = CommissionScreen(ctx)
    qtbot.addWidget(widget)
    ctx.runner.sig_changed.connect(widget.on_changed)  # as the main window wires it
    widget.show()
    widget.ensure_loaded()
    return widget


def names(screen) -> list[str]:
    return [r.full_name for r in screen.members.rows]


def type_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Edit a cell as a person does: open its editor, select all, type, press Enter."""
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    # The editor just opened (a closed one may linger, hidden, until deleted).
    [editor] = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)


def test_composition_on_today(screen, composed, qtmodeltester):
    assert screen.shown_date() == days(0)
    assert names(screen) == [m.full_name for m in composed]
    assert screen.members.rows[0].role == "Chair of the commission"
    assert screen.members.rows[1].role == "Responsible secretary"
    assert screen.members.rows[0].organisation  # the catalog name, not an id
    assert "A-7" in screen.act_label.text()
    assert "4 of 7" in screen.quorum_label.text()
    assert screen.acts.rowCount() == 1
    qtmodeltester.check(screen.members)
    qtmodeltester.check(screen.acts)


def test_no_composition_before_the_first_act(screen):
    screen.date_edit.setDate(QDate(2019, 12, 31))
    assert names(screen) == []
    assert screen.act_label.text() == "No composition is in force on this date."
    assert screen.quorum_label.text() == ""


def test_approve_a_new_composition_through_the_dialog(screen, ctx, qtbot, composed):
    qtbot.mouseClick(screen.approve_button, Qt.MouseButton.LeftButton)
    dialog = screen.act_dialog
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    # Prefilled from the composition in force: a renewal changes only what changes.
    assert [dialog.row_values(r)[0] for r in range(table.rowCount())] == [
        m.full_name for m in composed]

    # The last member leaves; two join; member 3 becomes deputy chair.
    table.setCurrentCell(6, 0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    for name, position in (("Serikova Dana", "School psychologist"),
                           ("Omarov Timur", "Juvenile inspector")):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        row = table.rowCount() - 1
        type_cell(qtbot, table, row, 0, name)
        type_cell(qtbot, table, row, 1, position)
        dialog.organisation_combo(row).setCurrentIndex(2)
    deputy = dialog.role_combo(2)
    deputy.setCurrentIndex(deputy.findText("Deputy chair"))

    # Errors of the service show in the dialog, which stays open.
    qtbot.keyClicks(dialog.number, "15-r")
    dialog.act_date.setDate(QDate(days(-10)))
    dialog.effective_from.setDate(QDate(days(-5)))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "This field is required."  # the issuing body
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.issuing_body.editor()  # the working language's
    # A half-filled row is pointed out before anything is sent.
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, table, table.rowCount() - 1, 0, "Half Filled")
    qtbot.keyClicks(dialog.issuing_body.editor(), "Akimat of Bayanaul district")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith(f"Row {table.rowCount()}:")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(dialog.sig_approved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    # The screen moves to the day the act takes effect and shows the new composition.
    assert screen.shown_date() == days(-5)
    expected = [m.full_name for m in composed[:6]] + ["Serikova Dana", "Omarov Timur"]
    assert names(screen) == expected
    assert screen.members.rows[2].role == "Deputy chair"
    assert "15-r" in screen.act_label.text()
    assert "5 of 8" in screen.quorum_label.text()
    with ctx.runner.db.session() as s:
        act = commissions.act_in_force(s, ctx.commission_id, days(0))
    assert [m.role for m in act.members][:3] == [
        MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.DEPUTY_CHAIR]
    assert act.members[6].organisation_kind_id == dialog.organisation_combo(6).currentData()
    # Typed in the working language (Russian here); the Kazakh column was left empty.
    assert act.members[6].position == Bilingual(ru="School psychologist")
    assert act.issuing_body == Bilingual(ru="Akimat of Bayanaul district")

    # The day before, the old composition was in force.
    screen.date_edit.setDate(QDate(days(-6)))
    assert names(screen) == [m.full_name for m in composed]
    assert "4 of 7" in screen.quorum_label.text()
    screen.date_edit.setDate(QDate(days(1)))
    assert names(screen) == expected

    # The history lists both acts, newest first; selecting one shows its members.
    assert [a.number for a in screen.acts.rows] == ["15-r", "A-7"]
    screen.act_view.selectRow(1)
    assert names(screen) == [m.full_name for m in composed]
    assert screen.shown_date() == COMPOSITION_FROM
    assert screen.act_view.currentIndex().row() == 1
    screen.act_view.selectRow(0)
    assert names(screen) == expected


def test_quorum_label_follows_the_rule(screen, ctx):
    with ctx.runner.db.session() as s:
        commissions.set_rules(s, ctx.actor, ctx.commission_id, quorum_rule="two_thirds",
                              majority_rule="of_voting")
    ctx.runner.sig_changed.emit(Changed(frozenset({"commission"})))
    assert "5 of 7" in screen.quorum_label.text()
    assert "two thirds" in screen.quorum_label.text()


def test_only_those_who_manage_the_composition_may_approve(ctx, qtbot, composed, world):
    with world.db.session() as s:
        member = users.create_user(s, world.admin, login="inspector", full_name="Inspector",
                                   role=Role.MEMBER, password="long enough secret")
    widget = CommissionScreen(dataclasses.replace(ctx, actor=member.actor()))
    qtbot.addWidget(widget)
    widget.show()
    widget.ensure_loaded()
    assert not widget.approve_button.isVisible()
    assert len(widget.members.rows) == 7  # they still see the composition
