"""Weekly buckets for the trend chart: Monday weeks, local days, every week of the period."""

from __future__ import annotations

from datetime import date

import pytest
from review_kit import use_zone

from app.core.review.weeks import Week, actions_shown, day_counts, record_day_counts, weeks


def test_every_week_of_the_period_listed_with_its_actions() -> None:
    counts = day_counts(
        ["2026-01-05", "2026-01-11", "2026-01-12", "2026-01-27", "2026-01-27"],
        ["blocked", "overridden", "blocked", "blocked", "false_alarm_reported"],
    )
    found = weeks(counts, date(2026, 1, 7), date(2026, 1, 28))  # a Wednesday to a Wednesday
    assert [w.start for w in found] == [date(2026, 1, d) for d in (5, 12, 19, 26)]
    assert [w.total for w in found] == [1, 1, 0, 2]  # Jan 5 is before the period
    assert found[0].counts == {"overridden": 1} and found[2].counts == {}
    assert found[3].counts == {"blocked": 1, "false_alarm_reported": 1}
    assert [w.label for w in found] == ["Jan 5", "Jan 12", "Jan 19", "Jan 26"]


def test_forged_days_and_unknown_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = day_counts(["2026-01-05", "2026-01-0x", "2026-01-06"], ["made<up>", "blocked", 3])
    found = weeks(counts, date(2026, 1, 1), date(2026, 1, 10))
    assert sum(w.total for w in found) == 2  # the forged day counts nowhere
    assert actions_shown(found) == ["made<up>", "3"]
    known = [Week(date(2026, 1, 5), {"overridden": 1, "x": 1, "blocked": 2})]
    assert actions_shown(known) == ["blocked", "overridden", "x"]  # label order, then others


def test_records_are_bucketed_by_local_week(monkeypatch: pytest.MonkeyPatch) -> None:
    use_zone(monkeypatch, "America/Los_Angeles")
    # Monday 02:00 UTC is still Sunday evening in Los Angeles: the week before.
    records = [
        {"kind": "incident", "action": "blocked", "time": "2026-01-12T02:00:00.000Z"},
        {"kind": "heartbeat", "time": "2026-01-12T03:00:00.000Z"},
    ]
    found = weeks(record_day_counts(records), date(2026, 1, 5), date(2026, 1, 18))
    assert [(w.start, w.total) for w in found] == [(date(2026, 1, 5), 1), (date(2026, 1, 12), 0)]
