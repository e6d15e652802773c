"""The real tray started with a policy it must refuse (signature required, no trusted key)
runs on the built-in policy and says so: `run --status` and `status` show a degraded
state whose reason names the refused file and why, never a silent fallback.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

from e2e_support import HERE, PW, wait_for

SIGNED_ONLY = HERE.parents[1] / "resources" / "examples" / "therapy-practice.json"


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",)}
    support = str(HERE.parent / "support")
    env |= {
        "PASTEWARDEN_HOME": str(tmp / "home"),
        "TMPDIR": str(tmp),
        "PYTHONPATH": os.pathsep.join(filter(None, [support, env.get("PYTHONPATH")])),
        "PYTHON_KEYRING_BACKEND": "journal_testkit.FileKeyring",
        "PW_TEST_KEYRING_FILE": str(tmp / "keyring.json"),
    }
    env.pop("PASTEWARDEN_POLICY", None)
    return env


def _status(env: dict[str, str]) -> dict[str, object]:
    """The running tray's status once it has finished starting, else {}."""
    out = subprocess.run([PW, "run", "--status"], env=env, capture_output=True, text=True,
                         timeout=30).stdout  # fmt: skip
    answer = json.loads(out) if out.startswith("{") else {}
    if not isinstance(answer, dict):
        return {}
    starting = any(str(r).startswith("Starting") for r in answer.get("degraded", []))
    return {} if starting else answer


def test_a_refused_policy_is_a_degraded_state_with_its_reason(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    shutil.copy(SIGNED_ONLY, policy)
    env = _env(tmp_path)
    app = subprocess.Popen([PW, "run", "--policy", str(policy)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        status = wait_for(lambda: _status(env), 60, "the tray's status")
        assert isinstance(status, dict)
        assert status["state"] == "degraded"
        reasons = [str(r) for r in status["degraded"]]  # type: ignore[union-attr]
        refusal = [r for r in reasons if r.startswith("Policy problem")]
        assert len(refusal) == 1, reasons
        assert str(policy) in refusal[0] and "no trusted public key" in refusal[0]
        assert refusal[0].endswith("in force: the built-in policy")
        assert status["policy"]["source"] == "builtin"  # type: ignore[index]
        cli = subprocess.run([PW, "status", "--policy", str(policy)], env=env,
                             capture_output=True, text=True, timeout=60)  # fmt: skip
        assert cli.stdout.startswith("LIMITED: degraded")
        assert sum("Policy problem" in line for line in cli.stdout.splitlines()) == 1
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=15)
