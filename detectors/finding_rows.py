"""The scanner's findings as plain tuples until the last step, then as Finding objects.

A megabyte gives ~15,000 results, many of them duplicates from the chunks' overlap or
nested in a stronger finding. Each is a tuple ordered as the scanner ranks findings
(`Row`), so de-duplicating is a set of tuples hashed in C and ranking is the tuples'
own order, with no Python key function; only the findings kept become Finding
objects, made without the frozen dataclass's per-field __setattr__ calls.
"""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import RecognizerResult

from detectors.models import Finding
from detectors.unicode_fold import Folded

# (start, start - end, -score, type, recognizer, end): sorted, the earliest start
# first, then the longest, the strongest, and type and recognizer to break ties (the
# same text must always give the same report). `end` follows from the first two, so
# it never decides an order; it is there to be read without arithmetic.
Row = tuple[int, int, float, str, str, int]

_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
_NEW = object.__new__


def result_rows(results: Iterable[RecognizerResult], offset: int, folded: Folded) -> list[Row]:
    """Rows of a chunk's results, at the caller's offsets (scores to 3 decimals)."""
    rows: list[Row] = []
    add = rows.append
    for result in results:
        start, end = result.start, result.end
        if not folded.identity:
            start, end = folded.span(start, end)
        start += offset
        end += offset
        metadata = result.recognition_metadata or {}
        recognizer = str(metadata.get(_NAME_KEY, "unknown"))
        score = round(float(result.score), 3)
        add((start, start - end, -score, result.entity_type, recognizer, end))
    return rows


def finding_row(finding: Finding) -> Row:
    """The row of a finding."""
    start, end = finding.start, finding.end
    return (start, start - end, -finding.score, finding.type, finding.recognizer, end)


def outside(rows: list[Row], allowed: list[tuple[int, int]]) -> list[Row]:
    """The rows not inside any of the `allowed` spans."""
    if not allowed:
        return rows
    return [r for r in rows if not any(s <= r[0] and r[5] <= e for s, e in allowed)]


def drop_nested(rows: Iterable[Row]) -> list[Finding]:
    """Remove exact duplicates (chunk overlap) and findings inside a stronger finding.

    Sorted, a finding can only sit inside one kept shortly before it (the last 8 are
    checked), and never inside itself (the set holds each finding once). A negated
    score is compared the other way: negating a float is exact. Most findings end
    beyond every finding kept before them, which settles them without the check.
    """
    kept: list[Row] = []
    reach = -1  # the furthest end of a finding kept: none holds a finding ending beyond
    for row in sorted(set(rows)):
        end = row[5]
        if end > reach:
            reach = end
            kept.append(row)
            continue
        start, neg_score = row[0], row[2]
        for outer in kept[-8:]:
            if outer[0] <= start and end <= outer[5] and outer[2] <= neg_score:
                break
        else:
            kept.append(row)
    return [_finding(start, end, kind, -neg, name) for start, _, neg, kind, name, end in kept]


def _finding(start: int, end: int, kind: str, score: float, recognizer: str) -> Finding:
    """Finding(start, end, kind, score, recognizer), with the same fields in the same order.

    Finding has no __post_init__ or defaults, so filling its __dict__ gives the object
    its __init__ gives, at a third of the cost of the frozen class's five __setattr__.
    """
    finding = _NEW(Finding)
    fields = finding.__dict__
    fields["start"] = start
    fields["end"] = end
    fields["type"] = kind
    fields["score"] = score
    fields["recognizer"] = recognizer
    return finding
