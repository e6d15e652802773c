"""Remembers, in memory only, which clipboard contents were already decided for which tool.

Each entry is an HMAC-SHA256 of (tool id, text) under a key drawn at random for this run
and never stored, so the digests cannot be recomputed from a guessed value by anyone
who later sees memory dumps of another run, and nothing survives a restart. Entries
expire after the grace period. Texts the app itself wrote (the quarantine notice, a
de-identified copy) are remembered the same way so our own writes are not re-scanned.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Callable

_MAX_ENTRIES = 256  # a bounded cache: oldest entries go first


class Clearance:
    """Keyed, expiring digests of (tool, content) pairs."""

    def __init__(self, grace_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._key = os.urandom(32)
        self._grace_s = grace_s
        self._clock = clock
        self._expiry: dict[bytes, float] = {}

    def _digest(self, scope: str, text: str) -> bytes:
        message = scope.encode() + b"\0" + text.encode("utf-8", "surrogatepass")
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def mark(self, scope: str, text: str, grace_s: float | None = None) -> None:
        """Remember `text` as decided for `scope` (a tool id, or "" for our own writes)."""
        if len(self._expiry) >= _MAX_ENTRIES:
            self._expiry.pop(next(iter(self._expiry)))
        ttl = self._grace_s if grace_s is None else grace_s
        self._expiry[self._digest(scope, text)] = self._clock() + ttl

    def seen(self, scope: str, text: str) -> bool:
        """True while `text` is remembered for `scope`."""
        digest = self._digest(scope, text)
        expiry = self._expiry.get(digest)
        if expiry is None:
            return False
        if expiry < self._clock():
            del self._expiry[digest]
            return False
        return True

    def clear(self) -> None:
        self._expiry.clear()
