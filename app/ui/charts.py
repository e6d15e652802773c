"""Horizontal bar charts drawn with QPainter (PySide6-Essentials has no QtCharts).

`paint_bars` draws into any painter, so the same chart appears in the window
(`BarChart` widget) and as an image in the audit report (`bars_image`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.i18n import _
from app.core.review.display_text import tooltip_html, visible

Bars = Sequence[tuple[str, int]]
BAR_COLOR = QColor("#3b6ea5")
MAX_BARS = 10  # the long tail is summed into "other" so labels stay readable


def top_bars(bars: Bars, limit: int = MAX_BARS) -> list[tuple[str, int]]:
    """At most `limit` bars; the rest summed as "other"."""
    items = list(bars)
    if len(items) <= limit:
        return items
    rest = sum(n for _, n in items[limit - 1 :])
    return [*items[: limit - 1], (_("other"), rest)]


def paint_bars(painter: QPainter, area: QRectF, title: str, bars: Bars) -> None:
    """Title on top, then one labelled bar per item with its count at the bar's end."""
    items = top_bars(bars)
    metrics = QFontMetrics(painter.font())
    line = metrics.height() + 4
    painter.drawText(
        area.adjusted(0, 0, 0, -(area.height() - line)), Qt.AlignmentFlag.AlignLeft, title
    )
    if not items:
        painter.drawText(
            area.adjusted(0, line, 0, 0), Qt.AlignmentFlag.AlignLeft, _("No incidents")
        )
        return
    label_w = min(area.width() * 0.35, max(metrics.horizontalAdvance(n) for n, _ in items) + 8)
    count_w = metrics.horizontalAdvance(str(max(n for _, n in items))) + 8
    bar_h = max(6.0, min(22.0, (area.height() - line) / len(items) - 4))
    top = max(n for _, n in items) or 1
    for i, (name, count) in enumerate(items):
        y = area.top() + line + i * (bar_h + 4)
        painter.drawText(
            QRectF(area.left(), y, label_w - 4, bar_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, round(label_w - 4)),
        )
        width = (area.width() - label_w - count_w) * count / top
        painter.fillRect(QRectF(area.left() + label_w, y, max(1.0, width), bar_h), BAR_COLOR)
        painter.drawText(
            QRectF(area.left() + label_w + width + 4, y, count_w, bar_h),
            Qt.AlignmentFlag.AlignVCenter,
            str(count),
        )


REPORT_WIDTH = 900


def report_image(size: QSize, paint: Callable[[QPainter, QRectF], None]) -> QImage:
    """A chart on a white image for the report, drawn large so it is sharp in print."""
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont(painter.font())
    font.setPixelSize(20)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    paint(painter, QRectF(8, 8, size.width() - 16, size.height() - 16))
    painter.end()
    return image


def bars_image(title: str, bars: Bars, width: int = REPORT_WIDTH) -> QImage:
    """The bar chart for the report (shown at 480 px)."""
    size = QSize(width, 50 + 30 * max(1, len(top_bars(bars))))  # as tall as the bars need
    return report_image(size, lambda painter, area: paint_bars(painter, area, title, bars))


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; Qt wants str
    buffer.close()
    return bytes(data.data())


class ChartWidget(QWidget):
    """A chart in the window: `paint_chart` draws it in the widget's text colour."""

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().text().color())
        self.paint_chart(painter, QRectF(self.rect()).adjusted(4, 4, -4, -4))
        painter.end()


class BarChart(ChartWidget):
    """A chart widget for the window's summary; `set_bars` repaints."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, int]] = []
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(title)

    def set_bars(self, bars: Bars) -> None:
        # Names come from records: controls made visible, the tooltip never rich text.
        self.bars = [(visible(str(name)), count) for name, count in bars]
        self.setToolTip(tooltip_html(", ".join(f"{n}: {c}" for n, c in self.bars)))
        self.update()

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        paint_bars(painter, area, self.title, self.bars)
