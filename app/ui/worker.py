"""The scan worker: one Python thread that owns the (not thread-safe) Scanner.

Jobs go in through a queue; answers come back as a Qt signal, which Qt delivers on the
GUI thread (queued connection). The scanner is built in the worker thread, so building
it (about half a second) never blocks the GUI either. A new policy swaps the factory;
the next job rebuilds the scanner with the new detection settings.

A job is either text or a `ContentScan`: a clipboard snapshot whose text (plain, HTML
and RTF) is extracted here, off the GUI thread. A snapshot that could not be converted
in full gives a report marked incomplete, so the caller fails closed.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, Signal

from app.core.ports import TextScanner
from app.core.protect.clipboard_text import ClipboardSnapshot, extract_text
from detectors.models import ScanReport

log = logging.getLogger(__name__)
ScannerFactory = Callable[[], TextScanner]


@dataclass
class ContentScan:
    """A snapshot to scan; `text` is filled in by the worker before it answers. PHI."""

    snapshot: ClipboardSnapshot = field(repr=False)
    text: str = field(default="", repr=False)


_Item = tuple[object, str | ContentScan, float] | ScannerFactory | None


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

    def submit(self, tag: object, source: str | ContentScan, budget_s: float) -> None:
        self._queue.put((tag, source, budget_s))

    def set_factory(self, factory: ScannerFactory) -> None:
        self._queue.put(factory)

    def _run(self) -> None:
        scanner: TextScanner | None = None
        while (item := self._queue.get()) is not None:
            if callable(item):
                self._factory, scanner = item, None
                continue
            tag, source, budget = item
            try:
                scanner = scanner or self._factory()
                report = _scan(scanner, source, budget)
            except Exception as error:  # the caller fails closed on error=True
                log.error("scan failed: %s", type(error).__name__)
                self.finished.emit(tag, None, True)
                continue
            self.finished.emit(tag, report, False)


def _scan(scanner: TextScanner, source: str | ContentScan, budget: float) -> ScanReport:
    if isinstance(source, str):
        return scanner.scan(source, budget)
    extracted = extract_text(source.snapshot)
    source.text = extracted.text
    report = scanner.scan(extracted.text, budget)
    if extracted.complete:
        return report
    problems = (*report.problems, "clipboard too large to convert in full")
    return replace(report, complete=False, problems=problems)
