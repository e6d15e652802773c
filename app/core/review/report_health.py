"""The audit report's health sections: workstation coverage, protection gaps and chain
verification, as HTML in the language in use (app.core.i18n). Qt-free; part of
app.core.audit_report, which lays out the whole report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from app.core.i18n import N_, _, ngettext
from app.core.review import gaps as gaps
from app.core.review import stats as stats
from app.core.review.browsers import browser_protection, protection_text
from app.core.review.display_text import html_text as escape
from app.core.review.local_time import day_start_utc, local_text
from app.core.review.reader import Review
from app.core.review.report_html import table, tag

if TYPE_CHECKING:
    from app.core.review.audit_report import ReportInput

_COVERAGE_HEAD = (
    N_("Workstation"),
    N_("Records"),
    N_("Last heard"),
    N_("Policy"),
    N_("Now"),
    N_("Browser protection"),
    N_("Silent periods"),
)


def coverage_section(data: ReportInput) -> str:
    """Per workstation: records, last heard, policy, silent or reporting, browser
    protection and its silent periods in the report's period."""
    records = stats.in_range(data.review.records, data.start, data.end)
    silent = stats.silent_periods(records, data.heartbeat_minutes)
    hosts = host_names(data.review.records)
    browsers = browser_protection(gaps.by_device(data.review.records))
    rows = []
    for device in sorted(data.review.devices.values(), key=lambda d: hosts.get(d.device_id, "")):
        host = hosts.get(device.device_id, device.device_id)
        spans = silent.get(host, [])
        text = "; ".join(_span(a, b) for a, b in spans[:5]) or _("none")
        if len(spans) > 5:
            more = len(spans) - 5
            text += ngettext("; and {count} more", "; and {count} more", more).format(count=more)
        last = _minute(device.last_time) if device.last_time else _("never")
        rows.append(
            (
                host,
                device.records,
                last,
                device.policy_version or _("unknown"),
                _("SILENT") if device.silent else _("reporting"),
                protection_text(browsers, device.device_id),
                text,
            )
        )
    head = tuple(map(_, _COVERAGE_HEAD))
    return tag("h2", _("Workstation coverage")) + table(head, rows)


def gaps_section(data: ReportInput) -> str:
    """The protection gaps that overlap the period (paused, quit, stopped, killed)."""
    found = gaps.in_period(
        gaps.protection_gaps(gaps.by_device(data.review.records)),
        day_start_utc(data.start),
        day_start_utc(data.end + timedelta(days=1)),
    )
    rows = gaps.rows(found, data.generated)
    body = table(tuple(map(_, gaps.HEADERS)), rows) if rows else tag("p", _("None."))
    return tag("h2", _("Protection gaps")) + body


def chain_section(review: Review) -> str:
    """Verified, or the problems the reader found (altered, removed or missing records)."""
    if not review.problems:
        verified = _(
            "every workstation's records are complete and unaltered (digests, links and "
            "anchored heads checked)."
        )
        label = tag("b", _("Verified:"))
        return tag("h2", _("Chain verification")) + f"<p>{label} {escape(verified)}</p>"
    items = "".join(f"<li>{escape(p)}</li>" for p in review.problems)
    problems = _("PROBLEMS FOUND:")
    count = len(review.problems)
    found = ngettext(
        "records were altered, removed or are missing ({count} problem).",
        "records were altered, removed or are missing ({count} problems).",
        count,
    ).format(count=count)
    return (
        tag("h2", _("Chain verification"))
        + f"<p>{tag('b', problems)} {escape(found)}</p><ul>{items}</ul>"
    )


def _span(start: str, end: str) -> str:
    return _("{start} to {end}").format(start=_minute(start), end=_minute(end))


def _minute(stamp: str) -> str:
    return local_text(stamp, seconds=False)


def host_names(records: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """device_id → the host name its latest record shows."""
    return {str(r["device_id"]): str(r.get("host") or r["device_id"]) for r in records}
