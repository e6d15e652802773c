"""The installer recipes parse and carry the keys IT depends on (DESIGN.md §2 installer/).

Only parsing and content are checked here: nothing in installer/windows or installer/macos
has been built or run on Windows or macOS.
"""

from __future__ import annotations

import configparser
import plistlib
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))  # installer/ holds scripts, not a package
import wix_harvest  # noqa: E402

from policy.locations import INSTALL_SETTINGS_NAME, read_install_settings  # noqa: E402

WIX = "{http://wixtoolset.org/schemas/v4/wxs}"
BUNDLE_ID = "org.pastewarden.PasteWarden"


def _plist(name: str) -> dict[str, Any]:
    data = plistlib.loads((INSTALLER / "macos" / name).read_bytes())
    assert isinstance(data, dict)
    return data


def _wxs() -> ET.Element:
    return ET.parse(INSTALLER / "windows" / "PasteWarden.wxs").getroot()


def _custom_actions() -> tuple[dict[str, ET.Element], dict[str, str], dict[str, ET.Element]]:
    """CustomAction elements, the command line each is given, and their sequence entries."""
    root = _wxs()
    actions = {a.get("Id", ""): a for a in root.iter(f"{WIX}CustomAction")}
    commands = {a.get("Property", ""): a.get("Value", "") for a in actions.values()}
    sequence = {c.get("Action", ""): c for c in root.iter(f"{WIX}Custom")}
    return actions, commands, sequence


def test_wxs_is_a_per_machine_upgradable_package_with_public_properties() -> None:
    package = _wxs().find(f"{WIX}Package")
    assert package is not None and package.get("Scope") == "perMachine"
    assert len(package.get("UpgradeCode", "")) == 36
    assert package.find(f"{WIX}MajorUpgrade") is not None
    properties = {p.get("Id"): p for p in package.iter(f"{WIX}Property")}
    for name in (
        "POLICY_FILE",
        "POLICY_SIG_FILE",
        "POLICY_PUB_FILE",
        "CENTRAL_FOLDER",
        "POLICY_URL",
    ):
        assert properties[name].get("Secure") == "yes"


def test_wxs_installs_the_harvested_bundle_with_wix_v4_elements_only() -> None:
    root = _wxs()
    assert [g.get("Id") for g in root.iter(f"{WIX}ComponentGroupRef")] == ["BundleFiles"]
    assert not list(root.iter(f"{WIX}Files"))  # WiX v5 only


def test_wxs_installs_to_program_files_and_protects_programdata() -> None:
    root = _wxs()
    standard = {d.get("Id") for d in root.iter(f"{WIX}StandardDirectory")}
    assert {"ProgramFiles64Folder", "CommonAppDataFolder"} <= standard
    util = "{http://wixtoolset.org/schemas/v4/wxs/util}"
    users = {p.get("User"): p for p in root.iter(f"{util}PermissionEx")}
    assert users["Administrators"].get("GenericAll") == "yes"
    assert users["Users"].get("GenericAll") is None  # users may read, never write


def test_wxs_writes_central_folder_and_policy_url_where_the_app_reads_them(
    tmp_path: Path,
) -> None:
    entries = list(_wxs().iter(f"{WIX}IniFile"))
    assert {e.get("Directory") for e in entries} == {"POLICYFOLDER"}
    assert {e.get("Name") for e in entries} == {INSTALL_SETTINGS_NAME}
    # what Windows would write for the two properties, read back by the app's own reader
    lines = [f"{e.get('Key')}={e.get('Value')}" for e in entries]
    (tmp_path / INSTALL_SETTINGS_NAME).write_text(
        f"[{entries[0].get('Section')}]\n" + "\n".join(lines)
    )
    settings = read_install_settings(tmp_path)
    assert (settings.central_folder, settings.policy_url) == ("[CENTRAL_FOLDER]", "[POLICY_URL]")
    conditions = {c.get("Id"): c.get("Condition") for c in _wxs().iter(f"{WIX}Component")}
    assert conditions["InstallCentralFolder"] == "CENTRAL_FOLDER"
    assert conditions["InstallPolicyUrl"] == "POLICY_URL"


def test_wxs_registers_the_restarting_logon_task_instead_of_a_run_key() -> None:
    assert not [v for v in _wxs().iter(f"{WIX}RegistryValue") if "Run" in v.get("Key", "")]
    actions, commands, sequence = _custom_actions()
    assert commands["RegisterTasks"].endswith('pastewarden.exe" autostart machine-enable')
    assert commands["RemoveTasks"].endswith('pastewarden.exe" autostart machine-disable')
    for name in ("RegisterTasks", "RemoveTasks"):
        assert (
            actions[name].get("Execute") == "deferred" and actions[name].get("Impersonate") == "no"
        )
    assert sequence["RegisterTasks"].get("After") == "WriteIniValues"  # reads install.ini
    assert sequence["RemoveTasks"].get("Condition") == 'REMOVE="ALL"'


def test_wxs_fetches_the_policy_once_when_policy_url_is_set_without_failing_the_install() -> None:
    actions, commands, sequence = _custom_actions()
    assert commands["FetchPolicy"].endswith('pastewarden.exe" policy fetch')
    assert actions["FetchPolicy"].get("Return") == "ignore"
    assert sequence["FetchPolicy"].get("Condition") == "POLICY_URL AND NOT REMOVE"
    assert commands["CopyPub"].endswith('[POLICYFOLDER]policy.pub"')  # the key fetch trusts


def test_harvested_fragment_lists_every_file_once_with_stable_valid_ids(tmp_path: Path) -> None:
    bundle = tmp_path / "PasteWarden"
    (bundle / "_internal" / "Py Side6" / "plugins").mkdir(parents=True)
    for name in (
        "pastewarden.exe",
        "_internal/base_library.zip",
        "_internal/Py Side6/plugins/qwindows.dll",
        "_internal/Py Side6/Qt6Core.dll",
    ):
        (bundle / name).write_bytes(b"x")  # fmt: skip
    text = wix_harvest.fragment(bundle)
    root = ET.fromstring(text)
    files = [f.get("Source") for f in root.iter(f"{WIX}File")]
    assert sorted(files) == sorted([
        "$(var.BundleDir)\\pastewarden.exe", "$(var.BundleDir)\\_internal\\base_library.zip",
        "$(var.BundleDir)\\_internal\\Py Side6\\plugins\\qwindows.dll",
        "$(var.BundleDir)\\_internal\\Py Side6\\Qt6Core.dll",
    ])  # fmt: skip
    components = [c.get("Id") for c in root.iter(f"{WIX}Component")]
    group = root.find(f"{WIX}Fragment/{WIX}ComponentGroup")
    assert group is not None and group.get("Id") == "BundleFiles"
    assert [r.get("Id") for r in group] == components and len(set(components)) == 4
    ids = [e.get("Id", "") for e in root.iter() if e.get("Id") and e.tag != f"{WIX}DirectoryRef"]
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]{0,71}", i) for i in ids)
    assert wix_harvest.fragment(bundle) == text  # same ids on every build: upgrades match


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


def test_the_spec_keeps_only_the_word_frequencies_the_detectors_read() -> None:
    spec = (INSTALLER / "pastewarden.spec").read_text()
    assert "large_en.msgpack.gz" in spec and "small_es.msgpack.gz" in spec
    assert 'collect_data_files("wordfreq")' not in spec
