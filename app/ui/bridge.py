"""Glue between threads and the pure core: backend events in, quarantine and dialog out.

Runs on the GUI thread. Window events arrive from the watcher's thread through a queued
signal; clipboard changes from QClipboard; scans run in the ScanWorker. The core
Pipeline decides; this module only executes, in this order:
1. Quarantine first: with a blocking tool in front, unchecked content is snapshotted
   (raw flavours only) and replaced by the notice at once, whatever its size; the text
   is extracted and scanned in the worker. A clean verdict restores it.
2. A verdict with PHI shows the dialog; the choice is journaled through the pipeline,
   then the clipboard is released as the pipeline says.
3. A copy made while a dialog is open is quarantined the same way. The open dialog says
   what happened to it, and a second decision follows when that copy holds PHI too.
A scan that does not answer within its budget plus a margin fails closed. Originals
live only in `_Held` and the pipeline's dialog queue (app.core.protect.dialogs, which
owns what is on screen and what waits), and are dropped on resolution.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import cast

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.i18n import _
from app.core.journal.incident import Justification
from app.core.models import ForegroundWindow
from app.core.ports import ClipboardPort, WindowWatcher
from app.core.protect.clipboard_text import content_key
from app.core.protect.decision import Decision
from app.core.protect.dialogs import HeldDecision
from app.core.protect.events import sanitize_reason
from app.core.protect.pipeline import NOTICE, Choice, Pipeline, Resolution, ScanJob, Trigger
from app.ui.dialog_texts import NEWER_CLEAN, NEWER_ELSEWHERE, NEWER_HELD, NEWER_PHI, dialog_model
from app.ui.warning_dialog import DialogModel, WarningDialog
from app.ui.worker import ContentScan, ScanWorker
from detectors.models import ScanReport

log = logging.getLogger(__name__)
_WATCHDOG_MARGIN_S = 3.0
_BLOCKED_FLASH_MS = 5000


@dataclass
class _Held:
    """Content being scanned; `quarantined` when the notice already replaced it."""

    job: ScanJob
    content: ContentScan
    quarantined: bool


@dataclass(frozen=True)
class OnScreen:
    """The decision the warning dialog shows now, and that dialog."""

    held: HeldDecision
    dialog: WarningDialog | None


class Bridge(QObject):
    """Drives the Pipeline from Qt; `facts_changed` tells the tray to redraw."""

    facts_changed = Signal()
    _window_arrived = Signal(object)

    def __init__(
        self,
        pipeline: Pipeline,
        clipboard: ClipboardPort,
        watcher: WindowWatcher,
        worker: ScanWorker,
        notify: Callable[[str, str], None],
        open_url: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.pipeline, self.clipboard, self.watcher = pipeline, clipboard, watcher
        self.worker, self._notify, self.open_url = worker, notify, open_url
        self._own_pid = os.getpid()
        self._scanning: dict[int, _Held] = {}
        self._dialog: WarningDialog | None = None
        self.blocked_just_now = False
        self._retired: WarningDialog | None = None
        self._window_arrived.connect(self._on_window)
        worker.finished.connect(self._on_finished)

    @property
    def pending(self) -> OnScreen | None:
        """The decision on screen with its dialog; None when no warning dialog is open."""
        held = self.pipeline.dialogs.shown
        return None if held is None else OnScreen(held, self._dialog)

    @property
    def other_dialog(self) -> bool:
        """Whether a browser companion's dialog is on screen."""
        return self.pipeline.dialogs.other_open

    def start(self) -> None:
        self.pipeline.own_write(_(NOTICE))
        self.watcher.start(self._window_arrived.emit)  # emitted from the watcher's thread

    # -- triggers -----------------------------------------------------------------
    def _on_window(self, window: ForegroundWindow | None) -> None:
        if window is not None and window.pid == self._own_pid:
            return  # our own dialog or menu in front: keep the tool that was there
        if self.pipeline.on_window(window):
            self._check("window")
        self.facts_changed.emit()

    def on_clipboard_changed(self) -> None:
        if self.clipboard.owns():
            return  # our own write (the notice, a copy, a restore): nothing new to check
        if self.pipeline.on_clipboard_changed():
            self._check("clipboard")
        else:
            self._note(NEWER_ELSEWHERE)

    def recheck(self) -> None:
        """Look at the clipboard again for the window in front (after a dialog closed)."""
        if self.pipeline.protecting() and not self.clipboard.owns():
            self._check("window")

    def _check(self, trigger: Trigger) -> None:
        snapshot = self.clipboard.snapshot()
        job = self.pipeline.want_scan(content_key(snapshot), trigger)
        if job is None:
            return
        quarantined = self.pipeline.quarantines()
        if quarantined:
            self._quarantine(job)
        content = ContentScan(snapshot)
        self._scanning[job.id] = _Held(job, content, quarantined)
        budget = self.pipeline.settings.scan_budget_s
        self.worker.submit(("job", job.id), content, budget)
        QTimer.singleShot(int((budget + _WATCHDOG_MARGIN_S) * 1000), lambda: self._overdue(job.id))

    def _quarantine(self, job: ScanJob) -> None:
        self.clipboard.write_text(_(NOTICE))  # before the scan: the paste is already impossible
        log.info("quarantined: tool=%s trigger=%s", job.tool.id, job.trigger)
        self._note(NEWER_HELD)

    def _note(self, text: str) -> None:
        """Tell the dialog on screen what happened to a newer copy."""
        if self._dialog is not None:
            self._dialog.set_clipboard_note(_(text))

    # -- scan answers ---------------------------------------------------------------
    def _on_finished(self, tag: object, report: object, error: bool) -> None:
        kind, *rest = cast(tuple[object, ...], tag)
        if kind == "job":
            held = self._scanning.pop(cast(int, rest[0]), None)
            if held is not None:
                self._decide(held, cast(ScanReport | None, report), error)
        elif kind == "reason":
            choice, code, text = cast(tuple[Choice, str, str], tuple(rest))
            reason = sanitize_reason(text, cast(ScanReport | None, report))
            self._resolve(choice, Justification(code, reason))
        elif kind == "callback":
            cast(Callable[[ScanReport | None], None], rest[0])(cast(ScanReport | None, report))

    def _overdue(self, job_id: int) -> None:
        held = self._scanning.pop(job_id, None)
        if held is not None:  # no answer in time: fail closed
            log.warning("scan did not answer in time; failing closed")
            self._decide(held, None, True)

    def _decide(self, held: _Held, report: ScanReport | None, error: bool) -> None:
        job = replace(held.job, text=held.content.text)
        decision = self.pipeline.on_scanned(job, report, error)
        if decision is None:  # newer content replaced it meanwhile; that one is handled
            return
        if decision.action in ("allow", "warn") and held.quarantined:
            self.clipboard.restore(held.content.snapshot)
            self._note(NEWER_CLEAN)
        if decision.action == "warn":
            self._warn(decision, job)
        if decision.enforced:
            if not held.quarantined:
                self.clipboard.write_text(_(NOTICE))
            self._show(HeldDecision(job, decision, held.content.snapshot))
        self.facts_changed.emit()

    def _warn(self, decision: Decision, job: ScanJob) -> None:
        self.pipeline.record_warning(decision, job)
        log.info("warned: tool=%s", job.tool.id)
        self._notify(
            _("Careful: {tool} is not approved for patient information").format(tool=job.tool.name),
            _("The clipboard may contain PHI. Please do not paste it there."),
        )

    def _show(self, held: HeldDecision) -> None:
        log.info("blocked: tool=%s reason=%s", held.job.tool.id, held.decision.reason)
        self._flash_blocked()
        if not self.pipeline.dialogs.offer(held):
            self._note(NEWER_PHI)
            return
        self._dialog = WarningDialog(self.dialog_model(held.job, held.decision))
        self._dialog.chosen.connect(self._on_choice)
        self._dialog.present()

    def dialog_model(self, job: ScanJob, decision: Decision) -> DialogModel:
        """What the warning dialog shows for a decision (app.ui.dialog_texts)."""
        return dialog_model(self.pipeline, job, decision)

    # -- the user's answer ------------------------------------------------------------
    def _on_choice(self, choice: str, code: str, text: str) -> None:
        if choice == "override":
            # the free text is scanned before it may be journaled
            self.worker.submit(("reason", choice, code, text), text, 1.0)
            return
        self._resolve(cast(Choice, choice), None)

    def _resolve(self, choice: Choice, justification: Justification | None) -> None:
        held, dialog, self._dialog = self.pipeline.dialogs.answered(), self._dialog, None
        if held is None:
            return
        result = self.pipeline.resolve(held.decision, held.job, choice, justification)
        self._release(result, held)
        if choice == "open_approved" and self.pipeline.policy.approved_url:
            self.open_url(self.pipeline.policy.approved_url)
        log.info(
            "resolved: choice=%s recorded=%s release=%s", choice, result.recorded, result.release
        )
        self._retire(dialog)
        del held  # the original clipboard is dropped here
        self.facts_changed.emit()
        self._after_dialog()

    def set_other_dialog(self, on: bool) -> None:
        """Another warning dialog (the browser companion's) opened or closed.

        While it is open, clipboard decisions wait (their content stays quarantined);
        when it closes, the next one is shown.
        """
        if self.pipeline.dialogs.set_other_open(on):
            self._after_dialog()

    def _after_dialog(self) -> None:
        """Next turn of the event loop: the next waiting decision, or a look at the clipboard."""
        QTimer.singleShot(0, self._next if self.pipeline.dialogs.has_waiting else self.recheck)

    def _next(self) -> None:
        """The decision that waited for the dialog that just closed."""
        waiting = self.pipeline.dialogs.next_waiting()
        if self.pipeline.is_current(waiting.job):
            self._show(waiting)
            return
        # replaced by a newer copy while waiting: it was never released, so it was blocked
        self.pipeline.resolve(waiting.decision, waiting.job, "cancel", None)
        self._after_dialog()

    def _retire(self, dialog: WarningDialog | None) -> None:
        """Delete the dialog from the event loop: we are inside its own signal right now."""
        if dialog is not None:
            dialog.deleteLater()
        self._retired = dialog  # keep the wrapper until Qt has deleted the widget

    def _release(self, result: Resolution, held: HeldDecision) -> None:
        if result.release == "restore":
            self.clipboard.restore(held.snapshot)
        elif result.release == "set_redacted" and result.redacted is not None:
            self.clipboard.write_text(result.redacted)

    def scan_for(self, text: str, callback: Callable[[ScanReport | None], None]) -> None:
        """ "Check some text…": scan in the worker, answer on the GUI thread."""
        self.worker.submit(("callback", callback), text, self.pipeline.settings.scan_budget_s)

    def _flash_blocked(self) -> None:
        self.blocked_just_now = True
        self.facts_changed.emit()
        QTimer.singleShot(_BLOCKED_FLASH_MS, self._end_flash)

    def _end_flash(self) -> None:
        self.blocked_just_now = False
        self.facts_changed.emit()
