"""The syslog sink for the command line: one pass for `pastewarden sync`, facts for `status`.

Both read the policy's `central.syslog`; everything printed is PHI-free (a target,
counts, a time, an error sentence).
"""

from __future__ import annotations

import contextlib
from typing import Any

from app.core.central.syslog_sink import (
    SyslogResult,
    SyslogSettings,
    SyslogSink,
    sent_through,
    syslog_failing,
    syslog_pending,
)
from app.core.journal.store import Journal, JournalError, default_journal_path


def ship_to_syslog(journal: Journal, settings: SyslogSettings) -> SyslogResult:
    """One pass to the receiver over a fresh connection, closed afterwards."""
    from app.backends.syslog_socket import connect

    sink = SyslogSink(settings, connect)
    try:
        return sink.pass_once(journal)
    finally:
        sink.close()


def describe(result: SyslogResult) -> str:
    """The line `pastewarden sync` prints about the sink."""
    resent = f" ({result.resent} re-sent)" if result.resent else ""
    line = f"syslog {result.target}: sent {result.sent} record(s){resent}; {result.pending} pending"
    return line + (f"; failed: {result.error}" if result.error else "")


def syslog_summary(settings: SyslogSettings | None) -> dict[str, Any] | None:
    """`status --json`'s syslog section: {target, pending, last_sent, failing}, or None."""
    if settings is None:
        return None
    return {"target": settings.target, **_sink_facts()}


def _sink_facts() -> dict[str, Any]:
    """The sink's cursor and state from the local journal, without creating one."""
    path = default_journal_path()
    if not path.exists():
        return {"pending": 0, "last_sent": None, "failing": False}
    try:
        with contextlib.closing(Journal(path)) as journal:
            pending, (_, last_sent) = syslog_pending(journal), sent_through(journal)
            return {"pending": pending, "last_sent": last_sent, "failing": syslog_failing(journal)}
    except JournalError as error:
        return {"error": str(error)}


def summary_line(summary: dict[str, Any] | None) -> str:
    """The short form for `pastewarden status`."""
    if summary is None:
        return "syslog: not configured"
    state = "FAILING" if summary.get("failing") else "ok"
    return (
        f"syslog: {summary['target']} {state}, {summary.get('pending', '?')} pending, "
        f"last sent {summary.get('last_sent') or 'never'}"
    )
