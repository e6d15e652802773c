"""The review window's incident table as columns of record indices. Qt-free.

Built for 100,000 records: loading keeps only the few columns the pick-list filters
compare (day, action, tool, user, workstation), each a plain list read a field at a time
(app.core.review.columns); `index()` then builds every display column and the lowercase
search text, on the loader thread, after the window already shows the rows. A filter is
a few list comprehensions over record indices; sorting reorders those indices. Nothing
here copies record content beyond what the table shows (types, counts and redacted
texts: no PHI).
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.i18n import N_
from app.core.review import columns as cols
from app.core.review.annotations import Annotation
from app.core.review.columns import Columns
from app.core.review.labels import action_label
from app.core.review.local_time import local_days, local_text
from app.core.review.record import ReadRecord

COLUMNS = (
    N_("Time"),  # local (app.core.review.local_time); the zone is named above the table
    N_("User"),
    N_("Workstation"),
    N_("Tool"),
    N_("Action"),
    N_("Identifiers"),
    N_("Justification"),
    N_("Follow-up"),
)
Notes = Mapping[tuple[str, int], Annotation]


@dataclass(frozen=True)
class Criteria:
    """The filters; empty strings mean "any". Dates are inclusive ISO dates (local)."""

    start: str = ""
    end: str = ""
    action: str = ""
    tool: str = ""
    user: str = ""
    host: str = ""
    text: str = ""


def cells(
    record: Mapping[str, Any], note: Annotation | None, names: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The display strings of one incident, in COLUMNS order (`names`: tool id → name)."""
    read = ReadRecord.of(record)
    follow = f"{note.outcome_label}: {note.note}".rstrip(": ") if note else ""
    return (
        local_text(read.time),
        str(record.get("user") or ""),
        str(record.get("host") or ""),
        _tool_name(str(read.tool_id or ""), names or {}),
        action_label(record.get("action")),
        read.type_counts(),
        " ".join(x for x in (read.justification_code, read.justification_text) if x),
        follow,
    )


def _tool_name(tool: str, names: Mapping[str, str]) -> str:
    return names.get(tool) or tool


class IncidentTable:
    """Incidents (not heartbeats), their filter columns and the current sort order.

    Built on the loader thread: the constructor makes the filter columns (a few passes in
    C), `index()` then every display column and the search text, so the GUI thread only
    reads lists. `index()` swaps in whole lists, so a row painted meanwhile is never torn.
    """

    def __init__(
        self,
        records: Sequence[Mapping[str, Any]],
        notes: Notes,
        columns: Columns | None = None,
        tool_names: Mapping[str, str] | None = None,
    ) -> None:
        """`columns`: review_columns.Columns of `records` when the reader has them;
        `tool_names`: tool id → the name shown (an unknown id is shown as it is)."""
        self.tool_names = dict(tool_names or {})
        if columns is None or len(columns.kind) != len(records):
            columns = cols.record_columns(records)
        mask = list(map(operator.eq, columns.kind, itertools.repeat("incident")))
        self.records = list(itertools.compress(records, mask))
        self.notes = notes
        self.columns = columns.where(mask)
        self.time, self.action = self.columns.time, self.columns.action
        self.day = local_days(self.time)  # the date filters pick local days, as times show
        self.tool, self.user, self.host = self.columns.tool, self.columns.user, self.columns.host
        self.types = self.columns.types
        self.order = list(range(len(self.records)))  # record indices in the sorted order
        # Whether `order` lists the rows by day (the reader's time order, not yet resorted).
        self._day_order = all(map(operator.le, self.day, itertools.islice(self.day, 1, None)))
        self.choices = {c: sorted(set(v) - {""}) for c, v in ((1, self.user), (2, self.host))}
        self.choices[3] = sorted(set(self.tool) - {""})
        self._rows: list[tuple[str, ...] | None] = [None] * len(self.records)
        self._columns: list[list[str]] | None = None
        self._hay: list[str] | None = None

    def __len__(self) -> int:
        return len(self.records)

    @property
    def indexed(self) -> bool:
        """Whether the display columns and the search text are built (see `index`)."""
        return self._hay is not None

    def index(self) -> None:
        """Build every display column and the lowercase search text of every row."""
        recs = self.records
        columns = [
            cols.display_times(self.time),
            self.user,
            self.host,
            cols.tool_names_shown(self.tool, self.tool_names),
            cols.action_labels(self.action),
            cols.identifiers(recs),
            cols.justifications(recs),
            cols.follow_ups(recs, self.notes),
        ]
        hay = ["\x1f".join(row).lower() for row in zip(*columns, strict=True)]
        self._columns = columns
        self._hay = hay  # last: `indexed` turns true only when both are in place

    def built_lists(self) -> list[list[Any]]:
        """The lists `index()` built (display columns, search text), for releasing them."""
        return [*(self._columns or []), *([self._hay] if self._hay is not None else [])]

    def row(self, index: int) -> tuple[str, ...]:
        """Display strings of record `index` (built on first use until `index()` ran)."""
        if self._columns is not None:
            return tuple(column[index] for column in self._columns)
        found = self._rows[index]
        if found is None:
            record = self.records[index]
            note = self.notes.get((str(record["device_id"]), int(record["seq"])))
            found = self._rows[index] = cells(record, note, self.tool_names)
        return found

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """Every row's display strings, in record order."""
        return [self.row(i) for i in range(len(self.records))]

    def hay(self) -> list[str]:
        """Per record, all its cells lowercased and joined: what the search looks in."""
        if self._hay is None:
            self.index()
        assert self._hay is not None
        return self._hay

    def matching(self, criteria: Criteria) -> list[int]:
        """Record indices, in the sorted order, that pass every filter."""
        c, found = criteria, self.order
        high = c.end or "9999"
        if (c.start or c.end) and self._day_order:  # rows in date order: a slice
            found = found[
                bisect.bisect_left(self.day, c.start) : bisect.bisect_right(self.day, high)
            ]
        elif c.start or c.end:
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
        if self._columns is None:
            self.index()
        assert self._columns is not None
        keys = [text.lower() for text in self._columns[column]]
        self._day_order = False
        self.order = sorted(self.order, key=keys.__getitem__, reverse=descending)

    def distinct(self, column: int) -> list[str]:
        """The distinct non-empty values of a pick-list column (1 user, 2 host, 3 tool)."""
        return self.choices[column]
