"""One tray end-to-end run against the frozen binary (Xvfb + openbox + trayer from
scripts/test.sh): PHI copied with ChatGPT in front is quarantined and journaled, and the
frozen `status --json` reads the running tray over the single-instance IPC.

The frozen app cannot load the tests' file keyring (PYTHONPATH does not reach a frozen
interpreter), so on this headless box its only degraded reason is the memory-only key.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import HERE, POLICY, Desk, wait_for

from app.core.protect.pipeline import NOTICE

TEXT = "Can you shorten this? Mrs. Dolores Whitfield, DOB 03/22/1941, SSN 219-09-9999."


class FrozenDesk(Desk):
    """The e2e desk, but status comes from the frozen binary's `status --json`."""

    exe: str = ""

    def status(self) -> dict[str, object]:
        out = self.x(self.exe, "status", "--json")
        data = json.loads(out) if out.startswith("{") else {}
        return data


def _window(env: dict[str, str], title: str, klass: str) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([sys.executable, str(HERE / "fake_window.py"), title, klass],
                            env=env, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None
    return proc, int(proc.stdout.readline())


@pytest.fixture
def desk(frozen_exe: Path, tmp_path: Path) -> Iterator[FrozenDesk]:
    if not os.environ.get("DISPLAY"):
        pytest.fail("tests/bundle need an X display: run them through scripts/test.sh")
    (tmp_path / "policy.json").write_text(json.dumps(POLICY), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env |= {"PASTEWARDEN_HOME": str(tmp_path / "home"),
            "PASTEWARDEN_POLICY": str(tmp_path / "policy.json")}  # fmt: skip
    chat_proc, chat = _window(env, "ChatGPT - Google Chrome", "google-chrome")
    epic_proc, epic = _window(env, "Epic Hyperspace", "epic")
    app = subprocess.Popen([str(frozen_exe), "run"], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # fmt: skip
    desk = FrozenDesk(env, tmp_path, app, chat, epic)
    desk.exe = str(frozen_exe)
    try:
        yield desk
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=15)
        for proc in (chat_proc, epic_proc):
            proc.terminate()
            proc.wait(timeout=5)


def _ready(desk: FrozenDesk) -> bool:
    status = desk.status()
    why = status.get("why", [])
    assert isinstance(why, list)
    only_key = all(str(reason).startswith("Journal: ") for reason in why)
    return status.get("state") in ("protecting", "degraded") and only_key


def test_frozen_tray_quarantines_phi_and_reports_status(desk: FrozenDesk) -> None:
    wait_for(lambda: desk.status().get("running") and _ready(desk), 40, "the frozen tray")
    desk.activate(desk.epic)  # whatever earlier tests left on the clipboard is replaced
    desk.copy("Harmless words to start from.")  # (else ChatGPT in front would hold it too)
    desk.activate(desk.chat)
    desk.copy(TEXT)
    wait_for(lambda: desk.clipboard() == NOTICE, what="quarantine by the frozen tray")
    dialog = desk.dialog()
    desk.keys(dialog, "Escape")
    wait_for(desk.no_dialog, what="the dialog to close")
    status = desk.status()
    assert status["running"] is True and status["backend"] == "x11"
    assert status["policy"]["source"] == "override"  # type: ignore[index]
    assert desk.clipboard() == NOTICE
