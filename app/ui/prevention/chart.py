"""Shares drawn honestly, with QPainter (no QtCharts): one row per group, a bar from 0 to
the share, the 95% interval as a whisker across it, and "62% · n = 40" after it. A group
of fewer than five gets no bar at all, only its n: a bar would claim what four children
cannot show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.domain.outcomes import Share
from app.i18n import _
from app.ui.fonts import FAMILY

BAR_COLOUR = QColor("#3b6ea5")
WHISKER = QColor("#1b2f45")
GRID = QColor("#c8c8c8")
MARGIN = 6
GAP = 8
LABEL_SHARE = 0.45  # the labels take at most this share of the width, then elide


def share_text(share: Share) -> str:
    """"62% · n = 40", or "n = 3: too few" when no share is shown."""
    if share.value is None:
        return _("n = {n}: too few").format(n=share.n)
    return _("{percent}% · n = {n}").format(percent=round(share.value * 100), n=share.n)


@dataclass(frozen=True, slots=True)
class Row:
    label: str  # the full label
    shown: str  # as drawn (elided)
    share: Share
    bar: QRectF  # empty when the share is not shown
    whisker: tuple[float, float] | None  # x of the interval's ends


class ShareChart(QWidget):
    """`set_data([(label, Share), ...])`; the rows keep the order given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: list[tuple[str, Share]] = []
        font = QFont(self.font())
        font.setFamily(FAMILY)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMouseTracking(True)

    def set_data(self, data: Sequence[tuple[str, Share]]) -> None:
        self._data = list(data)
        self.setAccessibleDescription("; ".join(f"{label}: {share_text(share)}"
                                                for label, share in self._data))
        self.updateGeometry()
        self.update()

    def data(self) -> list[tuple[str, Share]]:
        return list(self._data)

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 10

    def sizeHint(self) -> QSize:
        return QSize(560, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        # Every row gets its full height and the axis its line: nothing is squeezed.
        return QSize(280, 2 * MARGIN + (max(1, len(self._data)) + 1) * self._row_height())

    def rows(self) -> list[Row]:
        """The rows as laid out at the current size (tests inspect them)."""
        if not self._data:
            return []
        metrics = QFontMetrics(self.font())
        width = self.width() - 2 * MARGIN
        text_width = max(metrics.horizontalAdvance(share_text(sh)) for _l, sh in self._data)
        widest = max(metrics.horizontalAdvance(label) for label, _s in self._data)
        label_width = max(0, min(widest, int(width * LABEL_SHARE)))
        x0 = MARGIN + label_width + GAP
        span = max(1, width - label_width - text_width - 2 * GAP)
        row_h = self._row_height()
        bar_h = max(4, row_h - 12)
        out = []
        for i, (label, share) in enumerate(self._data):
            y = MARGIN + i * row_h + (row_h - bar_h) / 2
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width)
            if share.value is None:
                out.append(Row(label, shown, share, QRectF(x0, y, 0, bar_h), None))
                continue
            low, high = share.interval or (share.value, share.value)
            out.append(Row(label, shown, share, QRectF(x0, y, span * share.value, bar_h),
                           (x0 + span * low, x0 + span * high)))
        return out

    def _axis(self) -> tuple[float, float, float]:
        """(x of 0%, x of 100%, y of the axis line)."""
        rows = self.rows()
        metrics = QFontMetrics(self.font())
        text_width = max(metrics.horizontalAdvance(share_text(sh)) for _l, sh in self._data)
        x0 = rows[0].bar.left()
        x1 = self.width() - MARGIN - text_width - GAP
        return x0, x1, MARGIN + len(rows) * self._row_height()

    def paintEvent(self, event: QPaintEvent) -> None:
        rows = self.rows()
        if not rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        text = self.palette().windowText().color()
        muted = self.palette().placeholderText().color()
        row_h = self._row_height()
        x0, x1, axis_y = self._axis()
        painter.setPen(QPen(GRID, 1, Qt.PenStyle.DotLine))
        for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
            x = x0 + (x1 - x0) * tick
            painter.drawLine(QPointF(x, MARGIN), QPointF(x, axis_y))
        painter.setPen(text)
        for tick in (0, 50, 100):
            x = x0 + (x1 - x0) * tick / 100
            painter.drawText(QRectF(x - 30, axis_y, 60, row_h),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                             f"{tick}%")
        for row in rows:
            line = QRectF(MARGIN, row.bar.center().y() - row_h / 2, x0 - GAP - MARGIN, row_h)
            painter.setPen(text)
            painter.drawText(line, int(Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter), row.shown)
            after = x0
            if row.whisker is not None:
                painter.fillRect(row.bar, BAR_COLOUR)
                low, high = row.whisker
                mid = row.bar.center().y()
                painter.setPen(QPen(WHISKER, 1.5))
                painter.drawLine(QPointF(low, mid), QPointF(high, mid))
                for x in (low, high):
                    painter.drawLine(QPointF(x, mid - 4), QPointF(x, mid + 4))
                after = max(row.bar.right(), high)
            painter.setPen(text if row.whisker is not None else muted)
            painter.drawText(QRectF(after + GAP, line.top(), self.width() - after - GAP, row_h),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             share_text(row.share))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(QPointF(event.pos()))
            if row is not None:
                QToolTip.showText(event.globalPos(), self.tooltip(row), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    @staticmethod
    def tooltip(row: Row) -> str:
        bounds = row.share.interval
        if bounds is None:
            return f"{row.label}: {share_text(row.share)}"
        return _("{label}: {share}; interval (95%): {low}–{high}%").format(
            label=row.label, share=share_text(row.share), low=round(bounds[0] * 100),
            high=round(bounds[1] * 100))

    def row_at(self, point: QPointF) -> Row | None:
        row_h = self._row_height()
        for row in self.rows():
            if abs(point.y() - row.bar.center().y()) <= row_h / 2:
                return row
        return None
