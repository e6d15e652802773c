"""Telling an OS shutdown or logout apart from a kill: the Protocol, the chooser, Linux.

The tray records `os_shutdown` instead of `stopped` when the session or the machine is
ending. Two signals feed it: Qt's `commitDataRequest` (the app wires that itself) and
one backend per OS:
- `start(on_end)`: call `on_end` (on the GUI thread) when the OS announces the end;
- `ending_now()`: asked when SIGTERM arrives, "is the OS going down right now?".
Linux (here): no announcement besides Qt's session management; `ending_now` asks
systemd whether the system or the user's manager is stopping, and logind whether this
login session is closing. The commands go through an injectable runner (fakes in tests).
Windows and macOS: session_end_windows.py, session_end_macos.py (unverified there).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from typing import Protocol

Runner = Callable[[list[str]], str | None]  # the command's stdout, None when it failed


class SessionEnd(Protocol):
    """One OS's session-end signals."""

    name: str

    def start(self, on_end: Callable[[], None]) -> None: ...

    def stop(self) -> None: ...

    def ending_now(self) -> bool: ...


def run_quietly(args: list[str]) -> str | None:
    """stdout of a short command (2 s at most), None when it cannot run or fails."""
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 or done.stdout.strip() else None


class LinuxSessionEnd:
    """systemd/logind answers to "is this a shutdown or logout?"."""

    name = "systemd-logind"

    def __init__(self, run: Runner = run_quietly, env: Mapping[str, str] | None = None) -> None:
        self._run = run
        self._session = (os.environ if env is None else env).get("XDG_SESSION_ID")

    def start(self, on_end: Callable[[], None]) -> None:
        """Nothing to watch: Qt's session management reports an XSMP logout."""

    def stop(self) -> None:
        """Nothing to release."""

    def ending_now(self) -> bool:
        # is-system-running prints "stopping" (exit code non-zero) while shutting down.
        for scope in (["systemctl"], ["systemctl", "--user"]):
            if self._run([*scope, "is-system-running"]) == "stopping":
                return True
        if self._session:
            state = self._run(["loginctl", "show-session", self._session, "-p", "State", "--value"])
            return state == "closing"
        return False


def choose_session_end(platform: str | None = None) -> SessionEnd:
    """The backend for this OS (imported lazily: ctypes.windll / pyobjc exist only there)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        from app.backends.session_end_windows import WindowsSessionEnd

        return WindowsSessionEnd()
    if platform == "darwin":
        from app.backends.session_end_macos import MacSessionEnd

        return MacSessionEnd()
    return LinuxSessionEnd()
