"""Fakes at the core's ports: a matcher, sinks, and scan reports built by hand."""

from __future__ import annotations

from app.core.journal.incident import IncidentEvent
from app.core.protect.decision import PolicyView
from detectors.models import Finding, ScanReport, Severity
from detectors.types import is_patient_identifier
from policy.catalog import MatchedTool
from policy.schema import Action


def tool(action: Action, tool_id: str = "chatgpt") -> MatchedTool:
    return MatchedTool(tool_id, tool_id.title(), "consumer_ai", action, "title", "chatgpt.com")


class FakeMatcher:
    """Matches any window whose title contains a key of `tools`."""

    def __init__(self, tools: dict[str, MatchedTool]) -> None:
        self.tools = tools

    def match(self, app: str | None, title: str, url: str | None = None) -> MatchedTool | None:
        for key, matched in self.tools.items():
            if key in title:
                return matched
        return None


class FailingSink:
    """A journal that cannot write (disk full, locked database)."""

    def __init__(self) -> None:
        self.attempts = 0

    def record(self, event: IncidentEvent) -> None:
        self.attempts += 1
        raise OSError("disk full")


def report(*types: str, complete: bool = True, text_len: int = 100) -> ScanReport:
    findings = tuple(Finding(i * 10, i * 10 + 5, code, 0.9, "fake") for i, code in enumerate(types))
    phi = any(is_patient_identifier(code) for code in types)
    return ScanReport(
        findings=findings,
        phi=phi,
        severity=Severity.HIGH if phi else Severity.NONE,
        complete=complete,
        chars=text_len,
    )


def policy(override: bool = True, pause: bool = True, pause_minutes: int = 15) -> PolicyView:
    return PolicyView(
        version=7,
        signed=False,
        source="override",
        organization="Test Clinic",
        override_allowed=override,
        override_reasons=("Text is not PHI", "Other (explain)"),
        override_min_chars=10,
        approved_name="Approved AI",
        approved_url="https://approved.example/",
        pause_allowed=pause,
        pause_minutes=pause_minutes,
    )
