"""Where the IT-managed policy, its signature and the trusted public key live.

The managed location is writable only by administrators (MDM, GPO, an installer), so
it is where IT's decision is trusted from. A `--policy` path or PASTEWARDEN_POLICY is
an override for testing and unmanaged machines (see policy.loader for when it is
honoured). Trusted public keys come only from the managed folder or from the installed
program's resources, never from the user's profile or from next to an override file:
a key the user can write would let the user sign their own policy.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from app.paths import resource_path

POLICY_ENV = "PASTEWARDEN_POLICY"
POLICY_NAME = "policy.json"
PUBLIC_KEY_NAME = "policy.pub"


def managed_dir(platform: str | None = None) -> Path:
    """The per-machine folder IT deploys into, by OS."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        program_data = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data) / "PasteWarden"
    if platform == "darwin":
        return Path("/Library/Application Support/PasteWarden")
    return Path("/etc/pastewarden")


def signature_path(policy_path: Path) -> Path:
    """The detached signature that belongs to a policy file: policy.json -> policy.json.sig."""
    return policy_path.with_name(policy_path.name + ".sig")


@dataclass(frozen=True)
class PolicyLocations:
    """Every path the loader reads; tests build one pointing into a temp folder."""

    managed: Path
    override: Path | None
    trusted_keys: tuple[Path, ...]
    builtin: Path

    @property
    def watched(self) -> tuple[Path, ...]:
        """Files whose change means the policy must be reloaded."""
        paths = [self.managed, signature_path(self.managed), *self.trusted_keys]
        if self.override:
            paths += [self.override, signature_path(self.override)]
        return tuple(paths)


def default_locations(override: str | None = None) -> PolicyLocations:
    """The real locations on this machine; `override` is the --policy argument, if any."""
    folder = managed_dir()
    chosen = override or os.environ.get(POLICY_ENV) or None
    return PolicyLocations(
        managed=folder / POLICY_NAME,
        override=Path(chosen) if chosen else None,
        trusted_keys=(folder / PUBLIC_KEY_NAME, resource_path(PUBLIC_KEY_NAME)),
        builtin=resource_path("default_policy.json"),
    )
