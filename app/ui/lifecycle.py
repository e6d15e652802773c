"""The tray's run from start to end, as the office manager sees it in the journal.

- start: `unclean_end` when the previous run left no quit/stopped/os_shutdown record
  (app.core.journal.agent_run), then `started`;
- end: `quit` (the user chose Quit), `os_shutdown` (the OS session or the machine is
  ending: Qt's commitDataRequest, the OS backend's announcement, or a SIGTERM while the
  OS says it is going down), else `stopped` (SIGTERM, Ctrl-C, the event loop ending);
- today's pauses, counted from the journal's `paused` records.
Every record goes through the pipeline's sink, whose keeper syncs it at once.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer

from app.backends.session_end import SessionEnd
from app.core.journal import agent_run
from app.core.journal.agent_run import EndReason
from app.core.protect.pipeline import Pipeline

log = logging.getLogger(__name__)
RecordReader = Callable[[], Sequence[Mapping[str, Any]]]
CANCELLED_END_MS = 60_000  # still running a minute after a session end: it was cancelled


class Lifecycle:
    """Journals how each run starts and ends; asks the OS whether a SIGTERM is a shutdown."""

    def __init__(
        self,
        pipeline: Pipeline,
        read_records: RecordReader | None,
        session_end: SessionEnd,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self._pipeline = pipeline
        self._read = read_records
        self._session_end = session_end
        self._now = now
        self.end_reason: EndReason = "stopped"
        self._end_recorded = False
        self._end_token = 0

    def begin(self) -> None:
        """Journal an unclean end of the previous run (if any), then `started`."""
        records = self._records()
        if records is not None:
            previous = agent_run.previous_run(records)
            if not previous.clean:
                self._pipeline.record_state(agent_run.UNCLEAN_END)
                log.warning(
                    "the previous run ended without a stop record (last state %s, seq %s at %s)",
                    previous.last_state,
                    previous.last_seq,
                    previous.last_time,
                )
        self._pipeline.record_state(agent_run.STARTED)
        self._session_end.start(self.on_session_end)

    def quit_chosen(self) -> None:
        self.end_reason = "quit"

    def on_terminate(self) -> None:
        """SIGTERM/SIGINT/SIGHUP: a shutdown when the OS says it is going down, else a stop."""
        if self.end_reason == "stopped" and self._session_end.ending_now():
            self.on_session_end()

    def on_session_end(self, *_: object) -> None:
        """The OS session or the machine is ending: journaled now, the process may not
        get another chance (Windows ends it soon after WM_ENDSESSION)."""
        if self._end_recorded:
            return
        self.end_reason = "os_shutdown"
        self._end_recorded = self._pipeline.record_state(agent_run.OS_SHUTDOWN)
        log.info("the OS session is ending")
        self._end_token += 1
        token = self._end_token
        QTimer.singleShot(CANCELLED_END_MS, lambda: self._end_cancelled(token))

    def _end_cancelled(self, token: int) -> None:
        if token != self._end_token or not self._end_recorded:
            return
        log.info("the OS session end was cancelled: protecting again")
        self.end_reason, self._end_recorded = "stopped", False
        self._pipeline.record_state(agent_run.STARTED)

    def finish(self) -> None:
        """Journal how this run ends (once); called after the event loop returned."""
        self._end_token += 1  # no "cancelled" check after the end
        if not self._end_recorded:
            self._end_recorded = self._pipeline.record_state(self.end_reason)
        self._session_end.stop()

    def pauses_today(self) -> int | None:
        """`paused` records on today's local date; None when the journal cannot say."""
        records = self._records()
        return None if records is None else agent_run.pauses_on_day(records, self._now())

    def _records(self) -> Sequence[Mapping[str, Any]] | None:
        if self._read is None:
            return None
        try:
            return self._read()
        except (sqlite3.Error, OSError, ValueError, KeyError) as error:
            log.warning("journal cannot be read back: %s", type(error).__name__)
            return None
