"""Browser protection per workstation from its companion agent_state records: connected,
lost or never seen and since when (local time); in the panels' overview and the audit
report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from review_kit import state_workstation, use_zone

from app.backends.central_folders import LocalFS
from app.core.review.audit_report import ReportInput, build_html
from app.core.review.browsers import (
    BrowserProtection,
    browser_protection,
    device_protection,
    protection_text,
)
from app.core.review.overview import HEALTH_HEADERS, digests_checked, overview
from app.core.review.reader import read_central
from app.core.review.table import IncidentTable

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ON, OFF = "browser_companion_connected", "browser_companion_lost"


def _at(minutes: float) -> str:
    return (
        (T0 + timedelta(minutes=minutes)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def _device(*events: tuple[float, str, str | None], device: str = "d1") -> list[dict[str, Any]]:
    """Records in seq order from (minute, kind, state) triples."""
    return [
        {"device_id": device, "seq": seq, "time": _at(minute), "kind": kind, "state": state}
        for seq, (minute, kind, state) in enumerate(events, start=1)
    ]


def _states(*events: tuple[float, str]) -> list[dict[str, Any]]:
    return _device(*((minute, "agent_state", state) for minute, state in events))


def test_never_seen_without_companion_records() -> None:
    records = _device((0, "agent_state", "started"), (5, "heartbeat", None))
    assert device_protection(records) == BrowserProtection(0, None)
    assert device_protection([]).text() == "never seen"


def test_connected_since_its_connect_then_lost_since_its_loss() -> None:
    connected = _states((0, "started"), (2, ON), (30, "policy_changed"))
    assert device_protection(connected) == BrowserProtection(1, _at(2))
    assert device_protection(connected).text() == "companion connected since 2026-03-02 08:02"
    lost = connected + _states((45, OFF))
    assert device_protection(lost) == BrowserProtection(0, _at(45))
    assert device_protection(lost).text() == "companion lost since 2026-03-02 08:45"


def test_two_browsers_stay_connected_until_both_are_lost() -> None:
    records = _states((0, ON), (10, ON), (20, OFF))
    assert device_protection(records) == BrowserProtection(1, _at(0))  # one is still there
    assert device_protection(_states((0, ON), (10, ON))).text().endswith("(2 browsers)")
    assert device_protection(_states((0, ON), (10, ON), (20, OFF), (25, OFF))).since == _at(25)


def test_a_repeated_loss_keeps_the_first_time_and_a_lone_loss_counts() -> None:
    assert device_protection(_states((0, ON), (5, OFF), (9, OFF))) == BrowserProtection(0, _at(5))
    assert device_protection(_states((3, OFF))) == BrowserProtection(0, _at(3))


@pytest.mark.parametrize("end", ["quit", "stopped", "os_shutdown", "started"])
def test_the_end_of_the_tray_run_loses_its_companions(end: str) -> None:
    records = _states((0, ON), (30, end))
    assert device_protection(records) == BrowserProtection(0, _at(30))
    assert device_protection(records + _states((31, ON))) == BrowserProtection(1, _at(31))


def test_a_pause_keeps_the_companion_and_an_unclean_end_loses_it_at_the_last_sign() -> None:
    assert device_protection(_states((0, ON), (5, "paused"))) == BrowserProtection(1, _at(0))
    records = _device(
        (0, "agent_state", ON),
        (20, "heartbeat", None),  # the old run's last sign of life
        (300, "agent_state", "unclean_end"),
        (300.01, "agent_state", "started"),
    )
    assert device_protection(records) == BrowserProtection(0, _at(20))


def test_each_workstation_on_its_own_in_seq_order_and_local_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = _states((0, ON))
    second = _device((0, "agent_state", ON), (5, "agent_state", OFF), device="d2")
    found = browser_protection([first, second, []])
    assert found == {"d1": BrowserProtection(1, _at(0)), "d2": BrowserProtection(0, _at(5))}
    assert protection_text(found, "d3") == "never seen"
    use_zone(monkeypatch, "America/New_York")
    assert protection_text(found, "d2") == "companion lost since 2026-03-02 03:05"


def test_the_health_rows_and_the_report_show_it(tmp_path: Path) -> None:
    central = tmp_path / "central"
    for host, states in (
        ("WARD-1", ((0, "started"), (10, ON), (70, OFF))),
        ("WARD-2", ((0, "started"), (15, ON))),
        ("DESK-3", ((0, "started"),)),
    ):
        timed = [(T0 + timedelta(minutes=m), state) for m, state in states]
        state_workstation(tmp_path, central, host, timed)
    now = T0 + timedelta(minutes=100)
    review = read_central(LocalFS(central), now=now, check_digests=False)
    table = IncidentTable(review.records, {}, review.columns)
    shown = overview(review, table, {}, now)
    column = HEALTH_HEADERS.index("Browser protection")
    cells = {row[0]: row[column] for row in shown.health}
    assert cells == {
        "WARD-1": "companion lost since 2026-03-02 09:10",
        "WARD-2": "companion connected since 2026-03-02 08:15",
        "DESK-3": "never seen",
    }
    assert review.check_digests()
    checked = digests_checked(shown, review)
    assert {row[0]: row[column] for row in checked.health} == cells
    html = build_html(ReportInput(review, {}, date(2026, 3, 1), date(2026, 3, 31), generated=now))
    coverage = html[html.index("<h2>Workstation coverage</h2>") : html.index("<h2>Protection")]
    assert "Browser protection" in coverage
    assert all(text in coverage for text in cells.values())
