"""Dashboard: the next meeting, overdue measures, children by category, recent activity."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, current_language
from app.labels import label
from app.services import dashboard
from app.services.context import today
from app.services.dashboard import NextMeeting, OverdueSummary
from app.ui.context import UiContext
from app.ui.dashboard.activity import what, when, who
from app.ui.dashboard.chart import BarChart
from app.ui.screen import Screen
from app.ui.table import Column, ListModel, table_view

FIRST_OVERDUE = 5
TOP_BODIES = 5
ACTIVITY = 12
TEXT_MAX = 90  # of a measure's text in the overdue list
ACTIVITY_COLUMNS = (
    Column(N_("When"), when),
    Column(N_("Who"), who),
    Column(N_("What"), what),
)


class DashboardScreen(Screen):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        grid = QGridLayout(self)

        self.meeting_label = _text_label("nextMeeting")
        grid.addWidget(_box(_("Next meeting"), _scrolled(self.meeting_label)), 0, 0)

        self.overdue_count = QLabel()
        self.overdue_count.setObjectName("overdueCount")
        self.overdue_count.setStyleSheet("font-size: 15pt; font-weight: bold; color: #b00020")
        self.overdue_label = _text_label("overdueList")
        self.overdue_label.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(_box(_("Overdue measures"), self.overdue_count,
                            _scrolled(self.overdue_label)), 0, 1)

        self.chart = BarChart()
        self.chart.setObjectName("categoryChart")
        self.chart.setAccessibleName(_("Children by category"))
        self.chart_empty = _text_label("categoryChartEmpty")
        grid.addWidget(_box(_("Children by category"),
                            _scrolled(self.chart, self.chart_empty)), 1, 0)

        self.activity = ListModel(ACTIVITY_COLUMNS, self)
        self.activity_view = table_view(self.activity, "recentActivity", _("Recent activity"))
        grid.addWidget(_box(_("Recent activity"), self.activity_view), 1, 1)

        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)

    def reload(self) -> None:
        on, cid = today(), self.ctx.commission_id
        meeting, overdue, categories, activity = self.ctx.runner.read(lambda s: (
            dashboard.next_meeting(s, cid, on=on),
            dashboard.overdue_summary(s, cid, on=on, first=FIRST_OVERDUE,
                                      lang=current_language()),
            dashboard.children_by_category(s, cid),
            dashboard.recent_activity(s, limit=ACTIVITY)))
        self.meeting_label.setText(meeting_text(meeting))
        self.overdue_count.setText(_("{count} overdue").format(count=overdue.count))
        self.overdue_label.setText(overdue_text(overdue))
        lang = current_language()
        self.chart.set_data([(c.name(lang), c.children) for c in categories])
        self.chart.setVisible(bool(categories))
        self.chart_empty.setText("" if categories else _("No child has a risk category yet."))
        self.chart_empty.setVisible(not categories)
        self.activity.set_rows(activity)
        self.activity_view.resizeColumnsToContents()


def meeting_text(m: NextMeeting | None) -> str:
    if m is None:
        return _("No meeting planned.")
    when_text = f"{m.date:%d.%m.%Y}" + (f", {m.starts_at:%H:%M}" if m.starts_at else "")
    lines = [_("No. {label} — {when}").format(label=m.label, when=when_text),
             _("Kind: {kind}").format(kind=label(m.kind)),
             _("Place: {place}").format(place=m.place.shown(current_language())),
             _("Items on the agenda: {count}").format(count=m.items)]
    if m.status.value == "in_progress":
        lines.insert(1, _("The meeting is in progress."))
    return "\n".join(lines)


def overdue_text(o: OverdueSummary) -> str:
    """Rich text: the bodies with most overdue measures, then the longest overdue."""
    if o.count == 0:
        return _("No measure is overdue.")
    e = html.escape
    # A no-break space keeps the count on the line of its body.
    bodies = [f"<li>{e(b.body)}\u00a0— {b.count}</li>" for b in o.by_body[:TOP_BODIES]]
    if len(o.by_body) > TOP_BODIES:
        rest = sum(b.count for b in o.by_body[TOP_BODIES:])
        bodies.append("<li>" + e(_("other bodies — {count}").format(count=rest)) + "</li>")
    oldest = []
    for m in o.first:
        shown = m.text.shown(current_language()).strip()
        text = shown.splitlines()[0] if shown else ""
        if len(text) > TEXT_MAX:
            text = text[:TEXT_MAX - 1].rstrip() + "…"
        oldest.append("<li>" + e(_("{deadline} ({days} d.) — {body}: {text}").format(
            deadline=f"{m.deadline:%d.%m.%Y}", days=m.days_overdue,
            body=m.responsible_body.shown(current_language()),
            text=text)) + "</li>")
    # Messages stay outside f-strings: the extractor does not look inside them.
    by_body, longest = e(_("By responsible body:")), e(_("Overdue longest:"))
    return (f"<p><b>{by_body}</b></p><ul>{''.join(bodies)}</ul>"
            f"<p><b>{longest}</b></p><ul>{''.join(oldest)}</ul>")


def _text_label(name: str) -> QLabel:
    widget = QLabel()
    widget.setObjectName(name)
    widget.setWordWrap(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def _box(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def _scrolled(*widgets: QWidget) -> QScrollArea:
    """Widgets stacked at the top of a frameless scroll area: when the window is small,
    the box scrolls instead of cutting its text off."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(holder)
    scroll.viewport().setAutoFillBackground(False)
    holder.setAutoFillBackground(False)
    return scroll
