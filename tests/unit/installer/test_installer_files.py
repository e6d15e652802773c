"""The installer recipes parse and carry the keys IT depends on (DESIGN.md §2 installer/).

Only parsing and content are checked here: nothing in installer/windows or installer/macos
has been built or run on Windows or macOS.
"""

from __future__ import annotations

import configparser
import plistlib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
INSTALLER = ROOT / "installer"
WIX = "{http://wixtoolset.org/schemas/v4/wxs}"
BUNDLE_ID = "org.pastewarden.PasteWarden"


def _plist(name: str) -> dict[str, Any]:
    data = plistlib.loads((INSTALLER / "macos" / name).read_bytes())
    assert isinstance(data, dict)
    return data


def test_wxs_is_a_per_machine_upgradable_package_with_public_properties() -> None:
    root = ET.parse(INSTALLER / "windows" / "PasteWarden.wxs").getroot()
    package = root.find(f"{WIX}Package")
    assert package is not None and package.get("Scope") == "perMachine"
    assert len(package.get("UpgradeCode", "")) == 36
    assert package.find(f"{WIX}MajorUpgrade") is not None
    properties = {p.get("Id"): p for p in package.iter(f"{WIX}Property")}
    for name in ("POLICY_FILE", "CENTRAL_FOLDER", "POLICY_URL"):
        assert properties[name].get("Secure") == "yes"


def test_wxs_installs_to_program_files_and_protects_programdata() -> None:
    root = ET.parse(INSTALLER / "windows" / "PasteWarden.wxs").getroot()
    standard = {d.get("Id") for d in root.iter(f"{WIX}StandardDirectory")}
    assert {"ProgramFiles64Folder", "CommonAppDataFolder"} <= standard
    util = "{http://wixtoolset.org/schemas/v4/wxs/util}"
    users = {p.get("User"): p for p in root.iter(f"{util}PermissionEx")}
    assert users["Administrators"].get("GenericAll") == "yes"
    assert users["Users"].get("GenericAll") is None  # users may read, never write


def test_wxs_starts_at_every_users_login_from_hklm_run() -> None:
    root = ET.parse(INSTALLER / "windows" / "PasteWarden.wxs").getroot()
    runs = [
        v for v in root.iter(f"{WIX}RegistryValue")
        if v.get("Key") == r"Software\Microsoft\Windows\CurrentVersion\Run"
    ]  # fmt: skip
    assert len(runs) == 1 and runs[0].get("Root") == "HKLM"
    assert runs[0].get("Value", "").endswith('pastewarden.exe" run')


def test_app_info_plist_is_a_menu_bar_app_with_usage_strings() -> None:
    info = _plist("Info.plist")
    assert info["CFBundleIdentifier"] == BUNDLE_ID
    assert info["LSUIElement"] is True
    assert "browser" in info["NSAppleEventsUsageDescription"]
    assert "Accessibility" in info["PWAccessibilityExplanation"]


def test_launch_agent_runs_at_load_keeps_alive_in_gui_sessions() -> None:
    agent = _plist(f"{BUNDLE_ID}.plist")
    assert agent["Label"] == BUNDLE_ID
    assert agent["RunAtLoad"] is True
    assert agent["KeepAlive"] == {"SuccessfulExit": False}
    assert agent["LimitLoadToSessionType"] == "Aqua"
    assert agent["ProgramArguments"][-1] == "run"


def test_mobileconfig_pregrants_accessibility_manages_login_item_and_carries_policy() -> None:
    profile = _plist("PasteWarden.mobileconfig")
    payloads = {p["PayloadType"]: p for p in profile["PayloadContent"]}
    pppc = payloads["com.apple.TCC.configuration-profile-policy"]["Services"]
    assert pppc["Accessibility"][0]["Identifier"] == BUNDLE_ID
    assert pppc["Accessibility"][0]["Allowed"] is True
    rules = payloads["com.apple.servicemanagement"]["Rules"]
    assert {"RuleType": "Label", "RuleValue": BUNDLE_ID} in [
        {k: r[k] for k in ("RuleType", "RuleValue")} for r in rules
    ]
    assert '"pastewarden.policy/1"' in payloads[BUNDLE_ID]["PolicyJSON"]
    uuids = [profile["PayloadUUID"], *(p["PayloadUUID"] for p in profile["PayloadContent"])]
    assert len(set(uuids)) == len(uuids)


def test_linux_desktop_entry_starts_the_tray() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(INSTALLER / "linux" / "pastewarden.desktop")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].endswith(" run")


def test_release_workflow_builds_and_self_tests_on_the_three_oses() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    build = workflow["jobs"]["build"]
    assert set(build["strategy"]["matrix"]["os"]) == {
        "windows-latest", "macos-latest", "ubuntu-latest",
    }  # fmt: skip
    steps = "\n".join(str(step.get("run", "")) for step in build["steps"])
    assert "self-test" in steps and "installer/build.py" in steps
    assert any("upload-artifact" in str(step.get("uses", "")) for step in build["steps"])


def test_the_spec_keeps_only_english_word_frequencies() -> None:
    spec = (INSTALLER / "pastewarden.spec").read_text()
    assert "large_en.msgpack.gz" in spec and 'collect_data_files("wordfreq")' not in spec
