"""Reads a ReviewSource on a Python thread so the review window never blocks its GUI thread.

Reading and checking 100,000 records takes seconds; the window shows itself at once in a
loading state and fills when `finished` arrives (Qt queues the signal to the GUI thread).
The incident table's columns are built on the same thread. Each load carries a number:
the window ignores the answer of a load that a newer reload has overtaken.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.core.annotations import Annotation
from app.core.review import Review
from app.core.review_source import ReviewSource
from app.core.review_table import IncidentTable

log = logging.getLogger(__name__)


@dataclass
class Loaded:
    """One finished load: the review, its annotations and the table built from both."""

    number: int
    review: Review
    notes: dict[tuple[str, int], Annotation]
    table: IncidentTable


class ReviewLoader(QObject):
    """`start(source)` → `finished(Loaded)` or `failed(number, message)`, on the GUI thread."""

    finished = Signal(object)
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.number = 0
        self._threads: list[threading.Thread] = []

    def start(self, source: ReviewSource) -> int:
        """Begin a load; returns its number (the newest load's number is `self.number`)."""
        self.number += 1
        thread = threading.Thread(
            target=self._run, args=(source, self.number), name="review-loader", daemon=True
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return self.number

    def wait(self, timeout: float | None = None) -> None:
        """Join the running loads (shutdown and tests); the signals still need the event loop."""
        for thread in self._threads:
            thread.join(timeout)

    def _run(self, source: ReviewSource, number: int) -> None:
        try:
            review, notes = source.load()
            table = IncidentTable(review.records, notes)
        except Exception as error:  # any failure must end the window's loading state
            log.error("review load failed: %s", type(error).__name__)
            self.failed.emit(number, str(error) or type(error).__name__)
            return
        self.finished.emit(Loaded(number, review, notes, table))
