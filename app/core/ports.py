"""The Protocols between the pure core and the outside world (OS backends, journal, UI).

The core depends only on these; app/backends and the journal implement them, and tests
use fakes. Nothing here imports Qt or calls the OS.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.core.central.folder import CentralFS
from app.core.journal.incident import IncidentEvent
from app.core.models import ForegroundWindow
from app.core.protect.clipboard_text import ClipboardSnapshot
from detectors.models import ScanReport
from policy.catalog import MatchedTool


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


# --- The tray app's ports (issue #4): implemented in app/backends, faked in tests. ---


class WindowWatcher(Protocol):
    """Reports the foreground window whenever it (or its title) changes.

    `on_change` may be called from any thread; the receiver must hand it over to its
    own thread. `limitation` is None when the backend sees every window, otherwise a
    short, PHI-free sentence for the tray ("this desktop does not show which window is
    in front"): protection is then limited, never silently off.
    """

    name: str
    limitation: str | None

    def start(self, on_change: Callable[[ForegroundWindow | None], None]) -> None: ...

    def stop(self) -> None: ...

    def current(self) -> ForegroundWindow | None: ...


class ClipboardPort(Protocol):
    """The system clipboard as the pipeline needs it: snapshot, quarantine, restore.

    `snapshot()` is an in-memory copy of every flavour (text, HTML, RTF), read on the GUI
    thread without converting anything; it is never written anywhere. Everything
    `write_text` puts on the clipboard is marked as excluded from clipboard history and
    cloud clipboard where the OS supports it.
    """

    def snapshot(self) -> ClipboardSnapshot: ...

    def owns(self) -> bool: ...

    def write_text(self, text: str) -> None: ...

    def restore(self, snapshot: ClipboardSnapshot) -> None: ...


class TextScanner(Protocol):
    """detectors.scanner.Scanner as the pipeline sees it (fakes in tests)."""

    def scan(self, text: str, budget_s: float | None = None) -> ScanReport: ...


class ToolMatcher(Protocol):
    """policy.catalog.ToolCatalog as the pipeline sees it."""

    def match(self, app: str | None, title: str, url: str | None = None) -> MatchedTool | None: ...


class SyslogTransport(Protocol):
    """One open connection to a syslog receiver (app.backends.syslog_socket over TCP/TLS).

    `send` returns only after every frame was written and, where the OS tells, the peer's
    TCP stack acknowledged it; any failure raises OSError (ssl errors included) and the
    connection is then unusable. `alive()` is False once the peer closed or reset it.
    """

    def send(self, frames: list[bytes]) -> None: ...

    def alive(self) -> bool: ...

    def close(self) -> None: ...


class SecretStoreError(Exception):
    """The secret store failed; the message names the store's own error class."""


class SecretStore(Protocol):
    """The OS keyring, as the journal's keys and the central share's password need it.

    `refusal()` says why this store must not hold a secret (a plain-text, null or failing
    backend), or None. `get` and `put` raise SecretStoreError, OSError, ValueError or
    RuntimeError when the store fails.
    """

    def refusal(self) -> str | None: ...

    def get(self, service: str, name: str) -> str | None: ...

    def put(self, service: str, name: str, value: str) -> None: ...


class SystemServices(Protocol):
    """What the core needs from the OS (app/backends/system.py; installed by the app).

    The core reaches it through app.core.system(), never by importing an OS module.
    """

    sqlite_fullfsync: bool

    def user_name(self) -> str: ...

    def host_name(self) -> str: ...

    def secrets(self) -> SecretStore: ...

    def open_central(self, location: str) -> CentralFS: ...

    def local_folder(self, path: Path) -> CentralFS: ...
