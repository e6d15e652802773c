"""macOS logout, restart and shutdown (UNVERIFIED: never run on a Mac; tested with fakes).

NSWorkspaceWillPowerOffNotification is posted on NSWorkspace's notification center
when the user logs out, restarts or shuts down; launchd then sends SIGTERM. The
observer runs `on_end` at once and remembers it, so the SIGTERM that follows is
`ending_now()` too. pyobjc sits behind `MacCalls` so the logic is tested on Linux.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class MacCalls(Protocol):
    """Register and remove the power-off observer."""

    def observe_power_off(self, callback: Callable[[], None]) -> object: ...

    def remove(self, token: object) -> None: ...


class MacSessionEnd:
    """NSWorkspaceWillPowerOffNotification."""

    name = "nsworkspace-power-off"

    def __init__(self, calls: MacCalls | None = None) -> None:
        self._calls = calls or PyObjCWorkspace()
        self._token: object | None = None
        self._on_end: Callable[[], None] | None = None
        self.ended = False

    def start(self, on_end: Callable[[], None]) -> None:
        self._on_end = on_end
        self._token = self._calls.observe_power_off(self._power_off)

    def stop(self) -> None:
        if self._token is not None:
            self._calls.remove(self._token)
            self._token = None

    def ending_now(self) -> bool:
        return self.ended

    def _power_off(self) -> None:
        if not self.ended:
            self.ended = True
            if self._on_end is not None:
                self._on_end()


class PyObjCWorkspace:  # pragma: no cover - macOS only
    """The observer through NSWorkspace's own notification center (main thread)."""

    def observe_power_off(self, callback: Callable[[], None]) -> object:
        from AppKit import NSWorkspace, NSWorkspaceWillPowerOffNotification
        from Foundation import NSOperationQueue

        center: Any = NSWorkspace.sharedWorkspace().notificationCenter()
        return center.addObserverForName_object_queue_usingBlock_(
            NSWorkspaceWillPowerOffNotification,
            None,
            NSOperationQueue.mainQueue(),
            lambda _note: callback(),
        )

    def remove(self, token: object) -> None:
        from AppKit import NSWorkspace

        NSWorkspace.sharedWorkspace().notificationCenter().removeObserver_(token)
