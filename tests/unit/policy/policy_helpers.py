"""Helpers for policy tests: real files in a temp "managed" folder and a signing key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from policy.loader import LoadResult, load_policy
from policy.locations import PolicyLocations, signature_path
from policy.paths import resource_path
from policy.signing import generate_keypair, sign
from policy.state import PolicyState

TODAY = date(2026, 11, 23)


def policy_dict(version: int = 1, **extra: Any) -> dict[str, Any]:
    """A minimal valid policy."""
    return {
        "schema": "pastewarden.policy/1",
        "version": version,
        "organization": {"name": "Test Clinic"},
        **extra,
    }


def policy_bytes(version: int = 1, **extra: Any) -> bytes:
    return json.dumps(policy_dict(version, **extra), indent=2).encode()


@dataclass
class Site:
    """A fake machine: managed folder, override path, user state, and a signing key."""

    root: Path
    locations: PolicyLocations
    state: PolicyState
    private_key: Path
    public_key: Path

    @property
    def managed(self) -> Path:
        return self.locations.managed

    def write(self, data: bytes, path: Path | None = None, signed: bool = False) -> Path:
        target = path or self.managed
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if signed:
            signature_path(target).write_bytes(sign(data, self.private_key))
        return target

    def install_key(self) -> None:
        """Deploy the public key next to the managed policy (signatures now required)."""
        (self.managed.parent / "policy.pub").write_bytes(self.public_key.read_bytes())

    def load(self, today: date = TODAY) -> LoadResult:
        return load_policy(self.locations, self.state, today)

    def with_override(self, override: Path | None) -> Site:
        self.locations = PolicyLocations(
            self.locations.managed, override, self.locations.trusted_keys, self.locations.builtin
        )
        return self


def make_site(tmp_path: Path) -> Site:
    """A fresh fake machine under tmp_path (PASTEWARDEN_HOME must point into it)."""
    managed_dir = tmp_path / "managed"
    managed_dir.mkdir()
    keys = tmp_path / "it-keys"
    keys.mkdir()
    generate_keypair(keys / "policy-signing.key", keys / "policy.pub")
    locations = PolicyLocations(
        managed=managed_dir / "policy.json",
        override=None,
        trusted_keys=(managed_dir / "policy.pub", tmp_path / "installer" / "policy.pub"),
        builtin=resource_path("default_policy.json"),
    )
    state = PolicyState(tmp_path / "home" / "data" / "policy")
    return Site(tmp_path, locations, state, keys / "policy-signing.key", keys / "policy.pub")
