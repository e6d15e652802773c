"""A policy that validates but that workstations refuse (it requires a signature and no
trusted public key is installed): `validate` warns, and `status` and the tray's state
show the refusal, with its reason, as a degraded state instead of falling back silently.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

from app.core.protect.status import Facts, policy_refusal, status_line, tray_state
from policy.loader import load_policy
from policy.locations import PolicyLocations, default_locations

ROOT = Path(__file__).resolve().parents[3]
SIGNED_ONLY = ROOT / "resources" / "examples" / "therapy-practice.json"


def _no_keys(tmp_path: Path, policy: Path) -> PolicyLocations:
    where = default_locations(str(policy))
    return dataclasses.replace(
        where,
        managed=tmp_path / "managed" / "policy.json",
        trusted_keys=(tmp_path / "managed" / "policy.pub",),
    )


def _cli(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(tmp_path), PASTEWARDEN_HOME=str(tmp_path / "pw"), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], env=env, capture_output=True, text=True, timeout=120
    )


def test_the_example_really_requires_a_signature() -> None:
    assert '"signature_required": true' in SIGNED_ONLY.read_text()


def test_validate_says_the_file_will_be_refused(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    shutil.copy(SIGNED_ONLY, policy)
    done = _cli(tmp_path, "policy", "validate", str(policy))
    assert done.returncode == 0  # it is valid...
    assert "signature_required" in done.stderr  # ...but will not be used as it stands
    assert "will refuse this file" in done.stderr and "public key" in done.stderr


def test_the_refusal_is_a_degraded_state_with_its_reason(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    shutil.copy(SIGNED_ONLY, policy)
    loaded = load_policy(_no_keys(tmp_path, policy))
    assert loaded.source == "builtin"
    reason = policy_refusal(loaded)
    assert reason is not None
    assert str(policy) in reason and "no trusted public key" in reason
    assert reason.endswith("in force: the built-in policy")
    facts = Facts(policy_problem=reason)
    assert tray_state(facts) == "degraded"
    assert "no trusted public key" in status_line(facts)


def test_an_accepted_policy_is_no_problem(tmp_path: Path) -> None:
    policy = ROOT / "resources" / "examples" / "small-clinic-m365.json"
    assert policy_refusal(load_policy(_no_keys(tmp_path, policy))) is None


def test_status_names_the_refusal_when_no_tray_runs(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    shutil.copy(SIGNED_ONLY, policy)
    out = _cli(tmp_path, "status", "--policy", str(policy)).stdout
    why = [line for line in out.splitlines() if "Policy problem" in line]
    assert len(why) == 1 and "no trusted public key" in why[0]
