"""Chooses the window watcher for this OS and session (one backend module per OS)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

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
