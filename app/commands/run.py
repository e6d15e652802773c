"""`pastewarden run`: the tray app (DESIGN.md §1), or `--status` of the running one.

The incident sink is chosen here and injected: until the journal lands, decisions go to
the in-memory sink behind the same IncidentSink port (app.core.ports). Wiring the real
journal is the one marked line below.
"""

from __future__ import annotations

import argparse

from app.core.ports import IncidentSink, MemoryIncidentSink


def make_sink() -> IncidentSink:
    """The incident sink the tray records into."""
    return MemoryIncidentSink()  # ← replace with the journal (app.core.journal) when it lands


def run_tray(args: argparse.Namespace) -> int:
    """Start the tray app; with --status, ask the running one for its status instead."""
    if getattr(args, "status", False):
        from app.ui.application import query_status

        return query_status()
    from app.ui.application import run_app

    return run_app(getattr(args, "policy", None), make_sink())
