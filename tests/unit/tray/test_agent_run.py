"""How the last run ended and today's pauses, read back from real journal records.

A real Journal in a temp folder (with a test clock) writes the records, so the readers
are checked against the stored `pastewarden.incident/1` lines, not hand-made dicts.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.core.journal.agent_run import (
    pause_refusal,
    pauses_on_day,
    previous_run,
    record_time,
    refusal_message,
)
from app.core.journal.incident import IncidentEvent
from app.core.journal.key import DeviceKey
from app.core.journal.store import Journal
from app.core.protect.decision import PolicyView
from app.core.protect.policy_view import policy_view
from policy.loader import LoadResult
from policy.schema import Policy

KEY = DeviceKey(b"k" * 32, "memory")


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def journal(tmp_path: Path, clock: Clock) -> Journal:
    return Journal(tmp_path / "journal.sqlite3", clock=clock, key=KEY)


def state(j: Journal, value: str) -> None:
    j.record(IncidentEvent(kind="agent_state", state=value))


def heartbeat(j: Journal) -> None:
    j.record(IncidentEvent(kind="heartbeat"))


def test_empty_journal_is_a_clean_first_run(tmp_path: Path) -> None:
    found = previous_run(journal(tmp_path, Clock(datetime(2026, 3, 1, tzinfo=UTC))).records())
    assert found.clean and found.last_state is None and found.last_seq is None


@pytest.mark.parametrize("end", ["quit", "stopped", "os_shutdown"])
def test_a_run_that_recorded_its_end_is_clean(tmp_path: Path, end: str) -> None:
    j = journal(tmp_path, Clock(datetime(2026, 3, 1, 9, tzinfo=UTC)))
    for value in ("started", "paused", "resumed", end):
        state(j, value)
    found = previous_run(j.records())
    assert found.clean and found.last_state == end


@pytest.mark.parametrize("last", ["started", "paused", "resumed", "policy_changed", "unclean_end"])
def test_a_run_without_an_end_record_is_unclean_and_the_gap_starts_at_its_last_record(
    tmp_path: Path, last: str
) -> None:
    clock = Clock(datetime(2026, 3, 1, 9, tzinfo=UTC))
    j = journal(tmp_path, clock)
    state(j, "started")
    state(j, last)
    clock.now += timedelta(minutes=40)
    heartbeat(j)  # the run went on after its last agent_state record: the gap starts here
    found = previous_run(j.records())
    assert not found.clean and found.last_state == last
    assert found.last_seq == 3
    assert found.last_time is not None
    assert record_time({"time": found.last_time}) == clock.now


def test_a_sync_note_after_the_end_does_not_make_it_unclean(tmp_path: Path) -> None:
    j = journal(tmp_path, Clock(datetime(2026, 3, 1, 9, tzinfo=UTC)))
    for value in ("started", "stopped", "sync_failing", "syslog_failing", "sync_resumed"):
        state(j, value)  # the share was down at the last sync; `pastewarden sync` later
    state(j, "syslog_resumed")
    assert previous_run(j.records()).clean
    state(j, "started")
    state(j, "sync_failing")
    found = previous_run(j.records())
    assert not found.clean and found.last_state == "started" and found.last_seq == 8


def test_a_stop_followed_by_a_new_start_without_end_is_unclean(tmp_path: Path) -> None:
    j = journal(tmp_path, Clock(datetime(2026, 3, 1, 9, tzinfo=UTC)))
    for value in ("started", "stopped", "started"):
        state(j, value)
    assert not previous_run(j.records()).clean


def test_pauses_are_counted_on_the_local_day(tmp_path: Path) -> None:
    new_york = timezone(timedelta(hours=-5))
    clock = Clock(datetime(2026, 3, 2, 3, 30, tzinfo=UTC))  # 22:30 on 1 March in New York
    j = journal(tmp_path, clock)
    state(j, "paused")  # local 1 March
    clock.now = datetime(2026, 3, 2, 5, 30, tzinfo=UTC)  # 00:30 on 2 March local
    state(j, "paused")
    state(j, "resumed")
    state(j, "pause_limit_reached")
    clock.now = datetime(2026, 3, 2, 20, tzinfo=UTC)
    state(j, "paused")
    records = j.records()
    local_now = datetime(2026, 3, 2, 16, tzinfo=new_york)
    assert pauses_on_day(records, local_now) == 2
    assert pauses_on_day(records, datetime(2026, 3, 1, 23, tzinfo=new_york)) == 1
    assert pauses_on_day(records, datetime(2026, 3, 2, 16, tzinfo=UTC)) == 3  # all on 2 March UTC


def test_pause_refusal_rules() -> None:
    assert pause_refusal(True, 3, 0) is None
    assert pause_refusal(True, 3, 2) is None
    assert pause_refusal(True, 3, 3) == "limit_reached"
    assert pause_refusal(True, 0, 0) == "not_allowed"
    assert pause_refusal(False, 3, 0) == "not_allowed"


def test_refusal_messages_say_why() -> None:
    assert "3 times a day" in refusal_message("limit_reached", 3)
    assert "once a day" in refusal_message("limit_reached", 1)
    assert "policy does not allow" in refusal_message("not_allowed", 3)
    assert "could not be recorded" in refusal_message("not_recorded", 3)


def _view(agent: dict[str, int] | None, override: bool = True) -> PolicyView:
    data: dict[str, object] = {
        "schema": "pastewarden.policy/1",
        "version": 1,
        "organization": {"name": "Test Clinic"},
        "override": {"allowed": override},
    }
    if agent is not None:
        data["agent"] = agent
    return policy_view(LoadResult(Policy.model_validate(data), "managed", None, "unsigned"))


def test_policy_agent_keys_set_the_pause_limits() -> None:
    default = _view(None)
    assert (default.pause_allowed, default.pause_minutes, default.pauses_per_day) == (True, 15, 3)
    custom = _view({"pause_minutes": 5, "pauses_per_day": 1})
    assert (custom.pause_allowed, custom.pause_minutes, custom.pauses_per_day) == (True, 5, 1)
    assert _view({"pause_minutes": 0}).pause_allowed is False
    assert _view({"pauses_per_day": 0}).pause_allowed is False
    assert _view({"pause_minutes": 30}, override=False).pause_allowed is False


@pytest.mark.parametrize(
    "agent", [{"pause_minutes": -1}, {"pauses_per_day": 49}, {"pause_minutes": 241}, {"pause": 5}]
)
def test_policy_agent_keys_are_checked(agent: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        _view(agent)
