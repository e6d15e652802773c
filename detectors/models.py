"""Plain data the scanner returns: findings, severity and the scan report.

Pure Python with no Presidio or Qt import, so the core pipeline, the CLI and the
journal can all depend on it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a PHI finding is; drives the dialog's wording and the journal."""

    NONE = "none"
    LOW = "low"  # identifiers, no health context
    HIGH = "high"  # identifiers next to health information
    SPECIAL = "special"  # identifiers next to 42 CFR Part 2, psychotherapy, HIV or genetics


@dataclass(frozen=True, order=True)
class Finding:
    """One identifier found in the text: where, what, how sure, and who found it."""

    start: int
    end: int
    type: str
    score: float
    recognizer: str


@dataclass(frozen=True)
class ScanReport:
    """The scanner's answer for one text."""

    findings: tuple[Finding, ...]
    phi: bool
    severity: Severity
    complete: bool
    chars: int
    health_context: tuple[str, ...] = ()
    special_categories: tuple[str, ...] = ()
    elapsed_ms: float = 0.0
    problems: tuple[str, ...] = field(default=())

    def counts_by_type(self) -> dict[str, int]:
        """Number of findings per identifier type (what the journal and dialog show)."""
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.type] = counts.get(finding.type, 0) + 1
        return counts

    def max_score_by_type(self) -> dict[str, float]:
        """Highest confidence per identifier type."""
        best: dict[str, float] = {}
        for finding in self.findings:
            best[finding.type] = max(best.get(finding.type, 0.0), finding.score)
        return best
