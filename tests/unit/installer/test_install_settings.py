"""install.ini (the MSI's CENTRAL_FOLDER / POLICY_URL): read from the managed folder, and
its central folder used only when the policy in force names none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy import locations
from policy.loader import load_policy
from policy.locations import InstallSettings, PolicyLocations, read_install_settings
from policy.state import PolicyState

POLICY = {"schema": "pastewarden.policy/1", "version": 2, "organization": {"name": "Clinic"}}
SHARE = r"\\fileserver\pastewarden"


def _where(folder: Path, central_default: str | None) -> PolicyLocations:
    return PolicyLocations(folder / "policy.json", None, (), folder / "none.json", central_default)


def test_reads_the_msi_ini_in_ansi_utf8_or_utf16(tmp_path: Path) -> None:
    ini = tmp_path / "install.ini"
    ini.write_bytes(f"[PasteWarden]\r\nCentralFolder={SHARE}\r\nPolicyUrl=\r\n".encode("cp1252"))
    assert read_install_settings(tmp_path) == InstallSettings(SHARE, None)
    ini.write_text("[PasteWarden]\nCentralFolder=\\\\srv\\Läger\n", encoding="utf-16")
    assert read_install_settings(tmp_path).central_folder == "\\\\srv\\Läger"


@pytest.mark.parametrize(
    "content", [None, "not an ini [", "[Other]\nCentralFolder=x\n", "[PasteWarden]\n" + "x" * 20000]
)
def test_missing_broken_or_oversized_ini_means_no_settings(
    tmp_path: Path, content: str | None
) -> None:
    if content is not None:
        (tmp_path / "install.ini").write_text(content)
    assert read_install_settings(tmp_path) == InstallSettings()


def test_the_installer_central_folder_fills_a_policy_without_one(tmp_path: Path) -> None:
    (tmp_path / "policy.json").write_text(json.dumps(POLICY))
    loaded = load_policy(_where(tmp_path, SHARE), PolicyState(tmp_path / "state"))
    assert loaded.source == "managed" and loaded.policy.central.folder == SHARE
    assert (
        load_policy(_where(tmp_path, None), PolicyState(tmp_path / "s2")).policy.central.folder
        is None
    )


def test_the_policy_central_folder_wins_over_the_installer(tmp_path: Path) -> None:
    own = {**POLICY, "central": {"folder": "/mnt/central"}}
    (tmp_path / "policy.json").write_text(json.dumps(own))
    loaded = load_policy(_where(tmp_path, SHARE), PolicyState(tmp_path / "state"))
    assert loaded.policy.central.folder == "/mnt/central"


def test_default_locations_read_install_ini_from_the_managed_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locations, "managed_dir", lambda platform=None: tmp_path)
    (tmp_path / "install.ini").write_text(f"[PasteWarden]\nCentralFolder={SHARE}\n")
    assert locations.default_locations().central_default == SHARE
    # even the built-in fallback policy ships incidents to IT's folder
    assert load_policy().policy.central.folder == SHARE
