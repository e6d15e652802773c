"""An IncidentSink wrapper that remembers the last few events it stored, for `--status`.

Only events the inner sink accepted are kept, so the status answer shows what really
was journaled. Events are PHI-free by their contract; nothing here is written to disk.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from app.core.journal.incident import IncidentEvent
from app.core.ports import IncidentSink


class RecentSink:
    """Passes each event to `inner`; keeps the last `keep` that were stored."""

    def __init__(
        self,
        inner: IncidentSink,
        keep: int = 50,
        after_record: Callable[[], None] | None = None,
    ) -> None:
        self.inner = inner
        self._recent: deque[IncidentEvent] = deque(maxlen=keep)
        self._after_record = after_record

    def record(self, event: IncidentEvent) -> None:
        self.inner.record(event)  # raises when not stored: then it is not "recent" either
        self._recent.append(event)
        if self._after_record is not None:
            self._after_record()  # e.g. ask the journal keeper to sync soon

    def recent(self) -> list[IncidentEvent]:
        return list(self._recent)
