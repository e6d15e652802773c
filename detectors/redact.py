"""Makes the de-identified copy the warning dialog offers: identifiers become placeholders.

"Wendell Purcell (DOB 03/22/1951)" becomes "[NAME] (DOB [DATE])". Overlapping findings
are merged so no fragment of a value survives between two placeholders.
"""

from __future__ import annotations

from detectors.models import Finding, ScanReport
from detectors.types import is_redacted, placeholder


class IncompleteScanError(ValueError):
    """A text that was not scanned to the end cannot be called de-identified."""


def redact(text: str, report: ScanReport) -> str:
    """`text` with every finding replaced by its type's placeholder.

    Types Safe Harbor lets a de-identified text keep (years of health events) stay.
    """
    if not report.complete:
        raise IncompleteScanError("the scan did not finish; no de-identified copy can be made")
    pieces: list[str] = []
    cursor = 0
    replaced = tuple(f for f in report.findings if is_redacted(f.type))
    for start, end, code in merged_spans(replaced):
        pieces.append(text[cursor:start])
        pieces.append(placeholder(code))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def merged_spans(findings: tuple[Finding, ...]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, type) spans; an overlap takes the stronger finding's type."""
    spans: list[tuple[int, int, str, float]] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if spans and finding.start < spans[-1][1]:
            start, end, code, score = spans[-1]
            if finding.score > score:
                code, score = finding.type, finding.score
            spans[-1] = (start, max(end, finding.end), code, score)
        else:
            spans.append((finding.start, finding.end, finding.type, finding.score))
    return [(start, end, code) for start, end, code, _ in spans]
