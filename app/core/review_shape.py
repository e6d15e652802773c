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
_TIME_RE = re.compile(
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?Z"
)
_NONE = type(None)
_TEXT = {str, _NONE}
_NUMBER = {int, float}
_TOP_TEXT = ("kind", "action", "user", "host", "state", "enforcement", "chars_bucket")
_TOOL_TEXT = ("id", "category", "domain", "process")
# The fields this module judges (the reader reads them for every record).
SHAPED_FIELDS = ("time", *_TOP_TEXT, "tool", "detections", "policy", "justification")
MAX_SEQ = 2**63 - 1


def _types(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


def _got(values: Iterable[Mapping[str, Any]], key: str) -> list[Any]:
    return list(map(methodcaller("get", key), values))


def times_sound(times: Sequence[Any]) -> bool:
    """Every time a UTC timestamp as the journal writes it, on a real calendar day."""
    if not _types(times) <= {str} or not all(map(_TIME_RE.fullmatch, times)):
        return False
    try:  # the days are few: each checked once (the pattern lets 2026-02-31 through)
        for day in {t[:10] for t in times}:
            date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _dicts_or_none(values: Sequence[Any]) -> list[Mapping[str, Any]] | None:
    """The dict values, or None when any value is neither a dict nor None."""
    if not _types(values) <= {dict, _NONE}:
        return None
    return [v for v in values if v is not None]


def _texts(dicts: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> bool:
    return all(_types(_got(dicts, key)) <= _TEXT for key in keys)


def _detections_sound(values: Sequence[Any]) -> bool:
    if not _types(values) <= {list, _NONE}:
        return False
    found = list(itertools.chain.from_iterable(v for v in values if v))
    if not _types(found) <= {dict}:
        return False
    return (
        _types(_got(found, "type")) <= {str}
        and _types(_got(found, "count")) <= {int}
        and _types(_got(found, "max_score")) <= _NUMBER | {_NONE}
    )


def _nested_sound(values: Mapping[str, Sequence[Any]]) -> bool:
    tools = _dicts_or_none(values["tool"])
    policies = _dicts_or_none(values["policy"])
    reasons = _dicts_or_none(values["justification"])
    if tools is None or policies is None or reasons is None:
        return False
    return (
        _texts(tools, _TOOL_TEXT)
        and _types(_got(policies, "version")) <= {int, _NONE}
        and _types(_got(policies, "signed")) <= {bool, _NONE}
        and _texts(reasons, ("code", "text"))
        and _detections_sound(values["detections"])
    )


def columns_sound(values: Mapping[str, Sequence[Any]]) -> bool:
    """Whether every record whose SHAPED_FIELDS values these are has the shape the
    review reads (values as `record.get(field)` gives them)."""
    return (
        times_sound(values["time"])
        and all(_types(values[name]) <= _TEXT for name in _TOP_TEXT)
        and _nested_sound(values)
    )


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
