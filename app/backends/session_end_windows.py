"""Windows logoff and shutdown (UNVERIFIED: never run on Windows; tested with fakes).

A hidden top-level window, created on the GUI thread so Qt's message loop pumps it,
receives the broadcast WM_QUERYENDSESSION (answered TRUE: we never veto a shutdown)
and WM_ENDSESSION; with wParam TRUE the session really ends and `on_end` runs at once
(Windows may end the process soon after that message returns). On SIGTERM-like ends
`ending_now()` asks GetSystemMetrics(SM_SHUTTINGDOWN). The Win32 calls sit behind
`WinCalls`, so the message logic is tested on Linux.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any, Protocol

WM_QUERYENDSESSION = 0x0011
WM_ENDSESSION = 0x0016
SM_SHUTTINGDOWN = 0x2000
MessageHandler = Callable[[int, int], "int | None"]


class WinCalls(Protocol):
    """The Win32 calls the backend needs."""

    def shutting_down(self) -> bool: ...

    def listen(self, handler: MessageHandler) -> None:
        """Create the hidden window; `handler(msg, wparam)` answers first (None: default)."""
        ...

    def close(self) -> None: ...


class WindowsSessionEnd:
    """WM_QUERYENDSESSION / WM_ENDSESSION and SM_SHUTTINGDOWN."""

    name = "wm-endsession"

    def __init__(self, calls: WinCalls | None = None) -> None:
        self._calls = calls or Win32Calls()
        self._on_end: Callable[[], None] | None = None
        self.ended = False

    def start(self, on_end: Callable[[], None]) -> None:
        self._on_end = on_end
        self._calls.listen(self.handle)

    def stop(self) -> None:
        self._calls.close()

    def ending_now(self) -> bool:
        return self.ended or self._calls.shutting_down()

    def handle(self, msg: int, wparam: int) -> int | None:
        """A window message: the answer for the two session messages, None for the rest."""
        if msg == WM_QUERYENDSESSION:
            return 1  # agree: a protection tool must not hold up a shutdown
        if msg == WM_ENDSESSION:
            if wparam and not self.ended:
                self.ended = True
                if self._on_end is not None:
                    self._on_end()
            return 0
        return None


class Win32Calls:  # pragma: no cover - Windows only
    """ctypes: GetSystemMetrics and a hidden window with its own window procedure."""

    def __init__(self) -> None:
        self._hwnd: int | None = None
        self._keep: list[Any] = []  # the WNDPROC and class must outlive the window

    def shutting_down(self) -> bool:
        return bool(_user32().GetSystemMetrics(SM_SHUTTINGDOWN))

    def listen(self, handler: MessageHandler) -> None:
        from ctypes import wintypes

        user32 = _user32()
        proc_type = ctypes.WINFUNCTYPE(  # type: ignore[attr-defined]
            ctypes.c_ssize_t, wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM
        )
        user32.DefWindowProcW.restype = ctypes.c_ssize_t
        user32.DefWindowProcW.argtypes = [
            wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM,
        ]  # fmt: skip

        def window_proc(hwnd: int, msg: int, wparam: int, lparam: int) -> int:
            answer = handler(msg, wparam)
            return (
                answer if answer is not None else user32.DefWindowProcW(hwnd, msg, wparam, lparam)
            )

        proc = proc_type(window_proc)
        wndclass = _window_class(proc)
        user32.RegisterClassW(ctypes.byref(wndclass))
        # A top-level window (not HWND_MESSAGE): only those get the session broadcasts.
        self._hwnd = user32.CreateWindowExW(
            0, wndclass.lpszClassName, "PasteWarden session", 0, 0, 0, 0, 0, None, None, None, None
        )
        self._keep = [proc, wndclass]

    def close(self) -> None:
        if self._hwnd:
            _user32().DestroyWindow(self._hwnd)
            self._hwnd = None


def _user32() -> Any:  # pragma: no cover - Windows only
    return ctypes.windll.user32  # type: ignore[attr-defined]


def _window_class(proc: Any) -> Any:  # pragma: no cover - Windows only
    wndclass = _wndclassw()
    wndclass.lpfnWndProc = ctypes.cast(proc, ctypes.c_void_p)
    wndclass.lpszClassName = "PasteWardenSessionEnd"
    wndclass.hInstance = ctypes.windll.kernel32.GetModuleHandleW(None)  # type: ignore[attr-defined]
    return wndclass


def _wndclassw() -> Any:  # pragma: no cover - Windows only
    from ctypes import wintypes

    class WNDCLASSW(ctypes.Structure):
        _fields_ = [
            ("style", wintypes.UINT), ("lpfnWndProc", ctypes.c_void_p),
            ("cbClsExtra", ctypes.c_int), ("cbWndExtra", ctypes.c_int),
            ("hInstance", wintypes.HINSTANCE), ("hIcon", wintypes.HICON),
            ("hCursor", wintypes.HANDLE), ("hbrBackground", wintypes.HBRUSH),
            ("lpszMenuName", wintypes.LPCWSTR), ("lpszClassName", wintypes.LPCWSTR),
        ]  # fmt: skip

    return WNDCLASSW()
