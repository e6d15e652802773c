"""The pure decision table: tool × scan report × policy -> what happens (DESIGN.md §1 step 4).

No state, no I/O: `decide()` is the whole rule, so the unit tests can walk every row.
Fail-closed rule: on a tool whose policy action blocks, a scan that errored, timed out
or did not finish is treated as PHI found. On a warn-only tool it becomes a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from detectors.models import ScanReport
from policy.catalog import MatchedTool

DecisionAction = Literal["allow", "warn", "block", "block_with_override"]
Reason = Literal["clean", "phi_found", "scan_incomplete", "scan_error", "tool_allowed"]


@dataclass(frozen=True)
class PolicyView:
    """What the tray needs from the policy in force; PHI-free, built once per policy load."""

    version: int
    signed: bool
    source: str
    organization: str
    override_allowed: bool
    override_reasons: tuple[str, ...]
    override_min_chars: int
    approved_name: str | None = None
    approved_url: str | None = None
    pause_allowed: bool = False
    quit_allowed: bool = True
    pause_minutes: int = 15
    pauses_per_day: int = 3
    contact: str | None = None
    language: str = "auto"  # the policy's agent.language: auto, en, es


@dataclass(frozen=True)
class Decision:
    """The outcome for one scanned clipboard and one tool."""

    action: DecisionAction
    reason: Reason
    tool: MatchedTool
    report: ScanReport | None

    @property
    def enforced(self) -> bool:
        """True when the clipboard must be quarantined and the dialog shown."""
        return self.action in ("block", "block_with_override")

    @property
    def override_offered(self) -> bool:
        return self.action == "block_with_override"


def decide(
    tool: MatchedTool,
    report: ScanReport | None,
    policy: PolicyView,
    error: bool = False,
) -> Decision:
    """Tool × findings × policy -> Decision; `error` means the scan raised or timed out."""
    if tool.action == "allow":
        return Decision("allow", "tool_allowed", tool, report)
    reason = _reason(report, error)
    if reason == "clean":
        return Decision("allow", "clean", tool, report)
    if tool.action == "warn":
        return Decision("warn", reason, tool, report)
    if tool.action == "block_with_override" and policy.override_allowed:
        return Decision("block_with_override", reason, tool, report)
    return Decision("block", reason, tool, report)


def _reason(report: ScanReport | None, error: bool) -> Reason:
    if error or report is None:
        return "scan_error"
    if report.phi:
        return "phi_found"
    if not report.complete:
        return "scan_incomplete"  # an unfinished scan cannot be called clean
    return "clean"
