"""Keeps the journal moving while the tray runs: heartbeats, central sync, local pruning.

When the policy names a syslog receiver, each pass also runs the syslog sink
(app.core.central.syslog_sink) over the transport the tray injects, before the central sync;
pruning then waits for its cursor too. Its failures show as `problem` but back off the
timer only when there is no central folder (the central schedule never waits for it).

Runs on its own thread with its own Journal connection (the journal is safe across
connections), so the GUI thread never waits for a share. `poke()` after each recorded
decision or agent_state asks for a sync soon; otherwise it wakes every `interval_s`. Failures never
raise: they become `problem`, which the tray shows as a degraded state.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core import system
from app.core.central.sync import sync_once
from app.core.central.syslog_sink import (
    Connect,
    SyslogSettings,
    SyslogSink,
    reuse_sink,
    sent_through,
)
from app.core.journal.heartbeat import heartbeat_if_due
from app.core.journal.store import Journal, JournalError

log = logging.getLogger(__name__)


MAX_RETRY_S = 1800.0


def retry_delay(interval_s: float, failures: int) -> float:
    """The interval after success; after failures it doubles, up to 30 minutes."""
    if failures == 0:
        return interval_s
    return min(MAX_RETRY_S, interval_s * 2 ** (failures - 1))


@dataclass(frozen=True)
class KeeperSettings:
    """What the keeper needs from the policy in force (read again on every pass)."""

    central_folder: str | None
    heartbeat_minutes: int
    local_retention_days: int
    policy_version: int | None = None
    policy_signed: bool | None = None
    syslog: SyslogSettings | None = None


class JournalKeeper:
    """Heartbeat, sync and prune on a background thread; `run(stop)` is the thread body."""

    def __init__(
        self,
        journal_path: Path,
        settings: Callable[[], KeeperSettings],
        interval_s: float = 60.0,
        open_journal: Callable[[Path], Journal] = Journal,
        connect_syslog: Connect | None = None,
    ) -> None:
        self._path, self._settings, self._interval = journal_path, settings, interval_s
        self._open_journal = open_journal
        self._connect_syslog = connect_syslog
        self._syslog: SyslogSink | None = None
        self._wake = threading.Event()
        self.last_sync: datetime | None = None
        self.problem: str | None = None
        self.pending = 0

    def poke(self) -> None:
        """Ask for a pass soon (after a decision was recorded)."""
        self._wake.set()

    def run(self, stop: threading.Event) -> None:
        """Pass, then sleep until poked, the interval ends, or `stop` is set.

        After `stop` (set and poked at shutdown) one last pass runs, so the final
        agent_state record (stopped, quit, os_shutdown) reaches the central folder now,
        not at the next start; the caller bounds how long it waits for that.
        """
        failures = 0
        while not stop.is_set():
            failures = 0 if self.pass_once() else failures + 1
            self._wake.wait(retry_delay(self._interval, failures))
            self._wake.clear()
        self.pass_once()

    def pass_once(self) -> bool:
        """One heartbeat/sync/prune pass; True when nothing is left to do."""
        settings = self._settings()
        try:
            journal = self._open_journal(self._path)
        except JournalError as error:
            self.problem = f"journal unavailable: {error}"
            return False
        try:
            return self._pass(journal, settings)
        except (JournalError, OSError, ValueError) as error:
            self.problem = f"journal upkeep failed: {type(error).__name__}"
            log.warning("journal upkeep failed: %s", type(error).__name__)
            return False
        finally:
            journal.close()

    def _pass(self, journal: Journal, settings: KeeperSettings) -> bool:
        heartbeat_if_due(
            journal, settings.heartbeat_minutes, settings.policy_version, settings.policy_signed
        )
        syslog_problem = self._syslog_pass(journal, settings)
        if not settings.central_folder:
            self.problem, self.pending = syslog_problem, journal.pending()
            return syslog_problem is None
        result = sync_once(journal, system().open_central(settings.central_folder))
        self.pending = result.pending
        if result.ok:
            self.last_sync, self.problem = journal.clock(), syslog_problem
            held = sent_through(journal)[0] if settings.syslog else None
            journal.prune(settings.local_retention_days, also_sent_through=held)
            return True  # a failing syslog receiver must not slow the central schedule
        found = [*result.alerts, *result.squats, *([result.error] if result.error else [])]
        self.problem = "; ".join(found + ([syslog_problem] if syslog_problem else []))
        return False

    def _syslog_pass(self, journal: Journal, settings: KeeperSettings) -> str | None:
        """Send to the SIEM receiver, if the policy names one; the problem, if any."""
        if self._connect_syslog is None:
            return None if settings.syslog is None else "no syslog transport on this system"
        self._syslog = reuse_sink(self._syslog, settings.syslog, self._connect_syslog)
        return self._syslog.pass_once(journal).error if self._syslog else None
