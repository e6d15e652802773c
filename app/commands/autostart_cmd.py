"""`pastewarden autostart enable|disable|status`: start the tray at this user's login.

Per-user only (HKCU Run, ~/Library/LaunchAgents, ~/.config/autostart); the OS code is in
app/backends/autostart_*.py. Installers register per-machine entries themselves, which
`status` reports and `disable` cannot remove (exit 1 with a message saying so).
"""

from __future__ import annotations

import argparse

from app.backends.autostart_base import Autostart, choose_autostart, launch_command

EXIT_OK, EXIT_FAILED = 0, 1


def current_autostart(backend: Autostart | None = None) -> str:
    """One line for `status`: enabled (where) or disabled; never raises."""
    try:
        return (backend or choose_autostart()).state().describe()
    except OSError as error:
        return f"unknown ({type(error).__name__})"


def run_autostart(args: argparse.Namespace, backend: Autostart | None = None) -> int:
    """Enable, disable or report this user's start-at-login entry."""
    chosen = backend or choose_autostart()
    if args.action == "enable":
        print(f"start at login enabled: {chosen.enable(launch_command())}")
        return EXIT_OK
    if args.action == "disable":
        removed = chosen.disable()
        state = chosen.state()
        print("start at login disabled for this user" if removed else "no per-user entry")
        if state.machine_entry:
            print(f"still started for every user by the installer: {state.machine_entry}")
            return EXIT_FAILED
        return EXIT_OK
    state = chosen.state()
    print(f"start at login: {state.describe()}")
    return EXIT_OK if state.enabled else EXIT_FAILED
