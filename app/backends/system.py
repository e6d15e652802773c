"""The OS services the core asks for (app.core.ports.SystemServices), for this machine.

User and host names, the keyring, the central folder for a policy's location and
whether SQLite needs macOS's full fsync. Installed when `app` is imported; modules
that are slow to import (keyring, smbprotocol) load on first use.
"""

from __future__ import annotations

import getpass
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import install_system

if TYPE_CHECKING:
    from app.core.central.folder import CentralFS
    from app.core.ports import SecretStore


class OsServices:
    """app.core.ports.SystemServices over the real OS."""

    # Plain fsync does not reach the platter on macOS: SQLite must ask for F_FULLFSYNC.
    sqlite_fullfsync = sys.platform == "darwin"

    def user_name(self) -> str:
        """The signed-in user's login name, or "unknown" (no passwd entry in some containers)."""
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "unknown"

    def host_name(self) -> str:
        """This computer's host name."""
        return socket.gethostname()

    def secrets(self) -> SecretStore:
        """The OS keyring through the `keyring` library (app.backends.keyring_secrets)."""
        from app.backends.keyring_secrets import KeyringSecrets

        return KeyringSecrets()

    def open_central(self, location: str) -> CentralFS:
        """The central folder a policy names: a path, a UNC path or an smb:// URL."""
        from app.backends.central_folders import open_central

        return open_central(location)

    def local_folder(self, path: Path) -> CentralFS:
        """A folder on this computer, used as a central folder."""
        from app.backends.central_folders import LocalFS

        return LocalFS(path)


def install() -> None:
    """Make OsServices what app.core.system() returns."""
    install_system(OsServices())
