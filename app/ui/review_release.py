"""Freeing a previous load of the review window without blocking its GUI thread.

Dropping 100,000 records at once is one C call of 0.2-0.3 s that holds the GIL. Until
2026-11-23 a thread emptied the load's lists a thousand items at a time, but each of
those `del` calls (1-12 ms) kept the GIL, and a paint of the table calls the Python
model ~900 times: each call waited for the release thread's next `del`, so the paint
after a reload lasted as long as the whole release (0.17-0.3 s measured). Here the GUI
thread itself empties the lists from a zero timer, a few milliseconds per turn of the
event loop: Qt runs paints and input between turns, and no other thread competes with
them for the GIL.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, QTimer

from app.core.review.reader import Review
from app.core.review.table import IncidentTable

CHUNK = 200  # items dropped by one `del`: well under a millisecond of C here
STEP_SECONDS = 0.003  # work per turn of the event loop; a paint waits at most this


def held_lists(review: Review | None, table: IncidentTable) -> list[list[Any]]:
    """The lists that hold a load's records, lines, columns and search text."""
    holders: list[Any] = [table.records, table.order, *vars(table.columns).values()]
    holders += table.built_lists()
    if review is not None:
        holders += [part for pair in review.stored for part in pair]
        holders += [review.records, *(vars(review.columns).values() if review.columns else ())]
    return [h for h in holders if isinstance(h, list)]


class Releaser(QObject):
    """`release(review, table)` empties the load's lists while the event loop is idle.

    The lists are emptied in place: the caller drops its own references right after
    the call, and nothing may still read the load (a report being written does).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lists: deque[list[Any]] = deque()
        # A zero timer fires when the event queue is empty, once per turn of the loop.
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._step)

    @property
    def pending(self) -> bool:
        """Whether lists of a previous load are still being emptied."""
        return bool(self._lists)

    def release(self, review: Review | None, table: IncidentTable) -> None:
        self._lists.extend(held_lists(review, table))
        if self._lists:
            self._timer.start()

    def _step(self) -> None:
        """Drop items for about STEP_SECONDS, then give the event loop back."""
        lists = self._lists
        deadline = time.perf_counter() + STEP_SECONDS
        while lists:  # at least one chunk per turn, so the release always progresses
            del lists[0][-CHUNK:]
            if not lists[0]:
                lists.popleft()
            if time.perf_counter() >= deadline:
                break
        if not lists:
            self._timer.stop()
