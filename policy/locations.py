"""Where the IT-managed policy, its signature and the trusted public key live.

The managed location is writable only by administrators (MDM, GPO, an installer), so
it is where IT's decision is trusted from. A `--policy` path or PASTEWARDEN_POLICY is
an override for testing and unmanaged machines (see policy.loader for when it is
honoured). Trusted public keys come only from the managed folder or from the installed
program's resources, never from the user's profile or from next to an override file:
a key the user can write would let the user sign their own policy.

`install.ini` in the managed folder holds what an installer was told at install time
(the Windows MSI's CENTRAL_FOLDER and POLICY_URL, written with WiX IniFile):
    [PasteWarden]
    CentralFolder=\\\\server\\pastewarden
    PolicyUrl=https://it.example.org/pastewarden/policy.json
The loader uses CentralFolder only when the policy in force names no `central.folder`;
`pastewarden policy fetch` uses PolicyUrl when given no URL. Like the policy, it is
trusted because only administrators can write the managed folder.
"""

from __future__ import annotations

import configparser
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from policy.paths import resource_path

POLICY_ENV = "PASTEWARDEN_POLICY"
POLICY_NAME = "policy.json"
PUBLIC_KEY_NAME = "policy.pub"
INSTALL_SETTINGS_NAME = "install.ini"
INSTALL_SECTION = "PasteWarden"
MAX_INSTALL_BYTES = 16 * 1024
MAX_VALUE_CHARS = 1000  # the schema's limit for central.folder


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
    central_default: str | None = None

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
        central_default=read_install_settings(folder).central_folder,
    )


@dataclass(frozen=True)
class InstallSettings:
    """The installer's values from install.ini; None where it set nothing."""

    central_folder: str | None = None
    policy_url: str | None = None


def read_install_settings(folder: Path) -> InstallSettings:
    """install.ini in `folder`; a missing, oversized or unreadable file means no settings."""
    try:
        with (folder / INSTALL_SETTINGS_NAME).open("rb") as handle:
            data = handle.read(MAX_INSTALL_BYTES + 1)
    except OSError:
        return InstallSettings()
    # Windows' profile API writes the ANSI code page; UTF-16 with a BOM or UTF-8 also read.
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(data.decode(encoding, errors="replace"))
    except configparser.Error:
        return InstallSettings()
    if len(data) > MAX_INSTALL_BYTES or not parser.has_section(INSTALL_SECTION):
        return InstallSettings()
    section = parser[INSTALL_SECTION]
    return InstallSettings(_value(section.get("CentralFolder")), _value(section.get("PolicyUrl")))


def _value(raw: str | None) -> str | None:
    value = (raw or "").strip()
    return value if value and len(value) <= MAX_VALUE_CHARS else None
