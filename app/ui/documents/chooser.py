"""Choosing a document and its language, building it off the GUI thread, and opening
the preview.

Building is two ops through the runner: the data is read in one write transaction (the
documents service checks VIEW and audits the access), then the PDF is laid out with no
session held (`write=None`) into a temporary folder that the preview owns. While it
builds, the chooser shows a busy bar; Cancel drops the result when it arrives. Errors go
to the one error dialog and leave the chooser as it was, to try again.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language
from app.models.enums import MeetingStatus
from app.services import decisions, meetings
from app.services.meetings import MeetingInfo
from app.ui.context import UiContext
from app.ui.documents.build import (
    AFTER_CLOSING,
    DOC_LANGUAGES,
    LANGUAGE_TITLES,
    MEETING_KINDS,
    TITLES,
    Built,
    DocKind,
    Request,
    default_language,
    read_data,
    write_files,
)
from app.ui.documents.preview import DocumentPreview, report
from app.ui.errors import show_failure
from app.ui.ops import Failure


class DocumentChooser(QDialog):
    """Which document, for which item, in which language; "Preview" builds it."""

    sig_preview_opened = Signal(object)
    """(DocumentPreview): the document was built and its preview opened."""

    def __init__(self, ctx: UiContext, kinds: tuple[DocKind, ...], heading: str, *,
                 meeting: MeetingInfo | None = None, child_id: str | None = None,
                 initial: DocKind | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting, self.child_id = meeting, child_id
        self.preview: DocumentPreview | None = None
        self._job = 0  # the build in flight; a cancelled one no longer matches
        self._busy = False
        self.setObjectName("documentChooser")
        self.setWindowTitle(_("Documents"))
        resolutions = self._resolution_items() if DocKind.RESOLUTION in kinds else []
        closed = meeting is None or meeting.status is MeetingStatus.CLOSED

        title = QLabel(heading)
        title.setObjectName("chooserHeading")
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)

        self.kinds = QListWidget()
        self.kinds.setObjectName("documentKinds")
        self.kinds.setAccessibleName(_("Document"))
        for kind in kinds:
            item = QListWidgetItem(_(TITLES[kind]))
            item.setData(Qt.ItemDataRole.UserRole, kind)
            usable = (closed or kind not in AFTER_CLOSING) and (
                kind is not DocKind.RESOLUTION or bool(resolutions))
            if not usable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.kinds.addItem(item)
        self.kinds.setVisible(len(kinds) > 1)
        rows = self.kinds.count()
        self.kinds.setFixedHeight(self.kinds.sizeHintForRow(0) * (rows + 1)
                                  + 2 * self.kinds.frameWidth())
        self.kinds.currentRowChanged.connect(lambda _r: self._update())
        self.kinds.itemDoubleClicked.connect(lambda _i: self.build())

        self.item = QComboBox()
        self.item.setObjectName("resolutionItem")
        self.item.setAccessibleName(_("Item"))
        for position, text in resolutions:
            self.item.addItem(_("Item {number}: {title}").format(number=position, title=text),
                              position)
        self.item.setMinimumContentsLength(30)
        self.item.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.language = QComboBox()
        self.language.setObjectName("documentLanguage")
        self.language.setAccessibleName(_("Language of the document"))
        for lang in DOC_LANGUAGES:
            self.language.addItem(_(LANGUAGE_TITLES[lang]), lang)
        self.language.setCurrentIndex(DOC_LANGUAGES.index(default_language(current_language())))

        form = QFormLayout()
        self.item_label = QLabel(_("Item"))
        form.addRow(self.item_label, self.item)
        form.addRow(_("Language of the document"), self.language)

        self.hint = QLabel()
        self.hint.setObjectName("chooserHint")
        self.hint.setWordWrap(True)
        if not closed and any(k in AFTER_CLOSING for k in kinds):
            self.hint.setText(_("The protocol, the resolutions and the letters are issued "
                                "once the meeting is closed."))
        elif DocKind.RESOLUTION in kinds and not resolutions:
            self.hint.setText(_("No decision on a child was made at this meeting: there is "
                                "no resolution to issue."))
        self.hint.setVisible(bool(self.hint.text()))

        self.progress = QProgressBar()
        self.progress.setObjectName("buildProgress")
        self.progress.setRange(0, 0)  # busy: the builders give no steps
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.busy_label = QLabel(_("Building the document…"))
        self.busy_label.setObjectName("buildStatus")
        self.busy_label.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.preview_button.setText(_("Preview"))
        self.preview_button.setObjectName("previewButton")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        buttons.accepted.connect(self.build)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.kinds)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)

        enabled = [r for r in range(self.kinds.count())
                   if self.kinds.item(r).flags() & Qt.ItemFlag.ItemIsEnabled]
        start = next((r for r in enabled if self.kinds.item(r).data(
            Qt.ItemDataRole.UserRole) == initial), enabled[0] if enabled else -1)
        self.kinds.setCurrentRow(start)
        self.kinds.setFocus()
        self._update()
        self.resize(600, self.sizeHint().height())

    # -- the two ways in -------------------------------------------------------------------
    @classmethod
    def for_meeting(cls, ctx: UiContext, meeting: MeetingInfo, parent: QWidget | None = None,
                    initial: DocKind | None = None) -> DocumentChooser:
        if initial is None:
            closed = meeting.status is MeetingStatus.CLOSED
            initial = DocKind.PROTOCOL if closed else DocKind.AGENDA
        heading = _("Meeting {label} of {date}").format(label=meeting.label,
                                                         date=f"{meeting.date:%d.%m.%Y}")
        return cls(ctx, MEETING_KINDS, heading, meeting=meeting, initial=initial, parent=parent)

    @classmethod
    def for_child(cls, ctx: UiContext, child_id: str, name: str,
                  parent: QWidget | None = None) -> DocumentChooser:
        heading = _("History extract: {name}").format(name=name)
        return cls(ctx, (DocKind.EXTRACT,), heading, child_id=child_id,
                   initial=DocKind.EXTRACT, parent=parent)

    def _resolution_items(self) -> list[tuple[int, str]]:
        """The items decided on a child: (position, title), in agenda order."""
        assert self.meeting is not None
        mid = self.meeting.id

        def read(s):  # type: ignore[no-untyped-def]
            on_child = {d.agenda_item_id for d in decisions.decisions_of_meeting(s, mid)
                        if d.child_id is not None}
            return [(i.position, i.title.shown(current_language()))
                    for i in meetings.agenda(s, mid) if i.id in on_child]

        return self.ctx.runner.read(read)

    # -- choosing ---------------------------------------------------------------------------
    def kind(self) -> DocKind | None:
        item = self.kinds.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return DocKind(item.data(Qt.ItemDataRole.UserRole))  # Qt hands back a plain str

    def choose(self, kind: DocKind, lang: str | None = None) -> None:
        """Select a document (and a language): what a click on the list does."""
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(Qt.ItemDataRole.UserRole) == kind:
                self.kinds.setCurrentRow(row)
        if lang is not None:
            self.language.setCurrentIndex(DOC_LANGUAGES.index(lang))

    def request(self) -> Request | None:
        kind = self.kind()
        if kind is None:
            return None
        lang = self.language.currentData()
        if kind is DocKind.EXTRACT:
            return Request(kind, lang, child_id=self.child_id)
        assert self.meeting is not None
        if kind is DocKind.RESOLUTION:
            if self.item.currentData() is None:
                return None
            return Request(kind, lang, meeting_id=self.meeting.id, item=self.item.currentData())
        return Request(kind, lang, meeting_id=self.meeting.id)

    def _update(self) -> None:
        resolution = self.kind() is DocKind.RESOLUTION
        self.item.setVisible(resolution)
        self.item_label.setVisible(resolution)
        self.preview_button.setEnabled(self.request() is not None and not self.busy())

    # -- building ---------------------------------------------------------------------------
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, on: bool) -> None:
        self._busy = on
        self.progress.setVisible(on)
        self.busy_label.setVisible(on)
        for widget in (self.kinds, self.item, self.language):
            widget.setEnabled(not on)
        if on:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self._update()

    def build(self) -> None:
        req = self.request()
        if req is None or self.busy():
            return
        self._job += 1
        job, actor = self._job, self.ctx.actor
        self._set_busy(True)
        self.ctx.runner.run(lambda s: read_data(s, actor, req),
                            on_done=lambda data: self._lay_out(job, req, data),
                            on_error=lambda failure: self._failed(job, failure),
                            changes={"audit_log"}, write=True)

    def _lay_out(self, job: int, req: Request, data: Any) -> None:
        if job != self._job:
            return
        folder = Path(tempfile.mkdtemp(prefix="kenes-document-"))

        def failed(failure: Failure) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self._failed(job, failure)

        self.ctx.runner.run(lambda _none: write_files(data, req, folder),
                            on_done=lambda files: self._built(job, folder, files),
                            on_error=failed, write=None)

    def _built(self, job: int, folder: Path, files: tuple[Built, ...]) -> None:
        if job != self._job:  # cancelled meanwhile: nobody will look at it
            shutil.rmtree(folder, ignore_errors=True)
            return
        self._set_busy(False)
        try:
            preview = DocumentPreview(files, folder, parent=self.parentWidget())
        except Exception as exc:  # a file QtPdf cannot read
            shutil.rmtree(folder, ignore_errors=True)
            report(self, exc)
            return
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        self.accept()
        preview.open()
        self.sig_preview_opened.emit(preview)

    def _failed(self, job: int, failure: Failure) -> None:
        if job != self._job:
            return
        self._set_busy(False)
        show_failure(self, failure)

    def reject(self) -> None:
        """Cancel: a build in flight is dropped when it arrives."""
        self._job += 1
        self._set_busy(False)
        super().reject()
