"""Tray state rules, status report and the dialog's wording (pure Python)."""

from __future__ import annotations

import json

import pytest
from tray_fakes import FailingSink, policy

from app.core.journal.incident import IncidentEvent
from app.core.journal.recent import RecentSink
from app.core.ports import MemoryIncidentSink
from app.core.protect.status import Facts, status_line, status_report, tray_state
from app.core.protect.wording import findings_sentence, type_phrase


def test_state_priorities() -> None:
    assert tray_state(Facts()) == "protecting"
    assert tray_state(Facts(journal_ok=False)) == "degraded"
    assert tray_state(Facts(window_limitation="Wayland")) == "degraded"
    assert tray_state(Facts(policy_problem="1 error")) == "degraded"
    assert tray_state(Facts(scans_incomplete=True)) == "degraded"
    assert tray_state(Facts(starting=True)) == "degraded"
    assert tray_state(Facts(paused=True, journal_ok=False)) == "paused"
    assert tray_state(Facts(blocked_just_now=True, paused=True)) == "blocked"
    assert "Journal problem" in status_line(Facts(journal_ok=False))


def test_findings_sentence() -> None:
    counts = {"NAME": 2, "DATE": 1, "HEALTH_PLAN_ID": 1}
    assert findings_sentence(counts) == (
        "2 names, 1 date tied to a person (such as a birth date), 1 Medicare or health plan number"
    )
    assert type_phrase("VIN_UNKNOWN", 2) == "2 other identifiers"
    assert type_phrase("EMAIL", 3) == "3 e-mail addresses"
    assert type_phrase("IP_ADDRESS", 2) == "2 IP addresses"
    assert type_phrase("LOCATION", 2) == "2 places below state level"
    assert type_phrase("HISTORY_YEAR", 2) == "2 years of past health events"


def test_status_report_is_json_and_keeps_only_stored_events() -> None:
    recent = RecentSink(MemoryIncidentSink(), keep=2)
    for state in ("started", "paused", "resumed"):
        recent.record(IncidentEvent(kind="agent_state", state=state))
    report = status_report(Facts(), policy(), "x11", recent.recent())
    assert [e["state"] for e in report["events"]] == ["paused", "resumed"]  # type: ignore[index, union-attr]
    assert json.loads(json.dumps(report))["state"] == "protecting"
    failing = RecentSink(FailingSink())
    with pytest.raises(OSError):
        failing.record(IncidentEvent(kind="agent_state", state="x"))
    assert failing.recent() == []


def test_status_report_carries_the_last_sync() -> None:
    assert status_report(Facts(), policy(), "x11", [])["last_sync"] is None
    synced = status_report(Facts(), policy(), "x11", [], last_sync="2026-11-23T19:00:00+00:00")
    assert synced["last_sync"] == "2026-11-23T19:00:00+00:00"
