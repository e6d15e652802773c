"""Local times, the zone caption and local days, with the zone set through TZ."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from review_kit import use_zone

from app.core.review.local_time import (
    day_start_utc,
    local_days,
    local_text,
    local_times,
    zone_caption,
)
from app.core.review.stats import by_month, in_range

WINTER, SUMMER = "2026-01-15T03:30:00.000Z", "2026-07-15T03:30:00.000Z"


def test_new_york_times_move_with_daylight_saving(monkeypatch: pytest.MonkeyPatch) -> None:
    use_zone(monkeypatch, "America/New_York")
    assert local_times([WINTER, SUMMER]) == ["2026-01-14 22:30:00", "2026-07-14 23:30:00"]
    assert local_text(WINTER, seconds=False) == "2026-01-14 22:30"
    assert local_days([WINTER, SUMMER]) == ["2026-01-14", "2026-07-14"]
    caption = zone_caption(datetime(2026, 1, 20, tzinfo=UTC))
    assert caption.startswith("Times are in EST (UTC−05:00) / EDT (UTC−04:00)")


def test_a_zone_without_daylight_saving_is_named_once(monkeypatch: pytest.MonkeyPatch) -> None:
    use_zone(monkeypatch, "Asia/Kolkata")
    assert zone_caption(datetime(2026, 5, 1, tzinfo=UTC)) == "Times are in IST (UTC+05:30)"
    # A half-hour zone: the day turns at 18:30 UTC, inside an hour.
    stamps = ["2026-03-08T18:20:00Z", "2026-03-08T18:40:00Z", "2026-03-08T18:50:00Z"]
    assert local_days(stamps) == ["2026-03-08", "2026-03-09", "2026-03-09"]
    assert day_start_utc(date(2026, 3, 9)) == "2026-03-08T18:30:00.000Z"
    use_zone(monkeypatch, "UTC")
    assert zone_caption(datetime(2026, 5, 1, tzinfo=UTC)) == "Times are in UTC"


def test_a_turn_at_half_past_a_utc_hour(monkeypatch: pytest.MonkeyPatch) -> None:
    use_zone(monkeypatch, "America/St_Johns")  # NDT −02:30 → NST −03:30 at 04:30 UTC
    stamps = ["2026-11-01T04:20:00Z", "2026-11-01T04:40:00Z"]
    assert local_times(stamps) == ["2026-11-01 01:50:00", "2026-11-01 01:10:00"]


def test_forged_times_show_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    use_zone(monkeypatch, "Europe/Berlin")
    assert local_times(["<b>not a time</b>"]) == ["<b>not a time</b>"]
    assert local_days(["garbage-day-x"]) == ["garbage-da"]


def test_periods_and_months_are_local(monkeypatch: pytest.MonkeyPatch) -> None:
    use_zone(monkeypatch, "America/New_York")
    late = {"kind": "incident", "action": "blocked", "time": "2026-02-01T02:00:00.000Z"}
    assert in_range([late], date(2026, 1, 31), date(2026, 1, 31)) == [late]
    assert in_range([late], date(2026, 2, 1), None) == []
    assert by_month([late]) == [("2026-01", {"blocked": 1})]


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata", "America/St_Johns"])
def test_the_per_hour_shortcut_equals_converting_each_time(
    zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_zone(monkeypatch, zone)
    start = datetime(2026, 3, 1, tzinfo=UTC)
    stamps = [
        (start + timedelta(seconds=613 * i))
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
        for i in range(30_000)  # ~7 months: both daylight-saving turns
    ]
    stamps.insert(5, stamps[4][:13] + "<forged>")  # a known hour with a forged rest
    expected = [local_text(s) for s in stamps]
    assert local_times(stamps) == expected
    assert expected[5] == stamps[5][:19].replace("T", " ")
    one = datetime.fromisoformat(stamps[-1].replace("Z", "+00:00")).astimezone()
    assert expected[-1] == one.strftime("%Y-%m-%d %H:%M:%S")
