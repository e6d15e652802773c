"""Start at login on macOS: a per-user LaunchAgent (UNVERIFIED: never run on a Mac).

~/Library/LaunchAgents/org.pastewarden.PasteWarden.plist with RunAtLoad, KeepAlive
(launchd restarts the tray if it dies) and LimitLoadToSessionType Aqua (GUI logins only).
The pkg installs the same agent for every user in /Library/LaunchAgents (reported only).
launchctl is called through an injectable runner so tests use a fake.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.backends.autostart_base import BUNDLE_ID, AutostartState

MACHINE_DIR = Path("/Library/LaunchAgents")
Runner = Callable[[list[str]], int]


def launch_agent(command: list[str]) -> dict[str, Any]:
    """The LaunchAgent dictionary; installer/macos/org.pastewarden.PasteWarden.plist matches."""
    return {
        "Label": BUNDLE_ID,
        "ProgramArguments": command,
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},  # restart after a crash, not after Quit
        "LimitLoadToSessionType": "Aqua",
        "ProcessType": "Interactive",
    }


def _launchctl(args: list[str]) -> int:  # pragma: no cover - macOS only
    return subprocess.run(["launchctl", *args], check=False, capture_output=True).returncode


class MacAutostart:
    """Writes or removes the per-user LaunchAgent and (un)loads it with launchctl."""

    name = "launchagent"

    def __init__(
        self,
        home: Path | None = None,
        run: Runner = _launchctl,
        uid: int | None = None,
        machine_dir: Path = MACHINE_DIR,
    ) -> None:
        self.user_file = (home or Path.home()) / "Library" / "LaunchAgents" / f"{BUNDLE_ID}.plist"
        self.machine_file = machine_dir / f"{BUNDLE_ID}.plist"
        self._run = run
        self._domain = f"gui/{uid if uid is not None else os.getuid()}"

    def enable(self, command: list[str]) -> str:
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        self.user_file.write_bytes(plistlib.dumps(launch_agent(command)))
        self._run(["bootout", self._domain, str(self.user_file)])  # a stale copy, if loaded
        self._run(["bootstrap", self._domain, str(self.user_file)])
        return str(self.user_file)

    def disable(self) -> bool:
        if not self.user_file.exists():
            return False
        self._run(["bootout", self._domain, str(self.user_file)])
        self.user_file.unlink()
        return True

    def state(self) -> AutostartState:
        return AutostartState(
            str(self.user_file) if self.user_file.exists() else None,
            str(self.machine_file) if self.machine_file.exists() else None,
        )
