"""Messages a person can act on: `status`, `sync`, `self-test` and `scan --clipboard` say
what is wrong in words (no central folder, no display, no secure keyring, a refused
policy) and what to do, instead of internal names or 'unknown'.

Each command runs as a real process with a private PASTEWARDEN_HOME and no display.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "resources" / "examples"


def pw(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PASTEWARDEN_POLICY")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(HOME=str(home), PASTEWARDEN_HOME=str(home / "pw"), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "app", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=home,
    )


def _policy_with_central(tmp_path: Path, folder: Path | None) -> Path:
    data = json.loads((EXAMPLES / "small-clinic-m365.json").read_text())
    data["central"] = {"folder": str(folder)} if folder else {}
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(data))
    return path


def test_without_a_central_folder_status_says_so(tmp_path: Path) -> None:
    policy = _policy_with_central(tmp_path, None)
    out = pw(tmp_path, "status", "--policy", str(policy)).stdout
    assert "no central folder is set" in out
    assert "pending sync" not in out and "last sync" not in out


def test_status_shows_the_last_sync_right_after_pastewarden_sync(tmp_path: Path) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    policy = _policy_with_central(tmp_path, central)
    before = pw(tmp_path, "status", "--policy", str(policy)).stdout
    assert "last sync: none recorded on this computer yet" in before
    synced = pw(tmp_path, "sync", "--policy", str(policy))
    assert synced.returncode == 0, synced.stderr
    after = pw(tmp_path, "status", "--policy", str(policy))
    line = next(x for x in after.stdout.splitlines() if x.startswith("last sync:"))
    assert line.endswith(" UTC") and line[11:15].isdigit(), line
    assert json.loads(pw(tmp_path, "status", "--json", "--policy", str(policy)).stdout)["last_sync"]


def test_no_display_is_named_for_the_window_check_and_the_clipboard(tmp_path: Path) -> None:
    test = pw(tmp_path, "self-test", "--allow-memory-keyring")
    window = next(x for x in test.stdout.splitlines() if "window backend" in x)
    assert window.startswith("FAIL") and "no display is set" in window
    scan = pw(tmp_path, "scan", "--clipboard")
    assert scan.returncode == 2
    assert "no display is set" in scan.stderr and "xclip" not in scan.stderr


def test_no_secure_keyring_says_what_to_install_not_a_class_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    pw(tmp_path, "incidents", "list")  # creates the journal (its key: memory only)
    status = json.loads(pw(tmp_path, "status", "--json").stdout)
    test = pw(tmp_path, "self-test")
    [note] = status["journal"]["degraded"]
    line = next(x for x in test.stdout.splitlines() if x.startswith("FAIL keyring"))
    for text in (note, line):
        assert "no secure keyring" in text and "GNOME Keyring" in text
        assert "keyring.backends" not in text
    assert "--allow-memory-keyring" in line
