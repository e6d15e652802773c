"""Ship journal records to a syslog receiver (SIEM), at least once and in order per device.

The sink keeps its own cursor in the journal (meta `syslog_sent`: the last seq whose
write succeeded and the time), independent of the central folder's. One pass: check
the connection, (re)connect, re-send what the last broken connection may have lost,
then send the records after the cursor in batches; the cursor moves only after the
transport's `send` returned (written and, on Linux, acknowledged by the receiver's TCP
stack). A connection found broken (closed, reset, failed write) is replaced, and the
records sent on it, up to `replay` of them, are sent again: plain TCP cannot tell what
the receiver had read before it went away. Every message carries `event_id` and
`seq`, so the SIEM can drop the duplicates. Nothing is ever dropped here: a failing
receiver only delays (`pending` grows) and local retention waits for this cursor.
A pass that starts or stops failing journals `agent_state` syslog_failing /
syslog_resumed. Runs on the keeper's background thread, never on the paste path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.central.syslog_format import (
    DEFAULT_FACILITY,
    EXAMPLE_ENTERPRISE_NUMBER,
    format_record,
    frame,
)
from app.core.journal.incident import IncidentEvent
from app.core.journal.store import Journal, JournalError
from app.core.ports import SyslogTransport

if TYPE_CHECKING:
    from policy.schema import Syslog

BATCH = 250
REPLAY = 1000
_CURSOR = "syslog_sent"
_FAILING = "syslog_failing"


@dataclass(frozen=True)
class SyslogSettings:
    """The policy's `central.syslog` as the sink needs it."""

    host: str
    port: int = 6514
    protocol: str = "tls"  # "tcp" or "tls"
    ca_file: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    facility: int = DEFAULT_FACILITY
    enterprise_number: int = EXAMPLE_ENTERPRISE_NUMBER

    @property
    def target(self) -> str:
        """`tls://host:port`: how status and the CLI name the receiver."""
        return f"{self.protocol}://{self.host}:{self.port}"


Connect = Callable[[SyslogSettings], SyslogTransport]


def settings_from_policy(syslog: Syslog | None) -> SyslogSettings | None:
    """The policy's `central.syslog` (None when no receiver is configured)."""
    if syslog is None:
        return None
    default_port = 6514 if syslog.protocol == "tls" else 514
    return SyslogSettings(
        host=syslog.host,
        port=syslog.port or default_port,
        protocol=syslog.protocol,
        ca_file=syslog.ca_file,
        client_cert=syslog.client_cert,
        client_key=syslog.client_key,
        facility=syslog.facility,
        enterprise_number=syslog.enterprise_number,
    )


@dataclass
class SyslogResult:
    """What one pass did; `error` is a short PHI-free sentence."""

    target: str
    sent: int = 0
    resent: int = 0
    pending: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.pending == 0


def sent_through(journal: Journal) -> tuple[int, str | None]:
    """The sink's cursor: every record up to this seq was written, and when the last was."""
    raw = journal.meta(_CURSOR)
    if not raw:
        return 0, None
    value = json.loads(raw)
    return int(value["seq"]), value.get("time")


def syslog_pending(journal: Journal) -> int:
    """Records not yet written to the receiver."""
    return int(journal.head()["seq"]) - sent_through(journal)[0]


def syslog_failing(journal: Journal) -> bool:
    """Did the last pass fail (as recorded in the journal)?"""
    return journal.meta(_FAILING) == "1"


class SyslogSink:
    """Holds one connection across passes; `pass_once` is called from one thread only."""

    def __init__(
        self, settings: SyslogSettings, connect: Connect, batch: int = BATCH, replay: int = REPLAY
    ) -> None:
        self.settings, self._connect = settings, connect
        self._batch, self._replay = batch, replay
        self._transport: SyslogTransport | None = None
        self._opened_at = 0  # the cursor when the current connection opened
        self._resend_from: int | None = None

    def pass_once(self, journal: Journal) -> SyslogResult:
        """Send everything after the cursor; never raises for receiver faults."""
        result = SyslogResult(self.settings.target)
        try:
            self._ensure_connection(journal)
            self._resend(journal, result)
            while self._send_next(journal, result):
                pass
            # Only after records went through (a receiver that refuses a client certificate
            # still lets TLS 1.3 connect), then it ships at once.
            if _note_state(journal, failing=False):
                while self._send_next(journal, result):
                    pass
        except OSError as error:
            self._broken(journal)
            result.error = f"syslog receiver {self.settings.target} unavailable: {_describe(error)}"
            _note_state(journal, failing=True)
        result.pending = syslog_pending(journal)
        return result

    def close(self) -> None:
        """Close the connection (the next pass opens a new one)."""
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def _ensure_connection(self, journal: Journal) -> None:
        if self._transport is not None and not self._transport.alive():
            self._broken(journal)
        if self._transport is None:
            self._transport = self._connect(self.settings)
            self._opened_at = sent_through(journal)[0]

    def _broken(self, journal: Journal) -> None:
        """Forget the connection; what was sent on it will be sent again."""
        if self._transport is None:
            return
        self.close()
        cursor = sent_through(journal)[0]
        start = max(self._opened_at, cursor - self._replay)
        if start < cursor:
            self._resend_from = min(start, self._resend_from or start)

    def _resend(self, journal: Journal, result: SyslogResult) -> None:
        if self._resend_from is None:
            return
        cursor = sent_through(journal)[0]
        seq = self._resend_from
        while seq < cursor:
            lines = journal.lines_after(seq, self._batch, through=cursor)
            if not lines:
                break
            self._write(lines)
            seq = json.loads(lines[-1])["seq"]
            result.resent += len(lines)
        self._resend_from = None

    def _send_next(self, journal: Journal, result: SyslogResult) -> bool:
        cursor = sent_through(journal)[0]
        lines = journal.lines_after(cursor, self._batch)
        if not lines:
            return False
        self._write(lines)
        last = json.loads(lines[-1])["seq"]
        if last > sent_through(journal)[0]:  # `pastewarden sync` may have sent them meanwhile
            journal.set_meta(_CURSOR, json.dumps({"seq": last, "time": _now(journal)}))
        result.sent += len(lines)
        return True

    def _write(self, lines: list[str]) -> None:
        assert self._transport is not None
        settings = self.settings
        frames = [
            frame(format_record(line, settings.facility, settings.enterprise_number))
            for line in lines
        ]
        self._transport.send(frames)


def reuse_sink(
    current: SyslogSink | None, settings: SyslogSettings | None, connect: Connect
) -> SyslogSink | None:
    """Keep the open sink while the policy's receiver is unchanged, else start afresh."""
    if current is not None and current.settings == settings:
        return current
    if current is not None:
        current.close()
    return SyslogSink(settings, connect) if settings is not None else None


def _now(journal: Journal) -> str:
    return journal.clock().isoformat(timespec="seconds").replace("+00:00", "Z")


def _describe(error: OSError) -> str:
    return f"{type(error).__name__}: {error.strerror or error}"[:300]


def _note_state(journal: Journal, failing: bool) -> bool:
    """Journal an agent_state record when the sink starts or stops failing; True if so."""
    if syslog_failing(journal) == failing:
        return False
    try:
        state = "syslog_failing" if failing else "syslog_resumed"
        journal.record(IncidentEvent(kind="agent_state", state=state))
        journal.set_meta(_FAILING, "1" if failing else "0")
    except JournalError:
        return False  # the journal itself is failing; the tray already shows that
    return True
