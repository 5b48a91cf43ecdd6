"""The child card: identity, representatives, risk categories, register, curator,
consent, and the timeline of every case, decision, measure, report and assessment."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, allows
from app.i18n import _, current_language
from app.labels import label, relation_label
from app.models.enums import Sex
from app.services import timeline
from app.services.timeline import ChildCard as CardData
from app.ui.children import dialogs
from app.ui.children.editor import LANGUAGE_TITLES, ChildEditor
from app.ui.children.flow import FlowLayout
from app.ui.children.model import (
    CONTENT_COLUMN,
    TIMELINE_COLUMNS,
    TimelineModel,
    fmt_date,
)
from app.ui.context import UiContext

# Tables whose changes can alter what a card shows.
CARD_TABLES = ("child", "legal_representative", "child_category", "register_entry",
               "case_file", "decision", "measure", "measure_report", "assessment",
               "meeting", "agenda_item", "territory", "catalog_item")


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class ChildCard(QWidget):
    sig_child_changed = Signal(str)
    """(child_id): a dialog of the card saved something about this child."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("childCard")
        self.card: CardData | None = None
        self.child_id: str | None = None
        self.can_edit = allows(ctx.actor.role, Permission.EDIT_CHILDREN)
        self.timeline_model = TimelineModel(self)
        self.last_dialog: QDialog | None = None  # the dialog opened last (tests reach it)
        self._build()
        self.clear()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.pages = QStackedWidget()
        empty = QLabel(_("Choose a child in the list to see the card."))
        empty.setObjectName("cardEmpty")
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(empty)

        page = QWidget()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        details = QWidget()
        rows = QVBoxLayout(details)
        rows.setContentsMargins(0, 4, 4, 4)
        rows.setSpacing(6)
        self.captions = {
            "identity": _("IIN, date of birth, sex"), "district": _("District"),
            "address": _("Address"), "school": _("School, grade"),
            "language": _("Language"), "family": _("Family situation"),
            "register": _("Preventive register"), "curator": _("Curator"),
            "consent": _("Consent to personal data processing"),
            "representatives": _("Legal representatives"),
            "categories": _("Risk categories")}
        self.values: dict[str, QLabel] = {}
        for key in self.captions:
            # One label per item, the caption in bold before the value: it wraps as a
            # whole in a narrow card, so nothing is cut off.
            self.values[key] = _value_label(f"card_{key}")
            rows.addWidget(self.values[key])
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("cardDetails")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(details)

        buttons = QWidget()
        flow = FlowLayout(buttons)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
                ("editChild", _("Edit…"), self.edit),
                ("addRepresentative", _("Representative…"), self.add_representative),
                ("addCategory", _("Risk category…"), self.add_category),
                ("registerButton", _("Put on the register…"), self.toggle_register),
                ("assignCurator", _("Curator…"), self.assign_curator),
                ("recordConsent", _("Consent…"), self.record_consent),
                ("openCase", _("Open a case…"), self.open_case)):
            button = QPushButton(text)
            button.setObjectName(key)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(slot)
            button.setEnabled(self.can_edit)
            self.buttons[key] = button
            flow.addWidget(button)
        # Not among the editing buttons: every role may read the extract.
        self.extract_button = QPushButton(_("History extract…"))
        self.extract_button.setObjectName("historyExtract")
        self.extract_button.setAccessibleName(_("History extract"))
        self.extract_button.clicked.connect(self.open_extract)
        flow.addWidget(self.extract_button)
        self.buttons["editChild"].setToolTip(_("Edit the child's data (Ctrl+E)"))
        self.buttons["editChild"].setShortcut(QKeySequence("Ctrl+E"))

        self.timeline = QTableView()
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(_("Timeline"))
        self.timeline.setModel(self.timeline_model)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setWordWrap(True)  # the content column wraps; a card has few rows
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        header = self.timeline.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(len(TIMELINE_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CONTENT_COLUMN, QHeaderView.ResizeMode.Stretch)
        timeline_box = QWidget()
        tl = QVBoxLayout(timeline_box)
        tl.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Timeline: cases, decisions, measures, reports and assessments"))
        caption.setWordWrap(True)
        tl.addWidget(caption)
        tl.addWidget(self.timeline, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("cardSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(scroll)
        split.addWidget(timeline_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(buttons)
        layout.addWidget(split, 1)
        self.pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 0, 0, 0)
        outer.addWidget(self.pages)

    # -- showing -------------------------------------------------------------------------

    def clear(self) -> None:
        self.card, self.child_id = None, None
        self.timeline_model.set_entries(())
        self.pages.setCurrentIndex(0)

    def show_child(self, child_id: str) -> None:
        actor = self.ctx.actor
        self.card = self.ctx.runner.read(lambda s: timeline.child_card(s, actor, child_id))
        self.child_id = child_id
        self._fill(self.card)
        self.pages.setCurrentIndex(1)

    def refresh(self) -> None:
        if self.child_id is not None:
            self.show_child(self.child_id)

    def _fill(self, card: CardData) -> None:
        c = card.child
        self.title.setText(c.full_name)
        sex = label(Sex(c.sex))
        iin = _("IIN {iin}").format(iin=c.iin) if c.iin else _("no IIN")
        identity = [iin, fmt_date(c.birth_date), sex]
        lang = current_language()
        school = ", ".join(p for p in (c.school.shown(lang), c.grade and _("grade {grade}").format(
            grade=c.grade)) if p)
        if card.on_register:
            entry = next(r for r in card.register if r.removed_on is None)
            register = _("on the register from {date}: {reason}").format(
                date=fmt_date(entry.put_on), reason=entry.reason.shown(lang))
        elif card.register:
            last = card.register[-1]
            register = _("not on the register (removed {date}: {reason})").format(
                date=fmt_date(last.removed_on), reason=last.removal_reason.shown(lang))
        else:
            register = _("not on the register")
        curator = _("not assigned")
        if c.curator_name:
            curator = _("{name}, {position}, since {date}").format(
                name=c.curator_name, position=c.curator_position.shown(lang),
                date=fmt_date(c.curator_assigned_on))
        consent = _("not recorded")
        if c.consent_by:
            consent = _("given by {who} on {date}; basis: {basis}").format(
                who=c.consent_by, date=fmt_date(c.consent_on), basis=c.consent_basis.shown(lang))
        reps = "\n".join(
            f"{r.full_name} ({relation_label(r.relation)})"
            + "".join(f", {p}" for p in (r.phone, r.address.shown(lang)) if p)
            for r in card.representatives) or _("none")
        cats = "\n".join(_("{category} (since {date})").format(
            category=k.name, date=fmt_date(k.since)) for k in card.categories) or _("none")
        language = _(LANGUAGE_TITLES[c.language]) if c.language in LANGUAGE_TITLES else "—"
        for key, text in (("identity", " · ".join(identity)), ("district", card.district),
                          ("address", c.address.shown(lang)), ("school", school),
                          ("language", language),
                          ("family", c.family_situation), ("register", register),
                          ("curator", curator), ("consent", consent),
                          ("representatives", reps), ("categories", cats)):
            value = html.escape(text or "—").replace("\n", "<br>")
            self.values[key].setText(f"<b>{html.escape(self.captions[key])}:</b> {value}")
        self.buttons["registerButton"].setText(
            _("Remove from the register…") if card.on_register else _("Put on the register…"))
        self.timeline_model.set_entries(card.timeline)
        self._fit_timeline()

    def _fit_timeline(self) -> None:
        """Date, kind and state as wide as what they show (a long state wraps); the
        content takes the rest of the width."""
        header, model = self.timeline.horizontalHeader(), self.timeline_model
        metrics, head = self.timeline.fontMetrics(), header.fontMetrics()
        pad = 16
        cap = metrics.horizontalAdvance("0" * 14) + pad
        for column in range(len(TIMELINE_COLUMNS)):
            if column == CONTENT_COLUMN:
                continue
            texts = [str(model.index(r, column).data() or "") for r in range(model.rowCount())]
            width = max([metrics.horizontalAdvance(t) + pad for t in texts]
                        + [head.horizontalAdvance(_(TIMELINE_COLUMNS[column].title)) + pad])
            header.resizeSection(column, min(width, cap))

    # -- actions -------------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> None:
        """Open a card dialog window-modally; the card refreshes on the change signal."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        child_id = self.child_id
        dialog.accepted.connect(lambda: self.sig_child_changed.emit(child_id))
        dialog.open()
        self.last_dialog = dialog

    def edit(self) -> None:
        if self.card is not None:
            self._run(ChildEditor(self.ctx, self.card.child, self))

    def add_representative(self) -> None:
        if self.child_id:
            self._run(dialogs.RepresentativeDialog(self.ctx, self.child_id, self))

    def add_category(self) -> None:
        if self.child_id:
            self._run(dialogs.CategoryDialog(self.ctx, self.child_id, self))

    def toggle_register(self) -> None:
        if self.card is not None:
            self._run(dialogs.RegisterDialog(self.ctx, self.card.child.id,
                                             remove=self.card.on_register, parent=self))

    def assign_curator(self) -> None:
        if self.card is not None:
            self._run(dialogs.CuratorDialog(self.ctx, self.card.child, self))

    def record_consent(self) -> None:
        if self.card is not None:
            self._run(dialogs.ConsentDialog(self.ctx, self.card.child, self))

    def open_case(self) -> None:
        if self.child_id:
            self._run(dialogs.CaseDialog(self.ctx, self.child_id, self))

    def open_extract(self) -> None:
        """The child's history extract: choose its language, build it, preview it."""
        from app.ui.documents.chooser import DocumentChooser

        if self.card is not None:
            dialog = DocumentChooser.for_child(self.ctx, self.card.child.id,
                                               self.card.child.full_name, self)
            dialog.open()
            self.last_dialog = dialog
