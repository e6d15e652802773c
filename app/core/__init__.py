"""Pure-Python core: models, ports, protect, journal, central, review. No Qt, no OS calls.

What the core needs from the operating system (user and host names, the keyring,
central folders, how SQLite reaches the disk) comes through `system()`: an
app.core.ports.SystemServices that the app installs when it is imported
(app/__init__.py installs app.backends.system.OsServices). Tests may install a fake.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.ports import SystemServices

_installed: list[SystemServices] = []


def install_system(services: SystemServices) -> None:
    """Make `services` what every later `system()` call returns."""
    _installed[:] = [services]


def system() -> SystemServices:
    """The OS services in force; installing them is the app's job, never the core's."""
    if not _installed:
        raise RuntimeError("no OS services installed (app/__init__.py installs them)")
    return _installed[0]
