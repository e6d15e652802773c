"""Where the forward-sealing state lives: this process's copy first, the keyring behind it.

A record is journaled on the tray's GUI thread, and a Secret Service keyring costs tens
of milliseconds a call (gnome-keyring: ~20 ms a read, ~40 ms a write; three calls made a
sealed commit's p95 ~100 ms, `bench/journal_bench.py --keyring both`). So the process
keeps each device's newest state in memory, reads the keyring only the first time, and
writes to it from one background thread, newest state per device only. The previous key
leaves the keyring moments after its record is committed, not before the commit returns.

Neither copy ever moves back: a state older than the one held (a later seq of the same
epoch, written by another journal of this process or, for the keyring, another process
of this device such as `pastewarden sync`) is not saved. `flush` waits for pending
writes (at exit, and in tests before they read or swap the keyring).
Qt-free; threads only, the keyring is reached through app.core.ports.
"""

from __future__ import annotations

import atexit
import json
import threading

from app.core import system
from app.core.journal.key import _STORE_ERRORS, SERVICE

_IDLE_S = 5.0  # the writer thread ends after this long with nothing to write


def _account(device_id: str) -> str:
    return f"journal-forward/{device_id}"


class _Writer:
    """One background thread writing the newest pending state of each device."""

    def __init__(self) -> None:
        self._cv = threading.Condition()
        self._pending: dict[str, str] = {}
        self._failed: set[str] = set()
        self._busy = False
        self._thread: threading.Thread | None = None

    def submit(self, device_id: str, state: str) -> None:
        with self._cv:
            self._pending[device_id] = state
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="forward-key", daemon=True)
                self._thread.start()
            self._cv.notify_all()

    def failed(self, device_id: str) -> bool:
        with self._cv:
            return device_id in self._failed

    def flush(self, timeout_s: float) -> bool:
        """Wait until every pending state is written (or failed); False on timeout."""
        with self._cv:
            return self._cv.wait_for(lambda: not self._pending and not self._busy, timeout_s)

    def _run(self) -> None:
        while True:
            with self._cv:
                if not self._cv.wait_for(lambda: bool(self._pending), _IDLE_S):
                    self._thread = None
                    return
                batch, self._pending, self._busy = dict(self._pending), {}, True
            outcomes = {device: _write(device, state) for device, state in batch.items()}
            with self._cv:
                for device, ok in outcomes.items():
                    (self._failed.discard if ok else self._failed.add)(device)
                self._busy = False
                self._cv.notify_all()


def _write(device_id: str, state: str) -> bool:
    """Store `state` unless the keyring holds a later seq of the same epoch."""
    try:
        store = system().secrets()
        if not _later(store.get(SERVICE, _account(device_id)), state):
            store.put(SERVICE, _account(device_id), state)
    except _STORE_ERRORS:
        return False
    return True


def _later(stored: str | None, state: str) -> bool:
    try:
        old, new = json.loads(stored or "null"), json.loads(state)
        return bool(old) and old["escrow_id"] == new["escrow_id"] and old["seq"] > new["seq"]
    except (ValueError, TypeError, KeyError):
        return False  # unreadable: replaced


_WRITER = _Writer()
_COPIES: dict[str, str | None] = {}  # device id → this process's newest state
_LOCK = threading.Lock()


def load(device_id: str, in_memory_only: bool) -> str | None:
    """This process's copy; the keyring's the first time (None: no state anywhere)."""
    with _LOCK:
        if device_id in _COPIES or in_memory_only:
            return _COPIES.get(device_id)
    try:
        stored = system().secrets().get(SERVICE, _account(device_id))
    except _STORE_ERRORS:
        stored = None
    with _LOCK:
        return _COPIES.setdefault(device_id, stored)


def save(device_id: str, state: str, in_memory_only: bool) -> None:
    """Make `state` this process's copy and queue it for the keyring, unless the copy
    already holds a later seq of the same epoch (another journal of this process)."""
    with _LOCK:
        if _later(_COPIES.get(device_id), state):
            return
        _COPIES[device_id] = state
    if not in_memory_only:
        _WRITER.submit(device_id, state)


def refusing(device_id: str) -> bool:
    """Whether the keyring refused this device's last write."""
    return _WRITER.failed(device_id)


def flush(timeout_s: float = 5.0) -> bool:
    """Wait for queued keyring writes; False when they did not finish in time."""
    return _WRITER.flush(timeout_s)


def forget(device_id: str) -> None:
    """Drop this process's copy (tests that replace the keyring under a device)."""
    with _LOCK:
        _COPIES.pop(device_id, None)


atexit.register(flush)  # a queued erase must not be lost when the tray quits
