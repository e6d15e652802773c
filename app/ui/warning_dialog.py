"""The blocking warning dialog: which tool, what was found (types and counts), what to do.

Modal, on top and focused. Cancel is the default button and Esc; every action has a
mnemonic (Alt+letter) and an accessible name, so the dialog works by keyboard alone and
with a screen reader. No fixed pixel sizes: text wraps, so it stays readable at 200 %
scaling. After `timeout_s` without an answer it closes as Cancel. It never receives the
clipboard text: only a DialogModel with counts and an already de-identified preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _, ngettext
from app.core.protect.wording import dialog_wording
from app.ui.dialog_parts import Preview, headline_row
from app.ui.reason_preview import ReasonPreview

TITLE = N_("PasteWarden: paste blocked")


@dataclass(frozen=True)
class DialogModel:
    """Everything the dialog shows; PHI-free by construction."""

    tool_name: str
    organization: str
    findings: str  # "2 names, 1 date of birth"
    preview: str | None = field(repr=False)  # de-identified text, or None (no preview)
    unchecked: bool = False  # the scan failed or did not finish
    override_allowed: bool = False
    reasons: tuple[str, ...] = ()
    min_chars: int = 20
    approved_name: str | None = None
    approved_url: str | None = None
    timeout_s: float = 120.0
    where: str = "clipboard"  # or the browser companion's "paste", "send", "drop"


class WarningDialog(QDialog):
    """Emits `chosen(choice, reason_code, reason_text)` once, then closes."""

    chosen = Signal(str, str, str)

    def __init__(self, model: DialogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.wording = dialog_wording(
            model.tool_name,
            model.organization,
            model.findings,
            model.unchecked,
            model.approved_name,
            model.where,
        )
        self._done = False
        self.setWindowTitle(_(TITLE))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setAccessibleName(_(TITLE))
        layout = QVBoxLayout(self)
        for widget in self._texts():
            layout.addWidget(widget)
        layout.addWidget(self._override_panel())
        layout.addLayout(self._buttons())
        self._remaining = int(model.timeout_s)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

    # -- content ------------------------------------------------------------------
    def _texts(self) -> list[QWidget]:
        m = self.model
        words = self.wording
        headline = _label(f"<b>{_esc(words.headline)}</b>", _("Why this paste was blocked"))
        headline.setObjectName("headline")
        font = headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        headline.setFont(font)
        widgets: list[QWidget] = [
            headline_row(headline),
            _label(_esc(words.explanation), _("What a Business Associate Agreement is")),
            _label(_esc(words.found), _("What was found")),
            self._clipboard_label(words.next_step),
        ]
        if m.preview is not None:
            widgets.append(Preview(m.preview))
        self.timeout_label = _label("", _("Time left"))
        widgets.append(self.timeout_label)
        return widgets

    def _clipboard_label(self, text: str) -> QLabel:
        self.clipboard_label = _label(_esc(text), _("What happened to the clipboard"))
        self.clipboard_label.setObjectName("clipboard_note")
        return self.clipboard_label

    def set_clipboard_note(self, text: str) -> None:
        """Keep the dialog true when the clipboard changes while it is open."""
        self.clipboard_label.setText(_esc(text))

    def _override_panel(self) -> QWidget:
        panel = QWidget()
        panel.setVisible(False)
        layout = QVBoxLayout(panel)
        self.reason_box = QComboBox()
        self.reason_box.addItems(list(self.model.reasons))
        self.reason_box.setAccessibleName(_("Override reason"))
        self.reason_text = QLineEdit()
        self.reason_text.setAccessibleName(_("Explain the override"))
        self.reason_text.setPlaceholderText(
            _("Explain why (at least {count} characters, no patient details)").format(
                count=self.model.min_chars
            )
        )
        self.reason_text.textChanged.connect(self._check_reason)
        self.confirm_button = QPushButton(_("&Confirm override and paste"))
        self.confirm_button.setAccessibleName(_("Confirm override"))
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self._confirm_override)
        self.reason_preview = ReasonPreview()  # what the journal will keep of the reason
        self.reason_text.textChanged.connect(self.reason_preview.show_for)
        for widget in (_label(_("Reason:"), _("Reason")), self.reason_box, self.reason_text):
            layout.addWidget(widget)
        layout.addWidget(self.reason_preview)
        layout.addWidget(self.confirm_button)
        self.override_panel = panel
        return panel

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        m = self.model
        self.cancel_button = _button(_("&Cancel (keep it off the clipboard)"), _("Cancel"), row)
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(lambda: self._finish("cancel"))
        self.redacted_button = _button(
            _("Copy &de-identified version"), _("Copy de-identified"), row
        )
        self.redacted_button.setEnabled(m.preview is not None)
        self.redacted_button.clicked.connect(lambda: self._finish("redacted_copy"))
        self.approved_button = _button(
            self.wording.approved_button, _("Open the approved tool"), row
        )
        self.approved_button.setEnabled(m.approved_url is not None)
        self.approved_button.clicked.connect(lambda: self._finish("open_approved"))
        self.override_button = _button(_("O&verride…"), _("Override with reason"), row)
        self.override_button.setVisible(m.override_allowed)
        self.override_button.clicked.connect(self._show_override)
        self.false_alarm_button = _button(_("&Not PHI: report false alarm"), _("Not PHI"), row)
        self.false_alarm_button.clicked.connect(lambda: self._finish("false_alarm"))
        return row

    # -- behaviour ----------------------------------------------------------------
    def present(self) -> None:
        """Show non-blocking (the GUI thread keeps running), raised and focused."""
        self._tick_label()
        self._countdown.start()
        self.show()
        self.raise_()
        self.activateWindow()
        self.cancel_button.setFocus()

    def _tick(self) -> None:
        self._remaining -= 1
        if self._remaining <= 0:
            self._finish("timeout")
        else:
            self._tick_label()

    def _tick_label(self) -> None:
        self.timeout_label.setText(
            ngettext(
                "This closes as Cancel in {seconds} second.",
                "This closes as Cancel in {seconds} seconds.",
                self._remaining,
            ).format(seconds=self._remaining)
        )

    def _show_override(self) -> None:
        self.override_panel.setVisible(True)
        self.cancel_button.setDefault(False)  # Enter now confirms (when the reason is long enough)
        self.confirm_button.setDefault(True)
        self.reason_box.setFocus()

    def _check_reason(self) -> None:
        self.confirm_button.setEnabled(self._reason_ok())

    def _reason_ok(self) -> bool:
        return len(self.reason_text.text().strip()) >= self.model.min_chars

    def _confirm_override(self) -> None:
        if self.model.override_allowed and self._reason_ok():
            self._finish("override", self.reason_box.currentText(), self.reason_text.text())

    def _finish(self, choice: str, code: str = "", text: str = "") -> None:
        if self._done:
            return
        self._done = True
        self._countdown.stop()
        self.chosen.emit(choice, code, text)
        self.reason_text.clear()  # the free text may hold PHI until scanned: drop it
        self.done(QDialog.DialogCode.Rejected)

    def reject(self) -> None:  # Esc and the window's close button
        if not self._done:
            self._finish("cancel")
            return
        super().reject()


def _label(text: str, accessible: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(accessible)
    return label


def _button(text: str, accessible: str, row: QHBoxLayout) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setAutoDefault(False)
    row.addWidget(button)
    return button


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
