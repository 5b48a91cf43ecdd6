"""A small horizontal bar chart drawn with QPainter (no QtCharts): one bar per label,
labels elided to fit on the left, the value after each bar, nothing clipped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.ui.fonts import FAMILY

BAR_COLOUR = QColor("#3b6ea5")
MARGIN = 6
GAP = 8  # between the label, the bar and the value
MIN_BAR = 40  # the bar area never gets narrower than this
LABEL_SHARE = 0.6  # labels take at most this share of the width, then elide


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # the full label
    shown: str  # the label as drawn (elided when long)
    value: int
    rect: QRectF  # the bar itself


class BarChart(QWidget):
    """`set_data([(label, value), ...])`; the bars keep the order given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: list[tuple[str, int]] = []
        font = QFont(self.font())
        font.setFamily(FAMILY)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMouseTracking(True)

    def set_data(self, data: Sequence[tuple[str, int]]) -> None:
        self._data = [(label, int(value)) for label, value in data]
        self.setAccessibleDescription("; ".join(f"{label}: {value}" for label, value in data))
        self.updateGeometry()
        self.update()

    def data(self) -> list[tuple[str, int]]:
        return list(self._data)

    # -- geometry ----------------------------------------------------------------------
    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 8

    def sizeHint(self) -> QSize:
        return QSize(520, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        # Every bar gets its full row: the chart never squeezes or clips a bar.
        return QSize(240, 2 * MARGIN + max(1, len(self._data)) * self._row_height())

    def bars(self) -> list[Bar]:
        """The bars as laid out at the current size (also what tests inspect)."""
        if not self._data:
            return []
        metrics = QFontMetrics(self.font())
        width = self.width() - 2 * MARGIN
        value_width = max(metrics.horizontalAdvance(str(v)) for _l, v in self._data)
        widest_label = max(metrics.horizontalAdvance(label) for label, _v in self._data)
        label_width = max(0, min(widest_label, int(width * LABEL_SHARE),
                                 width - value_width - 2 * GAP - MIN_BAR))
        bar_space = max(1, width - label_width - value_width - 2 * GAP)
        top_value = max(1, max(v for _l, v in self._data))
        row_h = self._row_height()
        bar_h = max(4, row_h - 10)
        bars = []
        for i, (label, value) in enumerate(self._data):
            y = MARGIN + i * row_h
            x = MARGIN + label_width + GAP
            length = max(1.0, bar_space * value / top_value) if value > 0 else 0.0
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width)
            bars.append(Bar(label, shown, value,
                            QRectF(x, y + (row_h - bar_h) / 2, length, bar_h)))
        return bars

    # -- drawing -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        text_colour = self.palette().windowText().color()
        row_h = self._row_height()
        for bar in self.bars():
            row = QRectF(MARGIN, bar.rect.center().y() - row_h / 2, bar.rect.left() - GAP
                         - MARGIN, row_h)
            painter.setPen(text_colour)
            painter.drawText(row, int(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter), bar.shown)
            painter.fillRect(bar.rect, BAR_COLOUR)
            value_box = QRectF(bar.rect.right() + GAP, row.top(),
                               self.width() - MARGIN - bar.rect.right() - GAP, row_h)
            painter.drawText(value_box, int(Qt.AlignmentFlag.AlignLeft
                                            | Qt.AlignmentFlag.AlignVCenter), str(bar.value))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(QPointF(event.pos()))
            if bar is not None:
                QToolTip.showText(event.globalPos(), f"{bar.label}: {bar.value}", self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def bar_at(self, point: QPointF) -> Bar | None:
        row_h = self._row_height()
        for bar in self.bars():
            if abs(point.y() - bar.rect.center().y()) <= row_h / 2:
                return bar
        return None
