"""macOS foreground-app watcher and pasteboard poller over pyobjc (UNVERIFIED on a real Mac).

- Front app: NSWorkspace.frontmostApplication (name, bundle id, pid): no permission.
- Window title: the Accessibility API (AXFocusedWindow → AXTitle). It needs the
  Accessibility permission; without it only desktop AI apps (matched by bundle id) are
  recognised, not browser tabs, and the tray explains how to grant it.
- Clipboard: Qt sees other apps' pasteboard changes only while active, so
  NSPasteboard.changeCount is polled every 250 ms (DESIGN.md §8).
- What the app writes is marked org.nspasteboard.ConcealedType so clipboard managers
  skip it.
All calls go through `MacCalls`, so the logic is tested on Linux with a fake.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from app.backends._polling import Poller
from app.core.models import ForegroundWindow

log = logging.getLogger(__name__)
POLL_S = 0.25
CONCEALED = "org.nspasteboard.ConcealedType"
NEEDS_ACCESSIBILITY = (
    "PasteWarden needs the Accessibility permission to read browser tab titles: open "
    "System Settings → Privacy & Security → Accessibility and turn on PasteWarden "
    "(IT can pre-grant it with an MDM privacy profile). Until then only AI desktop apps "
    "are recognised."
)


class MacCalls(Protocol):
    """The AppKit / Accessibility calls; `PyObjCCalls` is the real one."""

    def frontmost(self) -> tuple[str, str | None, int] | None: ...
    def accessibility_trusted(self, prompt: bool) -> bool: ...
    def focused_window_title(self, pid: int) -> str | None: ...
    def change_count(self) -> int: ...
    def mark_concealed(self) -> None: ...


def describe(calls: MacCalls, titles: bool) -> ForegroundWindow | None:
    """The front app as a ForegroundWindow (bundle id as `app`)."""
    front = calls.frontmost()
    if front is None:
        return None
    name, bundle, pid = front
    title = (calls.focused_window_title(pid) if titles else None) or ""
    return ForegroundWindow(app=(bundle or name).lower(), title=title, pid=pid)


class MacWindowWatcher:
    """Polls the front app and its window title every 250 ms on a background thread."""

    name = "macos"

    def __init__(self, calls: MacCalls | None = None, interval_s: float = POLL_S) -> None:
        self._calls, self._interval_s = calls, interval_s
        self._poller: Poller | None = None
        self._current: ForegroundWindow | None = None
        self._titles = False
        self.limitation: str | None = None

    def start(self, on_change: Callable[[ForegroundWindow | None], None]) -> None:
        try:
            self._calls = self._calls or PyObjCCalls()
        except Exception as error:
            self.limitation = f"window detection unavailable ({type(error).__name__})"
            on_change(None)
            return
        calls = self._calls
        self._titles = calls.accessibility_trusted(prompt=True)
        self.limitation = None if self._titles else NEEDS_ACCESSIBILITY
        self.tick(on_change)
        self._poller = Poller(self._interval_s, lambda: self.tick(on_change), "mac-watcher")
        self._poller.start()

    def tick(self, on_change: Callable[[ForegroundWindow | None], None]) -> None:
        """One poll: report the window when it changed."""
        assert self._calls is not None
        window = describe(self._calls, self._titles)
        if window != self._current:
            self._current = window
            on_change(window)

    def stop(self) -> None:
        if self._poller is not None:
            self._poller.stop()

    def current(self) -> ForegroundWindow | None:
        return self._current


class PasteboardPoller:
    """`changed()` is True when NSPasteboard.changeCount moved since the last call."""

    def __init__(self, calls: MacCalls) -> None:
        self._calls = calls
        self._last = calls.change_count()

    def changed(self) -> bool:
        count = self._calls.change_count()
        moved, self._last = count != self._last, count
        return moved


class PyObjCCalls:
    """The real AppKit calls (pyobjc). Only constructible on macOS."""

    def __init__(self) -> None:
        import AppKit
        import ApplicationServices

        self._appkit: Any = AppKit
        self._ax: Any = ApplicationServices
        self._workspace = AppKit.NSWorkspace.sharedWorkspace()
        self._pasteboard = AppKit.NSPasteboard.generalPasteboard()

    def frontmost(self) -> tuple[str, str | None, int] | None:
        app = self._workspace.frontmostApplication()
        if app is None:
            return None
        bundle = app.bundleIdentifier()
        return (
            str(app.localizedName() or ""),
            str(bundle) if bundle else None,
            int(app.processIdentifier()),
        )

    def accessibility_trusted(self, prompt: bool) -> bool:
        options = {self._ax.kAXTrustedCheckOptionPrompt: prompt}
        return bool(self._ax.AXIsProcessTrustedWithOptions(options))

    def focused_window_title(self, pid: int) -> str | None:
        ax = self._ax
        app = ax.AXUIElementCreateApplication(pid)
        error, window = ax.AXUIElementCopyAttributeValue(app, ax.kAXFocusedWindowAttribute, None)
        if error or window is None:
            return None
        error, title = ax.AXUIElementCopyAttributeValue(window, ax.kAXTitleAttribute, None)
        return None if error or title is None else str(title)

    def change_count(self) -> int:
        return int(self._pasteboard.changeCount())

    def mark_concealed(self) -> None:
        self._pasteboard.addTypes_owner_([CONCEALED], None)
        self._pasteboard.setData_forType_(self._appkit.NSData.data(), CONCEALED)
