"""Data shown as data: control and bidi characters spelled out, markup escaped in
tooltips, and no CSV cell in any column that a spreadsheet would run as a formula,
whether written by `incidents export`, the window's export or write_derived."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.incident import Detection, IncidentEvent, Justification, ToolRef
from app.core.journal.record_body import AgentInfo
from app.core.journal.store import Journal
from app.core.review.display_text import csv_cell, tooltip_html, visible
from app.core.review.export import COLUMNS, to_csv
from app.core.review.reader import read_central, write_derived

FORMULAS = ("=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")')
_RUNS = ("=", "+", "-", "@", "\t", "\r", "\n")


def test_visible_spells_out_controls_bidi_and_zero_width() -> None:
    assert visible("exe.\u202etxt") == "exe.\\u202etxt"
    assert visible("a\x00b\x1b[31mc") == "a\\x00b\\x1b[31mc"
    assert visible("x\u2066y\u200bz\ufeff") == "x\\u2066y\\u200bz\\ufeff"
    assert visible("Café – 東京") == "Café – 東京"  # ordinary letters and dashes stay


def test_tooltip_html_shows_markup_literally() -> None:
    tip = tooltip_html("<img src='file:///x.png'><b>ok</b>\u202e")
    assert "<img" not in tip and "&lt;img src=&#x27;file:///x.png&#x27;&gt;" in tip
    assert "\\u202e" in tip and tip.startswith("<p")


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cell_quotes_every_formula(formula: str) -> None:
    cell = csv_cell(formula)
    assert cell.startswith("'") and not cell.startswith(_RUNS)
    assert csv_cell(-5) == "-5" and csv_cell(0.5) == "0.5" and csv_cell(None) == ""


def _everything(formula: str) -> dict[str, Any]:
    """A record whose every text field, nested ones too, is the formula."""
    return {
        **{name: formula for name in COLUMNS},
        "tool": {k: formula for k in ("id", "category", "domain", "process")},
        "policy": {"version": formula, "signed": formula},
        "detections": [{"type": formula, "count": formula, "max_score": formula}],
        "justification": {"code": formula, "text": formula},
    }


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_column_of_the_csv_runs_a_formula(formula: str) -> None:
    header, row = _rows(to_csv([_everything(formula)]))
    assert header == list(COLUMNS)
    assert len(row) == len(COLUMNS)
    for name, cell in zip(COLUMNS, row, strict=True):
        assert not cell.startswith(_RUNS), (name, cell)
        assert cell.startswith("'") or name == "check", (name, cell)  # check: ours, "ok"


@pytest.fixture
def forged_central(tmp_path: Path) -> Path:
    """A real journal whose user, host, tool, types and reason are formulas, synced."""
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    agent = AgentInfo(user="=cmd|' /C calc'!A0", host="+HOST", agent_version="@1")
    journal = Journal(tmp_path / "j.sqlite3", agent=agent)
    journal.record(
        IncidentEvent(
            kind="incident",
            action="overridden",
            enforcement="-quarantine",
            tool=ToolRef("=tool", "@cat", "-x.example", "+proc"),
            detections=(Detection("=TYPE", 1, 0.9),),
            justification=Justification("=code", "\tfor =SUM(1)"),
        )
    )
    assert sync_once(journal, LocalFS(central)).ok
    return central


def test_the_derived_incidents_csv_runs_no_formula(forged_central: Path) -> None:
    review = read_central(LocalFS(forged_central))
    assert len(review.records) == 1
    write_derived(LocalFS(forged_central), review)
    header, row = _rows((forged_central / "incidents.csv").read_bytes())
    cells = dict(zip(header, row, strict=True))
    for name, cell in cells.items():
        assert not cell.startswith(_RUNS), (name, cell)
    quoted = {name for name, cell in cells.items() if cell.startswith("'")}
    assert quoted >= {"user", "host", "tool_id", "tool_category", "tool_domain",
                      "tool_process", "detections", "justification_code",
                      "justification_text", "enforcement", "agent_version"}  # fmt: skip


def test_report_chart_names_have_their_controls_spelled_out() -> None:
    from datetime import date

    from app.core.review.audit_report import ReportInput, chart_data
    from app.core.review.reader import Review

    record = {
        "device_id": "d", "seq": 1, "time": "2026-03-02T10:00:00.000Z", "kind": "incident",
        "action": "blocked", "tool": {"id": "gpt\u202etxt.exe"},
        "detections": [{"type": "SSN\x00", "count": 1, "max_score": 0.9}],
    }  # fmt: skip
    bars = chart_data(ReportInput(Review([record], {}), {}, date(2026, 3, 1), date(2026, 3, 31)))
    assert bars["by_tool"] == [("gpt\\u202etxt.exe", 1)]
    assert bars["by_type"] == [("SSN\\x00", 1)]
