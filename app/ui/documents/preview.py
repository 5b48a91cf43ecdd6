"""The document preview: the built PDF's pages (QtPdf), their count, zoom, printing
through the system print dialog and saving a copy as PDF.

The PDF was built into a temporary folder; the preview owns that folder and removes it
when it closes (the documents hold personal data). "Save as PDF…" copies the built file
atomically (a temporary file beside the target, then a rename), so an existing file is
never left half-written. Printing renders each page to an image at up to PRINT_DPI and
paints it on the printer: the same pixels on every platform, the document's own margins.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KenesError, StorageError
from app.i18n import N_, _
from app.ui.documents.build import Built
from app.ui.errors import show_failure
from app.ui.ops import Failure

log = logging.getLogger("kenes.ui")

PRINT_DPI = 300  # enough for text on paper; 1200 dpi images of A4 would take 0.5 GB
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_file_name(title: str) -> str:
    """"№ 12/2026 хаттама" -> "№ 12-2026 хаттама.pdf": readable and valid on Windows."""
    name = _UNSAFE.sub("-", title).strip(" .-") or _("document")
    return name[:120] + ".pdf"


def save_copy(source: Path, target: Path) -> Path:
    """Copy `source` to `target` atomically: a temporary file in the target's folder,
    flushed to disk, then renamed over the target."""
    target = Path(target)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                    dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def report(parent: QWidget, error: BaseException) -> None:
    """An error outside the runner: logged like the runner's, shown in the one dialog."""
    details = "".join(traceback.format_exception(error))
    if not isinstance(error, KenesError):
        log.error("document: %s", details)
    show_failure(parent, Failure(error, details))


def render_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """One page as an opaque image (QtPdf renders on a transparent background)."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return image


class DocumentPreview(QDialog):
    """Preview of one built document, or of several siblings (one letter per body: a
    combo box picks the one shown, printed and saved)."""

    last_folder: str | None = None  # where the last copy was saved, for this run

    def __init__(self, files: Sequence[Built], folder: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not files:
            raise ValueError("nothing to preview")
        self.setObjectName("documentPreview")
        self.files = tuple(files)
        self.folder = folder
        self._documents: dict[int, QPdfDocument] = {}
        self.index = 0
        self._closed = False
        self._build()
        self.show_file(0)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._clean_up)  # the app may quit with it open
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen())
        area = screen.availableGeometry() if screen is not None else None
        if area is not None:
            self.resize(min(1000, int(area.width() * 0.9)), int(area.height() * 0.9))

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.body = QComboBox()
        self.body.setObjectName("letterBody")
        self.body.setAccessibleName(_("Letter to"))
        for built in self.files:
            self.body.addItem(built.label or "")
        self.body.setMinimumContentsLength(20)  # a long body's name must not widen the dialog
        self.body.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.body.currentIndexChanged.connect(self.show_file)
        body_label = QLabel(_("Letter to"))
        body_label.setBuddy(self.body)
        letters = any(b.label for b in self.files)  # letters: one per body, even one
        self.body.setVisible(letters)
        body_label.setVisible(letters)

        self.page_label = QLabel()
        self.page_label.setObjectName("pageCount")
        self.zoom_out_button = self._button("zoomOut", "−", lambda: self.zoom_by(1 / ZOOM_STEP),
                                            accessible=_("Zoom out"), tip="Ctrl+-")
        for button in (self.zoom_out_button,):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("+") * 3 + 24)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLevel")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("000 %"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = self._button("zoomIn", "+", lambda: self.zoom_by(ZOOM_STEP),
                                           accessible=_("Zoom in"), tip="Ctrl++")
        self.zoom_in_button.setFixedWidth(self.zoom_out_button.width())
        self.fit_width_button = self._button("fitWidth", _("Fit width"), self.fit_width,
                                             shortcut="Ctrl+0")
        self.fit_page_button = self._button("fitPage", _("Whole page"), self.fit_page)
        self.print_button = self._button("printButton", _("Print…"), self.ask_print,
                                         shortcut="Ctrl+P")
        self.save_button = self._button("saveButton", _("Save as PDF…"), self.ask_save,
                                        shortcut="Ctrl+S")
        self.close_button = self._button("closeButton", _("Close"), self.reject, tip="Esc")
        self.print_button.setDefault(True)

        letters = QHBoxLayout()  # its own row: a body's name can be long
        letters.addWidget(body_label)
        letters.addWidget(self.body, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.page_label)
        bar.addSpacing(12)
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button,
                  self.fit_width_button, self.fit_page_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addSpacing(12)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)

        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName(_("Pages of the document"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8f96; }")
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_page())
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(letters)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        for keys, slot in (("Ctrl++", lambda: self.zoom_by(ZOOM_STEP)),
                           ("Ctrl+=", lambda: self.zoom_by(ZOOM_STEP)),
                           ("Ctrl+-", lambda: self.zoom_by(1 / ZOOM_STEP))):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.setTabOrder(self.body, self.zoom_out_button)

    def _button(self, name: str, text: str, slot, *, shortcut: str | None = None,  # type: ignore[no-untyped-def]
                accessible: str | None = None, tip: str | None = None) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.setAccessibleName(accessible or text.rstrip("…"))
        button.clicked.connect(lambda _c=False: slot())
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
        if tip or shortcut:
            button.setToolTip(tip or shortcut)
        return button

    # -- what is shown -----------------------------------------------------------------------
    @property
    def current(self) -> Built:
        return self.files[self.index]

    @property
    def document(self) -> QPdfDocument:
        return self._document(self.index)

    def _document(self, index: int) -> QPdfDocument:
        doc = self._documents.get(index)
        if doc is None:
            doc = QPdfDocument(self)
            error = doc.load(str(self.files[index].path))
            if error != QPdfDocument.Error.None_:
                raise StorageError(N_("The document cannot be shown: {reason}."),
                                   reason=error.name)
            self._documents[index] = doc
        return doc

    def show_file(self, index: int) -> None:
        self.index = index
        if self.body.currentIndex() != index:
            self.body.setCurrentIndex(index)
        self.view.setDocument(self.document)
        self.view.pageNavigator().jump(0, self.view.pageNavigator().currentLocation())
        self.setWindowTitle(_("Preview: {title}").format(title=self.title()))
        self.status.setText("")
        self._show_page()

    def title(self) -> str:
        """The document's title as its metadata gives it, in the document's language."""
        title = str(self.document.metaData(QPdfDocument.MetaDataField.Title) or "")
        return title or self.current.path.stem

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page at the top of the view, from 0."""
        return self.view.pageNavigator().currentPage()

    def page_image(self, page: int, width: int = 800) -> QImage:
        """A page rendered `width` pixels wide (what the view shows, as an image)."""
        points = self.document.pagePointSize(page)
        if points.width() <= 0:
            return QImage()
        return render_page(self.document, page,
                           QSize(width, round(width * points.height() / points.width())))

    def _show_page(self) -> None:
        if self._closed:
            return
        self.page_label.setText(_("Page {page} of {pages}").format(
            page=self.current_page() + 1, pages=self.page_count()))
        self.zoom_label.setText(f"{round(self.zoom() * 100)} %")

    # -- zoom ---------------------------------------------------------------------------------
    def zoom(self) -> float:
        """The scale the pages are shown at (1.0 = the paper's size at the screen's dpi),
        in the fit modes too."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(max(self.current_page(), 0))
        if points.width() <= 0:
            return 1.0
        dpi = self.view.logicalDpiY() / 72
        m = self.view.documentMargins()
        area = self.view.viewport()
        by_width = (area.width() - m.left() - m.right()) / (points.width() * dpi)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return max(by_width, 0.01)
        by_height = (area.height() - m.top() - m.bottom()) / (points.height() * dpi)
        return max(min(by_width, by_height), 0.01)

    def zoom_by(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        value = min(max(self.zoom() * factor, low), high)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(value)
        self._show_page()

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_page()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._show_page()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if hasattr(self, "zoom_label"):  # not while the layout is being built
            self._show_page()

    # -- printing -------------------------------------------------------------------------------
    def ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title())
        printer.setPageSize(self._page_size())
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, max(self.page_count(), 1))
        dialog.setFromTo(1, max(self.page_count(), 1))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                pages = self.print_to(printer)
            except Exception as exc:  # shown in the one error dialog, and logged
                report(self, exc)
            else:
                self.status.setText(_("Pages sent to the printer: {pages}.").format(pages=pages))

    def _page_size(self):  # type: ignore[no-untyped-def]
        from PySide6.QtGui import QPageSize

        return QPageSize(self.document.pagePointSize(0), QPageSize.Unit.Point,
                         "", QPageSize.SizeMatchPolicy.FuzzyMatch)

    def print_to(self, printer: QPrinter) -> int:
        """Paint the pages the printer asks for (all, a range, or the current page) onto
        `printer`, each page's image fitted to the paper; returns how many were sent."""
        doc = self.document
        count = doc.pageCount()
        first, last = 0, count - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = printer.fromPage() - 1
            last = min(count, printer.toPage() or count) - 1
        elif printer.printRange() == QPrinter.PrintRange.CurrentPage:
            first = last = max(self.current_page(), 0)
        printer.setFullPage(True)  # the document has its own margins
        painter = QPainter()
        if not painter.begin(printer):
            raise StorageError(N_("The printer cannot be used."))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            for n, page in enumerate(range(first, last + 1)):
                if n:
                    printer.newPage()
                points = doc.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72),
                             round(points.height() * dpi / 72))
                area = painter.viewport()
                scale = min(area.width() / size.width(), area.height() / size.height())
                w, h = size.width() * scale, size.height() * scale
                target = QRectF(area.x() + (area.width() - w) / 2,
                                area.y() + (area.height() - h) / 2, w, h)
                painter.drawImage(target, render_page(doc, page, size))
        finally:
            painter.end()
            QApplication.restoreOverrideCursor()
        return max(last - first + 1, 0)

    # -- saving ----------------------------------------------------------------------------------
    def ask_save(self) -> None:
        folder = DocumentPreview.last_folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path(folder) / safe_file_name(self.title())),
            _("PDF documents (*.pdf)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, target: Path) -> Path | None:
        """Save a copy of the document shown to `target`; errors go to the error dialog."""
        try:
            written = save_copy(self.current.path, target)
        except OSError as exc:
            report(self, StorageError(N_("Cannot write {path}: {reason}."), path=str(target),
                                      reason=exc.strerror or exc.__class__.__name__))
            return None
        DocumentPreview.last_folder = str(written.parent)
        self.status.setText(_("Saved to {path}.").format(path=written))
        return written

    # -- closing ----------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._clean_up()
        super().done(result)

    def _clean_up(self) -> None:
        """Close the files and remove the temporary folder (personal data)."""
        self._closed = True
        for doc in self._documents.values():
            doc.close()
        self._documents.clear()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
