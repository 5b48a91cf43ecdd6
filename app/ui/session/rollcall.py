"""The roll call: present or absent with a reason, one key or click each; a late
arrival or an early leave is recorded at the current item."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.services.session import ItemPeople
from app.ui.session.models import RollLine, roll_lines, roll_model
from app.ui.session.widgets import KeyTable

# (action, key, button text): the order of the buttons and of the digit keys.
ACTIONS = (
    ("present", Qt.Key.Key_1, N_("Present [1]")),
    ("leave", Qt.Key.Key_2, N_("Absent: leave [2]")),
    ("illness", Qt.Key.Key_3, N_("Absent: illness [3]")),
    ("business_trip", Qt.Key.Key_4, N_("Absent: business trip [4]")),
    ("other", Qt.Key.Key_5, N_("Absent: other… [5]")),
    ("arrived", Qt.Key.Key_6, N_("Arrived at this item [6]")),
    ("left", Qt.Key.Key_7, N_("Left after this item [7]")),
)
# Marked in bulk when the roll is called: move on to the next member after these.
ADVANCE = {"present", "leave", "illness", "business_trip", "other"}


class RollCallPanel(QWidget):
    sig_mark = Signal(str, str)
    """(membership_id, action): one of the ACTIONS for a member."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rollCallPanel")
        self.summary = QLabel()
        self.summary.setObjectName("rollSummary")
        self.summary.setWordWrap(True)
        self.model = roll_model(self)
        self.table = KeyTable("rollTable", _("Roll call"))
        self.table.setModel(self.model)
        self.table.fit(0)
        self.hint = QLabel(_("Choose a member with the arrows, then press a key: the marks "
                             "are saved at once."))
        self.hint.setWordWrap(True)
        self.hint.setObjectName("rollHint")
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (action, key, text) in enumerate(ACTIONS):
            button = QPushButton(_(text))
            button.setObjectName(f"roll_{action}")
            button.clicked.connect(lambda _c=False, a=action: self._act(a))
            self.table.keys[key] = lambda a=action: self._act(a)
            self.buttons[action] = button
            grid.addWidget(button, n // 4, n % 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        self.read_only = False

    def selected(self) -> RollLine | None:
        row = self.table.current_row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def select_member(self, membership_id: str) -> None:
        for row, line in enumerate(self.model.rows):
            if line.member.membership_id == membership_id:
                self.table.selectRow(row)
                return

    def _act(self, action: str) -> None:
        line = self.selected()
        if line is None or self.read_only:
            return
        if action in ADVANCE:
            row = self.table.current_row()
            if row + 1 < len(self.model.rows):
                self.table.selectRow(row + 1)
        self.sig_mark.emit(line.member.membership_id, action)

    def show_people(self, people: ItemPeople, positions: dict[str, int], *,
                    read_only: bool) -> None:
        self.table.show_rows(roll_lines(people, positions))
        q = people.quorum
        marked = sum(1 for m in people.roll if m.present or m.absence_reason is not None)
        self.summary.setText(_("Members in force: {members}. Present at this item: {present}, "
                               "recused: {recused}; the quorum is {required}. Not marked "
                               "yet: {unmarked}.").format(
            members=q.members_in_force, present=q.present, recused=q.recused,
            required=q.required, unmarked=len(people.roll) - marked))
        self.read_only = read_only
        for button in self.buttons.values():
            button.setEnabled(not read_only)
