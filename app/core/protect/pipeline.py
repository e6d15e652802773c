"""The tray's core: window and clipboard events in, scan jobs and journaled decisions out.

Pure Python (no Qt, no OS calls); app/ui/bridge.py drives it from the GUI thread and
runs the scans in a worker. The flow (DESIGN.md §1):
1. `on_window` / `on_clipboard_changed` say whether the clipboard must be looked at;
2. `want_scan(key)` returns a ScanJob unless the content is ours, already decided for
   this tool within the grace period, or protection is paused. Where `quarantines()`,
   the bridge replaces the clipboard before the scan starts (quarantine first, then
   scan) and restores it when the verdict is clean;
3. `on_scanned` turns the report into a Decision (see app.core.protect.decision);
4. `resolve` journals the user's choice through the IncidentSink and only then says how
   the clipboard may be released. If the sink raises, the clipboard stays quarantined.
Clipboard text passes through here in memory only; it is never logged or stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from app.core.i18n import N_
from app.core.journal.agent_run import (
    PAUSE_LIMIT_REACHED,
    PAUSED,
    RESUMED,
    PauseRefusal,
    pause_refusal,
)
from app.core.journal.incident import Action, IncidentEvent, Justification
from app.core.models import ForegroundWindow
from app.core.ports import IncidentSink, ToolMatcher
from app.core.protect.clearance import Clearance
from app.core.protect.clipboard_text import text_key
from app.core.protect.decision import Decision, PolicyView, decide
from app.core.protect.dialogs import DialogQueue
from app.core.protect.events import incident_for, state_event
from detectors.models import ScanReport
from detectors.redact import IncompleteScanError, redact
from policy.catalog import MatchedTool

Trigger = Literal["clipboard", "window"]
Choice = Literal["cancel", "timeout", "open_approved", "redacted_copy", "override", "false_alarm"]
Release = Literal["keep_notice", "restore", "set_redacted"]

NOTICE = N_(
    "[PasteWarden] This clipboard content was held back because it may contain patient "
    "information. See the PasteWarden window for what to do instead."
)


@dataclass(frozen=True)
class PipelineSettings:
    """Timings that the policy format does not (yet) carry."""

    grace_s: float = 600.0  # same content, same tool: not asked about again for 10 min
    scan_budget_s: float = 1.5
    dialog_timeout_s: float = 120.0


@dataclass(frozen=True)
class ScanJob:
    """One clipboard content to scan for one tool. PHI: memory only, never logged.

    `key` identifies the content (app.core.protect.clipboard_text.content_key: the raw flavours);
    `text` is what was scanned, set once the worker has extracted it, and is what the
    de-identified copy is made from.
    """

    id: int
    tool: MatchedTool
    process: str | None
    trigger: Trigger
    generation: int
    key: str = field(repr=False)
    text: str = field(default="", repr=False)


@dataclass(frozen=True)
class Resolution:
    """What the journal said and how the clipboard may now be released."""

    release: Release
    recorded: bool
    event: IncidentEvent | None
    redacted: str | None = field(default=None, repr=False)


CHOICE_ACTION: dict[Choice, Action] = {
    "cancel": "blocked",
    "timeout": "blocked",
    "open_approved": "blocked",
    "redacted_copy": "redacted_copy",
    "override": "overridden",
    "false_alarm": "false_alarm_reported",
}


class Pipeline:
    """State between events: the window in front, grace digests, pause, journal health."""

    def __init__(
        self,
        matcher: ToolMatcher,
        policy: PolicyView,
        sink: IncidentSink,
        settings: PipelineSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or PipelineSettings()
        self._matcher, self.policy, self._sink, self._clock = matcher, policy, sink, clock
        self._clearance = Clearance(self.settings.grace_s, clock)
        self.dialogs = DialogQueue()  # the decisions waiting for the person
        self.window: ForegroundWindow | None = None
        self.tool: MatchedTool | None = None
        self._generation = 0
        self._next_job = 0
        self._paused_until = 0.0
        self.journal_ok = True
        self.last_scan_incomplete = False

    # -- policy and pause -------------------------------------------------------------
    def set_policy(self, matcher: ToolMatcher, policy: PolicyView) -> None:
        """A new policy: re-match the window; earlier decisions no longer count."""
        self._matcher, self.policy = matcher, policy
        self._clearance.clear()
        self.on_window(self.window)

    def paused(self) -> bool:
        return self._clock() < self._paused_until

    def pause_seconds(self) -> float:
        """One pause's length: the policy's `agent.pause_minutes`."""
        return self.policy.pause_minutes * 60.0

    def pause(self, taken_today: int = 0) -> PauseRefusal | None:
        """Pause for the policy's minutes; None when paused, else why not.

        Over the day's limit the refusal is journaled (`pause_limit_reached`). A pause
        that cannot be journaled does not start: protection is never silently off.
        """
        refusal = pause_refusal(self.policy.pause_allowed, self.policy.pauses_per_day, taken_today)
        if refusal == "limit_reached":
            self.record_state(PAUSE_LIMIT_REACHED)
        if refusal is not None:
            return refusal
        if not self.record_state(PAUSED):
            return "not_recorded"
        self._paused_until = self._clock() + self.pause_seconds()
        return None

    def resume(self) -> None:
        if self._paused_until:
            self._paused_until = 0.0
            self.record_state(RESUMED)

    # -- events -----------------------------------------------------------------------
    def on_window(self, window: ForegroundWindow | None) -> bool:
        """The window in front changed; True when its clipboard must be checked now."""
        self.window = window
        self.tool = self._match(window)
        return self.protecting()

    def on_clipboard_changed(self) -> bool:
        """The clipboard changed; True when a protected tool is in front."""
        self._generation += 1
        return self.protecting()

    def protecting(self) -> bool:
        """A tool whose action is not `allow` is in front and protection is not paused."""
        return self.tool is not None and self.tool.action != "allow" and not self.paused()

    def quarantines(self) -> bool:
        """A blocking tool is in front: unchecked content is held back before the scan."""
        return self.protecting() and self.tool is not None and self.tool.action != "warn"

    def is_current(self, job: ScanJob) -> bool:
        """No newer clipboard content has arrived since `job` was made."""
        return job.generation == self._generation

    def _match(self, window: ForegroundWindow | None) -> MatchedTool | None:
        if window is None:
            return None
        found = self._matcher.match(window.app, window.title, window.url)
        if found is None and window.app_class:
            found = self._matcher.match(window.app_class, window.title, window.url)
        return found

    def want_scan(self, key: str, trigger: Trigger, text: str = "") -> ScanJob | None:
        """A job for the worker, or None when nothing needs scanning.

        `key` is the content's app.core.protect.clipboard_text.content_key ("" for an empty
        clipboard); `text`, when already known, what will be scanned.
        """
        tool = self.tool
        if tool is None or not self.protecting() or not key:
            return None
        if self._clearance.seen("", key) or self._clearance.seen(tool.id, key):
            return None
        self._next_job += 1
        process = self.window.app if self.window else None
        return ScanJob(self._next_job, tool, process, trigger, self._generation, key, text)

    def on_scanned(
        self, job: ScanJob, report: ScanReport | None, error: bool = False
    ) -> Decision | None:
        """The scan's answer; None when the clipboard changed meanwhile (a newer job follows)."""
        if not self.is_current(job):
            return None
        decision = decide(job.tool, report, self.policy, error)
        self.last_scan_incomplete = decision.reason in ("scan_incomplete", "scan_error")
        if decision.action in ("allow", "warn"):
            self._clearance.mark(job.tool.id, job.key)
        return decision

    def own_write(self, text: str) -> None:
        """Remember a text the app put on the clipboard, so it is not scanned again."""
        self._clearance.mark("", text_key(text), grace_s=24 * 3600)

    # -- journaling -------------------------------------------------------------------
    def record_warning(self, decision: Decision, job: ScanJob) -> bool:
        """A warn-only tool: the paste goes ahead after a notification; journaled."""
        event = incident_for(decision, job, self.policy, "allowed_policy", "notification")
        return self._record(event)

    def resolve(
        self, decision: Decision, job: ScanJob, choice: Choice, justification: Justification | None
    ) -> Resolution:
        """Journal the user's choice, then say how the clipboard may be released.

        A decision about content the user has since replaced with a newer copy is
        journaled and remembered, but never written back over the newer content.
        """
        action = CHOICE_ACTION[choice]
        event = incident_for(decision, job, self.policy, action, "clipboard_quarantine")
        if justification is not None:
            event = _with_justification(event, justification)
        if not self._record(event):
            return Resolution("keep_notice", False, event)  # fail closed: not journaled
        return self._release(decision, job, choice, event)

    def _release(
        self, decision: Decision, job: ScanJob, choice: Choice, event: IncidentEvent
    ) -> Resolution:
        restores = choice == "override" or (choice == "false_alarm" and decision.override_offered)
        if restores:
            self._clearance.mark(job.tool.id, job.key)
        if not self.is_current(job):
            return Resolution("keep_notice", True, event)
        if restores:
            return Resolution("restore", True, event)
        if choice == "redacted_copy" and decision.report is not None:
            try:
                text = redact(job.text, decision.report)
            except IncompleteScanError:
                return Resolution("keep_notice", True, event)
            self.own_write(text)
            return Resolution("set_redacted", True, event, text)
        return Resolution("keep_notice", True, event)

    def record_state(self, state: str) -> bool:
        """An agent_state event (see app.core.journal.agent_run); False when it was not stored."""
        return self._record(state_event(state, self.policy))

    def _record(self, event: IncidentEvent) -> bool:
        try:
            self._sink.record(event)
        except Exception:  # any failure means "not stored": the caller fails closed
            self.journal_ok = False
            return False
        self.journal_ok = True
        return True


def _with_justification(event: IncidentEvent, justification: Justification) -> IncidentEvent:
    return replace(event, justification=justification)
