"""Build an IncidentEvent from a ScanReport: identifier types, counts and top scores only.

The report's findings hold offsets into the clipboard text; only their types, counts
and highest scores cross into the event, plus the size class of the text, so nothing
derived from the values themselves can reach the journal.
"""

from __future__ import annotations

from app.core.journal.incident import (
    Action,
    Detection,
    IncidentEvent,
    Justification,
    ToolRef,
    chars_bucket,
)
from detectors.models import ScanReport


def detections_of(report: ScanReport) -> tuple[Detection, ...]:
    """One Detection per identifier type, sorted by type for stable records."""
    counts, best = report.counts_by_type(), report.max_score_by_type()
    return tuple(Detection(t, counts[t], round(best[t], 3)) for t in sorted(counts))


def event_from_scan(
    report: ScanReport,
    action: Action,
    tool: ToolRef | None = None,
    policy_version: int | None = None,
    policy_signed: bool | None = None,
    justification: Justification | None = None,
    enforcement: str = "clipboard_quarantine",
) -> IncidentEvent:
    """The incident event for one enforcement decision on a scanned clipboard."""
    return IncidentEvent(
        kind="incident",
        action=action,
        enforcement=enforcement,
        tool=tool,
        policy_version=policy_version,
        policy_signed=policy_signed,
        detections=detections_of(report),
        chars_bucket=chars_bucket(report.chars),
        justification=justification,
    )
