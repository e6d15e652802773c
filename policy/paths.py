"""Where PasteWarden keeps per-user files, and where its bundled resources are.

Used by both app/ and policy/ (policy/ imports nothing from app).
`PASTEWARDEN_HOME` relocates every per-user file (tests and portable installs use
it); otherwise platformdirs gives each OS's conventional locations.
`resource_path()` works from the source tree and from a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "PasteWarden"
_HOME_ENV = "PASTEWARDEN_HOME"


def _home_override() -> Path | None:
    value = os.environ.get(_HOME_ENV)
    return Path(value) if value else None


def data_dir() -> Path:
    """Journal, last-known-good policy and other durable per-user state."""
    home = _home_override()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Per-user settings (never PHI)."""
    home = _home_override()
    return (
        home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )


def log_dir() -> Path:
    """Application logs (never PHI)."""
    home = _home_override()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def resource_path(*parts: str) -> Path:
    """A file under resources/, from the source tree or a frozen (PyInstaller) bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)
