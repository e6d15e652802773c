"""Starting a short-lived child of this app (the audit report writer) on every OS.

`app_command` is how this app runs one of its own commands: the frozen (PyInstaller)
binary with the command, else this Python running the `app` module. `spawn_hidden`
starts it with pipes for stdin and stderr; on Windows with CREATE_NO_WINDOW, because the
frozen binary is a console program and a console must not flash up over the window that
asked for the work. Linux and macOS need no flag. Only the Linux path runs here; the
Windows flag is checked with a fake at the Popen boundary.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

# winbase.h's CREATE_NO_WINDOW; subprocess only names it on Windows.
CREATE_NO_WINDOW = 0x08000000


def app_command(*arguments: str) -> list[str]:
    """This app running `arguments` (a command and its options), as a new process."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "app", *arguments]


def child_environment(extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment plus `extra`. Run from a source checkout, the checkout
    goes first on PYTHONPATH so the child runs this very code whatever its working folder
    (an installed app is found as installed: site-packages never goes on PYTHONPATH)."""
    environment = {**os.environ, **extra}
    root = Path(__file__).resolve().parents[2]  # holds app/, detectors/, policy/
    if not getattr(sys, "frozen", False) and (root / "pyproject.toml").is_file():
        known = environment.get("PYTHONPATH", "")
        environment["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), known) if p)
    return environment


def creation_flags(platform: str | None = None) -> int:
    """Popen's creationflags: no console window on Windows, none needed elsewhere."""
    return CREATE_NO_WINDOW if (platform or sys.platform).startswith("win") else 0


def spawn_hidden(command: Sequence[str], environment: Mapping[str, str]) -> subprocess.Popen[bytes]:
    """Start `command` with stdin and stderr piped, stdout discarded, no window."""
    return subprocess.Popen(
        list(command),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(environment),
        creationflags=creation_flags(),
    )
