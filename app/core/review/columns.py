"""Columns of the review table built a field at a time over 100,000 records. Qt-free.

Each function gives, for every record, exactly what the per-record expression in its
docstring gives (app.core.review.table.cells is the reference, and the tests compare
them), but reads the field with map() in C and only falls back to a Python expression
per record when a value is not the plain string a sound record holds. A pass over the
records costs a few milliseconds this way instead of tens.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import methodcaller
from typing import Any

from app.core.review.annotations import Annotation
from app.core.review.labels import action_label
from app.core.review.local_time import local_times
from app.core.review.record import type_counts

Records = Sequence[Mapping[str, Any]]
_EMPTY: Mapping[str, Any] = {}
_TYPE_OF = operator.itemgetter("type")
# The record fields the columns come from (the reader reads them while parsing).
RAW_FIELDS = ("device_id", "kind", "time", "action", "user", "host", "tool", "detections")


def field(records: Records, key: str, default: Any = None) -> list[Any]:
    """`record.get(key, default)` for each record."""
    return list(map(methodcaller("get", key, default), records))


def text(values: list[Any]) -> list[str]:
    """`str(value or "")` for each value, equal strings shared (see `shared`)."""
    if set(map(type, values)) <= {str}:
        return shared(values)
    return shared([str(v or "") for v in values])


def raw(values: list[Any]) -> list[Any]:
    """The values as they are; equal strings shared when all are strings (see `shared`)."""
    return shared(values) if set(map(type, values)) <= {str} else values


def kind_is(records: Records, kind: str) -> list[Mapping[str, Any]]:
    """The records whose `record.get("kind") == kind`, in order."""
    kinds = field(records, "kind")
    return list(itertools.compress(records, map(operator.eq, kinds, itertools.repeat(kind))))


def tool_ids(tools: Sequence[Any]) -> list[str]:
    """`str((tool or {}).get("id") or "")` for each record's `tool` value."""
    if set(map(type, tools)) <= {dict}:
        return text(field(tools, "id"))
    return [str((t or _EMPTY).get("id") or "") for t in tools]


def type_sets(detections: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Each record's identifier types, `tuple(d["type"] for d in detections or [])`."""
    # A nested map() "all in C" was no faster with detections and ~8x slower on the
    # empty ones heartbeats carry, so the plain comprehension stays.
    sets = [tuple(map(_TYPE_OF, found)) if found else () for found in detections]
    if set(map(type, itertools.chain.from_iterable(sets))) <= {str}:
        return shared(sets)
    return sets


def shared(values: list[Any]) -> list[Any]:
    """The values with each run of equal ones as one object (the first seen).

    Called while a segment's records are still in the CPU cache. Every later pass of
    the table and the panels (masks, sets, Counters, picks in time order) then touches
    a few hundred hot objects instead of 100,000 scattered ones: most of their cost was
    cache misses. Only for str and tuples of str, where equal means the same text
    (1, 1.0 and True are equal too, but read differently).
    """
    seen: dict[Any, Any] = {}
    return list(map(seen.setdefault, values, values))


@dataclass
class Columns:
    """Per record (same order as the records they were read from), what the table and
    the panels compare and count; `types` is None when a record's detections are not
    dicts with a type (whoever needs them then reads the records).
    """

    device_id: list[Any]
    kind: list[Any]
    time: list[str]  # str(record.get("time", ""))
    day: list[str]  # time[:10]
    action: list[Any]  # record.get("action")
    user: list[str]
    host: list[str]
    tool: list[str]  # the tool's id
    types: list[tuple[Any, ...]] | None

    def take(self, rows: Sequence[int]) -> Columns:
        """The given rows, in that order (list work: no record is read)."""
        return self._each(lambda values: list(map(values.__getitem__, rows)))

    def where(self, mask: Sequence[bool]) -> Columns:
        """The rows where `mask` is true, in order."""
        return self._each(lambda values: list(itertools.compress(values, mask)))

    def _each(self, pick: Callable[[list[Any]], list[Any]]) -> Columns:
        fields: dict[str, Any] = {n: None if v is None else pick(v) for n, v in vars(self).items()}
        return Columns(**fields)


def columns(values: Mapping[str, Sequence[Any]]) -> Columns:
    """The Columns of records, from each record's raw field values.

    `values` maps each of RAW_FIELDS to the records' values of that field (as
    `record.get(field)` gives them, "" for a missing time). Raises AttributeError on a
    tool that is not a dict, as `cells` would.
    """
    stamps = values["time"]
    stamps = stamps if set(map(type, stamps)) <= {str} else list(map(str, stamps))
    return Columns(
        device_id=list(values["device_id"]),
        kind=raw(list(values["kind"])),
        time=list(stamps),
        day=shared([t[:10] for t in stamps]),
        action=raw(list(values["action"])),
        user=text(list(values["user"])),
        host=text(list(values["host"])),
        tool=tool_ids(values["tool"]),
        types=_type_sets(values["detections"]),
    )


def _type_sets(detections: Sequence[Any]) -> list[tuple[Any, ...]] | None:
    try:
        return type_sets(detections)
    except (KeyError, TypeError, AttributeError):
        return None


def record_columns(records: Records) -> Columns:
    """`columns` read from the records one field at a time."""
    return columns({f: field(records, f, "" if f == "time" else None) for f in RAW_FIELDS})


def joined(parts: Sequence[Columns]) -> Columns:
    """Several records' Columns one after the other."""
    if not parts:
        return record_columns([])
    fields: dict[str, Any] = {}
    for name in vars(parts[0]):
        pieces = [getattr(part, name) for part in parts]
        missing = any(piece is None for piece in pieces)
        fields[name] = None if missing else list(itertools.chain.from_iterable(pieces))
    return Columns(**fields)


def action_labels(actions: list[Any]) -> list[str]:
    """`action_label(a)` for each action, one lookup per distinct value."""
    try:
        labels = {a: action_label(a) for a in set(actions)}
    except TypeError:  # an unhashable action (a forged record): one at a time
        return [action_label(a) for a in actions]
    return list(map(labels.__getitem__, actions))


def tool_names_shown(tools: list[str], names: Mapping[str, str]) -> list[str]:
    """`names.get(tool) or tool` for each tool id: its name when known, else the id."""
    shown = {tool: names.get(tool) or tool for tool in set(tools)}
    return list(map(shown.__getitem__, tools))


def identifiers(records: Records) -> list[str]:
    """app.core.review.record.type_counts of each record's detections.

    A comprehension, not map(): these run while the window is shown, and a 100,000-item
    map() is one C call that keeps the GIL from the GUI thread for tens of milliseconds.
    """
    return [type_counts(r.get("detections")) for r in records]


def justifications(records: Records) -> list[str]:
    """`" ".join(x for x in (why.get("code"), why.get("text")) if x)`, why = justification."""
    return [
        " ".join([x for x in (why.get("code"), why.get("text")) if x]) if why else ""
        for why in (r.get("justification") for r in records)
    ]


def follow_ups(records: Records, notes: Mapping[tuple[str, int], Annotation]) -> list[str]:
    """The follow-up cell: `f"{note.outcome_label}: {note.note}".rstrip(": ")` or ""."""
    if not notes:
        return [""] * len(records)
    devices = map(str, map(operator.itemgetter("device_id"), records))
    keys = zip(devices, map(int, map(operator.itemgetter("seq"), records)), strict=True)
    found = map(notes.get, keys)
    return [f"{n.outcome_label}: {n.note}".rstrip(": ") if n else "" for n in found]


def display_times(stamps: list[str]) -> list[str]:
    """`review_time.local_text(stamp)` for each time string (local, to the second)."""
    return local_times(stamps)
