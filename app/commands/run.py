"""`pastewarden run`: the tray app (DESIGN.md §1), or `--status` of the running one.

Decisions go to the incident journal (app.core.journal). If the journal cannot be opened
the tray still starts, but every decision fails to record, so blocked content stays
quarantined and the tray shows the journal problem (fail closed, never silently off).
"""

from __future__ import annotations

import argparse

from app.core.incident import IncidentEvent
from app.core.journal import Journal, JournalError, default_journal_path
from app.core.ports import IncidentSink


class UnavailableJournal:
    """Stands in when the journal cannot be opened: every record fails, loudly."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def record(self, event: IncidentEvent) -> None:
        raise JournalError(self.reason)


def make_sink() -> IncidentSink:
    """The incident journal, or a sink that refuses every record when it cannot open."""
    try:
        return Journal(default_journal_path())
    except JournalError as error:
        return UnavailableJournal(str(error))


def run_tray(args: argparse.Namespace) -> int:
    """Start the tray app; with --status, ask the running one for its status instead."""
    if getattr(args, "status", False):
        from app.ui.application import query_status

        return query_status()
    from app.ui.application import run_app

    return run_app(getattr(args, "policy", None), make_sink())
