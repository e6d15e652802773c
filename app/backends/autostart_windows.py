"""Start at login on Windows: the HKCU Run key (UNVERIFIED: never run on Windows).

Per user: HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run, value "PasteWarden".
The MSI registers the "PasteWarden" logon task for every user instead (windows_tasks;
reported only; only an administrator may change it); an HKLM Run value of the same name
(older MSIs, or IT's own GPO) is reported too. Registry access goes through a small
injectable object so tests use a dict-backed fake; the real one wraps `winreg`.
"""

from __future__ import annotations

import importlib
import subprocess
from typing import Any, Protocol

from app.backends.autostart_base import ENTRY_NAME, AutostartState
from app.backends.windows_tasks import LOGON_TASK, TaskScheduler

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class Registry(Protocol):
    """The three registry calls this backend needs, for HKCU ("user") and HKLM ("machine")."""

    def get(self, hive: str, key: str, name: str) -> str | None: ...

    def set(self, hive: str, key: str, name: str, value: str) -> None: ...

    def delete(self, hive: str, key: str, name: str) -> bool: ...


def _winreg() -> Any:
    """winreg, typed as Any: mypy on Linux knows no winreg attributes."""
    return importlib.import_module("winreg")


class WinReg:  # pragma: no cover - Windows only
    """The real registry through `winreg` (REG_SZ values)."""

    def _hive(self, hive: str) -> int:
        winreg = _winreg()
        return winreg.HKEY_CURRENT_USER if hive == "user" else winreg.HKEY_LOCAL_MACHINE

    def get(self, hive: str, key: str, name: str) -> str | None:
        winreg = _winreg()
        try:
            with winreg.OpenKey(self._hive(hive), key) as handle:
                return str(winreg.QueryValueEx(handle, name)[0])
        except OSError:
            return None

    def set(self, hive: str, key: str, name: str, value: str) -> None:
        winreg = _winreg()
        with winreg.CreateKey(self._hive(hive), key) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete(self, hive: str, key: str, name: str) -> bool:
        winreg = _winreg()
        try:
            with winreg.OpenKey(self._hive(hive), key, 0, winreg.KEY_SET_VALUE) as handle:
                winreg.DeleteValue(handle, name)
            return True
        except OSError:
            return False


class WindowsAutostart:
    """HKCU Run value; `registry` is injectable (tests pass a fake)."""

    name = "hkcu-run"

    def __init__(
        self, registry: Registry | None = None, tasks: TaskScheduler | None = None
    ) -> None:
        self._registry: Registry = registry or WinReg()
        self._tasks = tasks or TaskScheduler()

    def enable(self, command: list[str]) -> str:
        # list2cmdline quotes the way CreateProcess parses (paths under Program Files have spaces)
        self._registry.set("user", RUN_KEY, ENTRY_NAME, subprocess.list2cmdline(command))
        return rf"HKCU\{RUN_KEY}\{ENTRY_NAME}"

    def disable(self) -> bool:
        return self._registry.delete("user", RUN_KEY, ENTRY_NAME)

    def state(self) -> AutostartState:
        user = self._registry.get("user", RUN_KEY, ENTRY_NAME)
        machine = None
        if self._tasks.exists(LOGON_TASK):
            machine = f"scheduled task {LOGON_TASK}"
        elif self._registry.get("machine", RUN_KEY, ENTRY_NAME):
            machine = rf"HKLM\{RUN_KEY}\{ENTRY_NAME}"
        return AutostartState(rf"HKCU\{RUN_KEY}\{ENTRY_NAME}" if user else None, machine)
