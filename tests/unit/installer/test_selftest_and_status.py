"""`pastewarden self-test` and `pastewarden status`: the CLI contract IT relies on.

Checks are exercised one by one with fakes, then the whole command in-process.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest

from app.cli import main
from app.commands import selftest
from app.commands.selftest import Check, check_keyring, check_sample, check_window
from app.commands.status_cmd import build_status, human_lines
from app.core.journal.incident import IncidentEvent
from app.core.journal.store import Journal, default_journal_path
from app.core.models import ForegroundWindow
from policy.loader import load_policy
from policy.locations import default_locations

POLICY = {"schema": "pastewarden.policy/1", "version": 7, "organization": {"name": "T Clinic"}}


class FakeWatcher:
    name = "fake"

    def __init__(self, limitation: str | None = None) -> None:
        self.limitation = limitation
        self.stopped = False

    def start(self, on_change: Callable[[ForegroundWindow | None], None]) -> None:
        on_change(ForegroundWindow(app="epic", title="Epic"))

    def stop(self) -> None:
        self.stopped = True


def test_check_line_format() -> None:
    assert Check("keyring", False, "why").line() == "FAIL keyring: why"


def test_window_check_fails_when_limited_unless_allowed() -> None:
    assert check_window(FakeWatcher).ok
    limited = check_window(lambda: FakeWatcher("Wayland"), wait_s=0.1)
    assert not limited.ok and "Wayland" in limited.detail
    assert check_window(lambda: FakeWatcher("Wayland"), allow_limited=True, wait_s=0.1).ok


def test_memory_only_keyring_fails_with_a_clear_message_unless_allowed() -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())
    failed = check_keyring(allow_memory=False)
    assert not failed.ok and failed.detail.startswith("no secure keyring")
    assert "GNOME Keyring" in failed.detail and "unlock" in failed.detail
    assert "keyring.backends" not in failed.detail  # a class name helps nobody
    assert "--allow-memory-keyring" in failed.detail
    allowed = check_keyring(allow_memory=True)
    assert allowed.ok and allowed.detail.startswith("WARNING")


def test_a_working_keyring_passes_and_keeps_no_probe() -> None:
    assert check_keyring(allow_memory=False).ok
    assert keyring.get_password(selftest.PROBE_SERVICE, "probe") is None


def test_sample_check_needs_a_detector() -> None:
    assert not check_sample(None).ok


def test_self_test_cli_passes_with_a_valid_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("app.backends.choose.choose_watcher", FakeWatcher)
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(POLICY))
    assert main(["self-test", "--policy", str(policy)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "PASS policy", "PASS detector", "PASS sample scan", "PASS keyring", "PASS window backend",
    ]  # fmt: skip
    assert "override policy v7" in lines[0]


def test_self_test_cli_fails_on_a_broken_policy_and_says_so_in_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("app.backends.choose.choose_watcher", FakeWatcher)
    policy = tmp_path / "policy.json"
    policy.write_text('{"schema": "pastewarden.policy/1", "version": "x"}')
    assert main(["self-test", "--policy", str(policy), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert [c["name"] for c in report["checks"] if not c["ok"]] == ["policy"]


def test_status_without_a_tray_is_not_protected_and_counts_pending(
    capsys: pytest.CaptureFixture[str],
) -> None:
    journal = Journal(default_journal_path())
    journal.record(IncidentEvent(kind="heartbeat"))
    journal.close()
    assert main(["status", "--json"]) == 1
    status = json.loads(capsys.readouterr().out)
    assert status["protected"] is False and status["running"] is False
    assert status["state"] == "not_running" and "not running" in status["why"][0]
    assert status["policy"]["source"] == "builtin" and status["journal"]["pending"] == 1
    assert status["autostart"] == "disabled"


def test_status_from_a_running_tray() -> None:
    loaded = load_policy(default_locations(None))
    tray = {
        "state": "degraded",
        "degraded": ["Journal: chain key kept in memory only"],
        "backend": "x11",
    }
    status = build_status(tray, loaded)
    assert status["running"] and not status["protected"]
    assert status["why"] == ["Journal: chain key kept in memory only"]
    assert human_lines(status)[0] == "LIMITED: degraded"  # still blocks; something is off
    assert build_status({"state": "protecting", "degraded": []}, loaded)["protected"] is True
    paused = build_status({"state": "paused", "degraded": []}, loaded)
    assert paused["why"] == ["protection is paused by the user"]
    assert human_lines(paused)[0] == "NOT PROTECTED: paused"
