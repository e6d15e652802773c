"""The tray icon and its menu: state icon, status line, browser companions, check text,
pause, about, quit.

Pause and Quit appear only when the policy allows them; the pause label says the
policy's pause length (a refused pause is explained in a tray notification).
"Review incidents" opens the office manager's review window (app.ui.review_window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon

from app import __version__
from app.core.i18n import N_, _, ngettext
from app.core.protect.decision import PolicyView
from app.core.protect.status import Facts, TrayState, status_line, tray_state
from policy.paths import resource_path

REVIEW_TOOLTIP = N_("Incidents across workstations, follow-up and the audit report.")


def icon_for(state: TrayState) -> QIcon:
    return QIcon(str(resource_path("icons", f"{state}.svg")))


class Tray(QObject):
    """Owns the QSystemTrayIcon; `check_text`, `review`, `pause`, `resume`, `quit` are requests."""

    check_text = Signal()
    pause = Signal()
    resume = Signal()
    quit = Signal()
    review = Signal()

    def __init__(self, policy: PolicyView, about_extra: Callable[[], str]) -> None:
        super().__init__()
        self._policy = policy
        self._about_extra = about_extra
        self.icon = QSystemTrayIcon(icon_for("protecting"))
        self.menu = QMenu()
        self.menu.setToolTipsVisible(True)
        self.status_action = self._add(_("PasteWarden: starting"), None)
        self.status_action.setEnabled(False)
        self.browsers_action = self._add(_("Browser companions: none"), None)
        self.browsers_action.setEnabled(False)
        self.menu.addSeparator()
        self._add(_("Check some text…"), self.check_text.emit)
        self.review_action = self._add(_("Review incidents"), self.review.emit)
        self.review_action.setToolTip(_(REVIEW_TOOLTIP))
        self.pause_action = self._add(_pause_label(policy), self._toggle_pause)
        self._add(_("About PasteWarden"), self.show_about)
        self.quit_action = self._add(_("Quit"), self.quit.emit)
        self.icon.setContextMenu(self.menu)
        self._paused = False
        self.state: TrayState = "protecting"
        self.set_policy(policy)

    def _add(self, text: str, slot: Callable[[], None] | None) -> QAction:
        action = self.menu.addAction(text)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def set_policy(self, policy: PolicyView) -> None:
        self._policy = policy
        if not self._paused:
            self.pause_action.setText(_pause_label(policy))
        self.pause_action.setVisible(policy.pause_allowed)
        self.quit_action.setVisible(policy.quit_allowed)

    def show(self) -> None:
        self.icon.show()

    def update(self, facts: Facts) -> None:
        """New facts: icon, tooltip, status line, pause label."""
        self.state = tray_state(facts)
        line = status_line(facts)
        self.icon.setIcon(icon_for(self.state))
        self.icon.setToolTip(line)
        self.status_action.setText(line)
        self._paused = facts.paused
        self.pause_action.setText(
            _("Resume protection") if facts.paused else _pause_label(self._policy)
        )

    def set_companions(self, line: str) -> None:
        """The browser companions line, e.g. "Browser companions: chromium (connected)"."""
        self.browsers_action.setText(line)

    def _toggle_pause(self) -> None:
        (self.resume if self._paused else self.pause).emit()

    def notify(self, title: str, message: str) -> None:
        """A tray balloon (warn-only tools and second launches)."""
        self.icon.showMessage(title, message, icon_for("degraded"), 8000)

    def about_text(self) -> str:
        p = self._policy
        signature = _("verified") if p.signed else _("not verified")
        policy = _(
            "Policy: {organization}, version {version}, source {source}, signature {signature}"
        )
        policy = policy.format(
            organization=p.organization, version=p.version, source=p.source, signature=signature
        )
        return f"PasteWarden {__version__}\n{policy}\n{self._about_extra()}"

    def show_about(self) -> None:
        title = _("About PasteWarden")
        box = QMessageBox(QMessageBox.Icon.Information, title, self.about_text())
        box.setAccessibleName(title)
        box.exec()


def _pause_label(policy: PolicyView) -> str:
    minutes = policy.pause_minutes
    return ngettext(
        "Pause protection for {minutes} minute", "Pause protection for {minutes} minutes", minutes
    ).format(minutes=minutes)
