"""One central record as the review shows it: a typed read-only view and its "TYPE×count" text.

The reader keeps each record as its parsed JSON object: the column-at-a-time paths over
100,000 records read those a field at a time. What shows or exports one record (the CSV
row, the audit report's override table, the window's cells) reads it through
`ReadRecord`. The fields app.core.review.shape checks (time, tool, policy,
justification, detections) have their shape here; any other field may hold any JSON
value a writer of the share put there, and is only ever shown as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def type_counts(detections: Iterable[Mapping[str, Any]] | None, sep: str = ", ") -> str:
    """ "NAME×2, DATE×1": identifier types and counts, never a value."""
    return sep.join([f"{d['type']}×{d['count']}" for d in detections]) if detections else ""


@dataclass(frozen=True, slots=True)
class Found:
    """One identifier type of a record: how many, and the best score."""

    type: str
    count: int
    max_score: float


@dataclass(frozen=True, slots=True)
class ReadRecord:
    """A record the reader accepted, as its readers use it (read-only)."""

    raw: Mapping[str, Any]
    time: str
    tool_id: Any
    tool_category: Any
    tool_domain: Any
    tool_process: Any
    policy_version: int | None
    policy_signed: Any
    justification_code: str | None
    justification_text: str | None
    found: tuple[Found, ...]

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> ReadRecord:
        """The typed view of one record (shape already checked by the reader)."""
        tool = record.get("tool") or {}
        policy = record.get("policy") or {}
        why = record.get("justification") or {}
        found = tuple(
            Found(d["type"], d["count"], d["max_score"]) for d in record.get("detections") or []
        )
        return cls(
            record, str(record.get("time", "")), tool.get("id"), tool.get("category"),
            tool.get("domain"), tool.get("process"), policy.get("version"), policy.get("signed"),
            why.get("code"), why.get("text"), found,
        )  # fmt: skip

    def get(self, name: str) -> Any:
        """Any other field as the record holds it (None when absent): shown as text only."""
        return self.raw.get(name)

    def type_counts(self, sep: str = ", ") -> str:
        """This record's identifier types and counts ("NAME×2, DATE×1")."""
        return type_counts(self.raw.get("detections"), sep)

    @property
    def max_score(self) -> float | None:
        """The best score of any identifier found, or None when none was."""
        return max((f.max_score for f in self.found), default=None)
