"""The exchange screen: the offices we exchange packages with, the conflict inbox and
the history of imports; export to a file, import a file (or drop it on the screen)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import audit_anchor
from app.i18n import N_, _
from app.record_labels import field_label, table_label
from app.services import exchange_status as svc
from app.services import office_keys
from app.sync.errors import ExportCancelled, ImportCancelled
from app.ui.context import UiContext
from app.ui.errors import error_text, show_failure
from app.ui.exchange.peer_dialogs import role_name
from app.ui.exchange.peers import PeerActions
from app.ui.ops import Changed, Failure
from app.ui.progress import ProgressTask
from app.ui.screen import Screen
from app.ui.table import Column, ListModel, display, display_moment, table_view

SUFFIX = ".kenes"
RIGHT = Qt.AlignmentFlag.AlignRight
# Tables whose change means the peers, the inbox or the history may differ.
CHANGES = {"peer", "package_log", "knowledge", "conflict", "change_log"}
SHOWN = (*CHANGES, "office_key")


def when(value: str | None) -> str:
    """An ISO UTC stamp as dd.mm.yyyy HH:MM in Kazakhstan's time."""
    if not value:
        return ""
    try:
        return display_moment(dt.datetime.fromisoformat(value))
    except ValueError:
        return value


def _state(p: svc.PeerStatus) -> str:
    if p.revoked:
        return _("revoked")
    return _("trusted") if p.trusted else _("not trusted")


def _value(v: object) -> str:
    """A stored value as a person reads it: dates as dd.mm.yyyy, nothing as a dash."""
    if v is None:
        return "—"
    if isinstance(v, str):
        try:
            return display(dt.date.fromisoformat(v)) if len(v) == 10 else v
        except ValueError:
            return v
    return json.dumps(v, ensure_ascii=False)


_APPLIED = {"incoming": N_("incoming"), "local": N_("local")}
_STATUS = {"open": N_("unresolved"), "confirmed": N_("kept"), "reversed": N_("reversed")}

PEER_COLUMNS = (
    Column(N_("Office"), lambda p: p.office_id[:8]),
    Column(N_("Name"), lambda p: p.name),
    Column(N_("Role"), lambda p: role_name(p.role)),
    Column(N_("Fingerprint"), lambda p: p.fingerprint),
    Column(N_("State"), _state),
    Column(N_("Last sent"), lambda p: when(p.last_sent)),
    Column(N_("Last received"), lambda p: when(p.last_received)),
    Column(N_("Acknowledged"), lambda p: p.acknowledged, RIGHT),
    Column(N_("Pending"), lambda p: p.pending, RIGHT),
)
CONFLICT_COLUMNS = (
    Column(N_("Table"), lambda c: table_label(c.tbl)),
    Column(N_("Field"), lambda c: field_label(c.tbl, c.field)),
    Column(N_("Local value"), lambda c: _value(c.local_value)),
    Column(N_("Incoming value"), lambda c: _value(c.incoming_value)),
    Column(N_("Applied"), lambda c: _(_APPLIED.get(c.applied, c.applied))),
    Column(N_("Status"), lambda c: _(_STATUS.get(c.status, c.status))),
)
HISTORY_COLUMNS = (
    Column(N_("When"), lambda r: when(r.processed_at)),
    Column(N_("Sender"), lambda r: r.peer_name),
    Column(N_("Applied"), lambda r: r.applied, RIGHT),
    Column(N_("Already here"), lambda r: r.skipped, RIGHT),
    Column(N_("Conflicts"), lambda r: r.conflicts, RIGHT),
)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _section(title: str, buttons: tuple[QPushButton, ...], *widgets: QWidget) -> QWidget:
    """A titled part of the screen: the heading and its buttons on one line, then the rest."""
    top = QHBoxLayout()
    top.addWidget(_heading(title))
    top.addStretch(1)
    for button in buttons:
        top.addWidget(button)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(top)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def _button(text: str, name: str, shortcut: str | None = None) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAccessibleName(text.rstrip("…"))
    if shortcut:
        b.setShortcut(QKeySequence(shortcut))
        b.setToolTip(f"{text.rstrip('…')} ({shortcut})")
    return b


class ExchangeScreen(PeerActions, Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.progress: ProgressTask | None = None
        self.setAcceptDrops(True)
        self.peers = ListModel(PEER_COLUMNS, self)
        self.conflicts = ListModel(CONFLICT_COLUMNS, self)
        self.history = ListModel(HISTORY_COLUMNS, self)

        self.peer_view = table_view(self.peers, "peersTable", _("Offices"))
        self.conflict_view = table_view(self.conflicts, "conflictsTable", _("Conflict inbox"))
        self.history_view = table_view(self.history, "historyTable", _("Imported packages"))

        self.export_button = _button(_("Export to…"), "exportButton", "Ctrl+E")
        self.import_button = _button(_("Import…"), "importButton", "Ctrl+I")
        self.keep_button = _button(_("Keep"), "keepButton")
        self.reverse_button = _button(_("Reverse"), "reverseButton")
        self._build_peer_controls(_button)
        self.status = QLabel()
        self.status.setObjectName("exchangeStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        hint = QLabel(_("Drop a .kenes file here to import it."))
        hint.setObjectName("dropHint")
        office_box = _section(_("This office"), (self.card_button, self.rotate_button,
                                                 self.create_keys_button),
                              self.own_label, self.own_fingerprint)
        peers_box = _section(_("Offices"), (self.add_button, self.trust_button,
                                            self.revoke_button, self.export_button,
                                            self.import_button),
                             self.peer_view, hint, self.status)
        inbox_box = _section(_("Conflict inbox"), (self.keep_button, self.reverse_button),
                             self.conflict_view)
        history_box = _section(_("Imported packages"), (), self.history_view)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        for w in (peers_box, inbox_box, history_box):
            split.addWidget(w)
        outer = QVBoxLayout(self)
        outer.addWidget(office_box)
        outer.addWidget(split, 1)

        self.setTabOrder(self.card_button, self.rotate_button)
        self.setTabOrder(self.rotate_button, self.create_keys_button)
        self.setTabOrder(self.create_keys_button, self.add_button)
        self.setTabOrder(self.add_button, self.trust_button)
        self.setTabOrder(self.trust_button, self.revoke_button)
        self.setTabOrder(self.revoke_button, self.export_button)
        self.setTabOrder(self.export_button, self.import_button)
        self.setTabOrder(self.import_button, self.peer_view)
        self.setTabOrder(self.peer_view, self.keep_button)
        self.setTabOrder(self.keep_button, self.reverse_button)
        self.setTabOrder(self.reverse_button, self.conflict_view)
        self.setTabOrder(self.conflict_view, self.history_view)

        self.export_button.clicked.connect(self.export_selected)
        self.import_button.clicked.connect(self.import_chosen)
        self.keep_button.clicked.connect(lambda: self.resolve_selected(reverse=False))
        self.reverse_button.clicked.connect(lambda: self.resolve_selected(reverse=True))
        self.peer_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.conflict_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- data -------------------------------------------------------------------------

    def reload(self) -> None:
        actor = self.ctx.actor
        peer_id = self.select_after_reload or self.selected_peer_id()
        self.select_after_reload = None
        own, peers, inbox, history = self.ctx.runner.read(lambda s: (
            office_keys.own_card(s, actor), svc.peer_statuses(s, actor),
            svc.open_conflicts(s, actor), svc.import_history(s, actor)))
        self.show_own(own)
        self.peers.set_rows(peers)
        self.conflicts.set_rows(inbox)
        self.history.set_rows(history)
        for i, p in enumerate(peers):
            if p.office_id == peer_id:
                self.peer_view.selectRow(i)
        for view in (self.peer_view, self.conflict_view, self.history_view):
            view.resizeColumnsToContents()
        self._update_buttons()

    def on_changed(self, changed: Changed) -> None:
        if self._loaded and changed.touches(*SHOWN):
            self.reload()

    def selected_peer_id(self) -> str | None:
        rows = self.peer_view.selectionModel().selectedRows()
        return self.peers.row(rows[0]).office_id if rows else None

    def select_peer(self, office_id: str) -> None:
        for i, p in enumerate(self.peers.rows):
            if p.office_id == office_id:
                self.peer_view.selectRow(i)

    def _selected_conflict(self):  # type: ignore[no-untyped-def]
        rows = self.conflict_view.selectionModel().selectedRows()
        return self.conflicts.row(rows[0]) if rows else None

    def _update_buttons(self) -> None:
        rows = self.peer_view.selectionModel().selectedRows()
        peer = self.peers.row(rows[0]) if rows else None
        self.export_button.setEnabled(bool(peer and peer.trusted and not peer.revoked))
        self._update_peer_buttons(peer)
        has_conflict = self._selected_conflict() is not None
        self.keep_button.setEnabled(has_conflict)
        self.reverse_button.setEnabled(has_conflict)

    # --- asking (tests monkeypatch these) -----------------------------------------------

    def ask_path(self, save: bool, suggested: str = "") -> str | None:
        """A file to write (save) or to read; None when the user cancels."""
        folder = str(Path.home())
        kenes = _("Kenes packages (*.kenes)")
        if save:
            name, _filter = QFileDialog.getSaveFileName(
                self, _("Export to…"), str(Path(folder) / suggested), kenes)
        else:
            name, _filter = QFileDialog.getOpenFileName(self, _("Import…"), folder, kenes)
        return name or None

    def ask_passphrase(self) -> str | None:
        text, ok = QInputDialog.getText(
            self, _("Office keys"), _("Passphrase of the office keys:"),
            QLineEdit.EchoMode.Password)
        return text if ok and text else None

    # --- actions ------------------------------------------------------------------------

    def _failed(self, failure: Failure) -> None:
        self._finish_progress()
        self.status.setText(error_text(failure.error))
        if not isinstance(failure.error, ImportCancelled | ExportCancelled):
            show_failure(self, failure)  # the person cancelled: the line says enough

    def _start_progress(self, text: str, cancelled: type[Exception]) -> ProgressTask:
        """A progress dialog with Cancel, shown when a large package takes a while."""
        self._finish_progress()
        self.progress = ProgressTask(self, text, cancelled)
        return self.progress

    def _finish_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def export_selected(self) -> None:
        peer_id = self.selected_peer_id()
        if peer_id is None:
            return
        peer = next(p for p in self.peers.rows if p.office_id == peer_id)
        stamp = dt.date.today().strftime("%Y-%m-%d")
        name = self.ask_path(True, f"{peer.name}-{stamp}{SUFFIX}")
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        actor, db = self.ctx.actor, self.ctx.runner.db

        def done(records: int) -> None:
            from app.sync import epoch

            self._finish_progress()
            epoch.remember(db)
            self.status.setText(_("Written {path}: {n} changes.").format(path=path, n=records))

        task = self._start_progress(_("Writing the package…"), ExportCancelled)
        self.ctx.runner.run(
            lambda s: svc.export_to_file(s, actor, passphrase, peer_id, path,
                                         progress=task.callback),
            on_done=done, on_error=self._failed, changes=CHANGES)

    def import_chosen(self) -> None:
        name = self.ask_path(False)
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        actor = self.ctx.actor

        def done(res) -> None:  # type: ignore[no-untyped-def]
            self._finish_progress()
            lines = [_("Imported: {applied} changes applied, {skipped} already here, "
                       "{conflicts} conflicts, {closed} for closed meetings.").format(
                applied=res.applied, skipped=res.skipped, conflicts=res.conflicts,
                closed=res.closed_meeting)]
            lines += [_("Held back: changes of origin {origin} from {got}; {expected} is "
                        "missing. The next package from that office will fill the gap."
                        ).format(**gap) for gap in res.gaps]
            if res.audit_backwards is not None:
                lines.append(_(audit_anchor.BACKWARDS).format(**res.audit_backwards))
            self.status.setText("\n".join(lines))

        task = self._start_progress(_("Importing {name}…").format(name=path.name),
                                    ImportCancelled)
        self.ctx.runner.run(lambda s: svc.import_file(s, actor, passphrase, path,
                                                      progress=task.callback),
                            on_done=done, on_error=self._failed,
                            changes=CHANGES | {"child"})

    def resolve_selected(self, reverse: bool) -> None:
        c = self._selected_conflict()
        if c is None:
            return
        actor, table = self.ctx.actor, c.tbl
        self.ctx.runner.run(
            lambda s: svc.resolve_conflict(s, actor, c.id, reverse),
            on_done=lambda info: self.status.setText(
                _("Conflict resolved: {status}.").format(
                    status=_(_STATUS.get(info.status, info.status)))),
            on_error=self._failed, changes={"conflict", "change_log", table})

    # --- drag and drop ------------------------------------------------------------------

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(SUFFIX):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_path(path)
