"""Chooses the OS backends for this OS and session (one backend module per OS).

The window watcher, and what the Qt clipboard adapter needs from the OS besides Qt
(macOS: a change-count poller and the concealed-type marker). The tray's composition
root (app/ui/agent.py) asks here and never looks at the platform itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.backends.unsupported import NO_DISPLAY, UNKNOWN, WAYLAND, UnsupportedWatcher
from app.core.ports import WindowWatcher


def choose_watcher(
    platform: str | None = None, env: Mapping[str, str] | None = None
) -> WindowWatcher:
    """X11 on Linux with an X display, Win32 on Windows, AppKit on macOS, else limited."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    if platform.startswith("win"):
        from app.backends.windows import WindowsWindowWatcher

        return WindowsWindowWatcher()
    if platform == "darwin":
        from app.backends.macos import MacWindowWatcher

        return MacWindowWatcher()
    if platform.startswith("linux"):
        if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
            return UnsupportedWatcher(WAYLAND)
        if env.get("DISPLAY"):
            from app.backends.linux_x11 import X11WindowWatcher

            return X11WindowWatcher()
        return UnsupportedWatcher(NO_DISPLAY)
    return UnsupportedWatcher(UNKNOWN)


def has_display(platform: str | None = None, env: Mapping[str, str] | None = None) -> bool:
    """False only on Linux without DISPLAY or WAYLAND_DISPLAY (no clipboard, no windows)."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


@dataclass(frozen=True)
class ClipboardHooks:
    """OS help for app.ui.qt_clipboard.QtClipboard; None where Qt alone suffices."""

    poll_change_count: Callable[[], bool] | None = None
    after_write: Callable[[], None] | None = None


def choose_clipboard_hooks(platform: str | None = None) -> ClipboardHooks:
    """macOS: poll NSPasteboard's change count (Qt misses changes while inactive) and mark
    what the app writes as concealed; other systems need nothing from outside Qt."""
    if (platform or sys.platform) == "darwin":  # pragma: no cover - macOS only, unverified
        from app.backends.macos import PasteboardPoller, PyObjCCalls

        calls = PyObjCCalls()
        return ClipboardHooks(PasteboardPoller(calls).changed, calls.mark_concealed)
    return ClipboardHooks()
