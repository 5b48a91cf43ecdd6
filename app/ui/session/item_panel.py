"""The current item: what it is about (the child's summary and timeline, the measure
under control, or the report's subject) beside the notes typed as it is heard."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language
from app.labels import label, relation_label
from app.models.enums import ItemKind
from app.services.session import ItemContext
from app.ui.session.models import timeline_model
from app.ui.session.widgets import KeyTable, notes_edit


def _date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _row(caption: str, value: str | None) -> str:
    if not value:
        return ""
    return f"<tr><td style='color:#555555; padding-right:8px'>{html.escape(caption)}</td>" \
           f"<td>{html.escape(value)}</td></tr>"


def about_html(c: ItemContext) -> str:
    """The summary of the item, as rich text (data escaped), in the UI's language where the
    record has it."""
    lang = current_language()
    parts: list[str] = []
    if c.card is not None:
        ch = c.card.child
        parts.append(f"<p style='font-size:15pt'><b>{html.escape(ch.full_name)}</b></p>")
        rows = [
            _row(_("Born"), _("{date} ({age} years)").format(
                date=_date(ch.birth_date), age=_age(ch.birth_date, c.meeting.date))),
            _row(_("School"), ", ".join(p for p in (ch.school.shown(lang), ch.grade) if p)),
            _row(_("Address"), ch.address.shown(lang)),
            _row(_("District"), c.card.district),
            _row(_("Curator"), ", ".join(p for p in (ch.curator_name,
                                                     ch.curator_position.shown(lang)) if p)),
        ]
        for rep in c.card.representatives:
            rows.append(_row(relation_label(rep.relation),
                             ", ".join(p for p in (rep.full_name, rep.phone) if p)))
        if c.card.categories:
            rows.append(_row(_("Risk categories"),
                             ", ".join(cat.name for cat in c.card.categories)))
        open_entry = [r for r in c.card.register if r.removed_on is None]
        rows.append(_row(_("Register"), _("on the register since {date}").format(
            date=_date(open_entry[-1].put_on)) if open_entry else _("not on the register")))
        parts.append("<table>" + "".join(rows) + "</table>")
    if c.case_label:
        parts.append("<p><b>" + html.escape(_("Case No. {label}").format(label=c.case_label))
                     + "</b> — " + html.escape(c.case_category or "") + "</p>")
        description = c.case_description.shown(lang) if c.case_description else ""
        parts.append("<p>" + html.escape(description).replace("\n", "<br>")
                     + "</p>")
    if c.measure is not None:
        m = c.measure
        parts.append("<p><b>" + html.escape(_("Measure under control")) + "</b></p>")
        parts.append("<table>" + "".join((
            _row(_("Kind"), c.measure_kind),
            _row(_("Measure"), m.text.shown(lang)),
            _row(_("Responsible body"), m.responsible_body.shown(lang)),
            _row(_("Responsible person"), m.responsible_person),
            _row(_("Deadline"), _date(m.deadline)),
            _row(_("State"), label(m.effective_state(c.meeting.date))))) + "</table>")
        for r in c.reports:
            verdict = ("" if r.accepted is None else
                       " — " + (_("accepted") if r.accepted else _("not accepted")))
            parts.append("<p>" + html.escape(_("Report of {date}").format(
                date=_date(r.reported_on)) + verdict) + ": " + html.escape(r.text.shown(lang))
                         + "</p>")
        if not c.reports:
            parts.append("<p style='color:#b00020'>" + html.escape(
                _("No report on execution has been received.")) + "</p>")
    if c.item.kind in (ItemKind.GENERAL, ItemKind.ORGANISATIONAL):
        parts.append("<p style='font-size:15pt'><b>" + html.escape(c.item.title.shown(lang))
                     + "</b></p>")
        if c.item.reporter:
            parts.append("<p>" + html.escape(_("Reports: {reporter}").format(
                reporter=c.item.reporter)) + "</p>")
    return "".join(parts)


class ItemPanel(QWidget):
    """The item page. Edits are announced, not saved here: the window's autosaver saves."""

    sig_note_edited = Signal(str, object)
    """(field, text): a note (heard, spoke, motions, reporter) was typed."""
    sig_rights_toggled = Signal(bool)
    """(explained): the rights-explained box was ticked or cleared."""
    sig_invitee_toggled = Signal(str, bool)
    """(invitee_id, present): an invited person was marked present or not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemPanel")
        self._loading = False
        self.about = QTextBrowser()
        self.about.setObjectName("itemAbout")
        self.about.setAccessibleName(_("About the item"))
        self.about.setOpenLinks(False)
        self.timeline = timeline_model(self)
        self.timeline_view = KeyTable("timelineTable", _("The child's timeline"))
        self.timeline_view.setModel(self.timeline)
        self.timeline_view.fit(2)
        self.timeline_caption = QLabel(_("Timeline"))
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.about)
        timeline_box = QWidget()
        tl = QVBoxLayout(timeline_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.timeline_caption)
        tl.addWidget(self.timeline_view)
        left.addWidget(timeline_box)
        left.setSizes([330, 200])

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.reporter = QLineEdit()
        self.reporter.setObjectName("reporterEdit")
        self.reporter.setAccessibleName(_("Who reports"))
        self.reporter.setPlaceholderText(_("Who reports (body, position, name)"))
        self.heard = notes_edit("heardEdit", _("Heard"), _("HEARD: who reported and what"))
        self.spoke = notes_edit("spokeEdit", _("Spoke"), _("SPOKE: who spoke and what"))
        self.motions = notes_edit("motionsEdit", _("Motions"),
                                  _("Motions of those present"))
        self.rights = QCheckBox(_("Rights explained to those present"))
        self.rights.setToolTip(_("The rights were explained to the minor and the legal "
                                 "representatives present"))
        self.rights.setObjectName("rightsExplained")
        self.rights.setAccessibleName(_("Rights explained"))
        self.invitees = QListWidget()
        self.invitees.setObjectName("inviteesList")
        self.invitees.setAccessibleName(_("Invited persons present"))
        self.invitees_caption = QLabel(_("Invited persons (tick those present)"))
        self.heard_caption, self.spoke_caption = QLabel(_("Heard")), QLabel(_("Spoke"))
        self.motions_caption = QLabel(_("Motions"))
        for caption, widget in ((self.heard_caption, self.heard),
                                (self.spoke_caption, self.spoke),
                                (self.motions_caption, self.motions)):
            caption.setBuddy(widget)
        rl.addWidget(self.reporter)
        rl.addWidget(self.heard_caption)
        rl.addWidget(self.heard, 3)
        rl.addWidget(self.spoke_caption)
        rl.addWidget(self.spoke, 2)
        rl.addWidget(self.motions_caption)
        rl.addWidget(self.motions, 1)
        rl.addWidget(self.rights)
        rl.addWidget(self.invitees_caption)
        rl.addWidget(self.invitees, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([470, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        for name, edit in (("heard", self.heard), ("spoke", self.spoke),
                           ("motions", self.motions)):
            edit.textChanged.connect(lambda n=name, e=edit: self._edited(n, e.toPlainText()))
        self.reporter.textEdited.connect(lambda text: self._edited("reporter", text))
        self.rights.toggled.connect(self._rights)
        self.invitees.itemChanged.connect(self._invitee)

    def _edited(self, field: str, text: str) -> None:
        if not self._loading:
            self.sig_note_edited.emit(field, text)

    def _rights(self, checked: bool) -> None:
        if not self._loading:
            self.sig_rights_toggled.emit(checked)

    def _invitee(self, item: QListWidgetItem) -> None:
        if not self._loading:
            self.sig_invitee_toggled.emit(item.data(Qt.ItemDataRole.UserRole),
                                          item.checkState() == Qt.CheckState.Checked)

    def show_item(self, c: ItemContext, *, read_only: bool, keep_notes: bool = False) -> None:
        """Fill the page; `keep_notes` leaves the editors alone (same item refreshed, the
        secretary may be typing)."""
        self._loading = True
        try:
            self.about.setHtml(about_html(c))
            entries = list(c.card.timeline) if c.card is not None else []
            self.timeline_view.show_rows(list(reversed(entries)), select=0)  # latest first
            for widget in (self.timeline_caption, self.timeline_view):
                widget.setVisible(c.card is not None)
            child = c.item.kind is ItemKind.CHILD_CASE
            general = c.item.kind is ItemKind.GENERAL
            self.motions.setVisible(child)
            self.motions_caption.setVisible(child)
            self.rights.setVisible(child)
            self.reporter.setVisible(general)
            if not keep_notes:
                # The notes are typed in the meeting's working language.
                working = c.meeting.working_language
                for edit, value in ((self.heard, c.item.heard), (self.spoke, c.item.spoke),
                                    (self.motions, c.item.motions)):
                    edit.setPlainText(value.get(working) or "")
                self.reporter.setText(c.item.reporter or "")
            self.rights.setChecked(c.item.rights_explained)
            self.invitees.clear()
            for p in c.invitees:
                text = f"{p.full_name} — {label(p.role)}"
                organisation = p.organisation.shown(current_language())
                if organisation and organisation != p.full_name:
                    text += f", {organisation}"
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.UserRole, p.id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable
                               if not read_only else entry.flags()
                               & ~Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Checked if p.present
                                    else Qt.CheckState.Unchecked)
                self.invitees.addItem(entry)
            self.invitees.setVisible(bool(c.invitees))
            self.invitees_caption.setVisible(bool(c.invitees))
            for edit in (self.heard, self.spoke, self.motions):
                edit.setReadOnly(read_only)
            self.reporter.setReadOnly(read_only)
            self.rights.setEnabled(not read_only)
        finally:
            self._loading = False
