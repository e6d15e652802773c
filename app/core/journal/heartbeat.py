"""Heartbeats: proof of life every `heartbeat_minutes`, so a silent device stands out.

The reader flags a device with nothing for more than two intervals (stopped agent,
uninstalled, or the journal failing). The tray calls `heartbeat_if_due` on a timer; it
is cheap when nothing is due.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.core.journal.incident import IncidentEvent
from app.core.journal.store import Journal


def heartbeat_if_due(
    journal: Journal,
    minutes: int,
    policy_version: int | None = None,
    policy_signed: bool | None = None,
) -> bool:
    """Journal a heartbeat when the last one is `minutes` old (or missing); True if written."""
    now = journal.clock()
    last = journal.meta("last_heartbeat")
    if last is not None and now - datetime.fromisoformat(last) < timedelta(minutes=minutes):
        return False
    event = IncidentEvent(
        kind="heartbeat", policy_version=policy_version, policy_signed=policy_signed
    )
    journal.record(event)
    journal.set_meta("last_heartbeat", now.isoformat())
    return True
