"""`pastewarden sync`: one pass to the central folder and the syslog receiver, then pruning.

Exit 0 when everything is central and sent, 4 when records remain pending.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC

from app.backends.central_folders import open_central
from app.commands.central_settings import central_settings
from app.commands.status_cmd import LAST_SYNC_META
from app.commands.syslog_report import describe, ship_to_syslog
from app.core.central.sync import sync_once
from app.core.central.syslog_sink import sent_through
from app.core.journal.store import Journal, JournalError, default_journal_path

EXIT_OK, EXIT_ERROR, EXIT_PENDING = 0, 2, 4


def run_sync(args: argparse.Namespace) -> int:
    """Push every pending record to the central folder and the syslog receiver; report."""
    settings = central_settings(args)
    try:
        journal = Journal(default_journal_path())
        journal.set_audit(settings.audit_public_key)  # forward sealing from the next record
    except JournalError as error:
        print(f"pastewarden sync: {error}", file=sys.stderr)
        return EXIT_ERROR
    syslog_ok = True
    if settings.syslog is not None:
        shipped = ship_to_syslog(journal, settings.syslog)
        print(describe(shipped), file=sys.stdout if shipped.ok else sys.stderr)
        syslog_ok = shipped.ok
    if not settings.folder:
        print(f"no central folder configured; {journal.pending()} record(s) pending")
        return EXIT_PENDING if journal.pending() or not syslog_ok else EXIT_OK
    try:
        fs = open_central(settings.folder)
    except (ValueError, PermissionError) as error:
        print(f"pastewarden sync: {error}", file=sys.stderr)
        return EXIT_ERROR
    result = sync_once(journal, fs)
    for alert in [*result.alerts, *result.squats]:
        print(f"ALERT: {alert}", file=sys.stderr)
    if result.error:
        print(f"sync failed: {result.error}", file=sys.stderr)
    if result.ok:  # `pastewarden status` shows it, even when no tray is running
        journal.set_meta(LAST_SYNC_META, journal.clock().astimezone(UTC).isoformat())
    held = sent_through(journal)[0] if settings.syslog else None  # retention waits for both
    pruned = journal.prune(settings.local_retention_days, held) if result.ok else 0
    print(
        f"sent {result.records} record(s) in {result.segments} segment(s); "
        f"{result.pending} pending; {pruned} pruned locally"
    )
    return EXIT_OK if result.ok and syslog_ok else EXIT_PENDING
