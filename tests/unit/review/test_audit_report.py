"""The audit report's HTML: every section, totals, overrides with follow-up, coverage,
chain result and the no-PHI statement; staff text is escaped; no planted value."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from review_kit import PHI_NOTE, PLANTED, build_site
from test_annotations import scanner

from app.backends.central_folders import LocalFS
from app.core.review import report_html
from app.core.review.annotations import append_annotation, make_annotation, read_annotations
from app.core.review.audit_report import ReportInput, build_html
from app.core.review.reader import read_central
from app.core.review.stats import by_tool, by_type, false_alarms, trends

HEADINGS = (
    "HIPAA audit report", "Totals", "Policy versions", "Incidents per month",
    "Incidents by AI tool",
    "Incidents by identifier type", "Overrides", "False alarms by identifier type",
    "Workstation coverage", "Chain verification", "What this log does not contain",
)  # fmt: skip


def _report(tmp_path: Path) -> tuple[str, ReportInput]:
    site = build_site(tmp_path)
    fs = LocalFS(site.central)
    review = read_central(fs)
    override = next(r for r in review.records if r.get("action") == "overridden")
    append_annotation(
        fs, make_annotation(override, "no_disclosure", PHI_NOTE, scanner(), ("dana", "MGR-1"))
    )
    today = datetime.now(UTC).date()
    data = ReportInput(
        review, read_annotations(fs), today - timedelta(days=30), today, "Maple Clinic"
    )
    return build_html(data), data


def test_report_has_every_section_and_the_totals(tmp_path: Path) -> None:
    html, data = _report(tmp_path)
    for heading in HEADINGS:
        assert heading in html
    incidents = [r for r in data.review.records if r["kind"] == "incident"]
    assert f"<td>Total incidents</td><td>{len(incidents)}</td>" in html
    overrides = [r for r in incidents if r["action"] == "overridden"]
    assert f"Overrides ({len(overrides)})" in html
    assert "No disclosure: " in html and "Not yet reviewed" in html
    assert "Maple Clinic" in html and "BILLING-PC" in html and "SILENT" in html
    assert "PROBLEMS FOUND" in html and "edited (digest does not match" in html
    assert "no protected health information" in html


def test_report_contains_no_planted_value_and_escapes_staff_text(tmp_path: Path) -> None:
    html, _ = _report(tmp_path)
    assert all(value not in html for value in PLANTED)
    assert "&lt;NAME&gt;" in html and "<NAME>" not in html  # the justification placeholder


def test_an_empty_period_still_reports(tmp_path: Path) -> None:
    _, data = _report(tmp_path)
    data.start, data.end = date(2001, 1, 1), date(2001, 1, 31)
    html = build_html(data)
    assert "<td>Total incidents</td><td>0</td>" in html and "Overrides (0)" in html


def test_counts_trends_and_false_alarm_groups(tmp_path: Path) -> None:
    _, data = _report(tmp_path)
    records = data.review.records
    assert dict(by_tool(records))["chatgpt"] >= 1 and dict(by_type(records))["NAME"] >= 1
    week = {t.label: t for t in trends(records, datetime.now(UTC), 7)}
    blocked = week["Blocked, kept off the clipboard"]
    assert blocked.current >= 1 and blocked.arrow in "↑↓→"
    groups = {g.type: g for g in false_alarms(records, data.annotations)}
    assert groups["PHONE"].reports >= 3 and "claude" in groups["PHONE"].tools


def test_long_tables_are_split_into_aligned_pieces_with_the_same_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, data = _report(tmp_path)
    monkeypatch.setattr(report_html, "CHUNK_ROWS", 2)
    pieces = build_html(data)
    cell = re.compile(r"<t([dh])[^>]*>(.*?)</t[dh]>")
    assert cell.findall(pieces) == cell.findall(whole)  # same cells, same order
    overrides = pieces[pieces.index("<h2>Overrides") : pieces.index("<h2>False alarms")]
    tables = overrides.count("<table")
    assert tables > 1 and overrides.count("<th") == 7  # the header once
    assert overrides.count("width='") == 8 * tables  # 100% and each first row's 7 cells


def test_equal_counts_keep_the_order_the_records_give_whatever_the_process() -> None:
    """Ties read the same in the window's process and in the report writer's (a set's
    order would change with each process's string hashing)."""
    types = ("SSN", "MRN", "DATE", "NAME", "PHONE", "EMAIL", "ADDRESS", "ZIP")
    detections = [{"type": kind, "count": 1} for kind in types]
    records = [{"kind": "incident", "detections": detections}]
    assert by_type(records) == [(kind, 1) for kind in types]
