"""Protection gaps from agent_state records: who, when, how long, why; in the panels'
overview and the audit report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.incident import IncidentEvent
from app.core.journal.record_body import AgentInfo
from app.core.journal.store import Journal
from app.core.review.audit_report import ReportInput, build_html
from app.core.review.gaps import Gap, device_gaps, length, protection_gaps, rows
from app.core.review.overview import overview
from app.core.review.reader import read_central
from app.core.review.table import IncidentTable

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _at(minutes: float) -> str:
    return (
        (T0 + timedelta(minutes=minutes)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def _device(*events: tuple[float, str, str | None], device: str = "d1") -> list[dict[str, Any]]:
    """Records in seq order from (minute, kind, state) triples."""
    return [
        {"device_id": device, "seq": seq, "time": _at(minute), "kind": kind, "state": state,
         "host": f"HOST-{device}", "user": "alice"}
        for seq, (minute, kind, state) in enumerate(events, start=1)
    ]  # fmt: skip


def test_each_opening_state_until_the_next_start_or_resume() -> None:
    records = _device(
        (0, "agent_state", "started"),
        (10, "agent_state", "paused"),
        (25, "agent_state", "resumed"),
        (30, "heartbeat", None),
        (40, "agent_state", "quit"),
        (50, "agent_state", "started"),
        (60, "agent_state", "os_shutdown"),
        (90, "agent_state", "started"),
        (95, "agent_state", "stopped"),
    )
    gaps = device_gaps(records)
    assert [(g.cause, g.start, g.end) for g in gaps] == [
        ("paused", _at(10), _at(25)),
        ("quit", _at(40), _at(50)),
        ("os_shutdown", _at(60), _at(90)),
        ("stopped", _at(95), None),  # still open
    ]
    assert gaps[0].seconds(T0) == 15 * 60
    assert gaps[-1].seconds(T0 + timedelta(minutes=100)) == 5 * 60


def test_an_unclean_end_opens_at_the_record_before_it() -> None:
    records = _device(
        (0, "agent_state", "started"),
        (5, "incident", None),
        (20, "heartbeat", None),  # the old run's last sign of life
        (300, "agent_state", "unclean_end"),  # journaled at the next start
        (300.01, "agent_state", "started"),
    )
    (gap,) = device_gaps(records)
    assert (gap.cause, gap.start, gap.end) == ("unclean_end", _at(20), _at(300.01))


def test_repeats_and_strays_make_one_gap_and_other_states_none() -> None:
    records = _device(
        (0, "agent_state", "resumed"),  # nothing open: ignored
        (1, "agent_state", "paused"),
        (2, "agent_state", "pause_limit_reached"),  # neither opens nor closes
        (3, "agent_state", "quit"),  # already open: the gap started at the pause
        (9, "agent_state", "started"),
        (10, "agent_state", "policy_changed"),
    )
    assert [(g.cause, g.start, g.end) for g in device_gaps(records)] == [("paused", _at(1), _at(9))]


def test_each_workstation_on_its_own_and_sorted_by_start() -> None:
    first = _device((0, "agent_state", "paused"), (30, "agent_state", "resumed"), device="a")
    second = _device((5, "agent_state", "stopped"), device="b")
    gaps = protection_gaps([second, first])
    assert [(g.device_id, g.end) for g in gaps] == [("a", _at(30)), ("b", None)]
    table = rows(gaps, T0 + timedelta(hours=2, minutes=5))
    assert table[0] == ("HOST-a", "alice", "2026-03-02 08:00", "2026-03-02 08:30", "30 min",
                        "paused by the user")  # fmt: skip
    assert table[1][3:5] == ("still open", "2 h 00 min")


def test_length_wording() -> None:
    assert [length(s) for s in (30, 60, 3600 + 300, 2 * 86400 + 7200)] == [
        "30 s", "1 min", "1 h 05 min", "2 d 2 h"
    ]  # fmt: skip
    assert Gap("d", "h", "u", _at(0), None, "paused").seconds(T0 - timedelta(hours=1)) == 0


def test_gaps_in_the_overview_and_the_report(tmp_path: Path) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    times = iter(T0 + timedelta(minutes=m) for m in (0, 10, 70, 80))
    journal = Journal(tmp_path / "j.sqlite3", AgentInfo("bob", "EXAM-9", "t"), lambda: next(times))
    for state in ("started", "paused", "resumed", "stopped"):
        journal.record(IncidentEvent(kind="agent_state", state=state))
    assert sync_once(journal, LocalFS(central)).ok
    review = read_central(LocalFS(central), now=T0 + timedelta(hours=2))
    now = T0 + timedelta(minutes=100)
    shown = overview(review, IncidentTable(review.records, {}, review.columns), {}, now)
    assert shown.gaps == [
        ("EXAM-9", "bob", "2026-03-02 08:10", "2026-03-02 09:10", "1 h 00 min",
         "paused by the user"),
        ("EXAM-9", "bob", "2026-03-02 09:20", "still open", "20 min", "stopped"),
    ]  # fmt: skip
    html = build_html(ReportInput(review, {}, date(2026, 3, 1), date(2026, 3, 31), generated=now))
    assert "<h2>Protection gaps</h2>" in html and "paused by the user" in html
    assert "1 h 00 min" in html and "still open" in html
    empty = build_html(ReportInput(review, {}, date(2026, 4, 1), date(2026, 4, 30), generated=now))
    assert "<h2>Protection gaps</h2><p>None.</p>" not in html
    assert "still open" in empty  # a gap still open reaches into every later period
