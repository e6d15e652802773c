"""The tray bench's X desktop: a private Xvfb + openbox + trayer, and an event listener.

`start_display()` starts the three like scripts/test.sh does (on a free display, with a
limit on each wait); `Listener` records CLIPBOARD owner changes (XFixes) and
_NET_ACTIVE_WINDOW changes with one clock, so both ends of a reaction share it.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

from deadline import BenchStopped, step
from Xlib import X, display
from Xlib.ext import xfixes

X_TOOLS = ("Xvfb", "openbox", "trayer")


class Listener(threading.Thread):
    """Records (time, kind, detail) for CLIPBOARD owner changes and active-window changes."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.events: queue.Queue[tuple[float, str, int]] = queue.Queue()
        self.d = display.Display()
        self.d.xfixes_query_version()
        root = self.d.screen().root
        self.clipboard = self.d.intern_atom("CLIPBOARD")
        self.active = self.d.intern_atom("_NET_ACTIVE_WINDOW")
        self.d.xfixes_select_selection_input(
            root, self.clipboard, xfixes.XFixesSetSelectionOwnerNotifyMask
        )
        root.change_attributes(event_mask=X.PropertyChangeMask)
        self.d.flush()

    def run(self) -> None:
        while True:
            try:
                event = self.d.next_event()
            except Exception:  # the display went away at the end of the run
                return
            now = time.perf_counter()
            if getattr(event, "atom", None) == self.active:
                self.events.put((now, "active", 0))
            elif hasattr(event, "owner") and getattr(event, "selection", None) == self.clipboard:
                self.events.put((now, "owner", int(event.owner.id if event.owner else 0)))

    def drain(self) -> None:
        while not self.events.empty():
            self.events.get_nowait()

    def next(self, kind: str, timeout: float = 10.0) -> tuple[float, int]:
        deadline = time.perf_counter() + timeout
        while True:
            try:
                left = max(0.01, deadline - time.perf_counter())
                at, got, detail = self.events.get(timeout=left)
            except queue.Empty:
                what = "clipboard owner change" if kind == "owner" else "active-window change"
                raise BenchStopped(f"no {what} seen within {timeout:.0f} s") from None
            if got == kind:
                return at, detail


def need(tools: tuple[str, ...]) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        raise BenchStopped(
            f"needs {', '.join(missing)} (bash scripts/test.sh installs them with apt)"
        )


def start_display() -> list[subprocess.Popen[bytes]]:
    """Xvfb + openbox + trayer on a free display, like scripts/test.sh."""
    need(X_TOOLS)
    step("starting Xvfb")
    for n in range(90, 70, -1):
        if not Path(f"/tmp/.X11-unix/X{n}").exists():
            break
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [
        subprocess.Popen(
            ["Xvfb", f":{n}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], **quiet
        )
    ]  # type: ignore[call-overload]
    for _ in range(200):  # 10 s
        if Path(f"/tmp/.X11-unix/X{n}").exists():
            break
        time.sleep(0.05)
    else:
        procs[0].terminate()
        raise BenchStopped(f"Xvfb did not start on :{n} within 10 s")
    os.environ["DISPLAY"] = f":{n}"
    procs.append(subprocess.Popen(["openbox", "--sm-disable"], **quiet))  # type: ignore[call-overload]
    time.sleep(0.5)
    procs.append(
        subprocess.Popen(
            ["trayer", "--edge", "top", "--align", "right", "--SetDockType", "true"], **quiet
        )
    )  # type: ignore[call-overload]
    time.sleep(0.5)
    return procs
