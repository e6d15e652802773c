"""Work the review window must not do on its GUI thread, on Python threads.

ReviewLoader reads a ReviewSource (seconds for 100,000 records), builds the incident
table's columns and the panels' Overview, and sends them in `finished` (Qt queues the
signal to the GUI thread, which then only assigns results). The read leaves the digests
of whole segments unchecked so the rows show sooner: once the window has painted them,
`index()` checks those digests on a thread and sends `checked` with the panels' final
Overview, or, when a record differs from its digest, reads everything again with every
check and sends `finished` anew. It then builds the table's display columns and search
text and sends `indexed`; a search or sort asked for meanwhile runs when the index arrives.
Each load carries a number: the window ignores the answer of a load that a newer
reload has overtaken. BackgroundTask runs other slow work (the PHI scanner for
follow-up notes, the audit report) the same way.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal, SignalInstance

from app.core.review.annotations import Annotation
from app.core.review.overview import Overview, digests_checked, overview
from app.core.review.reader import Review
from app.core.review.source import ReviewSource
from app.core.review.table import IncidentTable

# The first read of each load leaves whole segments' digests to `index()`: rows sooner.
_DIGESTS_FIRST = False

log = logging.getLogger(__name__)


def _emit(signal: SignalInstance, *args: object) -> None:
    """Emit from a worker thread; the window may have been closed (and deleted) meanwhile."""
    with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
        signal.emit(*args)


@dataclass
class Loaded:
    """One finished load: the review, its annotations, the table and the panels' content."""

    number: int
    review: Review
    notes: dict[tuple[str, int], Annotation]
    table: IncidentTable
    overview: Overview
    source: ReviewSource
    now: datetime


class ReviewLoader(QObject):
    """`start(source, now)` → `finished(Loaded)` or `failed`; `index(loaded)` → `checked`
    (or `finished` again after a read with every check) and `indexed`."""

    finished = Signal(object)
    checked = Signal(int, object)  # (number, Overview): the shown load's digests all hold
    indexed = Signal(int)
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.number = 0
        self._threads: list[threading.Thread] = []

    def start(self, source: ReviewSource, now: datetime) -> int:
        """Begin a load; returns its number (the newest load's number is `self.number`)."""
        self.number += 1
        thread = threading.Thread(
            target=self._run, args=(source, self.number, now), name="review-loader", daemon=True
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return self.number

    def wait(self, timeout: float | None = None) -> None:
        """Join the running loads (shutdown and tests); the signals still need the event loop."""
        for thread in self._threads:
            thread.join(timeout)

    def _run(
        self, source: ReviewSource, number: int, now: datetime, check_digests: bool = _DIGESTS_FIRST
    ) -> None:
        try:
            review, notes = source.load(check_digests=check_digests)
            table = IncidentTable(review.records, notes, review.columns, source.tool_names)
            summary = overview(review, table, notes, now)
        except Exception as error:  # any failure must end the window's loading state
            log.error("review load failed: %s", type(error).__name__)
            _emit(self.failed, number, str(error) or type(error).__name__)
            return
        _emit(self.finished, Loaded(number, review, notes, table, summary, source, now))

    def index(self, loaded: Loaded) -> None:
        """Check the digests left unchecked, then build the table's search index on a
        thread → `checked(number, overview)` and `indexed(number)`.

        The window calls this once it has painted the rows: Python work on another
        thread while Qt paints makes every paint callback wait for the GIL.
        """
        thread = threading.Thread(target=self._index, args=(loaded,), name="review-index")
        thread.daemon = True
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _index(self, loaded: Loaded) -> None:
        if loaded.number != self.number:
            return  # overtaken: nobody will show this table
        if loaded.review.digests_pending and not self._digests_hold(loaded):
            return  # read again with every check: its `finished` follows
        try:
            loaded.table.index()
        except Exception as error:  # the rows still show; only search and sort wait
            log.error("review search index failed: %s", type(error).__name__)
            return
        _emit(self.indexed, loaded.number)

    def _digests_hold(self, loaded: Loaded) -> bool:
        """Check the shown load's digests → `checked`; when one fails, read with checks."""
        try:
            held = loaded.review.check_digests()
            summary = digests_checked(loaded.overview, loaded.review) if held else None
        except Exception as error:  # the window must not stay "checking" for ever
            log.error("review digest check failed: %s", type(error).__name__)
            _emit(self.failed, loaded.number, str(error) or type(error).__name__)
            return False
        if summary is None:  # a record differs from its digest: only the checked read judges it
            self._run(loaded.source, loaded.number, loaded.now, check_digests=True)
            return False
        try:
            loaded.source.remember(loaded.review)
        except OSError as error:  # the read stays shown; only the memory is not raised
            log.error("review memory not saved: %s", type(error).__name__)
        _emit(self.checked, loaded.number, summary)
        return True


class BackgroundTask(QObject):
    """`start(work)` runs `work()` on a thread → `done(result)` or `failed(message)`.

    For what would block the GUI thread for seconds: building the note scanner
    (Presidio), writing a 500-page audit report. One run at a time per task.
    """

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[], object]) -> None:
        if self.running:
            return
        self._thread = threading.Thread(target=self._run, args=(work,), name=self.name, daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Join the running work (tests); the signals still need the event loop."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, work: Callable[[], object]) -> None:
        try:
            result = work()
        except Exception as error:  # reported to the window, which says what failed
            log.error("%s failed: %s", self.name, type(error).__name__)
            _emit(self.failed, str(error) or type(error).__name__)
            return
        _emit(self.done, result)
