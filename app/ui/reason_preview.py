"""The override reason as it will be stored, shown under the field while staff type.

The journal keeps only what app.core.protect.reason_filter leaves (common lower-case words,
short numbers; the scan may mask more), so staff see that before they confirm, and can
rephrase instead of finding a row of <WORD>s in the log later. The word and name lists
load on a thread; until they are in, the line says so rather than block the GUI.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.core.i18n import N_, _
from app.core.protect import reason_filter
from app.core.review.display_text import visible

_STORED = N_("Stored in the log as: {reason}")
_RETRY_MS = 100


class ReasonPreview(QLabel):
    """A plain-text label; connect a text field's textChanged to `show_for`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName(_("Reason as stored"))
        self._text = ""
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(_RETRY_MS)
        self._retry.timeout.connect(lambda: self.show_for(self._text))
        if not reason_filter.is_warm():
            threading.Thread(target=reason_filter.warm, name="reason-words", daemon=True).start()
        self.show_for("")

    def show_for(self, text: str) -> None:
        self._text = text
        if not text.strip():
            self.setText(_(_STORED).format(reason=_("(nothing yet)")))
        elif reason_filter.is_warm():
            self.setText(_(_STORED).format(reason=visible(reason_filter.strict_reason(text))))
        else:
            self.setText(_(_STORED).format(reason=_("(checking…)")))
            self._retry.start()
