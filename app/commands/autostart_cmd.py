"""`pastewarden autostart enable|disable|status`: start the tray at this user's login.

Per-user only (HKCU Run, ~/Library/LaunchAgents, ~/.config/autostart); the OS code is in
app/backends/autostart_*.py. Installers register per-machine entries themselves, which
`status` reports and `disable` cannot remove (exit 1 with a message saying so).

`machine-enable` / `machine-disable` are the Windows MSI's install and uninstall steps
(run elevated, as SYSTEM): the per-machine logon task that restarts the tray on failure
and, when install.ini has a PolicyUrl, the daily `policy fetch` task (windows_tasks).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.backends.autostart_base import Autostart, choose_autostart, launch_command

if TYPE_CHECKING:
    from app.backends.windows_tasks import TaskScheduler

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
MACHINE_ACTIONS = ("machine-enable", "machine-disable")


def current_autostart(backend: Autostart | None = None) -> str:
    """One line for `status`: enabled (where) or disabled; never raises."""
    try:
        return (backend or choose_autostart()).state().describe()
    except OSError as error:
        return f"unknown ({type(error).__name__})"


def run_autostart(args: argparse.Namespace, backend: Autostart | None = None) -> int:
    """Enable, disable or report this user's start-at-login entry."""
    if args.action in MACHINE_ACTIONS:
        return run_machine_tasks(args.action)
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


def run_machine_tasks(
    action: str, platform: str | None = None, tasks: TaskScheduler | None = None
) -> int:
    """The MSI's per-machine step; Windows only (other OSes: the pkg / XDG entry does it)."""
    if not (platform or sys.platform).startswith("win"):
        print("per-machine tasks are a Windows installer step", file=sys.stderr)
        return EXIT_ERROR
    from app.backends.windows_tasks import (
        TaskScheduler,
        disable_machine_tasks,
        enable_machine_tasks,
    )
    from policy.locations import managed_dir, read_install_settings

    scheduler = tasks or TaskScheduler()
    if action == "machine-disable":
        disable_machine_tasks(scheduler)
        print("per-machine tasks removed")
        return EXIT_OK
    url = read_install_settings(managed_dir("win32")).policy_url
    failed = enable_machine_tasks(launch_command(), url, scheduler)
    for name in failed:
        print(f"could not register the scheduled task {name!r}", file=sys.stderr)
    print("per-machine tasks registered" if not failed else "per-machine tasks incomplete")
    return EXIT_ERROR if failed else EXIT_OK
