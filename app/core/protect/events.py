"""Builds the PHI-free IncidentEvent for a decision (DESIGN.md §6): types and counts only.

Also sanitises an override reason: the free text is scanned and every finding replaced
by <TYPE> before it can reach the journal; an unfinished scan drops the text entirely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.journal.incident import Action, Detection, IncidentEvent, ToolRef, chars_bucket
from app.core.protect.decision import Decision, PolicyView
from app.core.protect.reason_filter import strict_reason
from detectors.models import ScanReport
from detectors.redact import merged_spans

if TYPE_CHECKING:  # only for the annotation: pipeline imports this module
    from app.core.protect.pipeline import ScanJob

UNSCANNED_REASON = "<reason withheld: it could not be checked for PHI>"


def detections(report: ScanReport | None) -> tuple[Detection, ...]:
    """Types, counts and best scores, sorted by type; never a value."""
    if report is None:
        return ()
    counts, best = report.counts_by_type(), report.max_score_by_type()
    return tuple(Detection(code, counts[code], best[code]) for code in sorted(counts))


def incident_for(
    decision: Decision, job: ScanJob, policy: PolicyView, action: Action, enforcement: str
) -> IncidentEvent:
    """The incident record for one decision about one clipboard text."""
    tool = decision.tool
    return IncidentEvent(
        kind="incident",
        action=action,
        enforcement=enforcement,
        tool=ToolRef(tool.id, tool.category, tool.domain, job.process),
        policy_version=policy.version,
        policy_signed=policy.signed,
        detections=detections(decision.report),
        chars_bucket=chars_bucket(len(job.text)),
    )


def state_event(state: str, policy: PolicyView) -> IncidentEvent:
    """An agent_state record: started, stopped, paused, resumed, policy_changed, ..."""
    return IncidentEvent(
        kind="agent_state",
        state=state,
        policy_version=policy.version,
        policy_signed=policy.signed,
    )


def sanitize_reason(text: str, report: ScanReport | None) -> str:
    """The reason as stored: app.core.protect.reason_filter's strict filter over the scan's
    findings (found → <TYPE>; long numbers, capitalised and uncommon words masked);
    withheld when the scan did not finish."""
    if report is None or not report.complete:
        return UNSCANNED_REASON
    return strict_reason(text, merged_spans(report.findings))
