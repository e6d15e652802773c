"""Windows foreground-window watcher over plain ctypes (UNVERIFIED on real Windows).

GetForegroundWindow → GetWindowTextW (title) → GetWindowThreadProcessId → OpenProcess +
QueryFullProcessImageNameW (exe name, e.g. chrome.exe). SetWinEventHook with
EVENT_SYSTEM_FOREGROUND and EVENT_OBJECT_NAMECHANGE (a tab switch renames the window),
out of context: the callback runs on the thread that set the hook, which must pump
messages; `start()` is called on Qt's GUI thread, whose event loop does. UWP apps show
as ApplicationFrameHost.exe. All OS calls go through `Win32Calls`, so the logic is
tested on Linux with a fake; the ctypes layer itself has never run on Windows here.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import PureWindowsPath
from typing import Any, Protocol

from app.core.models import ForegroundWindow

log = logging.getLogger(__name__)
EVENT_SYSTEM_FOREGROUND = 0x0003
EVENT_OBJECT_NAMECHANGE = 0x800C
OBJID_WINDOW = 0
HookCallback = Callable[[int, int, int], None]  # (event, hwnd, id_object)


class Win32Calls(Protocol):
    """The Win32 calls the watcher needs; `CtypesWin32` is the real one."""

    def foreground_window(self) -> int: ...
    def window_text(self, hwnd: int) -> str: ...
    def window_pid(self, hwnd: int) -> int: ...
    def process_image(self, pid: int) -> str | None: ...
    def set_hooks(self, callback: HookCallback) -> list[Any]: ...
    def unhook(self, handles: list[Any]) -> None: ...


def describe(calls: Win32Calls, hwnd: int) -> ForegroundWindow | None:
    """The ForegroundWindow for a window handle; None for no window."""
    if not hwnd:
        return None
    pid = calls.window_pid(hwnd)
    image = calls.process_image(pid) if pid else None
    app = PureWindowsPath(image).name if image else ""
    return ForegroundWindow(app=app.lower(), title=calls.window_text(hwnd), pid=pid or None)


class WindowsWindowWatcher:
    """Event-driven through SetWinEventHook; no polling."""

    name = "windows"

    def __init__(self, calls: Win32Calls | None = None) -> None:
        self._calls = calls
        self._hooks: list[Any] = []
        self._current: ForegroundWindow | None = None
        self._on_change: Callable[[ForegroundWindow | None], None] | None = None
        self.limitation: str | None = None

    def start(self, on_change: Callable[[ForegroundWindow | None], None]) -> None:
        self._on_change = on_change
        try:
            self._calls = self._calls or CtypesWin32()
            self._hooks = self._calls.set_hooks(self._on_event)
        except Exception as error:
            self.limitation = f"window detection unavailable ({type(error).__name__})"
            log.warning("windows watcher: %s", self.limitation)
            on_change(None)
            return
        self._refresh()

    def _on_event(self, event: int, hwnd: int, id_object: int) -> None:
        assert self._calls is not None
        if event == EVENT_OBJECT_NAMECHANGE and (
            id_object != OBJID_WINDOW or hwnd != self._calls.foreground_window()
        ):
            return  # a title change somewhere else: irrelevant
        self._refresh()

    def _refresh(self) -> None:
        assert self._calls is not None and self._on_change is not None
        window = describe(self._calls, self._calls.foreground_window())
        if window != self._current:
            self._current = window
            self._on_change(window)

    def stop(self) -> None:
        if self._calls is not None and self._hooks:
            self._calls.unhook(self._hooks)
        self._hooks = []

    def current(self) -> ForegroundWindow | None:
        return self._current


class CtypesWin32:
    """The real Win32 calls. Only constructible on Windows."""

    _ct: Any
    _wt: Any
    _user32: Any
    _kernel32: Any
    _proc_type: Any

    def __init__(self) -> None:
        if sys.platform != "win32":
            raise OSError("the Win32 backend runs only on Windows")
        import ctypes
        from ctypes import wintypes

        self._ct, self._wt = ctypes, wintypes
        self._user32 = ctypes.WinDLL("user32", use_last_error=True)
        self._kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        self._proc_type = ctypes.WINFUNCTYPE(
            None, wintypes.HANDLE, wintypes.DWORD, wintypes.HWND,
            wintypes.LONG, wintypes.LONG, wintypes.DWORD, wintypes.DWORD,
        )  # fmt: skip
        self._keep: list[Any] = []  # the callback must outlive the hook

    def foreground_window(self) -> int:
        return int(self._user32.GetForegroundWindow() or 0)

    def window_text(self, hwnd: int) -> str:
        buffer = self._ct.create_unicode_buffer(512)
        self._user32.GetWindowTextW(hwnd, buffer, 512)
        return str(buffer.value)

    def window_pid(self, hwnd: int) -> int:
        pid = self._wt.DWORD(0)
        self._user32.GetWindowThreadProcessId(hwnd, self._ct.byref(pid))
        return int(pid.value)

    def process_image(self, pid: int) -> str | None:
        handle = self._kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return None
        try:
            size = self._wt.DWORD(1024)
            buffer = self._ct.create_unicode_buffer(1024)
            ok = self._kernel32.QueryFullProcessImageNameW(handle, 0, buffer, self._ct.byref(size))
            return str(buffer.value) if ok else None
        finally:
            self._kernel32.CloseHandle(handle)

    def set_hooks(self, callback: HookCallback) -> list[Any]:
        def trampoline(_hook: Any, event: int, hwnd: int, id_object: int, *_rest: Any) -> None:
            callback(int(event), int(hwnd or 0), int(id_object))

        proc = self._proc_type(trampoline)
        self._keep.append(proc)
        out_of_context = 0x0000
        return [
            self._user32.SetWinEventHook(event, event, 0, proc, 0, 0, out_of_context)
            for event in (EVENT_SYSTEM_FOREGROUND, EVENT_OBJECT_NAMECHANGE)
        ]

    def unhook(self, handles: list[Any]) -> None:
        for handle in handles:
            self._user32.UnhookWinEvent(handle)
