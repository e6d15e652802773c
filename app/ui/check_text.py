""" "Check some text…": paste text into a box and see what PasteWarden would flag.

The text is scanned in the worker thread and shown back only as types and counts plus a
de-identified version. Nothing is kept once the window closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.core.i18n import _
from app.core.protect.wording import findings_sentence
from detectors.models import ScanReport
from detectors.redact import redact

ScanFor = Callable[[str, Callable[[ScanReport | None], None]], None]


class CheckTextDialog(QDialog):
    """A text box, a Check button and the verdict."""

    def __init__(self, scan_for: ScanFor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scan_for = scan_for
        self.setWindowTitle(_("PasteWarden: check some text"))
        layout = QVBoxLayout(self)
        self.input = QPlainTextEdit()
        self.input.setAccessibleName(_("Text to check"))
        self.input.setTabChangesFocus(True)
        self.input.setPlaceholderText(_("Paste text here to see what would be flagged."))
        self.button = QPushButton(_("&Check"))
        self.button.setAccessibleName(_("Check the text"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.check)
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(_("Result"))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(_("De-identified version"))
        for widget in (self.input, self.button, self.verdict, self.preview):
            layout.addWidget(widget)

    def check(self) -> None:
        text = self.input.toPlainText()
        self.button.setEnabled(False)
        self.verdict.setText(_("Checking…"))
        self._scan_for(text, lambda report: self._show(text, report))

    def _show(self, text: str, report: ScanReport | None) -> None:
        self.button.setEnabled(True)
        if report is None or not report.complete:
            self.verdict.setText(_("The check could not finish; treat this text as PHI."))
            self.preview.setPlainText("")
            return
        if report.phi:
            found = findings_sentence(report.counts_by_type())
            self.verdict.setText(
                _("Would be blocked in consumer AI tools: {findings}.").format(findings=found)
            )
        else:
            self.verdict.setText(_("Nothing that identifies a patient was found."))
        self.preview.setPlainText(redact(text, report))

    def done(self, code: int) -> None:
        self.input.clear()  # drop the text as soon as the window closes
        self.preview.clear()
        super().done(code)
