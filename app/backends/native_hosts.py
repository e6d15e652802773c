"""Where each browser looks for native-messaging host manifests, per OS (the only OS code).

macOS and Linux: a `NativeMessagingHosts` folder per browser (per user or per machine);
Windows: a registry key per browser whose default value is the manifest's path, behind
the `Registry` Protocol so tests use a fake. A Chromium started with `--user-data-dir D`
also reads `D/NativeMessagingHosts`. Only the Linux paths were verified here (Debian
Chromium); the others follow each vendor's native-messaging documentation.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

Browser = Literal["chrome", "edge", "chromium", "firefox"]
BROWSERS: tuple[Browser, ...] = ("chrome", "edge", "chromium", "firefox")
HOST_NAME = "com.pastewarden.companion"

_LINUX_USER = {
    "chrome": ".config/google-chrome/NativeMessagingHosts",
    "chromium": ".config/chromium/NativeMessagingHosts",
    "edge": ".config/microsoft-edge/NativeMessagingHosts",
    "firefox": ".mozilla/native-messaging-hosts",
}
_LINUX_SYSTEM = {
    "chrome": "/etc/opt/chrome/native-messaging-hosts",
    "chromium": "/etc/chromium/native-messaging-hosts",
    "edge": "/etc/opt/edge/native-messaging-hosts",
    "firefox": "/usr/lib/mozilla/native-messaging-hosts",
}
_MAC_USER = {
    "chrome": "Library/Application Support/Google/Chrome/NativeMessagingHosts",
    "chromium": "Library/Application Support/Chromium/NativeMessagingHosts",
    "edge": "Library/Application Support/Microsoft Edge/NativeMessagingHosts",
    "firefox": "Library/Application Support/Mozilla/NativeMessagingHosts",
}
_MAC_SYSTEM = {
    "chrome": "/Library/Google/Chrome/NativeMessagingHosts",
    "chromium": "/Library/Application Support/Chromium/NativeMessagingHosts",
    "edge": "/Library/Microsoft/Edge/NativeMessagingHosts",
    "firefox": "/Library/Application Support/Mozilla/NativeMessagingHosts",
}
_WINDOWS_KEYS = {
    "chrome": r"Software\Google\Chrome\NativeMessagingHosts",
    "chromium": r"Software\Chromium\NativeMessagingHosts",
    "edge": r"Software\Microsoft\Edge\NativeMessagingHosts",
    "firefox": r"Software\Mozilla\NativeMessagingHosts",
}


class Registry(Protocol):
    """The one Windows registry call registration needs."""

    def set_default_value(self, machine: bool, key: str, value: str) -> None: ...


@dataclass(frozen=True)
class Placement:
    """Where the manifest goes, and the registry key that must point at it (Windows)."""

    manifest: Path
    registry_key: str | None = None
    machine: bool = False


def placement(
    browser: Browser,
    platform: str,
    home: Path,
    system: bool,
    user_data_dir: Path | None = None,
    windows_folder: Path | None = None,
) -> Placement:
    """The manifest's path for this browser, OS and scope."""
    name = f"{HOST_NAME}.json"
    if user_data_dir is not None:
        if browser == "firefox":
            raise ValueError("--user-data-dir is for Chromium-based browsers only")
        return Placement(user_data_dir / "NativeMessagingHosts" / name)
    if platform == "win32":
        if windows_folder is None:
            raise ValueError("a folder for the manifest is needed on Windows")
        key = rf"{_WINDOWS_KEYS[browser]}\{HOST_NAME}"
        return Placement(windows_folder / f"{browser}-{name}", key, system)
    if platform == "darwin":
        folder = Path(_MAC_SYSTEM[browser]) if system else home / _MAC_USER[browser]
        return Placement(folder / name)
    folder = Path(_LINUX_SYSTEM[browser]) if system else home / _LINUX_USER[browser]
    return Placement(folder / name)


class WinRegistry:  # pragma: no cover - Windows only, unverified here
    """The real registry through winreg."""

    def set_default_value(self, machine: bool, key: str, value: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        root = winreg.HKEY_LOCAL_MACHINE if machine else winreg.HKEY_CURRENT_USER
        with winreg.CreateKeyEx(root, key, 0, winreg.KEY_SET_VALUE) as handle:
            winreg.SetValueEx(handle, "", 0, winreg.REG_SZ, value)


def system_folder(platform: str) -> Path:
    """Where per-machine copies of the extension and the host launcher go."""
    if platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "PasteWarden"
    if platform == "darwin":
        return Path("/Library/Application Support/PasteWarden")
    return Path("/usr/local/lib/pastewarden")
