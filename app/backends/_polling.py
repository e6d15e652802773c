"""A small background poller shared by backends that cannot get OS events (macOS)."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Poller:
    """Calls `tick` every `interval_s` on a daemon thread until stopped."""

    def __init__(self, interval_s: float, tick: Callable[[], None], name: str) -> None:
        self._interval_s, self._tick, self._name = interval_s, tick, name
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            self._tick()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
