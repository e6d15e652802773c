"""Presents scan results without ever printing a full identifier value.

Human output: one row per finding with type, line:col and a masked preview (first
character, the rest as asterisks); JSON output carries types, offsets and scores only.
"""

from __future__ import annotations

import bisect
from typing import Any

from detectors.models import Finding, ScanReport
from detectors.types import BY_CODE


def mask(value: str) -> str:
    """'Wendell' -> 'W******'; values of 3 characters or fewer are fully masked."""
    flat = " ".join(value.split())
    if len(flat) <= 3:
        return "*" * len(flat)
    return flat[0] + "".join(" " if c == " " else "*" for c in flat[1:])


class LineIndex:
    """Maps a character offset to a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def findings_json(text: str, report: ScanReport, positions: bool) -> list[dict[str, Any]]:
    """Findings as JSON-ready dicts: type, offsets, score (+ line/col/recognizer if asked)."""
    index = LineIndex(text) if positions else None
    rows: list[dict[str, Any]] = []
    for finding in report.findings:
        row: dict[str, Any] = {
            "type": finding.type,
            "start": finding.start,
            "end": finding.end,
            "score": finding.score,
        }
        if index is not None:
            row["line"], row["col"] = index.position(finding.start)
            row["recognizer"] = finding.recognizer
        rows.append(row)
    return rows


def human_report(text: str, report: ScanReport) -> str:
    """A short table for people at a terminal."""
    lines = [_verdict_line(report)]
    index = LineIndex(text)
    for finding in report.findings:
        lines.append(_finding_line(text, finding, index))
    if not report.complete:
        lines.append("note: the scan did not finish in time; treat this text as PHI.")
    return "\n".join(lines)


def _verdict_line(report: ScanReport) -> str:
    if not report.complete and not report.phi:
        return "INCOMPLETE: could not scan all of the text"
    if not report.phi:
        count = len(report.findings)
        extra = f" ({count} non-patient finding{'' if count == 1 else 's'})" if count else ""
        return f"clean: no patient identifiers found{extra}"
    counts = ", ".join(f"{n} {t}" for t, n in sorted(report.counts_by_type().items()))
    return f"PHI ({report.severity.value} severity): {counts}"


def _finding_line(text: str, finding: Finding, index: LineIndex) -> str:
    line, col = index.position(finding.start)
    label = BY_CODE[finding.type].label if finding.type in BY_CODE else finding.type
    preview = mask(text[finding.start : finding.end])
    return f"  {line}:{col}\t{finding.type}\t{finding.score:.2f}\t{preview}\t({label})"
