"""What the review window's panels show, computed once per load on the loader thread. Qt-free.

The summary (trends, incidents by tool and by type), the workstation health rows (browser
protection included: app.core.review.browsers) and verdict, the false-alarm groups and
the date range for the filters. Each equals what app.core.review.stats computes from the
records (the tests compare them), but reads the table's columns instead of the 100,000
records where it can, so the panels cost a few list passes and the GUI thread only
assigns the results.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from app.core.i18n import N_, _, ngettext
from app.core.review import stats
from app.core.review.annotations import Annotation
from app.core.review.browsers import NEVER, browser_protection, protection_text
from app.core.review.gaps import by_device, protection_gaps
from app.core.review.gaps import rows as gap_rows
from app.core.review.local_time import local_text
from app.core.review.reader import Review
from app.core.review.report_health import host_names
from app.core.review.table import IncidentTable
from app.core.review.weeks import day_counts

Notes = Mapping[tuple[str, int], Annotation]


@dataclass(frozen=True)
class Overview:
    """Everything the summary strip, the health and the false-alarm panels show."""

    week: list[stats.Trend]
    month: list[stats.Trend]
    by_tool: list[tuple[str, int]]
    by_type: list[tuple[str, int]]
    health: list[tuple[object, ...]]  # one row per workstation, HEALTH_HEADERS order
    verdict: str
    silent_hosts: list[str]
    problems: list[str]
    false_alarms: list[stats.FalseAlarmGroup]
    days: tuple[str, str] | None  # first and last incident day (local), for the date filters
    gaps: list[tuple[str, ...]]  # protection gaps, review_gaps.HEADERS order
    tool_names: dict[str, str] = field(default_factory=dict)  # tool id → name shown
    # (local day, action) → incidents: the weekly chart of any period the filters pick.
    day_counts: Mapping[tuple[str, str], int] = field(default_factory=dict)
    browsers: Mapping[str, str] = field(default_factory=dict)  # device_id → its health cell


HEALTH_HEADERS = (
    N_("Workstation"),
    N_("Records"),
    N_("Last heartbeat"),
    N_("Last record"),
    N_("Status"),
    N_("Policy version"),
    N_("Chain"),
    N_("Browser protection"),
)


def overview(review: Review, table: IncidentTable, notes: Notes, now: datetime) -> Overview:
    """The panels' content for one load."""
    hosts, beats = _hosts_and_beats(review)
    devices = per_device(review)
    found = browser_protection(devices)
    browsers = {device: protection_text(found, device) for device in review.devices}
    return Overview(
        week=trends(table, now, 7),
        month=trends(table, now, 30),
        by_tool=by_tool(table),
        by_type=by_type(table),
        health=_health_rows(review, hosts, beats, browsers),
        verdict=_verdict(review),
        silent_hosts=[hosts.get(d, d) for d in review.silent_devices],
        problems=review.problems,
        false_alarms=false_alarms(table, notes),
        days=(min(table.day), max(table.day)) if table.day else None,
        gaps=gap_rows(protection_gaps(devices), now),
        tool_names=table.tool_names,
        day_counts=day_counts(table.day, table.action),
        browsers=browsers,
    )


def per_device(review: Review) -> list[list[Mapping[str, Any]]]:
    """Each workstation's records in seq order (as the reader kept them, when it did)."""
    if review.stored:
        return [list(records) for records, _ in review.stored]
    return by_device(review.records)


def digests_checked(shown: Overview, review: Review) -> Overview:
    """`shown`, the overview of `review` before its digests were checked, once they hold.

    Only the chain cells of the health rows and the verdict depend on the check, so the
    trends, charts and false-alarm groups are not computed again.
    """
    hosts, beats = _hosts_and_beats(review)
    health = _health_rows(review, hosts, beats, shown.browsers)
    return replace(shown, health=health, verdict=_verdict(review))


def _verdict(review: Review) -> str:
    if review.problems:
        count = len(review.problems)
        return ngettext(
            "TAMPERED or incomplete: {count} problem",
            "TAMPERED or incomplete: {count} problems",
            count,
        ).format(count=count)
    if review.digests_pending:
        return _("Checking each record against its digest")
    return _("Chain verified: no gaps, no tampering")


def trends(table: IncidentTable, now: datetime, days: int) -> list[stats.Trend]:
    """stats.trends of the table's incidents; a bisection when the times are in order."""
    times = table.time
    if not all(map(operator.le, times, itertools.islice(times, 1, None))):
        return stats.trends(table.records, now, days)
    now = now.astimezone(UTC)
    # t[:19] >= cut exactly when t >= cut, as cut is 19 characters long.
    cut = bisect.bisect_left(times, (now - timedelta(days=days)).isoformat()[:19])
    before = bisect.bisect_left(times, (now - timedelta(days=2 * days)).isoformat()[:19])
    current = Counter(map(str, table.action[cut:]))
    previous = Counter(map(str, table.action[before:cut]))
    return [stats.Trend(_(label), current[a], previous[a]) for a, label in stats.HEADLINE.items()]


def by_tool(table: IncidentTable) -> list[tuple[str, int]]:
    """stats.by_tool: incidents per tool id ("unknown" for none), most first."""
    counts: Counter[str] = Counter()
    for tool, count in Counter(table.tool).items():  # first-seen order, as stats counts
        counts[tool or "unknown"] += count
    return counts.most_common()


def by_type(table: IncidentTable) -> list[tuple[str, int]]:
    """stats.by_type: incidents per identifier type, counted once per distinct type list."""
    if table.types is None:
        return stats.by_type(table.records)
    counts: Counter[str] = Counter()
    for types, count in Counter(table.types).items():
        for name in dict.fromkeys(map(str, types)):  # each type once per incident
            counts[name] += count
    return counts.most_common()


def false_alarms(table: IncidentTable, notes: Notes) -> list[stats.FalseAlarmGroup]:
    """stats.false_alarms over only the incidents that can count: reported or judged.

    With the types column, the (types, tool, host) of those incidents are counted first
    and each distinct combination added to the groups once, in first-seen order (the
    order stats.false_alarms adds them in, so ties in the tool counts read the same).
    """
    rows = _false_alarm_rows(table, notes)
    if table.types is None:
        return stats.false_alarms([table.records[row] for row in rows], notes)
    devices = table.columns.device_id
    combos = Counter(
        (table.types[row], table.tool[row] or "unknown", table.host[row] or str(devices[row]))
        for row in rows
    )
    groups: dict[str, stats.FalseAlarmGroup] = {}
    for (types, tool, host), count in combos.items():
        for kind in types:
            group = groups.setdefault(str(kind), stats.FalseAlarmGroup(kind))
            group.reports += count
            group.tools[tool] += count
            group.devices.add(host)
    return sorted(groups.values(), key=lambda g: (-g.reports, g.type))


def _false_alarm_rows(table: IncidentTable, notes: Notes) -> list[int]:
    """The incidents staff reported as false alarms or a reviewer judged one, in order."""
    reported = map(operator.eq, table.action, itertools.repeat("false_alarm_reported"))
    rows = set(itertools.compress(range(len(table)), reported))
    judged = {key for key, note in notes.items() if note.outcome == "false_alarm"}
    devices = {device for device, _ in judged}
    for row, device in enumerate(map(str, table.columns.device_id) if judged else ()):
        if device in devices and (device, int(table.records[row].get("seq", 0))) in judged:
            rows.add(row)
    return sorted(rows)


def _hosts_and_beats(review: Review) -> tuple[dict[str, str], dict[str, str]]:
    """device_id → its latest host name, and → the time of its latest heartbeat."""
    columns = review.columns
    if columns is None:
        beats = {
            str(r["device_id"]): str(r["time"])
            for r in review.records
            if r.get("kind") == "heartbeat"
        }
        return host_names(review.records), beats
    # The reader's device ids are the folder names (str), so no str() per record here.
    devices = columns.device_id
    latest = dict(zip(devices, columns.host, strict=True))  # the last record's wins
    hosts = {str(device): host or str(device) for device, host in latest.items()}
    heartbeats = list(map(operator.eq, columns.kind, itertools.repeat("heartbeat")))
    latest_beat = dict(
        zip(
            itertools.compress(devices, heartbeats),
            itertools.compress(columns.time, heartbeats),
            strict=True,
        )
    )
    return hosts, {str(device): time for device, time in latest_beat.items()}


def _health_rows(
    review: Review,
    hosts: Mapping[str, str],
    beats: Mapping[str, str],
    browsers: Mapping[str, str],
) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for d in sorted(review.devices.values(), key=lambda d: hosts.get(d.device_id, "")):
        rows.append(
            (
                hosts.get(d.device_id, d.device_id),
                d.records,
                when(beats.get(d.device_id)),
                when(d.last_time),
                _("SILENT") if d.silent else _("reporting"),
                d.policy_version or _("unknown"),
                _chain_status(d.problems, review.digests_pending),
                browsers.get(d.device_id) or _(NEVER),
            )
        )
    return rows


def _chain_status(problems: Sequence[str], digests_pending: bool) -> str:
    if problems:
        return ngettext("{count} problem", "{count} problems", len(problems)).format(
            count=len(problems)
        )
    return _("checking…") if digests_pending else _("verified")


def when(text: str | None) -> str:
    """A record's time as the panels show it: local, to the second ("never" for none)."""
    return local_text(text) if text else _("never")
