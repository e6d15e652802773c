"""`pastewarden run`: the tray app (DESIGN.md §1), or `--status` of the running one.

Decisions go to the incident journal (app.core.journal.store). If the journal cannot be opened
the tray still starts, but every decision fails to record, so blocked content stays
quarantined and the tray shows the journal problem (fail closed, never silently off).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

from app.core.journal.incident import IncidentEvent
from app.core.journal.store import Journal, JournalError, default_journal_path
from app.core.ports import IncidentSink

EXIT_NO_DESKTOP = 2
NO_DESKTOP = (
    "pastewarden: the tray app needs a desktop session, and none is set (DISPLAY and "
    "WAYLAND_DISPLAY are empty): start it from a terminal inside your graphical login, "
    "or over SSH with X forwarding (ssh -X)"
)


class UnavailableJournal:
    """Stands in when the journal cannot be opened: every record fails, loudly."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def record(self, event: IncidentEvent) -> None:
        raise JournalError(self.reason)


def open_journal() -> tuple[IncidentSink, Journal | None]:
    """The incident journal as the tray's sink and as itself; when it cannot open, a sink
    that refuses every record (the tray then shows the degraded state) and no journal."""
    try:
        journal = Journal(default_journal_path())
    except JournalError as error:
        return UnavailableJournal(str(error)), None
    return journal, journal


def missing_desktop(environ: Mapping[str, str], platform: str) -> str | None:
    """The one-line message when Linux has no display to show the tray on, else None.

    Checked before Qt starts and before the journal is opened: without it Qt aborts
    (blaming a library that is installed) after the journal file was already created.
    An explicit QT_QPA_PLATFORM (e.g. offscreen) is the caller's choice and is honoured.
    """
    from app.backends.choose import has_display

    if environ.get("QT_QPA_PLATFORM") or has_display(platform, environ):
        return None
    return NO_DESKTOP


def run_tray(args: argparse.Namespace) -> int:
    """Start the tray app; with --status, ask the running one for its status instead."""
    if getattr(args, "status", False):
        from app.ui.application import query_status

        return query_status()
    problem = missing_desktop(os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_NO_DESKTOP
    from app.ui.application import run_app

    sink, journal = open_journal()
    return run_app(getattr(args, "policy", None), sink, journal)
