"""Incidents per week, by action, over a chosen period: the trend a manager reads first. Qt-free.

Weeks start on Monday and are the computer's local weeks (app.core.review.local_time), as the
window and the report show times. Every week of the period is listed, also the empty
ones, so a quiet week reads as a gap in the chart rather than disappearing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.core.i18n import N_, _
from app.core.review.labels import ACTION_LABELS
from app.core.review.local_time import local_days

TITLE = N_("Incidents per week, by action")


@dataclass(frozen=True)
class Week:
    """One Monday-to-Sunday week and its incidents per action value."""

    start: date
    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def label(self) -> str:
        """ "Jan 5": the week's Monday, in the language in use ("5 ene")."""
        month = _(_MONTHS[self.start.month - 1])
        return _("{month} {day}").format(month=month, day=self.start.day)


# Abbreviated month names (the chart's axis).
_MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def day_counts(days: Iterable[str], actions: Iterable[Any]) -> Counter[tuple[str, str]]:
    """(local day, action) → incidents, from the incident table's two columns."""
    return Counter(zip(days, map(str, actions), strict=True))


def record_day_counts(records: Sequence[Mapping[str, Any]]) -> Counter[tuple[str, str]]:
    """`day_counts` of incident records (the report reads records, not the table)."""
    found = [r for r in records if r.get("kind") == "incident"]
    return day_counts(
        local_days([str(r.get("time", "")) for r in found]), (r.get("action") for r in found)
    )


def weeks(counts: Mapping[tuple[str, str], int], start: date, end: date) -> list[Week]:
    """Every week from the one holding `start` to the one holding `end`, oldest first,
    with the incidents of the days within [start, end] (a forged day counts nowhere)."""
    first = start - timedelta(days=start.weekday())
    totals: dict[date, Counter[str]] = {}
    monday = first
    while monday <= end:
        totals[monday] = Counter()
        monday += timedelta(days=7)
    low, high = start.isoformat(), end.isoformat()
    for (day, action), n in counts.items():
        if not low <= day <= high:
            continue
        try:
            when = date.fromisoformat(day)
        except ValueError:
            continue
        totals[when - timedelta(days=when.weekday())][action] += n
    return [Week(monday, dict(c)) for monday, c in totals.items()]


def actions_shown(found: Sequence[Week]) -> list[str]:
    """The action values with incidents in these weeks: known ones in label order, then
    any other value (a forged record) in the order first seen."""
    seen = dict.fromkeys(a for week in found for a, n in week.counts.items() if n)
    return [a for a in ACTION_LABELS if a in seen] + [a for a in seen if a not in ACTION_LABELS]
