"""End-to-end helpers: the real `pastewarden run` on the real X display of scripts/test.sh.

scripts/test.sh starts Xvfb + openbox (for _NET_ACTIVE_WINDOW) + trayer (a system tray)
and exports DISPLAY. These tests fail, never skip, without it. The app runs as its own
process with PASTEWARDEN_HOME and TMPDIR in a temp folder and a test policy; fake
"browser" and "EHR" windows are tiny python-xlib windows; the clipboard is driven with
xclip and the keyboard with xdotool, exactly as a person would.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PW = str(ROOT / ".venv" / "bin" / "pastewarden")
DIALOG_NAME = "PasteWarden: paste blocked"
POLICY = {
    "schema": "pastewarden.policy/1",
    "version": 3,
    "organization": {"name": "Test Clinic"},
    "tools": [
        {
            "id": "clinic-ai",
            "name": "Clinic AI",
            "category": "approved_baa",
            "match": {"domains": ["clinic-ai.example"]},
            "action": "allow",
            "baa": {"vendor": "Example", "plan": "Enterprise"},
            "open_url": "https://clinic-ai.example/",
        },
        {
            "id": "chatgpt",
            "name": "ChatGPT",
            "category": "consumer_ai",
            "match": {"domains": ["chatgpt.com"], "titles": ["^(?:.+\\s[-|–—·]\\s)?ChatGPT$"]},
            "action": "block_with_override",
        },
    ],
    "defaults": {"suggest_tool": "clinic-ai"},
    "override": {"allowed": True, "min_chars": 10},
}


def wait_for(check: Callable[[], object], timeout_s: float = 15.0, what: str = "") -> object:
    """Poll `check` until truthy; fail with `what` otherwise (a wait, not a timing assert)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def tray_icon_geometry(x: Callable[..., str]) -> tuple[int, int, int, int] | None:
    """The trayer window once it is wide enough to hold our icon (it starts 2 px wide);
    `x(*args)` runs an X tool and returns its stdout."""
    for wid in x("xdotool", "search", "--class", "trayer").split():
        shell = dict(
            line.split("=", 1)
            for line in x("xdotool", "getwindowgeometry", "--shell", wid).splitlines()
        )
        if int(shell["WIDTH"]) >= 20 and int(shell["Y"]) == 0:
            return int(shell["X"]), int(shell["Y"]), int(shell["WIDTH"]), int(shell["HEIGHT"])
    return None


@dataclass
class Desk:
    """The running app plus helpers to drive the X session."""

    env: dict[str, str]
    tmp: Path
    app: subprocess.Popen[bytes]
    chat: int
    epic: int

    def x(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(args, input=stdin, env=self.env, capture_output=True,
                              text=True, timeout=20, check=False)  # fmt: skip
        return done.stdout.strip()

    def activate(self, wid: int) -> None:
        self.x("xdotool", "windowactivate", "--sync", str(wid))

    def copy(self, text: str) -> None:
        subprocess.run(["xclip", "-selection", "clipboard"], input=text.encode(), env=self.env,
                       check=True, timeout=10)  # fmt: skip

    def clipboard(self) -> str:
        return self.x("xclip", "-o", "-selection", "clipboard")

    def dialog(self) -> int:
        found = wait_for(lambda: self.x("xdotool", "search", "--name", DIALOG_NAME),
                         what="the warning dialog")  # fmt: skip
        return int(str(found).split()[0])

    def no_dialog(self) -> bool:
        return self.x("xdotool", "search", "--name", DIALOG_NAME) == ""

    def keys(self, wid: int, *keys: str) -> None:
        self.activate(wid)
        for key in keys:
            self.x("xdotool", "key", "--clearmodifiers", key)
            time.sleep(0.3)  # Qt "animates" a mnemonic's button press for 100 ms

    def type(self, text: str) -> None:
        self.x("xdotool", "type", "--delay", "10", text)

    def status(self) -> dict[str, object]:
        out = self.x(PW, "run", "--status")
        return json.loads(out) if out.startswith("{") else {}

    def incidents(self) -> list[dict[str, object]]:
        events = self.status().get("events", [])
        assert isinstance(events, list)
        return [e for e in events if e["kind"] == "incident"]

    def screenshot(
        self, out: Path, wid: int, region: tuple[int, int, int, int] | None = None
    ) -> None:
        """A PNG of a window, or of a screen region when `wid` is 0."""
        extra = [str(v) for v in region] if region else []
        subprocess.run([sys.executable, str(HERE / "screenshot.py"), str(out), str(wid), *extra],
                       env=self.env, check=True, timeout=30)  # fmt: skip
