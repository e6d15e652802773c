"""The scan worker: one Python thread that owns the (not thread-safe) Scanner.

Jobs go in through a queue; answers come back as a Qt signal, which Qt delivers on the
GUI thread (queued connection). The scanner is built in the worker thread, so building
it (about half a second) never blocks the GUI either. A new policy swaps the factory;
the next job rebuilds the scanner with the new detection settings.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.core.ports import TextScanner

log = logging.getLogger(__name__)
ScannerFactory = Callable[[], TextScanner]
_Item = tuple[object, str, float] | ScannerFactory | None


class ScanWorker(QObject):
    """`submit(tag, text, budget)` → `finished(tag, report | None, error: bool)`."""

    finished = Signal(object, object, bool)

    def __init__(self, factory: ScannerFactory) -> None:
        super().__init__()
        self._factory = factory
        self._queue: queue.Queue[_Item] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="scan-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=3)

    def submit(self, tag: object, text: str, budget_s: float) -> None:
        self._queue.put((tag, text, budget_s))

    def set_factory(self, factory: ScannerFactory) -> None:
        self._queue.put(factory)

    def _run(self) -> None:
        scanner: TextScanner | None = None
        while (item := self._queue.get()) is not None:
            if callable(item):
                self._factory, scanner = item, None
                continue
            tag, text, budget = item
            try:
                scanner = scanner or self._factory()
                report = scanner.scan(text, budget)
            except Exception as error:  # the caller fails closed on error=True
                log.error("scan failed: %s", type(error).__name__)
                self.finished.emit(tag, None, True)
                continue
            self.finished.emit(tag, report, False)
