"""End-to-end fixture `desk`: starts the fake windows and the real app (see e2e_support)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest
from e2e_support import HERE, POLICY, PW, Desk, wait_for


def _window(env: dict[str, str], title: str, klass: str) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([sys.executable, str(HERE / "fake_window.py"), title, klass],
                            env=env, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None
    return proc, int(proc.stdout.readline())


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    if not os.environ.get("DISPLAY"):
        pytest.fail("tests/e2e need an X display: run them through scripts/test.sh")
    tmp = tmp_path_factory.mktemp("e2e")
    (tmp / "home").mkdir()
    (tmp / "tmp").mkdir()
    (tmp / "policy.json").write_text(json.dumps(POLICY), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env |= {"PASTEWARDEN_HOME": str(tmp / "home"), "TMPDIR": str(tmp / "tmp"),
            "PASTEWARDEN_POLICY": str(tmp / "policy.json")}  # fmt: skip
    # Headless Linux has no keyring service: a test-only file keyring holds the journal's
    # chain key, so the app is "protecting" rather than "degraded: key in memory only".
    path = os.pathsep.join(filter(None, [str(HERE.parent / "support"), env.get("PYTHONPATH")]))
    env |= {"PYTHON_KEYRING_BACKEND": "journal_testkit.FileKeyring",
            "PW_TEST_KEYRING_FILE": str(tmp / "keyring.json"), "PYTHONPATH": path}  # fmt: skip
    chat_proc, chat = _window(env, "ChatGPT - Google Chrome", "google-chrome")
    epic_proc, epic = _window(env, "Epic Hyperspace", "epic")
    app = subprocess.Popen([PW, "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    desk = Desk(env, tmp, app, chat, epic)
    try:
        wait_for(lambda: desk.status().get("state") == "protecting", 30, "state protecting")
        yield desk
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=15)
        for proc in (chat_proc, epic_proc):
            proc.terminate()
            proc.wait(timeout=5)
