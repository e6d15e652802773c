"""Fixtures for tests/bundle: the frozen Linux bundle, built once per source change.

installer/build.py --if-changed keeps the bundle under build/bundle (git-ignored) with a
hash of every input, so only the first run after a change pays the ~80 s PyInstaller
build. Needs the `build` extra (scripts/test.sh installs it) and, for the tray test,
the X display scripts/test.sh starts. These tests fail, never skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))  # reuse the e2e desk helpers
OUT = ROOT / "build" / "bundle"


@pytest.fixture(scope="session")
def frozen_exe() -> Path:
    """The frozen `pastewarden` executable (built now if the sources changed)."""
    command = [sys.executable, str(ROOT / "installer" / "build.py"), "linux"]
    done = subprocess.run(
        [*command, "--out", str(OUT), "--if-changed"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    exe = Path(done.stdout.strip().splitlines()[-1])
    assert exe.is_file() and os.access(exe, os.X_OK)
    return exe


@pytest.fixture
def frozen_env(tmp_path: Path) -> dict[str, str]:
    """A private PASTEWARDEN_HOME; no policy override unless a test adds one."""
    env = {k: v for k, v in os.environ.items() if k not in ("PASTEWARDEN_POLICY",)}
    env["PASTEWARDEN_HOME"] = str(tmp_path / "home")
    env.pop("QT_QPA_PLATFORM", None)
    return env
