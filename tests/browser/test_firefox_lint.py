"""The Firefox build of the companion passes Mozilla's `web-ext lint` (npm: web-ext)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.commands.browser_cmd import build_extension

WEB_EXT = "web-ext@8"


def test_firefox_build_passes_web_ext_lint(tmp_path: Path) -> None:
    npx = shutil.which("npx")
    if npx is None:
        pytest.fail("npx is missing: scripts/_bootstrap.sh installs npm")
    folder = build_extension("firefox", tmp_path / "firefox")
    done = subprocess.run(
        [npx, "--yes", WEB_EXT, "lint", "--source-dir", str(folder), "--output", "json"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    report = json.loads(done.stdout[done.stdout.index("{") :])
    assert report["metadata"]["id"] == "companion@pastewarden.example"
    assert report["summary"] == {"errors": 0, "notices": 0, "warnings": 0}, report
