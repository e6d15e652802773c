"""Hot reload without Qt: poll the policy files and reload when any of them changes.

A change is a different (exists, size, mtime, SHA-256) of any watched file (policy,
signature, public key), checked every `interval_s` (at most 2 s, so a change is live
within 5 s). Hashing catches a rewrite that keeps size and mtime (coarse file-system
clocks). When the new file is broken, the policy already running stays in force and
the new problems are reported with it. The clock is injectable so tests step time
instead of sleeping; `run()` drives `poll()` from a thread in the real app.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from policy.loader import LoadResult
from policy.validate import MAX_BYTES

MAX_INTERVAL_S = 2.0
Fingerprint = tuple[tuple[bool, int, int, str], ...]


class PolicyWatcher:
    """Holds the current LoadResult and replaces it when the watched files change."""

    def __init__(
        self,
        load: Callable[[], LoadResult],
        paths: Sequence[Path],
        interval_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[LoadResult], None] | None = None,
    ) -> None:
        if not 0 < interval_s <= MAX_INTERVAL_S:
            raise ValueError(f"interval must be in (0, {MAX_INTERVAL_S}] seconds")
        self._load, self._paths, self._clock = load, tuple(paths), clock
        self.interval_s = interval_s
        self._on_change = on_change
        self._fingerprint = fingerprint(self._paths)
        self.current = load()
        self._due = clock() + interval_s

    def poll(self) -> bool:
        """Reload if due and something changed; True when `current` was replaced."""
        now = self._clock()
        if now < self._due:
            return False
        self._due = now + self.interval_s
        seen = fingerprint(self._paths)
        if seen == self._fingerprint:
            return False
        self._fingerprint = seen
        self.current = self._keep_running_if_broken(self._load())
        if self._on_change is not None:
            self._on_change(self.current)
        return True

    def run(self, stop: threading.Event) -> None:
        """Poll until `stop` is set (for a background thread)."""
        while not stop.wait(self.interval_s / 4):
            self.poll()

    def _keep_running_if_broken(self, new: LoadResult) -> LoadResult:
        running_from_file = self.current.source in ("managed", "override")
        fell_back = new.source in ("last_known_good", "builtin")
        if new.errors and fell_back and running_from_file:
            return dataclasses.replace(self.current, problems=new.problems)
        return new


def fingerprint(paths: Sequence[Path]) -> Fingerprint:
    """(exists, size, mtime_ns, sha256) per path."""
    return tuple(_one(path) for path in paths)


def _one(path: Path) -> tuple[bool, int, int, str]:
    try:
        stat = path.stat()
        with path.open("rb") as handle:
            digest = hashlib.sha256(handle.read(MAX_BYTES + 1)).hexdigest()
    except OSError:
        return (False, 0, 0, "")
    return (True, stat.st_size, stat.st_mtime_ns, digest)
