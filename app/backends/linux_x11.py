"""Linux X11 foreground-window watcher (python-xlib), event-driven with a polling fallback.

The window in front is the root window's `_NET_ACTIVE_WINDOW` (needs an EWMH window
manager). Its title is `_NET_WM_NAME` (UTF-8), else `WM_NAME`; its app is the WM_CLASS
instance name, else the executable of `_NET_WM_PID` read from /proc. WM_CLASS comes
first because on Linux the executable is often a wrapper (flatpak's bwrap, snap,
/opt/google/chrome/chrome) while WM_CLASS is what desktop files and the catalog use.
The watcher thread owns its own X connection (python-xlib is not thread-safe), selects
PropertyNotify on the root window and on the active window (a browser tab switch only
changes the title), and re-reads every `safety_poll_s` in case an event was missed.
All X calls go through `XCalls`, so tests drive the logic with a fake.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.core.models import ForegroundWindow

log = logging.getLogger(__name__)
OnChange = Callable[[ForegroundWindow | None], None]


class XCalls(Protocol):
    """The X11 calls the watcher needs; `XlibCalls` is the real one."""

    def active_window(self) -> int | None: ...
    def title(self, wid: int) -> str: ...
    def wm_class(self, wid: int) -> tuple[str, str] | None: ...
    def pid(self, wid: int) -> int | None: ...
    def watch(self, wid: int | None) -> None: ...
    def wait(self, timeout_s: float) -> bool: ...
    def close(self) -> None: ...


def exe_name(pid: int | None, proc_root: Path = Path("/proc")) -> str | None:
    """The executable's file name for a process id, or None when unreadable."""
    if not pid:
        return None
    try:
        return Path(os.readlink(proc_root / str(pid) / "exe")).name or None
    except OSError:
        return None


def describe(
    calls: XCalls, wid: int | None, proc_root: Path = Path("/proc")
) -> ForegroundWindow | None:
    """The ForegroundWindow for an X window id; None when there is none or it vanished."""
    if wid is None:
        return None
    try:
        title = calls.title(wid)
        klass = calls.wm_class(wid)
        pid = calls.pid(wid)
    except Exception:  # BadWindow: the window closed between two calls
        return None
    instance, app_class = klass if klass else ("", "")
    app = instance or exe_name(pid, proc_root) or ""
    return ForegroundWindow(
        app=app.lower(), title=title, pid=pid, app_class=app_class.lower() or None
    )


class X11WindowWatcher:
    """Reports the active X11 window from a background thread."""

    name = "x11"

    def __init__(
        self,
        connect: Callable[[], XCalls] | None = None,
        proc_root: Path = Path("/proc"),
        safety_poll_s: float = 2.0,
    ) -> None:
        self._connect = connect or XlibCalls
        self._proc_root = proc_root
        self._safety_poll_s = safety_poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._current: ForegroundWindow | None = None
        self.limitation: str | None = None
        self.ready = threading.Event()

    def start(self, on_change: OnChange) -> None:
        self._thread = threading.Thread(
            target=self._run, args=(on_change,), name="x11-watcher", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def current(self) -> ForegroundWindow | None:
        return self._current

    def _run(self, on_change: OnChange) -> None:
        try:
            calls = self._connect()
        except Exception as error:
            self._fail(on_change, f"cannot connect to the X server ({type(error).__name__})")
            return
        try:
            self._loop(calls, on_change)
        except Exception as error:  # the X server went away: say so, never silently off
            self._fail(on_change, f"window detection stopped ({type(error).__name__})")
        finally:
            calls.close()

    def _loop(self, calls: XCalls, on_change: OnChange) -> None:
        last_wid: int | None = -1
        first = True
        while not self._stop.is_set():
            wid = calls.active_window()
            if wid != last_wid:
                calls.watch(wid)
                last_wid = wid
            window = describe(calls, wid, self._proc_root)
            if first or window != self._current:
                self._current = window
                on_change(window)
            if first:
                self.ready.set()
                first = False
            calls.wait(self._safety_poll_s)

    def _fail(self, on_change: OnChange, why: str) -> None:
        log.warning("x11 watcher: %s", why)
        self.limitation = why
        self._current = None
        self.ready.set()
        on_change(None)


class XlibCalls:
    """The real X11 calls through python-xlib, on one connection owned by one thread."""

    def __init__(self, display_name: str | None = None) -> None:
        from Xlib import X, display

        self._X = X
        self._display = display.Display(display_name)
        # Errors about windows that closed meanwhile are expected; the default handler
        # prints them to stderr.
        self._display.set_error_handler(lambda *_args: None)
        self._root = self._display.screen().root
        atom = self._display.intern_atom
        self._active = atom("_NET_ACTIVE_WINDOW")
        self._net_name, self._utf8 = atom("_NET_WM_NAME"), atom("UTF8_STRING")
        self._net_pid = atom("_NET_WM_PID")
        self._wm_name = 39  # Xatom.WM_NAME
        self._root.change_attributes(event_mask=X.PropertyChangeMask)
        self._watched: int | None = None

    def _window(self, wid: int):  # type: ignore[no-untyped-def]
        return self._display.create_resource_object("window", wid)

    def active_window(self) -> int | None:
        prop = self._root.get_full_property(self._active, self._X.AnyPropertyType)
        if prop is None or not len(prop.value):
            return None
        return int(prop.value[0]) or None

    def title(self, wid: int) -> str:
        window = self._window(wid)
        prop = window.get_full_property(self._net_name, self._utf8)
        if prop is None or not prop.value:
            prop = window.get_full_property(self._wm_name, self._X.AnyPropertyType)
        if prop is None:
            return ""
        value = prop.value
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

    def wm_class(self, wid: int) -> tuple[str, str] | None:
        found = self._window(wid).get_wm_class()
        return (str(found[0]), str(found[1])) if found else None

    def pid(self, wid: int) -> int | None:
        prop = self._window(wid).get_full_property(self._net_pid, 6)  # Xatom.CARDINAL
        return int(prop.value[0]) if prop is not None and len(prop.value) else None

    def watch(self, wid: int | None) -> None:
        """Title changes of the active window only: stop listening to the previous one."""
        for old_or_new, mask in ((self._watched, 0), (wid, self._X.PropertyChangeMask)):
            if old_or_new:
                with contextlib.suppress(Exception):  # the window is already gone
                    self._window(old_or_new).change_attributes(event_mask=mask)
        self._watched = wid
        self._display.flush()

    def wait(self, timeout_s: float) -> bool:
        """Block until an interesting PropertyNotify arrives or the timeout passes."""
        import select

        if not self._display.pending_events():
            select.select([self._display.fileno()], [], [], timeout_s)
        interesting = False
        wanted = (self._active, self._net_name, self._wm_name)
        while self._display.pending_events():
            event = self._display.next_event()
            interesting |= getattr(event, "atom", None) in wanted
        return interesting

    def close(self) -> None:
        self._display.close()
