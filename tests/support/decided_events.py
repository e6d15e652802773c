"""Incident events built the way the tray builds them, for tests that journal many scans.

`scanned_event` runs the real path: app.core.protect.decision.decide for a blocking
consumer tool, then app.core.protect.events.incident_for, and attaches a justification
the way the pipeline does (dataclasses.replace). Nothing here has its own rules.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.journal.incident import Action, IncidentEvent, Justification
from app.core.protect.decision import PolicyView, decide
from app.core.protect.events import incident_for
from app.core.protect.pipeline import ScanJob
from detectors.models import ScanReport
from policy.catalog import MatchedTool

CHATGPT = MatchedTool(
    "chatgpt", "ChatGPT", "consumer_ai", "block_with_override", "url", "chatgpt.com"
)


def policy_view(version: int = 3, signed: bool = True) -> PolicyView:
    """A policy in force that allows overrides, as the tray would see it."""
    return PolicyView(
        version=version,
        signed=signed,
        source="managed",
        organization="Test Practice",
        override_allowed=True,
        override_reasons=("other",),
        override_min_chars=10,
    )


def scanned_event(
    text: str,
    report: ScanReport,
    action: Action,
    process: str | None = "chrome",
    policy: PolicyView | None = None,
    justification: Justification | None = None,
) -> IncidentEvent:
    """The event the pipeline journals for `text` (scanned into `report`) pasted to ChatGPT."""
    policy = policy or policy_view()
    decision = decide(CHATGPT, report, policy)
    job = ScanJob(1, CHATGPT, process, "clipboard", 0, key="k", text=text)
    event = incident_for(decision, job, policy, action, "clipboard_quarantine")
    return replace(event, justification=justification) if justification else event
