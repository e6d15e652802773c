"""Counts the review window and the audit report share: periods, trends, tools, types. Qt-free.

Records are the reader's dicts (DESIGN.md §6); times are UTC ISO strings ending in "Z".
Rolling periods (the last 7 days) compare them as text; dates, months and weeks are the
computer's local ones (app.core.review.local_time), as the window and the report show times.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.core.i18n import _
from app.core.review import labels
from app.core.review.annotations import Annotation
from app.core.review.labels import ACTION_LABELS
from app.core.review.local_time import local_days

Record = Mapping[str, Any]
# What the office manager counts first, in the words the window and the report use.
HEADLINE = {action: ACTION_LABELS[action] for action in labels.HEADLINE}


def incidents(records: Iterable[Record]) -> list[Record]:
    """Only decisions (not heartbeats or agent states)."""
    return [r for r in records if r.get("kind") == "incident"]


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


def in_range(records: Iterable[Record], start: date | None, end: date | None) -> list[Record]:
    """Records whose local date is within [start, end] (either side open when None)."""
    found = list(records)
    low = start.isoformat() if start else ""
    high = end.isoformat() if end else "9999"
    days = local_days([str(r.get("time", "")) for r in found])
    return [r for r, day in zip(found, days, strict=True) if low <= day <= high]


@dataclass(frozen=True)
class Trend:
    """One headline count now and in the period before, for an arrow and a delta."""

    label: str
    current: int
    previous: int

    @property
    def arrow(self) -> str:
        if self.current == self.previous:
            return "→"
        return "↑" if self.current > self.previous else "↓"

    def text(self) -> str:
        delta = self.current - self.previous
        return _("{now} {arrow} ({delta} vs {before})").format(
            now=self.current, arrow=self.arrow, delta=f"{delta:+d}", before=self.previous
        )


def trends(records: Sequence[Record], now: datetime, days: int) -> list[Trend]:
    """Headline counts in the last `days` days against the `days` before them."""
    now = now.astimezone(UTC)
    cut = (now - timedelta(days=days)).isoformat()[:19]
    before = (now - timedelta(days=2 * days)).isoformat()[:19]
    current: Counter[str] = Counter()
    previous: Counter[str] = Counter()
    for record in incidents(records):
        when = str(record.get("time", ""))[:19]
        if when >= cut:
            current[str(record.get("action"))] += 1
        elif when >= before:
            previous[str(record.get("action"))] += 1
    return [Trend(_(label), current[a], previous[a]) for a, label in HEADLINE.items()]


def by_tool(records: Iterable[Record]) -> list[tuple[str, int]]:
    """Incidents per tool id, most first."""
    counts = Counter(str((r.get("tool") or {}).get("id") or "unknown") for r in incidents(records))
    return counts.most_common()


def by_type(records: Iterable[Record]) -> list[tuple[str, int]]:
    """Incidents per identifier type (an incident with two types counts for both)."""
    counts: Counter[str] = Counter()
    for record in incidents(records):
        # Each type once, in the record's order: a set's order changes from process to
        # process, and with it the order of equal counts.
        counts.update(list(dict.fromkeys(str(d["type"]) for d in record.get("detections") or [])))
    return counts.most_common()


def by_month(records: Iterable[Record]) -> list[tuple[str, dict[str, int]]]:
    """Per YYYY-MM, the count of each action, oldest month first."""
    months: dict[str, Counter[str]] = defaultdict(Counter)
    found = incidents(records)
    days = local_days([str(r.get("time", "")) for r in found])
    for record, day in zip(found, days, strict=True):
        months[day[:7]][str(record.get("action"))] += 1
    return [(m, dict(months[m])) for m in sorted(months)]


@dataclass
class FalseAlarmGroup:
    """False alarms for one identifier type: what IT looks at to tune the allow-list."""

    type: str
    reports: int = 0
    tools: Counter[str] = field(default_factory=Counter)
    devices: set[str] = field(default_factory=set)


def false_alarms(
    records: Iterable[Record], annotations: Mapping[tuple[str, int], Annotation]
) -> list[FalseAlarmGroup]:
    """Staff false-alarm reports plus records a reviewer judged a false alarm, by type."""
    groups: dict[str, FalseAlarmGroup] = {}
    for record in incidents(records):
        note = annotations.get((str(record.get("device_id")), int(record.get("seq", 0))))
        judged = note is not None and note.outcome == "false_alarm"
        if record.get("action") != "false_alarm_reported" and not judged:
            continue
        for detection in record.get("detections") or []:
            group = groups.setdefault(str(detection["type"]), FalseAlarmGroup(detection["type"]))
            group.reports += 1
            group.tools[str((record.get("tool") or {}).get("id") or "unknown")] += 1
            group.devices.add(str(record.get("host") or record.get("device_id")))
    return sorted(groups.values(), key=lambda g: (-g.reports, g.type))


def silent_periods(
    records: Iterable[Record], heartbeat_minutes: int, end: datetime | None = None
) -> dict[str, list[tuple[str, str]]]:
    """Per host, the stretches with nothing received for more than two heartbeat intervals."""
    limit = timedelta(minutes=2 * heartbeat_minutes)
    times: dict[str, list[str]] = defaultdict(list)
    for record in records:
        times[str(record.get("host") or record.get("device_id"))].append(str(record["time"]))
    gaps: dict[str, list[tuple[str, str]]] = {}
    for host, stamps in sorted(times.items()):
        ordered = sorted(stamps) + ([end.astimezone(UTC).isoformat()] if end else [])
        pairs = itertools.pairwise(ordered)
        gaps[host] = [(a, b) for a, b in pairs if parse_time(b) - parse_time(a) > limit]
    return gaps
