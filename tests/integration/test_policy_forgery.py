"""A standard user forges every user-side policy file: IT's policy stays in force.

The attack that once switched protection off: a user writes `rollback.json`
(`highest_version: 1000`) and a permissive `last_known_good.json` into their own data
folder, and IT's unsigned policy was refused as a "rollback". Here the managed folder
is a read-only, root-owned bind mount in a private mount namespace, and the forger runs
as `nobody` (no capabilities). tests/support/policy_forger.py tries every combination
of: the old rollback counter, a permissive last-known-good copy, a signature for it
made with the user's own key, that key dropped into every user folder, and a signed
permissive override through PASTEWARDEN_POLICY. Each combination must leave IT's policy
in force (or, where IT's file is broken, the built-in one), ChatGPT blocked and Quit
hidden.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from policy.signing import generate_keypair, sign

REPO = Path(__file__).resolve().parents[2]
FORGER = REPO / "tests" / "support" / "policy_forger.py"
MANAGED = Path("/etc/pastewarden")
NOBODY = 65534
IT_POLICY = {
    "schema": "pastewarden.policy/1",
    "version": 7,
    "organization": {"name": "Clinic IT"},
    "override": {"allowed": False},
    "defaults": {"consumer_ai": "block"},
}


@pytest.fixture
def world(as_root: None) -> Iterator[Path]:
    """A world-readable scratch folder, and /etc/pastewarden as a mount point."""
    created = not MANAGED.exists()
    MANAGED.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pw-forgery-"))
    work.chmod(0o755)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if created:
            MANAGED.rmdir()


def _deploy(work: Path, mode: str) -> Path:
    """IT's managed folder, root-owned and read-only to everyone else."""
    managed = work / "managed"
    managed.mkdir()
    raw = json.dumps(IT_POLICY).encode()
    (managed / "policy.json").write_bytes(b"{broken" if mode == "signed_broken" else raw)
    if mode != "unsigned":
        keys = work / "it-keys"
        keys.mkdir(mode=0o700)
        generate_keypair(keys / "it.key", managed / "policy.pub")
        (managed / "policy.json.sig").write_bytes(sign(raw, keys / "it.key"))
    for path in (managed, *managed.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return managed


def _run_forger(work: Path, managed: Path) -> list[dict[str, object]]:
    user = work / "user"
    user.mkdir()
    os.chown(user, NOBODY, NOBODY)
    script = (
        f"mount --bind {managed} {MANAGED} && mount -o remount,bind,ro {MANAGED} && "
        f"exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups -- "
        f"{sys.executable} {FORGER} {user}"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PASTEWARDEN_HOME": str(user / "home"),
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(user),
    }
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.parametrize("mode", ["unsigned", "signed", "signed_broken"])
def test_no_forgery_weakens_it_policy(world: Path, mode: str) -> None:
    outcomes = _run_forger(world, _deploy(world, mode))
    assert len(outcomes) == 32  # every subset of the five forgeries
    for seen in outcomes:
        assert seen["chatgpt"] == "block", seen
        assert seen["quit_allowed"] is False, seen
        if mode == "signed_broken":
            assert (seen["source"], seen["organization"]) != ("last_known_good", "Forged"), seen
            assert seen["source"] == "builtin", seen
        else:
            assert (seen["source"], seen["version"]) == ("managed", 7), seen
            assert seen["organization"] == "Clinic IT", seen


def test_the_forger_really_is_unprivileged(world: Path) -> None:
    """The managed folder cannot be written from inside the forger's namespace."""
    managed = _deploy(world, "unsigned")
    script = (
        f"mount --bind {managed} {MANAGED} && mount -o remount,bind,ro {MANAGED} && "
        f"exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups -- "
        f"sh -c 'id -u; echo x > {MANAGED}/policy.json'"
    )
    done = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout.split()[0] == str(NOBODY)
    assert done.returncode != 0 and "policy.json" in done.stderr
    assert json.loads((managed / "policy.json").read_text())["version"] == 7
