"""Starting the tray with no desktop session: one clear line, exit 2, nothing written.

Both ways in are tried for real: `python -m app run` and `bash scripts/run.sh`, in an
environment without DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM, with HOME and the
PasteWarden folders pointed at an empty temp dir that must stay empty.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.commands.run import NO_DESKTOP, missing_desktop

ROOT = Path(__file__).resolve().parents[3]
GUI_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _headless_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in GUI_VARS and not k.startswith("XDG_")}
    env.update(HOME=str(home), PASTEWARDEN_HOME=str(home / "pw"), PYTHONPATH=str(ROOT))
    return env


def _written(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is Linux-only")
def test_python_entry_exits_2_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "app", "run"],
        env=_headless_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [NO_DESKTOP]
    assert _written(home) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is Linux-only")
def test_run_script_says_so_before_installing_anything(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "scripts", checkout / "scripts")
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        ["bash", str(checkout / "scripts" / "run.sh")],
        env=_headless_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "needs a desktop session" in lines[0]
    assert lines[0] == NO_DESKTOP  # the script and the app say the same thing
    assert _written(home) == []
    assert sorted(p.name for p in checkout.iterdir()) == ["scripts"]  # no .venv, no stamp


def test_a_display_or_an_explicit_platform_is_enough() -> None:
    assert missing_desktop({}, "linux") == NO_DESKTOP
    assert missing_desktop({"DISPLAY": ""}, "linux") == NO_DESKTOP
    assert missing_desktop({"DISPLAY": ":0"}, "linux") is None
    assert missing_desktop({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_desktop({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert missing_desktop({}, "win32") is None
    assert missing_desktop({}, "darwin") is None
