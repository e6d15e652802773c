"""Start at login, per user: the Protocol every OS backend implements, and the chooser.

Per-user entries are what `pastewarden autostart enable|disable|status` manages. A
per-machine entry written by an installer (HKLM Run, /Library/LaunchAgents,
/etc/xdg/autostart, /etc/systemd/user) is only reported: a user cannot and should not
remove IT's entry.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from typing import Protocol

from app.backends.child_process import app_command

ENTRY_NAME = "PasteWarden"
BUNDLE_ID = "org.pastewarden.PasteWarden"


@dataclass(frozen=True)
class AutostartState:
    """Whether PasteWarden starts at login for this user, and from where."""

    user_entry: str | None  # where the per-user entry is, None when absent
    machine_entry: str | None  # where IT's per-machine entry is, None when absent

    @property
    def enabled(self) -> bool:
        return bool(self.user_entry or self.machine_entry)

    def describe(self) -> str:
        if self.machine_entry:
            return f"enabled for every user by the installer ({self.machine_entry})"
        if self.user_entry:
            return f"enabled for this user ({self.user_entry})"
        return "disabled"


class Autostart(Protocol):
    """One OS's login-item mechanism."""

    name: str

    def enable(self, command: list[str]) -> str:
        """Register `command` to run at this user's login; returns where it was written."""
        ...

    def disable(self) -> bool:
        """Remove this user's entry; True when there was one."""
        ...

    def state(self) -> AutostartState: ...


def launch_command() -> list[str]:
    """How to start the tray: the frozen binary, else this Python running the app module."""
    return app_command("run")


def command_line(command: list[str]) -> str:
    """POSIX shell quoting (XDG Exec and logs); Windows quoting lives in autostart_windows."""
    return shlex.join(command)


def choose_autostart(platform: str | None = None) -> Autostart:
    """The backend for this OS (imported lazily: winreg exists only on Windows)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        from app.backends.autostart_windows import WindowsAutostart

        return WindowsAutostart()
    if platform == "darwin":
        from app.backends.autostart_macos import MacAutostart

        return MacAutostart()
    from app.backends.autostart_systemd import linux_autostart

    return linux_autostart()
