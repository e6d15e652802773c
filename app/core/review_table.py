"""The review window's incident table as columns of record indices. Qt-free.

Built for 100,000 records: loading keeps only the few columns the pick-list filters
compare (day, action, tool, user, workstation), each a plain list; a row's display
strings are built when a view first asks for them, and the lowercase search text of
every row only when the first text search runs. A filter is a few list comprehensions
over record indices; sorting reorders those indices. Nothing here copies record content
beyond what the table shows (types, counts and redacted texts: no PHI).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.annotations import Annotation
from app.core.review_stats import ACTION_LABELS

COLUMNS = (
    "Time (UTC)",
    "User",
    "Workstation",
    "Tool",
    "Action",
    "Identifiers",
    "Justification",
    "Follow-up",
)
Notes = Mapping[tuple[str, int], Annotation]


@dataclass(frozen=True)
class Criteria:
    """The filters; empty strings mean "any". Dates are inclusive ISO dates (UTC)."""

    start: str = ""
    end: str = ""
    action: str = ""
    tool: str = ""
    user: str = ""
    host: str = ""
    text: str = ""


def cells(record: Mapping[str, Any], note: Annotation | None) -> tuple[str, ...]:
    """The display strings of one incident, in COLUMNS order."""
    why = record.get("justification") or {}
    types = ", ".join(f"{d['type']}×{d['count']}" for d in record.get("detections") or [])
    follow = f"{note.outcome_label}: {note.note}".rstrip(": ") if note else ""
    return (
        str(record.get("time", ""))[:19].replace("T", " "),
        str(record.get("user") or ""),
        str(record.get("host") or ""),
        str((record.get("tool") or {}).get("id") or ""),
        ACTION_LABELS.get(str(record.get("action")), str(record.get("action") or "")),
        types,
        " ".join(x for x in (why.get("code"), why.get("text")) if x),
        follow,
    )


class IncidentTable:
    """Incidents (not heartbeats), their filter columns and the current sort order."""

    def __init__(self, records: Sequence[Mapping[str, Any]], notes: Notes) -> None:
        self.records = [r for r in records if r.get("kind") == "incident"]
        self.notes = notes
        recs = self.records
        self.day = [str(r.get("time", ""))[:10] for r in recs]
        self.action = [r.get("action") for r in recs]
        self.tool = [str((r.get("tool") or {}).get("id") or "") for r in recs]
        self.user = [str(r.get("user") or "") for r in recs]
        self.host = [str(r.get("host") or "") for r in recs]
        self.order = list(range(len(recs)))  # record indices in the sorted order
        self._rows: list[tuple[str, ...] | None] = [None] * len(recs)
        self._hay: list[str] | None = None

    def __len__(self) -> int:
        return len(self.records)

    def row(self, index: int) -> tuple[str, ...]:
        """Display strings of record `index`, built on first use."""
        found = self._rows[index]
        if found is None:
            record = self.records[index]
            note = self.notes.get((str(record["device_id"]), int(record["seq"])))
            found = self._rows[index] = cells(record, note)
        return found

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """Every row's display strings, in record order."""
        return [self.row(i) for i in range(len(self.records))]

    def hay(self) -> list[str]:
        """Per record, all its cells lowercased and joined: what the search looks in."""
        if self._hay is None:
            self._hay = ["\x1f".join(row).lower() for row in self.rows]
        return self._hay

    def matching(self, criteria: Criteria) -> list[int]:
        """Record indices, in the sorted order, that pass every filter."""
        c, found = criteria, self.order
        high = c.end or "9999"
        if c.start or c.end:
            day = self.day
            found = [i for i in found if c.start <= day[i] <= high]
        for wanted, column in (
            (c.action, self.action),
            (c.tool, self.tool),
            (c.user, self.user),
            (c.host, self.host),
        ):
            if wanted:
                found = [i for i in found if column[i] == wanted]
        text = c.text.strip().lower()
        if text:
            hay = self.hay()
            found = [i for i in found if text in hay[i]]
        return found

    def sort(self, column: int, descending: bool) -> None:
        """Stable sort of the order by the column's text (case-insensitive)."""
        keys = [self.row(i)[column].lower() for i in range(len(self.records))]
        self.order = sorted(self.order, key=keys.__getitem__, reverse=descending)

    def distinct(self, column: int) -> list[str]:
        """The distinct non-empty values of a pick-list column (1 user, 2 host, 3 tool)."""
        values = {1: self.user, 2: self.host, 3: self.tool}[column]
        return sorted(set(values) - {""})
