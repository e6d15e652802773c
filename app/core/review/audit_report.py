"""The HIPAA audit report for a date range, as plain HTML (Qt-free; app.ui.report_render
turns it into a paginated PDF or a standalone HTML file).

Everything in it comes from the records' closed vocabularies (actions, tools, identifier
types and counts), the justification and follow-up texts (both scanned and redacted
before they were stored) and the reader's chain checks. Every value is HTML-escaped:
justification text is typed by staff. Charts are `<img>` sources the renderer supplies;
without them each bar chart falls back to a table of bars (app.core.review.report_html) and the
weekly chart to its table of numbers, so the HTML stands on its own. Times are local
(app.core.review.local_time), the zone named once under the header.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.core.review import gaps, stats
from app.core.review.annotations import Annotation
from app.core.review.browsers import browser_protection, protection_text
from app.core.review.display_text import html_text as escape
from app.core.review.display_text import visible
from app.core.review.labels import (
    ACTION_LABELS,
    ACTION_MEANINGS,
    action_label,
    builtin_tool_names,
    tool_label,
)
from app.core.review.local_time import day_start_utc, local, local_text, zone_caption
from app.core.review.reader import Review
from app.core.review.record import type_counts
from app.core.review.report_html import bars_section, table
from app.core.review.weeks import TITLE as WEEKS_TITLE
from app.core.review.weeks import Week, actions_shown, record_day_counts, weeks

NOT_CONTAINED = (
    "The log holds no protected health information: no clipboard text, no identifier "
    "values or parts or hashes of them, no window titles, no URL paths and no file names. "
    "It records which identifier types were found and how many, the AI tool (host name "
    "only), the decision, the staff member's sign-in name and workstation, and a "
    "justification whose free text was scanned and had any identifier replaced by its "
    "type. Typed text, drag-and-drop and pastes from phones are not observed."
)
CHART_NAMES = ("by_week", "by_tool", "by_type")


@dataclass
class ReportInput:
    """What the report is built from; `review` is the whole central folder as read."""

    review: Review
    annotations: Mapping[tuple[str, int], Annotation]
    start: date
    end: date
    organisation: str = "Unknown organisation"
    heartbeat_minutes: int = 60
    generated: datetime = field(default_factory=lambda: datetime.now(UTC))
    tool_names: Mapping[str, str] = field(default_factory=builtin_tool_names)  # id → name

    def period_records(self) -> list[Mapping[str, Any]]:
        return stats.in_range(self.review.records, self.start, self.end)


def chart_data(data: ReportInput) -> dict[str, list[tuple[str, int]]]:
    """The bars of each chart, so the renderer can draw them as images."""
    records = data.period_records()
    tools = [(tool_label(t, data.tool_names), n) for t, n in stats.by_tool(records)]
    bars = {"by_tool": tools, "by_type": stats.by_type(records)}
    # Names come from records: their controls spelled out before they are drawn.
    return {name: [(visible(str(n)), c) for n, c in found] for name, found in bars.items()}


def week_data(data: ReportInput) -> list[Week]:
    """The weekly chart's weeks: every week of the report's period."""
    return weeks(record_day_counts(data.period_records()), data.start, data.end)


def build_html(data: ReportInput, charts: Mapping[str, str] | None = None) -> str:
    """The whole report; `charts` maps a CHART_NAMES entry to an image source."""
    records = data.period_records()
    bars = chart_data(data)
    pictures = charts or {}
    sections = [
        _header(data),
        _weeks(week_data(data), pictures.get("by_week")),  # the trend first
        _summary(records),
        _policies(data, records),
        _months(records),
        bars_section(
            "Incidents by AI tool", "Tool", bars["by_tool"], (charts or {}).get("by_tool")
        ),
        bars_section(
            "Incidents by identifier type", "Type", bars["by_type"], (charts or {}).get("by_type")
        ),
        _overrides(records, data.annotations, data.tool_names),
        _false_alarms(records, data.annotations, data.tool_names),
        _coverage(data),
        _gaps(data),
        _chain(data.review),
        f"<h2>What this log does not contain</h2><p>{escape(NOT_CONTAINED)}</p>",
    ]
    style = "body{font-family:sans-serif;font-size:10pt} th{text-align:left} td,th{padding:2px}"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>HIPAA audit report</title><style>{style}</style></head><body>"
        + "\n".join(sections)
        + "</body></html>"
    )


def _header(data: ReportInput) -> str:
    made = local(data.generated).strftime("%Y-%m-%d %H:%M")
    return (
        "<h1>HIPAA audit report: AI tool paste protection</h1>"
        f"<p><b>Organisation:</b> {escape(data.organisation)}<br>"
        f"<b>Period:</b> {data.start.isoformat()} to {data.end.isoformat()}<br>"
        f"<b>Generated:</b> {made} by PasteWarden<br>"
        f"<b>Workstations:</b> {len(data.review.devices)}</p>"
        f"<p><b>{escape(zone_caption(data.generated))}.</b> Record files and exports keep UTC.</p>"
    )


def _summary(records: Sequence[Mapping[str, Any]]) -> str:
    found = stats.incidents(records)
    counts = dict.fromkeys(ACTION_LABELS, 0)
    for record in found:
        action = str(record.get("action"))
        counts[action] = counts.get(action, 0) + 1
    rows = [(action_label(action), n) for action, n in counts.items()]
    rows.append(("Total incidents", len(found)))
    meanings = "".join(
        f"<li><b>{escape(label)}</b>: {escape(ACTION_MEANINGS[action])}</li>"
        for action, label in ACTION_LABELS.items()
    )
    return (
        "<h2>Totals</h2>"
        + table(("Outcome", "Incidents"), rows)
        + f"<p>What each outcome means:</p><ul>{meanings}</ul>"
    )


def _weeks(found: Sequence[Week], src: str | None) -> str:
    """The weekly chart (or, without an image, only its table) and its numbers."""
    actions = actions_shown(found)
    picture = f"<p><img src='{escape(src)}' width='600'></p>" if src else ""
    rows = [(w.start.isoformat(), *(w.counts.get(a, 0) for a in actions), w.total) for w in found]
    head = ("Week of (Monday)", *map(action_label, actions), "All incidents")
    return f"<h2>{escape(WEEKS_TITLE)}</h2>{picture}" + table(head, rows)


def _policies(data: ReportInput, records: Sequence[Mapping[str, Any]]) -> str:
    seen = sorted({(r.get("policy") or {}).get("version") or 0 for r in records} - {0})
    now = sorted(data.review.policy_versions.items(), key=lambda kv: str(kv[0]))
    rows = [(str(v or "unknown"), n) for v, n in now]
    seen_text = ", ".join(str(v) for v in seen) or "none recorded"
    return (
        "<h2>Policy versions</h2>"
        f"<p>Versions seen in the period: {escape(seen_text)}.</p>"
        + table(("Version in force now", "Workstations"), rows)
    )


def _months(records: Sequence[Mapping[str, Any]]) -> str:
    keys = list(stats.HEADLINE)
    rows = [
        (month, *(c.get(k, 0) for k in keys), sum(c.values()))
        for month, c in stats.by_month(records)
    ]
    return "<h2>Incidents per month</h2>" + table(
        ("Month", *stats.HEADLINE.values(), "All incidents"), rows
    )


def _overrides(
    records: Sequence[Mapping[str, Any]],
    notes: Mapping[tuple[str, int], Annotation],
    names: Mapping[str, str],
) -> str:
    rows = []
    for r in stats.incidents(records):
        if r.get("action") != "overridden":
            continue
        why = r.get("justification") or {}
        note = notes.get((str(r["device_id"]), int(r["seq"])))
        follow = (
            f"{note.outcome_label}: {note.note} ({note.reviewer}, {note.time[:10]})"
            if note
            else "Not yet reviewed"
        )
        types = type_counts(r.get("detections"))
        tool = tool_label((r.get("tool") or {}).get("id"), names)
        rows.append(
            (
                local_text(str(r["time"]), seconds=False),
                r.get("user"),
                r.get("host"),
                tool,
                types,
                f"{why.get('code') or ''}: {why.get('text') or ''}",
                follow,
            )
        )
    head = (
        "Time",
        "User",
        "Workstation",
        "Tool",
        "Identifiers",
        "Justification",
        "Follow-up",
    )
    return f"<h2>Overrides ({len(rows)})</h2>" + table(head, rows)


def _false_alarms(
    records: Sequence[Mapping[str, Any]],
    notes: Mapping[tuple[str, int], Annotation],
    names: Mapping[str, str],
) -> str:
    groups = stats.false_alarms(records, notes)
    rows = [
        (
            g.type,
            g.reports,
            ", ".join(f"{tool_label(t, names)} {n}" for t, n in g.tools.most_common()),
            len(g.devices),
        )
        for g in groups
    ]
    return (
        "<h2>False alarms by identifier type</h2>"
        "<p>For IT: types that are often reported as false alarms are candidates for the "
        "policy's allow-list (detection.allow terms and staff names).</p>"
        + table(("Identifier type", "Reports", "Tools", "Workstations"), rows)
    )


def _coverage(data: ReportInput) -> str:
    records = stats.in_range(data.review.records, data.start, data.end)
    silent = stats.silent_periods(records, data.heartbeat_minutes)
    hosts = host_names(data.review.records)
    browsers = browser_protection(gaps.by_device(data.review.records))
    rows = []
    for device in sorted(data.review.devices.values(), key=lambda d: hosts.get(d.device_id, "")):
        host = hosts.get(device.device_id, device.device_id)
        spans = silent.get(host, [])
        text = "; ".join(f"{_minute(a)} to {_minute(b)}" for a, b in spans[:5]) or "none"
        if len(spans) > 5:
            text += f"; and {len(spans) - 5} more"
        last = _minute(device.last_time) if device.last_time else "never"
        rows.append(
            (
                host,
                device.records,
                last,
                device.policy_version or "unknown",
                "SILENT" if device.silent else "reporting",
                protection_text(browsers, device.device_id),
                text,
            )
        )
    head = (
        "Workstation",
        "Records",
        "Last heard",
        "Policy",
        "Now",
        "Browser protection",
        "Silent periods",
    )
    return "<h2>Workstation coverage</h2>" + table(head, rows)


def _gaps(data: ReportInput) -> str:
    found = gaps.in_period(
        gaps.protection_gaps(gaps.by_device(data.review.records)),
        day_start_utc(data.start),
        day_start_utc(data.end + timedelta(days=1)),
    )
    rows = gaps.rows(found, data.generated)
    return "<h2>Protection gaps</h2>" + (table(gaps.HEADERS, rows) if rows else "<p>None.</p>")


def _chain(review: Review) -> str:
    if not review.problems:
        return (
            "<h2>Chain verification</h2><p><b>Verified:</b> every workstation's records are "
            "complete and unaltered (digests, links and anchored heads checked).</p>"
        )
    items = "".join(f"<li>{escape(p)}</li>" for p in review.problems)
    return (
        "<h2>Chain verification</h2><p><b>PROBLEMS FOUND:</b> records were altered, removed "
        f"or are missing ({len(review.problems)} problem(s)).</p><ul>{items}</ul>"
    )


def _minute(stamp: str) -> str:
    return local_text(stamp, seconds=False)


def host_names(records: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """device_id → the host name its latest record shows."""
    return {str(r["device_id"]): str(r.get("host") or r["device_id"]) for r in records}
