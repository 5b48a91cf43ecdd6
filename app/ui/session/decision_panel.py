"""The decision page: the decision drafted from a template with its measures, beside
the vote with its live outcome."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.voting import OutcomeResult, VoteOutcome, VoteWarning
from app.i18n import _, current_language
from app.models.enums import VoteChoice
from app.services.catalogs import CatalogEntry
from app.services.decisions import DecisionInfo
from app.services.session import (
    DraftMeasure,
    ItemContext,
    ItemDraft,
    ItemPeople,
    fill_template,
)
from app.ui.session.models import (
    BODY,
    DEADLINE,
    GREEN,
    KIND,
    PERSON,
    RED,
    TEXT,
    MeasureDraftModel,
    VoteLine,
    vote_lines,
    vote_model,
)
from app.ui.session.widgets import KeyTable, MeasureDelegate, notes_edit

MEASURE_DAYS = 30  # default deadline: a month after the meeting
# The measures a template usually comes with (codes of the shipped catalogs).
TEMPLATE_MEASURES = {
    "warning_individual_work": ("minor_warning", "minor_individual_prevention"),
    "parent_warning": ("parent_warning",),
    "family_support_referral": ("parent_family_support_referral",),
    "register_put_on": ("register_put_on", "minor_individual_prevention"),
    "register_remove_corrected": ("register_remove",),
    "school_bullying_submission": ("body_submission",),
    "guardianship_petition": ("parent_petition_parental_rights",),
    "general_question_assign_bodies": ("body_assignment",),
    "close_no_grounds": ("register_close_case",),
}


def template_text(entry: CatalogEntry, c: ItemContext, lang: str) -> str:
    raw = (entry.text_kk if lang == "kk" else entry.text_ru) or entry.name(lang)
    child = c.card.child.full_name if c.card is not None else None
    reps = c.card.representatives if c.card is not None else ()
    return fill_template(raw, child, reps[0].full_name if reps else None)


class MeasuresTable(QTableView):
    """Delete removes the measure; typing starts editing the cell."""

    def __init__(self, model: MeasureDraftModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("measuresTable")
        self.setAccessibleName(_("Measures"))
        self.setModel(model)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers
                             & ~QAbstractItemView.EditTrigger.CurrentChanged)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        for column, mode in ((KIND, QHeaderView.ResizeMode.Interactive),
                             (TEXT, QHeaderView.ResizeMode.Stretch),
                             (BODY, QHeaderView.ResizeMode.Stretch),
                             (PERSON, QHeaderView.ResizeMode.Interactive),
                             (DEADLINE, QHeaderView.ResizeMode.Interactive)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(KIND, 260)
        header.resizeSection(PERSON, 200)
        header.resizeSection(DEADLINE, 130)
        self.setWordWrap(False)

    def event(self, event: QEvent) -> bool:
        # F2 edits the cell here, as in any table; elsewhere in the window it is the
        # roll-call page.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_F2 and not event.modifiers():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing \
                and not event.modifiers() and self.currentIndex().isValid():
            self.edit(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Delete and not editing:
            model = self.model()
            assert isinstance(model, MeasureDraftModel)
            model.remove(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class DecisionPanel(QWidget):
    sig_draft_edited = Signal()
    """(): the template, the text or a measure changed (read `draft()`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionPanel")
        self._loading = False
        self.context: ItemContext | None = None
        self.templates: list[CatalogEntry] = []
        self.kinds: list[CatalogEntry] = []
        self.bodies: list[str] = []
        self.template = QComboBox()
        self.template.setObjectName("templateCombo")
        # Long template names must not widen the window: the combo takes the room it gets.
        self.template.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.template.setMinimumContentsLength(16)
        self.template.setAccessibleName(_("Decision template"))
        self.text = notes_edit("decisionText", _("Decision"),
                               _("RESOLVED: the text of the decision"))
        self.measures = MeasureDraftModel(self)
        self.table = MeasuresTable(self.measures)
        self.table.setItemDelegate(MeasureDelegate(
            lambda: [(k.id, k.name(current_language())) for k in self.kinds],
            lambda: self.bodies, self.table))
        self.add_button = QPushButton(_("Add (Ctrl+M)"))
        self.add_button.setObjectName("addMeasureButton")
        self.remove_button = QPushButton(_("Remove (Del)"))
        self.remove_button.setObjectName("removeMeasureButton")
        self.recorded = QLabel()
        self.recorded.setObjectName("decisionRecorded")
        self.recorded.setWordWrap(True)

        template_caption = QLabel(_("Template"))
        template_caption.setBuddy(self.template)
        text_caption = QLabel(_("Decision (RESOLVED)"))
        text_caption.setBuddy(self.text)
        measures_caption = QLabel(_("Measures"))
        measures_caption.setBuddy(self.table)
        top = QHBoxLayout()
        top.addWidget(template_caption)
        top.addWidget(self.template, 1)
        # The measures take the whole width of the page (the window places this box
        # under the decision and the vote); its button row also takes the page's actions.
        self.measures_box = QWidget()
        self.measures_box.setObjectName("measuresBox")
        self.measure_buttons = QHBoxLayout()
        self.measure_buttons.addWidget(measures_caption)
        self.measure_buttons.addWidget(self.add_button)
        self.measure_buttons.addWidget(self.remove_button)
        self.measure_buttons.addStretch(1)
        box = QVBoxLayout(self.measures_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.measure_buttons)
        box.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.recorded)
        layout.addWidget(text_caption)
        layout.addWidget(self.text, 1)

        self.template.activated.connect(self._template_chosen)
        self.text.textChanged.connect(self._edited)
        self.measures.sig_edited.connect(self._edited)
        self.add_button.clicked.connect(lambda: self.add_measure())
        self.remove_button.clicked.connect(
            lambda: self.measures.remove(self.table.currentIndex().row()))

    def set_catalogs(self, templates: list[CatalogEntry], kinds: list[CatalogEntry],
                     bodies: list[str]) -> None:
        lang = current_language()
        self.templates, self.kinds, self.bodies = templates, kinds, bodies
        self.template.clear()
        self.template.addItem(_("— choose a template —"), None)
        for t in templates:
            self.template.addItem(t.name(lang), t.id)
        self.measures.kind_names = {k.id: k.name(lang) for k in kinds}

    def _edited(self) -> None:
        if not self._loading:
            self.sig_draft_edited.emit()

    def draft(self) -> ItemDraft:
        return ItemDraft(self.template.currentData(), self.text.toPlainText(),
                         tuple(self.measures.rows))

    def _default_deadline(self) -> dt.date:
        base = self.context.meeting.date if self.context else dt.date.today()
        return base + dt.timedelta(days=MEASURE_DAYS)

    def add_measure(self, kind_id: str | None = None) -> None:
        if self.measures.read_only:
            return
        kind = kind_id or (self.kinds[0].id if self.kinds else None)
        name = next((k.name(current_language()) for k in self.kinds if k.id == kind), "")
        row = self.measures.add(DraftMeasure(kind, name, "", "", self._default_deadline()))
        self.table.setFocus()
        self.table.setCurrentIndex(self.measures.index(row, 2))  # the body comes next

    def _template_chosen(self, index: int) -> None:
        entry = next((t for t in self.templates if t.id == self.template.itemData(index)),
                     None)
        if entry is None or self.context is None:
            self._edited()
            return
        cursor = self.text.textCursor()  # replace through the cursor: Ctrl+Z undoes it
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(template_text(entry, self.context, self.working_language))
        if not self.measures.rows:
            by_code = {k.code: k.id for k in self.kinds}
            for code in TEMPLATE_MEASURES.get(entry.code, ()):
                if code in by_code:
                    self.add_measure(by_code[code])
        self._edited()
        self.text.setFocus()

    def show_item(self, c: ItemContext, *, read_only: bool, keep_draft: bool = False) -> None:
        self.context = c
        self._loading = True
        try:
            decision = c.decision
            if decision is not None:
                self._show_decision(decision)
            elif not keep_draft:
                draft = c.draft
                at = self.template.findData(draft.template_id) if draft.template_id else 0
                self.template.setCurrentIndex(max(at, 0))
                self.text.setPlainText(draft.text)
                self.measures.set_rows(draft.measures)
                self.recorded.setText("")
            locked = read_only or decision is not None or c.item.status.value != "pending"
            self.template.setEnabled(not locked)
            self.text.setReadOnly(locked)
            self.measures.read_only = locked
            self.add_button.setEnabled(not locked)
            self.remove_button.setEnabled(not locked)
            self.recorded.setVisible(bool(self.recorded.text()))
        finally:
            self._loading = False

    @property
    def working_language(self) -> str:
        """The meeting's language: drafts and decisions are typed in it."""
        return self.context.meeting.working_language if self.context else "ru"

    def _show_decision(self, d: DecisionInfo) -> None:
        at = self.template.findData(d.template_id) if d.template_id else 0
        self.template.setCurrentIndex(max(at, 0))
        lang = self.working_language
        self.text.setPlainText(d.text.get(lang) or d.text.shown(lang))
        self.measures.set_rows([DraftMeasure(m.kind_id, m.text.shown(lang),
                                             m.responsible_body.shown(lang),
                                             m.responsible_person or "", m.deadline)
                                for m in d.measures])
        verdict = _("adopted") if d.adopted else _("not adopted")
        self.recorded.setText(_("Decision {label} recorded ({verdict}): {votes_for} for, "
                                "{against} against, {abstained} abstained.").format(
            label=d.label, verdict=verdict, votes_for=d.votes_for, against=d.votes_against,
            abstained=d.abstained))


def outcome_texts(o: VoteOutcome) -> tuple[str, str, str]:
    """(headline, counts, warning) of a live outcome."""
    if o.result is OutcomeResult.NO_QUORUM:
        head = _("No quorum: the commission may hear the item but adopts no decision")
    elif o.adopted:
        head = _("Adopted")
        if o.tie_broken_by_presiding:
            head = _("Adopted: the presiding member's vote decided the tie")
    elif o.tie_broken_by_presiding:
        head = _("Rejected: the presiding member's vote decided the tie")
    else:
        head = _("Not adopted")
    counts = _("For {votes_for} · against {against} · abstained {abstained} · not voted "
               "{not_voted} · recused {recused} · present {present} of {members}").format(
        votes_for=o.votes_for, against=o.votes_against, abstained=o.abstained,
        not_voted=o.not_voted, recused=o.recused, present=o.present,
        members=o.present + o.absent)
    warnings = []
    if VoteWarning.VOTES_DONT_ADD_UP in o.warnings and o.has_quorum:
        warnings.append(_("The votes recorded ({votes}) do not add up to the {entitled} "
                          "members present and entitled to vote.").format(
            votes=o.votes_for + o.votes_against + o.abstained, entitled=o.entitled))
    if VoteWarning.TIE_WITHOUT_PRESIDING_VOTE in o.warnings:
        warnings.append(_("A tie: the presiding member's vote decides it, and it is not "
                          "recorded as for or against."))
    return head, counts, " ".join(warnings)


class VotePanel(QWidget):
    sig_vote = Signal(str, object)
    """(membership_id, VoteChoice | None): a member's vote was given or removed."""
    sig_all_for = Signal()
    """(): "all present voted for"."""
    sig_recusal = Signal(str)
    """(membership_id): declare or withdraw the member's conflict of interest."""
    sig_dissent = Signal(str)
    """(membership_id): record the member's dissenting opinion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("votePanel")
        self.people: ItemPeople | None = None
        self.votes_locked = self.closed = True
        self.outcome = QLabel()
        self.outcome.setObjectName("outcomeLabel")
        self.outcome.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("outcomeCounts")
        self.counts.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("voteWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b26a00; font-weight: bold")
        self.model = vote_model(self)
        self.table = KeyTable("voteTable", _("Votes of the members present"))
        self.table.setModel(self.model)
        self.table.fit(0)
        self.dissents = QLabel()
        self.dissents.setObjectName("dissentsLabel")
        self.dissents.setWordWrap(True)
        self.all_for = QPushButton(_("All present for (F5)"))
        self.all_for.setObjectName("allForButton")
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (key, text) in enumerate((
                ("for", _("For [1]")), ("against", _("Against [2]")),
                ("abstain", _("Abstained [3]")), ("none", _("No vote [0]")),
                ("recuse", _("Recusal [4]")), ("dissent", _("Dissent… [5]")))):
            button = QPushButton(text)
            button.setObjectName(f"vote_{key}")
            self.buttons[key] = button
            grid.addWidget(button, n // 3, n % 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outcome)
        layout.addWidget(self.counts)
        layout.addWidget(self.warning)
        layout.addWidget(self.all_for)
        layout.addWidget(self.table, 1)
        layout.addLayout(grid)
        layout.addWidget(self.dissents)

        choices = {"for": VoteChoice.FOR, "against": VoteChoice.AGAINST,
                   "abstain": VoteChoice.ABSTAIN, "none": None}
        keys = {"for": Qt.Key.Key_1, "against": Qt.Key.Key_2, "abstain": Qt.Key.Key_3,
                "none": Qt.Key.Key_0, "recuse": Qt.Key.Key_4, "dissent": Qt.Key.Key_5}
        for key, choice in choices.items():
            self.buttons[key].clicked.connect(lambda _c=False, c=choice: self._vote(c))
            self.table.keys[keys[key]] = lambda c=choice: self._vote(c)
        self.table.keys[Qt.Key.Key_Delete] = lambda: self._vote(None)
        self.buttons["recuse"].clicked.connect(lambda: self._recuse())
        self.table.keys[keys["recuse"]] = self._recuse
        self.buttons["dissent"].clicked.connect(lambda: self._dissent())
        self.table.keys[keys["dissent"]] = self._dissent
        self.all_for.clicked.connect(lambda: self.sig_all_for.emit())

    def selected(self) -> VoteLine | None:
        row = self.table.current_row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def _vote(self, choice: VoteChoice | None) -> None:
        line = self.selected()
        if line is not None and not line.recused and not self.votes_locked:
            self.sig_vote.emit(line.membership_id, choice)

    def _recuse(self) -> None:
        line = self.selected()
        if line is not None and not self.votes_locked:
            self.sig_recusal.emit(line.membership_id)

    def _dissent(self) -> None:
        line = self.selected()
        if line is not None and not self.closed:
            self.sig_dissent.emit(line.membership_id)

    def show_people(self, people: ItemPeople, *, votes_locked: bool, closed: bool) -> None:
        """`votes_locked`: the item is decided or postponed; `closed`: the meeting is."""
        self.people = people
        self.votes_locked, self.closed = votes_locked, closed
        self.table.show_rows(vote_lines(people))
        head, counts, warning = outcome_texts(people.outcome)
        self.outcome.setText(head)
        style = f"color: {(GREEN if people.outcome.adopted else RED).name()}"
        if self.outcome.styleSheet() != style:
            self.outcome.setStyleSheet(style)
        self.counts.setText(counts)
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))
        names = {m.membership_id: m.full_name for m in people.roll}
        self.dissents.setText("\n".join(
            _("Dissenting opinion of {name}: {text}").format(
                name=names.get(d.membership_id, ""), text=d.text.shown(current_language()))
            for d in people.dissents))
        self.dissents.setVisible(bool(people.dissents))
        for key, button in self.buttons.items():
            button.setEnabled(not closed if key == "dissent" else not votes_locked)
        self.all_for.setEnabled(not votes_locked)
