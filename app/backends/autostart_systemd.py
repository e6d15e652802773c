"""Start at login on Linux with restart after a crash: a systemd user unit.

`pastewarden autostart enable` uses this where a systemd user manager answers
(`systemctl --user show-environment`), else the plain XDG autostart entry
(autostart_linux.py), which starts the tray once and never restarts it.
- ~/.config/systemd/user/pastewarden.service: Restart=on-failure, so a kill -9 or a
  crash brings the tray back after RestartSec, while a user's Quit or a SIGTERM (exit 0)
  does not; enabled for graphical-session.target (GNOME, KDE Plasma);
- ~/.config/autostart/pastewarden.desktop starting that unit, for desktops that never
  reach graphical-session.target; it first hands DISPLAY and XAUTHORITY to the user
  manager, or a restarted tray could not find the display.
Per machine (installer/linux): /etc/systemd/user/pastewarden.service (reported only).
systemctl goes through an injectable runner, so tests use a fake.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from app.backends.autostart_base import AutostartState, command_line
from app.backends.autostart_linux import XdgAutostart

UNIT_NAME = "pastewarden.service"
MACHINE_UNIT = Path("/etc/systemd/user") / UNIT_NAME
RESTART_SEC = 3
Runner = Callable[[list[str]], int]  # systemctl's exit code for these arguments
KICK = (
    'sh -c "systemctl --user import-environment DISPLAY XAUTHORITY WAYLAND_DISPLAY; '
    f'exec systemctl --user start {UNIT_NAME}"'
)


def unit_text(command: list[str]) -> str:
    """The unit file; installer/linux/pastewarden.service is the same with the bundle path."""
    return (
        "[Unit]\n"
        "Description=PasteWarden: stops PHI being pasted into consumer AI tools\n"
        "PartOf=graphical-session.target\n"
        "After=graphical-session.target\n"
        "StartLimitIntervalSec=300\n"
        "StartLimitBurst=20\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        f"ExecStart={command_line(command)}\n"
        "# A kill -9 or a crash is a failure: restarted. Quit and SIGTERM exit 0: not.\n"
        "Restart=on-failure\n"
        f"RestartSec={RESTART_SEC}\n"
        "\n"
        "[Install]\n"
        "WantedBy=graphical-session.target\n"
    )


def systemctl(args: list[str]) -> int:
    """`systemctl --user ARGS`; 1 when systemctl cannot run at all."""
    try:
        done = subprocess.run(
            ["systemctl", "--user", *args], capture_output=True, timeout=15, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return 1
    return done.returncode


def systemd_user_available(run: Runner = systemctl) -> bool:
    """True when this login has a systemd user manager to talk to."""
    return run(["show-environment"]) == 0


class SystemdAutostart:
    """The user unit plus the XDG entry that starts it; `run` and folders injectable."""

    name = "systemd-user"

    def __init__(
        self,
        run: Runner | None = None,
        home: Path | None = None,
        env: dict[str, str] | None = None,
        machine_unit: Path = MACHINE_UNIT,
        machine_xdg: Path | None = None,
    ) -> None:
        environ = os.environ if env is None else env
        base = environ.get("XDG_CONFIG_HOME") or str((home or Path.home()) / ".config")
        self.unit_file = Path(base) / "systemd" / "user" / UNIT_NAME
        self.machine_unit = machine_unit
        extra = {} if machine_xdg is None else {"machine_dir": machine_xdg}
        self.xdg = XdgAutostart(home, {"XDG_CONFIG_HOME": base}, **extra)
        self._run = run or systemctl

    def enable(self, command: list[str]) -> str:
        self.unit_file.parent.mkdir(parents=True, exist_ok=True)
        temp = self.unit_file.with_suffix(".tmp")
        temp.write_text(unit_text(command), encoding="utf-8")
        temp.replace(self.unit_file)
        self._run(["daemon-reload"])
        if self._run(["enable", UNIT_NAME]) != 0:
            raise OSError(f"systemctl --user enable {UNIT_NAME} failed")
        self.xdg.enable_exec(KICK)
        return f"{self.unit_file} (restarted after a crash)"

    def disable(self) -> bool:
        existed = self.unit_file.exists()
        if existed:
            self._run(["disable", UNIT_NAME])
            self.unit_file.unlink()
            self._run(["daemon-reload"])
        return self.xdg.disable() or existed

    def state(self) -> AutostartState:
        xdg = self.xdg.state()
        user = str(self.unit_file) if self.unit_file.exists() else xdg.user_entry
        machine = str(self.machine_unit) if self.machine_unit.exists() else xdg.machine_entry
        return AutostartState(user, machine)


def linux_autostart(run: Runner | None = None) -> SystemdAutostart | XdgAutostart:
    """The systemd unit where a user manager answers (or our unit is already there),
    else the XDG entry alone."""
    systemd = SystemdAutostart(run)
    if systemd.unit_file.exists() or systemd_user_available(run or systemctl):
        return systemd
    return XdgAutostart()
