"""`pastewarden sync`: one sync pass now, then local pruning. Exit 0 all central, 4 pending."""

from __future__ import annotations

import argparse
import sys

from app.commands.central_settings import central_settings
from app.core.central_fs import open_central
from app.core.journal import Journal, JournalError, default_journal_path
from app.core.sync import sync_once

EXIT_OK, EXIT_ERROR, EXIT_PENDING = 0, 2, 4


def run_sync(args: argparse.Namespace) -> int:
    """Push every pending record to the central folder and report what is left."""
    settings = central_settings(args)
    try:
        journal = Journal(default_journal_path())
        journal.set_audit(settings.audit_public_key)  # forward sealing from the next record
    except JournalError as error:
        print(f"pastewarden sync: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not settings.folder:
        print(f"no central folder configured; {journal.pending()} record(s) pending")
        return EXIT_PENDING if journal.pending() else EXIT_OK
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
    pruned = journal.prune(settings.local_retention_days) if result.ok else 0
    print(
        f"sent {result.records} record(s) in {result.segments} segment(s); "
        f"{result.pending} pending; {pruned} pruned locally"
    )
    return EXIT_OK if result.ok else EXIT_PENDING
