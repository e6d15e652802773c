"""The decisions waiting for the person: the one the warning dialog shows, and the queue.

One warning dialog at a time. A decision that needs the dialog while another is open
(ours, or the browser companion's) waits its turn, its content still quarantined.
Each decision keeps its original clipboard (memory only) until it is answered or
dropped; the pipeline owns this queue next to what it knows about the current
content, so the whole scan -> decision -> dialog -> release flow has one owner
(app/ui/bridge.py only executes: Qt widgets, timers and the clipboard).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.protect.clipboard_text import ClipboardSnapshot
from app.core.protect.decision import Decision

if TYPE_CHECKING:  # only for the annotation: pipeline imports this module
    from app.core.protect.pipeline import ScanJob


@dataclass
class HeldDecision:
    """One decision to show: the job, the decision and the original clipboard (memory)."""

    job: ScanJob
    decision: Decision
    snapshot: ClipboardSnapshot = field(repr=False)


class DialogQueue:
    """Which held decision is on screen, which wait, and whether another dialog is open."""

    def __init__(self) -> None:
        self.shown: HeldDecision | None = None
        self._waiting: deque[HeldDecision] = deque()
        self.other_open = False  # a browser companion's dialog is on screen

    def offer(self, held: HeldDecision) -> bool:
        """True when `held` is to be shown now; False when it waits for the open dialog."""
        if self.shown is not None or self.other_open:
            self._waiting.append(held)
            return False
        self.shown = held
        return True

    def answered(self) -> HeldDecision | None:
        """The decision whose dialog was answered; nothing is on screen after this."""
        held, self.shown = self.shown, None
        return held

    def set_other_open(self, on: bool) -> bool:
        """Another dialog opened or closed; True when the queue may move on now."""
        self.other_open = on
        return not on and self.shown is None

    @property
    def has_waiting(self) -> bool:
        """Whether a decision waits for its turn."""
        return bool(self._waiting)

    def next_waiting(self) -> HeldDecision:
        """The decision that waited longest (call only when `has_waiting`)."""
        return self._waiting.popleft()
