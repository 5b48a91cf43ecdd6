"""Documents in the app: choose, build (through the runner), preview with QtPdf, print
onto a QPrinter, save as PDF; from the meetings screen, the session and the child card.
The data is the reports' scenario (a closed meeting with every kind of item)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.i18n import set_language
from app.models import User  # noqa: F401  (the models package registers every table)
from app.models.user import AuditEntry
from app.services import attendance, commissions, decisions, meetings, voting
from app.ui.children.card import ChildCard
from app.ui.documents import build as build_module
from app.ui.documents.build import DocKind
from app.ui.documents.chooser import DocumentChooser
from app.ui.documents.preview import DocumentPreview, safe_file_name
from app.ui.meetings.screen import MeetingsScreen
from app.ui.session.window import SessionWindow
from tests.reports import scenario
from tests.text import ru

KAZAKH = "әғқңөұүі"


@pytest.fixture
def sc(world):
    with world.db.session() as s:
        return scenario.build(s, world.admin, world.commission_id)


@pytest.fixture
def screen(ctx, qtbot, sc):
    widget = MeetingsScreen(ctx)
    ctx.runner.sig_changed.connect(widget.on_changed)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.ensure_loaded()
    return widget


def text_of(path) -> str:
    return " ".join(re.sub(r"\s+", " ", p.extract_text() or "")
                    for p in PdfReader(path).pages)


def audited(world, action: str) -> list[AuditEntry]:
    with world.db.read_session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def preview_of(qtbot, chooser: DocumentChooser, kind: DocKind,
               lang: str | None = None) -> DocumentPreview:
    chooser.choose(kind, lang)
    assert chooser.preview_button.isEnabled()
    qtbot.mouseClick(chooser.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chooser.preview is not None and chooser.preview.isVisible())
    return chooser.preview  # deleted on close; its parent belongs to the test


def error_boxes(parent) -> list[QMessageBox]:
    return [b for b in parent.findChildren(QMessageBox) if b.objectName() == "errorDialog"
            and b.isVisible()]


# -- the meetings screen ----------------------------------------------------------------------

def test_protocol_in_kazakh_from_the_meetings_screen(screen, sc, world, qtbot, tmp_path):
    screen.select_meeting(sc.main.id)
    assert screen.documents_button.isEnabled()
    qtbot.mouseClick(screen.documents_button, Qt.MouseButton.LeftButton)
    chooser = screen.dialog
    assert isinstance(chooser, DocumentChooser) and chooser.isVisible()
    assert chooser.kind() is DocKind.PROTOCOL  # a closed meeting: its protocol first
    assert chooser.language.currentData() == "ru"  # the UI speaks English: Russian
    before = len(audited(world, "document.protocol"))

    preview = preview_of(qtbot, chooser, DocKind.PROTOCOL, "kk")
    assert preview.objectName() == "documentPreview"
    assert not chooser.isVisible()
    pages = preview.page_count()
    assert pages > 0
    assert preview.page_label.text() == f"Page 1 of {pages}"
    assert preview.view.document() is preview.document
    image = preview.page_image(0)
    assert not image.isNull() and image.width() == 800
    # Something is drawn on it: not a blank white page.
    assert any(image.pixelColor(x, y).value() < 128
               for y in range(0, image.height(), 8) for x in range(0, image.width(), 8))
    assert "хаттама" in preview.title()  # the PDF's metadata, in Kazakh
    # Reading the document was audited (the build's first op is a write).
    assert len(audited(world, "document.protocol")) == before + 1

    saved = preview.save_to(tmp_path / "protocol")  # the suffix is added
    assert saved == tmp_path / "protocol.pdf"
    body = text_of(saved)
    assert sc.main.label in body
    assert "ХАТТАМА" in body and "Төрағалық етуші" in body
    assert not list(tmp_path.glob(".*.part"))  # the atomic copy left nothing behind
    assert preview.status.text() == f"Saved to {saved}."

    folder = preview.folder
    assert folder is not None and folder.is_dir()
    preview.close()
    assert not folder.exists()  # the temporary build (personal data) is removed


def test_saving_replaces_a_file_whole_and_reports_a_failure(screen, sc, qtbot, tmp_path):
    screen.select_meeting(sc.main.id)
    screen.open_documents()
    preview = preview_of(qtbot, screen.dialog, DocKind.AGENDA)
    target = tmp_path / "agenda.pdf"
    target.write_bytes(b"old")
    assert preview.save_to(target) == target
    assert PdfReader(target).pages and target.read_bytes().startswith(b"%PDF")
    assert "ПОВЕСТКА" in text_of(target).upper()

    assert preview.save_to(tmp_path / "no such folder" / "x.pdf") is None
    boxes = error_boxes(preview)
    assert boxes and "Cannot write" in boxes[0].text()
    assert safe_file_name("№ 2/2026 хаттама") == "№ 2-2026 хаттама.pdf"


def test_print_sends_every_page_to_the_printer(screen, sc, qtbot, tmp_path):
    screen.select_meeting(sc.main.id)
    screen.open_documents()
    preview = preview_of(qtbot, screen.dialog, DocKind.PROTOCOL, "ru")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert preview.print_to(printer) == preview.page_count()
    assert len(PdfReader(out).pages) == preview.page_count() > 1

    # A page range prints only those pages.
    ranged = QPrinter(QPrinter.PrinterMode.HighResolution)
    ranged.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    ranged.setOutputFileName(str(tmp_path / "page2.pdf"))
    ranged.setPrintRange(QPrinter.PrintRange.PageRange)
    ranged.setFromTo(2, 2)
    assert preview.print_to(ranged) == 1
    assert len(PdfReader(tmp_path / "page2.pdf").pages) == 1


def test_zoom_and_fit(screen, sc, qtbot):
    screen.select_meeting(sc.main.id)
    screen.open_documents()
    preview = preview_of(qtbot, screen.dialog, DocKind.AGENDA)
    fitted = preview.zoom()
    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.zoom() == pytest.approx(fitted * 1.25)
    assert preview.zoom_label.text() == f"{round(fitted * 125)} %"
    qtbot.mouseClick(preview.fit_page_button, Qt.MouseButton.LeftButton)
    assert preview.zoom() < fitted  # a whole A4 page is narrower than the view
    qtbot.mouseClick(preview.fit_width_button, Qt.MouseButton.LeftButton)
    assert preview.zoom() == pytest.approx(fitted)


def test_letters_one_per_body_and_a_resolution(screen, sc, qtbot, tmp_path):
    screen.select_meeting(sc.main.id)
    screen.open_documents()
    preview = preview_of(qtbot, screen.dialog, DocKind.LETTERS, "ru")
    bodies = [preview.body.itemText(i) for i in range(preview.body.count())]
    assert bodies == ["Служба поддержки семьи", "Школа-гимназия № 1",
                      "Отдел образования района"]
    assert preview.body.isVisibleTo(preview)
    preview.body.setCurrentIndex(2)
    assert preview.view.document() is preview.document and preview.page_count() > 0
    body = text_of(preview.save_to(tmp_path / "letter.pdf"))
    assert "Отдел образования района" in body and "Школа-гимназия" not in body
    preview.close()

    screen.open_documents()
    chooser = screen.dialog
    chooser.choose(DocKind.RESOLUTION)
    # Decisions on a child: the case (1) and the control of his measure (3); not the
    # general question (2) nor the postponed case (4).
    assert [chooser.item.itemData(i) for i in range(chooser.item.count())] == [1, 3]
    assert chooser.item.isVisibleTo(chooser)
    preview = preview_of(qtbot, chooser, DocKind.RESOLUTION, "kk")
    body = text_of(preview.save_to(tmp_path / "resolution.pdf"))
    assert "ҚАУЛЫ" in body and f"{sc.main.number}/1" in body
    assert any(ch in body for ch in KAZAKH)


def test_the_redacted_protocol_hides_the_children(screen, sc, qtbot, tmp_path):
    screen.select_meeting(sc.main.id)
    screen.open_documents()
    preview = preview_of(qtbot, screen.dialog, DocKind.REDACTED, "ru")
    body = text_of(preview.save_to(tmp_path / "redacted.pdf"))
    assert sc.main.label in body
    assert "Төлеуов" not in body and sc.iin not in body


def test_a_planned_meeting_offers_only_what_exists_before_it(screen, sc, qtbot):
    screen.select_meeting(sc.next.id)
    screen.open_documents()
    chooser = screen.dialog
    assert chooser.kind() is DocKind.AGENDA
    enabled = {chooser.kinds.item(r).data(Qt.ItemDataRole.UserRole)
               for r in range(chooser.kinds.count())
               if chooser.kinds.item(r).flags() & Qt.ItemFlag.ItemIsEnabled}
    assert enabled == {DocKind.AGENDA, DocKind.INVITATIONS}
    assert chooser.hint.isVisibleTo(chooser) and "closed" in chooser.hint.text()
    preview = preview_of(qtbot, chooser, DocKind.INVITATIONS, "kk")
    assert preview.page_count() >= 1


def test_a_failed_build_shows_the_error_and_can_be_retried(screen, sc, qtbot, monkeypatch):
    screen.select_meeting(sc.main.id)
    screen.open_documents()
    chooser = screen.dialog

    def broken(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_files", broken)
    monkeypatch.setattr("app.ui.documents.chooser.write_files", broken)
    qtbot.mouseClick(chooser.preview_button, Qt.MouseButton.LeftButton)
    assert chooser.preview is None and chooser.isVisible()
    boxes = error_boxes(chooser)
    assert boxes and "Something went wrong" in boxes[0].text()
    assert chooser.preview_button.isEnabled() and chooser.kinds.isEnabled()
    assert not chooser.progress.isVisibleTo(chooser)
    boxes[0].close()

    monkeypatch.undo()
    preview = preview_of(qtbot, chooser, DocKind.AGENDA)
    assert preview.page_count() >= 1


def test_a_cancelled_build_is_dropped(ctx, sc, qtbot):
    """With the real runner the result arrives later; Cancel before that drops it."""
    from app.ui.ops import OpRunner

    runner = OpRunner(ctx.runner.db)
    threaded = type(ctx)(runner, ctx.actor, ctx.commission_id, ctx.settings)
    with ctx.runner.db.read_session() as s:
        meeting = meetings.get_meeting(s, sc.main.id)
    chooser = DocumentChooser.for_meeting(threaded, meeting)
    qtbot.addWidget(chooser)
    chooser.show()
    with qtbot.waitSignal(runner.sig_busy, timeout=20_000,
                          check_params_cb=lambda busy: busy is False):
        chooser.choose(DocKind.AGENDA)
        chooser.build()
        assert chooser.busy() and chooser.progress.isVisibleTo(chooser)
        assert not chooser.preview_button.isEnabled()
        chooser.reject()
    runner.wait()
    QApplication.processEvents()
    assert chooser.preview is None


def test_the_build_runs_off_the_gui_thread(ctx, sc, qtbot):
    from app.ui.ops import OpRunner

    runner = OpRunner(ctx.runner.db)
    threaded = type(ctx)(runner, ctx.actor, ctx.commission_id, ctx.settings)
    with ctx.runner.db.read_session() as s:
        meeting = meetings.get_meeting(s, sc.main.id)
    chooser = DocumentChooser.for_meeting(threaded, meeting)
    qtbot.addWidget(chooser)
    chooser.show()
    with qtbot.waitSignal(chooser.sig_preview_opened, timeout=30_000):
        chooser.choose(DocKind.PROTOCOL, "kk")
        chooser.build()
        assert chooser.busy()  # returned at once; the GUI thread is free meanwhile
    assert chooser.preview.page_count() > 0
    chooser.preview.close()


def test_the_document_language_follows_the_ui(screen, sc):
    set_language("kk")
    screen.select_meeting(sc.main.id)
    screen.open_documents()
    assert screen.dialog.language.currentData() == "kk"


# -- the session ---------------------------------------------------------------------------

def test_protocol_right_after_closing_the_session(ctx, sc, world, qtbot, tmp_path):
    with world.db.session() as s:
        for m in commissions.members_on(s, world.commission_id, sc.next.date):
            attendance.mark_present(s, world.admin, sc.next.id, m.id)
        meetings.start_meeting(s, world.admin, sc.next.id)
        for item in meetings.agenda(s, sc.next.id):
            voting.vote_all_for(s, world.admin, item.id)
            decisions.record_decision(s, world.admin, item.id, text=ru("Провести беседу."))
    window = SessionWindow(ctx, sc.next.id)
    qtbot.addWidget(window)
    window.show()
    assert not window.protocol_button.isVisible()  # nothing to issue while it runs

    window.ask_close()
    close = window.dialog
    close.ends_at.setTime(close.ends_at.time().fromString("16:45", "HH:mm"))
    qtbot.mouseClick(close.ok, Qt.MouseButton.LeftButton)
    assert window.meeting_closed and window.protocol_button.isVisible()

    qtbot.mouseClick(window.protocol_button, Qt.MouseButton.LeftButton)
    chooser = window.dialog
    assert isinstance(chooser, DocumentChooser) and chooser.kind() is DocKind.PROTOCOL
    preview = preview_of(qtbot, chooser, DocKind.PROTOCOL, "ru")
    body = text_of(preview.save_to(tmp_path / "p.pdf"))
    assert sc.next.label in body and "16:45" in body
    preview.close()
    window.close()


# -- the child card ---------------------------------------------------------------------------

def test_child_extract_in_russian_from_the_card(ctx, sc, world, qtbot, tmp_path):
    card = ChildCard(ctx)
    qtbot.addWidget(card)
    card.resize(900, 700)
    card.show()
    card.show_child(sc.child_id)
    assert card.extract_button.isVisible() and card.extract_button.isEnabled()
    qtbot.mouseClick(card.extract_button, Qt.MouseButton.LeftButton)
    chooser = card.last_dialog
    assert isinstance(chooser, DocumentChooser)
    assert not chooser.kinds.isVisibleTo(chooser)  # one document: only its language
    assert chooser.kind() is DocKind.EXTRACT
    preview = preview_of(qtbot, chooser, DocKind.EXTRACT, "ru")
    assert preview.page_count() > 0 and not preview.page_image(0).isNull()
    assert not preview.body.isVisibleTo(preview)
    body = text_of(preview.save_to(tmp_path / "extract.pdf"))
    assert "ВЫПИСКА" in body and "Төлеуов Нұрсұлтан" in body
    assert f"{sc.main.number}/1" in body  # the decision on the child
    assert len(audited(world, "document.extract")) == 1


def test_a_viewer_may_read_the_extract(ctx, sc, qtbot):
    from dataclasses import replace

    from app.domain.roles import Role
    from app.services.context import Actor

    viewer = replace(ctx, actor=Actor("viewer", "viewer", Role.VIEWER))
    card = ChildCard(viewer)
    qtbot.addWidget(card)
    card.show_child(sc.child_id)
    assert card.extract_button.isEnabled()
    assert not any(b.isEnabled() for b in card.buttons.values())


def test_a_meeting_day_is_shown_in_the_heading(screen, sc):
    screen.select_meeting(sc.main.id)
    screen.open_documents()
    heading = screen.dialog.findChild(type(screen.agenda_title), "chooserHeading")
    assert heading.text() == f"Meeting {sc.main.label} of {sc.main.date:%d.%m.%Y}"
    assert isinstance(sc.main.date, dt.date)
