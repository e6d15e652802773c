"""Parts of the warning dialog that size themselves: the headline's icon and the preview.

Both scale with the font, never with fixed pixels, so the dialog stays readable at 200 %
scaling (tests/gui/test_dialog_scaling.py checks it at QT_SCALE_FACTOR=2).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy, QWidget

from app.core.i18n import _
from policy.paths import resource_path


def headline_row(headline: QLabel) -> QWidget:
    """The warning icon, sized from the font (so it scales with the text), then the headline."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    icon = QLabel()
    icon.setObjectName("icon")
    side = headline.fontMetrics().height() * 2
    icon.setPixmap(QIcon(str(resource_path("icons", "blocked.svg"))).pixmap(side, side))
    icon.setAccessibleName(_("Warning"))
    icon.setAlignment(Qt.AlignmentFlag.AlignTop)
    layout.addWidget(icon)
    layout.addWidget(headline, 1)
    return row


class Preview(QPlainTextEdit):
    """The de-identified preview, as tall as its wrapped text (at most MAX_LINES)."""

    MAX_LINES = 8

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setReadOnly(True)
        self.setAccessibleName(_("De-identified preview"))
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = self.document().documentLayout()
        layout.documentSizeChanged.connect(lambda _size: self.updateGeometry())

    def sizeHint(self) -> QSize:
        lines = min(self.MAX_LINES, max(1, round(self.document().size().height())))
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        height = lines * self.fontMetrics().lineSpacing() + frame + 2
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())
