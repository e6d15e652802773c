"""The Protocols between the pure core and the outside world (OS backends, journal, UI).

The core depends only on these; app/backends and the journal implement them, and tests
use fakes. Nothing here imports Qt or calls the OS.
"""

from __future__ import annotations

from typing import Protocol

from app.core.incident import IncidentEvent


class IncidentSink(Protocol):
    """Where decisions go. `record` returns only after the event is durably stored.

    The pipeline releases a quarantined clipboard only after `record` returned; an
    exception means the record was NOT stored and the caller must fail closed and show
    a degraded state.
    """

    def record(self, event: IncidentEvent) -> None: ...


class MemoryIncidentSink:
    """An in-memory sink for tests and for running before the journal exists."""

    def __init__(self) -> None:
        self.events: list[IncidentEvent] = []

    def record(self, event: IncidentEvent) -> None:
        self.events.append(event)
