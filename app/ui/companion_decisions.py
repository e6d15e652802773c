"""Decides what a page may receive: the browser companion's paste, drop and send checks.

Same scanner (the ScanWorker, through Bridge.scan_for), same policy decision
(app.core.protect.decision.decide), same warning dialog and same journal as the clipboard path;
only the enforcement point differs: nothing is quarantined, the page simply receives
nothing until the answer comes. The reply goes back to the page: allow, cancel or
replace (the de-identified copy). A scan that does not answer within its budget fails
closed, and so does a journal that cannot record the decision.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import cast

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from app.core.companion.protocol import (
    ENFORCEMENT,
    CheckRequest,
    FileRequest,
    guards,
    process_name,
    verdict,
)
from app.core.i18n import N_, _, ngettext
from app.core.journal.incident import Action, Justification
from app.core.ports import IncidentSink
from app.core.protect.decision import Decision, decide
from app.core.protect.events import incident_for, sanitize_reason
from app.core.protect.pipeline import CHOICE_ACTION, Choice, Pipeline, ScanJob
from app.ui.bridge import Bridge
from app.ui.warning_dialog import WarningDialog
from detectors.models import ScanReport
from detectors.redact import IncompleteScanError, redact
from policy.catalog import MatchedTool, ToolCatalog
from policy.schema import Policy

log = logging.getLogger(__name__)
Reply = Callable[[dict[str, object]], None]
_WATCHDOG_MARGIN_S = 3.0
HELD = N_("PasteWarden held this back: it may contain patient information.")
BUSY = N_("PasteWarden is waiting for an answer in another window. Try again after it.")
UNRECORDED = N_("PasteWarden could not record this decision, so it was held back.")


@dataclass
class _Open:
    """One page request waiting for the scan or the dialog. `job.text` is memory-only."""

    job: ScanJob
    kind: str
    reply: Reply
    decision: Decision | None = None
    dialog: WarningDialog | None = field(default=None, repr=False)


class CompanionDecider(QObject):
    """`check(request, browser, reply)` and `file(...)`; each replies exactly once."""

    def __init__(
        self,
        pipeline: Pipeline,
        bridge: Bridge,
        sink: IncidentSink,
        notify: Callable[[str, str], None],
        policy: Callable[[], Policy],
    ) -> None:
        super().__init__()
        self._pipeline, self._bridge, self._sink = pipeline, bridge, sink
        self._notify, self._policy = notify, policy
        self.catalog: ToolCatalog | None = None
        self._ids = itertools.count(1)
        self._scanning: dict[int, _Open] = {}
        self._on_screen: _Open | None = None

    def _tool(self, browser: str, url: str) -> MatchedTool | None:
        if self.catalog is None or self._pipeline.paused():
            return None
        tool = self.catalog.match(process_name(browser), "", url or "about:blank")
        return tool if guards(tool) else None

    # -- text ------------------------------------------------------------------------
    def check(self, request: CheckRequest, browser: str, reply: Reply) -> None:
        tool = self._tool(browser, request.url)
        if tool is None or not request.text.strip():
            reply(verdict(request.id, "allow"))
            return
        job = ScanJob(
            next(self._ids), tool, process_name(browser), "clipboard", 0, key="", text=request.text
        )
        waiting = _Open(job, request.kind, lambda answer: reply({**answer, "id": request.id}))
        self._scanning[job.id] = waiting
        budget = self._pipeline.settings.scan_budget_s
        self._bridge.scan_for(job.text, lambda report: self._scanned(job.id, report, False))
        QTimer.singleShot(
            int((budget + _WATCHDOG_MARGIN_S) * 1000), lambda: self._scanned(job.id, None, True)
        )

    def _scanned(self, job_id: int, report: ScanReport | None, error: bool) -> None:
        waiting = self._scanning.pop(job_id, None)
        if waiting is None:
            return  # already answered (the watchdog or the scan came first)
        decision = decide(waiting.job.tool, report, self._pipeline.policy, error)
        if decision.action == "allow":
            waiting.reply(verdict(0, "allow"))
        elif decision.action == "warn":
            self._record(decision, waiting, "allowed_policy", None)
            self._notify(
                _("Careful: {tool} is not approved for patient information").format(
                    tool=waiting.job.tool.name
                ),
                _("What you pasted may contain PHI."),
            )
            waiting.reply(verdict(0, "allow"))
        elif self._on_screen is not None or self._bridge.pending is not None:
            waiting.reply(verdict(0, "cancel", notice=_(BUSY)))
        else:
            self._show(waiting, decision)

    def _show(self, waiting: _Open, decision: Decision) -> None:
        waiting.decision = decision
        self._on_screen = waiting
        self._bridge.set_other_dialog(True)  # no clipboard dialog on top of this one
        # the same model the clipboard path shows (types, counts, de-identified preview)
        model = self._bridge.dialog_model(waiting.job, decision)
        dialog = WarningDialog(replace(model, where=waiting.kind))
        in_page_buttons(dialog)
        dialog.chosen.connect(self._chosen)
        waiting.dialog = dialog
        log.info("browser %s held: tool=%s", waiting.kind, waiting.job.tool.id)
        dialog.present()

    def _chosen(self, choice: str, code: str, text: str) -> None:
        if choice == "override":  # the reason is scanned before it may be journaled
            self._bridge.scan_for(
                text, lambda report: self._resolve("override", code, text, report)
            )
            return
        self._resolve(choice, "", "", None)

    def _resolve(self, choice: str, code: str, text: str, report: ScanReport | None) -> None:
        waiting, self._on_screen = self._on_screen, None
        if waiting is None or waiting.decision is None:
            self._bridge.set_other_dialog(False)
            return
        justification = Justification(code, sanitize_reason(text, report)) if code else None
        action = CHOICE_ACTION[cast(Choice, choice)]
        if not self._record(waiting.decision, waiting, action, justification):
            waiting.reply(verdict(0, "cancel", notice=_(UNRECORDED)))
        else:
            waiting.reply(self._answer(choice, waiting.decision, waiting.job.text))
        if choice == "open_approved" and self._pipeline.policy.approved_url:
            self._bridge.open_url(self._pipeline.policy.approved_url)
        if waiting.dialog is not None:
            waiting.dialog.deleteLater()
        log.info("browser decision: choice=%s tool=%s", choice, waiting.job.tool.id)
        self._bridge.set_other_dialog(False)

    def _answer(self, choice: str, decision: Decision, text: str) -> dict[str, object]:
        if choice == "override" or (choice == "false_alarm" and decision.override_offered):
            return verdict(0, "allow")
        if choice == "redacted_copy" and decision.report is not None:
            try:
                return verdict(0, "replace", text=redact(text, decision.report))
            except IncompleteScanError:
                pass
        return verdict(0, "cancel", notice=_(HELD))

    def _record(
        self, decision: Decision, waiting: _Open, action: Action, why: Justification | None
    ) -> bool:
        policy, enforcement = self._pipeline.policy, ENFORCEMENT[waiting.kind]
        event = incident_for(decision, waiting.job, policy, action, enforcement)
        if why is not None:
            event = replace(event, justification=why)
        try:
            self._sink.record(event)
        except Exception:  # not stored: the caller fails closed
            self._pipeline.journal_ok = False
            return False
        self._pipeline.journal_ok = True
        return True

    # -- files -----------------------------------------------------------------------
    def file(self, request: FileRequest, browser: str, reply: Reply) -> None:
        tool = self._tool(browser, request.url)
        answer = self._policy().browser_companion.files
        if tool is None or answer == "allow":
            reply(verdict(request.id, "allow"))
            return
        job = ScanJob(next(self._ids), tool, process_name(browser), "clipboard", 0, "")
        waiting = _Open(job, "file", lambda a: reply({**a, "id": request.id}))
        decision = Decision("block", "phi_found", tool, None)
        if answer == "block":
            ok = self._record(decision, waiting, "blocked", None)
            notice = _("Your organisation does not allow files to be added to this site.")
            waiting.reply(verdict(0, "cancel", notice=notice if ok else _(UNRECORDED)))
            return
        self._ask_about_files(waiting, decision, request.count)

    def _ask_about_files(self, waiting: _Open, decision: Decision, count: int) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("PasteWarden: file upload"),
            ngettext(
                "{count} file is about to be added to {tool}, which is not approved for "
                "patient information. PasteWarden cannot check files. Add it?",
                "{count} files are about to be added to {tool}, which is not approved for "
                "patient information. PasteWarden cannot check files. Add them?",
                count,
            ).format(count=count, tool=waiting.job.tool.name),
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)

        def done(result: int) -> None:
            yes = result == QMessageBox.StandardButton.Yes.value
            ok = self._record(decision, waiting, "overridden" if yes else "blocked", None)
            answer = verdict(0, "allow") if yes and ok else verdict(0, "cancel", notice=_(HELD))
            waiting.reply(answer)
            box.deleteLater()

        box.finished.connect(done)
        box.open()
        box.raise_()
        box.activateWindow()


def in_page_buttons(dialog: WarningDialog) -> None:
    """In the page nothing goes on the clipboard; same mnemonics, so keys work the same."""
    dialog.cancel_button.setText("&Cancel (nothing goes into the page)")
    dialog.redacted_button.setText("Use &de-identified version")
