"""What a central record's fields must look like before the review reads them. Qt-free.

Anyone who can write the share can compute a record's digest, so a record whose digest
holds may still carry a time that is no time, a tool that is a list or a detection count
that is text. The reader rejects such a record as a per-line problem ("seq 7: field time
is not ...") instead of letting the table, the panels or the report trip over it later
and lose the whole read. The check runs a column at a time over a whole segment (sets of
types, in C) and the same function judges a single record, so both paths agree.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import methodcaller
from typing import Any

# How the journal writes time: UTC, seconds or fractions, "Z".
_TIME = (
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?Z"
)
# Every time of a segment in one match over the times joined by newlines: one C call
# instead of one per record (a time holding a newline changes the count, checked).
_TIMES_RE = re.compile(f"(?:{_TIME}\n)*{_TIME}", re.ASCII)
_NONE = type(None)
_SCORE = {int, float}
# The fields this module judges (the reader reads them for every record). Other fields
# are only ever shown as text (str() of whatever they hold), so any JSON value is safe.
SHAPED_FIELDS = ("time", "tool", "policy", "justification", "detections")
MAX_SEQ = 2**63 - 1


def _types(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


def times_sound(times: Sequence[Any]) -> bool:
    """Every time a UTC timestamp as the journal writes it, on a real calendar day."""
    if not times:
        return True
    if not _types(times) <= {str}:
        return False
    joined = "\n".join(times)
    if joined.count("\n") != len(times) - 1 or not _TIMES_RE.fullmatch(joined):
        return False
    try:  # the days are few: each checked once (the pattern lets 2026-02-31 through)
        for day in {t[:10] for t in times}:
            date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _detections_sound(values: Sequence[Any]) -> bool:
    """Lists (or nothing) of objects with a text type, a count and a numeric score: one
    pass (a missing key or a value that is no object raises, and is no match)."""
    if not _types(values) <= {list, _NONE}:
        return False
    try:
        kinds = {
            (d["type"].__class__, d["max_score"].__class__, d["count"].__class__)
            for found in values
            if found
            for d in found
        }
    except (KeyError, TypeError, IndexError):
        return False
    return all(t is str and s in _SCORE and c is int for t, s, c in kinds)


def columns_sound(values: Mapping[str, Sequence[Any]]) -> bool:
    """Whether every record whose SHAPED_FIELDS values these are has the shape the
    review reads (values as `record.get(field)` gives them): the objects are objects,
    a policy's version an integer (it is counted), a reason's parts text (they are
    joined), and detections as `_detections_sound` says."""
    if not times_sound(values["time"]):
        return False
    objects = {name: _types(values[name]) for name in ("tool", "policy", "justification")}
    if not all(kinds <= {dict, _NONE} for kinds in objects.values()):
        return False
    policies = [p for p in values["policy"] if p is not None]
    if not _types(map(methodcaller("get", "version"), policies)) <= {int, _NONE}:
        return False
    reasons = [r for r in values["justification"] if r is not None]
    parts = itertools.chain(*(map(methodcaller("get", k), reasons) for k in ("code", "text")))
    return _types(parts) <= {str, _NONE} and _detections_sound(values["detections"])


def record_problem(record: Mapping[str, Any]) -> str | None:
    """A short, PHI-free sentence when the record's shape is wrong, else None."""
    seq = record.get("seq")
    if type(seq) is not int or not 0 < seq <= MAX_SEQ:
        return "a record without a valid sequence number"
    if not times_sound([record.get("time")]):
        return f"seq {seq}: time is not a UTC timestamp"
    if not columns_sound({name: [record.get(name)] for name in SHAPED_FIELDS}):
        return f"seq {seq}: a field has the wrong type"
    return None
