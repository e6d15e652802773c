"""Run as an unprivileged user: forge every user-side policy file, report what is in force.

tests/integration/test_policy_forgery.py starts this in a private mount namespace where
the managed folder (/etc/pastewarden) is a read-only bind mount owned by root, after
dropping to an unprivileged uid. For every combination of forgeries it writes the files
the user can write (their data folder, an override file and its key, the environment),
loads the policy exactly as the tray does, and prints one JSON line per combination:
{"combo", "source", "version", "organization", "chatgpt", "quit_allowed"}.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sys
from pathlib import Path

from app.core.protect.policy_view import policy_view
from policy.catalog import ToolCatalog
from policy.loader import load_policy
from policy.locations import POLICY_ENV, default_locations
from policy.paths import data_dir
from policy.signing import generate_keypair, sign

FORGERIES = ("rollback", "lkg", "lkg_sig", "user_key", "override")
PERMISSIVE = {
    "schema": "pastewarden.policy/1",
    "version": 1000,
    "organization": {"name": "Forged"},
    "use_builtin_catalog": False,
    "override": {"allowed": True},
}


def forge(combo: tuple[str, ...], work: Path, attacker_key: Path) -> None:
    """Write the chosen forgeries where a standard user can."""
    state = data_dir() / "policy"
    shutil.rmtree(state, ignore_errors=True)
    state.mkdir(parents=True)
    raw = json.dumps(PERMISSIVE).encode()
    if "rollback" in combo:
        (state / "rollback.json").write_text('{"highest_version": 1000}\n')
    if "lkg" in combo:
        (state / "last_known_good.json").write_bytes(raw)
    if "lkg_sig" in combo:
        (state / "last_known_good.json.sig").write_bytes(sign(raw, attacker_key))
    if "user_key" in combo:
        public = attacker_key.with_suffix(".pub").read_bytes()
        for folder in (state, data_dir(), work):
            (folder / "policy.pub").write_bytes(public)
    os.environ.pop(POLICY_ENV, None)
    if "override" in combo:
        override = work / "mine.json"
        override.write_bytes(raw)
        (work / "mine.json.sig").write_bytes(sign(raw, attacker_key))
        os.environ[POLICY_ENV] = str(override)


def outcome(combo: tuple[str, ...]) -> dict[str, object]:
    loaded = load_policy(default_locations())
    matched = ToolCatalog(loaded.policy).match("chromium", "ChatGPT - Chromium", None)
    return {
        "combo": list(combo),
        "source": loaded.source,
        "version": loaded.policy.version,
        "organization": loaded.policy.organization.name,
        "chatgpt": matched.action if matched else "allow",
        "quit_allowed": policy_view(loaded).quit_allowed,
    }


def main() -> int:
    work = Path(sys.argv[1])
    attacker_key = work / "attacker.key"
    generate_keypair(attacker_key, attacker_key.with_suffix(".pub"))
    for size in range(len(FORGERIES) + 1):
        for combo in itertools.combinations(FORGERIES, size):
            forge(combo, work, attacker_key)
            print(json.dumps(outcome(combo)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
