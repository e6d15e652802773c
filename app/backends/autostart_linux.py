"""Start at login on Linux desktops: an XDG autostart .desktop file (no restart).

The fallback where no systemd user manager answers; with one, autostart_systemd.py
installs a user unit that restarts the tray after a crash, and this entry only starts
that unit.

Per user: $XDG_CONFIG_HOME/autostart (default ~/.config/autostart). Per machine (the
installer's, reported only): /etc/xdg/autostart. GNOME, KDE, Xfce, Cinnamon and MATE all
read these; a desktop without XDG autostart needs its own mechanism.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.backends.autostart_base import AutostartState, command_line

FILE_NAME = "pastewarden.desktop"
MACHINE_DIR = Path("/etc/xdg/autostart")


def desktop_entry(command: list[str]) -> str:
    """The .desktop text; installer/linux/pastewarden.desktop is the same shape."""
    return desktop_entry_exec(command_line(command))


def desktop_entry_exec(exec_line: str) -> str:
    """The .desktop text for an Exec line already quoted as the spec wants."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=PasteWarden\n"
        "Comment=Warns before PHI is pasted into consumer AI tools\n"
        f"Exec={exec_line}\n"
        "Icon=pastewarden\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


class XdgAutostart:
    """~/.config/autostart/pastewarden.desktop; `home`/`env` are injectable for tests."""

    name = "xdg-autostart"

    def __init__(
        self,
        home: Path | None = None,
        env: dict[str, str] | None = None,
        machine_dir: Path = MACHINE_DIR,
    ) -> None:
        environ = os.environ if env is None else env
        base = environ.get("XDG_CONFIG_HOME") or str((home or Path.home()) / ".config")
        self.user_file = Path(base) / "autostart" / FILE_NAME
        self.machine_file = machine_dir / FILE_NAME

    def enable(self, command: list[str]) -> str:
        return self.enable_exec(command_line(command))

    def enable_exec(self, exec_line: str) -> str:
        """Write the entry with this Exec line; returns where."""
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        temp = self.user_file.with_suffix(".tmp")
        temp.write_text(desktop_entry_exec(exec_line), encoding="utf-8")
        temp.replace(self.user_file)  # never a half-written entry
        return str(self.user_file)

    def disable(self) -> bool:
        existed = self.user_file.exists()
        self.user_file.unlink(missing_ok=True)
        return existed

    def state(self) -> AutostartState:
        return AutostartState(
            str(self.user_file) if self.user_file.exists() else None,
            str(self.machine_file) if self.machine_file.exists() else None,
        )
