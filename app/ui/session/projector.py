"""The projector window: the current item and the vote result, in very large type, and
no personal data beyond what the chair chooses (by default a child's initials)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.i18n import _
from app.labels import label
from app.models.enums import ItemKind
from app.services.session import ItemContext


def initials(surname: str, first_name: str) -> str:
    # No-break spaces: initials never split across lines on the big screen.
    return "\u00a0".join(f"{p[0].upper()}." for p in (surname, first_name) if p)


def public_title(c: ItemContext, *, full: bool, with_initials: bool) -> str:
    """The item as the room may see it: general and organisational questions by their
    title; a child's case by its case number, a control item by its kind, each with (by
    default) the child's initials; the full title (which may name the child) only if
    chosen."""
    item = c.item
    if item.kind in (ItemKind.GENERAL, ItemKind.ORGANISATIONAL) or full:
        return item.title.shown(c.meeting.working_language)  # the room's language
    text = (_("case No. {label}").format(label=c.case_label) if c.case_label
            else label(item.kind))
    if with_initials and c.card is not None:
        text += "\u00a0— " + initials(c.card.child.surname, c.card.child.first_name)
    return text


def keep_together(text: str) -> str:
    """Lines may break only at the " · " separators and after a colon: "against 0" and
    the like stay whole."""
    parts = text.split(": ", 1)
    cells = [" · ".join(p.replace(" ", "\u00a0") for p in part.split(" · "))
             for part in parts]
    return ":\n".join(cells) if len(cells) == 2 else cells[0]


class ProjectorWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projectorWindow")
        self.setWindowTitle(_("Kenes — projector"))
        self.setStyleSheet("#projectorWindow { background: #101820; }"
                           "#projectorWindow QLabel { color: white; }")
        self.meeting = QLabel()
        self.meeting.setObjectName("projectorMeeting")
        self.item = QLabel()
        self.item.setObjectName("projectorItem")
        self.title = QLabel()
        self.title.setObjectName("projectorTitle")
        self.result = QLabel()
        self.result.setObjectName("projectorResult")
        sizes = ((self.meeting, 22), (self.item, 24), (self.title, 40), (self.result, 34))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        for widget, points in sizes:
            widget.setWordWrap(True)
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setStyleSheet(f"font-size: {points}pt; font-weight: bold")
            layout.addWidget(widget)
        layout.insertStretch(2, 1)
        layout.addStretch(1)
        self.resize(960, 540)

    def show_state(self, *, meeting: str, position: int, count: int, kind: str, title: str,
                   result: str) -> None:
        self.meeting.setText(meeting)
        self.item.setText(_("Item {number} of {count}").format(number=position, count=count)
                          + " · " + kind)
        self.title.setText(title)
        self.result.setText(keep_together(result))

    def present(self) -> None:
        """Full screen on a second screen when there is one, else an ordinary window."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.show()
