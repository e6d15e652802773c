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
from datetime import UTC, date, datetime
from typing import Any

from app.core.i18n import N_, _, current
from app.core.review import stats
from app.core.review.annotations import Annotation
from app.core.review.display_text import html_text as escape
from app.core.review.display_text import visible
from app.core.review.labels import (
    ACTION_LABELS,
    action_label,
    action_meaning,
    builtin_tool_names,
    tool_label,
)
from app.core.review.local_time import local, local_text, zone_caption
from app.core.review.reader import Review
from app.core.review.record import ReadRecord
from app.core.review.report_health import chain_section, coverage_section, gaps_section
from app.core.review.report_html import bars_section, table, tag
from app.core.review.weeks import TITLE as WEEKS_TITLE
from app.core.review.weeks import Week, actions_shown, record_day_counts, weeks

NOT_CONTAINED = N_(
    "The log holds no protected health information: no clipboard text, no identifier "
    "values or parts or hashes of them, no window titles, no URL paths and no file names. "
    "It records which identifier types were found and how many, the AI tool (host name "
    "only), the decision, the staff member's sign-in name and workstation, and a "
    "justification whose free text was scanned and had any identifier replaced by its "
    "type. Typed text, drag-and-drop and pastes from phones are not observed."
)
CHART_NAMES = ("by_week", "by_tool", "by_type")
UNKNOWN_ORGANISATION = N_("Unknown organisation")
_OVERRIDE_HEAD = (
    N_("Time"),
    N_("User"),
    N_("Workstation"),
    N_("Tool"),
    N_("Identifiers"),
    N_("Justification"),
    N_("Follow-up"),
)
FALSE_ALARM_HEAD = (N_("Identifier type"), N_("Reports"), N_("Tools"), N_("Workstations"))


@dataclass
class ReportInput:
    """What the report is built from; `review` is the whole central folder as read."""

    review: Review
    annotations: Mapping[tuple[str, int], Annotation]
    start: date
    end: date
    organisation: str = UNKNOWN_ORGANISATION
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
            _("Incidents by AI tool"), _("Tool"), bars["by_tool"], pictures.get("by_tool")
        ),
        bars_section(
            _("Incidents by identifier type"), _("Type"), bars["by_type"], pictures.get("by_type")
        ),
        _overrides(records, data.annotations, data.tool_names),
        _false_alarms(records, data.annotations, data.tool_names),
        coverage_section(data),
        gaps_section(data),
        chain_section(data.review),
        tag("h2", _("What this log does not contain")) + tag("p", _(NOT_CONTAINED)),
    ]
    title = escape(_("HIPAA audit report"))
    style = "body{font-family:sans-serif;font-size:10pt} th{text-align:left} td,th{padding:2px}"
    return (
        f"<!DOCTYPE html><html lang='{current()}'><head><meta charset='utf-8'>"
        f"<title>{title}</title><style>{style}</style></head><body>"
        + "\n".join(sections)
        + "</body></html>"
    )


def _header(data: ReportInput) -> str:
    made = local(data.generated).strftime("%Y-%m-%d %H:%M")
    organisation = data.organisation
    if organisation in ("", UNKNOWN_ORGANISATION):
        organisation = _(UNKNOWN_ORGANISATION)
    period = _("{start} to {end}").format(start=data.start.isoformat(), end=data.end.isoformat())
    lines = (
        (_("Organisation:"), organisation),
        (_("Period:"), period),
        (_("Generated:"), _("{time} by PasteWarden").format(time=made)),
        (_("Workstations:"), str(len(data.review.devices))),
    )
    facts = "<br>".join(f"{tag('b', label)} {escape(value)}" for label, value in lines)
    zone = tag("b", zone_caption(data.generated) + ".")
    utc = _("Record files and exports keep UTC.")
    return (
        tag("h1", _("HIPAA audit report: AI tool paste protection"))
        + f"<p>{facts}</p><p>{zone} {escape(utc)}</p>"
    )


def _summary(records: Sequence[Mapping[str, Any]]) -> str:
    found = stats.incidents(records)
    counts = dict.fromkeys(ACTION_LABELS, 0)
    for record in found:
        action = str(record.get("action"))
        counts[action] = counts.get(action, 0) + 1
    rows = [(action_label(action), n) for action, n in counts.items()]
    rows.append((_("Total incidents"), len(found)))
    meanings = "".join(
        f"<li>{tag('b', action_label(action))}: {escape(action_meaning(action))}</li>"
        for action in ACTION_LABELS
    )
    return (
        tag("h2", _("Totals"))
        + table((_("Outcome"), _("Incidents")), rows)
        + tag("p", _("What each outcome means:"))
        + f"<ul>{meanings}</ul>"
    )


def _weeks(found: Sequence[Week], src: str | None) -> str:
    """The weekly chart (or, without an image, only its table) and its numbers."""
    actions = actions_shown(found)
    picture = f"<p><img src='{escape(src)}' width='600'></p>" if src else ""
    rows = [(w.start.isoformat(), *(w.counts.get(a, 0) for a in actions), w.total) for w in found]
    head = (_("Week of (Monday)"), *map(action_label, actions), _("All incidents"))
    return tag("h2", _(WEEKS_TITLE)) + picture + table(head, rows)


def _policies(data: ReportInput, records: Sequence[Mapping[str, Any]]) -> str:
    seen = sorted({ReadRecord.of(r).policy_version or 0 for r in records} - {0})
    now = sorted(data.review.policy_versions.items(), key=lambda kv: str(kv[0]))
    rows = [(str(v or _("unknown")), n) for v, n in now]
    seen_text = ", ".join(str(v) for v in seen) or _("none recorded")
    seen_line = _("Versions seen in the period: {versions}.").format(versions=seen_text)
    head = (_("Version in force now"), _("Workstations"))
    return tag("h2", _("Policy versions")) + tag("p", seen_line) + table(head, rows)


def _months(records: Sequence[Mapping[str, Any]]) -> str:
    keys = list(stats.HEADLINE)
    rows = [
        (month, *(c.get(k, 0) for k in keys), sum(c.values()))
        for month, c in stats.by_month(records)
    ]
    head = (_("Month"), *map(_, stats.HEADLINE.values()), _("All incidents"))
    return tag("h2", _("Incidents per month")) + table(head, rows)


def _overrides(
    records: Sequence[Mapping[str, Any]],
    notes: Mapping[tuple[str, int], Annotation],
    names: Mapping[str, str],
) -> str:
    rows = [
        _override_row(ReadRecord.of(r), notes, names)
        for r in stats.incidents(records)
        if r.get("action") == "overridden"
    ]
    head = tuple(map(_, _OVERRIDE_HEAD))
    return tag("h2", _("Overrides ({count})").format(count=len(rows))) + table(head, rows)


def _override_row(
    read: ReadRecord, notes: Mapping[tuple[str, int], Annotation], names: Mapping[str, str]
) -> tuple[Any, ...]:
    note = notes.get((str(read.get("device_id")), int(read.get("seq"))))
    follow = (
        f"{note.outcome_label}: {note.note} ({note.reviewer}, {note.time[:10]})"
        if note
        else _("Not yet reviewed")
    )
    return (
        local_text(read.time, seconds=False),
        read.get("user"),
        read.get("host"),
        tool_label(read.tool_id, names),
        read.type_counts(),
        f"{read.justification_code or ''}: {read.justification_text or ''}",
        follow,
    )


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
    intro = _(
        "For IT: types that are often reported as false alarms are candidates for the "
        "policy's allow-list (detection.allow terms and staff names)."
    )
    head = tuple(map(_, FALSE_ALARM_HEAD))
    return tag("h2", _("False alarms by identifier type")) + tag("p", intro) + table(head, rows)
