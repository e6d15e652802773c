"""Builds the PHI-free IncidentEvent for a decision (DESIGN.md §6): types and counts only.

Also sanitises an override reason: the free text is scanned and every finding replaced
by <TYPE> before it can reach the journal; an unfinished scan drops the text entirely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.decision import Decision, PolicyView
from app.core.incident import Action, Detection, IncidentEvent, ToolRef, chars_bucket
from detectors.models import ScanReport
from detectors.redact import merged_spans

if TYPE_CHECKING:  # only for the annotation: pipeline imports this module
    from app.core.pipeline import ScanJob

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
    """`text` with each finding replaced by <TYPE>; withheld when the scan did not finish."""
    if report is None or not report.complete:
        return UNSCANNED_REASON
    pieces: list[str] = []
    cursor = 0
    for start, end, code in merged_spans(report.findings):
        pieces.append(text[cursor:start])
        pieces.append(f"<{code}>")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces).strip()[:500]
