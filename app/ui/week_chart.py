"""Incidents per week, stacked by action, drawn with QPainter in the style of app.ui.charts.

`paint_weeks` draws into any painter, so the same chart is the first thing in the review
window (`WeekChart`) and in the audit report (`weeks_image`). Labels are our own words
(app.core.review.labels); an action value we do not know (a forged record) is drawn as
text, never markup, with its control characters spelled out.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.i18n import _
from app.core.review.display_text import html_text, visible
from app.core.review.labels import action_label
from app.core.review.weeks import TITLE, Week, actions_shown
from app.ui.charts import BAR_COLOR, REPORT_WIDTH, ChartWidget, report_image

COLORS = {
    "blocked": BAR_COLOR,
    "warned_cancelled": QColor("#8fb3d9"),
    "overridden": QColor("#d9822b"),
    "redacted_copy": QColor("#4f9d69"),
    "false_alarm_reported": QColor("#9b6bb3"),
    "allowed_policy": QColor("#a0a0a0"),
}
OTHER_COLOR = QColor("#5a5a5a")
TOOLTIP_WEEKS = 26


def paint_weeks(painter: QPainter, area: QRectF, title: str, weeks: Sequence[Week]) -> None:
    """Title, a legend of the actions present, then one stacked column per week."""
    metrics = QFontMetrics(painter.font())
    line = metrics.height() + 4
    painter.drawText(QRectF(area.left(), area.top(), area.width(), line), title)
    actions = actions_shown(weeks)
    if not actions:
        painter.drawText(
            area.adjusted(0, line, 0, 0), Qt.AlignmentFlag.AlignLeft, _("No incidents")
        )
        return
    legend_h = _legend(painter, area.adjusted(0, line, 0, 0), actions)
    plot = area.adjusted(0, line + legend_h + 4, 0, -line)  # room for the week labels below
    top = max(week.total for week in weeks) or 1
    slot = min(plot.width() / len(weeks), metrics.horizontalAdvance("Sep 30") * 2.0)
    every = max(1, int(metrics.horizontalAdvance("Sep 30 ") / max(slot, 1)) + 1)
    for i, week in enumerate(weeks):
        x, y = plot.left() + i * slot, plot.bottom()
        for action in actions:
            height = plot.height() * week.counts.get(action, 0) / top
            painter.fillRect(QRectF(x + 1, y - height, max(1.0, slot - 2), height), _color(action))
            y -= height
        if i % every == 0:
            label = QRectF(x, plot.bottom() + 2, slot * every, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft, week.label)
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawText(
        QRectF(area.left(), area.top(), area.width(), line),
        Qt.AlignmentFlag.AlignRight,
        _("highest week: {count}").format(count=top),
    )


def _legend(painter: QPainter, area: QRectF, actions: Sequence[str]) -> float:
    """Colour swatches with the action labels, wrapped over lines; returns its height."""
    metrics = QFontMetrics(painter.font())
    line = metrics.height() + 2
    x, y = area.left(), area.top()
    for action in actions:
        text = visible(action_label(action))
        width = line + metrics.horizontalAdvance(text) + 12
        if x > area.left() and x + width > area.right():
            x, y = area.left(), y + line
        painter.fillRect(QRectF(x, y + 2, line - 4, line - 4), _color(action))
        painter.drawText(QRectF(x + line, y, width, line), Qt.AlignmentFlag.AlignLeft, text)
        x += width
    return y + line - area.top()


def _color(action: str) -> QColor:
    return COLORS.get(action, OTHER_COLOR)


def weeks_image(weeks: Sequence[Week], width: int = REPORT_WIDTH) -> QImage:
    """The chart for the report (shown at 600 px)."""
    return report_image(
        QSize(width, 420), lambda painter, area: paint_weeks(painter, area, _(TITLE), weeks)
    )


class WeekChart(ChartWidget):
    """The window's weekly chart; `set_weeks` repaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _(TITLE)
        self.weeks: list[Week] = []
        self.setMinimumSize(360, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_(TITLE))

    def set_weeks(self, weeks: Sequence[Week]) -> None:
        self.weeks = list(weeks)
        busy = [w for w in self.weeks if w.total][-TOOLTIP_WEEKS:]  # the latest, with incidents
        lines = [
            _("Week of {day}: {counts}").format(
                day=w.start.isoformat(),
                counts=", ".join(f"{action_label(a)} {n}" for a, n in w.counts.items() if n),
            )
            for w in busy
        ] or [_("No incidents")]
        # Explicit rich text with every line escaped: an unknown action is data.
        self.setToolTip("<p>" + "<br>".join(map(html_text, lines)) + "</p>")
        self.update()

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        paint_weeks(painter, area, self.title, self.weeks)
