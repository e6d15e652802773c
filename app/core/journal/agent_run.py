"""The tray's own lifecycle in the journal: how the last run ended, and today's pauses.

Both answers are read back from the journal's agent_state records, never from a counter
a user could edit on the side:
- at start, the previous run ended cleanly when its last agent_state record (sync notes
  aside) is `quit`, `stopped` or `os_shutdown`; anything else (a SIGKILL, a crash, power
  loss) is an unclean end, journaled as `unclean_end` just before `started`. The
  protection gap runs from the journal's last record (of any kind) to the new start;
- the pauses taken today are the `paused` records whose time falls on the local day.
Pure functions over record dicts (`pastewarden.incident/1`): no Qt, no OS calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from app.core.i18n import _, ngettext

# The agent_state values of the tray's lifecycle (the review lists gaps from these).
STARTED, PAUSED, RESUMED = "started", "paused", "resumed"
QUIT, STOPPED, OS_SHUTDOWN = "quit", "stopped", "os_shutdown"
UNCLEAN_END, PAUSE_LIMIT_REACHED = "unclean_end", "pause_limit_reached"
CLEAN_ENDS = frozenset({QUIT, STOPPED, OS_SHUTDOWN})
# Written by any sync (the tray's keeper after a stop, or `pastewarden sync` while the tray
# is not running): they say nothing about how the tray's run ended.
SYNC_NOTES = frozenset(
    {"sync_failing", "sync_resumed", "sync_squatted", "syslog_failing", "syslog_resumed"}
)
EndReason = Literal["quit", "stopped", "os_shutdown"]

PauseRefusal = Literal["not_allowed", "limit_reached", "not_recorded"]

Record = Mapping[str, Any]


@dataclass(frozen=True)
class PreviousRun:
    """How the last run of this device ended, as far as the journal says."""

    clean: bool
    last_state: str | None  # the last agent_state value, None when there is none
    last_seq: int | None  # the previous run's last record (any kind): where the gap starts
    last_time: str | None


def previous_run(records: Iterable[Record]) -> PreviousRun:
    """Read the journal (oldest first). No agent_state at all counts as clean: a first run,
    or a journal whose older records were already pruned after reaching the central folder."""
    last_state: str | None = None
    last: Record | None = None
    for record in records:
        last = record
        if record.get("kind") == "agent_state" and record.get("state") not in SYNC_NOTES:
            last_state = record.get("state")
    clean = last_state is None or last_state in CLEAN_ENDS
    seq = int(last["seq"]) if last is not None else None
    return PreviousRun(clean, last_state, seq, str(last["time"]) if last else None)


def record_time(record: Record) -> datetime:
    """A record's UTC time as an aware datetime."""
    return datetime.fromisoformat(str(record["time"]).replace("Z", "+00:00"))


def pauses_on_day(records: Iterable[Record], now: datetime) -> int:
    """`paused` records on the local day of `now` (an aware datetime in the local zone)."""
    day, zone = now.date(), now.tzinfo
    return sum(
        1
        for record in records
        if record.get("kind") == "agent_state"
        and record.get("state") == PAUSED
        and record_time(record).astimezone(zone).date() == day
    )


def pause_refusal(allowed: bool, per_day: int, taken_today: int) -> PauseRefusal | None:
    """Why a pause is refused now, or None when it may start."""
    if not allowed or per_day <= 0:
        return "not_allowed"
    if taken_today >= per_day:
        return "limit_reached"
    return None


def refusal_message(refusal: PauseRefusal, per_day: int) -> str:
    """The tray's one-line answer to a refused pause (the office manager sees it too)."""
    if refusal == "limit_reached":
        return ngettext(
            "Protection can be paused once a day, and today's pause is used up. "
            "The office manager can see this request.",
            "Protection can be paused {count} times a day, and today's pauses are used up. "
            "The office manager can see this request.",
            per_day,
        ).format(count=per_day)
    if refusal == "not_recorded":
        return _("The pause could not be recorded in the incident journal, so protection stays on.")
    return _("Your organisation's policy does not allow pausing protection.")
